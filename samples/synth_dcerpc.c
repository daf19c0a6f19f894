/* synth_dcerpc.c - DCE/RPC connection-oriented PDUs (C706 chapter 12,
 * MS-RPCE 2.2.2): bind with an NDR 2.0 and an NDR64 presentation context,
 * bind_ack accepting NDR 2.0 and rejecting NDR64 as Windows does, requests
 * with PFC_OBJECT_UUID (the IPID), responses and faults, fragmented at the
 * negotiated max fragment size. Stubs come from csvp_encode_stub. */
#include "synth.h"
#include "ndr_encode.h"

#include <string.h>

enum { PT_REQUEST = 0, PT_RESPONSE = 2, PT_FAULT = 3, PT_BIND = 11, PT_BIND_ACK = 12, PT_ALTER_CONTEXT = 14,
       PT_ALTER_CONTEXT_RESP = 15, PT_AUTH3 = 16 };
enum { RPC_C_AUTHN_GSS_NEGOTIATE = 9, RPC_C_AUTHN_WINNT = 10, RPC_C_AUTHN_LEVEL_CONNECT = 2, RPC_C_AUTHN_LEVEL_PKT_INTEGRITY = 5,
       RPC_C_AUTHN_LEVEL_PKT_PRIVACY = 6 };
enum { PFC_SUPPORT_HEADER_SIGN = 0x04 };   /* MS-RPCE 2.2.2.3, in bind, bind_ack and alter_context */
#define AUTH_CONTEXT_ID 0x00000000u
#define VERIFIER_LEN (8 + 16)   /* sec_trailer + NTLMSSP_MESSAGE_SIGNATURE */
enum { PFC_FIRST_FRAG = 0x01, PFC_LAST_FRAG = 0x02, PFC_DID_NOT_EXECUTE = 0x20, PFC_OBJECT_UUID = 0x80 };
static const guint8 server_drep[4] = { 0x10, 0, 0, 0 };   /* Windows: little-endian, ASCII, IEEE */
static const char ndr20[] = "8a885d04-1ceb-11c9-9fe8-08002b104860";
static const char ndr64[] = "71710533-beba-4937-8319-b5dbef9ccc36";

/* ---- byte order of the PDU's label ---- */

static void put_n(GByteArray *b, const guint8 drep[4], guint size, guint32 v)
{
    guint8 x[4];
    bool le = drep[0] & 0x10;
    for (guint i = 0; i < size; i++)
        x[i] = (guint8)(v >> (le ? 8 * i : 8 * (size - 1 - i)));
    g_byte_array_append(b, x, size);
}

/* A UUID on the wire: data1..3 in the label's byte order (C706 Appendix A). */
static void put_uuid(GByteArray *b, const guint8 drep[4], const guint8 g[16])
{
    put_n(b, drep, 4, (guint32)g[0] << 24 | (guint32)g[1] << 16 | (guint32)g[2] << 8 | g[3]);
    put_n(b, drep, 2, (guint32)g[4] << 8 | g[5]);
    put_n(b, drep, 2, (guint32)g[6] << 8 | g[7]);
    g_byte_array_append(b, g + 8, 8);
}

static void put_syntax(GByteArray *b, const guint8 drep[4], const char *uuid, guint16 major, guint16 minor)
{
    guint8 g[16];
    csvp_guid_parse(uuid, g);
    put_uuid(b, drep, g);
    put_n(b, drep, 2, major);
    put_n(b, drep, 2, minor);
}

/* Room a fragment leaves for the auth verifier and its padding. */
static guint auth_room(const synth_rpc *r)
{
    return r->krb ? 8 + synth_krb5_token_len(r->krb) + 15 : r->ntlm ? VERIFIER_LEN + 7 : 0;
}

static GByteArray *pdu_auth(const guint8 drep[4], guint8 ptype, guint8 flags, guint32 call_id, const guint8 *body,
                            guint body_len, guint auth_len)
{
    GByteArray *b = g_byte_array_new();
    guint8 h[4] = { 5, 0, ptype, flags };
    g_byte_array_append(b, h, 4);
    g_byte_array_append(b, drep, 4);
    put_n(b, drep, 2, 16 + body_len);   /* frag_length */
    put_n(b, drep, 2, auth_len);        /* auth_length */
    put_n(b, drep, 4, call_id);
    g_byte_array_append(b, body, body_len);
    return b;
}

