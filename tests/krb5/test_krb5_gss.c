/* test_krb5_gss.c - the Kerberos provider against an implementation that is not ours: MIT's own
 * GSS-API mechanism plays client and server (gss_init_sec_context / gss_accept_sec_context with
 * GSS_C_DCE_STYLE, then gss_wrap_iov with the SIGN_ONLY layout Samba's gensec uses for DCE/RPC and
 * gss_get_mic for PKT_INTEGRITY), and the provider, watching the tokens pass as a capture would show
 * them, must follow the handshake and unwrap or verify every message, in both directions, for
 * aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96 and arcfour-hmac, with and without header
 * signing. No KDC: the client's ticket is made here and put into a MEMORY: credential cache, the
 * service key into a keytab. */
#include "check.h"
#include "krb5_der.h"
#include "sec_kerberos.h"

#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define SERVICE "RPCSS/node1.csvp.test@CSVP.TEST"
#define CLIENT "alice@CSVP.TEST"

typedef struct session {
    krb5_context k5;
    gss_ctx_id_t init, acc;
    void *prov;
    char *keytab;
    gsize mic_len;   /* MIT's MIC token length in this context */
} session;

static void die(const char *what, krb5_error_code ret)
{
    if (ret) {
        fprintf(stderr, "%s: %d\n", what, (int)ret);
        exit(1);
    }
}

/* The ticket a KDC would have issued, in a MEMORY: cache; the service key in a keytab. */
static krb5_ccache make_creds(session *s, krb5_enctype e, gss_cred_id_t *acred)
{
    krb5_context k5 = s->k5;
    krb5_principal server, client;
    die("parse", krb5_parse_name(k5, SERVICE, &server));
    die("parse", krb5_parse_name(k5, CLIENT, &client));
    krb5_keyblock svc, session_key;
    die("svc key", krb5_c_make_random_key(k5, e, &svc));
    die("session key", krb5_c_make_random_key(k5, e, &session_key));
    s->keytab = g_strdup_printf("%s/test_krb5_gss_%d.keytab", g_get_tmp_dir(), (int)e);
    g_unlink(s->keytab);
    char *ktname = g_strconcat("FILE:", s->keytab, NULL);
    krb5_keytab kt;
    die("kt", krb5_kt_resolve(k5, ktname, &kt));
    krb5_keytab_entry ent = { .principal = server, .vno = 5, .key = svc };
    die("kt add", krb5_kt_add_entry(k5, kt, &ent));

    krb5_timestamp now = (krb5_timestamp)time(NULL);
    krb5_enc_tkt_part part = { .magic = KV5M_ENC_TKT_PART, .flags = TKT_FLG_INITIAL | TKT_FLG_PRE_AUTH,
                               .session = &session_key, .client = client,
                               .times = { now - 60, now - 60, now + 3600, now + 3600 } };
    krb5_data *der, *tder;
    die("encode part", encode_krb5_enc_tkt_part(&part, &der));
    size_t clen;
    die("len", krb5_c_encrypt_length(k5, e, der->length, &clen));
    krb5_ticket tkt = { .magic = KV5M_TICKET, .server = server };
    tkt.enc_part.ciphertext.length = (unsigned int)clen;
    tkt.enc_part.ciphertext.data = g_malloc(clen);
    die("encrypt", krb5_c_encrypt(k5, &svc, KRB5_KEYUSAGE_KDC_REP_TICKET, NULL, der, &tkt.enc_part));
    tkt.enc_part.kvno = 5;
    krb5_free_data(k5, der);
    die("encode ticket", encode_krb5_ticket(&tkt, &tder));
    g_free(tkt.enc_part.ciphertext.data);

    char *ccname = g_strdup_printf("MEMORY:csvp-%d", (int)e);
    krb5_ccache cc;
    die("cc", krb5_cc_resolve(k5, ccname, &cc));
    g_free(ccname);
    die("cc init", krb5_cc_initialize(k5, cc, client));
    krb5_creds cr = { .magic = KV5M_CREDS, .client = client, .server = server, .keyblock = session_key,
                      .times = part.times, .ticket = *tder, .ticket_flags = part.flags };
    die("cc store", krb5_cc_store_cred(k5, cc, &cr));
    krb5_free_data(k5, tder);
    OM_uint32 min;
    if (gss_krb5_import_cred(&min, NULL, NULL, kt, acred) != GSS_S_COMPLETE)
        die("import acceptor cred", 1);
    krb5_kt_close(k5, kt);
    g_free(ktname);
    krb5_free_keyblock_contents(k5, &svc);
    krb5_free_keyblock_contents(k5, &session_key);
    krb5_free_principal(k5, server);
    krb5_free_principal(k5, client);
    return cc;
}

