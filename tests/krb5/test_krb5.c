/* test_krb5.c - the Kerberos provider (capture/sec_kerberos.h) through the sec_provider interface
 * alone, without the DCE/RPC framework:
 *  - krb5 itself as we call it: RFC 3962 Appendix B string-to-key vectors, the RC4 key of RFC 4757 1;
 *  - the two Kerberos samples, read frame by frame: every sealed stub unwraps to the bytes the
 *    synthesizer sealed (NAME.stubs, which tshark independently confirms: samples_sealed_krb5), and
 *    the token headers are the ones RFC 4121 4.2.6.2 / RFC 4757 7.3 prescribe;
 *  - every refusal with its reason: no keytab, wrong key, missing kvno, missing enctype, other
 *    principal, unreadable keytab, unsupported enctype, bad DER, malformed framing, truncated and
 *    altered tokens, replays, direction, header signing.
 * usage: test_krb5 SAMPLES_DIR */
#include "check.h"
#include "krb5_der.h"
#include "sec_kerberos.h"

#include <glib/gstdio.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

static const char *samples;

static char *hex(const guint8 *p, gsize n)
{
    char *s = g_malloc(2 * n + 1);
    for (gsize i = 0; i < n; i++)
        g_snprintf(s + 2 * i, 3, "%02x", p[i]);
    s[2 * n] = 0;
    return s;
}

/* ---- krb5 as we call it ---- */

static void string_to_key(krb5_context k5, krb5_enctype e, const char *pw, const char *salt, guint32 iter,
                          const char *want, const char *what)
{
    krb5_data p = { .length = (unsigned int)strlen(pw), .data = (char *)pw };
    krb5_data s = { .length = (unsigned int)strlen(salt), .data = (char *)salt };
    guint8 it[4] = { (guint8)(iter >> 24), (guint8)(iter >> 16), (guint8)(iter >> 8), (guint8)iter };
    krb5_data params = { .length = 4, .data = (char *)it };
    krb5_keyblock key;
    krb5_error_code ret = krb5_c_string_to_key_with_params(k5, e, &p, &s, e == ENCTYPE_ARCFOUR_HMAC ? NULL : &params, &key);
    if (ret != 0) {
        const char *msg = krb5_get_error_message(k5, ret);
        printf("  %s\n", msg);
        krb5_free_error_message(k5, msg);
        CHECK(false, "%s", what);
        return;
    }
    char *got = hex(key.contents, key.length);
    CHECK_STR(got, want, "%s", what);
    g_free(got);
    krb5_free_keyblock_contents(k5, &key);
}

/* MIT refuses PBKDF2 iteration counts below its default 4096 unless this switch of libk5crypto, which its
 * own string-to-key tests set, is on; RFC 3962's vectors use 1, 2 and 1200. */
extern krb5_boolean k5_allow_weak_pbkdf2iter;

static void test_vectors(void)
{
    k5_allow_weak_pbkdf2iter = TRUE;
    krb5_context k5;
    g_assert(krb5_init_context(&k5) == 0);
    /* RFC 3962 Appendix B: "password", salt "ATHENA.MIT.EDUraeburn", iteration counts 1, 2 and 1200. */
    const char *salt = "ATHENA.MIT.EDUraeburn";
    string_to_key(k5, ENCTYPE_AES128_CTS_HMAC_SHA1_96, "password", salt, 1, "42263c6e89f4fc28b8df68ee09799f15",
                  "RFC 3962 B: aes128 string-to-key, 1 iteration");
    string_to_key(k5, ENCTYPE_AES256_CTS_HMAC_SHA1_96, "password", salt, 1,
                  "fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161",
                  "RFC 3962 B: aes256 string-to-key, 1 iteration");
    string_to_key(k5, ENCTYPE_AES128_CTS_HMAC_SHA1_96, "password", salt, 2, "c651bf29e2300ac27fa469d693bdda13",
                  "RFC 3962 B: aes128 string-to-key, 2 iterations");
    string_to_key(k5, ENCTYPE_AES256_CTS_HMAC_SHA1_96, "password", salt, 1200,
                  "55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a",
                  "RFC 3962 B: aes256 string-to-key, 1200 iterations");
    /* RFC 4757 1: the RC4-HMAC key is MD4(UNICODE(password)), the NT hash; "password" is the
     * well-known 8846f7eaee8fb117ad06bdd830b7586c. */
    string_to_key(k5, ENCTYPE_ARCFOUR_HMAC, "password", "", 0, "8846f7eaee8fb117ad06bdd830b7586c",
                  "RFC 4757 1: arcfour-hmac key = NT hash");
    krb5_free_context(k5);
}

