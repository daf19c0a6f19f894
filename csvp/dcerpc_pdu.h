/* dcerpc_pdu.h - the connection-oriented DCE/RPC PDU (C706 chapter 12) as the capture library and
 * the plugin read it: packet types, pfc_flags, the common header and the fixed body of requests,
 * responses and faults, and the sec_trailer (dcerpc_pdu.c), through the cursor. Inline: every PDU, and every byte the capture side
 * hunts through for a header, passes here, and the cursor stays in registers.
 */
#ifndef CSVP_DCERPC_PDU_H
#define CSVP_DCERPC_PDU_H

#include "cursor.h"

/* Packet types (C706 12.6.4.1). */
enum {
    DCE_REQUEST = 0, DCE_PING = 1, DCE_RESPONSE = 2, DCE_FAULT = 3,
    DCE_BIND = 11, DCE_BIND_ACK = 12, DCE_BIND_NAK = 13, DCE_ALTER_CONTEXT = 14,
    DCE_ALTER_CONTEXT_RESP = 15, DCE_AUTH3 = 16, DCE_SHUTDOWN = 17, DCE_CO_CANCEL = 18,
    DCE_ORPHANED = 19,
};
#define DCE_PFC_FIRST_FRAG 0x01
#define DCE_PFC_LAST_FRAG 0x02
#define DCE_PFC_OBJECT_UUID 0x80
#define CSVP_DCE_HDR_LEN 16   /* the common header (C706 12.6.3.1) */

typedef struct csvp_dce_hdr {
    guint8 vers, vers_minor, ptype, flags;
    const guint8 *drep;
    bool le;                /* drep: little-endian integers */
    guint16 frag_length, auth_length;
    guint32 call_id;
} csvp_dce_hdr;

/* What the fixed body of a request, response or fault says (the others have parsers of their own). */
typedef struct csvp_dce_body {
    guint16 p_cont_id;
    guint16 opnum;          /* request */
    const guint8 *object;   /* request with PFC_OBJECT_UUID, in drep order */
    guint32 status;         /* fault */
} csvp_dce_body;

/* Reads the common header; c is then in the PDU's byte order. */
G_ALWAYS_INLINE static inline bool csvp_dce_read_header(csvp_cursor *c, csvp_dce_hdr *h)
{
    if (!csvp_cur_need(c, CSVP_DCE_HDR_LEN, "common header"))   /* one check for the fixed fields below */
        return false;
    h->vers = csvp_cur_u8(c, "rpc_vers");
    h->vers_minor = csvp_cur_u8(c, "rpc_vers_minor");
    h->ptype = csvp_cur_u8(c, "PTYPE");
    h->flags = csvp_cur_u8(c, "pfc_flags");
    h->drep = csvp_cur_bytes(c, 4, "packed_drep");
    h->le = (h->drep[0] & 0x10) != 0;
    c->le = h->le;
    h->frag_length = csvp_cur_u16(c, "frag_length");
    h->auth_length = csvp_cur_u16(c, "auth_length");
    h->call_id = csvp_cur_u32(c, "call_id");
    return true;
}

/* Smallest legal PDU for a packet type (header plus fixed body, C706 12.6.4). */
static inline guint32 csvp_dce_min_len(guint8 t)
{
    switch (t) {
    case DCE_REQUEST: case DCE_RESPONSE: return 24;
    case DCE_FAULT: return 32;
    case DCE_BIND: case DCE_ALTER_CONTEXT: return 28;
    case DCE_BIND_ACK: case DCE_ALTER_CONTEXT_RESP: return 26;
    case DCE_BIND_NAK: return 18;
    case DCE_AUTH3: return 20;
    default: return CSVP_DCE_HDR_LEN;
    }
}

/* The fixed body after the header (C706 12.6.4.9, 12.6.4.10, 12.6.4.7): what requests, responses
 * and faults carry is kept in b; the other types' fixed fields are passed over, as their parsers
 * read them. */
static inline void csvp_dce_read_body(csvp_cursor *c, const csvp_dce_hdr *h, csvp_dce_body *b)
{
    switch (h->ptype) {
    case DCE_REQUEST:
        csvp_cur_skip(c, 4, "alloc_hint");
        b->p_cont_id = csvp_cur_u16(c, "p_cont_id");
        b->opnum = csvp_cur_u16(c, "opnum");
        if (h->flags & DCE_PFC_OBJECT_UUID)
            b->object = csvp_cur_bytes(c, 16, "object");
        break;
    case DCE_RESPONSE:
    case DCE_FAULT:
        csvp_cur_skip(c, 4, "alloc_hint");
        b->p_cont_id = csvp_cur_u16(c, "p_cont_id");
        csvp_cur_skip(c, 2, "cancel_count, reserved");
        if (h->ptype == DCE_FAULT) {
            b->status = csvp_cur_u32(c, "status");
            csvp_cur_skip(c, 4, "reserved");
        }
        break;
    default:
        csvp_cur_skip(c, csvp_dce_min_len(h->ptype) - CSVP_DCE_HDR_LEN, "fixed body");
    }
}

/* The head of a bind's p_cont_list_t or a bind_ack's p_result_list_t (C706 12.6.3.1): the element
 * count and three reserved bytes. */
static inline guint csvp_dce_read_list_count(csvp_cursor *c, const char *what)
{
    guint n = csvp_cur_u8(c, what);
    csvp_cur_skip(c, 3, "reserved");
    return n;
}

/* sec_trailer (MS-RPCE 2.2.2.11) and where the parts of the PDU lie. */
#define CSVP_SEC_TRAILER_LEN 8
typedef struct csvp_sec_trailer {
    guint8 auth_type, auth_level, auth_pad_length;
    guint32 auth_context_id;
    gsize trailer_off;        /* offset of the sec_trailer in the PDU */
    const guint8 *auth_value;
    gsize auth_len;
} csvp_sec_trailer;

/* Reads the sec_trailer of a PDU of flen bytes whose fixed header and body take `body` bytes and
 * whose header says auth_length alen. On false *err (g_free) says what is wrong. auth_pad_length is
 * the caller's to check against the stub. */
bool csvp_sec_trailer_parse(const guint8 *pdu, gsize flen, gsize body, guint32 alen, bool le, csvp_sec_trailer *t,
                            char **err);

#endif