static bool establish(session *s, krb5_enctype e)
{
    memset(s, 0, sizeof *s);
    die("init", krb5_init_context(&s->k5));
    gss_cred_id_t icred, acred;
    krb5_ccache cc = make_creds(s, e, &acred);
    OM_uint32 maj, min, flags = 0;
    if (gss_krb5_import_cred(&min, cc, NULL, NULL, &icred) != GSS_S_COMPLETE)
        die("import initiator cred", 1);
    gss_buffer_desc nb = { strlen(SERVICE), (void *)SERVICE };
    gss_name_t target;
    gss_import_name(&min, &nb, GSS_KRB5_NT_PRINCIPAL_NAME, &target);

    sec_keys keys = { .keytabs = g_ptr_array_new() };
    g_ptr_array_add(keys.keytabs, s->keytab);
    s->prov = sec_provider_kerberos.ctx_new(&keys);
    g_ptr_array_free(keys.keytabs, TRUE);

    OM_uint32 want = GSS_C_MUTUAL_FLAG | GSS_C_DCE_STYLE | GSS_C_CONF_FLAG | GSS_C_INTEG_FLAG |
                     GSS_C_SEQUENCE_FLAG | GSS_C_REPLAY_FLAG;
    gss_buffer_desc in = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER, back = GSS_C_EMPTY_BUFFER;
    bool ok = true;
    maj = gss_init_sec_context(&min, icred, &s->init, target, gss_mech_krb5, want, 0, NULL, &in, NULL, &out,
                               &flags, NULL);
    ok &= maj == GSS_S_CONTINUE_NEEDED;                 /* AP-REQ */
    sec_provider_kerberos.token(s->prov, true, out.value, out.length);
    maj = gss_accept_sec_context(&min, &s->acc, acred, &out, NULL, NULL, NULL, &back, &flags, NULL, NULL);
    ok &= maj == GSS_S_CONTINUE_NEEDED;                 /* AP-REP, DCE style */
    gss_release_buffer(&min, &out);
    sec_provider_kerberos.token(s->prov, false, back.value, back.length);
    maj = gss_init_sec_context(&min, icred, &s->init, target, gss_mech_krb5, want, 0, NULL, &back, NULL, &out,
                               &flags, NULL);
    ok &= maj == GSS_S_COMPLETE;                        /* the client's AP-REP */
    gss_release_buffer(&min, &back);
    sec_provider_kerberos.token(s->prov, true, out.value, out.length);
    maj = gss_accept_sec_context(&min, &s->acc, acred, &out, NULL, NULL, NULL, &back, &flags, NULL, NULL);
    ok &= maj == GSS_S_COMPLETE;
    gss_release_buffer(&min, &out);
    gss_release_buffer(&min, &back);
    gss_release_name(&min, &target);
    gss_release_cred(&min, &icred);
    gss_release_cred(&min, &acred);
    krb5_cc_destroy(s->k5, cc);
    return ok;
}

static void end(session *s)
{
    OM_uint32 min;
    gss_delete_sec_context(&min, &s->init, GSS_C_NO_BUFFER);
    gss_delete_sec_context(&min, &s->acc, GSS_C_NO_BUFFER);
    sec_provider_kerberos.ctx_free(s->prov);
    g_unlink(s->keytab);
    g_free(s->keytab);
    krb5_free_context(s->k5);
}

