/* krb5_ap.c - the Kerberos handshake of one security context (RFC 4120 3.2, RFC 4121 4.1,
 * MS-KILE 3.4.5.1-3.4.5.3, DCE style MS-RPCE 3.3.1.5.2): the client's AP-REQ, whose ticket the
 * service key opens (EncTicketPart, key usage 2) and whose authenticator the session key opens
 * (usage 11: initiator subkey, initiator sequence number); the server's AP-REP (EncAPRepPart,
 * usage 12: acceptor subkey, acceptor sequence number); in DCE style the client's third-leg
 * AP-REP, which carries nothing the unwrapping needs. Also the sec_provider table. */
#include "krb5_der.h"
#include "krb5_int.h"
#include "sec_kerberos.h"
#include "cursor.h"

#include <gcrypt.h>
#include <string.h>

/* RFC 2743 3.1: [APPLICATION 0] IMPLICIT SEQUENCE { thisMech OID, innerToken ANY }. */
bool krb_gss_unframe(const guint8 *tok, gsize len, const guint8 **inner, gsize *inner_len, bool *bad)
{
    *bad = false;
    *inner = tok;
    *inner_len = len;
    if (len == 0 || tok[0] != 0x60)
        return false;
    csvp_cursor c = csvp_cur_make(tok, len, false, 0);
    csvp_cur_u8(&c, "GSS token tag");
    guint8 first = csvp_cur_u8(&c, "GSS token length");
    gsize body = first;
    if (first & 0x80) {   /* long form: 1..4 length bytes (X.690 8.1.3.5) */
        guint n = first & 0x7f;
        if (n == 0 || n > 4) {
            *bad = true;
            return true;
        }
        body = (gsize)csvp_cur_uint(&c, n, false, "GSS token length");
    }
    if (!csvp_cur_ok(&c) || body > csvp_cur_left(&c)) {
        *bad = true;
        return true;
    }
    csvp_cursor b = csvp_cur_sub(&c, body, "GSS token");
    const guint8 *oid = csvp_cur_bytes(&b, KRB5_GSS_OID_DER_LEN, "mechanism OID");
    if (!oid || (memcmp(oid, KRB5_GSS_OID_DER, KRB5_GSS_OID_DER_LEN) != 0 &&
                 memcmp(oid, KRB5_GSS_MS_OID_DER, KRB5_GSS_OID_DER_LEN) != 0)) {
        *bad = true;
        return true;
    }
    *inner_len = csvp_cur_left(&b);
    *inner = csvp_cur_bytes(&b, *inner_len, "inner token");
    return true;
}

static void set_problem(krb_ctx *c, char *problem)   /* takes problem */
{
    g_free(c->problem);
    c->problem = problem;
}

/* Decrypts one EncryptedData (RFC 4120 5.2.9) into a g_malloc'd buffer, with a key block or a key. */
static bool decrypt(krb_ctx *c, const krb5_keyblock *kb, krb5_key k, krb5_keyusage usage, const krb5_enc_data *in,
                    krb5_data *out)
{
    out->magic = KV5M_DATA;
    out->length = in->ciphertext.length;
    out->data = g_malloc(out->length ? out->length : 1);
    krb5_error_code ret = k ? krb5_k_decrypt(c->k5, k, usage, NULL, in, out)
                            : krb5_c_decrypt(c->k5, kb, usage, NULL, in, out);
    if (ret == 0)
        return true;
    g_free(out->data);
    out->data = NULL;
    return false;
}

static void replace_key(krb_ctx *c, krb5_key *slot, const krb5_keyblock *k)
{
    if (!c->k5)
        return;   /* no key was ever set */
    c->rc4.of = c->rc4.chosen = NULL;
    if (*slot)
        krb5_k_free_key(c->k5, *slot);
    *slot = NULL;
    if (k && krb5_k_create_key(c->k5, k, slot) != 0)
        *slot = NULL;
}

static bool supported(krb5_enctype e)
{
    return e == ENCTYPE_AES256_CTS_HMAC_SHA1_96 || e == ENCTYPE_AES128_CTS_HMAC_SHA1_96 || e == ENCTYPE_ARCFOUR_HMAC;
}

