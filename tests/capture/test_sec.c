/* test_sec.c - the security framework below dcerpc_co: sec_trailer, SPNEGO DER (RFC 4178), the
 * NTLMSSP logon (MS-NLMP 4.2.4 test vectors) and several auth contexts on one association.
 * Every token is built here byte by byte from the spec; derivations in the comments. */
#include "ntlm_crypto.h"
#include "pktbuild.h"
#include "sec_assoc.h"
#include "sec_keys.h"
#include "spnego.h"

#include <stdio.h>
#include <string.h>


static void hex(GByteArray *b, const char *h)
{
    for (; h[0] && h[1]; h += 2) {
        if (h[0] == ' ') {
            h--;
            continue;
        }
        guint8 x = (guint8)(g_ascii_xdigit_value(h[0]) << 4 | g_ascii_xdigit_value(h[1]));
        g_byte_array_append(b, &x, 1);
    }
}

static void le16(GByteArray *b, guint v) { guint8 x[2] = { (guint8)v, (guint8)(v >> 8) }; g_byte_array_append(b, x, 2); }

static void utf16(GByteArray *b, const char *s)
{
    for (; *s; s++)
        le16(b, (guchar)*s);
}

/* ---- sec_trailer (MS-RPCE 2.2.2.11) ---- */
static void test_trailer(void)
{
    /* A response PDU: header 16 + body 8, stub 8, auth padding 4 (in the stub's 8), sec_trailer 8, token 16:
     * frag_length 56, auth_length 16; sec_trailer at 56 - 16 - 8 = 32. */
    guint8 pdu[56] = { 0 };
    guint8 trailer[8] = { 10, 6, 4, 0, 0x78, 0x56, 0x34, 0x12 };   /* WINNT, PKT_PRIVACY, pad 4, ctx 0x12345678 */
    memcpy(pdu + 32, trailer, 8);
    csvp_sec_trailer t;
    char *err = NULL;
    bool ok = csvp_sec_trailer_parse(pdu, 56, 24, 16, true, &t, &err);
    CHECK(ok && t.auth_type == 10 && t.auth_level == 6 && t.auth_pad_length == 4 &&
          t.auth_context_id == 0x12345678 && t.trailer_off == 32 && t.auth_value == pdu + 40 && t.auth_len == 16,
          "sec_trailer fields: %s", err);
    g_free(err);
    err = NULL;
    /* auth_length 40: 40 + 8 > 56 - 24. */
    ok = csvp_sec_trailer_parse(pdu, 56, 24, 40, true, &t, &err);
    CHECK(!ok && err && strcmp(err, "auth_length 40 does not fit in frag_length 56") == 0,
          "auth_length past the PDU: %s", err);
    g_free(err);
    /* Big-endian drep: auth_context_id read as 0x78563412. */
    err = NULL;
    ok = csvp_sec_trailer_parse(pdu, 56, 24, 16, false, &t, &err);
    CHECK(ok && t.auth_context_id == 0x78563412, "sec_trailer big-endian auth_context_id: %s", err);
    g_free(err);
}

/* ---- SPNEGO (RFC 4178 4.2) ---- */
#define OID_NTLMSSP "060a2b0601040182370202 0a"      /* 1.3.6.1.4.1.311.2.2.10: 43=1*40+3, 311 = 0x82 0x37 */
#define OID_KRB5 "06092a864886f712010202"          /* 1.2.840.113554.1.2.2: 840 = 86 48, 113554 = 86 f7 12 */
#define OID_MSKRB5 "06092a864882f712010202"        /* 1.2.840.48018.1.2.2: 48018 = 82 f7 12 */

