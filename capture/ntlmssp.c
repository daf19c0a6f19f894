/* ntlmssp.c - NTLMSSP provider: NEGOTIATE/CHALLENGE/AUTHENTICATE (MS-NLMP 2.2.1), the NTLMv2
 * response checked against each key given (3.3.2), the session keys (3.4.5), and per PDU the
 * SEAL/MAC of NTLM2 session security (3.4.3, 3.4.4.2) undone and verified.
 *
 * Messages (little-endian): Signature "NTLMSSP\0"(8) MessageType(4), then
 *   CHALLENGE (2): TargetNameFields(8) NegotiateFlags(4) ServerChallenge(8) Reserved(8) ...
 *   AUTHENTICATE (3): LmChallengeResponseFields(8) NtChallengeResponseFields(8) DomainNameFields(8)
 *       UserNameFields(8) WorkstationFields(8) EncryptedRandomSessionKeyFields(8) NegotiateFlags(4) ...
 *   where a fields entry is Len(2) MaxLen(2) BufferOffset(4) from the start of the message.
 * NTLMSSP_MESSAGE_SIGNATURE with extended session security (2.2.2.9.1): Version(4)=1
 *   Checksum(8) SeqNum(4).
 */
#include "ntlmssp.h"

#include "cursor.h"
#include "ntlm_crypto.h"

#include <gcrypt.h>
#include <string.h>

#define IDENTITY_MAX 128   /* characters of DOMAIN\user kept for messages */

typedef enum { NTLM_WAIT, NTLM_READY, NTLM_FAILED } ntlm_state;

typedef struct ntlm_ctx {
    const sec_keys *keys;
    ntlm_state state;
    bool have_challenge;
    guint32 flags;
    guint8 server_challenge[8];
    char identity[IDENTITY_MAX * 4 + 2];   /* "DOMAIN\user", printable, IDENTITY_MAX / 2 characters each */
    GString *why;
    ntlm_signer *sign[2];                  /* keyed with the signing key of each direction (3.4.5.2) */
    gcry_cipher_hd_t seal[2];              /* one RC4 handle per direction for the connection (3.4.5.3) */
    guint32 seq[2];
} ntlm_ctx;

static const guint8 ntlm_signature[8] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

static void *ntlm_new(const sec_keys *keys)
{
    ntlm_crypto_init();
    ntlm_ctx *n = g_new0(ntlm_ctx, 1);
    n->keys = keys;
    n->why = g_string_new(NULL);
    return n;
}

static void ntlm_free(void *ctx)
{
    ntlm_ctx *n = ctx;
    for (int i = 0; i < 2; i++) {
        if (n->seal[i])
            gcry_cipher_close(n->seal[i]);
        ntlm_signer_free(n->sign[i]);
    }
    g_string_free(n->why, TRUE);
    g_free(n);
}