static void ap_req(krb_ctx *c, const guint8 *der, gsize len)
{
    krb5_data in = { .magic = KV5M_DATA, .length = (unsigned int)len, .data = (char *)der };
    krb5_ap_req *req = NULL;
    g_free(c->what);
    c->what = g_strdup("Kerberos");
    if (len > G_MAXINT32 || decode_krb5_ap_req(&in, &req) != 0) {
        set_problem(c, g_strdup("the AP-REQ does not decode (bad DER)"));
        return;
    }
    const krb5_enc_data *tkt = &req->ticket->enc_part;
    char *server = NULL, *etype = krb_enctype_name(tkt->enctype);
    if (krb5_unparse_name(c->k5, req->ticket->server, &server) != 0)
        server = NULL;
    g_free(c->what);
    c->what = tkt->kvno ? g_strdup_printf("Kerberos %s for %s kvno %u", etype, server ? server : "?", tkt->kvno)
                        : g_strdup_printf("Kerberos %s for %s", etype, server ? server : "?");
    krb5_free_unparsed_name(c->k5, server);
    g_free(etype);
    replace_key(c, &c->session, NULL);
    replace_key(c, &c->initiator_subkey, NULL);
    replace_key(c, &c->acceptor_subkey, NULL);
    c->ap_rep_seen = false;

    char *problem = NULL;
    GPtrArray *keys = NULL;
    krb5_data plain = { 0 };
    krb5_enc_tkt_part *part = NULL;
    krb5_authenticator *auth = NULL;
    if (!supported(tkt->enctype)) {
        problem = g_strdup("unsupported enctype (aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96 and "
                           "arcfour-hmac are)");
        goto done;
    }
    bool by_principal;
    keys = krb_service_keys(c, req->ticket->server, tkt->enctype, tkt->kvno, &by_principal, &problem);
    bool opened = false;
    for (guint i = 0; i < keys->len && !opened; i++)
        opened = decrypt(c, g_ptr_array_index(keys, i), NULL, KRB5_KEYUSAGE_KDC_REP_TICKET, tkt, &plain);
    if (!opened) {
        if (!problem)
            problem = g_strdup("wrong key: the ticket does not decrypt");
        goto done;
    }
    g_free(problem);
    problem = NULL;
    if (decode_krb5_enc_tkt_part(&plain, &part) != 0) {
        problem = g_strdup("the ticket decrypts but does not decode (bad DER)");
        goto done;
    }
    g_free(plain.data);
    plain.data = NULL;
    if (!decrypt(c, part->session, NULL, KRB5_KEYUSAGE_AP_REQ_AUTH, &req->authenticator, &plain)) {
        problem = g_strdup("the authenticator does not decrypt with the ticket's session key");
        goto done;
    }
    if (decode_krb5_authenticator(&plain, &auth) != 0) {
        problem = g_strdup("the authenticator decrypts but does not decode (bad DER)");
        goto done;
    }
    replace_key(c, &c->session, part->session);
    replace_key(c, &c->initiator_subkey, auth->subkey);
    c->seq[0] = auth->seq_number;
    problem = g_strdup("no AP-REP from the server seen");
done:
    set_problem(c, problem);
    g_free(plain.data);
    if (auth)
        krb5_free_authenticator(c->k5, auth);
    if (part)
        krb5_free_enc_tkt_part(c->k5, part);
    if (keys)
        g_ptr_array_free(keys, TRUE);
    krb5_free_ap_req(c->k5, req);
}

/* An AP-REP: from the server (acceptor subkey and sequence number), or in DCE style from the client
 * (the third leg, MS-KILE 3.4.5.3: only checked to open with the session key). */
static void ap_rep(krb_ctx *c, bool from_client, const guint8 *der, gsize len)
{
    if (!c->session)
        return;   /* no AP-REQ opened: its problem stands */
    krb5_data in = { .magic = KV5M_DATA, .length = (unsigned int)len, .data = (char *)der };
    krb5_ap_rep *rep = NULL;
    krb5_ap_rep_enc_part *part = NULL;
    krb5_data plain = { 0 };
    const char *who = from_client ? "the client's AP-REP" : "the AP-REP";
    if (len > G_MAXINT32 || decode_krb5_ap_rep(&in, &rep) != 0)
        set_problem(c, g_strdup_printf("%s does not decode (bad DER)", who));
    else if (!decrypt(c, NULL, c->session, KRB5_KEYUSAGE_AP_REP_ENCPART, &rep->enc_part, &plain))
        set_problem(c, g_strdup_printf("%s does not decrypt with the session key", who));
    else if (decode_krb5_ap_rep_enc_part(&plain, &part) != 0)
        set_problem(c, g_strdup_printf("%s decrypts but does not decode (bad DER)", who));
    else if (!from_client) {
        replace_key(c, &c->acceptor_subkey, part->subkey);
        c->seq[1] = part->seq_number;
        c->ap_rep_seen = true;
        set_problem(c, NULL);
    }
    g_free(plain.data);
    if (part)
        krb5_free_ap_rep_enc_part(c->k5, part);
    if (rep)
        krb5_free_ap_rep(c->k5, rep);
}

