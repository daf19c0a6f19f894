/* synth_krb5.c - a Kerberos logon without a KDC for the Kerberos-sealed samples (RFC 4120 3.2,
 * RFC 4121 4.1 DCE style, MS-KILE 3.4.5): the service key comes from a password by the enctype's
 * string-to-key and goes into a FILE: keytab beside the capture; the synthesizer then plays the
 * KDC's part (a ticket: EncTicketPart under the service key, key usage 2) and the client's and
 * server's (AP-REQ with an authenticator under the session key, usage 11; AP-REP, usage 12, with
 * an acceptor subkey for the AES enctypes; the client's DCE-style third-leg AP-REP). All crypto
 * and all DER are MIT krb5's (capture/krb5_der.h). */
#include "synth.h"
#include "krb5_der.h"

#include <glib/gstdio.h>
#include <string.h>

/* krb5_c_encrypt draws each confounder, and krb5_c_make_random_key each key, from
 * krb5_c_random_make_octets (through the PLT of libk5crypto). The synthesizer supplies that function
 * from its own seeded generator so that the samples are reproducible byte for byte; it never runs
 * outside csvp-synth and its tests. */
static synth_rng krb_rng = { 0x6b72623500000001u };

krb5_error_code KRB5_CALLCONV krb5_c_random_make_octets(krb5_context ctx, krb5_data *data)
{
    (void)ctx;
    for (unsigned int i = 0; i < data->length; i++)
        data->data[i] = (char)synth_rand(&krb_rng);
    return 0;
}

/* Capture time of the logon: 2026-03-02 08:59:58 UTC, two seconds before the captures start. */
#define LOGON_TIME 1772441998

/* Exported by libkrb5 for its tests, declared only in k5-int.h: the context's clock stands still at
 * the given time (the keytab entry's timestamp is the logon time, not the run's). */
krb5_error_code krb5_set_debugging_time(krb5_context ctx, krb5_timestamp sec, krb5_int32 usec);

static void ok(krb5_error_code ret, const char *what)
{
    if (ret)
        g_error("synth_krb5: %s failed: %s", what, error_message(ret));
}


synth_krb5 *synth_krb5_new(const synth_krb5_opts *o)
{
    synth_krb5 *k = g_new0(synth_krb5, 1);
    k->o = *o;
    krb_rng.s = o->seed;
    krb5_context k5;
    ok(krb5_init_context(&k5), "krb5_init_context");
    k->k5 = k5;
    ok(krb5_set_debugging_time(k5, LOGON_TIME, 0), "krb5_set_debugging_time");
    krb5_principal server, client;
    ok(krb5_parse_name(k5, o->service, &server), "krb5_parse_name");
    ok(krb5_parse_name(k5, o->client, &client), "krb5_parse_name");

    /* The service key: string-to-key of the password with the principal's default salt (RFC 4120 4). */
    krb5_data salt, pw = { .length = (unsigned int)strlen(o->password), .data = (char *)o->password };
    krb5_keyblock service;
    ok(krb5_principal2salt(k5, server, &salt), "krb5_principal2salt");
    ok(krb5_c_string_to_key(k5, o->enctype, &pw, &salt, &service), "krb5_c_string_to_key");
    krb5_free_data_contents(k5, &salt);
    g_unlink(o->keytab);
    char *name = g_strconcat("FILE:", o->keytab, NULL);
    krb5_keytab kt;
    ok(krb5_kt_resolve(k5, name, &kt), "krb5_kt_resolve");
    g_free(name);
    krb5_keytab_entry e = { .principal = server, .vno = o->kvno, .key = service };
    ok(krb5_kt_add_entry(k5, kt, &e), "krb5_kt_add_entry");
    krb5_kt_close(k5, kt);

    /* Session key, initiator subkey, acceptor subkey, sequence numbers. */
    krb5_keyblock *session, *isub, *asub = NULL;
    ok(krb5_init_keyblock(k5, o->enctype, 0, &session), "krb5_init_keyblock");
    ok(krb5_c_make_random_key(k5, o->enctype, session), "krb5_c_make_random_key");
    ok(krb5_init_keyblock(k5, o->enctype, 0, &isub), "krb5_init_keyblock");
    ok(krb5_c_make_random_key(k5, o->enctype, isub), "krb5_c_make_random_key");
    if (o->acceptor_subkey) {
        ok(krb5_init_keyblock(k5, o->enctype, 0, &asub), "krb5_init_keyblock");
        ok(krb5_c_make_random_key(k5, o->enctype, asub), "krb5_c_make_random_key");
    }
    k->session = session;
    k->initiator_subkey = isub;
    k->acceptor_subkey = asub;
    k->seq[0] = synth_rand(&krb_rng) & 0x3fffffff;
    k->seq[1] = synth_rand(&krb_rng) & 0x3fffffff;
    k->conf_rng.s = o->seed ^ 0x636f6e66u;
    k->stubs = fopen(o->stubs, "w");
    if (!k->stubs)
        g_error("synth_krb5: cannot write %s", o->stubs);
    k->server = server;
    k->client = client;
    k->service_key = g_memdup2(&service, sizeof service);
    return k;
}

