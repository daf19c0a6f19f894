/* krb5_wrap.c - per-message tokens of a Kerberos context on DCE/RPC (MS-RPCE 3.3.1.5.2.2,
 * MS-KILE 3.4.5.4-3.4.5.5).
 *
 * PKT_PRIVACY: the auth_value is a Wrap token whose encrypted data is the PDU's stub, in place.
 *  - RFC 4121 4.2.6.2 (aes*-cts-hmac-sha1-96): TOK_ID 05 04, flags, 0xFF, EC, RRC, SND_SEQ, then the
 *    rotated rest: in DCE style the body confounder | stub | EC filler | encrypted header copy |
 *    checksum is rotated right by RRC + EC (Windows writes EC 16 and RRC 28 and does not count EC
 *    in RRC; Wireshark's DCE path undoes the same; MIT writes EC 0), so that the stub stays in place
 *    and the token holds the rest. Key usage 24 from the initiator, 22 from the acceptor (RFC 4121 2).
 *    With header signing the PDU header before the stub and the sec_trailer are associated data
 *    (krb5 SIGN_ONLY), in PDU order, as Samba's gensec passes them to gss_wrap_iov.
 *  - RFC 4757 7.3 (arcfour-hmac): the GSS-framed 32-byte token: TOK_ID 02 01, SGN_ALG 0x0011,
 *    SEAL_ALG 0x0010, filler, SND_SEQ encrypted under Kseq, SGN_CKSUM, confounder; confounder and
 *    stub encrypted under Kcrypt (derived from the sequence number); no padding in DCE style.
 * PKT_INTEGRITY: GSS_GetMIC over the stub, or with header signing over the PDU up to and including
 *  the sec_trailer (as Samba's gensec signs): RFC 4121 4.2.6.1 MIC tokens (TOK_ID 04 04, usage 25 from
 *  the initiator, 23 from the acceptor) or the RFC 4757 MIC token (TOK_ID 01 01, 24 bytes, GSS-framed).
 * Both layouts are checked against MIT's own GSS-API in tests/krb5/test_krb5_gss.c.
 * Sequence numbers are checked per direction, starting from the authenticator's (client) and the
 * AP-REP's (server).
 */
#include "krb5_int.h"

#include <gcrypt.h>
#include <string.h>

enum { CFX_SENT_BY_ACCEPTOR = 0x01, CFX_SEALED = 0x02, CFX_ACCEPTOR_SUBKEY = 0x04 };
/* RFC 4121 2: key usages. */
enum { KU_ACCEPTOR_SEAL = 22, KU_ACCEPTOR_SIGN = 23, KU_INITIATOR_SEAL = 24, KU_INITIATOR_SIGN = 25 };

