/* scenario_ipv6.c - ipv6.pcap: network validation of NODE1 over IPv6
 * (fd00:0:20::/64); the IClusterNetwork2 connection's data packets carry a
 * Hop-by-Hop extension header, the IClusterSetup one does not. */
#include "synth.h"

void scenario_ipv6(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_opts o = { .v6 = true, .hop_by_hop = true };
    synth_rpc_open(&r, cap, &synth_client, 50601, &synth_node1, SYNTH_SERVER_PORT, "IClusterNetwork2", &o);
    synth_network_flow(&r, &synth_node1, true);
    synth_rpc_close(&r);
    o.hop_by_hop = false;
    synth_rpc_open(&r, cap, &synth_client, 50602, &synth_node1, SYNTH_SERVER_PORT, "IClusterSetup", &o);
    synth_rpc_call(&r, "RetrieveHostLabel", synth_v("@a{sv} {}"),
                   synth_v("{'HostLabel': <'NODE1.contoso.local'>, 'hresult': <uint32 0>}"), 2300);
    synth_rpc_close(&r);
}