GByteArray *synth_rpc_pdu(const guint8 drep[4], guint8 ptype, guint8 flags, guint32 call_id, const guint8 *body,
                          guint body_len)
{
    return pdu_auth(drep, ptype, flags, call_id, body, body_len, 0);
}

/* Append an auth verifier (MS-RPCE 2.2.2.11): `pad` bytes of padding, the sec_trailer, then the token.
 * Returns the token length (auth_length). add_verifier pads to put the sec_trailer on a 4-byte boundary
 * of the PDU. */
static guint add_verifier_pad(const synth_rpc *r, GByteArray *body, const guint8 drep[4], GByteArray *token, guint8 pad)
{
    static const guint8 zeros[16];
    g_byte_array_append(body, zeros, pad);
    guint8 level = r->krb || (r->sealed && !r->integrity) ? RPC_C_AUTHN_LEVEL_PKT_PRIVACY
                   : r->sealed ? RPC_C_AUTHN_LEVEL_PKT_INTEGRITY : RPC_C_AUTHN_LEVEL_CONNECT;
    guint8 t[4] = { r->krb ? r->krb->o.auth_type : r->spnego ? RPC_C_AUTHN_GSS_NEGOTIATE : RPC_C_AUTHN_WINNT, level,
                    pad, 0 };
    g_byte_array_append(body, t, 4);
    put_n(body, drep, 4, AUTH_CONTEXT_ID);
    g_byte_array_append(body, token->data, token->len);
    guint len = token->len;
    g_byte_array_free(token, TRUE);
    return len;
}

static guint add_verifier(const synth_rpc *r, GByteArray *body, const guint8 drep[4], GByteArray *token)
{
    return add_verifier_pad(r, body, drep, token, (guint8)((4 - (16 + body->len) % 4) % 4));
}

static void send_pdu(synth_rpc *r, int side, GByteArray *pdu)
{
    synth_seg_opts o = r->seg;
    synth_tcp_send(&r->tcp, side, pdu->data, pdu->len, &o);
    r->seg = SYNTH_SEG_PLAIN;
    g_byte_array_free(pdu, TRUE);
}

/* ---- alter_context / alter_context_resp (C706 12.6.4.1, 12.6.4.2) ---- */

/* An alter_context body proposing one context, ctx_id: the interface in NDR 2.0. */
static GByteArray *alter_context_body(const synth_rpc *r, guint16 ctx_id)
{
    GByteArray *b = g_byte_array_new();
    put_n(b, r->drep, 2, 5840);
    put_n(b, r->drep, 2, 5840);
    put_n(b, r->drep, 4, r->assoc_group);
    guint8 n_ctx[4] = { 1, 0, 0, 0 }, nts[2] = { 1, 0 };
    g_byte_array_append(b, n_ctx, 4);
    put_n(b, r->drep, 2, ctx_id);
    g_byte_array_append(b, nts, 2);
    put_syntax(b, r->drep, r->itf->uuid, r->itf->ver_major, r->itf->ver_minor);
    put_syntax(b, r->drep, ndr20, 2, 0);
    return b;
}

/* The server's alter_context_resp body accepting it with NDR 2.0. */
static GByteArray *alter_context_resp_body(const synth_rpc *r)
{
    GByteArray *b = g_byte_array_new();
    put_n(b, server_drep, 2, r->max_frag);
    put_n(b, server_drep, 2, r->max_frag);
    put_n(b, server_drep, 4, r->assoc_group);
    put_n(b, server_drep, 2, 0);       /* no secondary address, then padding to 4 */
    put_n(b, server_drep, 2, 0);
    guint8 n_res[4] = { 1, 0, 0, 0 };
    g_byte_array_append(b, n_res, 4);
    put_n(b, server_drep, 2, 0);       /* acceptance */
    put_n(b, server_drep, 2, 0);
    put_syntax(b, server_drep, ndr20, 2, 0);
    return b;
}

/* ---- Kerberos handshake tokens (RFC 4121 4.1 DCE style, MS-RPCE 3.3.1.5.2), in SPNEGO for auth_type 9 ---- */

