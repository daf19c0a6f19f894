/* scenario_object_identity.c - object_identity.pcap: DCOM object identity
 * shown in the capture. One connection to NODE1 binds IClusterStorage2
 * (context 0) and IRemUnknown (context 1); after the 4.1 flow on
 * IClusterStorage2 (IPID_A), IRemUnknown::RemQueryInterface (MS-DCOM
 * 3.1.1.5.6.1.1) asks the object behind IPID_A for IClusterStorage3 and gets
 * IPID_B; an alter_context adds IClusterStorage3 (context 2) and two calls on
 * IPID_B name the disk the IClusterStorage2 calls attached (samples/README.md). */
#include "synth.h"
#include "walker.h"

#define SIG 0x4a8d2f6cu

static GVariant *props_ex(void)
{
    return synth_v("{'DiskNumber': <uint32 2>, 'DiskId': <%@a{sv}>, 'DiskBusType': <'BusTypeiScsi'>,"
                   " 'StackType': <'DiskStackStorPort'>, 'ScsiAddress': <{'Length': <uint32 8>,"
                   " 'PortNumber': <byte 3>, 'PathId': <byte 0>, 'TargetId': <byte 0>, 'Lun': <byte 2>}>,"
                   " 'DiskIsClusterable': <int32 1>, 'AdapterDesc': <'NETAPP LUN C-Mode Multi-Path Disk Device'>,"
                   " 'pwszFriendlyName': <'NETAPP LUN C-Mode'>, 'NumPaths': <uint32 2>, 'Flags': <uint32 0x00089000>,"
                   " 'ExtendedFlags': <uint32 0>, 'pwszPoolName': <@ms nothing>,"
                   " 'pwszPage83Id': <'600a09803830442d2b5d4a514a8d2f6c'>, 'pwszSerialNumber': <'80D-+]JQJ/l'>,"
                   " 'guidPoolId': <'00000000-0000-0000-0000-000000000000'>}", synth_diskid_sig(SIG));
}

void scenario_object_identity(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_opts o = { .second_uuid = CSVP_IREMUNKNOWN_UUID };
    synth_rpc_open(&r, cap, &synth_client, 51201, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    synth_disk_online_flow(&r, 2, SIG, false);

    /* RemQueryInterface(ripid IPID_A, cRefs 5, [IClusterStorage3]) -> IPID_B; alter_context, context 2. */
    synth_query_storage3(&r);
    GVariant *ex = props_ex();
    synth_rpc_call(&r, "CprepDiskGetProps3", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(SIG)),
                   synth_v("{'pDiskProps': <%@a{sv}>, 'hresult': <uint32 0>}", ex), 32000);
    g_variant_unref(ex);
    synth_rpc_call(&r, "CprepDiskIsReadOnly3", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(SIG)),
                   synth_v("{'pbReadOnly': <byte 0>, 'hresult': <uint32 0>}"), 2000);
    synth_rpc_close(&r);
}
