/* scenario_sealed.c - sealed.pcap: an IClusterStorage2 session to NODE1 at
 * RPC_C_AUTHN_LEVEL_PKT_PRIVACY with NTLMSSP (CONTOSO\Administrator, password
 * "Cluster!2026"): a real NTLMv2 logon with key exchange, then every stub
 * sealed with RC4 and every PDU signed (NTLM2 session security), so that
 * Wireshark decrypts it given the password (samples/README.md).
 * signed.pcap: the same calls at RPC_C_AUTHN_LEVEL_PKT_INTEGRITY - signed,
 * stubs in clear - the clear twin the decrypted values are compared with.
 * sealed_spnego.pcap: sealed.pcap's session with RPC_C_AUTHN_GSS_NEGOTIATE, the
 * logon's tokens inside SPNEGO, as Windows DCOM sends it by default. */
#include "synth.h"

#define SIG 0x3f9a61d2u

void synth_sealed_calls(synth_rpc *r)
{
    synth_prepare_node(r, 2000);
    synth_rpc_call(r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 279000);
    GVariant *props = synth_disk_props(2, SIG);
    synth_rpc_call(r, "CprepDiskGetProps", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_number(2)),
                   synth_v("{'DiskProps': <%@a{sv}>, 'hresult': <uint32 0>}", props), 30000);
    g_variant_unref(props);
    synth_rpc_call(r, "CprepDiskAttach", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(SIG)),
                   synth_v("{'hresult': <uint32 0>}"), 45000);
}

static void session(synth_cap *cap, bool integrity, bool spnego)
{
    synth_ntlm *logon = synth_ntlm_new("CONTOSO", "Administrator", "Cluster!2026");
    synth_rpc r;
    synth_rpc_opts o = { .sealed = logon, .integrity = integrity, .spnego = spnego };
    synth_rpc_open(&r, cap, &synth_client, 51301, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    synth_sealed_calls(&r);
    synth_rpc_close(&r);
    synth_ntlm_free(logon);
}

void scenario_sealed(synth_cap *cap)
{
    session(cap, false, false);
}

void scenario_signed(synth_cap *cap)
{
    session(cap, true, false);
}

void scenario_sealed_spnego(synth_cap *cap)
{
    session(cap, false, true);
}
