/* pdu_scan.c - whole DCE/RPC PDUs among a frame's data (pdu_scan.h). */
#include "pdu_scan.h"
#include "dcerpc_pdu.h"

#include <string.h>

#define AUTHN_LEVEL_PKT_PRIVACY 6   /* MS-RPCE 2.2.1.1.8 */

/* p_cont_list_t after the bind's 8 bytes of max_xmit_frag, max_recv_frag, assoc_group_id
 * (C706 12.6.4.3): n_context_elem, 3 reserved, then each p_cont_elem_t: p_cont_id, n_transfer_syn,
 * reserved, the abstract syntax (20 bytes) and n_transfer_syn transfer syntaxes (20 each). */
static void read_contexts(csvp_cursor *c, csvp_pdu *p)
{
    csvp_cur_skip(c, 8, "max_xmit_frag, max_recv_frag, assoc_group_id");
    guint n = csvp_dce_read_list_count(c, "n_context_elem");
    for (guint i = 0; i < n && csvp_cur_ok(c); i++) {
        guint16 id = csvp_cur_u16(c, "p_cont_id");
        guint n_syn = csvp_cur_u8(c, "n_transfer_syn");
        csvp_cur_skip(c, 1 + 20 + 20 * (gsize)n_syn, "syntaxes");
        if (csvp_cur_ok(c) && p->n_contexts < CSVP_MAX_BIND_CONTEXTS)
            p->contexts[p->n_contexts++] = id;
    }
}

/* The stub of a request or response: after its fixed body, up to the auth padding and
 * sec_trailer (MS-RPCE 2.2.2.11) when the PDU is authenticated. */
static bool read_stub(csvp_cursor *c, const csvp_dce_hdr *h, csvp_pdu *p)
{
    csvp_dce_body b = { 0 };
    csvp_dce_read_body(c, h, &b);
    p->p_cont_id = b.p_cont_id;
    p->opnum = b.opnum;
    if (!csvp_cur_ok(c))
        return false;
    gsize end = h->frag_length;
    if (h->auth_length) {
        csvp_sec_trailer t;
        char *err = NULL;
        bool ok = csvp_sec_trailer_parse(c->data, h->frag_length, c->off, h->auth_length, h->le, &t, &err);
        g_free(err);
        if (!ok || t.auth_pad_length > t.trailer_off - c->off)
            return false;
        p->sealed = t.auth_level == AUTHN_LEVEL_PKT_PRIVACY;
        end = t.trailer_off - t.auth_pad_length;
    }
    p->stub_offset = (guint32)csvp_cur_pos(c);
    p->stub_len = (guint32)(end - c->off);
    p->stub = csvp_cur_bytes(c, p->stub_len, "stub");
    return csvp_cur_ok(c);
}

/* A whole PDU of a wanted type at b + off (n bytes in all), or false. */
static bool read_pdu(tvbuff_t *tvb, const guint8 *b, guint off, guint n, csvp_pdu *p)
{
    csvp_cursor c = csvp_cur_make(b + off, n - off, true, off);
    csvp_dce_hdr h;
    if (!csvp_dce_read_header(&c, &h))
        return false;
    bool wanted = h.ptype == DCE_REQUEST || h.ptype == DCE_RESPONSE || h.ptype == DCE_BIND ||
                  h.ptype == DCE_ALTER_CONTEXT;
    if (h.vers != 5 || h.vers_minor > 1 || !wanted ||
        (h.flags & (DCE_PFC_FIRST_FRAG | DCE_PFC_LAST_FRAG)) != (DCE_PFC_FIRST_FRAG | DCE_PFC_LAST_FRAG) ||
        (h.drep[0] & 0xEE) != 0 || h.frag_length < csvp_dce_min_len(h.ptype) || h.frag_length > n - off)
        return false;
    *p = (csvp_pdu){ .tvb = tvb, .offset = off, .ptype = h.ptype, .flags = h.flags, .frag_length = h.frag_length,
                     .call_id = h.call_id, .authenticated = h.auth_length > 0 };
    memcpy(p->drep, h.drep, 4);
    csvp_cursor body = csvp_cur_make(b + off, h.frag_length, h.le, off);   /* the PDU ends at frag_length */
    csvp_cur_skip(&body, CSVP_DCE_HDR_LEN, "common header");
    if (h.ptype == DCE_BIND || h.ptype == DCE_ALTER_CONTEXT) {
        read_contexts(&body, p);
        return true;
    }
    return read_stub(&body, &h, p);
}

void csvp_pdu_scan(packet_info *pinfo, bool (*fn)(const csvp_pdu *p, void *user), void *user)
{
    for (GSList *s = pinfo->data_src; s; s = s->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)s->data);
        guint n = tvb_captured_length(tvb);
        const guint8 *b = n ? tvb_get_ptr(tvb, 0, (gint)n) : NULL;
        for (guint off = 0; b && off + CSVP_DCE_HDR_LEN <= n; off++) {
            csvp_pdu p;
            if (!read_pdu(tvb, b, off, n, &p))
                continue;
            if (!fn(&p, user))
                return;
            off += p.frag_length - 1u;   /* the next PDU starts after this one */
        }
    }
}
