/* scenario_all_methods.c - all_methods.pcap: every method of the eight
 * interfaces at least once against NODE1, in an order the server state
 * machines accept (3.2.4, 3.4.4: storage calls after PrepareNode/Phase2, disk
 * calls after Attach, PRArbitrate and Online), each CPREP_DISKID arm, and
 * plausible failures beside the successes (samples/README.md). */
#include "synth.h"

#define SIG_A 0x4d1f0c2au                                 /* disk 1: MBR */
#define GUID_B "6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46"      /* disk 2: GPT */
#define KEY_A G_GUINT64_CONSTANT(0x0000a3c4b2d1e0f1)     /* NODE1's persistent reservation key */
#define KEY_B G_GUINT64_CONSTANT(0x0000a3c4b2d1e0f2)     /* NODE2's */

static GVariant *id_only(GVariant *diskid)
{
    return synth_v("{'DiskId': <%@a{sv}>}", diskid);
}

static GVariant *id_key(GVariant *diskid, const char *name, guint64 key)
{
    return synth_v("{'DiskId': <%@a{sv}>, %s: <%t>}", diskid, name, key);
}

static GVariant *ok(void)
{
    return synth_v("{'hresult': <uint32 0>}");
}

static GVariant *fail(guint32 hr)
{
    return synth_v("{'hresult': <%u>}", hr);
}

/* A deterministic sector's worth of bytes. */
static GVariant *pattern(guint len, guint8 seed)
{
    guint8 *b = g_malloc(len);
    for (guint i = 0; i < len; i++)
        b[i] = (guint8)(seed + i * 7 + (i >> 5));
    GVariant *v = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, b, len, 1);
    g_free(b);
    return v;
}

