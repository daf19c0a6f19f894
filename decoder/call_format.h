/* call_format.h - a matched call decoded with the csvp walker, and its text
 * line / JSON object (json-output.md "call"). */
#ifndef CSVP_CALL_FORMAT_H
#define CSVP_CALL_FORMAT_H

#include "cmd_opts.h"
#include "node.h"
#include "rpc_call.h"

typedef struct decoded_call {
    rpc_call *call;
    const csvp_interface *itf;   /* NULL: not an MS-CSVP interface */
    const csvp_method *method;   /* NULL: opnum outside the interface */
    csvp_tree *req, *resp;       /* NULL when absent, sealed or not decodable */
    bool has_hresult;
    guint32 hresult;
    guint n_errors;              /* capture-layer errors + walker problems */
    bool inferred;               /* no bind seen: the interface is the only one whose method decodes the stubs */
} decoded_call;

/* flags: CSVP_DECODE_* for the walker (one-line text output skips blob contents). */
/* The host part of "10.0.0.5:49712" or "[fd00::5]:49712" (newly allocated). */
char *endpoint_host(const char *endpoint);
/* dec: the decoding context of the thread that calls (csvp_decoder_new). */
void decoded_call_init(decoded_call *d, csvp_decoder *dec, rpc_call *call, guint flags);
void decoded_call_clear(decoded_call *d);
/* "CprepDiskAttach" or "opnum 99". */
void format_method_name(GString *out, const decoded_call *d);
/* "S_OK", "ERROR_INVALID_STATE", "0x80071234", "FAULT nca_s_op_rng_error", "no response". */
void format_status(GString *out, const decoded_call *d);
void format_call_text(GString *out, const decoded_call *d, const cmd_opts *o);
/* A fault whose request was not decoded (not captured, or dropped as malformed): shown at the
 * fault's own frame and time, naming no method (json-output.md "fault"). */
bool is_orphan_fault(const decoded_call *d);
void format_fault_text(GString *out, const decoded_call *d, const cmd_opts *o);
void format_fault_json(GString *out, const decoded_call *d, const cmd_opts *o);
/* extra: more keys for the object (",\"state\":{...}"), or NULL. */
void format_call_json(GString *out, const decoded_call *d, const cmd_opts *o, const char *extra);

#endif
