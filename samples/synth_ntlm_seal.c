/* synth_ntlm_seal.c - a real NTLMv2 logon and NTLM2 session security for
 * sealed.pcap (MS-NLMP 3.3.2 NTLMv2, 3.4.5 key derivation, 3.4.3/3.4.4.2
 * SEAL and MAC with extended session security and key exchange), computed
 * with libgcrypt so that Wireshark, given the password, decrypts the stubs. */
#include "synth.h"

#include <gcrypt.h>
#include <string.h>

static void hmac_md5(const guint8 *key, guint key_len, const guint8 *a, guint a_len, const guint8 *b, guint b_len,
                     guint8 out[16])
{
    gcry_md_hd_t h;
    g_assert(gcry_md_open(&h, GCRY_MD_MD5, GCRY_MD_FLAG_HMAC) == 0);
    gcry_md_setkey(h, key, key_len);
    gcry_md_write(h, a, a_len);
    if (b_len)
        gcry_md_write(h, b, b_len);
    memcpy(out, gcry_md_read(h, GCRY_MD_MD5), 16);
    gcry_md_close(h);
}

static gcry_cipher_hd_t rc4_new(const guint8 key[16])
{
    gcry_cipher_hd_t c;
    g_assert(gcry_cipher_open(&c, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) == 0);
    gcry_cipher_setkey(c, key, 16);
    return c;
}

static void utf16(GByteArray *b, const char *s, bool upper)
{
    for (; *s; s++) {
        guint8 x[2] = { (guint8)(upper ? g_ascii_toupper(*s) : *s), 0 };
        g_byte_array_append(b, x, 2);
    }
}

synth_ntlm *synth_ntlm_new(const char *domain, const char *user, const char *password)
{
    gcry_check_version(NULL);
    synth_ntlm *n = g_new0(synth_ntlm, 1);
    n->domain = domain;
    n->user = user;
    /* 3.3.2 NTOWFv2: HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom)). */
    GByteArray *pw = g_byte_array_new(), *who = g_byte_array_new();
    utf16(pw, password, false);
    utf16(who, user, true);
    utf16(who, domain, false);
    guint8 nt_hash[16];
    gcry_md_hash_buffer(GCRY_MD_MD4, nt_hash, pw->data, pw->len);
    hmac_md5(nt_hash, 16, who->data, who->len, NULL, 0, n->response_key);
    g_byte_array_free(pw, TRUE);
    g_byte_array_free(who, TRUE);
    return n;
}

void synth_ntlm_free(synth_ntlm *n)
{
    for (int i = 0; i < 2; i++)
        if (n->seal[i])
            gcry_cipher_close(n->seal[i]);
    if (n->negotiate)
        g_byte_array_free(n->negotiate, TRUE);
    if (n->challenge)
        g_byte_array_free(n->challenge, TRUE);
    g_free(n);
}

void synth_ntlm_v2_response(synth_ntlm *n, const guint8 *temp, guint temp_len, guint8 proof[16],
                            guint8 key_exchange_key[16])
{
    /* NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp); SessionBaseKey = HMAC_MD5(ResponseKeyNT,
     * NTProofStr), which is the KeyExchangeKey for NTLMv2. */
    hmac_md5(n->response_key, 16, n->server_challenge, 8, temp, temp_len, proof);
    hmac_md5(n->response_key, 16, proof, 16, NULL, 0, key_exchange_key);
}

void synth_ntlm_rc4(const guint8 key[16], guint8 *data, guint len)
{
    gcry_cipher_hd_t c = rc4_new(key);
    gcry_cipher_encrypt(c, data, len, NULL, 0);
    gcry_cipher_close(c);
}

void synth_ntlm_mic(synth_ntlm *n, const GByteArray *authenticate, guint8 mic[16])
{
    gcry_md_hd_t h;
    g_assert(gcry_md_open(&h, GCRY_MD_MD5, GCRY_MD_FLAG_HMAC) == 0);
    gcry_md_setkey(h, n->session_key, 16);
    gcry_md_write(h, n->negotiate->data, n->negotiate->len);
    gcry_md_write(h, n->challenge->data, n->challenge->len);
    gcry_md_write(h, authenticate->data, authenticate->len);
    memcpy(mic, gcry_md_read(h, GCRY_MD_MD5), 16);
    gcry_md_close(h);
}

/* 3.4.5.2 SIGNKEY, 3.4.5.3 SEALKEY (128-bit): MD5(ExportedSessionKey + magic constant with its NUL). */
static void subkey(const guint8 session_key[16], const char *magic, guint8 out[16])
{
    guint8 buf[16 + 64];
    guint len = (guint)strlen(magic) + 1;
    memcpy(buf, session_key, 16);
    memcpy(buf + 16, magic, len);
    gcry_md_hash_buffer(GCRY_MD_MD5, out, buf, 16 + len);
}

void synth_ntlm_start(synth_ntlm *n)
{
    static const char *const sign[2] = { "session key to client-to-server signing key magic constant",
                                         "session key to server-to-client signing key magic constant" };
    static const char *const seal[2] = { "session key to client-to-server sealing key magic constant",
                                         "session key to server-to-client sealing key magic constant" };
    for (int side = 0; side < 2; side++) {
        guint8 k[16];
        subkey(n->session_key, sign[side], n->sign_key[side]);
        subkey(n->session_key, seal[side], k);
        n->seal[side] = rc4_new(k);   /* one RC4 handle per direction for the whole connection */
        n->seq[side] = 0;
    }
}

/* SEAL (3.4.3) of one PDU from `side`: the signature (MAC, 3.4.4.2) covers pdu[0, signed_len) in clear -
 * header, stub, auth padding and sec_trailer (MS-RPCE 3.3.1.5.2.2) - then pdu[enc_off, enc_off + enc_len)
 * (stub and padding) is encrypted, then the checksum with the same RC4 handle (KEY_EXCH). */
void synth_ntlm_seal(synth_ntlm *n, int side, guint8 *pdu, guint signed_len, guint enc_off, guint enc_len,
                     guint8 sig[16])
{
    guint32 seq = n->seq[side]++;
    guint8 seqb[4] = { (guint8)seq, (guint8)(seq >> 8), (guint8)(seq >> 16), (guint8)(seq >> 24) };
    guint8 *buf = g_malloc(4 + signed_len), mac[16];
    memcpy(buf, seqb, 4);
    memcpy(buf + 4, pdu, signed_len);
    hmac_md5(n->sign_key[side], 16, buf, 4 + signed_len, NULL, 0, mac);
    g_free(buf);
    gcry_cipher_encrypt(n->seal[side], pdu + enc_off, enc_len, NULL, 0);
    gcry_cipher_encrypt(n->seal[side], mac, 8, NULL, 0);
    static const guint8 version[4] = { 1, 0, 0, 0 };
    memcpy(sig, version, 4);
    memcpy(sig + 4, mac, 8);
    memcpy(sig + 12, seqb, 4);
}
