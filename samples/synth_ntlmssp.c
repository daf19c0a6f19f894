/* synth_ntlmssp.c - NTLMSSP tokens for the auth verifiers of one connection
 * (MS-NLMP 2.2.1.1 NEGOTIATE, 2.2.1.2 CHALLENGE, 2.2.1.3 AUTHENTICATE with an
 * NTLMv2 response, 2.2.2.9.1 message signature). The cryptographic fields are
 * random: the samples carry the shapes, not a session anyone can verify. */
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

GByteArray *synth_ntlm_negotiate(void)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, signature, 8);
    le32(b, 1);
    le32(b, 0xe2088297u);
    static const guint8 empty[16];
    g_byte_array_append(b, empty, 16);   /* DomainNameFields, WorkstationFields: empty */
    g_byte_array_append(b, version, 8);
    return b;
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

GByteArray *synth_ntlm_challenge(synth_cap *cap, const synth_host *server)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, signature, 8);
    le32(b, 2);
    guint8 zero[8] = { 0 }, challenge[8];
    g_byte_array_append(b, zero, 8);   /* TargetNameFields, set below */
    le32(b, FLAGS);
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