static void storage2_setup(synth_rpc *r)
{
    synth_prepare_node(r, 1700);
    synth_rpc_call(r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 301000);
    /* GetDsms: a 16-byte buffer is too small (ERROR_MORE_DATA), then 4096 bytes. */
    synth_rpc_call(r, "CprepDiskGetDsms", synth_v("{'Size': <uint32 16>}"),
                   synth_v("{'Size': <uint32 16>, 'pReserved': <uint32 0>, 'RegisteredDsms': <@ay []>,"
                           " 'hresult': <'ERROR_MORE_DATA'>}"), 2100);
    GVariant *dsms = g_variant_ref_sink(synth_registered_dsms());
    synth_rpc_call(r, "CprepDiskGetDsms", synth_v("{'Size': <uint32 4096>}"),
                   synth_v("{'Size': <uint32 4096>, 'pReserved': <%u>, 'RegisteredDsms': <%@ay>,"
                           " 'hresult': <uint32 0>}", synth_blob_size(dsms), dsms), 2300);
    g_variant_unref(dsms);
    /* GetProps by number (CprepIdNumber): disk 1 answers with its signature, disk 2 with its GUID. */
    synth_rpc_call(r, "CprepDiskGetProps", id_only(synth_diskid_number(1)),
                   synth_v("{'DiskProps': <{'DiskNumber': <uint32 1>, 'DiskId': <%@a{sv}>,"
                           " 'DiskBusType': <'BusTypeiScsi'>, 'StackType': <'DiskStackStorPort'>,"
                           " 'ScsiAddress': <{'Length': <uint32 8>, 'PortNumber': <byte 3>, 'PathId': <byte 0>,"
                           " 'TargetId': <byte 0>, 'Lun': <byte 1>}>, 'DiskIsClusterable': <int32 1>,"
                           " 'AdapterDesc': <'NETAPP LUN C-Mode Multi-Path Disk Device'>, 'NumPaths': <uint32 2>,"
                           " 'Flags': <uint32 0x00089000>}>, 'hresult': <uint32 0>}", synth_diskid_sig(SIG_A)),
                   29000);
    synth_rpc_call(r, "CprepDiskGetProps", id_only(synth_diskid_number(2)),
                   synth_v("{'DiskProps': <{'DiskNumber': <uint32 2>, 'DiskId': <%@a{sv}>,"
                           " 'DiskBusType': <'BusTypeiScsi'>, 'StackType': <'DiskStackStorPort'>,"
                           " 'ScsiAddress': <{'Length': <uint32 8>, 'PortNumber': <byte 3>, 'PathId': <byte 0>,"
                           " 'TargetId': <byte 0>, 'Lun': <byte 2>}>, 'DiskIsClusterable': <int32 1>,"
                           " 'AdapterDesc': <'NETAPP LUN C-Mode Multi-Path Disk Device'>, 'NumPaths': <uint32 2>,"
                           " 'Flags': <uint32 0x0008a000>}>, 'hresult': <uint32 0>}", synth_diskid_guid(GUID_B)),
                   27000);
    /* Disk number 7 does not exist: ERROR_NOT_FOUND, DISK_PROPS zeroed. */
    synth_rpc_call(r, "CprepDiskGetProps", id_only(synth_diskid_number(7)),
                   synth_v("{'DiskProps': <{'DiskNumber': <uint32 0>, 'DiskId': <%@a{sv}>,"
                           " 'DiskBusType': <uint32 0>, 'StackType': <uint16 0>,"
                           " 'ScsiAddress': <{'Length': <uint32 0>, 'PortNumber': <byte 0>, 'PathId': <byte 0>,"
                           " 'TargetId': <byte 0>, 'Lun': <byte 0>}>, 'DiskIsClusterable': <int32 0>,"
                           " 'AdapterDesc': <''>, 'NumPaths': <uint32 0>, 'Flags': <uint32 0>}>,"
                           " 'hresult': <'ERROR_NOT_FOUND'>}", synth_diskid_sig(0)), 6000);
    /* GetUniqueIds: size query (ERROR_INSUFFICIENT_BUFFER), then the descriptor. */
    GVariant *sdid = g_variant_ref_sink(synth_storage_device_id(SIG_A, false));
    guint32 n = synth_blob_size(sdid);
    synth_rpc_call(r, "CprepDiskGetUniqueIds", synth_v("{'DiskId': <%@a{sv}>, 'cbData': <uint32 0>}",
                                                       synth_diskid_sig(SIG_A)),
                   synth_v("{'cbData': <uint32 0>, 'pbData': <@ay []>, 'pcbDataOut': <uint32 0>, 'pcbNeeded': <%u>,"
                           " 'hresult': <'ERROR_INSUFFICIENT_BUFFER'>}", n), 3500);
    synth_rpc_call(r, "CprepDiskGetUniqueIds", synth_v("{'DiskId': <%@a{sv}>, 'cbData': <%u>}",
                                                       synth_diskid_sig(SIG_A), n),
                   synth_v("{'cbData': <%u>, 'pbData': <%@ay>, 'pcbDataOut': <%u>, 'pcbNeeded': <%u>,"
                           " 'hresult': <uint32 0>}", n, sdid, n, n), 3300);
    g_variant_unref(sdid);
    synth_rpc_call(r, "CprepDiskAttach", id_only(synth_diskid_sig(SIG_A)), ok(), 52000);
    synth_rpc_call(r, "CprepDiskAttach", id_only(synth_diskid_guid(GUID_B)), ok(), 49000);
}