/* ---- the samples, frame by frame ---- */

typedef struct rpdu {
    GByteArray *b;
    bool from_client;
} rpdu;

/* The DCE/RPC PDUs of a sample (Ethernet, IPv4, TCP; one PDU per segment, as the synthesizer sends
 * these small ones), in capture order. */
static GArray *read_pdus(const char *name)
{
    char *path = g_strdup_printf("%s/%s.pcap", samples, name), err[PCAP_ERRBUF_SIZE];
    pcap_t *pd = pcap_open_offline(path, err);
    g_assert(pd);
    g_free(path);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(rpdu));
    struct pcap_pkthdr *h;
    const guint8 *f;
    while (pcap_next_ex(pd, &h, &f) == 1) {
        if (h->caplen < 14 + 20 + 20 || f[12] != 0x08 || f[13] != 0x00 || f[23] != 6)
            continue;
        guint ip = (f[14] & 0x0f) * 4u, tcp = (f[14 + ip + 12] >> 4) * 4u, off = 14 + ip + tcp;
        if (off + 16 > h->caplen || f[off] != 5)
            continue;
        guint frag = f[off + 8] | (guint)f[off + 9] << 8;
        g_assert(off + frag == h->caplen);
        guint16 dport = (guint16)(f[14 + ip + 2] << 8 | f[14 + ip + 3]);
        rpdu r = { g_byte_array_append(g_byte_array_new(), f + off, frag), dport == 49154 };
        g_array_append_val(out, r);
    }
    pcap_close(pd);
    return out;
}

static void free_pdus(GArray *a)
{
    for (guint i = 0; i < a->len; i++)
        g_byte_array_free(g_array_index(a, rpdu, i).b, TRUE);
    g_array_free(a, TRUE);
}

static guint auth_len(const GByteArray *b) { return b->data[10] | (guint)b->data[11] << 8; }

/* The Kerberos token of a handshake PDU; inside SPNEGO (auth_type 9) the GSS-framed mechToken or
 * responseToken, found as 0x60, a DER length and the Kerberos OID (what the framework's SPNEGO
 * layer hands over). NULL when there is none (SPNEGO's accept-completed). */
static const guint8 *handshake_token(const GByteArray *b, gsize *len)
{
    guint al = auth_len(b);
    if (!al)
        return NULL;
    const guint8 *t = b->data + b->len - al, *sec = t - 8;
    if (sec[0] == 16) {
        *len = al;
        return t;
    }
    static const guint8 oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 };
    for (guint i = 2; i + sizeof oid <= al; i++) {
        if (memcmp(t + i, oid, sizeof oid) != 0)
            continue;
        for (guint n = 2; n <= 4 && n <= i; n++)
            if (t[i - n] == 0x60) {
                *len = al - (i - n);
                return t + i - n;
            }
    }
    return NULL;
}

/* The sec_pdu of a request (with its object UUID) or response. */
static sec_pdu protected_pdu(const GByteArray *b, bool from_client)
{
    guint al = auth_len(b), trailer = b->len - al - 8;
    guint stub = b->data[2] == 0 ? 24 + (b->data[3] & 0x80 ? 16 : 0) : 24;
    return (sec_pdu){ .pdu = b->data, .pdu_len = b->len, .stub_off = stub, .stub_len = trailer - stub,
                      .trailer_off = trailer, .auth_value = b->data + b->len - al, .auth_len = al,
                      .from_client = from_client, .privacy = b->data[trailer + 1] == 6,
                      .header_sign = b->data[trailer] == 9 };
}

static bool is_call(const GByteArray *b) { return b->data[2] == 0 || b->data[2] == 2; }

static void *session(const char *name, const char *keytab, GArray *pdus)
{
    sec_keys keys = { .keytabs = g_ptr_array_new() };
    if (keytab)
        g_ptr_array_add(keys.keytabs, (gpointer)keytab);
    void *ctx = sec_provider_kerberos.ctx_new(&keys);
    g_ptr_array_free(keys.keytabs, TRUE);
    for (guint i = 0; i < pdus->len; i++) {
        rpdu *r = &g_array_index(pdus, rpdu, i);
        gsize len;
        const guint8 *t = is_call(r->b) ? NULL : handshake_token(r->b, &len);
        if (t)
            sec_provider_kerberos.token(ctx, r->from_client, t, len);
    }
    (void)name;
    return ctx;
}

static char *sample_keytab(const char *name) { return g_strdup_printf("%s/%s.keytab", samples, name); }