static bool krb_spnego(const synth_rpc *r)
{
    return r->krb->o.auth_type == 9;
}

static GByteArray *krb_bind_token(synth_rpc *r)
{
    GByteArray *t = synth_krb5_ap_req(r->krb);
    return krb_spnego(r) ? synth_spnego_init(synth_krb5_mechs, sizeof synth_krb5_mechs, t) : t;
}

static GByteArray *krb_bind_ack_token(synth_rpc *r)
{
    GByteArray *t = synth_krb5_ap_rep(r->krb, false);
    return krb_spnego(r) ? synth_spnego_resp(1, synth_oid_ms_krb5, sizeof synth_oid_ms_krb5, t) : t;   /* accept-incomplete */
}

static GByteArray *krb_third_leg_token(synth_rpc *r)
{
    GByteArray *t = synth_krb5_ap_rep(r->krb, true);
    return krb_spnego(r) ? synth_spnego_resp(-1, NULL, 0, t) : t;
}

static guint8 krb_flags(const synth_rpc *r)
{
    return PFC_FIRST_FRAG | PFC_LAST_FRAG | (r->krb && r->krb->o.header_sign ? PFC_SUPPORT_HEADER_SIGN : 0);
}


/* The DCE-style third leg in alter_context (context 0 again) and the server's alter_context_resp
 * (SPNEGO accept-completed; no token for raw Kerberos). */
static void krb_alter_context_leg(synth_rpc *r)
{
    synth_cap *c = r->tcp.cap;
    GByteArray *b = alter_context_body(r, 0);
    guint auth = add_verifier(r, b, r->drep, krb_third_leg_token(r));
    GByteArray *pdu = pdu_auth(r->drep, PT_ALTER_CONTEXT, krb_flags(r), r->call_id, b->data, b->len, auth);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_CLIENT, pdu);
    synth_wait(c, 2 * SYNTH_HALF_RTT_US + synth_rand_range(&c->rng, 40, 120));
    b = alter_context_resp_body(r);
    auth = krb_spnego(r) ? add_verifier(r, b, server_drep, synth_spnego_resp(0, NULL, 0, NULL)) : 0;
    pdu = pdu_auth(server_drep, PT_ALTER_CONTEXT_RESP, PFC_FIRST_FRAG | PFC_LAST_FRAG, r->call_id, b->data, b->len,
                   auth);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_SERVER, pdu);
    synth_wait(c, synth_rand_range(&c->rng, 100, 300));
}

/* A token of the sealed logon as the auth type carries it: NTLMSSP as is, or inside SPNEGO. */
static GByteArray *logon_token(const synth_rpc *r, GByteArray *ntlm, int leg)
{
    if (!r->spnego)
        return ntlm;
    switch (leg) {
    case SYNTH_SPNEGO_INIT:
        return synth_spnego_init(synth_oid_ntlmssp, sizeof synth_oid_ntlmssp, ntlm);
    case SYNTH_SPNEGO_SERVER:   /* accept-incomplete, supportedMech NTLMSSP */
        return synth_spnego_resp(1, synth_oid_ntlmssp, sizeof synth_oid_ntlmssp, ntlm);
    default:
        return synth_spnego_resp(-1, NULL, 0, ntlm);
    }
}

/* ---- bind / bind_ack (C706 12.6.4.3, 12.6.4.4) ---- */

