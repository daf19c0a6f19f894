/* test_ntlm_seal.c - sealed.pcap's NTLMSSP crypto (samples/synth_ntlm_seal.c)
 * against the published test vectors of MS-NLMP 4.2.4 (NTLMv2 authentication):
 * User "User", UserDom "Domain", Passwd "Password", ServerChallenge
 * 0123456789abcdef, ClientChallenge aaaaaaaaaaaaaaaa, Time 0, RandomSessionKey
 * 55 x 16, AV pairs MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server". */
#include "check.h"
#include "synth.h"

#include <stdio.h>
#include <string.h>

static void expect(const char *what, const guint8 *got, const char *want_hex)
{
    char hex[256] = "";
    guint n = (guint)strlen(want_hex) / 2;
    for (guint i = 0; i < n; i++)
        g_snprintf(hex + 2 * i, 3, "%02x", got[i]);
    CHECK_STR(hex, want_hex, "%s", what);
}

static void put_utf16(GByteArray *b, const char *s)
{
    for (; *s; s++) {
        guint8 x[2] = { (guint8)*s, 0 };
        g_byte_array_append(b, x, 2);
    }
}

static void av(GByteArray *b, guint16 id, const char *text)
{
    GByteArray *v = g_byte_array_new();
    put_utf16(v, text);
    guint8 h[4] = { (guint8)id, 0, (guint8)v->len, 0 };
    g_byte_array_append(b, h, 4);
    g_byte_array_append(b, v->data, v->len);
    g_byte_array_free(v, TRUE);
}

int main(void)
{
    synth_ntlm *n = synth_ntlm_new("Domain", "User", "Password");
    expect("NTOWFv2 (4.2.4)", n->response_key, "0c868a403bfd7a93a3001ef22ef02e3f");

    /* temp (3.3.2) = 01 01 Z(6) Time ClientChallenge Z(4) AV pairs Z(4); the AV pairs of 4.2.4:
     * MsvAvNbDomainName (2) "Domain", MsvAvNbComputerName (1) "Server", MsvAvEOL. */
    static const guint8 server_challenge[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
    memcpy(n->server_challenge, server_challenge, 8);
    GByteArray *temp = g_byte_array_new();
    static const guint8 head[16] = { 1, 1 };   /* then Z(6) and Time 0 */
    static const guint8 cchal[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa }, zero4[4] = { 0 };
    g_byte_array_append(temp, head, 16);
    g_byte_array_append(temp, cchal, 8);
    g_byte_array_append(temp, zero4, 4);
    av(temp, 2, "Domain");
    av(temp, 1, "Server");
    g_byte_array_append(temp, zero4, 4);   /* MsvAvEOL */
    g_byte_array_append(temp, zero4, 4);
    guint8 proof[16], kek[16];
    synth_ntlm_v2_response(n, temp->data, temp->len, proof, kek);
    expect("NTProofStr (4.2.4)", proof, "68cd0ab851e51c96aabc927bebef6a1c");
    expect("SessionBaseKey (4.2.4)", kek, "8de40ccadbc14a82f15cb0ad0de95ca3");

    guint8 key[16];
    memset(key, 0x55, 16);
    synth_ntlm_rc4(kek, key, 16);
    expect("EncryptedRandomSessionKey (4.2.4)", key, "c5dad2544fc9799094ce1ce90bc9d03e");

    /* 4.2.4.4 GSS_WrapEx: "Plaintext" in UTF-16LE, sequence number 0, client to server. */
    memset(n->session_key, 0x55, 16);
    synth_ntlm_start(n);
    expect("client signing key (4.2.4)", n->sign_key[0], "4788dc861b4782f35d43fd98fe1a2d39");
    GByteArray *msg = g_byte_array_new();
    put_utf16(msg, "Plaintext");
    guint8 sig[16];
    synth_ntlm_seal(n, SYNTH_CLIENT, msg->data, msg->len, 0, msg->len, sig);
    expect("sealed data (4.2.4)", msg->data, "54e50165bf1936dc996020c1811b0f06fb5f");
    expect("signature (4.2.4)", sig, "010000007fb38ec5c55d497600000000");

    g_byte_array_free(msg, TRUE);
    g_byte_array_free(temp, TRUE);
    synth_ntlm_free(n);
    return check_report("ntlm_seal");
}