static void storage2_reservations(synth_rpc *r)
{
    /* SCSI-3 PR sequence of 3.5.4.6: IsPRPresent, Clear, Register, Reserve, Preempt, Release, UnRegister. */
    synth_rpc_call(r, "CprepDiskIsPRPresent", id_only(synth_diskid_sig(SIG_A)),
                   synth_v("{'Present': <uint32 0>, 'hresult': <uint32 0>}"), 8100);
    synth_rpc_call(r, "CprepDiskPRClear", id_only(synth_diskid_sig(SIG_A)), ok(), 14000);
    synth_rpc_call(r, "CprepDiskPRRegister", id_only(synth_diskid_sig(SIG_A)), ok(), 12000);
    synth_rpc_call(r, "CprepDiskPRReserve", id_only(synth_diskid_sig(SIG_A)), ok(), 11000);
    synth_rpc_call(r, "CprepDiskPRPreempt", id_only(synth_diskid_sig(SIG_A)), ok(), 13000);
    synth_rpc_call(r, "CprepDiskPRRelease", id_only(synth_diskid_sig(SIG_A)), ok(), 10000);
    synth_rpc_call(r, "CprepDiskPRUnRegister", id_only(synth_diskid_sig(SIG_A)), ok(), 9800);
    /* Arbitrate for ownership, then the arbitration sectors. */
    synth_rpc_call(r, "CprepDiskPRArbitrate", id_only(synth_diskid_sig(SIG_A)), ok(), 3150000);
    synth_rpc_call(r, "CprepDiskGetArbSectors", id_only(synth_diskid_sig(SIG_A)),
                   synth_v("{'SectorX': <uint32 11>, 'SectorY': <uint32 12>, 'hresult': <uint32 0>}"), 2800);
    synth_rpc_call(r, "CprepDiskIsPRPresent", id_only(synth_diskid_sig(SIG_A)),
                   synth_v("{'Present': <uint32 1>, 'hresult': <uint32 0>}"), 7900);
    synth_rpc_call(r, "CprepDiskPRArbitrate", id_only(synth_diskid_guid(GUID_B)), ok(), 3090000);
}

static void storage2_online(synth_rpc *r)
{
    synth_rpc_call(r, "CprepDiskOnline", id_only(synth_diskid_sig(SIG_A)),
                   synth_v("{'MaxPartitionNumber': <uint32 1>, 'hresult': <uint32 0>}"), 790000);
    synth_rpc_call(r, "CprepDiskIsOnline", id_only(synth_diskid_sig(SIG_A)), ok(), 1900);
    /* CprepIdUnknown names no disk: the server rejects it. */
    synth_rpc_call(r, "CprepDiskIsOnline",
                   id_only(g_variant_new_parsed("{'DiskIdType': <'CprepIdUnknown'>, 'Junk': <uint32 0>}")),
                   fail(0x80070057), 600);
    synth_rpc_call(r, "CprepDiskDiskPartitionIsNtfs", synth_v("{'DiskId': <%@a{sv}>, 'ulPartition': <uint32 1>}",
                                                              synth_diskid_sig(SIG_A)), ok(), 3600);
    synth_rpc_call(r, "CprepDiskGetFSName", synth_v("{'DiskId': <%@a{sv}>, 'Partition': <uint32 1>}",
                                                    synth_diskid_sig(SIG_A)),
                   synth_v("{'FsName': <'NTFS'>, 'hresult': <uint32 0>}"), 4100);
    synth_rpc_call(r, "CprepDiskIsReadable", id_only(synth_diskid_sig(SIG_A)), ok(), 5200);
    GVariant *file = g_variant_ref_sink(pattern(1024, 0x31));
    const char *name = "ClusterStorageValidation_NODE1.tmp";
    synth_rpc_call(r, "CprepDiskWriteFileData",
                   synth_v("{'DiskId': <%@a{sv}>, 'ulPartition': <uint32 1>, 'FileName': <%s>,"
                           " 'cbDataIn': <uint32 1024>, 'DataIn': <%@ay>}", synth_diskid_sig(SIG_A), name, file),
                   ok(), 21000);
    synth_rpc_call(r, "CprepDiskVerifyFileData",
                   synth_v("{'DiskId': <%@a{sv}>, 'ulPartition': <uint32 1>, 'FileName': <%s>,"
                           " 'cbDataIn': <uint32 1024>, 'DataIn': <%@ay>}", synth_diskid_sig(SIG_A), name, file),
                   ok(), 9400);
    g_variant_unref(file);
    synth_rpc_call(r, "CprepDiskDeleteFile", synth_v("{'DiskId': <%@a{sv}>, 'ulPartition': <uint32 1>,"
                                                     " 'FileName': <%s>}", synth_diskid_sig(SIG_A), name),
                   ok(), 6100);
    /* Raw sector I/O on the arbitration sector Y, then a write of sector 2048 past the end of a short read. */
    GVariant *sector = g_variant_ref_sink(pattern(512, 0xa5));
    synth_rpc_call(r, "CprepDiskRawRead",
                   synth_v("{'DiskId': <%@a{sv}>, 'ulSector': <uint32 12>, 'cbData': <uint32 512>}",
                           synth_diskid_sig(SIG_A)),
                   synth_v("{'cbData': <uint32 512>, 'pbData': <%@ay>, 'pcbDataRead': <uint32 512>,"
                           " 'ulLatency': <uint32 2>, 'hresult': <uint32 0>}", sector), 2400);
    synth_rpc_call(r, "CprepDiskRawWrite",
                   synth_v("{'DiskId': <%@a{sv}>, 'ulSector': <uint32 12>, 'cbData': <uint32 512>, 'pbData': <%@ay>}",
                           synth_diskid_sig(SIG_A), sector),
                   synth_v("{'pcbDataWritten': <uint32 512>, 'ulLatency': <uint32 3>, 'hresult': <uint32 0>}"),
                   3100);
    g_variant_unref(sector);
    synth_rpc_call(r, "CprepDiskVerifyUnique", id_only(synth_diskid_sig(SIG_A)), ok(), 15000);
    synth_rpc_call(r, "CprepDiskSetOnline", id_only(synth_diskid_sig(SIG_A)), ok(), 120000);
}

