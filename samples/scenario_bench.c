/* scenario_bench.c - csvp-synth --bench: realistic validation traffic repeated
 * over many connections (network flow, then the disk flow, alternating
 * nodes) until the capture holds the bytes asked for. */
#include "synth.h"

void scenario_bench(synth_cap *cap, guint64 bytes)
{
    guint32 port = 49800;
    for (guint round = 0; cap->bytes < bytes; round++) {
        const synth_host *node = round % 2 ? &synth_node2 : &synth_node1;
        synth_rpc r;
        synth_rpc_open(&r, cap, &synth_client, (guint16)port, node, SYNTH_SERVER_PORT, "IClusterNetwork2", NULL);
        synth_network_flow(&r, node, false);
        synth_rpc_close(&r);
        port = port >= 65500 ? 49800 : port + 1;
        synth_rpc_open(&r, cap, &synth_client, (guint16)port, node, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
        synth_disk_online_flow(&r, 1 + round % 3, 0x40000000u + round, true);
        synth_rpc_close(&r);
        port = port >= 65500 ? 49800 : port + 1;
    }
}