void synth_krb5_free(synth_krb5 *k)
{
    krb5_context k5 = k->k5;
    fclose(k->stubs);
    krb5_free_keyblock(k5, k->session);
    krb5_free_keyblock(k5, k->initiator_subkey);
    if (k->acceptor_subkey)
        krb5_free_keyblock(k5, k->acceptor_subkey);
    krb5_free_keyblock_contents(k5, k->service_key);
    g_free(k->service_key);
    krb5_free_principal(k5, k->server);
    krb5_free_principal(k5, k->client);
    krb5_free_context(k5);
    g_free(k);
}

/* EncryptedData (RFC 4120 5.2.9) of a DER encoding, which it consumes. */
static void seal_der(synth_krb5 *k, const krb5_keyblock *key, krb5_keyusage usage, krb5_kvno kvno, krb5_data *der,
                     krb5_enc_data *out)
{
    size_t len;
    ok(krb5_c_encrypt_length(k->k5, key->enctype, der->length, &len), "krb5_c_encrypt_length");
    *out = (krb5_enc_data){ .magic = KV5M_ENC_DATA, .enctype = key->enctype, .kvno = kvno };
    out->ciphertext.length = (unsigned int)len;
    out->ciphertext.data = g_malloc(len);
    ok(krb5_c_encrypt(k->k5, key, usage, NULL, der, out), "krb5_c_encrypt");
    out->kvno = kvno;   /* krb5_c_encrypt clears it */
    krb5_free_data(k->k5, der);
}

static GByteArray *from_data(krb5_context k5, krb5_data *d)
{
    GByteArray *b = g_byte_array_append(g_byte_array_new(), (const guint8 *)d->data, d->length);
    krb5_free_data(k5, d);
    return b;
}

/* RFC 2743 3.1 framing of the Kerberos mechanism with a TOK_ID (RFC 4121 4.1). */
GByteArray *synth_krb5_gss_frame(const guint8 tok_id[2], GByteArray *inner)
{
    static const guint8 oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 };
    GByteArray *b = g_byte_array_append(g_byte_array_new(), oid, sizeof oid);
    g_byte_array_append(b, tok_id, 2);
    g_byte_array_append(b, inner->data, inner->len);
    g_byte_array_free(inner, TRUE);
    return synth_der_wrap(0x60, b);
}

/* Inside SPNEGO the mechanism tokens are GSS-framed; with RPC_C_AUTHN_GSS_KERBEROS the handshake
 * tokens are the bare DER messages (Wireshark hands them straight to its Kerberos dissector). */
static GByteArray *handshake_token(synth_krb5 *k, const guint8 tok_id[2], GByteArray *der)
{
    return k->o.auth_type == 9 ? synth_krb5_gss_frame(tok_id, der) : der;
}

