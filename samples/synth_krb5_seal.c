/* synth_krb5_seal.c - PKT_PRIVACY sealing of one DCE/RPC PDU under the Kerberos context of
 * synth_krb5.c (MS-RPCE 3.3.1.5.2.2, MS-KILE 3.4.5.4.1):
 *  - aes*-cts-hmac-sha1-96: an RFC 4121 4.2.6.2 Wrap token, DCE style as Windows writes it:
 *    EC 16 (a filler of 16 zero bytes), RRC 28, the body rotated right by RRC + EC so that the
 *    encrypted stub stays in place and the 76-byte token carries the header, the filler, the
 *    encrypted header copy (RRC 0), the checksum and the confounder. krb5_c_encrypt_iov does the
 *    RFC 3961 work; with header signing the PDU before the stub and the sec_trailer are SIGN_ONLY.
 *  - arcfour-hmac: the RFC 4757 7.3 Wrap token in its GSS framing (45 bytes), libgcrypt for RC4
 *    and HMAC-MD5 as the RFC spells them out (krb5 exposes neither). */
#include "synth.h"
#include "krb5_der.h"

#include <gcrypt.h>
#include <string.h>

enum { CFX_EC = 16, CFX_RRC = 28 };

guint synth_krb5_token_len(const synth_krb5 *k)
{
    return k->o.enctype == ENCTYPE_ARCFOUR_HMAC ? 45 : 16 + CFX_EC + 16 + 12 + 16;
}

static void iov_sign_only(krb5_crypto_iov *v, bool on, guint8 *p, guint n)
{
    v->flags = on ? KRB5_CRYPTO_TYPE_SIGN_ONLY : KRB5_CRYPTO_TYPE_EMPTY;
    v->data = (krb5_data){ KV5M_DATA, on ? n : 0, (char *)p };
}

static void seal_cfx(synth_krb5 *k, int side, guint8 *pdu, guint stub_off, guint stub_len, guint trailer_at,
                     guint8 *token)
{
    const krb5_keyblock *key = k->acceptor_subkey ? k->acceptor_subkey : k->initiator_subkey;
    guint64 seq = k->seq[side]++;
    guint8 *hdr = token, *rest = token + 16;
    hdr[0] = 0x05;
    hdr[1] = 0x04;
    hdr[2] = (guint8)((side == SYNTH_SERVER ? 0x01 : 0) | 0x02 | (k->acceptor_subkey ? 0x04 : 0));
    hdr[3] = 0xff;
    hdr[4] = 0;
    hdr[5] = CFX_EC;
    hdr[6] = 0;
    hdr[7] = CFX_RRC;
    for (int i = 0; i < 8; i++)
        hdr[8 + i] = (guint8)(seq >> (56 - 8 * i));
    /* rest: filler (EC) | header copy with RRC 0 | checksum (12) | confounder (16) */
    memset(rest, 0, CFX_EC);
    memcpy(rest + CFX_EC, hdr, 16);
    rest[CFX_EC + 6] = rest[CFX_EC + 7] = 0;
    krb5_crypto_iov iov[6];
    iov[0] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_HEADER, { KV5M_DATA, 16, (char *)rest + CFX_EC + 28 } };
    iov_sign_only(&iov[1], k->o.header_sign, pdu, stub_off);
    iov[2] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_DATA, { KV5M_DATA, stub_len, (char *)pdu + stub_off } };
    iov_sign_only(&iov[3], k->o.header_sign, pdu + trailer_at, 8);
    iov[4] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_DATA, { KV5M_DATA, CFX_EC + 16, (char *)rest } };
    iov[5] = (krb5_crypto_iov){ KRB5_CRYPTO_TYPE_TRAILER, { KV5M_DATA, 12, (char *)rest + CFX_EC + 16 } };
    /* RFC 4121 2: KG-USAGE-ACCEPTOR-SEAL 22, KG-USAGE-INITIATOR-SEAL 24 */
    krb5_error_code ret = krb5_c_encrypt_iov(k->k5, key, side == SYNTH_SERVER ? 22 : 24, NULL, iov, 6);
    if (ret)
        g_error("krb5_c_encrypt_iov: %s", error_message(ret));
}

static void hmac_md5(const guint8 *key, const guint8 *a, guint a_len, guint8 out[16])
{
    gcry_md_hd_t h;
    g_assert(gcry_md_open(&h, GCRY_MD_MD5, GCRY_MD_FLAG_HMAC) == 0);
    gcry_md_setkey(h, key, 16);
    gcry_md_write(h, a, a_len);
    memcpy(out, gcry_md_read(h, GCRY_MD_MD5), 16);
    gcry_md_close(h);
}

