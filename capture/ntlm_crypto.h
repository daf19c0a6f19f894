/* ntlm_crypto.h - the MS-NLMP key derivation and message MAC that both the decoder (ntlmssp.c)
 * and the sample synthesizer (samples/synth_ntlm_seal.c) use: one place for each fact.
 *
 * All keys are 16 bytes; strings are UTF-8 and go on the wire as UTF-16LE (UNICODE(), MS-NLMP 1.1).
 * libgcrypt gives MD4, MD5, HMAC-MD5 and RC4.
 */
#ifndef CSVP_NTLM_CRYPTO_H
#define CSVP_NTLM_CRYPTO_H

#include <glib.h>
#include <stdbool.h>

/* NegotiateFlags bits used here (MS-NLMP 2.2.2.5). */
#define NTLM_NEGOTIATE_UNICODE 0x00000001u
#define NTLM_NEGOTIATE_SIGN 0x00000010u
#define NTLM_NEGOTIATE_SEAL 0x00000020u
#define NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY 0x00080000u
#define NTLM_NEGOTIATE_128 0x20000000u
#define NTLM_NEGOTIATE_KEY_EXCH 0x40000000u
#define NTLM_NEGOTIATE_56 0x80000000u

/* Sides of the session: keys of client-to-server and server-to-client messages (3.4.5.2). */
enum { NTLM_CLIENT_TO_SERVER = 0, NTLM_SERVER_TO_CLIENT = 1 };

/* Once per process before any other call. */
void ntlm_crypto_init(void);
/* HMAC_MD5(key, a + b) (b may be empty). */
void ntlm_hmac_md5(const guint8 *key, gsize key_len, const guint8 *a, gsize a_len, const guint8 *b, gsize b_len,
                   guint8 out[16]);
/* NTOWFv1 (3.3.1): MD4(UNICODE(Passwd)) - the "NT hash". */
void ntlm_nt_hash(const char *password, guint8 out[16]);
/* NTOWFv2 (3.3.2): HMAC_MD5(NT hash, UNICODE(Uppercase(User) + UserDom)). */
void ntlm_ntowfv2(const guint8 nt_hash[16], const char *user, const char *domain, guint8 out[16]);
/* NTLMv2 (3.3.2): NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp) and
 * SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr), which is also the KeyExchangeKey (3.4.5.1). */
void ntlm_v2_proof(const guint8 response_key[16], const guint8 server_challenge[8], const guint8 *temp,
                   gsize temp_len, guint8 proof[16], guint8 session_base_key[16]);
/* RC4K (6): data encrypted (or decrypted) in place with a fresh RC4 key. */
void ntlm_rc4(const guint8 key[16], guint8 *data, gsize len);
/* SIGNKEY (3.4.5.2) and SEALKEY (3.4.5.3) of one side with extended session security; SEALKEY
 * shortens the key to 7 (56) or 5 bytes unless NTLMSSP_NEGOTIATE_128 was negotiated. */
void ntlm_sign_key(const guint8 exported_session_key[16], int side, guint8 out[16]);
void ntlm_seal_key(const guint8 exported_session_key[16], guint32 flags, int side, guint8 out[16]);
/* MAC with extended session security (3.4.4.2) before the checksum's RC4:
 * HMAC_MD5(SigningKey, SeqNum + Message)[0..7]. */
void ntlm_mac(const guint8 sign_key[16], guint32 seq_num, const guint8 *msg, gsize len, guint8 checksum[8]);
/* The same MAC for a session: the HMAC keyed once, the message given in pieces. */
typedef struct ntlm_signer ntlm_signer;
ntlm_signer *ntlm_signer_new(const guint8 sign_key[16]);
void ntlm_signer_begin(ntlm_signer *s, guint32 seq_num);
void ntlm_signer_update(ntlm_signer *s, const guint8 *p, gsize len);
void ntlm_signer_end(ntlm_signer *s, guint8 checksum[8]);
void ntlm_signer_free(ntlm_signer *s);

#endif