static void test_golden(const char *name)
{
    GArray *pdus = read_pdus(name);
    char *kt = sample_keytab(name), *stubs_path = g_strdup_printf("%s/%s.stubs", samples, name), *stubs;
    g_assert(g_file_get_contents(stubs_path, &stubs, NULL, NULL));
    char **lines = g_strsplit(stubs, "\n", -1);
    void *ctx = session(name, kt, pdus);
    const char *why = NULL;
    char *what = g_strdup_printf("%s: ready with its keytab", name);
    CHECK(sec_provider_kerberos.ready(ctx, &why), "%s", what);
    g_free(what);
    guint n = 0, good = 0;
    for (guint i = 0; i < pdus->len; i++) {
        rpdu *r = &g_array_index(pdus, rpdu, i);
        if (!is_call(r->b))
            continue;
        sec_pdu p = protected_pdu(r->b, r->from_client);
        guint8 *out = g_malloc(p.stub_len);
        GString *err = g_string_new(NULL);
        const char *want = lines[n] ? strchr(lines[n], ' ') : NULL;
        if (sec_provider_kerberos.unwrap(ctx, &p, out, err) && want) {
            char *got = hex(out, p.stub_len);
            good += g_str_has_prefix(got, want + 1);
            g_free(got);
        } else {
            printf("  PDU %u: %s\n", i, err->str);
        }
        g_string_free(err, TRUE);
        g_free(out);
        n++;
    }
    what = g_strdup_printf("%s: all 8 stubs unwrap to the bytes sealed", name);
    CHECK(n == 8 && good == 8, "%s", what);
    g_free(what);
    sec_provider_kerberos.ctx_free(ctx);
    g_strfreev(lines);
    g_free(stubs);
    g_free(stubs_path);
    g_free(kt);
    free_pdus(pdus);
}

/* The token headers, derived from the RFCs: RFC 4121 4.2.6.2 Wrap token TOK_ID 05 04, flags Sealed (2) |
 * AcceptorSubkey (4) from the client, | SentByAcceptor (1) from the server, filler FF, EC 16 and RRC 28
 * as Windows writes DCE-style tokens (MS-KILE 3.4.5.4.1); RFC 4757 7.3 in RFC 2743 3.1 framing:
 * 60, length 43, OID 1.2.840.113554.1.2.2, TOK_ID 02 01, SGN_ALG 11 00 (HMAC), SEAL_ALG 10 00 (RC4),
 * filler FF FF. Then SND_SEQ counts up by one per direction. */
static void test_headers(void)
{
    GArray *pdus = read_pdus("sealed_krb5_aes");
    guint64 first[2] = { 0 }, last[2] = { 0 };
    int seen[2] = { 0 }, bad = 0;
    for (guint i = 0; i < pdus->len; i++) {
        rpdu *r = &g_array_index(pdus, rpdu, i);
        if (!is_call(r->b))
            continue;
        sec_pdu p = protected_pdu(r->b, r->from_client);
        static const guint8 c2s[8] = { 0x05, 0x04, 0x06, 0xff, 0x00, 0x10, 0x00, 0x1c };
        static const guint8 s2c[8] = { 0x05, 0x04, 0x07, 0xff, 0x00, 0x10, 0x00, 0x1c };
        bad += p.auth_len != 76 || memcmp(p.auth_value, r->from_client ? c2s : s2c, 8) != 0;
        guint64 seq = 0;
        for (int k = 8; k < 16; k++)
            seq = seq << 8 | p.auth_value[k];
        int d = r->from_client ? 0 : 1;
        if (!seen[d]++)
            first[d] = seq;
        else
            bad += seq != last[d] + 1;
        last[d] = seq;
    }
    CHECK(bad == 0 && seen[0] == 4 && seen[1] == 4 && last[0] == first[0] + 3,
          "aes: 76-byte tokens 05 04 06|07 ff 00 10 00 1c, SND_SEQ +1 per direction");
    free_pdus(pdus);
    pdus = read_pdus("sealed_krb5_rc4");
    static const guint8 rc4[21] = { 0x60, 0x2b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01,
                                    0x02, 0x02, 0x02, 0x01, 0x11, 0x00, 0x10, 0x00, 0xff, 0xff };
    bad = 0;
    int n = 0;
    for (guint i = 0; i < pdus->len; i++) {
        rpdu *r = &g_array_index(pdus, rpdu, i);
        if (!is_call(r->b))
            continue;
        sec_pdu p = protected_pdu(r->b, r->from_client);
        bad += p.auth_len != 45 || memcmp(p.auth_value, rc4, sizeof rc4) != 0;
        n++;
    }
    CHECK(bad == 0 && n == 8, "rc4: 45-byte tokens 60 2b OID 02 01 11 00 10 00 ff ff");
    free_pdus(pdus);
}

