/* scenario_cluster_setup.c - cluster_setup.pcap: spec section 4.3 on both
 * nodes (IClusterSetup; NODE2's connection authenticated with NTLMSSP at
 * RPC_C_AUTHN_LEVEL_CONNECT, so every PDU carries an auth verifier), then the cluster log (IClusterLog) and the update
 * query (IClusterUpdate) on NODE1. */
#include "synth.h"

#define SECRET "Q2x1c1N2Y1NlY3JldC1jb250b3NvLWNsdXN0ZXItMjAyNg=="

static void setup_node(synth_cap *cap, const synth_host *node, guint16 cport, bool ntlm)
{
    synth_rpc r;
    synth_rpc_opts o = { .ntlm_connect = ntlm };
    synth_rpc_open(&r, cap, &synth_client, cport, node, SYNTH_SERVER_PORT, "IClusterSetup", &o);
    synth_rpc_call(&r, "ConfigSvcSecret", synth_v("{'SecretBLOB': <%s>}", SECRET), synth_v("{'hresult': <uint32 0>}"),
                   41000);
    synth_rpc_call(&r, "RetrieveSvcSecret", synth_v("@a{sv} {}"),
                   synth_v("{'SecretBLOB': <%s>, 'hresult': <uint32 0>}", SECRET), 19000);
    synth_rpc_call(&r, "RetrieveHostLabel", synth_v("@a{sv} {}"),
                   synth_v("{'HostLabel': <%s>, 'hresult': <uint32 0>}", node->name), 2100);
    synth_rpc_close(&r);
}

void scenario_cluster_setup(synth_cap *cap)
{
    setup_node(cap, &synth_node1, 50401, false);
    setup_node(cap, &synth_node2, 50402, true);
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 50403, &synth_node1, SYNTH_SERVER_PORT, "IClusterLog", NULL);
    synth_rpc_call(&r, "GenerateTimeSpanLog", synth_v("{'SpanMinutes': <uint32 5>}"),
                   synth_v("{'LogFilePath': <'C:\\\\Windows\\\\Cluster\\\\Reports\\\\Cluster.log'>,"
                           " 'hresult': <uint32 0>}"), 1700000);
    synth_rpc_close(&r);
    synth_rpc_open(&r, cap, &synth_client, 50404, &synth_node1, SYNTH_SERVER_PORT, "IClusterUpdate", NULL);
    synth_rpc_call(&r, "Count", synth_v("@a{sv} {}"), synth_v("{'Count': <int32 0>, 'hresult': <uint32 0>}"), 380000);
    synth_rpc_call(&r, "GetUpdates", synth_v("@a{sv} {}"),
                   synth_v("{'UpdateCount': <uint32 0>, 'updates': <'<updates/>'>, 'hresult': <uint32 0>}"), 410000);
    synth_rpc_close(&r);
}