/* Checks and advances the sequence number of p's direction. */
static bool check_seq(krb_ctx *c, const sec_pdu *p, guint64 seq, GString *why)
{
    guint64 *want = &c->seq[p->from_client ? 0 : 1];
    bool ok = seq == *want;
    if (!ok)
        g_string_append_printf(why, "sequence number %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT, seq, *want);
    *want = seq + 1;
    return ok;
}

/* The associated data of header signing (MS-RPCE 2.2.2.13): the PDU before the stub, the sec_trailer. */
static void sign_only(const sec_pdu *p, krb5_crypto_iov *pre, krb5_crypto_iov *post)
{
    pre->flags = post->flags = KRB5_CRYPTO_TYPE_EMPTY;
    if (!p->header_sign)
        return;
    pre->flags = post->flags = KRB5_CRYPTO_TYPE_SIGN_ONLY;
    pre->data = (krb5_data){ .length = (unsigned int)p->stub_off, .data = (char *)p->pdu };
    post->data = (krb5_data){ .length = 8, .data = (char *)p->pdu + p->trailer_off };
}

static krb5_key cfx_key(krb_ctx *c, guint8 flags, GString *why)
{
    if (flags & CFX_ACCEPTOR_SUBKEY) {
        if (!c->acceptor_subkey)
            g_string_append(why, "the token is under the acceptor subkey, and the AP-REP carried none");
        return c->acceptor_subkey;
    }
    return c->initiator_subkey ? c->initiator_subkey : c->session;
}

/* RFC 4121 4.2.6.2 Wrap token with confidentiality, DCE style. */
static bool cfx_unseal(krb_ctx *c, const sec_pdu *p, const guint8 *hdr, guint8 flags, guint8 *out, GString *why)
{
    krb5_key key = cfx_key(c, flags, why);
    if (!key)
        return false;
    krb5_enctype etype = krb5_k_key_enctype(c->k5, key);
    guint16 ec = (guint16)(hdr[4] << 8 | hdr[5]), rrc = (guint16)(hdr[6] << 8 | hdr[7]);
    unsigned int hlen = 0, tlen = 0;
    if (krb5_c_crypto_length(c->k5, etype, KRB5_CRYPTO_TYPE_HEADER, &hlen) ||
        krb5_c_crypto_length(c->k5, etype, KRB5_CRYPTO_TYPE_TRAILER, &tlen)) {
        g_string_append(why, "the subkey's enctype has no RFC 3961 profile");
        return false;
    }
    gsize rest = p->auth_len - 16, want = (gsize)ec + 16 + hlen + tlen;
    if (rest != want) {
        g_string_append_printf(why, "Wrap token of %" G_GSIZE_FORMAT " bytes, expected %" G_GSIZE_FORMAT
                               " for EC %u", p->auth_len, want + 16, ec);
        return false;
    }
    /* The token's rest and the stub are one body rotated right by r (RFC 4121 4.2.5): undo it. */
    gsize L = rest + p->stub_len, r = ((gsize)rrc + ec) % L;
    guint8 *rot = g_malloc(L), *body = g_malloc(L);
    memcpy(rot, p->auth_value + 16, rest);
    memcpy(rot + rest, p->pdu + p->stub_off, p->stub_len);
    memcpy(body, rot + r, L - r);
    memcpy(body + L - r, rot, r);
    g_free(rot);
    krb5_crypto_iov iov[6];
    iov[0] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_HEADER, { KV5M_DATA, hlen, (char *)body } };
    iov[2] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_DATA, { KV5M_DATA, (unsigned int)p->stub_len, (char *)body + hlen } };
    iov[4] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_DATA,
                                { KV5M_DATA, (unsigned int)ec + 16, (char *)body + hlen + p->stub_len } };
    iov[5] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_TRAILER, { KV5M_DATA, tlen, (char *)body + L - tlen } };
    sign_only(p, &iov[1], &iov[3]);
    bool ok = false;
    krb5_keyusage usage = p->from_client ? KU_INITIATOR_SEAL : KU_ACCEPTOR_SEAL;
    if (krb5_k_decrypt_iov(c->k5, key, usage, NULL, iov, 6) != 0) {
        g_string_append(why, "the Wrap token's checksum does not verify");
    } else {
        /* 4.2.4: the encrypted copy of the header equals the header, but for RRC. */
        const guint8 *copy = body + L - tlen - 16;
        if (memcmp(copy, hdr, 6) != 0 || memcmp(copy + 8, hdr + 8, 8) != 0)
            g_string_append(why, "the Wrap token's encrypted header differs from its header");
        else {
            memcpy(out, body + hlen, p->stub_len);
            ok = true;
        }
    }
    g_free(body);
    return ok;
}

/* RFC 4121 4.2.6.1 MIC token over the stub, or the signed part of the PDU. */
static bool cfx_verify_mic(krb_ctx *c, const sec_pdu *p, const guint8 *tok, guint8 flags, GString *why)
{
    krb5_key key = cfx_key(c, flags, why);
    if (!key)
        return false;
    gsize msg_len = p->header_sign ? p->trailer_off + 8 : p->stub_len;
    const guint8 *msg = p->header_sign ? p->pdu : p->pdu + p->stub_off;
    guint8 *buf = g_malloc(msg_len + 16);   /* 4.2.4: checksum over the message, then the token header */
    memcpy(buf, msg, msg_len);
    memcpy(buf + msg_len, tok, 16);
    krb5_data in = { KV5M_DATA, (unsigned int)(msg_len + 16), (char *)buf };
    krb5_checksum sum = { 0 };
    bool ok = false;
    if (krb5_k_make_checksum(c->k5, 0, key, p->from_client ? KU_INITIATOR_SIGN : KU_ACCEPTOR_SIGN, &in, &sum) != 0)
        g_string_append(why, "no checksum for the key's enctype");
    else if (sum.length != p->auth_len - 16 || memcmp(sum.contents, tok + 16, sum.length) != 0)
        g_string_append(why, "the MIC token's checksum does not verify");
    else
        ok = true;
    krb5_free_checksum_contents(c->k5, &sum);
    g_free(buf);
    return ok;
}

