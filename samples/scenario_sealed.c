/* scenario_sealed.c - sealed.pcap: an IClusterStorage2 session to NODE1 at
 * RPC_C_AUTHN_LEVEL_PKT_PRIVACY with NTLMSSP (CONTOSO\Administrator, password
 * "Cluster!2026"): a real NTLMv2 logon with key exchange, then every stub
 * sealed with RC4 and every PDU signed (NTLM2 session security), so that
 * Wireshark decrypts it given the password (samples/README.md). */
#include "synth.h"

#define SIG 0x3f9a61d2u

void scenario_sealed(synth_cap *cap)
{
    synth_ntlm *logon = synth_ntlm_new("CONTOSO", "Administrator", "Cluster!2026");
    synth_rpc r;
    synth_rpc_opts o = { .sealed = logon };
    synth_rpc_open(&r, cap, &synth_client, 51301, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    synth_prepare_node(&r, 2000);
    synth_rpc_call(&r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 279000);
    GVariant *props = synth_disk_props(2, SIG);
    synth_rpc_call(&r, "CprepDiskGetProps", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_number(2)),
                   synth_v("{'DiskProps': <%@a{sv}>, 'hresult': <uint32 0>}", props), 30000);
    g_variant_unref(props);
    synth_rpc_call(&r, "CprepDiskAttach", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(SIG)),
                   synth_v("{'hresult': <uint32 0>}"), 45000);
    synth_rpc_close(&r);
    synth_ntlm_free(logon);
}