void krb_token(krb_ctx *c, bool from_client, const guint8 *tok, gsize len)
{
    if (!c->k5)
        return;
    const guint8 *msg;
    gsize msg_len;
    bool bad;
    int kind;   /* RFC 4121 4.1 TOK_ID first byte: 1 AP-REQ, 2 AP-REP, 3 KRB-ERROR */
    if (krb_gss_unframe(tok, len, &msg, &msg_len, &bad)) {
        if (bad || msg_len < 2 || msg[1] != 0) {
            set_problem(c, g_strdup("a Kerberos token with malformed GSS framing"));
            return;
        }
        kind = msg[0];
        msg += 2;
        msg_len -= 2;
    } else {   /* raw DER: [APPLICATION 14] AP-REQ, [APPLICATION 15] AP-REP, [APPLICATION 30] KRB-ERROR */
        kind = len == 0 ? 0 : tok[0] == 0x6e ? 1 : tok[0] == 0x6f ? 2 : tok[0] == 0x7e ? 3 : 0;
    }
    if (kind == 1 && !from_client)
        set_problem(c, g_strdup("an AP-REQ from the server"));
    else if (kind == 1)
        ap_req(c, msg, msg_len);
    else if (kind == 2)
        ap_rep(c, from_client, msg, msg_len);
    else if (kind == 3)
        set_problem(c, g_strdup_printf("the %s sent a KRB-ERROR", from_client ? "client" : "server"));
    else
        set_problem(c, g_strdup_printf("a token from the %s that is neither AP-REQ nor AP-REP",
                                       from_client ? "client" : "server"));
}

/* ---- sec_provider ---- */

static void *k_new(const sec_keys *keys)
{
    krb_ctx *c = g_new0(krb_ctx, 1);
    krb5_error_code ret = krb5_init_context(&c->k5);
    if (ret) {   /* e.g. a broken /etc/krb5.conf: the context stays, saying why */
        c->k5 = NULL;
        c->problem = g_strdup_printf("MIT krb5 does not start: %s", error_message(ret));
    }
    gcry_check_version(NULL);   /* RC4 and HMAC-MD5 of RFC 4757 (krb5_wrap.c) */
    c->keytabs = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; keys && keys->keytabs && i < keys->keytabs->len; i++)
        g_ptr_array_add(c->keytabs, g_strdup(g_ptr_array_index(keys->keytabs, i)));
    c->status = g_string_new(NULL);
    return c;
}

static void k_token(void *ctx, bool from_client, const guint8 *tok, gsize len)
{
    krb_token(ctx, from_client, tok, len);
}

static bool k_ready(void *ctx, const char **why)
{
    krb_ctx *c = ctx;
    if (c->session && c->ap_rep_seen && !c->problem)
        return true;
    g_string_printf(c->status, "%s: %s", c->what ? c->what : "Kerberos",
                    c->problem ? c->problem : "no AP-REQ seen");
    *why = c->status->str;
    return false;
}

static bool k_unwrap(void *ctx, const sec_pdu *p, guint8 *out, GString *why)
{
    return krb_unwrap(ctx, p, out, why);
}

static void k_free(void *ctx)
{
    krb_ctx *c = ctx;
    if (!c)
        return;
    replace_key(c, &c->session, NULL);
    replace_key(c, &c->initiator_subkey, NULL);
    replace_key(c, &c->acceptor_subkey, NULL);
    if (c->rc4.hmac)
        gcry_md_close(c->rc4.hmac);
    if (c->rc4.md5)
        gcry_md_close(c->rc4.md5);
    if (c->rc4.arc4)
        gcry_cipher_close(c->rc4.arc4);
    if (c->k5)
        krb5_free_context(c->k5);
    g_ptr_array_free(c->keytabs, TRUE);
    g_free(c->what);
    g_free(c->problem);
    g_string_free(c->status, TRUE);
    g_free(c);
}

const sec_provider sec_provider_kerberos = {
    .name = "Kerberos",
    .ctx_new = k_new,
    .token = k_token,
    .ready = k_ready,
    .unwrap = k_unwrap,
    .ctx_free = k_free,
};
