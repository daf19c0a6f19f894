/* scenario_network_validation.c - network_validation.pcap: spec section 4.2,
 * the client validating NODE1's network over IClusterNetwork2. */
#include "synth.h"

void scenario_network_validation(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 50301, &synth_node1, SYNTH_SERVER_PORT, "IClusterNetwork2", NULL);
    synth_network_flow(&r, &synth_node1, false);
    synth_rpc_close(&r);
}