static void storage2_teardown(synth_rpc *r)
{
    synth_rpc_call(r, "CprepDiskOffline", id_only(synth_diskid_sig(SIG_A)), ok(), 410000);
    synth_rpc_call(r, "CprepDiskStopDefense", id_only(synth_diskid_sig(SIG_A)), ok(), 6200);
}

static GVariant *props_ex_b(void)
{
    return synth_v("{'DiskNumber': <uint32 2>, 'DiskId': <%@a{sv}>, 'DiskBusType': <'BusTypeiScsi'>,"
                   " 'StackType': <'DiskStackStorPort'>, 'ScsiAddress': <{'Length': <uint32 8>,"
                   " 'PortNumber': <byte 3>, 'PathId': <byte 0>, 'TargetId': <byte 0>, 'Lun': <byte 2>}>,"
                   " 'DiskIsClusterable': <int32 1>, 'AdapterDesc': <'NETAPP LUN C-Mode Multi-Path Disk Device'>,"
                   " 'pwszFriendlyName': <'NETAPP LUN C-Mode'>, 'NumPaths': <uint32 2>, 'Flags': <uint32 0x0008a000>,"
                   " 'ExtendedFlags': <uint32 0>, 'pwszPoolName': <@ms nothing>,"
                   " 'pwszPage83Id': <'600a0980383044 2d2b5d4a5100000002'>, 'pwszSerialNumber': <'80D-+]JQ0002'>,"
                   " 'guidPoolId': <'00000000-0000-0000-0000-000000000000'>}", synth_diskid_guid(GUID_B));
}