static void rpc_bind(synth_rpc *r)
{
    synth_cap *c = r->tcp.cap;
    guint8 itf[16];
    csvp_guid_parse(r->itf->uuid, itf);
    GByteArray *b = g_byte_array_new();
    put_n(b, r->drep, 2, 5840);         /* max_xmit_frag */
    put_n(b, r->drep, 2, 5840);         /* max_recv_frag */
    put_n(b, r->drep, 4, 0);            /* assoc_group_id: a new group */
    guint8 n_ctx[4] = { 2, 0, 0, 0 };
    g_byte_array_append(b, n_ctx, 4);
    for (guint16 id = 0; id < 2; id++) {
        put_n(b, r->drep, 2, id);
        guint8 nts[2] = { 1, 0 };
        g_byte_array_append(b, nts, 2);
        if (id == 1 && r->second_uuid) {   /* another interface of the object exporter, v0.0, NDR 2.0 */
            put_syntax(b, r->drep, r->second_uuid, 0, 0);
            put_syntax(b, r->drep, ndr20, 2, 0);
            continue;
        }
        put_uuid(b, r->drep, itf);
        put_n(b, r->drep, 2, r->itf->ver_major);
        put_n(b, r->drep, 2, r->itf->ver_minor);
        if (id == 0)
            put_syntax(b, r->drep, ndr20, 2, 0);
        else
            put_syntax(b, r->drep, ndr64, 1, 0);
    }
    guint auth = r->krb      ? add_verifier(r, b, r->drep, krb_bind_token(r))
                 : r->sealed ? add_verifier(r, b, r->drep, logon_token(r, synth_ntlm_sealed_negotiate(r->sealed),
                                                                       SYNTH_SPNEGO_INIT))
                 : r->ntlm   ? add_verifier(r, b, r->drep, synth_ntlm_negotiate())
                             : 0;
    GByteArray *pdu = pdu_auth(r->drep, PT_BIND, krb_flags(r), r->call_id, b->data, b->len, auth);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_CLIENT, pdu);
    synth_wait(c, 2 * SYNTH_HALF_RTT_US + synth_rand_range(&c->rng, 60, 180));

    /* bind_ack: secondary address is the server's port as text, NUL included (C706 12.6.4.4). */
    char port[8];
    g_snprintf(port, sizeof port, "%u", r->tcp.port[1]);
    b = g_byte_array_new();
    put_n(b, server_drep, 2, r->max_frag);
    put_n(b, server_drep, 2, r->max_frag);
    put_n(b, server_drep, 4, r->assoc_group);
    put_n(b, server_drep, 2, (guint32)strlen(port) + 1);
    g_byte_array_append(b, (const guint8 *)port, (guint)strlen(port) + 1);
    while ((16 + b->len) % 4)
        g_byte_array_append(b, (const guint8 *)"", 1);
    guint8 n_res[4] = { 2, 0, 0, 0 };
    g_byte_array_append(b, n_res, 4);
    put_n(b, server_drep, 2, 0);        /* acceptance */
    put_n(b, server_drep, 2, 0);
    put_syntax(b, server_drep, ndr20, 2, 0);
    if (r->second_uuid) {
        put_n(b, server_drep, 2, 0);    /* acceptance */
        put_n(b, server_drep, 2, 0);
        put_syntax(b, server_drep, ndr20, 2, 0);
    } else {
        put_n(b, server_drep, 2, 2);    /* provider_rejection */
        put_n(b, server_drep, 2, 2);    /* proposed_transfer_syntaxes_not_supported */
        static const guint8 zero[20];
        g_byte_array_append(b, zero, 20);
    }
    auth = r->krb      ? add_verifier(r, b, server_drep, krb_bind_ack_token(r))
           : r->sealed ? add_verifier(r, b, server_drep,
                                      logon_token(r, synth_ntlm_sealed_challenge(r->sealed, c, r->tcp.host[1]),
                                                  SYNTH_SPNEGO_SERVER))
           : r->ntlm   ? add_verifier(r, b, server_drep, synth_ntlm_challenge(c, r->tcp.host[1]))
                       : 0;
    pdu = pdu_auth(server_drep, PT_BIND_ACK, krb_flags(r), r->call_id, b->data, b->len, auth);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_SERVER, pdu);
    synth_wait(c, synth_rand_range(&c->rng, 100, 400));
    if (r->krb && r->krb->o.alter_context_leg)
        krb_alter_context_leg(r);
    else if (r->ntlm || r->krb) {   /* rpc_auth_3 (MS-RPCE 2.2.2.10): max_xmit_frag, max_recv_frag, the last token */
        b = g_byte_array_new();
        put_n(b, r->drep, 2, 5840);
        put_n(b, r->drep, 2, 5840);
        auth = add_verifier(r, b, r->drep,
                            r->krb      ? krb_third_leg_token(r)
                            : r->sealed ? logon_token(r, synth_ntlm_sealed_authenticate(r->sealed, c, r->tcp.host[0]),
                                                      SYNTH_SPNEGO_CLIENT)
                                        : synth_ntlm_authenticate(c, r->tcp.host[0], r->tcp.host[1]));
        pdu = pdu_auth(r->drep, PT_AUTH3, PFC_FIRST_FRAG | PFC_LAST_FRAG, r->call_id, b->data, b->len, auth);
        g_byte_array_free(b, TRUE);
        send_pdu(r, SYNTH_CLIENT, pdu);
        synth_wait(c, synth_rand_range(&c->rng, 100, 300));
    }
    r->call_id++;
}