/* ---- refusals ---- */

#define AES_WHAT "Kerberos aes256-cts-hmac-sha1-96 for RPCSS/NODE1.contoso.local@CONTOSO.LOCAL kvno 3: "

/* A keytab of one entry: principal, enctype, kvno, key from the password (default salt). */
static char *add_keytab(const char *path, const char *principal, krb5_enctype e, krb5_kvno kvno, const char *password);
static const char *salt_of;   /* when set, the principal whose default salt string-to-key uses */

static char *make_keytab(const char *principal, krb5_enctype e, krb5_kvno kvno, const char *password)
{
    char *path = g_strdup_printf("%s/test_krb5_%d_%u_%s.keytab", g_get_tmp_dir(), (int)e, kvno, password);
    g_unlink(path);
    return add_keytab(path, principal, e, kvno, password);
}

/* Adds one entry to the keytab at path (taken) and returns path. */
static char *add_keytab(const char *path, const char *principal, krb5_enctype e, krb5_kvno kvno, const char *password)
{
    krb5_context k5;
    g_assert(krb5_init_context(&k5) == 0);
    char *name = g_strconcat("FILE:", path, NULL);
    krb5_principal p;
    krb5_data salt, pw = { .length = (unsigned int)strlen(password), .data = (char *)password };
    krb5_keyblock key;
    krb5_keytab kt;
    g_assert(krb5_parse_name(k5, principal, &p) == 0);
    krb5_principal sp = NULL;
    g_assert(krb5_parse_name(k5, salt_of ? salt_of : principal, &sp) == 0);
    g_assert(krb5_principal2salt(k5, sp, &salt) == 0);
    krb5_free_principal(k5, sp);
    g_assert(krb5_c_string_to_key(k5, e, &pw, &salt, &key) == 0);
    g_assert(krb5_kt_resolve(k5, name, &kt) == 0);
    krb5_keytab_entry ent = { .principal = p, .vno = kvno, .key = key };
    g_assert(krb5_kt_add_entry(k5, kt, &ent) == 0);
    krb5_kt_close(k5, kt);
    krb5_free_keyblock_contents(k5, &key);
    krb5_free_data_contents(k5, &salt);
    krb5_free_principal(k5, p);
    krb5_free_context(k5);
    g_free(name);
    return (char *)path;
}

static void expect_why(const char *what, const char *keytab, const char *want)
{
    GArray *pdus = read_pdus("sealed_krb5_aes");
    void *ctx = session("sealed_krb5_aes", keytab, pdus);
    const char *why = NULL;
    bool ready = sec_provider_kerberos.ready(ctx, &why);
    CHECK_STR(ready ? "(ready)" : why, want, "%s", what);
    /* and no values: the first request does not unwrap */
    for (guint i = 0; i < pdus->len; i++) {
        rpdu *r = &g_array_index(pdus, rpdu, i);
        if (!is_call(r->b))
            continue;
        sec_pdu p = protected_pdu(r->b, r->from_client);
        guint8 *out = g_malloc(p.stub_len);
        GString *err = g_string_new(NULL);
        bool ok = sec_provider_kerberos.unwrap(ctx, &p, out, err);
        char *w = g_strdup_printf("%s: unwrap refused", what);
        CHECK(!ok && strcmp(err->str, "the Kerberos context is not established") == 0, "%s", w);
        g_free(w);
        g_string_free(err, TRUE);
        g_free(out);
        break;
    }
    sec_provider_kerberos.ctx_free(ctx);
    free_pdus(pdus);
}

static void expect_ready(const char *what, const char *keytab)
{
    GArray *pdus = read_pdus("sealed_krb5_aes");
    void *ctx = session("sealed_krb5_aes", keytab, pdus);
    const char *why = NULL;
    bool ready = sec_provider_kerberos.ready(ctx, &why);
    CHECK_STR(ready ? "(ready)" : why, "(ready)", "%s", what);
    sec_provider_kerberos.ctx_free(ctx);
    free_pdus(pdus);
}