static void storage3(synth_rpc *r)
{
    GVariant *sdid = g_variant_ref_sink(synth_storage_device_id(0x6f1c3b2e, true));
    /* STORAGE_DEVICE_DESCRIPTOR (2.2.27): Version 37, Size 84, DeviceType 0, RemovableMedia 0, CommandQueueing 1,
     * the four string offsets 40, 49, 66, 71, BusTypeiScsi, no bus properties, then the strings with their NULs. */
    static const guint8 dd[] = { 37, 0, 0, 0, 84, 0, 0, 0, 0x00, 0x00, 0x00, 0x01, 40, 0, 0, 0,
                                 49, 0, 0, 0, 66, 0, 0, 0, 71, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0,
                                 0, 0, 0, 0,
                                 'N', 'E', 'T', 'A', 'P', 'P', ' ', ' ', 0,
                                 'L', 'U', 'N', ' ', 'C', '-', 'M', 'o', 'd', 'e', ' ', ' ', ' ', ' ', ' ', ' ', 0,
                                 '9', '6', '0', '0', 0,
                                 '8', '0', 'D', '-', '+', ']', 'J', 'Q', '0', '0', '0', '2', 0 };
    GVariant *ddv = g_variant_ref_sink(g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, dd, sizeof dd, 1));
    synth_rpc_call(r, "CprepDiskGetUniqueIds3", id_only(synth_diskid_guid(GUID_B)),
                   synth_v("{'ppbDeviceIdHeader': <%@ay>, 'pcbDihSize': <%u>, 'ppDeviceDescriptor': <%@ay>,"
                           " 'pcbDdSize': <%u>, 'hresult': <uint32 0>}", sdid, synth_blob_size(sdid), ddv,
                           (guint32)sizeof dd), 3900);
    g_variant_unref(sdid);
    g_variant_unref(ddv);
    synth_rpc_call(r, "CprepCheckNetFtBindings3", synth_v("@a{sv} {}"), ok(), 44000);
    synth_rpc_call(r, "CprepCsvTestSetup3", synth_v("{'TestShareGuid': <'1b4e28ba-2fa1-41d2-883f-0016d3cca427'>,"
                                                    " 'Reserved': <''>}"), ok(), 260000);
    synth_rpc_call(r, "CprepIsNodeClustered3", synth_v("@a{sv} {}"),
                   synth_v("{'pbIsClusterNode': <byte 0>, 'hresult': <uint32 0>}"), 900);
    synth_rpc_call(r, "CprepCreateNewSmbShares3", synth_v("@a{sv} {}"),
                   synth_v("{'ppwszSharePaths': <[<'\\\\\\\\10.20.0.11\\\\1b4e28ba-2fa1-41d2-883f-0016d3cca427$'>,"
                           " <'\\\\\\\\172.16.1.11\\\\1b4e28ba-2fa1-41d2-883f-0016d3cca427$'>]>,"
                           " 'pdwNumberOfPaths': <uint32 2>, 'hresult': <uint32 0>}"), 180000);
    synth_rpc_call(r, "CprepConnectToNewSmbShares3",
                   synth_v("{'ppwszSharePaths': <[<'\\\\\\\\10.20.0.12\\\\4f8c1a2d-93e7-4b61-a0d5-7e2c9b3f6a18$'>,"
                           " <'\\\\\\\\172.16.1.12\\\\4f8c1a2d-93e7-4b61-a0d5-7e2c9b3f6a18$'>]>,"
                           " 'dwNumberOfPaths': <uint32 2>}"), ok(), 95000);
    GVariant *ex = props_ex_b();
    synth_rpc_call(r, "CprepDiskGetProps3", id_only(synth_diskid_guid(GUID_B)),
                   synth_v("{'pDiskProps': <%@a{sv}>, 'hresult': <uint32 0>}", ex), 33000);
    g_variant_unref(ex);
    synth_rpc_call(r, "CprepDiskIsReadOnly3", id_only(synth_diskid_guid(GUID_B)),
                   synth_v("{'pbReadOnly': <byte 0>, 'hresult': <uint32 0>}"), 2100);
    /* 3.5.4.6 item 9: Clear3, Register3, Reserve3, Preempt3; FindKey3 and IsPRPresent3 after Reserve3. */
    synth_rpc_call(r, "CprepDiskPRClear3", id_key(synth_diskid_guid(GUID_B), "Key", KEY_A), ok(), 13000);
    synth_rpc_call(r, "CprepDiskPRRegister3", synth_v("{'DiskId': <%@a{sv}>, 'OldPrKey': <uint64 0>,"
                                                      " 'NewPrKey': <%t>}", synth_diskid_guid(GUID_B), KEY_A),
                   ok(), 12000);
    synth_rpc_call(r, "CprepDiskPRReserve3", id_key(synth_diskid_guid(GUID_B), "Key", KEY_A), ok(), 11000);
    synth_rpc_call(r, "CprepDiskFindKey3", id_key(synth_diskid_guid(GUID_B), "Key", KEY_A),
                   synth_v("{'pbFound': <byte 1>, 'hresult': <uint32 0>}"), 7000);
    synth_rpc_call(r, "CprepDiskFindKey3", id_key(synth_diskid_guid(GUID_B), "Key", KEY_B),
                   synth_v("{'pbFound': <byte 0>, 'hresult': <uint32 0>}"), 6900);
    synth_rpc_call(r, "CprepDiskIsPRPresent3", id_key(synth_diskid_guid(GUID_B), "Key", KEY_A), ok(), 7300);
    synth_rpc_call(r, "CprepDiskPRPreempt3", synth_v("{'DiskId': <%@a{sv}>, 'OwnerKey': <%t>, 'NewKey': <%t>}",
                                                     synth_diskid_guid(GUID_B), KEY_B, KEY_A), ok(), 12500);
    synth_rpc_call(r, "CprepDiskPRRelease3", id_key(synth_diskid_guid(GUID_B), "Key", KEY_A), ok(), 10200);
}

