/* synth_ntlmssp.c - NTLMSSP tokens for the auth verifiers of one connection
 * (MS-NLMP 2.2.1.1 NEGOTIATE, 2.2.1.2 CHALLENGE, 2.2.1.3 AUTHENTICATE with an
 * NTLMv2 response, 2.2.2.9.1 message signature). For cluster_setup the
 * cryptographic fields are random: the sample carries the shapes, not a session
 * anyone can verify. sealed.pcap's logon is real (synth_ntlm_sealed_*, with the
 * crypto of synth_ntlm_seal.c). */
#include "synth.h"

#include <string.h>

#define FLAGS 0xe2898215u   /* 56, KEY_EXCH, 128, VERSION, TARGET_INFO, EXTENDED_SESSIONSECURITY, ALWAYS_SIGN,
                               NTLM, SIGN, REQUEST_TARGET, UNICODE */
static const guint8 signature[8] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };
static const guint8 version[8] = { 10, 0, 0x7c, 0x4f, 0, 0, 0, 15 };   /* 10.0.20348, NTLMSSP revision 15 */

static void le16(GByteArray *b, guint v) { guint8 x[2] = { (guint8)v, (guint8)(v >> 8) }; g_byte_array_append(b, x, 2); }
static void le32(GByteArray *b, guint32 v) { le16(b, v & 0xffff); le16(b, v >> 16); }

static void set32(GByteArray *b, guint off, guint32 v)
{
    for (guint i = 0; i < 4; i++)
        b->data[off + i] = (guint8)(v >> (8 * i));
}

/* A security buffer (Len, MaxLen, Offset) at `at`, pointing at payload appended now. */
static void field(GByteArray *b, guint at, const guint8 *p, guint len)
{
    set32(b, at, len | (guint32)len << 16);
    set32(b, at + 4, b->len);
    g_byte_array_append(b, p, len);
}

static GByteArray *utf16le(const char *s)
{
    GByteArray *b = g_byte_array_new();
    for (; *s; s++)
        le16(b, (guchar)*s);
    return b;
}

static void random_bytes(synth_cap *cap, guint8 *p, guint n)
{
    for (guint i = 0; i < n; i++)
        p[i] = (guint8)synth_rand(&cap->rng);
}

static GByteArray *negotiate_msg(guint32 flags)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, signature, 8);
    le32(b, 1);
    le32(b, flags);
    static const guint8 empty[16];
    g_byte_array_append(b, empty, 16);   /* DomainNameFields, WorkstationFields: empty */
    g_byte_array_append(b, version, 8);
    return b;
}

GByteArray *synth_ntlm_negotiate(void)
{
    return negotiate_msg(0xe2088297u);
}

/* MsvAvNbDomainName, NbComputerName, DnsDomainName, DnsComputerName, Timestamp, EOL (2.2.2.1). */
static GByteArray *target_info(const synth_host *server, guint64 filetime)
{
    char nb[16];
    g_strlcpy(nb, server->name, sizeof nb);
    *strchr(nb, '.') = 0;
    const struct { guint16 id; const char *text; } pairs[] = {
        { 2, "CONTOSO" }, { 1, nb }, { 4, "contoso.local" }, { 3, server->name },
    };
    GByteArray *b = g_byte_array_new();
    for (guint i = 0; i < G_N_ELEMENTS(pairs); i++) {
        GByteArray *v = utf16le(pairs[i].text);
        le16(b, pairs[i].id);
        le16(b, v->len);
        g_byte_array_append(b, v->data, v->len);
        g_byte_array_free(v, TRUE);
    }
    le16(b, 7);
    le16(b, 8);
    le32(b, (guint32)filetime);
    le32(b, (guint32)(filetime >> 32));
    le32(b, 0);   /* MsvAvEOL */
    return b;
}

static guint64 filetime_now(synth_cap *cap)
{
    return (cap->now_us + G_GUINT64_CONSTANT(11644473600000000)) * 10;   /* 100 ns since 1601 */
}