void synth_rpc_open(synth_rpc *r, synth_cap *cap, const synth_host *client, guint16 cport, const synth_host *server,
                    guint16 sport, const char *itf_name, const synth_rpc_opts *o)
{
    memset(r, 0, sizeof *r);
    r->itf = csvp_interface_by_name(itf_name);
    g_assert(r->itf);
    synth_tcp_init(&r->tcp, cap, client, cport, server, sport, o && o->v6);
    r->tcp.hop_by_hop = o && o->hop_by_hop;
    r->drep[0] = o && o->big_endian ? 0x00 : 0x10;
    r->max_frag = o && o->max_frag ? o->max_frag : 5840;
    r->call_id = o && o->first_call_id ? o->first_call_id : 1;
    r->sealed = o ? o->sealed : NULL;
    r->integrity = o && o->integrity;
    r->spnego = o && o->spnego;
    r->ntlm = (o && o->ntlm_connect) || r->sealed;
    r->krb = o ? o->krb : NULL;
    r->second_uuid = o ? o->second_uuid : NULL;
    r->assoc_group = 0x00010000u | (synth_rand(&cap->rng) & 0xffff);
    r->seg = SYNTH_SEG_PLAIN;
    char ipid[37];
    synth_guid(cap, ipid);
    /* IPIDs Windows hands out begin with a small counter. */
    memcpy(ipid, "0000", 4);
    csvp_guid_parse(ipid, r->ipid);
    if (o && o->no_open)
        return;
    synth_tcp_handshake(&r->tcp);
    rpc_bind(r);
}

/* alter_context / alter_context_resp (C706 12.6.4.1, 12.6.4.2): a new presentation context on the
 * same connection for another interface of the same object exporter, then calls on it through that
 * interface's own IPID. */
void synth_rpc_alter_context(synth_rpc *r, const char *itf_name)
{
    synth_cap *c = r->tcp.cap;
    r->itf = csvp_interface_by_name(itf_name);
    g_assert(r->itf);
    r->ctx_id = (guint16)(r->ctx_id == 0 ? 2 : r->ctx_id + 1);   /* 0 and 1 went to the bind */
    GByteArray *b = alter_context_body(r, r->ctx_id);
    GByteArray *pdu = synth_rpc_pdu(r->drep, PT_ALTER_CONTEXT, PFC_FIRST_FRAG | PFC_LAST_FRAG, r->call_id, b->data,
                                    b->len);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_CLIENT, pdu);
    synth_wait(c, 2 * SYNTH_HALF_RTT_US + synth_rand_range(&c->rng, 40, 120));
    b = alter_context_resp_body(r);
    pdu = synth_rpc_pdu(server_drep, PT_ALTER_CONTEXT_RESP, PFC_FIRST_FRAG | PFC_LAST_FRAG, r->call_id, b->data,
                        b->len);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_SERVER, pdu);
    synth_wait(c, synth_rand_range(&c->rng, 100, 300));
    r->call_id++;
    char ipid[37];
    synth_guid(c, ipid);
    memcpy(ipid, "0000", 4);
    csvp_guid_parse(ipid, r->ipid);
}

/* ---- requests, responses, faults (C706 12.6.4.9, 12.6.4.10, 12.6.4.7) ---- */

/* The verifier of a request or response from `side`: a random-looking signature at
 * RPC_C_AUTHN_LEVEL_CONNECT, a placeholder that seal_pdu fills when sealed. */
