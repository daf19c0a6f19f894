/* scenario_context_faults.c - context_faults.pcap: what a decoder must not make up (samples/README.md):
 *   1. CprepPrepareNode whose 3-segment response arrives out of order (second segment last): the
 *      call is answered at the frame that completed the response
 *   2. a request on p_cont_id 7, which the association's bind never proposed, refused with the
 *      fault nca_s_unk_if: a problem on that call, and no interface inferred from its opnum
 *   3. a request PDU whose frag_length (20) is shorter than a request header (24), dropped as
 *      malformed, answered by nca_s_proto_error: a fault naming the dropped request's frame
 *   4. a fault for call_id 77, whose request is not in the capture
 *   5. CprepPrepareNodePhase2 -> S_OK, decoded as usual. */
#include "synth.h"

#define NCA_S_UNK_IF 0x1C010003u
#define NCA_S_PROTO_ERROR 0x1C01000Bu

void scenario_context_faults(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 50140, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);

    /* 1. The response's 24-byte PDU header and stub (48 bytes) cut 16 + 16 + rest; segment 1
     * (the second) is sent after segment 2. */
    GByteArray *req = synth_rpc_stub(&r, "CprepPrepareNode", CSVP_IN, synth_v("@a{sv} {}"));
    GByteArray *resp = synth_rpc_stub(&r, "CprepPrepareNode", CSVP_OUT,
                                      synth_v("{'pulMajorVersion': <uint32 10>, 'pulMinorVersion': <uint32 0>,"
                                              " 'pdwCPrepVersion': <uint32 0x00020003>, 'hresult': <uint32 0>}"));
    synth_rpc_send_request(&r, 5, req);
    synth_wait(cap, 2 * SYNTH_HALF_RTT_US + 1800);
    static const guint cuts[] = { 16, 16 };
    r.seg = (synth_seg_opts){ .cuts = cuts, .n_cuts = 2, .swap = 1, .retransmit = -1 };
    synth_rpc_send_response(&r, resp);
    r.call_id++;
    synth_wait(cap, 600);

    /* 2. p_cont_id 7 was never bound: the server refuses it (C706 12.6.4.7). */
    r.ctx_id = 7;
    synth_rpc_send_request(&r, 5, req);
    r.ctx_id = 0;
    synth_wait(cap, 2 * SYNTH_HALF_RTT_US + 90);
    synth_rpc_send_fault(&r, NCA_S_UNK_IF);
    r.call_id++;
    synth_wait(cap, 600);

    /* 3. A request PDU of 20 bytes: the common header and 4 bytes of a 24-byte request header. */
    static const guint8 le[4] = { 0x10, 0, 0, 0 };
    static const guint8 short_body[4] = { 0 };
    GByteArray *pdu = synth_rpc_pdu(le, 0, 0x03, r.call_id, short_body, sizeof short_body);
    synth_tcp_send(&r.tcp, SYNTH_CLIENT, pdu->data, pdu->len, NULL);
    g_byte_array_free(pdu, TRUE);
    synth_wait(cap, 2 * SYNTH_HALF_RTT_US + 60);
    synth_rpc_send_fault(&r, NCA_S_PROTO_ERROR);
    r.call_id++;
    synth_wait(cap, 600);

    /* 4. A fault for a call whose request the capture does not hold. */
    guint32 next = r.call_id;
    r.call_id = 77;
    synth_rpc_send_fault(&r, NCA_S_PROTO_ERROR);
    r.call_id = next;
    synth_wait(cap, 600);

    /* 5. Decoding goes on. */
    synth_rpc_call(&r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 0>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 284000);
    synth_rpc_close(&r);
    g_byte_array_free(req, TRUE);
    g_byte_array_free(resp, TRUE);
}