static GByteArray *challenge_msg(synth_cap *cap, const synth_host *server, guint32 flags, guint8 challenge[8])
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, signature, 8);
    le32(b, 2);
    guint8 zero[8] = { 0 };
    g_byte_array_append(b, zero, 8);   /* TargetNameFields, set below */
    le32(b, flags);
    random_bytes(cap, challenge, 8);
    g_byte_array_append(b, challenge, 8);
    g_byte_array_append(b, zero, 8);   /* Reserved */
    g_byte_array_append(b, zero, 8);   /* TargetInfoFields, set below */
    g_byte_array_append(b, version, 8);
    GByteArray *name = utf16le("CONTOSO"), *info = target_info(server, filetime_now(cap));
    field(b, 12, name->data, name->len);
    field(b, 40, info->data, info->len);
    g_byte_array_free(name, TRUE);
    g_byte_array_free(info, TRUE);
    return b;
}

GByteArray *synth_ntlm_challenge(synth_cap *cap, const synth_host *server)
{
    guint8 challenge[8];
    return challenge_msg(cap, server, FLAGS, challenge);
}

GByteArray *synth_ntlm_authenticate(synth_cap *cap, const synth_host *client, const synth_host *server)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, signature, 8);
    le32(b, 3);
    guint8 zero[48] = { 0 };
    g_byte_array_append(b, zero, 48);   /* Lm, Nt, Domain, User, Workstation, SessionKey fields */
    le32(b, FLAGS);
    g_byte_array_append(b, version, 8);
    guint mic_at = b->len;
    g_byte_array_append(b, zero, 16);   /* MIC */
    /* NTLMv2 response: NTProofStr, then the client blob (2.2.2.7) ending with the target info. */
    GByteArray *nt = g_byte_array_new(), *info = target_info(server, filetime_now(cap));
    guint8 proof[16], cchal[8], key[16], mic[16];
    random_bytes(cap, proof, 16);
    random_bytes(cap, cchal, 8);
    random_bytes(cap, key, 16);
    random_bytes(cap, mic, 16);
    g_byte_array_append(nt, proof, 16);
    guint8 head[8] = { 1, 1, 0, 0, 0, 0, 0, 0 };
    g_byte_array_append(nt, head, 8);
    guint64 ft = filetime_now(cap);
    le32(nt, (guint32)ft);
    le32(nt, (guint32)(ft >> 32));
    g_byte_array_append(nt, cchal, 8);
    le32(nt, 0);
    g_byte_array_append(nt, info->data, info->len);
    le32(nt, 0);
    char nb[16];
    g_strlcpy(nb, client->name, sizeof nb);
    *strchr(nb, '.') = 0;
    GByteArray *dom = utf16le("CONTOSO"), *user = utf16le("Administrator"), *ws = utf16le(nb);
    field(b, 28, dom->data, dom->len);
    field(b, 36, user->data, user->len);
    field(b, 44, ws->data, ws->len);
    field(b, 12, zero, 24);             /* LmChallengeResponse: Z(24) with NTLMv2 and a timestamp */
    field(b, 20, nt->data, nt->len);
    field(b, 52, key, 16);              /* EncryptedRandomSessionKey */
    memcpy(b->data + mic_at, mic, 16);
    g_byte_array_free(nt, TRUE);
    g_byte_array_free(info, TRUE);
    g_byte_array_free(dom, TRUE);
    g_byte_array_free(user, TRUE);
    g_byte_array_free(ws, TRUE);
    return b;
}

/* NTLMSSP_MESSAGE_SIGNATURE with extended session security: Version 1, Checksum, SeqNum. */
GByteArray *synth_ntlm_verifier(synth_cap *cap, guint32 seq)
{
    GByteArray *b = g_byte_array_new();
    guint8 sum[8];
    le32(b, 1);
    random_bytes(cap, sum, 8);
    g_byte_array_append(b, sum, 8);
    le32(b, seq);
    return b;
}

/* ---- a real NTLMv2 logon (sealed.pcap): the same messages with NEGOTIATE_SEAL and computed keys ---- */
#define SEAL_FLAG 0x00000020u

GByteArray *synth_ntlm_sealed_negotiate(synth_ntlm *n)
{
    GByteArray *b = negotiate_msg(0xe2088297u | SEAL_FLAG);
    n->negotiate = g_byte_array_sized_new(b->len);
    g_byte_array_append(n->negotiate, b->data, b->len);
    return b;
}

