/* scenario_common.c - values and call sequences shared by the scenarios:
 * CPREP_DISKID arms, DISK_PROPS, and the flows of spec sections 4.1 and 4.2. */
#include "synth.h"
#include "walker.h"

#include <string.h>

GVariant *synth_v(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    GVariant *v = g_variant_new_parsed_va(fmt, &ap);
    va_end(ap);
    return g_variant_ref_sink(v);
}

GVariant *synth_diskid_sig(guint32 sig)
{
    return g_variant_new_parsed("{'DiskIdType': <'CprepIdSignature'>, 'DiskSignature': <%u>}", sig);
}

GVariant *synth_diskid_guid(const char *guid)
{
    return g_variant_new_parsed("{'DiskIdType': <'CprepIdGuid'>, 'DiskGuid': <%s>}", guid);
}

GVariant *synth_diskid_number(guint32 n)
{
    return g_variant_new_parsed("{'DiskIdType': <'CprepIdNumber'>, 'DeviceNumber': <%u>}", n);
}

/* A shared SAN disk as NODE1 reports it (2.2.5): MBR, basic, MPIO, two iSCSI paths (synth.h). */
GVariant *synth_disk_props(guint32 number, guint32 sig)
{
    return synth_v("{'DiskNumber': <%u>, 'DiskId': <%@a{sv}>, 'DiskBusType': <'BusTypeiScsi'>,"
                   " 'StackType': <'DiskStackStorPort'>,"
                   " 'ScsiAddress': <{'Length': <uint32 8>, 'PortNumber': <byte 3>, 'PathId': <byte 0>,"
                   " 'TargetId': <byte 0>, 'Lun': <%y>}>, 'DiskIsClusterable': <int32 1>,"
                   " 'AdapterDesc': <'NETAPP LUN C-Mode Multi-Path Disk Device'>, 'NumPaths': <uint32 2>,"
                   " 'Flags': <uint32 0x00089000>}",
                   number, synth_diskid_sig(sig), (guint8)number);
}

static GVariant *with_diskid(GVariant *id)
{
    return synth_v("{'DiskId': <%@a{sv}>}", id);
}

static GVariant *hr(guint32 code)
{
    return synth_v("{'hresult': <%u>}", code);
}

/* Section 4.1: PrepareNode, PrepareNodePhase2, GetProps by number, Attach, PRArbitrate, Online
 * (and GetFSName of partition 1). Server times are Windows Server 2022's typical ones. */
/* CprepPrepareNode answered as Windows Server 2016+ does: 10.0, CPrep version 0x00020003 (3.2.4.3). */
void synth_prepare_node(synth_rpc *r, guint32 work_us)
{
    synth_rpc_call(r, "CprepPrepareNode", synth_v("@a{sv} {}"),
                   synth_v("{'pulMajorVersion': <uint32 10>, 'pulMinorVersion': <uint32 0>,"
                           " 'pdwCPrepVersion': <uint32 0x00020003>, 'hresult': <uint32 0>}"), work_us);
}

void synth_disk_online_flow(synth_rpc *r, guint32 disk_number, guint32 sig, bool with_fsname)
{
    synth_prepare_node(r, 1800);
    synth_rpc_call(r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 284000);
    GVariant *props = synth_disk_props(disk_number, sig);
    synth_rpc_call(r, "CprepDiskGetProps", with_diskid(synth_diskid_number(disk_number)),
                   synth_v("{'DiskProps': <%@a{sv}>, 'hresult': <uint32 0>}", props), 31000);
    g_variant_unref(props);
    synth_rpc_call(r, "CprepDiskAttach", with_diskid(synth_diskid_sig(sig)), hr(0), 47000);
    synth_rpc_call(r, "CprepDiskPRArbitrate", with_diskid(synth_diskid_sig(sig)), hr(0), 3120000);
    synth_rpc_call(r, "CprepDiskOnline", with_diskid(synth_diskid_sig(sig)),
                   synth_v("{'MaxPartitionNumber': <uint32 1>, 'hresult': <uint32 0>}"), 812000);
    if (with_fsname)
        synth_rpc_call(r, "CprepDiskGetFSName",
                       synth_v("{'DiskId': <%@a{sv}>, 'Partition': <uint32 1>}", synth_diskid_sig(sig)),
                       synth_v("{'FsName': <'NTFS'>, 'hresult': <uint32 0>}"), 4200);
}

/* Section 4.2: InitializeNode, GetIpConfigSerialized, SendRTMessage, QueryFirewallConfiguration,
 * CleanupNode. */
