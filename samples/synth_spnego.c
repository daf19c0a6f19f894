/* synth_spnego.c - SPNEGO (RFC 4178 4.2, DER per X.690) around the logon tokens of the samples that
 * use RPC_C_AUTHN_GSS_NEGOTIATE (sealed_spnego.pcap: NTLMSSP; sealed_krb5_aes.pcap: Kerberos):
 *   bind:      [APPLICATION 0] { 1.3.6.1.5.5.2, [0] NegTokenInit { [0] mechTypes, [2] mechToken } }
 *   bind_ack:  [1] NegTokenResp { [0] negState, [1] supportedMech, [2] responseToken }
 *   later:     [1] NegTokenResp { [2] responseToken } (or only a negState)
 * DER by hand: a few fixed constructions, each length written by synth_der_wrap. */
#include "synth.h"

const guint8 synth_oid_ntlmssp[12] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };
/* 1.2.840.48018.1.2.2 (MS KRB5, what Windows lists first), then 1.2.840.113554.1.2.2 (RFC 4121). */
const guint8 synth_oid_ms_krb5[11] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02 };
const guint8 synth_krb5_mechs[22] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02,
                                      0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 };
static const guint8 spnego_oid[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };   /* 1.3.6.1.5.5.2 */

/* tag, DER length (X.690 8.1.3), contents; consumes `in`. */
GByteArray *synth_der_wrap(guint8 tag, GByteArray *in)
{
    GByteArray *b = g_byte_array_new();
    guint8 h[6] = { tag };
    guint n = 1, len = in->len;
    if (len < 0x80)
        h[n++] = (guint8)len;
    else if (len < 0x100) {
        h[n++] = 0x81;
        h[n++] = (guint8)len;
    } else {
        g_assert(len < 0x10000);
        h[n++] = 0x82;
        h[n++] = (guint8)(len >> 8);
        h[n++] = (guint8)len;
    }
    g_byte_array_append(b, h, n);
    g_byte_array_append(b, in->data, in->len);
    g_byte_array_free(in, TRUE);
    return b;
}

static GByteArray *cat(GByteArray *a, GByteArray *b)   /* a + b, consumes b */
{
    g_byte_array_append(a, b->data, b->len);
    g_byte_array_free(b, TRUE);
    return a;
}

static GByteArray *bytes(const guint8 *p, guint n)
{
    return g_byte_array_append(g_byte_array_new(), p, n);
}

GByteArray *synth_spnego_init(const guint8 *mech_types, guint mech_types_len, GByteArray *mech_token)
{
    GByteArray *seq = synth_der_wrap(0xa0, synth_der_wrap(0x30, bytes(mech_types, mech_types_len))); /* [0] */
    seq = cat(seq, synth_der_wrap(0xa2, synth_der_wrap(0x04, mech_token)));           /* mechToken [2] */
    GByteArray *init = synth_der_wrap(0xa0, synth_der_wrap(0x30, seq));               /* negTokenInit [0] */
    return synth_der_wrap(0x60, cat(bytes(spnego_oid, sizeof spnego_oid), init));    /* RFC 2743 3.1 */
}

GByteArray *synth_spnego_resp(int neg_state, const guint8 *supported_mech, guint mech_len, GByteArray *response_token)
{
    GByteArray *seq = g_byte_array_new();
    if (neg_state >= 0) {   /* negState [0] ENUMERATED: 0 accept-completed, 1 accept-incomplete */
        guint8 st[] = { 0x0a, 0x01, (guint8)neg_state };
        seq = cat(seq, synth_der_wrap(0xa0, bytes(st, sizeof st)));
    }
    if (supported_mech)
        seq = cat(seq, synth_der_wrap(0xa1, bytes(supported_mech, mech_len)));
    if (response_token)
        seq = cat(seq, synth_der_wrap(0xa2, synth_der_wrap(0x04, response_token)));
    return synth_der_wrap(0xa1, synth_der_wrap(0x30, seq));                          /* negTokenResp [1] */
}