static GVariant *add_routes(void)
{
    return synth_v("{'request': <{'localVirtualIP': <'fe80::4d1a:7702:9b3c:120b'>, 'nodeRouteInfos': <["
                   "<{'remoteVirtualIP': <'fe80::4d1a:7702:9b3c:120c'>,"
                   " 'localUnicastIPs': <[<'10.20.0.11'>, <'172.16.1.11'>]>,"
                   " 'remoteUnicastIPs': <[<'10.20.0.12'>, <'172.16.1.12'>]>,"
                   " 'indices': <[<uint32 0>, <uint32 1>]>}>]>}>}");
}

static void network2(synth_rpc *r)
{
    synth_rpc_call(r, "InitializeNode", synth_v("{'RequestUDPPort': <uint16 3343>}"),
                   synth_v("{'BoundUDPPort': <uint16 3343>, 'NodeMajorVersion': <uint32 10>,"
                           " 'NodeMinorVersion': <uint32 0>, 'ClusprepVersion': <uint32 0x00020003>,"
                           " 'hresult': <uint32 0>}"), 2500);
    GVariant *l2 = g_variant_ref_sink(synth_adapterlist2(&synth_node1, true));
    synth_rpc_call(r, "GetIpConfigSerialized", synth_v("{'ApplyClusterFilter': <byte 0>}"),
                   synth_v("{'Data': <%@ay>, 'pcbOut': <%i>, 'hresult': <uint32 0>}", l2,
                           (gint32)synth_blob_size(l2)), 41000);
    g_variant_unref(l2);
    GVariant *l1 = g_variant_ref_sink(synth_adapterlist(&synth_node1));
    synth_rpc_call(r, "GetIpConfigSerialized", synth_v("{'ApplyClusterFilter': <byte 1>}"),
                   synth_v("{'Data': <%@ay>, 'pcbOut': <%i>, 'hresult': <uint32 0>}", l1,
                           (gint32)synth_blob_size(l1)), 36000);
    g_variant_unref(l1);
    synth_rpc_call(r, "SendRTMessage",
                   synth_v("{'SourceIPAddress': <'10.20.0.11'>, 'DestIPAddress': <'10.20.0.10'>,"
                           " 'DestPort': <uint16 3343>, 'AddressFamily': <'AF_INET'>, 'MessageSize': <uint32 1024>,"
                           " 'Timeout': <uint32 1000>}"),
                   synth_v("{'RTElapsedTime': <uint32 1>, 'hresult': <uint32 0>}"), 1500);
    /* The cluster network's peer 172.16.1.99 does not answer: WAIT_TIMEOUT after the 1 s timeout. */
    synth_rpc_call(r, "SendRTMessage",
                   synth_v("{'SourceIPAddress': <'172.16.1.11'>, 'DestIPAddress': <'172.16.1.99'>,"
                           " 'DestPort': <uint16 3343>, 'AddressFamily': <'AF_INET'>, 'MessageSize': <uint32 1024>,"
                           " 'Timeout': <uint32 1000>}"),
                   synth_v("{'RTElapsedTime': <uint32 0>, 'hresult': <'WAIT_TIMEOUT'>}"), 1001000);
    synth_rpc_call(r, "QueryFirewallConfiguration", synth_v("@a{sv} {}"),
                   synth_v("{'serverRulesEnabled': <byte 1>, 'mgmtRulesEnabled': <byte 0>, 'hresult': <uint32 0>}"),
                   8800);
    /* Route monitoring (3.6.4.6-3.6.4.8): ProcessAddRoutes starts it, GetAddRoutesStatus reports and
     * ends it; a second ProcessAddRoutes starts it again and CancelAddRoutesRequest ends it. */
    synth_rpc_call(r, "ProcessAddRoutes", add_routes(), ok(), 3400);
    synth_rpc_call(r, "GetAddRoutesStatus", synth_v("@a{sv} {}"),
                   synth_v("{'reply': <{'indices': <[<uint32 0>, <uint32 1>]>, 'replies': <["
                           "<{'packetLoss': <uint32 0>, 'status': <'UP'>}>,"
                           " <{'packetLoss': <uint32 100>, 'status': <'DOWN'>}>]>,"
                           " 'routeUnavailable': <byte 0>}>, 'hresult': <uint32 0>}"), 5100);
    synth_rpc_call(r, "ProcessAddRoutes", add_routes(), ok(), 3100);
    synth_rpc_call(r, "CancelAddRoutesRequest", synth_v("@a{sv} {}"), ok(), 900);
    synth_rpc_call(r, "CleanupNode", synth_v("@a{sv} {}"), ok(), 1200);
}