static void fail(ntlm_ctx *n, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void fail(ntlm_ctx *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_string_vprintf(n->why, fmt, ap);
    va_end(ap);
    n->state = NTLM_FAILED;
}

/* The payload a fields entry points at, as a cursor over msg (failed when it runs past the end). */
static csvp_cursor fields_payload(csvp_cursor *fields, const guint8 *msg, gsize len, const char *what)
{
    guint16 n = csvp_cur_u16(fields, what);
    csvp_cur_u16(fields, what);   /* MaxLen */
    guint32 off = csvp_cur_u32(fields, what);
    csvp_cursor all = csvp_cur_make(msg, len, true, 0);
    csvp_cur_seek(&all, MIN(off, len), what);
    if (off > len)
        csvp_cur_fail(&all, n, what);
    return csvp_cur_sub(&all, n, what);
}

/* Text of a name field: UTF-16LE with NEGOTIATE_UNICODE, else OEM (bytes kept when ASCII); control
 * characters become '?' as the text ends up in messages. */
static char *field_text(const guint8 *p, gsize len, bool unicode)
{
    char *s = unicode ? csvp_utf16_to_utf8(p, len, true, false) : g_strndup((const char *)p, len);
    if (!unicode)
        for (char *q = s; *q; q++)
            if ((guchar)*q >= 0x80)
                *q = '?';
    for (char *q = s; *q; q++)
        if ((guchar)*q < 0x20 || *q == 0x7f)
            *q = '?';
    return s;
}

static void on_challenge(ntlm_ctx *n, csvp_cursor *c)
{
    csvp_cur_skip(c, 8, "CHALLENGE TargetNameFields");
    guint32 flags = csvp_cur_u32(c, "CHALLENGE NegotiateFlags");
    csvp_cur_copy(c, n->server_challenge, 8, "CHALLENGE ServerChallenge");
    if (!csvp_cur_ok(c)) {
        char *e = csvp_cur_error(c);
        fail(n, "NTLMSSP: malformed CHALLENGE message: %s", e);
        g_free(e);
        return;
    }
    n->flags = flags;
    n->have_challenge = true;
}

static guint n_hashes(const GArray *a)
{
    return a ? a->len : 0;
}

typedef enum { KEYS_NONE, KEYS_WRONG, KEYS_OK } keys_result;

/* Tries every key that applies to the user on the NTLMv2 response (3.3.2); on KEYS_OK base_key is the
 * SessionBaseKey. */
static keys_result try_keys(ntlm_ctx *n, const char *user, const char *domain, const guint8 *nt, gsize nt_len,
                            guint8 base_key[16])
{
    guint tried = 0;
    const guint8 *temp = nt + 16;
    gsize temp_len = nt_len - 16;
    /* The passwords' hashes first, then --nt-hash's, as given. */
    const GArray *from_passwords = n->keys ? n->keys->password_hashes : NULL;
    const GArray *given = n->keys ? n->keys->nt_hashes : NULL;
    guint np = n_hashes(from_passwords), nh = n_hashes(given);
    for (guint i = 0; i < np + nh; i++) {
        guint8 response_key[16], proof[16];
        const sec_nt_hash *h = i < np ? &g_array_index(from_passwords, sec_nt_hash, i)
                                      : &g_array_index(given, sec_nt_hash, i - np);
        if (h->user[0] && g_ascii_strcasecmp(h->user, user) != 0)
            continue;
        tried++;
        ntlm_ntowfv2(h->hash, user, domain, response_key);
        ntlm_v2_proof(response_key, n->server_challenge, temp, temp_len, proof, base_key);
        memset(response_key, 0, sizeof response_key);
        if (memcmp(proof, nt, 16) == 0)
            return KEYS_OK;
    }
    return tried ? KEYS_WRONG : KEYS_NONE;
}

static void start_session(ntlm_ctx *n, const guint8 exported[16])
{
    for (int side = 0; side < 2; side++) {
        guint8 k[16];
        ntlm_sign_key(exported, side, k);
        n->sign[side] = ntlm_signer_new(k);
        ntlm_seal_key(exported, n->flags, side, k);
        if (gcry_cipher_open(&n->seal[side], GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) != 0)
            g_error("libgcrypt: RC4 unavailable");
        gcry_cipher_setkey(n->seal[side], k, 16);
        memset(k, 0, sizeof k);
        n->seq[side] = 0;
    }
    n->state = NTLM_READY;
}

static void on_authenticate(ntlm_ctx *n, csvp_cursor *c, const guint8 *msg, gsize len)
{
    csvp_cur_skip(c, 8, "AUTHENTICATE LmChallengeResponseFields");
    csvp_cursor ntf = csvp_cur_sub(c, 8, "AUTHENTICATE NtChallengeResponseFields");
    csvp_cursor domf = csvp_cur_sub(c, 8, "AUTHENTICATE DomainNameFields");
    csvp_cursor userf = csvp_cur_sub(c, 8, "AUTHENTICATE UserNameFields");
    csvp_cur_skip(c, 8, "AUTHENTICATE WorkstationFields");
    csvp_cursor keyf = csvp_cur_sub(c, 8, "AUTHENTICATE EncryptedRandomSessionKeyFields");
    guint32 flags = csvp_cur_u32(c, "AUTHENTICATE NegotiateFlags");
    csvp_cursor nt = fields_payload(&ntf, msg, len, "AUTHENTICATE NtChallengeResponse");
    csvp_cursor dom = fields_payload(&domf, msg, len, "AUTHENTICATE DomainName");
    csvp_cursor user = fields_payload(&userf, msg, len, "AUTHENTICATE UserName");
    csvp_cursor key = fields_payload(&keyf, msg, len, "AUTHENTICATE EncryptedRandomSessionKey");
    const csvp_cursor *all[] = { c, &nt, &dom, &user, &key, &ntf, &domf, &userf, &keyf };
    for (guint i = 0; i < G_N_ELEMENTS(all); i++)
        if (!csvp_cur_ok(all[i])) {
            char *e = csvp_cur_error(all[i]);
            fail(n, "NTLMSSP: malformed AUTHENTICATE message: %s", e);
            g_free(e);
            return;
        }
    bool unicode = (flags & NTLM_NEGOTIATE_UNICODE) != 0;
    char *d = field_text(dom.data, dom.len, unicode), *u = field_text(user.data, user.len, unicode);
    /* Both are valid UTF-8: cut by characters, not bytes. */
    char *dc = g_utf8_substring(d, 0, MIN(g_utf8_strlen(d, -1), IDENTITY_MAX / 2));
    char *uc = g_utf8_substring(u, 0, MIN(g_utf8_strlen(u, -1), IDENTITY_MAX / 2));
    g_snprintf(n->identity, sizeof n->identity, "%s\\%s", dc, uc);
    g_free(dc);
    g_free(uc);
    n->flags = flags;
    guint8 base_key[16];
    keys_result tried;
    if (!n->have_challenge)
        fail(n, "NTLMSSP for %s: the CHALLENGE message was not captured", n->identity);
    else if (nt.len == 0)
        fail(n, "NTLMSSP for %s: anonymous logon (no NT response), no session key", n->identity);
    else if (nt.len <= 24)
        fail(n, "NTLMSSP for %s: NTLMv1 response: not supported", n->identity);
    else if (!(flags & NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY))
        fail(n, "NTLMSSP for %s: session security without EXTENDED_SESSIONSECURITY: not supported", n->identity);
    else if ((flags & NTLM_NEGOTIATE_KEY_EXCH) && key.len != 16)
        fail(n, "NTLMSSP for %s: KEY_EXCH with a %" G_GSIZE_FORMAT " byte EncryptedRandomSessionKey", n->identity,
             key.len);
    else if ((tried = try_keys(n, u, d, nt.data, nt.len, base_key)) == KEYS_NONE)
        fail(n, "NTLMSSP for %s: no key (give --password or --nt-hash)", n->identity);
    else if (tried == KEYS_WRONG)
        fail(n, "NTLMSSP for %s: wrong password: the NTLMv2 response does not verify for %s", n->identity,
             n->identity);
    else {
        /* 3.4.5.1 KXKEY is the SessionBaseKey for NTLMv2; with KEY_EXCH the ExportedSessionKey is
         * RC4K(KeyExchangeKey, EncryptedRandomSessionKey) (3.2.5.1.2), else the KeyExchangeKey. */
        guint8 exported[16];
        memcpy(exported, base_key, 16);
        if (flags & NTLM_NEGOTIATE_KEY_EXCH) {
            memcpy(exported, key.data, 16);
            ntlm_rc4(base_key, exported, 16);
        }
        start_session(n, exported);
        memset(exported, 0, sizeof exported);
        g_string_printf(n->why, "NTLMSSP for %s", n->identity);
    }
    memset(base_key, 0, sizeof base_key);
    g_free(d);
    g_free(u);
}

static void ntlm_token(void *ctx, bool from_client, const guint8 *tok, gsize len)
{
    ntlm_ctx *n = ctx;
    if (n->state != NTLM_WAIT)
        return;
    csvp_cursor c = csvp_cur_make(tok, len, true, 0);
    const guint8 *sig = csvp_cur_bytes(&c, 8, "NTLMSSP Signature");
    guint32 type = csvp_cur_u32(&c, "NTLMSSP MessageType");
    if (!csvp_cur_ok(&c) || memcmp(sig, ntlm_signature, 8) != 0) {
        fail(n, "NTLMSSP: a %s token of %" G_GSIZE_FORMAT " bytes is not an NTLMSSP message",
             from_client ? "client" : "server", len);
        return;
    }
    if (type == 2 && !from_client)
        on_challenge(n, &c);
    else if (type == 3 && from_client)
        on_authenticate(n, &c, tok, len);
    else if (type != 1 || !from_client)
        fail(n, "NTLMSSP: unexpected message type %u from the %s", type, from_client ? "client" : "server");
}

static bool ntlm_ready(void *ctx, const char **why)
{
    ntlm_ctx *n = ctx;
    if (n->state == NTLM_WAIT)
        g_string_assign(n->why, n->have_challenge ? "NTLMSSP: the AUTHENTICATE message was not captured"
                                                  : "NTLMSSP: the logon was not captured");
    *why = n->why->str;
    return n->state == NTLM_READY;
}

/* 3.4.3 SEAL / 3.4.4.2 MAC undone for one PDU. In DCE/RPC NTLM signs the whole PDU up to and
 * including the sec_trailer, with or without header signing negotiated (Samba's NTLMSSP notes that
 * NTLM2 signs the DCE/RPC headers; sealed.pcap is built so and tshark decrypts it): header_sign
 * changes nothing here. */
static bool ntlm_unwrap(void *ctx, const sec_pdu *p, guint8 *out, GString *why)
{
    ntlm_ctx *n = ctx;
    int side = p->from_client ? NTLM_CLIENT_TO_SERVER : NTLM_SERVER_TO_CLIENT;
    csvp_cursor c = csvp_cur_make(p->auth_value, p->auth_len, true, 0);
    guint32 version = csvp_cur_u32(&c, "NTLMSSP_MESSAGE_SIGNATURE Version");
    guint8 checksum[8];
    csvp_cur_copy(&c, checksum, 8, "NTLMSSP_MESSAGE_SIGNATURE Checksum");
    guint32 seq = csvp_cur_u32(&c, "NTLMSSP_MESSAGE_SIGNATURE SeqNum");
    if (!csvp_cur_ok(&c) || csvp_cur_left(&c) || version != 1) {
        g_string_append_printf(why, "NTLMSSP signature of %" G_GSIZE_FORMAT " bytes (version %u), expected 16 "
                               "bytes of version 1", p->auth_len, version);
        return false;
    }
    /* The message signed is the PDU in clear: header and body, the stub (decrypted into out), the
     * sec_trailer. */
    if (p->privacy)
        gcry_cipher_decrypt(n->seal[side], out, p->stub_len, p->pdu + p->stub_off, p->stub_len);
    else
        memcpy(out, p->pdu + p->stub_off, p->stub_len);
    if (n->flags & NTLM_NEGOTIATE_KEY_EXCH)
        gcry_cipher_decrypt(n->seal[side], checksum, 8, NULL, 0);
    guint32 expected = n->seq[side];
    n->seq[side] = seq + 1;
    guint8 mac[8];
    ntlm_signer_begin(n->sign[side], seq);
    ntlm_signer_update(n->sign[side], p->pdu, p->stub_off);
    ntlm_signer_update(n->sign[side], out, p->stub_len);
    ntlm_signer_update(n->sign[side], p->pdu + p->trailer_off, 8);
    ntlm_signer_end(n->sign[side], mac);
    if (memcmp(mac, checksum, 8) != 0) {
        g_string_append(why, "NTLMSSP signature does not verify (altered PDU, lost PDU or other keys)");
        return false;
    }
    if (seq != expected) {
        g_string_append_printf(why, "NTLMSSP sequence number %u, expected %u", seq, expected);
        return false;
    }
    return true;
}

const sec_provider sec_provider_ntlmssp = {
    .name = "NTLMSSP",
    .ctx_new = ntlm_new,
    .token = ntlm_token,
    .ready = ntlm_ready,
    .unwrap = ntlm_unwrap,
    .ctx_free = ntlm_free,
};