static void test_spnego(void)
{
    /* NegTokenInit for NTLMSSP then Kerberos with a 12-byte mechToken "NTLMSSP\0" 01 00 00 00:
     *   mechToken  a2 0e 04 0c <12>                                      16 bytes
     *   mechTypes  a0 19 30 17 <NTLMSSP OID 12 bytes> <krb5 OID 11>    27 bytes
     *   NegTokenInit SEQUENCE 30 2b (27 + 16 = 43), in [0]: a0 2d
     *   thisMech 06 06 2b0601050502 (8 bytes); [APPLICATION 0] 60 37 (8 + 47 = 55). */
    GByteArray *b = g_byte_array_new();
    hex(b, "6037 06062b0601050502 a02d 302b a019 3017" OID_NTLMSSP OID_KRB5 "a20e 040c 4e544c4d5353500001000000");
    spnego_token s;
    char *err = NULL;
    bool ok = spnego_parse(b->data, b->len, &s, &err);
    CHECK(b->len == 57, "NegTokenInit: 57 bytes");
    CHECK(ok && s.init && s.mech == SPNEGO_MECH_NTLMSSP &&
          s.inner_len == 12 && s.inner == b->data + 45 && memcmp(s.inner, "NTLMSSP", 8) == 0,
          "NegTokenInit: first mech NTLMSSP, mechToken: %s", err);
    g_free(err);
    /* Truncated by one byte: the outer length 0x37 needs 55 bytes, 54 are left. */
    err = NULL;
    ok = spnego_parse(b->data, b->len - 1, &s, &err);
    CHECK(!ok && err && strstr(err, "SPNEGO token") && strstr(err, "55"), "NegTokenInit truncated: %s", err);
    g_free(err);
    g_byte_array_set_size(b, 0);

    /* NegTokenResp: negState accept-incomplete a0 03 0a 01 01 (5), supportedMech MS-KRB5 a1 0b <11> (13),
     * responseToken a2 06 04 04 deadbeef (8): SEQUENCE 30 1a (26), [1] a1 1c. */
    hex(b, "a11c 301a a0030a0101 a10b" OID_MSKRB5 "a206 0404deadbeef");
    err = NULL;
    ok = spnego_parse(b->data, b->len, &s, &err);
    CHECK(ok && !s.init && s.mech == SPNEGO_MECH_KERBEROS &&
          s.inner_len == 4 && s.inner[0] == 0xde, "NegTokenResp: supportedMech MS-KRB5, responseToken: %s", err);
    g_free(err);
    /* A five-byte length (0x85) is not DER for a token this size. */
    b->data[1] = 0x85;
    err = NULL;
    ok = spnego_parse(b->data, b->len, &s, &err);
    CHECK(!ok && err && strstr(err, "length of 5 bytes"), "long length form 0x85 refused: %s", err);
    g_free(err);
    /* [APPLICATION 1] is neither form. */
    b->data[0] = 0x61;
    b->data[1] = 0x1c;
    err = NULL;
    ok = spnego_parse(b->data, b->len, &s, &err);
    CHECK(!ok && err && strstr(err, "tag 0x61"), "unknown outer tag: %s", err);
    g_free(err);
    /* supportedMech that is not an OID (tag 0x04 where 0x06 belongs). */
    b->data[0] = 0xa1;
    b->data[11] = 0x04;
    err = NULL;
    ok = spnego_parse(b->data, b->len, &s, &err);
    CHECK(!ok && err && strstr(err, "supportedMech: tag 0x04"), "supportedMech not an OID: %s", err);
    g_free(err);
    g_byte_array_free(b, TRUE);
}

/* ---- NTLMSSP (MS-NLMP 4.2.4: User "User", UserDom "Domain", Passwd "Password"; pktbuild.c) ---- */
/* A handshake PDU's sec_trailer for a token. */
static csvp_sec_trailer trailer(guint8 type, guint32 ctx, const GByteArray *tok)
{
    csvp_sec_trailer t = { .auth_type = type, .auth_level = 6, .auth_context_id = ctx, .auth_value = tok->data,
                      .auth_len = tok->len };
    return t;
}

static const char *logon(sec_keys *k, guint8 type, const GByteArray *chal, const GByteArray *auth, sec_assoc **out)
{
    sec_assoc *a = sec_assoc_new(k);
    GString *err = g_string_new(NULL);
    csvp_sec_trailer t = trailer(type, 1, chal);
    sec_assoc_handshake(a, &t, false, false, err);
    t = trailer(type, 1, auth);
    sec_assoc_handshake(a, &t, true, false, err);
    g_string_free(err, TRUE);
    *out = a;
    return sec_assoc_status(a, &t);
}

