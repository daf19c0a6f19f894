/* scenario_sealed_krb5.c - the Kerberos twins of sealed.pcap: the same IClusterStorage2 calls to
 * NODE1 at RPC_C_AUTHN_LEVEL_PKT_PRIVACY, with a ticket for RPCSS/NODE1.contoso.local@CONTOSO.LOCAL
 * that the synthesizer makes itself (synth_krb5.c). Each writes its keytab beside it (NAME.keytab,
 * what `csvpdump --keytab` and Wireshark's kerberos.file take) and the clear stubs it sealed, one
 * line per PDU in capture order (NAME.stubs, for tests/samples/check_sealed_krb5.sh):
 *  - sealed_krb5_aes.pcap: SPNEGO (auth_type 9) around Kerberos aes256-cts-hmac-sha1-96, kvno 3,
 *    header signing (PFC_SUPPORT_HEADER_SIGN in bind and bind_ack), the acceptor subkey from the
 *    AP-REP sealing, the third leg in alter_context;
 *  - sealed_krb5_rc4.pcap: raw Kerberos (auth_type 16) arcfour-hmac, kvno 2, no acceptor subkey
 *    (the authenticator's subkey seals), the third leg in auth3. */
#include "synth.h"

static void run(synth_cap *cap, const char *name, guint16 cport, synth_krb5_opts o)
{
    char *keytab = g_strdup_printf("%s/%s.keytab", cap->dir, name);
    char *stubs = g_strdup_printf("%s/%s.stubs", cap->dir, name);
    o.keytab = keytab;
    o.stubs = stubs;
    o.service = "RPCSS/NODE1.contoso.local@CONTOSO.LOCAL";
    o.client = "Administrator@CONTOSO.LOCAL";
    o.password = "Node1-Machine!2026";
    synth_krb5 *k = synth_krb5_new(&o);
    synth_rpc r;
    synth_rpc_opts ro = { .krb = k };
    synth_rpc_open(&r, cap, &synth_client, cport, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &ro);
    synth_sealed_calls(&r);
    synth_rpc_close(&r);
    synth_krb5_free(k);
    g_free(keytab);
    g_free(stubs);
}

void scenario_sealed_krb5_aes(synth_cap *cap)
{
    run(cap, "sealed_krb5_aes", 51302,
        (synth_krb5_opts){ .enctype = ENCTYPE_AES256_CTS_HMAC_SHA1_96, .kvno = 3, .seed = 0x6165733235360001u,
                           .acceptor_subkey = true, .auth_type = 9, .header_sign = true, .alter_context_leg = true });
}

void scenario_sealed_krb5_rc4(synth_cap *cap)
{
    run(cap, "sealed_krb5_rc4", 51303,
        (synth_krb5_opts){ .enctype = ENCTYPE_ARCFOUR_HMAC, .kvno = 2, .seed = 0x7263342d686d6101u,
                           .auth_type = 16 });
}