static void test_keys(void)
{
    const char *svc = "RPCSS/NODE1.contoso.local@CONTOSO.LOCAL";
    expect_why("no keytab", NULL, AES_WHAT "no key (give --keytab)");
    char *kt = make_keytab(svc, ENCTYPE_AES256_CTS_HMAC_SHA1_96, 3, "not-the-password");
    expect_why("wrong key", kt, AES_WHAT "wrong key: the ticket does not decrypt");
    g_unlink(kt);
    g_free(kt);
    kt = make_keytab(svc, ENCTYPE_AES256_CTS_HMAC_SHA1_96, 2, "Node1-Machine!2026");
    expect_why("missing kvno", kt, AES_WHAT "no keytab entry for kvno 3 (keytab has 2)");
    g_unlink(kt);
    g_free(kt);
    kt = make_keytab(svc, ENCTYPE_AES128_CTS_HMAC_SHA1_96, 3, "Node1-Machine!2026");
    expect_why("missing enctype", kt, AES_WHAT "no key of this enctype in the keytab (it has aes128-cts-hmac-sha1-96)");
    g_unlink(kt);
    g_free(kt);
    kt = make_keytab("RPCSS/NODE2.contoso.local@CONTOSO.LOCAL", ENCTYPE_AES256_CTS_HMAC_SHA1_96, 3, "x");
    expect_why("other principal", kt, AES_WHAT "no keytab entry for this principal (give its --keytab)");
    g_unlink(kt);
    g_free(kt);
    /* The service's key kept under the computer account's name: the ticket's checksum finds it. */
    salt_of = svc;
    kt = make_keytab("NODE1$@CONTOSO.LOCAL", ENCTYPE_AES256_CTS_HMAC_SHA1_96, 3, "Node1-Machine!2026");
    salt_of = NULL;
    expect_ready("the key under another name", kt);
    g_unlink(kt);
    g_free(kt);
    kt = make_keytab("NODE1$@CONTOSO.LOCAL", ENCTYPE_AES256_CTS_HMAC_SHA1_96, 2, "Node1-Machine!2026");
    expect_why("the key under another name, other kvno", kt,
               AES_WHAT "no keytab entry for this principal (give its --keytab)");
    g_unlink(kt);
    g_free(kt);
    /* Two entries for the principal, kvno and enctype, the first wrong: the second opens the ticket. */
    kt = make_keytab(svc, ENCTYPE_AES256_CTS_HMAC_SHA1_96, 3, "old-password");
    kt = add_keytab(kt, svc, ENCTYPE_AES256_CTS_HMAC_SHA1_96, 3, "Node1-Machine!2026");
    expect_ready("a wrong and a right entry", kt);
    g_unlink(kt);
    g_free(kt);
    expect_why("unreadable keytab", "/nonexistent/k.keytab",
               AES_WHAT "Key table file '/nonexistent/k.keytab' not found");
}

static const char *why_after(const guint8 *tok, gsize len, bool from_client)
{
    static char buf[512];
    sec_keys keys = { .keytabs = g_ptr_array_new() };
    void *ctx = sec_provider_kerberos.ctx_new(&keys);
    sec_provider_kerberos.token(ctx, from_client, tok, len);
    const char *why = "(ready)";
    sec_provider_kerberos.ready(ctx, &why);
    g_strlcpy(buf, why, sizeof buf);
    sec_provider_kerberos.ctx_free(ctx);
    g_ptr_array_free(keys.keytabs, TRUE);
    return buf;
}