static void put16(guint8 *p, gsize v)
{
    p[0] = (guint8)v;
    p[1] = (guint8)(v >> 8);
}

/* One request (from the initiator) or response PDU: 24-byte header, 32-byte stub, sec_trailer (auth
 * type 16, level 5 or 6, no padding), the token, protected by MIT as Samba's gensec does for DCE/RPC
 * (gss_wrap_iov with SIGN_ONLY header and trailer; gss_get_mic over the stub or the PDU through the
 * sec_trailer); then unwrapped or verified by the provider. */
static bool message(session *s, bool from_client, bool privacy, bool header_sign, int n,
                    GString *err)
{
    gss_ctx_id_t g = from_client ? s->init : s->acc;
    OM_uint32 min;
    guint8 stub[32];
    for (int i = 0; i < 32; i++)
        stub[i] = (guint8)(n * 37 + i);
    gss_iov_buffer_desc iov[4] = {
        { GSS_IOV_BUFFER_TYPE_HEADER, { 0, NULL } },
        { header_sign ? GSS_IOV_BUFFER_TYPE_SIGN_ONLY : GSS_IOV_BUFFER_TYPE_EMPTY, { header_sign ? 24 : 0, NULL } },
        { GSS_IOV_BUFFER_TYPE_DATA, { 32, NULL } },
        { header_sign ? GSS_IOV_BUFFER_TYPE_SIGN_ONLY : GSS_IOV_BUFFER_TYPE_EMPTY, { header_sign ? 8 : 0, NULL } },
    };
    gsize tok_len = 0;
    gss_buffer_desc t = GSS_C_EMPTY_BUFFER;
    if (!privacy && !header_sign) {   /* the MIC covers the stub alone: make it first, then lay out the PDU */
        gss_buffer_desc m = { 32, stub };
        if (gss_get_mic(&min, g, GSS_C_QOP_DEFAULT, &m, &t) != GSS_S_COMPLETE) {
            g_string_append(err, "gss_get_mic failed");
            return false;
        }
        tok_len = s->mic_len = t.length;
    } else if (!privacy) {   /* the signed header states the MIC's length, fixed per context: known by now */
        tok_len = s->mic_len;
    } else {
        if (gss_wrap_iov_length(&min, g, 1, GSS_C_QOP_DEFAULT, NULL, iov, 4) != GSS_S_COMPLETE) {
            g_string_append(err, "gss_wrap_iov_length failed");
            return false;
        }
        tok_len = iov[0].buffer.length;
    }
    guint8 *pdu = g_malloc0(64 + tok_len);
    pdu[0] = 5;
    pdu[2] = from_client ? 0 : 2;
    pdu[3] = 3;
    pdu[4] = 0x10;
    put16(pdu + 8, 64 + tok_len);
    put16(pdu + 10, tok_len);
    pdu[12] = (guint8)n;
    memcpy(pdu + 24, stub, 32);
    pdu[56] = 16;
    pdu[57] = privacy ? 6 : 5;
    bool ok = true;
    if (privacy) {
        iov[0].buffer.value = pdu + 64;
        iov[0].buffer.length = tok_len;
        iov[1].buffer.value = pdu;
        iov[2].buffer.value = pdu + 24;
        iov[3].buffer.value = pdu + 56;
        int conf = 0;
        if (gss_wrap_iov(&min, g, 1, GSS_C_QOP_DEFAULT, &conf, iov, 4) != GSS_S_COMPLETE || !conf ||
            iov[0].buffer.length != tok_len) {
            g_string_append(err, "gss_wrap_iov failed");
            ok = false;
        }
        ok &= memcmp(pdu + 24, stub, 32) != 0;   /* sealed in place */
    } else {
        if (header_sign) {
            gss_buffer_desc m = { 64, pdu };
            if (gss_get_mic(&min, g, GSS_C_QOP_DEFAULT, &m, &t) != GSS_S_COMPLETE || t.length != tok_len) {
                g_string_append_printf(err, "gss_get_mic failed or gave %zu bytes, not %zu; ", (size_t)t.length,
                                       tok_len);
                ok = false;
            }
        }
        if (ok)
            memcpy(pdu + 64, t.value, tok_len);
        gss_release_buffer(&min, &t);
    }
    if (ok) {
        sec_pdu p = { .pdu = pdu, .pdu_len = 64 + tok_len, .stub_off = 24, .stub_len = 32, .trailer_off = 56,
                      .auth_value = pdu + 64, .auth_len = tok_len, .from_client = from_client, .privacy = privacy,
                      .header_sign = header_sign };
        guint8 out[32];
        ok = sec_provider_kerberos.unwrap(s->prov, &p, out, err);
        if (ok && privacy && memcmp(out, stub, 32) != 0) {
            g_string_append(err, "unwrapped to other bytes");
            ok = false;
        }
    }
    g_free(pdu);
    return ok;
}

