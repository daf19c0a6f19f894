/* scenario_two_servers.c - two_servers.pcap: one client validating NODE1 and
 * NODE2 at once; the two IClusterNetwork2 connections, then the two
 * IClusterStorage2 connections, interleave call by call. */
#include "synth.h"

static void both(synth_rpc r[2], const char *method, GVariant *in, GVariant *out, guint32 us1, guint32 us2)
{
    synth_rpc_call(&r[0], method, g_variant_ref(in), g_variant_ref(out), us1);
    synth_rpc_call(&r[1], method, in, out, us2);
}

void scenario_two_servers(synth_cap *cap)
{
    const synth_host *nodes[2] = { &synth_node1, &synth_node2 };
    synth_rpc r[2];
    for (guint i = 0; i < 2; i++)
        synth_rpc_open(&r[i], cap, &synth_client, (guint16)(50501 + i), nodes[i], SYNTH_SERVER_PORT,
                       "IClusterNetwork2", NULL);
    both(r, "InitializeNode", synth_v("{'RequestUDPPort': <uint16 3343>}"),
         synth_v("{'BoundUDPPort': <uint16 3343>, 'NodeMajorVersion': <uint32 10>, 'NodeMinorVersion': <uint32 0>,"
                 " 'ClusprepVersion': <uint32 0x00020003>, 'hresult': <uint32 0>}"), 2400, 2900);
    for (guint i = 0; i < 2; i++) {
        GVariant *list = g_variant_ref_sink(synth_adapterlist2(nodes[i], false));
        synth_rpc_call(&r[i], "GetIpConfigSerialized", synth_v("{'ApplyClusterFilter': <byte 0>}"),
                       synth_v("{'Data': <%@ay>, 'pcbOut': <%i>, 'hresult': <uint32 0>}", list,
                               (gint32)synth_blob_size(list)), 37000 + 4000 * i);
        g_variant_unref(list);
    }
    /* Each node answers a round trip to the other (3.6.4.2). */
    for (guint i = 0; i < 2; i++)
        synth_rpc_call(&r[i], "SendRTMessage",
                       synth_v("{'SourceIPAddress': <%s>, 'DestIPAddress': <%s>, 'DestPort': <uint16 3343>,"
                               " 'AddressFamily': <'AF_INET'>, 'MessageSize': <uint32 1024>, 'Timeout': <uint32 1000>}",
                               i ? "10.20.0.12" : "10.20.0.11", i ? "10.20.0.11" : "10.20.0.12"),
                       synth_v("{'RTElapsedTime': <uint32 1>, 'hresult': <uint32 0>}"), 1500 + 200 * i);
    both(r, "QueryFirewallConfiguration", synth_v("@a{sv} {}"),
         synth_v("{'serverRulesEnabled': <byte 1>, 'mgmtRulesEnabled': <byte 1>, 'hresult': <uint32 0>}"), 8700, 9300);
    both(r, "CleanupNode", synth_v("@a{sv} {}"), synth_v("{'hresult': <uint32 0>}"), 1000, 1200);
    for (guint i = 0; i < 2; i++)
        synth_rpc_close(&r[i]);

    for (guint i = 0; i < 2; i++)
        synth_rpc_open(&r[i], cap, &synth_client, (guint16)(50503 + i), nodes[i], SYNTH_SERVER_PORT,
                       "IClusterStorage2", NULL);
    both(r, "CprepPrepareNode", synth_v("@a{sv} {}"),
         synth_v("{'pulMajorVersion': <uint32 10>, 'pulMinorVersion': <uint32 0>, 'pdwCPrepVersion': <uint32 0x00020003>,"
                 " 'hresult': <uint32 0>}"), 1700, 1900);
    both(r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
         synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 290000, 315000);
    for (guint i = 0; i < 2; i++)
        synth_rpc_close(&r[i]);
}