static bool cfx(krb_ctx *c, const sec_pdu *p, guint8 *out, GString *why)
{
    const guint8 *t = p->auth_value;
    guint8 flags = t[2];
    static const guint8 filler[5] = { 0xff, 0xff, 0xff, 0xff, 0xff };
    if (p->privacy && (t[0] != 0x05 || t[1] != 0x04 || t[3] != 0xff || !(flags & CFX_SEALED))) {
        g_string_append(why, "PKT_PRIVACY without a sealed RFC 4121 Wrap token (TOK_ID 05 04)");
        return false;
    }
    if (!p->privacy && (t[0] != 0x04 || t[1] != 0x04 || memcmp(t + 3, filler, 5) != 0)) {
        g_string_append(why, "PKT_INTEGRITY without an RFC 4121 MIC token (TOK_ID 04 04)");
        return false;
    }
    if (!(flags & CFX_SENT_BY_ACCEPTOR) != p->from_client) {
        g_string_append(why, "the token's SentByAcceptor flag contradicts its direction");
        return false;
    }
    guint64 seq = 0;
    for (int i = 8; i < 16; i++)
        seq = seq << 8 | t[i];
    bool ok = p->privacy ? cfx_unseal(c, p, t, flags, out, why) : cfx_verify_mic(c, p, t, flags, why);
    return ok && check_seq(c, p, seq, why);
}

/* ---- RFC 4757 ---- */

/* libgcrypt handles for RFC 4757, opened on first use and kept: opening and wiping them per
 * message cost more than the hashing. */
static bool rc4_handles(krb_ctx *c, GString *why)
{
    if (c->rc4.arc4)
        return true;
    if ((!c->rc4.hmac && gcry_md_open(&c->rc4.hmac, GCRY_MD_MD5, GCRY_MD_FLAG_HMAC) != 0) ||
        (!c->rc4.md5 && gcry_md_open(&c->rc4.md5, GCRY_MD_MD5, 0) != 0) ||
        gcry_cipher_open(&c->rc4.arc4, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) != 0) {
        g_string_append(why, "libgcrypt has no MD5 or RC4");
        return false;
    }
    return true;
}

static void hmac_md5(krb_ctx *c, const guint8 key[16], const guint8 *a, gsize a_len, guint8 out[16])
{
    gcry_md_reset(c->rc4.hmac);
    gcry_md_setkey(c->rc4.hmac, key, 16);
    gcry_md_write(c->rc4.hmac, a, a_len);
    memcpy(out, gcry_md_read(c->rc4.hmac, GCRY_MD_MD5), 16);
}

/* The per-key part of RFC 4757 7.3's derivations, once per key: Ksign, and the first HMAC of Kseq
 * (under K) and of Kcrypt (under Klocal = K xor F0), both with T = 0 as four bytes. */