static void test_bad_tokens(void)
{
    /* An AP-REQ whose ticket claims enctype 99 (the DER is valid; the ciphertext is never tried). */
    krb5_context k5;
    g_assert(krb5_init_context(&k5) == 0);
    krb5_ticket tkt = { .magic = KV5M_TICKET };
    g_assert(krb5_parse_name(k5, "RPCSS/NODE1.contoso.local@CONTOSO.LOCAL", &tkt.server) == 0);
    char junk[32] = { 0 };
    tkt.enc_part = (krb5_enc_data){ .magic = KV5M_ENC_DATA, .enctype = 99, .kvno = 1,
                                    .ciphertext = { KV5M_DATA, sizeof junk, junk } };
    krb5_ap_req req = { .magic = KV5M_AP_REQ, .ticket = &tkt,
                        .authenticator = { .magic = KV5M_ENC_DATA, .enctype = 99,
                                           .ciphertext = { KV5M_DATA, sizeof junk, junk } } };
    krb5_data *der;
    g_assert(encode_krb5_ap_req(&req, &der) == 0);
    CHECK_STR(why_after((const guint8 *)der->data, der->length, true),
              "Kerberos enctype 99 for RPCSS/NODE1.contoso.local@CONTOSO.LOCAL kvno 1: unsupported enctype "
              "(aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96 and arcfour-hmac are)", "unknown enctype");
    /* The same AP-REQ cut short: DER that ends inside the ticket. */
    CHECK_STR(why_after((const guint8 *)der->data, der->length / 2, true),
              "Kerberos: the AP-REQ does not decode (bad DER)", "truncated AP-REQ");
    krb5_free_data(k5, der);
    krb5_free_principal(k5, tkt.server);
    krb5_free_context(k5);

    static const guint8 bad_der[] = { 0x6e, 0x03, 0x30, 0x01, 0x00 };
    CHECK_STR(why_after(bad_der, sizeof bad_der, true), "Kerberos: the AP-REQ does not decode (bad DER)", "bad DER");
    static const guint8 long_len[] = { 0x60, 0x85, 0x01, 0x02, 0x03, 0x04, 0x05 };
    CHECK_STR(why_after(long_len, sizeof long_len, true), "Kerberos: a Kerberos token with malformed GSS framing",
              "GSS framing: 5 length bytes");
    static const guint8 over[] = { 0x60, 0x20, 0x06, 0x09 };
    CHECK_STR(why_after(over, sizeof over, true), "Kerberos: a Kerberos token with malformed GSS framing",
              "GSS framing: length past the end");
    static const guint8 other_oid[] = { 0x60, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x03,
                                        0x01, 0x00 };
    CHECK_STR(why_after(other_oid, sizeof other_oid, true), "Kerberos: a Kerberos token with malformed GSS framing",
              "GSS framing: another mechanism");
    static const guint8 empty_req[] = { 0x60, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02,
                                        0x01, 0x00 };
    CHECK_STR(why_after(empty_req, sizeof empty_req, true), "Kerberos: the AP-REQ does not decode (bad DER)",
              "GSS-framed AP-REQ with nothing inside");
    static const guint8 krb_error[] = { 0x7e, 0x00 };
    CHECK_STR(why_after(krb_error, sizeof krb_error, false), "Kerberos: the server sent a KRB-ERROR", "KRB-ERROR");
    CHECK_STR(why_after(krb_error, 0, true), "Kerberos: a token from the client that is neither AP-REQ nor AP-REP",
              "empty token");
}

/* Unwrap one protected PDU (a copy, altered by `alter`) on an established context. */
typedef void (*alter_fn)(GByteArray *b, sec_pdu *p);

static const char *unwrap_altered(const char *name, guint call, alter_fn alter, bool twice)
{
    static char buf[512];
    GArray *pdus = read_pdus(name);
    char *kt = sample_keytab(name);
    void *ctx = session(name, kt, pdus);
    guint n = 0;
    g_strlcpy(buf, "(no such call)", sizeof buf);
    for (guint i = 0; i < pdus->len; i++) {
        rpdu *r = &g_array_index(pdus, rpdu, i);
        if (!is_call(r->b) || n++ != call)
            continue;
        GByteArray *b = g_byte_array_append(g_byte_array_new(), r->b->data, r->b->len);
        sec_pdu p = protected_pdu(b, r->from_client);
        if (alter)
            alter(b, &p);
        guint8 *out = g_malloc(p.stub_len + 1);
        GString *err = g_string_new(NULL);
        bool ok = sec_provider_kerberos.unwrap(ctx, &p, out, err);
        if (twice && ok)
            ok = sec_provider_kerberos.unwrap(ctx, &p, out, err);
        g_strlcpy(buf, ok ? "(unwrapped)" : err->str, sizeof buf);
        g_string_free(err, TRUE);
        g_free(out);
        g_byte_array_free(b, TRUE);
        break;
    }
    sec_provider_kerberos.ctx_free(ctx);
    g_free(kt);
    free_pdus(pdus);
    return buf;
}

static void flip_stub(GByteArray *b, sec_pdu *p) { b->data[p->stub_off + 3] ^= 0x01; }
static void flip_header(GByteArray *b, sec_pdu *p) { b->data[22] ^= 0x01; }   /* opnum */
static void flip_token_tail(GByteArray *b, sec_pdu *p) { b->data[b->len - 1] ^= 0x80; }
static void cut_40(GByteArray *b, sec_pdu *p) { p->auth_len = 40; }
static void cut_8(GByteArray *b, sec_pdu *p) { p->auth_len = 8; }
static void turn_around(GByteArray *b, sec_pdu *p) { p->from_client = !p->from_client; }
static void no_header_sign(GByteArray *b, sec_pdu *p) { p->header_sign = false; }
static void integrity(GByteArray *b, sec_pdu *p) { p->privacy = false; }
static void outside(GByteArray *b, sec_pdu *p) { p->stub_len = p->pdu_len; }
static void token_outside(GByteArray *b, sec_pdu *p) { p->auth_len += 1; }

