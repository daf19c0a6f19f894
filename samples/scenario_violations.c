/* scenario_violations.c - violations.pcap: deliberate client and server
 * violations of the sequencing rules of 3.2.4 on one connection to NODE1
 * (IClusterStorage2, then IClusterStorage3 of the same object), each with the
 * finding the auditor must give (samples/README.md lists them frame by frame);
 * then two objects whose start the capture missed, judged on the whole capture
 * (csvp/state_prepare.c): a refused Phase2 that a later PrepareNode proves was
 * called in Prepare State Initial, and two answers no conformant server gives. */
#include "synth.h"
#include "walker.h"

#define SIG_A 0x6e2b9c41u   /* disk 2: attached, arbitrated, brought online */
#define SIG_B 0x19d4a7e3u   /* disk 3: never attached */
#define SIG_X 0x0c7e3b95u   /* in no ClusPrepDiskList */

enum { S_OK = 0, E_FAIL = 0x80004005u, ERROR_NOT_FOUND = 0x80070490u, ERROR_INVALID_SERVER_STATE = 0x80070548u,
       ERROR_INVALID_STATE = 0x8007139fu };

static GVariant *disk(guint32 sig)
{
    return synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(sig));
}

static GVariant *hr(guint32 code)
{
    return synth_v("{'hresult': <%u>}", code);
}

static void get_props(synth_rpc *r, guint32 number, guint32 sig)
{
    GVariant *props = synth_disk_props(number, sig);
    synth_rpc_call(r, "CprepDiskGetProps", synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_number(number)),
                   synth_v("{'DiskProps': <%@a{sv}>, 'hresult': <uint32 0>}", props), 29000);
    g_variant_unref(props);
}

void scenario_violations(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_opts o = { .second_uuid = CSVP_IREMUNKNOWN_UUID };
    synth_rpc_open(&r, cap, &synth_client, 51101, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    synth_prepare_node(&r, 1900);
    /* (e) PrepareNode again: Prepare State is Preparing, the server rightly refuses (3.2.4.3). */
    synth_rpc_call(&r, "CprepPrepareNode", synth_v("@a{sv} {}"),
                   synth_v("{'pulMajorVersion': <uint32 0>, 'pulMinorVersion': <uint32 0>,"
                           " 'pdwCPrepVersion': <uint32 0>, 'hresult': <%u>}", ERROR_INVALID_SERVER_STATE), 300);
    /* (b) Attach before PrepareNodePhase2: the server wrongly accepts it (3.2.4, 3.2.4.14). */
    synth_rpc_call(&r, "CprepDiskAttach", disk(SIG_A), hr(S_OK), 44000);
    synth_rpc_call(&r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 281000);
    get_props(&r, 2, SIG_A);
    get_props(&r, 3, SIG_B);
    /* (c) A disk never attached: the server fails, but with E_FAIL, not ERROR_INVALID_STATE (3.2.4). */
    synth_rpc_call(&r, "CprepDiskGetArbSectors", disk(SIG_B),
                   synth_v("{'SectorX': <uint32 0>, 'SectorY': <uint32 0>, 'hresult': <%u>}", E_FAIL), 900);
    /* (d) Attach of a disk in no ClusPrepDiskList: ERROR_NOT_FOUND as Windows answers (Appendix B <15>). */
    synth_rpc_call(&r, "CprepDiskAttach", disk(SIG_X), hr(ERROR_NOT_FOUND), 1200);
    synth_rpc_call(&r, "CprepDiskAttach", disk(SIG_A), hr(S_OK), 46000);
    /* (a) Online before PRArbitrate: OwnedState is NotOwned, the server rightly refuses (3.2.4.7). */
    synth_rpc_call(&r, "CprepDiskOnline", disk(SIG_A),
                   synth_v("{'MaxPartitionNumber': <uint32 0>, 'hresult': <%u>}", ERROR_INVALID_STATE), 700);
    synth_rpc_call(&r, "CprepDiskPRArbitrate", disk(SIG_A), hr(S_OK), 3110000);
    synth_rpc_call(&r, "CprepDiskOnline", disk(SIG_A),
                   synth_v("{'MaxPartitionNumber': <uint32 1>, 'hresult': <uint32 0>}"), 806000);
    /* IClusterStorage3 of the same object: disk B is still NotAttached there, so PRRegister3 is refused
     * rightly with ERROR_INVALID_STATE (3.4.4.9, list of 3.2.4), a client mistake only. */
    synth_query_storage3(&r);
    synth_rpc_call(&r, "CprepDiskPRRegister3",
                   synth_v("{'DiskId': <%@a{sv}>, 'OldPrKey': <uint64 0>, 'NewPrKey': <uint64 0x0000a3c4b2d1e0f1>}",
                           synth_diskid_sig(SIG_B)),
                   hr(ERROR_INVALID_STATE), 600);
    synth_rpc_close(&r);

    /* (f) Another object, first seen refusing CprepPrepareNodePhase2 with ERROR_INVALID_SERVER_STATE; then
     * it accepts CprepPrepareNode and Phase2. Only PrepareNode leads out of Initial (3.2.1, 3.2.4.3), so
     * the object was Initial at the refused Phase2: a client mistake, the refusal right. */
    synth_rpc_open(&r, cap, &synth_client, 51102, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    synth_rpc_call(&r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 0>, 'hresult': <%u>}", ERROR_INVALID_SERVER_STATE), 250);
    synth_prepare_node(&r, 1900);
    synth_rpc_call(&r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 281000);
    synth_rpc_close(&r);

    /* (g) A third object: CprepDiskGetProps -> S_OK (Online), then CprepPrepareNode -> S_OK (Initial). No
     * transition leads from Online back to Initial (3.2.4): one of the two answers broke 3.2.4. */
    synth_rpc_open(&r, cap, &synth_client, 51103, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    get_props(&r, 2, SIG_A);
    synth_prepare_node(&r, 1900);
    synth_rpc_close(&r);
}