/* RFC 4757 7.3: HMAC(HMAC(K, T = 0 as four bytes), salt). */
static void derive(const guint8 k[16], const guint8 *salt, guint salt_len, guint8 out[16])
{
    static const guint8 t0[4];
    guint8 k1[16];
    hmac_md5(k, t0, 4, k1);
    hmac_md5(k1, salt, salt_len, out);
}

static void seal_rc4(synth_krb5 *k, int side, guint8 *pdu, guint stub_off, guint stub_len, guint trailer_at,
                     guint8 *token)
{
    const krb5_keyblock *key = k->acceptor_subkey ? k->acceptor_subkey : k->initiator_subkey;
    const guint8 *kk = key->contents;
    guint32 seq = (guint32)k->seq[side]++;
    static const guint8 hdr[8] = { 0x02, 0x01, 0x11, 0x00, 0x10, 0x00, 0xff, 0xff };
    guint8 snd_seq[8] = { (guint8)(seq >> 24), (guint8)(seq >> 16), (guint8)(seq >> 8), (guint8)seq };
    memset(snd_seq + 4, side == SYNTH_SERVER ? 0xff : 0x00, 4);
    guint8 conf[8];
    for (int i = 0; i < 8; i++)
        conf[i] = (guint8)synth_rand(&k->conf_rng);
    /* SGN_CKSUM = HMAC(Ksign, MD5(13 as four little-endian bytes | header | confounder | data)), 8 bytes */
    static const char sig[] = "signaturekey";
    guint8 ksign[16], digest[16], cksum[16];
    hmac_md5(kk, (const guint8 *)sig, sizeof sig, ksign);
    gcry_md_hd_t h;
    g_assert(gcry_md_open(&h, GCRY_MD_MD5, 0) == 0);
    static const guint8 t13[4] = { 13, 0, 0, 0 };
    gcry_md_write(h, t13, 4);
    gcry_md_write(h, hdr, 8);
    gcry_md_write(h, conf, 8);
    if (k->o.header_sign)
        gcry_md_write(h, pdu, stub_off);
    gcry_md_write(h, pdu + stub_off, stub_len);
    if (k->o.header_sign)
        gcry_md_write(h, pdu + trailer_at, 8);
    memcpy(digest, gcry_md_read(h, GCRY_MD_MD5), 16);
    gcry_md_close(h);
    hmac_md5(ksign, digest, 16, cksum);
    /* Kcrypt from Klocal = K xor F0 and the sequence number; confounder and stub in one RC4 stream */
    guint8 klocal[16], kcrypt[16], kseq[16];
    for (int i = 0; i < 16; i++)
        klocal[i] = kk[i] ^ 0xf0;
    derive(klocal, snd_seq, 4, kcrypt);
    gcry_cipher_hd_t c;
    g_assert(gcry_cipher_open(&c, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) == 0);
    gcry_cipher_setkey(c, kcrypt, 16);
    gcry_cipher_encrypt(c, conf, 8, NULL, 0);
    gcry_cipher_encrypt(c, pdu + stub_off, stub_len, NULL, 0);
    gcry_cipher_close(c);
    /* SND_SEQ under Kseq, derived from the checksum */
    derive(kk, cksum, 8, kseq);
    g_assert(gcry_cipher_open(&c, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) == 0);
    gcry_cipher_setkey(c, kseq, 16);
    gcry_cipher_encrypt(c, snd_seq, 8, NULL, 0);
    gcry_cipher_close(c);
    GByteArray *inner = g_byte_array_new();
    g_byte_array_append(inner, hdr + 2, 6);
    g_byte_array_append(inner, snd_seq, 8);
    g_byte_array_append(inner, cksum, 8);
    g_byte_array_append(inner, conf, 8);
    GByteArray *t = synth_krb5_gss_frame(hdr, inner);
    g_assert(t->len == 45);
    memcpy(token, t->data, 45);
    g_byte_array_free(t, TRUE);
}

void synth_krb5_seal(synth_krb5 *k, int side, guint8 *pdu, guint pdu_len, guint stub_off)
{
    guint token_len = synth_krb5_token_len(k), token_at = pdu_len - token_len, trailer_at = token_at - 8;
    guint pad = pdu[trailer_at + 2];   /* sec_trailer auth_pad_length */
    fputs(side == SYNTH_CLIENT ? "request " : "response ", k->stubs);
    for (guint i = stub_off; i < trailer_at - pad; i++)
        fprintf(k->stubs, "%02x", pdu[i]);
    fputc('\n', k->stubs);
    if (k->o.enctype == ENCTYPE_ARCFOUR_HMAC)
        seal_rc4(k, side, pdu, stub_off, trailer_at - stub_off, trailer_at, pdu + token_at);
    else
        seal_cfx(k, side, pdu, stub_off, trailer_at - stub_off, trailer_at, pdu + token_at);
}