static void small_interfaces(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 50215, &synth_node1, SYNTH_SERVER_PORT, "IClusterFirewall", NULL);
    synth_rpc_call(&r, "InitializeAdapterConfiguration", synth_v("@a{sv} {}"),
                   synth_v("{'cRetAdapters': <uint32 2>, 'hresult': <uint32 0>}"), 16000);
    static const char *ids[] = { "8f3a5c21-7b4e-4d0a-9c61-2e5b7d9f0a14", "2c6d9e04-1a3b-4f7c-8e25-9b0d4a6c3e71" };
    for (guint i = 0; i < 2; i++)
        synth_rpc_call(&r, "GetNextAdapterFirewallConfiguration", synth_v("{'idx': <%u>}", i),
                       synth_v("{'adapterId': <%s>, 'adapterProfile': <%s>, 'serverRulesEnabled': <byte 1>,"
                               " 'managementRulesEnabled': <%y>, 'commonRulesEnabled': <byte 1>, 'hresult': <uint32 0>}",
                               ids[i], i ? "ClusterNetworkProfilePrivate" : "ClusterNetworkProfileDomainAuthenticated",
                               (guint8)(i == 0)), 1300);
    /* idx past cRetAdapters - 1 (a client mistake the server rightly refuses): E_INVALIDARG, outputs zeroed. */
    synth_rpc_call(&r, "GetNextAdapterFirewallConfiguration", synth_v("{'idx': <uint32 2>}"),
                   synth_v("{'adapterId': <'00000000-0000-0000-0000-000000000000'>, 'adapterProfile': <uint16 0>,"
                           " 'serverRulesEnabled': <byte 0>, 'managementRulesEnabled': <byte 0>,"
                           " 'commonRulesEnabled': <byte 0>, 'hresult': <'E_INVALIDARG'>}"), 400);
    synth_rpc_close(&r);

    synth_rpc_open(&r, cap, &synth_client, 50216, &synth_node1, SYNTH_SERVER_PORT, "IClusterSetup", NULL);
    synth_rpc_call(&r, "ConfigSvcSecret", synth_v("{'SecretBLOB': <'Q2x1c1N2Y1NlY3JldC0wMTIzNDU2Nzg5YWJjZGVm'>}"), ok(),
                   38000);
    synth_rpc_call(&r, "RetrieveSvcSecret", synth_v("@a{sv} {}"),
                   synth_v("{'SecretBLOB': <'Q2x1c1N2Y1NlY3JldC0wMTIzNDU2Nzg5YWJjZGVm'>, 'hresult': <uint32 0>}"),
                   21000);
    synth_rpc_call(&r, "RetrieveHostLabel", synth_v("@a{sv} {}"),
                   synth_v("{'HostLabel': <'NODE1.contoso.local'>, 'hresult': <uint32 0>}"), 2200);
    synth_rpc_close(&r);

    synth_rpc_open(&r, cap, &synth_client, 50217, &synth_node1, SYNTH_SERVER_PORT, "IClusterLog", NULL);
    synth_rpc_call(&r, "GenerateClusterLog", synth_v("@a{sv} {}"),
                   synth_v("{'LogFilePath': <'C:\\\\Windows\\\\Cluster\\\\Reports\\\\Cluster.log'>,"
                           " 'hresult': <uint32 0>}"), 4200000);
    synth_rpc_call(&r, "GenerateTimeSpanLog", synth_v("{'SpanMinutes': <uint32 15>}"),
                   synth_v("{'LogFilePath': <'C:\\\\Windows\\\\Cluster\\\\Reports\\\\Cluster.log'>,"
                           " 'hresult': <uint32 0>}"), 1900000);
    synth_rpc_close(&r);

    synth_rpc_open(&r, cap, &synth_client, 50218, &synth_node1, SYNTH_SERVER_PORT, "IClusterUpdate", NULL);
    synth_rpc_call(&r, "GetUpdates", synth_v("@a{sv} {}"),
                   synth_v("{'UpdateCount': <uint32 2>, 'updates': <'<updates><update><id>KB5034439</id>"
                           "<title>2024-01 Security Update</title></update><update><id>KB5034129</id>"
                           "<title>2024-01 Cumulative Update</title></update></updates>'>, 'hresult': <uint32 0>}"),
                   640000);
    synth_rpc_call(&r, "Count", synth_v("@a{sv} {}"), synth_v("{'Count': <int32 2>, 'hresult': <uint32 0>}"), 1100);
    synth_rpc_close(&r);

    synth_rpc_open(&r, cap, &synth_client, 50219, &synth_node1, SYNTH_SERVER_PORT, "IClusterCleanup", NULL);
    synth_rpc_call(&r, "ClearPR", synth_v("{'DeviceNumber': <uint32 3>}"), ok(), 17000);
    synth_rpc_call(&r, "CleanUpEvictedNode", synth_v("{'DelayBeforeCleanup': <uint32 0>, 'TimeOut': <uint32 60000>,"
                                                     " 'Flags': <uint32 1>}"), ok(), 2300000);
    synth_rpc_close(&r);
}

void scenario_all_methods(synth_cap *cap)
{
    synth_rpc s2, s3, net;
    synth_rpc_open(&s2, cap, &synth_client, 50211, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    storage2_setup(&s2);
    storage2_reservations(&s2);
    storage2_online(&s2);
    /* IClusterStorage3 on the same server object, while disk 2 is attached and owned. */
    synth_rpc_open(&s3, cap, &synth_client, 50212, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage3", NULL);
    storage3(&s3);
    synth_rpc_close(&s3);
    storage2_teardown(&s2);
    synth_rpc_close(&s2);
    synth_rpc_open(&net, cap, &synth_client, 50213, &synth_node1, SYNTH_SERVER_PORT, "IClusterNetwork2", NULL);
    network2(&net);
    synth_rpc_close(&net);
    small_interfaces(cap);
}