void synth_network_flow(synth_rpc *r, const synth_host *server, bool ipv6)
{
    synth_rpc_call(r, "InitializeNode", synth_v("{'RequestUDPPort': <uint16 3343>}"),
                   synth_v("{'BoundUDPPort': <uint16 3343>, 'NodeMajorVersion': <uint32 10>,"
                           " 'NodeMinorVersion': <uint32 0>, 'ClusprepVersion': <uint32 0x00020003>,"
                           " 'hresult': <uint32 0>}"), 2600);
    GVariant *list = g_variant_ref_sink(synth_adapterlist2(server, true));
    synth_rpc_call(r, "GetIpConfigSerialized", synth_v("{'ApplyClusterFilter': <byte 0>}"),
                   synth_v("{'Data': <%@ay>, 'pcbOut': <%i>, 'hresult': <uint32 0>}", list,
                           (gint32)synth_blob_size(list)), 38000);
    g_variant_unref(list);
    char src[64], dst[64];
    if (ipv6) {
        g_snprintf(src, sizeof src, "fd00:20::%x", synth_client.ip6[15]);
        g_snprintf(dst, sizeof dst, "fd00:20::%x", server->ip6[15]);
    } else {
        g_snprintf(src, sizeof src, "10.20.0.%u", synth_client.ip4[3]);
        g_snprintf(dst, sizeof dst, "10.20.0.%u", server->ip4[3]);
    }
    for (guint i = 0; i < 2; i++)
        synth_rpc_call(r, "SendRTMessage",
                       synth_v("{'SourceIPAddress': <%s>, 'DestIPAddress': <%s>, 'DestPort': <uint16 3343>,"
                               " 'AddressFamily': <%q>, 'MessageSize': <uint32 1024>, 'Timeout': <uint32 1000>}",
                               dst, src, (guint16)(ipv6 ? 23 : 2)),
                       synth_v("{'RTElapsedTime': <%u>, 'hresult': <uint32 0>}", 1 + i), 1400 + 300 * i);
    synth_rpc_call(r, "QueryFirewallConfiguration", synth_v("@a{sv} {}"),
                   synth_v("{'serverRulesEnabled': <byte 1>, 'mgmtRulesEnabled': <byte 1>, 'hresult': <uint32 0>}"),
                   9100);
    synth_rpc_call(r, "CleanupNode", synth_v("@a{sv} {}"), hr(0), 1100);
}

/* An IPID as Windows hands them out: a small counter, then random bits. */
static void new_ipid(synth_cap *cap, guint8 ipid[16])
{
    char text[37];
    synth_guid(cap, text);
    memcpy(text, "0000", 4);
    csvp_guid_parse(text, ipid);
}

/* IRemUnknown::RemQueryInterface (MS-DCOM 3.1.1.5.6.1.1) on bind context 1 for the object behind the
 * connection's IClusterStorage2 IPID (IPID_A): cRefs 5, iids [IClusterStorage3] -> one REMQIRESULT (S_OK,
 * STDOBJREF flags 0, cPublicRefs 5) with IPID_B; then an alter_context adds IClusterStorage3 (context 2)
 * and later calls go to IPID_B. The connection's bind must offer IRemUnknown as context 1. */
void synth_query_storage3(synth_rpc *r)
{
    synth_cap *cap = r->tcp.cap;
    guint8 remunknown[16], ipid_b[16];
    char a_text[37], b_text[37];
    new_ipid(cap, remunknown);
    new_ipid(cap, ipid_b);
    csvp_guid_text(r->ipid, a_text);
    csvp_guid_text(ipid_b, b_text);
    synth_rpc_call_other(r, 1, remunknown, &csvp_remqueryinterface,
                         synth_v("{'ripid': <%s>, 'cRefs': <uint32 5>, 'cIids': <uint16 1>, 'iids': <[<%s>]>}",
                                 a_text, csvp_interface_by_name("IClusterStorage3")->uuid),
                         synth_v("{'ppQIResults': <[<{'hResult': <uint32 0>, 'std': <{'flags': <uint32 0>,"
                                 " 'cPublicRefs': <uint32 5>, 'oxid': <uint64 0x7f3a9c2e51d04b86>,"
                                 " 'oid': <uint64 0x2c41e8b7a9f06d13>, 'ipid': <%s>}>}>]>, 'hresult': <uint32 0>}",
                                 b_text), 350);
    synth_rpc_alter_context(r, "IClusterStorage3");
    memcpy(r->ipid, ipid_b, 16);
}