static guint call_verifier(synth_rpc *r, GByteArray *body, const guint8 drep[4], int side)
{
    if (!r->ntlm && !r->krb)
        return 0;
    if (r->sealed || r->krb) {   /* stub and padding a multiple of 16 bytes, as Windows and Samba seal them */
        guint stub_len = body->len - (side == SYNTH_CLIENT ? 8 + 16 : 8);
        guint token_len = r->krb ? synth_krb5_token_len(r->krb) : 16;
        GByteArray *placeholder = g_byte_array_set_size(g_byte_array_new(), token_len);
        memset(placeholder->data, 0, token_len);
        return add_verifier_pad(r, body, drep, placeholder, (guint8)((16 - stub_len % 16) % 16));
    }
    return add_verifier(r, body, drep, synth_ntlm_verifier(r->tcp.cap, r->sign_seq[side]++));
}

/* RPC_C_AUTHN_LEVEL_PKT_PRIVACY (MS-RPCE 3.3.1.5.2.2): sign the PDU up to its token, then encrypt the stub
 * and auth padding (from stub_off to the sec_trailer) and write the NTLMSSP signature as the token.
 * RPC_C_AUTHN_LEVEL_PKT_INTEGRITY: the same signature, nothing encrypted. */
static void seal_pdu(synth_rpc *r, int side, GByteArray *pdu, guint stub_off)
{
    if (r->krb) {
        synth_krb5_seal(r->krb, side, pdu->data, pdu->len, stub_off);
        return;
    }
    if (!r->sealed)
        return;
    guint token_at = pdu->len - 16, trailer_at = token_at - 8;
    synth_ntlm_seal(r->sealed, side, pdu->data, token_at, stub_off, r->integrity ? 0 : trailer_at - stub_off,
                    pdu->data + token_at);
}

void synth_rpc_send_request(synth_rpc *r, guint16 opnum, const GByteArray *stub)
{
    guint hdr = 16 + 8 + 16;
    guint room = (r->max_frag - hdr - auth_room(r)) & ~7u;
    guint off = 0;
    do {
        guint n = MIN(room, stub->len - off);
        guint8 flags = PFC_OBJECT_UUID | (off == 0 ? PFC_FIRST_FRAG : 0) | (off + n == stub->len ? PFC_LAST_FRAG : 0);
        GByteArray *b = g_byte_array_new();
        put_n(b, r->drep, 4, stub->len - off);   /* alloc_hint: what remains */
        put_n(b, r->drep, 2, r->ctx_id);         /* p_cont_id */
        put_n(b, r->drep, 2, opnum);
        put_uuid(b, r->drep, r->ipid);
        g_byte_array_append(b, stub->data + off, n);
        guint auth = call_verifier(r, b, r->drep, SYNTH_CLIENT);
        GByteArray *pdu = pdu_auth(r->drep, PT_REQUEST, flags, r->call_id, b->data, b->len, auth);
        g_byte_array_free(b, TRUE);
        seal_pdu(r, SYNTH_CLIENT, pdu, 16 + 8 + 16);
        send_pdu(r, SYNTH_CLIENT, pdu);
        off += n;
    } while (off < stub->len);
}

/* One response fragment: stub[off, off + n) (C706 12.6.4.10). */
static GByteArray *response_fragment(synth_rpc *r, const GByteArray *stub, guint off, guint n)
{
    guint8 flags = (off == 0 ? PFC_FIRST_FRAG : 0) | (off + n == stub->len ? PFC_LAST_FRAG : 0);
    GByteArray *b = g_byte_array_new();
    put_n(b, server_drep, 4, stub->len - off);   /* alloc_hint: what remains */
    put_n(b, server_drep, 2, r->ctx_id);
    guint8 cancel[2] = { 0, 0 };
    g_byte_array_append(b, cancel, 2);
    g_byte_array_append(b, stub->data + off, n);
    guint auth = call_verifier(r, b, server_drep, SYNTH_SERVER);
    GByteArray *pdu = pdu_auth(server_drep, PT_RESPONSE, flags, r->call_id, b->data, b->len, auth);
    g_byte_array_free(b, TRUE);
    seal_pdu(r, SYNTH_SERVER, pdu, 16 + 8);
    return pdu;
}

GByteArray *synth_rpc_response_pdu(synth_rpc *r, const GByteArray *stub)
{
    return response_fragment(r, stub, 0, stub->len);
}

void synth_rpc_send_response(synth_rpc *r, const GByteArray *stub)
{
    guint room = (r->max_frag - 24 - auth_room(r)) & ~7u;
    guint off = 0;
    do {
        guint n = MIN(room, stub->len - off);
        send_pdu(r, SYNTH_SERVER, response_fragment(r, stub, off, n));
        off += n;
    } while (off < stub->len);
}

