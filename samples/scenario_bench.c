/* scenario_bench.c - csvp-synth --bench: realistic validation traffic repeated
 * over many connections (network flow, then the disk flow, alternating
 * nodes) until the capture holds the bytes asked for. --bench-sealed: the same
 * calls, every connection with its own NTLMv2 logon (CONTOSO\Administrator,
 * "Cluster!2026") at PKT_PRIVACY, as sealed.pcap. */
#include "synth.h"

/* Opens a connection, sealed with a fresh logon when *logon is to be set. */
static void open_conn(synth_rpc *r, synth_cap *cap, guint16 port, const synth_host *node, const char *itf,
                      synth_ntlm **logon, bool sealed)
{
    *logon = sealed ? synth_ntlm_new("CONTOSO", "Administrator", "Cluster!2026") : NULL;
    synth_rpc_opts o = { .sealed = *logon };
    synth_rpc_open(r, cap, &synth_client, port, node, SYNTH_SERVER_PORT, itf, sealed ? &o : NULL);
}

static void close_conn(synth_rpc *r, synth_ntlm *logon)
{
    synth_rpc_close(r);
    if (logon)
        synth_ntlm_free(logon);
}

void scenario_bench(synth_cap *cap, guint64 bytes, bool sealed)
{
    guint32 port = 49800;
    for (guint round = 0; cap->bytes < bytes; round++) {
        const synth_host *node = round % 2 ? &synth_node2 : &synth_node1;
        synth_rpc r;
        synth_ntlm *logon;
        open_conn(&r, cap, (guint16)port, node, "IClusterNetwork2", &logon, sealed);
        synth_network_flow(&r, node, false);
        close_conn(&r, logon);
        port = port >= 65500 ? 49800 : port + 1;
        open_conn(&r, cap, (guint16)port, node, "IClusterStorage2", &logon, sealed);
        synth_disk_online_flow(&r, 1 + round % 3, 0x40000000u + round, true);
        close_conn(&r, logon);
        port = port >= 65500 ? 49800 : port + 1;
    }
}