static void test_ntlmssp(void)
{
    GByteArray *chal = pb_ntlm_challenge_424(), *auth = pb_ntlm_authenticate_424();
    sec_keys *k = sec_keys_new();
    sec_assoc *a;
    const char *st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    CHECK(strcmp(st, "NTLMSSP for Domain\\User: no key (give --password or --nt-hash)") == 0,
          "NTLMSSP without keys: %s", st);
    sec_assoc_free(a);
    /* A control character in the user name (UTF-16LE "User" at 88 + 12 = 100: 's' at 102) is not echoed. */
    auth->data[102] = 0x01;
    st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    CHECK(g_str_has_prefix(st, "NTLMSSP for Domain\\U?er: "), "control character in the user name shown as '?': %s",
          st);
    sec_assoc_free(a);
    auth->data[102] = 's';
    sec_keys_add_password(k, "password");
    st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    CHECK(strcmp(st, "NTLMSSP for Domain\\User: wrong password: the NTLMv2 response does "
                                               "not verify for Domain\\User") == 0, "NTLMSSP wrong password: %s", st);
    sec_assoc_free(a);
    sec_keys_add_password(k, "Password");
    st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    CHECK(strcmp(st, "NTLMSSP") == 0, "NTLMSSP NTLMv2 response verifies with the 4.2.4 password: %s", st);
    sec_assoc_free(a);
    sec_keys_free(k);

    /* NTOWFv1("Password") = a4f49c406510bdcab6824ee7c30fd852 (MS-NLMP 4.2.2.1.2). */
    k = sec_keys_new();
    char *err = NULL;
    bool parsed = sec_keys_add_nt_hash(k, "user:A4F49C406510BDCAB6824EE7C30FD852", &err);
    CHECK(parsed, "--nt-hash parsed: %s", err);
    st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    CHECK(strcmp(st, "NTLMSSP") == 0, "NTLMSSP logon with the NT hash, user matched case-insensitively: %s", st);
    sec_assoc_free(a);

    /* The same logon inside SPNEGO (auth_type 9): CHALLENGE in a NegTokenResp with supportedMech NTLMSSP,
     * AUTHENTICATE in a NegTokenResp with responseToken only. Lengths: 56-byte CHALLENGE -> a2 3a 04 38;
     * supportedMech a1 0c <12>; SEQUENCE 30 4a (14 + 60); a1 4c. */
    GByteArray *c2 = g_byte_array_new(), *a2 = g_byte_array_new();
    hex(c2, "a14c 304a a10c" OID_NTLMSSP "a23a 0438");
    g_byte_array_append(c2, chal->data, chal->len);
    /* AUTHENTICATE is over 127 bytes: two-byte lengths (0x82) at every level. */
    guint n = auth->len;
    guint8 h[] = { 0xa1, 0x82, (guint8)((n + 12) >> 8), (guint8)(n + 12), 0x30, 0x82, (guint8)((n + 8) >> 8),
                   (guint8)(n + 8), 0xa2, 0x82, (guint8)((n + 4) >> 8), (guint8)(n + 4), 0x04, 0x82,
                   (guint8)(n >> 8), (guint8)n };
    g_byte_array_append(a2, h, sizeof h);
    g_byte_array_append(a2, auth->data, auth->len);
    st = logon(k, SEC_AUTHN_GSS_NEGOTIATE, c2, a2, &a);
    CHECK(strcmp(st, "NTLMSSP") == 0, "NTLMSSP inside SPNEGO: %s", st);

    /* A second auth context on the association: Kerberos through SPNEGO, whose responseToken (de ad be ef)
     * is no Kerberos message: the Kerberos provider says so for that context only. */
    GByteArray *krb = g_byte_array_new();
    hex(krb, "a11c 301a a0030a0101 a10b" OID_KRB5 "a206 0404deadbeef");
    GString *e = g_string_new(NULL);
    csvp_sec_trailer t = trailer(SEC_AUTHN_GSS_NEGOTIATE, 2, krb);
    sec_assoc_handshake(a, &t, false, false, e);
    st = sec_assoc_status(a, &t);
    CHECK(strcmp(st, "Kerberos: a token from the server that is neither AP-REQ nor AP-REP") == 0,
          "second context: Kerberos via SPNEGO: %s", st);
    t = trailer(SEC_AUTHN_WINNT, 1, chal);
    CHECK(strcmp(sec_assoc_status(a, &t), "NTLMSSP") == 0, "first context still ready");
    t.auth_context_id = 3;
    st = sec_assoc_status(a, &t);
    CHECK(strcmp(st, "auth_type 10: no handshake captured for auth_context_id 3") == 0, "context never set up: %s", st);
    /* Bad DER on a fourth context: an error for the PDU, the context unusable. */
    krb->data[1] = 0x7f;
    t = trailer(SEC_AUTHN_GSS_NEGOTIATE, 4, krb);
    sec_assoc_handshake(a, &t, false, false, e);
    CHECK(strstr(e->str, "auth_context_id 4: SPNEGO token") != NULL, "bad SPNEGO DER reported: %s", e->str);
    st = sec_assoc_status(a, &t);
    CHECK(g_str_has_prefix(st, "SPNEGO: SPNEGO token"), "bad SPNEGO DER: context unusable: %s", st);
    sec_assoc_free(a);

    /* A truncated AUTHENTICATE (its NtChallengeResponse runs past the end). */
    g_byte_array_set_size(auth, auth->len - 20);
    st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    CHECK(g_str_has_prefix(st, "NTLMSSP: malformed AUTHENTICATE message: "
                                                         "AUTHENTICATE NtChallengeResponse"),
          "truncated AUTHENTICATE: %s", st);
    sec_assoc_free(a);
    g_string_free(e, TRUE);
    g_byte_array_free(krb, TRUE);
    g_byte_array_free(c2, TRUE);
    g_byte_array_free(a2, TRUE);
    g_byte_array_free(chal, TRUE);
    g_byte_array_free(auth, TRUE);
    sec_keys_free(k);
}

