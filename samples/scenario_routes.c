/* scenario_routes.c - routes.pcap: route monitoring (3.6.4.6-3.6.4.8) with several routes, the
 * SAFEARRAY(NODE_ROUTE_INFO) and SAFEARRAY(ROUTE_LOSS_AND_STATE) of records in both layouts
 * (csvp/ERRATA.md item 8): first as an NDR array of structures, as csvp-synth writes records,
 * then each record with its referents before the next (samples/README.md). */
#include "synth.h"

/* A NODE_ROUTE_INFO (2.2.19) from NODE1 to NODE2 over k networks' worth of addresses. */
static GVariant *route(const char *remote_vip, const char *local, const char *remote, guint32 index)
{
    return synth_v("{'remoteVirtualIP': <%s>, 'localUnicastIPs': <[<%s>]>, 'remoteUnicastIPs': <[<%s>]>,"
                   " 'indices': <[<%u>]>}", remote_vip, local, remote, index);
}

static void add_routes(synth_rpc *r, guint n, guint32 work_us)
{
    static const char *vips[] = { "fe80::4d1a:7702:9b3c:120c", "fe80::4d1a:7702:9b3c:120d", "fe80::4d1a:7702:9b3c:120e" };
    static const char *local[] = { "10.20.0.11", "172.16.1.11", "172.16.2.11" };
    static const char *remote[] = { "10.20.0.12", "172.16.1.12", "172.16.2.12" };
    GVariantBuilder b;
    g_variant_builder_init(&b, G_VARIANT_TYPE("av"));
    for (guint i = 0; i < n; i++)
        g_variant_builder_add(&b, "v", route(vips[i], local[i], remote[i], i));
    GVariant *routes = g_variant_builder_end(&b);
    synth_rpc_call(r, "ProcessAddRoutes",
                   synth_v("{'request': <{'localVirtualIP': <'fe80::4d1a:7702:9b3c:120b'>, 'nodeRouteInfos': <%@av>}>}",
                           routes),
                   synth_v("{'hresult': <uint32 0>}"), work_us);
}

static void add_routes_status(synth_rpc *r, guint n, guint32 work_us)
{
    static const guint32 loss[] = { 0, 100, 3 };
    static const char *status[] = { "UP", "DOWN", "UP" };
    GVariantBuilder idx, rep;
    g_variant_builder_init(&idx, G_VARIANT_TYPE("av"));
    g_variant_builder_init(&rep, G_VARIANT_TYPE("av"));
    for (guint i = 0; i < n; i++) {
        g_variant_builder_add(&idx, "v", g_variant_new_uint32(i));
        g_variant_builder_add(&rep, "v", synth_v("{'packetLoss': <%u>, 'status': <%s>}", loss[i], status[i]));
    }
    GVariant *indices = g_variant_builder_end(&idx), *replies = g_variant_builder_end(&rep);
    synth_rpc_call(r, "GetAddRoutesStatus", synth_v("@a{sv} {}"),
                   synth_v("{'reply': <{'indices': <%@av>, 'replies': <%@av>, 'routeUnavailable': <byte 0>}>,"
                           " 'hresult': <uint32 0>}", indices, replies), work_us);
}

void scenario_routes(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 50320, &synth_node1, SYNTH_SERVER_PORT, "IClusterNetwork2", NULL);
    synth_rpc_call(&r, "InitializeNode", synth_v("{'RequestUDPPort': <uint16 3343>}"),
                   synth_v("{'BoundUDPPort': <uint16 3343>, 'NodeMajorVersion': <uint32 10>,"
                           " 'NodeMinorVersion': <uint32 0>, 'ClusprepVersion': <uint32 0x00020003>,"
                           " 'hresult': <uint32 0>}"), 2500);
    add_routes(&r, 3, 3400);
    add_routes_status(&r, 3, 5100);
    synth_rpc_call(&r, "CancelAddRoutesRequest", synth_v("@a{sv} {}"), synth_v("{'hresult': <uint32 0>}"), 900);
    r.records_per_record = true;
    add_routes(&r, 2, 3100);
    add_routes_status(&r, 2, 4800);
    r.records_per_record = false;
    synth_rpc_call(&r, "CleanupNode", synth_v("@a{sv} {}"), synth_v("{'hresult': <uint32 0>}"), 1200);
    synth_rpc_close(&r);
}