static void test_unwrap_refusals(void)
{
    const char *aes = "sealed_krb5_aes", *rc4 = "sealed_krb5_rc4";
    CHECK_STR(unwrap_altered(aes, 0, NULL, false), "(unwrapped)", "aes: first request unwraps");
    CHECK_STR(unwrap_altered(aes, 0, flip_stub, false), "the Wrap token's checksum does not verify",
              "aes: a stub bit flipped");
    CHECK_STR(unwrap_altered(aes, 0, flip_header, false), "the Wrap token's checksum does not verify",
              "aes: a signed header bit flipped");
    CHECK_STR(unwrap_altered(aes, 0, no_header_sign, false), "the Wrap token's checksum does not verify",
              "aes: checked without the signed header");
    CHECK_STR(unwrap_altered(aes, 1, flip_token_tail, false), "the Wrap token's checksum does not verify",
              "aes: a token bit flipped");
    CHECK_STR(unwrap_altered(aes, 0, cut_40, false), "Wrap token of 40 bytes, expected 76 for EC 16",
              "aes: token cut to 40 bytes");
    CHECK_STR(unwrap_altered(aes, 0, cut_8, false), "a 8-byte token, shorter than the 16-byte RFC 4121 header",
              "aes: token cut to 8 bytes");
    CHECK_STR(unwrap_altered(aes, 0, turn_around, false), "the token's SentByAcceptor flag contradicts its direction",
              "aes: request taken for a response");
    CHECK_STR(unwrap_altered(aes, 0, integrity, false), "PKT_INTEGRITY without an RFC 4121 MIC token (TOK_ID 04 04)",
              "aes: Wrap token at PKT_INTEGRITY");
    CHECK_STR(unwrap_altered(aes, 0, outside, false), "the protected part lies outside the PDU",
              "aes: stub outside the PDU");
    CHECK_STR(unwrap_altered(aes, 0, token_outside, false), "the token lies outside the PDU",
              "aes: auth_length past the PDU");
    const char *replay = unwrap_altered(aes, 0, NULL, true);
    CHECK(g_str_has_prefix(replay, "sequence number ") && strstr(replay, ", expected "), "aes: a replayed request");
    CHECK_STR(unwrap_altered(rc4, 1, NULL, false), "(unwrapped)", "rc4: first response unwraps");
    CHECK_STR(unwrap_altered(rc4, 1, flip_stub, false), "the Wrap token's checksum does not verify",
              "rc4: a stub bit flipped");
    CHECK_STR(unwrap_altered(rc4, 1, flip_token_tail, false), "the Wrap token's checksum does not verify",
              "rc4: the confounder altered");
    CHECK_STR(unwrap_altered(rc4, 1, turn_around, false), "the token's direction bytes contradict its direction",
              "rc4: response taken for a request");
    CHECK_STR(unwrap_altered(rc4, 1, integrity, false),
              "PKT_INTEGRITY without an RFC 4757 MIC token (01 01 11 00 ff ff ff ff, 24 bytes)",
              "rc4: Wrap token at PKT_INTEGRITY");
    CHECK_STR(unwrap_altered(rc4, 1, cut_40, false), "a token with malformed GSS framing",
              "rc4: token cut to 40 bytes");
    const char *r2 = unwrap_altered(rc4, 0, NULL, true);
    CHECK(g_str_has_prefix(r2, "sequence number ") && strstr(r2, ", expected "), "rc4: a replayed request");
}

/* Hostile bytes: each handshake token and each protected PDU of both samples, mutated (bytes changed,
 * cut short) under a fixed seed, fed to a context with the right keytab: every call returns, nothing
 * unwraps that was altered in its token or stub, and ASan/UBSan see no fault. */
