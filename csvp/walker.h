/* walker.h - the table-driven NDR 2.0 walker.
 *
 * Decodes one stub (request: ORPCTHIS then the [in] parameters; response:
 * ORPCTHAT, the [out] parameters, then the HRESULT) into a csvp_tree.
 * Every count is checked against the bytes left before it is used; depth and
 * element totals are bounded; a fatal problem stops that stub only and the
 * partial tree is kept.
 */
#ifndef CSVP_WALKER_H
#define CSVP_WALKER_H

#include "node.h"

/* The member that carries a response's return value: field csvp.hresult. */
extern const csvp_member csvp_return_member;
/* ORPCTHIS / ORPCTHAT (MS-DCOM 2.2.13.1, 2.2.13.3). */
extern const csvp_member csvp_orpcthis_member;
extern const csvp_member csvp_orpcthat_member;

/* IRemUnknown (00000131-0000-0000-c000-000000000046) opnum 3, MS-DCOM 3.1.1.5.6.1.1: read by
 * csvpdump's auditor to learn which IPIDs belong to one object. */
#define CSVP_IREMUNKNOWN_UUID "00000131-0000-0000-c000-000000000046"
extern const csvp_method csvp_remqueryinterface;

/* The header members a SAFEARRAY node carries as meta children (for registering Wireshark fields). */
const csvp_member *const *csvp_safearray_members(size_t *n);
/* For a SAFEARRAY of records: "array" or "per_record", the layout pRecord was found in
 * (csvp/ERRATA.md item 8); NULL for other nodes. */
const char *csvp_safearray_record_layout(const csvp_node *sa);

/* The decoding context, as Samba's ndr_pull or tcpdump's netdissect_options: the caller creates
 * one per thread that decodes and passes it to every decode; it keeps the node arena and the
 * deferred-pointer stack from one stub to the next. The trees it made go back to it when freed
 * (csvp_tree_free, on the thread that uses it); free them before it. */
csvp_decoder *csvp_decoder_new(void);
void csvp_decoder_free(csvp_decoder *dec);

/* drep: the PDU's data representation label; drep[0] & 0x10 means little-endian integers. */
csvp_tree *csvp_decode_stub(csvp_decoder *dec, const csvp_method *m, int dir, const guint8 *data, guint32 len,
                            const guint8 drep[4]);

/* Leave byte buffers with formats of their own undecoded (callers that will not show them). */
#define CSVP_DECODE_NO_BLOBS 0x1
/* Leave ORPCTHIS/ORPCTHAT out of the tree when they carry no extensions (callers that will not show them). */
#define CSVP_DECODE_NO_META 0x2
csvp_tree *csvp_decode_stub_flags(csvp_decoder *dec, const csvp_method *m, int dir, const guint8 *data,
                                  guint32 len, const guint8 drep[4], guint flags);

/* Decode a value of type ty from a byte range (used by tests and by SAFEARRAY records). */
csvp_tree *csvp_decode_type(csvp_decoder *dec, const csvp_type *ty, const csvp_member *as, const guint8 *data,
                            guint32 len, const guint8 drep[4]);

#endif
