/* scenario_big_endian.c - big_endian.pcap: a client whose data representation
 * label says big-endian integers (drep[0] = 0x00): section 4.1 on NODE2 and
 * a ProcessAddRoutes (BSTRs, SAFEARRAYs of records) on IClusterNetwork2. The
 * server answers little-endian, as Windows does. */
#include "synth.h"

void scenario_big_endian(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_opts o = { .big_endian = true };
    synth_rpc_open(&r, cap, &synth_client, 50801, &synth_node2, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    synth_disk_online_flow(&r, 3, 0x1e6b42d7, true);
    synth_rpc_close(&r);
    synth_rpc_open(&r, cap, &synth_client, 50802, &synth_node2, SYNTH_SERVER_PORT, "IClusterNetwork2", &o);
    synth_rpc_call(&r, "ProcessAddRoutes",
                   synth_v("{'request': <{'localVirtualIP': <'fe80::4d1a:7702:9b3c:120c'>, 'nodeRouteInfos': <["
                           "<{'remoteVirtualIP': <'fe80::4d1a:7702:9b3c:120b'>,"
                           " 'localUnicastIPs': <[<'10.20.0.12'>, <'172.16.1.12'>]>,"
                           " 'remoteUnicastIPs': <[<'10.20.0.11'>, <'172.16.1.11'>]>,"
                           " 'indices': <[<uint32 0>, <uint32 1>]>}>]>}>}"),
                   synth_v("{'hresult': <uint32 0>}"), 3300);
    synth_rpc_call(&r, "GetAddRoutesStatus", synth_v("@a{sv} {}"),
                   synth_v("{'reply': <{'indices': <[<uint32 0>, <uint32 1>]>, 'replies': <["
                           "<{'packetLoss': <uint32 0>, 'status': <'UP'>}>, <{'packetLoss': <uint32 0>,"
                           " 'status': <'UP'>}>]>, 'routeUnavailable': <byte 0>}>, 'hresult': <uint32 0>}"), 4800);
    synth_rpc_close(&r);
}