static bool rc4_keys(krb_ctx *c, krb5_key key, GString *why)
{
    if (!rc4_handles(c, why))
        return false;
    if (c->rc4.of == key)
        return true;
    krb5_keyblock *kb = NULL;
    if (krb5_k_key_enctype(c->k5, key) != ENCTYPE_ARCFOUR_HMAC || krb5_k_key_keyblock(c->k5, key, &kb) != 0 ||
        kb->length != 16) {
        if (kb)
            krb5_free_keyblock(c->k5, kb);
        g_string_append(why, "the key is not a 16-byte arcfour-hmac key");
        return false;
    }
    static const char sig[] = "signaturekey";
    static const guint8 t0[4];
    guint8 klocal[16];
    for (int i = 0; i < 16; i++)
        klocal[i] = kb->contents[i] ^ 0xf0;
    hmac_md5(c, kb->contents, (const guint8 *)sig, sizeof sig, c->rc4.ksign);
    hmac_md5(c, kb->contents, t0, 4, c->rc4.kseq0);
    hmac_md5(c, klocal, t0, 4, c->rc4.kcrypt0);
    krb5_free_keyblock(c->k5, kb);
    c->rc4.of = key;
    return true;
}

static void rc4(krb_ctx *c, const guint8 key[16], guint8 *a, gsize a_len, guint8 *b, gsize b_len)
{
    gcry_cipher_setkey(c->rc4.arc4, key, 16);
    gcry_cipher_decrypt(c->rc4.arc4, a, a_len, NULL, 0);
    if (b_len)
        gcry_cipher_decrypt(c->rc4.arc4, b, b_len, NULL, 0);
}

/* SGN_CKSUM: HMAC(Ksign, MD5(T || header || parts...)), first 8 bytes. */
static void rc4_cksum(krb_ctx *c, guint32 t, const guint8 hdr[8], const guint8 *const *part, const gsize *part_len,
                      int n, guint8 out[8])
{
    guint8 digest[16], full[16], tb[4] = { (guint8)t, (guint8)(t >> 8), (guint8)(t >> 16), (guint8)(t >> 24) };
    gcry_md_hd_t h = c->rc4.md5;
    gcry_md_reset(h);
    gcry_md_write(h, tb, 4);
    gcry_md_write(h, hdr, 8);
    for (int i = 0; i < n; i++)
        if (part_len[i])
            gcry_md_write(h, part[i], part_len[i]);
    memcpy(digest, gcry_md_read(h, GCRY_MD_MD5), 16);
    hmac_md5(c, c->rc4.ksign, digest, 16, full);
    memcpy(out, full, 8);
}

/* Opens token t under key: SND_SEQ decrypted into snd_seq, with privacy the stub into out; true when
 * SGN_CKSUM verifies. */
static bool rc4_open(krb_ctx *c, const sec_pdu *p, krb5_key key, const guint8 *t, guint8 *out, guint8 snd_seq[8])
{
    GString *ignored = g_string_new(NULL);
    bool usable = rc4_keys(c, key, ignored);
    g_string_free(ignored, TRUE);
    if (!usable)
        return false;
    bool wrap = p->privacy;
    guint8 kseq[16];
    memcpy(snd_seq, t + 8, 8);
    hmac_md5(c, c->rc4.kseq0, t + 16, 8, kseq);
    rc4(c, kseq, snd_seq, 8, NULL, 0);
    guint8 confounder[8] = { 0 };
    const guint8 *pre = p->pdu, *post = p->pdu + p->trailer_off;
    const guint8 *data = p->pdu + p->stub_off;
    if (wrap) {
        guint8 kcrypt[16];
        hmac_md5(c, c->rc4.kcrypt0, snd_seq, 4, kcrypt);
        memcpy(confounder, t + 24, 8);
        memcpy(out, data, p->stub_len);
        rc4(c, kcrypt, confounder, 8, out, p->stub_len);
        data = out;
    }
    const guint8 *parts[4] = { confounder, pre, data, post };
    gsize lens[4] = { wrap ? 8 : 0, p->header_sign ? p->stub_off : 0, p->stub_len, p->header_sign ? 8 : 0 };
    if (!wrap && p->header_sign) {   /* GetMIC over the PDU through the sec_trailer */
        lens[1] = p->trailer_off + 8;
        lens[2] = lens[3] = 0;
    }
    guint8 cksum[8];
    rc4_cksum(c, wrap ? 13 : 15, t, parts, lens, 4, cksum);
    return memcmp(cksum, t + 16, 8) == 0;
}

/* RFC 4757 tokens carry no flag naming their key: the first message whose checksum verifies under the
 * acceptor subkey, the initiator subkey or the session key (in that order) fixes the key for the
 * context; Wireshark, too, tries the keys it learnt. */
