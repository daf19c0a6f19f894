/* pdu_scan.c - whole DCE/RPC PDUs among a frame's data (pdu_scan.h). */
#include "pdu_scan.h"
#include "cursor.h"

#define PFC_FIRST_LAST 0x03
#define PFC_OBJECT_UUID 0x80
#define HDR_LEN 16                  /* the common header (C706 12.6.3.1) */
#define SEC_TRAILER_LEN 8           /* before the auth value (C706 13.2.6.1) */
#define AUTHN_LEVEL_PKT_PRIVACY 6   /* MS-RPCE 2.2.1.1.8 */

/* p_cont_list_t after the bind's 8 bytes of max_xmit_frag, max_recv_frag, assoc_group_id
 * (C706 12.6.4.3): n_context_elem, 3 reserved, then each p_cont_elem_t: p_cont_id, n_transfer_syn,
 * reserved, the abstract syntax (20 bytes) and n_transfer_syn transfer syntaxes (20 each). */
static void read_contexts(csvp_cursor *c, csvp_pdu *p)
{
    csvp_cur_skip(c, 8, "max_xmit_frag, max_recv_frag, assoc_group_id");
    guint n = csvp_cur_u8(c, "n_context_elem");
    csvp_cur_skip(c, 3, "reserved");
    for (guint i = 0; i < n && csvp_cur_ok(c); i++) {
        guint16 id = csvp_cur_u16(c, "p_cont_id");
        guint n_syn = csvp_cur_u8(c, "n_transfer_syn");
        csvp_cur_skip(c, 1 + 20 + 20 * (gsize)n_syn, "syntaxes");
        if (csvp_cur_ok(c) && p->n_contexts < CSVP_MAX_BIND_CONTEXTS)
            p->contexts[p->n_contexts++] = id;
    }
}

/* The stub of a request or response: after its 8 (request: and maybe 16 object) header bytes, up
 * to the sec_trailer, less the auth padding the trailer names. */
static bool read_stub(csvp_cursor *c, csvp_pdu *p, guint16 auth_length)
{
    csvp_cur_u32(c, "alloc_hint");
    p->p_cont_id = csvp_cur_u16(c, "p_cont_id");
    p->opnum = csvp_cur_u16(c, "opnum or cancel_count");   /* the response's is not an opnum */
    if (p->ptype == CSVP_PTYPE_REQUEST && (p->flags & PFC_OBJECT_UUID))
        csvp_cur_skip(c, 16, "object");
    gsize trailer = auth_length ? (gsize)auth_length + SEC_TRAILER_LEN : 0;
    if (!csvp_cur_ok(c) || csvp_cur_left(c) < trailer)
        return false;
    p->stub_offset = (guint32)csvp_cur_pos(c);
    p->stub_len = (guint32)(csvp_cur_left(c) - trailer);
    p->stub = csvp_cur_bytes(c, p->stub_len, "stub");
    if (auth_length) {
        csvp_cur_skip(c, 1, "auth_type");
        p->sealed = csvp_cur_u8(c, "auth_level") == AUTHN_LEVEL_PKT_PRIVACY;
        guint8 pad = csvp_cur_u8(c, "auth_pad_length");
        if (!csvp_cur_ok(c) || pad > p->stub_len)
            return false;
        p->stub_len -= pad;
    }
    return true;
}

/* A whole PDU of a wanted type at b (n bytes left), or false. */
static bool read_pdu(tvbuff_t *tvb, const guint8 *b, guint off, guint n, csvp_pdu *p)
{
    csvp_cursor c = csvp_cur_make(b + off, n - off, true, off);
    guint8 vers = csvp_cur_u8(&c, "rpc_vers"), minor = csvp_cur_u8(&c, "rpc_vers_minor");
    *p = (csvp_pdu){ .tvb = tvb, .offset = off };
    p->ptype = csvp_cur_u8(&c, "PTYPE");
    p->flags = csvp_cur_u8(&c, "pfc_flags");
    csvp_cur_copy(&c, p->drep, 4, "packed_drep");
    bool wanted = p->ptype == CSVP_PTYPE_REQUEST || p->ptype == CSVP_PTYPE_RESPONSE ||
                  p->ptype == CSVP_PTYPE_BIND || p->ptype == CSVP_PTYPE_ALTER_CONTEXT;
    if (!csvp_cur_ok(&c) || vers != 5 || minor > 1 || !wanted || (p->flags & PFC_FIRST_LAST) != PFC_FIRST_LAST ||
        (p->drep[0] & 0xEE) != 0)
        return false;
    c.le = p->drep[0] & 0x10;
    p->frag_length = csvp_cur_u16(&c, "frag_length");
    guint16 auth_length = csvp_cur_u16(&c, "auth_length");
    p->call_id = csvp_cur_u32(&c, "call_id");
    p->authenticated = auth_length > 0;
    if (!csvp_cur_ok(&c) || p->frag_length < HDR_LEN || p->frag_length > n - off)
        return false;
    csvp_cursor body = csvp_cur_make(b + off, p->frag_length, c.le, off);   /* the PDU ends at frag_length */
    csvp_cur_skip(&body, HDR_LEN, "common header");
    if (p->ptype == CSVP_PTYPE_BIND || p->ptype == CSVP_PTYPE_ALTER_CONTEXT) {
        read_contexts(&body, p);
        return true;
    }
    return read_stub(&body, p, auth_length);
}

void csvp_pdu_scan(packet_info *pinfo, bool (*fn)(const csvp_pdu *p, void *user), void *user)
{
    for (GSList *s = pinfo->data_src; s; s = s->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)s->data);
        guint n = tvb_captured_length(tvb);
        const guint8 *b = n ? tvb_get_ptr(tvb, 0, (gint)n) : NULL;
        for (guint off = 0; b && off + HDR_LEN <= n; off++) {
            csvp_pdu p;
            if (!read_pdu(tvb, b, off, n, &p))
                continue;
            if (!fn(&p, user))
                return;
            off += p.frag_length - 1u;   /* the next PDU starts after this one */
        }
    }
}
