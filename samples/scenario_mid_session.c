/* scenario_mid_session.c - mid_session.pcap: the capture starts in the middle
 * of an IClusterStorage2 session with NODE1: no SYN, no bind; the first
 * segment seen is the tail of the response to call_id 6 (a GetProps whose
 * start was not captured), and the next PDU starts at a segment boundary.
 * The session goes on with call_id 7 (Attach, PRArbitrate, Online); later a
 * complete IClusterNetwork2 connection follows. */
#include "synth.h"

#define SIG 0x5d8c2f63u

void scenario_mid_session(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_opts o = { .no_open = true, .first_call_id = 6 };
    synth_rpc_open(&r, cap, &synth_client, 50901, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    /* The previous call's response PDU, of which only the last 212 bytes are captured. */
    GByteArray *resp = synth_rpc_stub(&r, "CprepDiskGetProps", CSVP_OUT,
        synth_v("{'DiskProps': <{'DiskNumber': <uint32 1>, 'DiskId': <%@a{sv}>, 'DiskBusType': <'BusTypeSas'>,"
                " 'StackType': <'DiskStackStorPort'>, 'ScsiAddress': <{'Length': <uint32 8>, 'PortNumber': <byte 1>,"
                " 'PathId': <byte 0>, 'TargetId': <byte 4>, 'Lun': <byte 0>}>, 'DiskIsClusterable': <int32 1>,"
                " 'AdapterDesc': <'HPE Smart Array P408i-p SR Gen10'>, 'NumPaths': <uint32 1>,"
                " 'Flags': <uint32 0x00009000>}>, 'hresult': <uint32 0>}", synth_diskid_sig(SIG)));
    GByteArray *pdu = synth_rpc_response_pdu(&r, resp);
    guint tail = 212;
    synth_tcp_send(&r.tcp, SYNTH_SERVER, pdu->data + pdu->len - tail, tail, NULL);
    g_byte_array_free(pdu, TRUE);
    g_byte_array_free(resp, TRUE);
    r.call_id++;
    synth_wait(cap, 620);

    GVariant *id = g_variant_ref_sink(synth_diskid_sig(SIG));
    synth_rpc_call(&r, "CprepDiskAttach", synth_v("{'DiskId': <%@a{sv}>}", id), synth_v("{'hresult': <uint32 0>}"),
                   44000);
    synth_rpc_call(&r, "CprepDiskPRArbitrate", synth_v("{'DiskId': <%@a{sv}>}", id),
                   synth_v("{'hresult': <uint32 0>}"), 3080000);
    synth_rpc_call(&r, "CprepDiskOnline", synth_v("{'DiskId': <%@a{sv}>}", id),
                   synth_v("{'MaxPartitionNumber': <uint32 2>, 'hresult': <uint32 0>}"), 760000);
    g_variant_unref(id);
    synth_rpc_close(&r);

    synth_rpc_open(&r, cap, &synth_client, 50902, &synth_node1, SYNTH_SERVER_PORT, "IClusterNetwork2", NULL);
    synth_network_flow(&r, &synth_node1, false);
    synth_rpc_close(&r);
}