int main(void)
{
    g_setenv("KRB5RCACHETYPE", "none", TRUE);   /* the acceptor's replay cache is not under test */
    /* MIT's acceptor makes its subkey with the first permitted enctype: by default aes256 even under an
     * rc4 ticket (then RFC 4121 tokens under an aes subkey follow an rc4 ticket); limited to arcfour-hmac
     * it keeps RFC 4757 tokens. */
    char *rc4_conf = g_strdup_printf("%s/test_krb5_gss_rc4.conf", g_get_tmp_dir());
    g_assert(g_file_set_contents(rc4_conf, "[libdefaults]\n permitted_enctypes = arcfour-hmac\n"
                                           " allow_rc4 = true\n", -1, NULL));
    static const struct { krb5_enctype e; const char *name; bool rc4_only; } enctypes[] = {
        { ENCTYPE_AES256_CTS_HMAC_SHA1_96, "aes256", false },
        { ENCTYPE_AES128_CTS_HMAC_SHA1_96, "aes128", false },
        { ENCTYPE_ARCFOUR_HMAC, "rc4 ticket, aes256 acceptor subkey", false },
        { ENCTYPE_ARCFOUR_HMAC, "rc4", true },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(enctypes); i++) {
        g_setenv("KRB5_CONFIG", enctypes[i].rc4_only ? rc4_conf : "/dev/null", TRUE);
        session s;
        char what[128];
        g_snprintf(what, sizeof what, "%s: MIT GSS-API DCE-style handshake completes", enctypes[i].name);
        CHECK(establish(&s, enctypes[i].e), "%s", what);
        const char *why = NULL;
        bool ready = sec_provider_kerberos.ready(s.prov, &why);
        g_snprintf(what, sizeof what, "%s: the provider followed it (%s)", enctypes[i].name, ready ? "ready" : why);
        CHECK(ready, "%s", what);
        /* Two requests and two responses per combination, interleaved as calls are. */
        int n = 0;
        for (int lvl = 0; lvl < 2; lvl++)
            for (int hs = 0; hs < 2; hs++) {
                GString *err = g_string_new(NULL);
                int good = 0;
                for (int k = 0; k < 4; k++)
                    good += message(&s, k % 2 == 0, lvl == 1, hs == 1, n++, err);
                g_snprintf(what, sizeof what, "%s: %s%s, 2 requests and 2 responses%s%s", enctypes[i].name,
                           lvl ? "PKT_PRIVACY (gss_wrap_iov)" : "PKT_INTEGRITY (gss_get_mic)",
                           hs ? " with header signing" : "", err->len ? ": " : "", err->str);
                CHECK(good == 4, "%s", what);
                g_string_free(err, TRUE);
            }
        end(&s);
    }
    g_unlink(rc4_conf);
    g_free(rc4_conf);
    return check_report("krb5_gss");
}