GByteArray *synth_krb5_ap_req(synth_krb5 *k)
{
    krb5_context k5 = k->k5;
    krb5_transited tr = { .magic = KV5M_TRANSITED };
    krb5_enc_tkt_part part = {
        .magic = KV5M_ENC_TKT_PART,
        .flags = TKT_FLG_FORWARDABLE | TKT_FLG_RENEWABLE | TKT_FLG_PRE_AUTH,
        .session = k->session,
        .client = k->client,
        .transited = tr,
        .times = { .authtime = LOGON_TIME, .starttime = LOGON_TIME, .endtime = LOGON_TIME + 36000,
                   .renew_till = LOGON_TIME + 7 * 86400 },
    };
    krb5_data *der;
    krb5_ticket tkt = { .magic = KV5M_TICKET, .server = k->server };
    ok(encode_krb5_enc_tkt_part(&part, &der), "encode_krb5_enc_tkt_part");
    seal_der(k, k->service_key, KRB5_KEYUSAGE_KDC_REP_TICKET, k->o.kvno, der, &tkt.enc_part);

    /* The GSS checksum (RFC 4121 4.1.1): Lgth 16, no channel bindings, flags MUTUAL | REPLAY |
     * SEQUENCE | CONF | INTEG | DCE_STYLE (0x1000, MS-KILE 3.2.5.2). */
    guint8 gss_cksum[24] = { 16, 0, 0, 0 };
    guint32 flags = 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x1000;
    for (int i = 0; i < 4; i++)
        gss_cksum[20 + i] = (guint8)(flags >> (8 * i));
    krb5_checksum ck = { .magic = KV5M_CHECKSUM, .checksum_type = 0x8003, .length = 24, .contents = gss_cksum };
    krb5_authenticator auth = { .magic = KV5M_AUTHENTICATOR, .client = k->client, .checksum = &ck,
                                .cusec = 417302, .ctime = LOGON_TIME + 2, .subkey = k->initiator_subkey,
                                .seq_number = k->seq[0] };
    krb5_ap_req req = { .magic = KV5M_AP_REQ, .ap_options = AP_OPTS_MUTUAL_REQUIRED, .ticket = &tkt };
    ok(encode_krb5_authenticator(&auth, &der), "encode_krb5_authenticator");
    seal_der(k, k->session, KRB5_KEYUSAGE_AP_REQ_AUTH, 0, der, &req.authenticator);
    ok(encode_krb5_ap_req(&req, &der), "encode_krb5_ap_req");
    g_free(tkt.enc_part.ciphertext.data);
    g_free(req.authenticator.ciphertext.data);
    static const guint8 ap_req_id[2] = { 0x01, 0x00 };
    return handshake_token(k, ap_req_id, from_data(k5, der));
}

/* The server's AP-REP (acceptor subkey, acceptor sequence number), or in DCE style the client's
 * answer to it (MS-KILE 3.4.5.3: no subkey, the acceptor's sequence number echoed). */
GByteArray *synth_krb5_ap_rep(synth_krb5 *k, bool from_client)
{
    krb5_ap_rep_enc_part part = { .magic = KV5M_AP_REP_ENC_PART, .ctime = LOGON_TIME + 2, .cusec = 417302,
                                  .subkey = from_client ? NULL : k->acceptor_subkey, .seq_number = k->seq[1] };
    krb5_data *der;
    krb5_ap_rep rep = { .magic = KV5M_AP_REP };
    ok(encode_krb5_ap_rep_enc_part(&part, &der), "encode_krb5_ap_rep_enc_part");
    seal_der(k, k->session, KRB5_KEYUSAGE_AP_REP_ENCPART, 0, der, &rep.enc_part);
    ok(encode_krb5_ap_rep(&rep, &der), "encode_krb5_ap_rep");
    g_free(rep.enc_part.ciphertext.data);
    static const guint8 ap_rep_id[2] = { 0x02, 0x00 };
    return handshake_token(k, ap_rep_id, from_data(k->k5, der));
}