GByteArray *synth_ntlm_sealed_challenge(synth_ntlm *n, synth_cap *cap, const synth_host *server)
{
    GByteArray *b = challenge_msg(cap, server, FLAGS | SEAL_FLAG, n->server_challenge);
    n->challenge = g_byte_array_sized_new(b->len);
    g_byte_array_append(n->challenge, b->data, b->len);
    return b;
}

static guint32 get32(const guint8 *p)
{
    return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

/* The client's copy of the server's AV pairs (2.2.2.1) with MsvAvFlags 0x2 (a MIC is present) before
 * MsvAvEOL; *timestamp gets MsvAvTimestamp, which the client must use (3.1.5.1.2). */
static GByteArray *client_av_pairs(const GByteArray *challenge, guint64 *timestamp)
{
    const guint8 *p = challenge->data + get32(challenge->data + 44);
    const guint8 *end = p + (challenge->data[40] | challenge->data[41] << 8);
    GByteArray *b = g_byte_array_new();
    while (p + 4 <= end && (p[0] | p[1] << 8) != 0) {
        guint id = p[0] | p[1] << 8, len = p[2] | p[3] << 8;
        if (id == 7)
            *timestamp = get32(p + 4) | (guint64)get32(p + 8) << 32;
        g_byte_array_append(b, p, 4 + len);
        p += 4 + len;
    }
    le16(b, 6);
    le16(b, 4);
    le32(b, 2);
    le32(b, 0);   /* MsvAvEOL */
    return b;
}

GByteArray *synth_ntlm_sealed_authenticate(synth_ntlm *n, synth_cap *cap, const synth_host *client)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, signature, 8);
    le32(b, 3);
    guint8 zero[48] = { 0 };
    g_byte_array_append(b, zero, 48);   /* Lm, Nt, Domain, User, Workstation, SessionKey fields */
    le32(b, FLAGS | SEAL_FLAG);
    g_byte_array_append(b, version, 8);
    guint mic_at = b->len;
    g_byte_array_append(b, zero, 16);   /* MIC, computed last */
    /* 3.3.2: temp = 0x01 0x01 Z(6) Time ClientChallenge Z(4) ServerName Z(4); NtChallengeResponse =
     * NTProofStr + temp. */
    guint64 ft = 0;
    GByteArray *pairs = client_av_pairs(n->challenge, &ft), *temp = g_byte_array_new();
    guint8 cchal[8], head[8] = { 1, 1, 0, 0, 0, 0, 0, 0 }, proof[16], kek[16], key[16], mic[16];
    random_bytes(cap, cchal, 8);
    random_bytes(cap, n->session_key, 16);   /* ExportedSessionKey (KEY_EXCH) */
    g_byte_array_append(temp, head, 8);
    le32(temp, (guint32)ft);
    le32(temp, (guint32)(ft >> 32));
    g_byte_array_append(temp, cchal, 8);
    le32(temp, 0);
    g_byte_array_append(temp, pairs->data, pairs->len);
    le32(temp, 0);
    synth_ntlm_v2_response(n, temp->data, temp->len, proof, kek);
    GByteArray *nt = g_byte_array_new();
    g_byte_array_append(nt, proof, 16);
    g_byte_array_append(nt, temp->data, temp->len);
    memcpy(key, n->session_key, 16);
    synth_ntlm_rc4(kek, key, 16);            /* EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ...) */
    char nb[16];
    g_strlcpy(nb, client->name, sizeof nb);
    *strchr(nb, '.') = 0;
    GByteArray *dom = utf16le(n->domain), *user = utf16le(n->user), *ws = utf16le(nb);
    field(b, 28, dom->data, dom->len);
    field(b, 36, user->data, user->len);
    field(b, 44, ws->data, ws->len);
    field(b, 12, zero, 24);             /* LmChallengeResponse: Z(24) with NTLMv2 and a timestamp */
    field(b, 20, nt->data, nt->len);
    field(b, 52, key, 16);
    synth_ntlm_mic(n, b, mic);
    memcpy(b->data + mic_at, mic, 16);
    synth_ntlm_start(n);
    g_byte_array_free(pairs, TRUE);
    g_byte_array_free(temp, TRUE);
    g_byte_array_free(nt, TRUE);
    g_byte_array_free(dom, TRUE);
    g_byte_array_free(user, TRUE);
    g_byte_array_free(ws, TRUE);
    return b;
}