static bool rc4_token(krb_ctx *c, const sec_pdu *p, const guint8 *t, gsize len, guint8 *out, GString *why)
{
    static const guint8 wrap_hdr[8] = { 0x02, 0x01, 0x11, 0x00, 0x10, 0x00, 0xff, 0xff };
    static const guint8 mic_hdr[8] = { 0x01, 0x01, 0x11, 0x00, 0xff, 0xff, 0xff, 0xff };
    bool wrap = p->privacy;
    if (len != (wrap ? 32u : 24u) || memcmp(t, wrap ? wrap_hdr : mic_hdr, 8) != 0) {
        g_string_append(why, wrap ? "PKT_PRIVACY without an RFC 4757 Wrap token (02 01 11 00 10 00 ff ff, 32 bytes)"
                                  : "PKT_INTEGRITY without an RFC 4757 MIC token (01 01 11 00 ff ff ff ff, 24 bytes)");
        return false;
    }
    krb5_key candidates[3] = { c->rc4.chosen, NULL, NULL };
    if (!c->rc4.chosen) {
        candidates[0] = c->acceptor_subkey;
        candidates[1] = c->initiator_subkey;
        candidates[2] = c->session;
    }
    guint8 snd_seq[8];
    bool opened = false, any_rc4 = false;
    for (int i = 0; i < 3 && !opened; i++) {
        if (!candidates[i] || krb5_k_key_enctype(c->k5, candidates[i]) != ENCTYPE_ARCFOUR_HMAC)
            continue;
        any_rc4 = true;
        opened = rc4_open(c, p, candidates[i], t, out, snd_seq);
        if (opened)
            c->rc4.chosen = candidates[i];
    }
    if (!opened) {
        g_string_append_printf(why, any_rc4 ? "the %s token's checksum does not verify"
                                            : "an RFC 4757 %s token, but the context's keys are not arcfour-hmac",
                               wrap ? "Wrap" : "MIC");
        return false;
    }
    static const guint8 dir_init[4] = { 0, 0, 0, 0 }, dir_acc[4] = { 0xff, 0xff, 0xff, 0xff };
    if (memcmp(snd_seq + 4, p->from_client ? dir_init : dir_acc, 4) != 0) {
        g_string_append(why, "the token's direction bytes contradict its direction");
        return false;
    }
    guint32 seq = (guint32)snd_seq[0] << 24 | (guint32)snd_seq[1] << 16 | (guint32)snd_seq[2] << 8 | snd_seq[3];
    return check_seq(c, p, seq, why);
}

bool krb_unwrap(krb_ctx *c, const sec_pdu *p, guint8 *out, GString *why)
{
    if (!c->session || !c->ap_rep_seen) {
        g_string_append(why, "the Kerberos context is not established");
        return false;
    }
    if (p->stub_off > p->pdu_len || p->stub_len > p->pdu_len - p->stub_off || p->trailer_off > p->pdu_len ||
        p->pdu_len - p->trailer_off < 8 || p->stub_len > G_MAXUINT32 / 2) {
        g_string_append(why, "the protected part lies outside the PDU");
        return false;
    }
    if (p->auth_value < p->pdu || p->auth_value > p->pdu + p->pdu_len ||
        p->auth_len > (gsize)(p->pdu + p->pdu_len - p->auth_value)) {
        g_string_append(why, "the token lies outside the PDU");
        return false;
    }
    const guint8 *inner;
    gsize inner_len;
    bool bad;
    if (krb_gss_unframe(p->auth_value, p->auth_len, &inner, &inner_len, &bad)) {
        if (bad) {
            g_string_append(why, "a token with malformed GSS framing");
            return false;
        }
        return rc4_token(c, p, inner, inner_len, out, why);
    }
    if (p->auth_len < 16) {
        g_string_append_printf(why, "a %" G_GSIZE_FORMAT "-byte token, shorter than the 16-byte RFC 4121 header",
                               p->auth_len);
        return false;
    }
    return cfx(c, p, out, why);
}
