/* scenario_transport_stress.c - transport_stress.pcap: the transport cases a
 * decoder must survive on one IClusterStorage2 connection to NODE1 whose
 * bind_ack negotiates 4280-byte fragments: a request and a response in
 * several fragments, a PDU cut into 3 TCP segments, two segments swapped,
 * a segment retransmitted, a fault (nca_s_op_rng_error) for opnum 39, and an
 * alter_context adding IClusterStorage3 on the same connection. */
#include "synth.h"

#define SIG 0x2b7e1516u

static GVariant *bytes_of(guint len, guint8 seed)
{
    guint8 *b = g_malloc(len);
    for (guint i = 0; i < len; i++)
        b[i] = (guint8)(seed ^ (i * 13) ^ (i >> 8));
    GVariant *v = g_variant_ref_sink(g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, b, len, 1));
    g_free(b);
    return v;
}

static GVariant *diskid(void)
{
    return synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(SIG));
}

void scenario_transport_stress(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_opts o = { .max_frag = 4280 };
    synth_rpc_open(&r, cap, &synth_client, 50701, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", &o);
    synth_disk_online_flow(&r, 1, SIG, false);

    /* A 10000-byte WriteFileData request: three request fragments. */
    GVariant *data = bytes_of(10000, 0x5c);
    synth_rpc_call(&r, "CprepDiskWriteFileData",
                   synth_v("{'DiskId': <%@a{sv}>, 'ulPartition': <uint32 1>, 'FileName': <'ClusterStress.bin'>,"
                           " 'cbDataIn': <uint32 10000>, 'DataIn': <%@ay>}", synth_diskid_sig(SIG), data),
                   synth_v("{'hresult': <uint32 0>}"), 26000);
    g_variant_unref(data);

    /* An 8192-byte RawRead response: two response fragments. */
    GVariant *sectors = bytes_of(8192, 0xa3);
    synth_rpc_call(&r, "CprepDiskRawRead",
                   synth_v("{'DiskId': <%@a{sv}>, 'ulSector': <uint32 2048>, 'cbData': <uint32 8192>}",
                           synth_diskid_sig(SIG)),
                   synth_v("{'cbData': <uint32 8192>, 'pbData': <%@ay>, 'pcbDataRead': <uint32 8192>,"
                           " 'ulLatency': <uint32 4>, 'hresult': <uint32 0>}", sectors), 5100);
    g_variant_unref(sectors);

    /* An IsOnline request cut into 3 TCP segments (24, 30 and the rest). */
    static const guint cuts[] = { 24, 30 };
    r.seg = (synth_seg_opts){ .cuts = cuts, .n_cuts = 2, .swap = -1, .retransmit = -1 };
    synth_rpc_call(&r, "CprepDiskIsOnline", diskid(), synth_v("{'hresult': <uint32 0>}"), 1800);

    /* A RawRead whose 4096-byte response segments 1 and 2 arrive swapped. */
    GVariant *block = bytes_of(4096, 0x17);
    GByteArray *req = synth_rpc_stub(&r, "CprepDiskRawRead", CSVP_IN,
                                     synth_v("{'DiskId': <%@a{sv}>, 'ulSector': <uint32 4096>, 'cbData': <uint32 4096>}",
                                             synth_diskid_sig(SIG)));
    GByteArray *resp = synth_rpc_stub(&r, "CprepDiskRawRead", CSVP_OUT,
                                      synth_v("{'cbData': <uint32 4096>, 'pbData': <%@ay>, 'pcbDataRead': <uint32 4096>,"
                                              " 'ulLatency': <uint32 3>, 'hresult': <uint32 0>}", block));
    g_variant_unref(block);
    synth_rpc_send_request(&r, 3, req);
    synth_wait(cap, 2 * SYNTH_HALF_RTT_US + 2900);
    static const guint thirds[] = { 1400, 1400 };
    r.seg = (synth_seg_opts){ .cuts = thirds, .n_cuts = 2, .swap = 1, .retransmit = -1 };
    synth_rpc_send_response(&r, resp);
    r.call_id++;
    synth_wait(cap, 700);
    g_byte_array_free(req, TRUE);
    g_byte_array_free(resp, TRUE);

    /* A GetArbSectors request lost once: retransmitted after the RTO. */
    r.seg = (synth_seg_opts){ .swap = -1, .retransmit = 0 };
    synth_rpc_call(&r, "CprepDiskGetArbSectors", diskid(),
                   synth_v("{'SectorX': <uint32 11>, 'SectorY': <uint32 12>, 'hresult': <uint32 0>}"), 2600);

    /* Opnum 39 is past IClusterStorage2's last method: the server faults without executing. */
    GByteArray *orpc_only = synth_rpc_stub(&r, "CprepPrepareNode", CSVP_IN, synth_v("@a{sv} {}"));
    synth_rpc_send_request(&r, 39, orpc_only);
    synth_wait(cap, 2 * SYNTH_HALF_RTT_US + 90);
    synth_rpc_send_fault(&r, 0x1c010002);
    r.call_id++;
    synth_wait(cap, 900);
    g_byte_array_free(orpc_only, TRUE);

    synth_rpc_call(&r, "CprepDiskOffline", diskid(), synth_v("{'hresult': <uint32 0>}"), 402000);

    /* IClusterStorage3 of the same object on the same connection: alter_context, context 2. */
    synth_rpc_alter_context(&r, "IClusterStorage3");
    synth_rpc_call(&r, "CprepIsNodeClustered3", synth_v("@a{sv} {}"),
                   synth_v("{'pbIsClusterNode': <byte 0>, 'hresult': <uint32 0>}"), 800);
    synth_rpc_close(&r);
}
