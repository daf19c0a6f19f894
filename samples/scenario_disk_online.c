/* scenario_disk_online.c - disk_online.pcap: spec section 4.1, a shared disk
 * brought online on NODE1 over IClusterStorage2 (samples/README.md). */
#include "synth.h"

void scenario_disk_online(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 50112, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    synth_disk_online_flow(&r, 2, 0x7a3c9e51, true);
    synth_rpc_close(&r);
}