static void test_mutations(const char *name)
{
    GArray *pdus = read_pdus(name);
    char *kt = sample_keytab(name);
    GRand *rnd = g_rand_new_with_seed(4121);
    int wrongly_ok = 0, rounds = 0;
    for (int round = 0; round < 1000; round++) {
        sec_keys keys = { .keytabs = g_ptr_array_new() };
        g_ptr_array_add(keys.keytabs, kt);
        void *ctx = sec_provider_kerberos.ctx_new(&keys);
        g_ptr_array_free(keys.keytabs, TRUE);
        guint victim = (guint)g_rand_int_range(rnd, 0, (gint32)pdus->len);
        for (guint i = 0; i < pdus->len; i++) {
            rpdu *r = &g_array_index(pdus, rpdu, i);
            GByteArray *b = g_byte_array_append(g_byte_array_new(), r->b->data, r->b->len);
            guint al = auth_len(b);
            bool altered = i == victim && al > 0;
            if (altered) {   /* change 1-4 bytes of the auth_value (and for calls maybe of the stub) */
                int n = g_rand_int_range(rnd, 1, 5);
                for (int k = 0; k < n; k++) {
                    guint at = b->len - al + (guint)g_rand_int_range(rnd, 0, (gint32)al);
                    if (is_call(b) && g_rand_boolean(rnd)) {
                        sec_pdu q = protected_pdu(b, r->from_client);
                        at = (guint)(q.stub_off + (gsize)g_rand_int_range(rnd, 0, (gint32)q.stub_len));
                    }
                    b->data[at] ^= (guint8)g_rand_int_range(rnd, 1, 256);
                }
            }
            if (is_call(b)) {
                sec_pdu p = protected_pdu(b, r->from_client);
                if (i == victim && g_rand_boolean(rnd))   /* or cut the token short */
                    p.auth_len = (gsize)g_rand_int_range(rnd, 0, (gint32)p.auth_len);
                guint8 *out = g_malloc(p.stub_len + 1);
                GString *err = g_string_new(NULL);
                bool ok = sec_provider_kerberos.unwrap(ctx, &p, out, err);
                if (ok && i == victim) {
                    char *h1 = hex(r->b->data + r->b->len - al, al), *h2 = hex(b->data + b->len - al, al);
                    printf("  unwrapped altered PDU %u (auth_len %zu):\n  %s\n  %s\n", i, p.auth_len, h1, h2);
                    g_free(h1);
                    g_free(h2);
                    wrongly_ok++;
                }
                g_string_free(err, TRUE);
                g_free(out);
            } else {
                gsize len;
                const guint8 *t = handshake_token(b, &len);
                if (t && i == victim && g_rand_boolean(rnd))
                    len = (gsize)g_rand_int_range(rnd, 0, (gint32)len);
                if (t)
                    sec_provider_kerberos.token(ctx, r->from_client, t, len);
                const char *why;
                sec_provider_kerberos.ready(ctx, &why);
            }
            g_byte_array_free(b, TRUE);
        }
        sec_provider_kerberos.ctx_free(ctx);
        rounds++;
    }
    char *what = g_strdup_printf("%s: %d mutated sessions, no altered PDU unwrapped", name, rounds);
    CHECK(wrongly_ok == 0, "%s", what);
    g_free(what);
    g_rand_free(rnd);
    g_free(kt);
    free_pdus(pdus);
}

/* A krb5.conf that MIT cannot parse: the context still exists, takes tokens, and says why it is not ready. */
static void test_broken_config(void)
{
    char *conf = g_strdup_printf("%s/test_krb5_broken.conf", g_get_tmp_dir());
    g_assert(g_file_set_contents(conf, "[libdefaults\n garbage", -1, NULL));
    char *old = g_strdup(g_getenv("KRB5_CONFIG"));
    g_setenv("KRB5_CONFIG", conf, TRUE);
    sec_keys keys = { .keytabs = g_ptr_array_new() };
    void *ctx = sec_provider_kerberos.ctx_new(&keys);
    static const guint8 bad_der[] = { 0x6e, 0x03, 0x30, 0x01, 0x00 };
    sec_provider_kerberos.token(ctx, true, bad_der, sizeof bad_der);
    const char *why = NULL;
    bool ready = sec_provider_kerberos.ready(ctx, &why);
    CHECK(!ready && g_str_has_prefix(why, "Kerberos: MIT krb5 does not start: "), "unparsable krb5.conf");
    sec_provider_kerberos.ctx_free(ctx);
    g_ptr_array_free(keys.keytabs, TRUE);
    if (old)
        g_setenv("KRB5_CONFIG", old, TRUE);
    else
        g_unsetenv("KRB5_CONFIG");
    g_free(old);
    g_unlink(conf);
    g_free(conf);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_krb5 SAMPLES_DIR\n");
        return 2;
    }
    samples = argv[1];
    test_vectors();
    test_golden("sealed_krb5_aes");
    test_golden("sealed_krb5_rc4");
    test_headers();
    test_keys();
    test_bad_tokens();
    test_unwrap_refusals();
    test_mutations("sealed_krb5_aes");
    test_mutations("sealed_krb5_rc4");
    test_broken_config();
    return check_report("krb5");
}
