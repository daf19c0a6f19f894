/* test_krb5_subkeys.c - which key seals: the provider (capture/sec_kerberos.h) on logons made by the
 * sample synthesizer (samples/synth_krb5.c) whose AP-REP carries an acceptor subkey while the messages
 * are sealed under the initiator's subkey:
 *  - RFC 4121 tokens say so themselves (no AcceptorSubkey flag, RFC 4121 4.2.2): aes256 unwraps under
 *    the initiator subkey;
 *  - RFC 4757 tokens do not: the provider finds the key whose checksum verifies and keeps it;
 *  - a message sealed under a key the context does not know is refused. */
#include "check.h"
#include "sec_kerberos.h"
#include "synth.h"

#include <glib/gstdio.h>
#include <string.h>


static synth_krb5 *logon(krb5_enctype e, guint64 seed, const char *keytab)
{
    synth_krb5_opts o = { .keytab = keytab, .stubs = "/dev/null", .service = "RPCSS/NODE1.contoso.local@CONTOSO.LOCAL",
                          .client = "Administrator@CONTOSO.LOCAL", .password = "Node1-Machine!2026", .enctype = e,
                          .kvno = 7, .seed = seed, .acceptor_subkey = true, .auth_type = 16 };
    return synth_krb5_new(&o);
}

static void *provider(synth_krb5 *k, const char *keytab)
{
    sec_keys keys = { .keytabs = g_ptr_array_new() };
    g_ptr_array_add(keys.keytabs, (gpointer)keytab);
    void *ctx = sec_provider_kerberos.ctx_new(&keys);
    g_ptr_array_free(keys.keytabs, TRUE);
    GByteArray *req = synth_krb5_ap_req(k), *rep = synth_krb5_ap_rep(k, false);
    sec_provider_kerberos.token(ctx, true, req->data, req->len);
    sec_provider_kerberos.token(ctx, false, rep->data, rep->len);
    g_byte_array_free(req, TRUE);
    g_byte_array_free(rep, TRUE);
    return ctx;
}

/* A request or response with a 32-byte stub sealed by `sealer`, unwrapped by ctx: "(unwrapped)" or why not. */
static const char *round_trip(synth_krb5 *sealer, void *ctx, int side, int n)
{
    static char buf[256];
    guint tok = synth_krb5_token_len(sealer), len = 24 + 32 + 8 + tok;
    guint8 *pdu = g_malloc0(len), stub[32];
    for (int i = 0; i < 32; i++)
        stub[i] = (guint8)(n * 11 + i);
    pdu[0] = 5;
    pdu[2] = side == SYNTH_CLIENT ? 0 : 2;
    pdu[3] = 3;
    pdu[4] = 0x10;
    pdu[8] = (guint8)len;
    pdu[10] = (guint8)tok;
    memcpy(pdu + 24, stub, 32);
    pdu[56] = 16;
    pdu[57] = 6;
    synth_krb5_seal(sealer, side, pdu, len, 24);
    sec_pdu p = { .pdu = pdu, .pdu_len = len, .stub_off = 24, .stub_len = 32, .trailer_off = 56,
                  .auth_value = pdu + 64, .auth_len = tok, .from_client = side == SYNTH_CLIENT, .privacy = true };
    guint8 out[32];
    GString *why = g_string_new(NULL);
    bool ok = sec_provider_kerberos.unwrap(ctx, &p, out, why);
    g_strlcpy(buf, !ok ? why->str : memcmp(out, stub, 32) == 0 ? "(unwrapped)" : "(other bytes)", sizeof buf);
    g_string_free(why, TRUE);
    g_free(pdu);
    return buf;
}

/* The logon's AP-REP carried an acceptor subkey; the messages are sealed under the initiator's. */
static void initiator_sealed(krb5_enctype e, const char *name)
{
    char *kt = g_strdup_printf("%s/test_krb5_subkeys_%d.keytab", g_get_tmp_dir(), (int)e);
    synth_krb5 *k = logon(e, 0x5eed0000u + (guint64)e, kt);
    void *ctx = provider(k, kt);
    krb5_keyblock *acceptor = k->acceptor_subkey;
    k->acceptor_subkey = NULL;
    char what[128];
    for (int n = 0; n < 4; n++) {
        g_snprintf(what, sizeof what, "%s: %s %d sealed under the initiator subkey", name,
                   n % 2 ? "response" : "request", n / 2 + 1);
        CHECK_STR(round_trip(k, ctx, n % 2 ? SYNTH_SERVER : SYNTH_CLIENT, n), "(unwrapped)", "%s", what);
    }
    k->acceptor_subkey = acceptor;
    /* A stranger's logon (other keys) seals the next request: refused. */
    char *kt2 = g_strdup_printf("%s/test_krb5_subkeys_other_%d.keytab", g_get_tmp_dir(), (int)e);
    synth_krb5 *other = logon(e, 0x07e40000u + (guint64)e, kt2);
    g_snprintf(what, sizeof what, "%s: a request sealed under keys of another logon", name);
    CHECK_STR(round_trip(other, ctx, SYNTH_CLIENT, 9), "the Wrap token's checksum does not verify", "%s", what);
    synth_krb5_free(other);
    sec_provider_kerberos.ctx_free(ctx);
    synth_krb5_free(k);
    g_unlink(kt);
    g_unlink(kt2);
    g_free(kt);
    g_free(kt2);
}

int main(void)
{
    initiator_sealed(ENCTYPE_AES256_CTS_HMAC_SHA1_96, "aes256");
    initiator_sealed(ENCTYPE_ARCFOUR_HMAC, "rc4");
    return check_report("krb5_subkeys");
}