void synth_rpc_send_fault(synth_rpc *r, guint32 status)
{
    GByteArray *b = g_byte_array_new();
    put_n(b, server_drep, 4, 32);   /* alloc_hint as Windows sets it */
    put_n(b, server_drep, 2, r->ctx_id);
    guint8 cancel[2] = { 0, 0 };
    g_byte_array_append(b, cancel, 2);
    put_n(b, server_drep, 4, status);
    put_n(b, server_drep, 4, 0);
    GByteArray *pdu = synth_rpc_pdu(server_drep, PT_FAULT, PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_DID_NOT_EXECUTE,
                                    r->call_id, b->data, b->len);
    g_byte_array_free(b, TRUE);
    send_pdu(r, SYNTH_SERVER, pdu);
}

static GByteArray *method_stub(synth_rpc *r, const csvp_method *m, int dir, GVariant *v)
{
    GVariantDict d;
    g_variant_dict_init(&d, v);
    if (dir == CSVP_IN && !g_variant_dict_contains(&d, "ORPCTHIS")) {
        char cid[37];
        synth_guid(r->tcp.cap, cid);
        g_variant_dict_insert_value(&d, "ORPCTHIS", g_variant_new_parsed("{'cid': <%s>}", cid));
    }
    GVariant *all = g_variant_ref_sink(g_variant_dict_end(&d));
    g_variant_unref(v);
    GError *err = NULL;
    csvp_encode_opts opts = { .records_per_record = r->records_per_record };
    GByteArray *stub = csvp_encode_stub_opts(m, dir, all, dir == CSVP_IN ? r->drep : server_drep, &opts, &err);
    if (!stub)
        g_error("%s %s: %s", m->name, dir == CSVP_IN ? "request" : "response", err->message);
    g_variant_unref(all);
    return stub;
}

static const csvp_method *method_of(synth_rpc *r, const char *method, guint16 *opnum)
{
    for (guint i = 0; i < r->itf->n_methods; i++)
        if (strcmp(r->itf->methods[i].name, method) == 0) {
            *opnum = (guint16)i;
            return &r->itf->methods[i];
        }
    g_error("%s is not a method of %s", method, r->itf->name);
}

GByteArray *synth_rpc_stub(synth_rpc *r, const char *method, int dir, GVariant *v)
{
    guint16 opnum;
    return method_stub(r, method_of(r, method, &opnum), dir, v);
}

static void call(synth_rpc *r, const csvp_method *m, guint16 opnum, GVariant *in, GVariant *out, guint32 server_us)
{
    synth_cap *c = r->tcp.cap;
    GByteArray *req = method_stub(r, m, CSVP_IN, in);
    GByteArray *resp = method_stub(r, m, CSVP_OUT, out);
    synth_rpc_send_request(r, opnum, req);
    synth_wait(c, 2 * SYNTH_HALF_RTT_US + server_us);
    synth_rpc_send_response(r, resp);
    synth_wait(c, synth_rand_range(&c->rng, 150, 1500));   /* the client's own work */
    r->call_id++;
    g_byte_array_free(req, TRUE);
    g_byte_array_free(resp, TRUE);
}

void synth_rpc_call(synth_rpc *r, const char *method, GVariant *in, GVariant *out, guint32 server_us)
{
    guint16 opnum;
    const csvp_method *m = method_of(r, method, &opnum);
    call(r, m, opnum, in, out, server_us);
}

void synth_rpc_call_other(synth_rpc *r, guint16 ctx_id, const guint8 ipid[16], const csvp_method *m, GVariant *in,
                          GVariant *out, guint32 server_us)
{
    guint16 ctx = r->ctx_id;
    guint8 own[16];
    memcpy(own, r->ipid, 16);
    r->ctx_id = ctx_id;
    memcpy(r->ipid, ipid, 16);
    call(r, m, m->opnum, in, out, server_us);
    r->ctx_id = ctx;
    memcpy(r->ipid, own, 16);
}

void synth_rpc_close(synth_rpc *r)
{
    synth_tcp_close(&r->tcp);
}