/* MS-RPCE 2.2.2.13: header signing only when the bind and the bind_ack both set PFC_SUPPORT_HEADER_SIGN
 * (0x04); first and last fragment are 0x03. */
static void test_header_sign(void)
{
    static const struct { guint8 bind, ack; bool want; } cases[] = {
        { 0x07, 0x07, true }, { 0x07, 0x03, false }, { 0x03, 0x07, false }, { 0x03, 0x03, false },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        sec_assoc *a = sec_assoc_new(NULL);
        sec_assoc_pfc(a, true, cases[i].bind);
        sec_assoc_pfc(a, false, cases[i].ack);
        char name[64];
        g_snprintf(name, sizeof name, "header signing, bind 0x%02x, bind_ack 0x%02x", cases[i].bind, cases[i].ack);
        CHECK(sec_assoc_header_sign(a) == cases[i].want, "%s", name);
        sec_assoc_free(a);
    }
}

static void expect_hex(const char *name, const guint8 *got, const char *want)
{
    char h[65] = "";
    gsize n = strlen(want) / 2;
    for (gsize i = 0; i < n; i++)
        g_snprintf(h + 2 * i, 3, "%02x", got[i]);
    CHECK(strcmp(h, want) == 0, "%s: %s", name, h);
}

/* The decoder's MS-NLMP primitives (ntlm_crypto.c) against 4.2.2 and 4.2.4: "Password", User "User",
 * UserDom "Domain", ServerChallenge 0123456789abcdef, temp as in pb_ntlm_authenticate_424(), RandomSessionKey 55 x 16. */
