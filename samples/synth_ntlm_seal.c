/* synth_ntlm_seal.c - a real NTLMv2 logon and NTLM2 session security for
 * sealed.pcap (MS-NLMP 3.3.2 NTLMv2, 3.4.5 key derivation, 3.4.3/3.4.4.2
 * SEAL and MAC with extended session security and key exchange), computed
 * with libgcrypt so that Wireshark, given the password, decrypts the stubs. */
#include "synth.h"
#include "ntlm_crypto.h"

#include <gcrypt.h>
#include <string.h>

static gcry_cipher_hd_t rc4_new(const guint8 key[16])
{
    gcry_cipher_hd_t c;
    g_assert(gcry_cipher_open(&c, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) == 0);
    gcry_cipher_setkey(c, key, 16);
    return c;
}

synth_ntlm *synth_ntlm_new(const char *domain, const char *user, const char *password)
{
    ntlm_crypto_init();
    synth_ntlm *n = g_new0(synth_ntlm, 1);
    n->domain = domain;
    n->user = user;
    guint8 nt_hash[16];
    ntlm_nt_hash(password, nt_hash);
    ntlm_ntowfv2(nt_hash, user, domain, n->response_key);
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
    ntlm_v2_proof(n->response_key, n->server_challenge, temp, temp_len, proof, key_exchange_key);
}

void synth_ntlm_rc4(const guint8 key[16], guint8 *data, guint len)
{
    ntlm_rc4(key, data, len);
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

void synth_ntlm_start(synth_ntlm *n)
{
    for (int side = 0; side < 2; side++) {
        guint8 k[16];
        ntlm_sign_key(n->session_key, side, n->sign_key[side]);
        ntlm_seal_key(n->session_key, NTLM_NEGOTIATE_128, side, k);
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
    guint8 mac[8];
    ntlm_mac(n->sign_key[side], seq, pdu, signed_len, mac);
    gcry_cipher_encrypt(n->seal[side], pdu + enc_off, enc_len, NULL, 0);
    gcry_cipher_encrypt(n->seal[side], mac, 8, NULL, 0);
    static const guint8 version[4] = { 1, 0, 0, 0 };
    memcpy(sig, version, 4);
    memcpy(sig + 4, mac, 8);
    memcpy(sig + 12, seqb, 4);
}
