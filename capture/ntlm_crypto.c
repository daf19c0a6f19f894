/* ntlm_crypto.c - MS-NLMP NTOWFv2, NTLMv2 proof, key derivation and MAC with libgcrypt. */
#include "ntlm_crypto.h"

#include <gcrypt.h>
#include <string.h>

void ntlm_crypto_init(void)
{
    gcry_check_version(NULL);
}

void ntlm_hmac_md5(const guint8 *key, gsize key_len, const guint8 *a, gsize a_len, const guint8 *b, gsize b_len,
                   guint8 out[16])
{
    gcry_md_hd_t h;
    if (gcry_md_open(&h, GCRY_MD_MD5, GCRY_MD_FLAG_HMAC) != 0)
        g_error("libgcrypt: HMAC-MD5 unavailable");
    gcry_md_setkey(h, key, key_len);
    gcry_md_write(h, a, a_len);
    if (b_len)
        gcry_md_write(h, b, b_len);
    memcpy(out, gcry_md_read(h, GCRY_MD_MD5), 16);
    gcry_md_close(h);
}

/* UNICODE(s): UTF-16LE without a terminator. */
static GByteArray *unicode(const char *s)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
    GByteArray *b = g_byte_array_sized_new((guint)(2 * n));
    for (glong i = 0; u && i < n; i++) {
        guint8 x[2] = { (guint8)u[i], (guint8)(u[i] >> 8) };
        g_byte_array_append(b, x, 2);
    }
    g_free(u);
    return b;
}

void ntlm_nt_hash(const char *password, guint8 out[16])
{
    GByteArray *pw = unicode(password);
    gcry_md_hash_buffer(GCRY_MD_MD4, out, pw->data, pw->len);
    memset(pw->data, 0, pw->len);
    g_byte_array_free(pw, TRUE);
}

void ntlm_ntowfv2(const guint8 nt_hash[16], const char *user, const char *domain, guint8 out[16])
{
    char *upper = g_utf8_strup(user, -1);
    char *who_utf8 = g_strconcat(upper, domain, NULL);
    GByteArray *who = unicode(who_utf8);
    ntlm_hmac_md5(nt_hash, 16, who->data, who->len, NULL, 0, out);
    g_byte_array_free(who, TRUE);
    g_free(who_utf8);
    g_free(upper);
}

void ntlm_v2_proof(const guint8 response_key[16], const guint8 server_challenge[8], const guint8 *temp,
                   gsize temp_len, guint8 proof[16], guint8 session_base_key[16])
{
    ntlm_hmac_md5(response_key, 16, server_challenge, 8, temp, temp_len, proof);
    ntlm_hmac_md5(response_key, 16, proof, 16, NULL, 0, session_base_key);
}

void ntlm_rc4(const guint8 key[16], guint8 *data, gsize len)
{
    gcry_cipher_hd_t c;
    if (gcry_cipher_open(&c, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) != 0)
        g_error("libgcrypt: RC4 unavailable");
    gcry_cipher_setkey(c, key, 16);
    gcry_cipher_encrypt(c, data, len, NULL, 0);
    gcry_cipher_close(c);
}

/* MD5(key[0, key_len) + magic constant with its NUL). */
static void subkey(const guint8 *key, gsize key_len, const char *magic, guint8 out[16])
{
    guint8 buf[16 + 64];
    gsize len = strlen(magic) + 1;
    memcpy(buf, key, key_len);
    memcpy(buf + key_len, magic, len);
    gcry_md_hash_buffer(GCRY_MD_MD5, out, buf, key_len + len);
}

void ntlm_sign_key(const guint8 exported_session_key[16], int side, guint8 out[16])
{
    static const char *const magic[2] = { "session key to client-to-server signing key magic constant",
                                          "session key to server-to-client signing key magic constant" };
    subkey(exported_session_key, 16, magic[side], out);
}

void ntlm_seal_key(const guint8 exported_session_key[16], guint32 flags, int side, guint8 out[16])
{
    static const char *const magic[2] = { "session key to client-to-server sealing key magic constant",
                                          "session key to server-to-client sealing key magic constant" };
    gsize len = flags & NTLM_NEGOTIATE_128 ? 16 : flags & NTLM_NEGOTIATE_56 ? 7 : 5;
    subkey(exported_session_key, len, magic[side], out);
}

struct ntlm_signer {
    gcry_md_hd_t h;
};

ntlm_signer *ntlm_signer_new(const guint8 sign_key[16])
{
    ntlm_signer *s = g_new0(ntlm_signer, 1);
    if (gcry_md_open(&s->h, GCRY_MD_MD5, GCRY_MD_FLAG_HMAC) != 0)
        g_error("libgcrypt: HMAC-MD5 unavailable");
    gcry_md_setkey(s->h, sign_key, 16);
    return s;
}

void ntlm_signer_begin(ntlm_signer *s, guint32 seq_num)
{
    guint8 seq[4] = { (guint8)seq_num, (guint8)(seq_num >> 8), (guint8)(seq_num >> 16), (guint8)(seq_num >> 24) };
    gcry_md_reset(s->h);   /* keeps the HMAC key */
    gcry_md_write(s->h, seq, 4);
}

void ntlm_signer_update(ntlm_signer *s, const guint8 *p, gsize len)
{
    gcry_md_write(s->h, p, len);
}

void ntlm_signer_end(ntlm_signer *s, guint8 checksum[8])
{
    memcpy(checksum, gcry_md_read(s->h, GCRY_MD_MD5), 8);
}

void ntlm_signer_free(ntlm_signer *s)
{
    if (!s)
        return;
    gcry_md_close(s->h);
    g_free(s);
}

void ntlm_mac(const guint8 sign_key[16], guint32 seq_num, const guint8 *msg, gsize len, guint8 checksum[8])
{
    ntlm_signer *s = ntlm_signer_new(sign_key);
    ntlm_signer_begin(s, seq_num);
    ntlm_signer_update(s, msg, len);
    ntlm_signer_end(s, checksum);
    ntlm_signer_free(s);
}