static void test_crypto(void)
{
    ntlm_crypto_init();
    guint8 nt[16], rk[16], proof[16], base[16], k[16], mac[8];
    ntlm_nt_hash("Password", nt);
    expect_hex("NTOWFv1 (4.2.2.1.2)", nt, "a4f49c406510bdcab6824ee7c30fd852");
    ntlm_ntowfv2(nt, "User", "Domain", rk);
    expect_hex("NTOWFv2 (4.2.4.1.1)", rk, "0c868a403bfd7a93a3001ef22ef02e3f");
    GByteArray *auth = pb_ntlm_authenticate_424();
    /* NtChallengeResponse at its fields entry (offset 20): Len(2) MaxLen(2) Offset(4); temp after NTProofStr. */
    guint len = auth->data[20] | auth->data[21] << 8, off = auth->data[24] | auth->data[25] << 8;
    static const guint8 chal[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
    ntlm_v2_proof(rk, chal, auth->data + off + 16, len - 16, proof, base);
    expect_hex("NTProofStr (4.2.4.2.2)", proof, "68cd0ab851e51c96aabc927bebef6a1c");
    expect_hex("SessionBaseKey (4.2.4.1.2)", base, "8de40ccadbc14a82f15cb0ad0de95ca3");
    memset(k, 0x55, 16);
    ntlm_rc4(base, k, 16);
    expect_hex("EncryptedRandomSessionKey (4.2.4.2.3)", k, "c5dad2544fc9799094ce1ce90bc9d03e");
    memset(k, 0x55, 16);
    guint8 sign[16], seal[16];
    ntlm_sign_key(k, NTLM_CLIENT_TO_SERVER, sign);
    ntlm_seal_key(k, PB_NTLM_FLAGS_424, NTLM_CLIENT_TO_SERVER, seal);
    expect_hex("client signing key (4.2.4.4)", sign, "4788dc861b4782f35d43fd98fe1a2d39");
    expect_hex("client sealing key (4.2.4.4)", seal, "59f600973cc4960a25480a7c196e4c58");
    /* 4.2.4.4: "Plaintext" in UTF-16LE, SeqNum 0: HMAC_MD5(SigningKey, SeqNum + Message)[0..7] before RC4. */
    GByteArray *msg = g_byte_array_new();
    utf16(msg, "Plaintext");
    ntlm_mac(sign, 0, msg->data, msg->len, mac);
    expect_hex("checksum before RC4 (4.2.4.4)", mac, "70352851f2564309");
    ntlm_signer *s = ntlm_signer_new(sign);
    ntlm_signer_begin(s, 0);
    ntlm_signer_update(s, msg->data, 5);
    ntlm_signer_update(s, msg->data + 5, msg->len - 5);
    ntlm_signer_end(s, mac);
    expect_hex("checksum in pieces (4.2.4.4)", mac, "70352851f2564309");
    ntlm_signer_free(s);
    ntlm_rc4(seal, msg->data, msg->len);
    expect_hex("sealed data (4.2.4.4)", msg->data, "54e50165bf1936dc996020c1811b0f06fb5f");
    g_byte_array_free(msg, TRUE);
    g_byte_array_free(auth, TRUE);
}

/* One request PDU sealed (privacy) or signed by hand as MS-NLMP 3.4.3/3.4.4.2 and MS-RPCE 3.3.1.5.2.2 say,
 * with the keys of `exported`: header (16) + request body (8), stub 16 bytes, sec_trailer 8, signature 16.
 * The checksum is HMAC_MD5(SignKey, SeqNum + header + stub + sec_trailer)[0..7], RC4-encrypted with the
 * sealing handle after the stub when KEY_EXCH; one RC4 pass over stub + checksum continues the stream. */
static GByteArray *protected_pdu(const guint8 exported[16], guint32 flags, bool privacy, guint32 seq,
                                 const guint8 stub[16])
{
    GByteArray *b = g_byte_array_new();
    hex(b, "05000003 10000000 4800 1000 02000000 10000000 0000 0500");   /* frag_length 72, auth_length 16 */
    g_byte_array_append(b, stub, 16);
    guint8 trailer[8] = { 10, privacy ? 6 : 5, 0, 0, 1, 0, 0, 0 };      /* WINNT, level, pad 0, context 1 */
    g_byte_array_append(b, trailer, 8);
    guint8 sign[16], seal[16], mac[8], buf[24];
    ntlm_sign_key(exported, NTLM_CLIENT_TO_SERVER, sign);
    ntlm_seal_key(exported, flags, NTLM_CLIENT_TO_SERVER, seal);
    ntlm_mac(sign, seq, b->data, b->len, mac);
    memcpy(buf, stub, 16);
    memcpy(buf + 16, mac, 8);
    ntlm_rc4(seal, buf, 24);
    if (privacy)
        memcpy(b->data + 24, buf, 16);
    guint8 sig[16] = { 1, 0, 0, 0 };
    if (!(flags & NTLM_NEGOTIATE_KEY_EXCH)) {
        memcpy(sig + 4, mac, 8);
    } else if (privacy) {
        memcpy(sig + 4, buf + 16, 8);      /* the RC4 bytes after the stub's */
    } else {
        memcpy(sig + 4, mac, 8);           /* integrity: the first RC4 bytes */
        ntlm_rc4(seal, sig + 4, 8);
    }
    sig[12] = (guint8)seq;
    g_byte_array_append(b, sig, 16);
    return b;
}

static sec_unwrap_result unwrap_once(sec_assoc *a, const GByteArray *pdu, guint8 out[16], GString *why)
{
    csvp_sec_trailer t;
    char *err = NULL;
    g_assert(csvp_sec_trailer_parse(pdu->data, pdu->len, 24, 16, true, &t, &err));
    return sec_assoc_unwrap(a, &t, pdu->data, 24, true, out, why);
}

static void test_unwrap(void)
{
    static const guint8 stub[16] = "ClusPrep stub!!";
    GByteArray *chal = pb_ntlm_challenge_424(), *auth = pb_ntlm_authenticate_424();
    sec_keys *k = sec_keys_new();
    sec_keys_add_password(k, "Password");
    guint8 out[16], exported[16];
    GString *why = g_string_new(NULL);
    for (int keyexch = 1; keyexch >= 0; keyexch--) {
        guint32 flags = keyexch ? PB_NTLM_FLAGS_424 : PB_NTLM_FLAGS_424 & ~NTLM_NEGOTIATE_KEY_EXCH;
        /* AUTHENTICATE NegotiateFlags at offset 60; without KEY_EXCH the ExportedSessionKey is the
         * SessionBaseKey (3.4.5.1), 8de40cca... in 4.2.4.1.2; with it RandomSessionKey 55 x 16. */
        guint8 f[4] = { (guint8)flags, (guint8)(flags >> 8), (guint8)(flags >> 16), (guint8)(flags >> 24) };
        memcpy(auth->data + 60, f, 4);
        static const guint8 base[16] = { 0x8d, 0xe4, 0x0c, 0xca, 0xdb, 0xc1, 0x4a, 0x82,
                                         0xf1, 0x5c, 0xb0, 0xad, 0x0d, 0xe9, 0x5c, 0xa3 };
        if (keyexch)
            memset(exported, 0x55, 16);
        else
            memcpy(exported, base, 16);
        for (int privacy = 1; privacy >= 0; privacy--) {
            sec_assoc *a;
            const char *st = logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
            char name[96];
            g_snprintf(name, sizeof name, "%s, %s: logon", keyexch ? "KEY_EXCH" : "no KEY_EXCH",
                       privacy ? "privacy" : "integrity");
            CHECK(strcmp(st, "NTLMSSP") == 0, "%s: %s", name, st);
            GByteArray *p0 = protected_pdu(exported, flags, privacy, 0, stub);
            g_string_truncate(why, 0);
            sec_unwrap_result r = unwrap_once(a, p0, out, why);
            g_snprintf(name, sizeof name, "%s, %s: PDU 0 verified, stub in clear", keyexch ? "KEY_EXCH" : "no KEY_EXCH",
                       privacy ? "privacy" : "integrity");
            CHECK(r == SEC_UNWRAP_OK && memcmp(out, stub, 16) == 0, "%s: %s", name, why->str);
            /* The same PDU again: sequence number 0 where 1 is due, and the RC4 stream has moved on. */
            g_string_truncate(why, 0);
            r = unwrap_once(a, p0, out, why);
            g_snprintf(name, sizeof name, "%s, %s: replayed PDU refused", keyexch ? "KEY_EXCH" : "no KEY_EXCH",
                       privacy ? "privacy" : "integrity");
            CHECK(r == SEC_UNWRAP_FAILED && why->len, "%s: %s", name, why->str);
            g_byte_array_free(p0, TRUE);
            sec_assoc_free(a);
        }
    }
    /* A verifier of 12 bytes instead of 16. */
    sec_assoc *a;
    memcpy(auth->data + 60, (const guint8[4]){ 0x33, 0x82, 0x8a, 0xe2 }, 4);
    logon(k, SEC_AUTHN_WINNT, chal, auth, &a);
    GByteArray *p = protected_pdu((const guint8[16]){ 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
                                                      0x55, 0x55, 0x55, 0x55, 0x55, 0x55 }, PB_NTLM_FLAGS_424, true, 0, stub);
    csvp_sec_trailer t;
    char *err = NULL;
    g_assert(csvp_sec_trailer_parse(p->data, p->len - 4, 24, 12, true, &t, &err));
    g_string_truncate(why, 0);
    sec_unwrap_result r = sec_assoc_unwrap(a, &t, p->data, 24, true, out, why);
    CHECK(r == SEC_UNWRAP_FAILED && strstr(why->str, "12 bytes"), "12-byte NTLMSSP verifier refused: %s", why->str);
    g_byte_array_free(p, TRUE);
    sec_assoc_free(a);
    g_string_free(why, TRUE);
    sec_keys_free(k);
    g_byte_array_free(chal, TRUE);
    g_byte_array_free(auth, TRUE);
}

int main(void)
{
    test_unwrap();
    test_crypto();
    test_trailer();
    test_header_sign();
    test_spnego();
    test_ntlmssp();
    return check_report("sec");
}
