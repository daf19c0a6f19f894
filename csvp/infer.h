/* infer.h - the interface of a call whose bind the capture missed (infer.c).
 *
 * DCE/RPC names a call's interface only through the presentation context its bind negotiated
 * (C706 12.6.4.3); a capture that starts later has no bind. The opnum and the stubs usually leave
 * one candidate: the only MS-CSVP method with that opnum whose request and response both decode
 * completely. Anything else stays unknown rather than guessed. csvpdump and the plugin both ask here.
 */
#ifndef CSVP_INFER_H
#define CSVP_INFER_H

#include "walker.h"

/* The method (and its interface in *itf), or NULL when none or several fit. resp NULL: no response
 * was seen, and the request alone decides. */
const csvp_method *csvp_infer_method(csvp_decoder *dec, guint opnum, const guint8 *req, guint32 req_len,
                                     const guint8 req_drep[4], const guint8 *resp, guint32 resp_len,
                                     const guint8 resp_drep[4], const csvp_interface **itf);

#endif
