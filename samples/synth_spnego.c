/* synth_spnego.c - SPNEGO framing (RFC 4178 4.2, DER per X.690) of the NTLMSSP tokens of
 * sealed_spnego.pcap, as RPC_C_AUTHN_GSS_NEGOTIATE carries them:
 *   bind:      [APPLICATION 0] { 1.3.6.1.5.5.2, [0] NegTokenInit { [0] mechTypes { NTLMSSP },
 *              [2] mechToken NEGOTIATE } }
 *   bind_ack:  [1] NegTokenResp { [0] negState accept-incomplete (1), [1] supportedMech NTLMSSP,
 *              [2] responseToken CHALLENGE }
 *   auth3:     [1] NegTokenResp { [2] responseToken AUTHENTICATE } */
#include "synth.h"

static const guint8 oid_spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const guint8 oid_ntlmssp[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };

/* tag, definite length (short form below 128, else 0x81/0x82 and the length), content; content freed. */
static GByteArray *tlv(guint8 tag, GByteArray *content)
{
    GByteArray *b = g_byte_array_new();
    guint n = content->len;
    guint8 h[4] = { tag };
    guint hl = 2;
    if (n < 0x80) {
        h[1] = (guint8)n;
    } else if (n < 0x100) {
        h[1] = 0x81, h[2] = (guint8)n, hl = 3;
    } else {
        g_assert(n < 0x10000);
        h[1] = 0x82, h[2] = (guint8)(n >> 8), h[3] = (guint8)n, hl = 4;
    }
    g_byte_array_append(b, h, hl);
    g_byte_array_append(b, content->data, n);
    g_byte_array_free(content, TRUE);
    return b;
}

static GByteArray *bytes(const guint8 *p, guint n)
{
    return g_byte_array_append(g_byte_array_new(), p, n);
}

static void append(GByteArray *b, GByteArray *part)
{
    g_byte_array_append(b, part->data, part->len);
    g_byte_array_free(part, TRUE);
}

GByteArray *synth_spnego_wrap(GByteArray *ntlm, int leg)
{
    GByteArray *mech_token = tlv(0xa2, tlv(0x04, ntlm)), *seq = g_byte_array_new();
    if (leg == SYNTH_SPNEGO_INIT) {
        append(seq, tlv(0xa0, tlv(0x30, bytes(oid_ntlmssp, sizeof oid_ntlmssp))));
        append(seq, mech_token);
        GByteArray *app = bytes(oid_spnego, sizeof oid_spnego);
        append(app, tlv(0xa0, tlv(0x30, seq)));
        return tlv(0x60, app);
    }
    if (leg == SYNTH_SPNEGO_SERVER) {
        static const guint8 incomplete[] = { 0x0a, 0x01, 0x01 };
        append(seq, tlv(0xa0, bytes(incomplete, sizeof incomplete)));
        append(seq, tlv(0xa1, bytes(oid_ntlmssp, sizeof oid_ntlmssp)));
    }
    append(seq, mech_token);
    return tlv(0xa1, tlv(0x30, seq));
}
