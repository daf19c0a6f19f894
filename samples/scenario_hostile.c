/* scenario_hostile.c - hostile.pcap: malformed input a decoder must report
 * and survive, each on its own connection to NODE1, then one good call:
 *   1. a request PDU truncated by the connection's end (frag_length 180, 100 bytes sent)
 *   2. a frag_length that lies (12, shorter than the header), then a good PDU
 *   3. a WriteFileData stub whose DataIn max_count is 0x40000000 (16 bytes follow)
 *   4. an Attach stub with CPREP_DISKID discriminant 0x0BAD (no such arm)
 *   5. a TCP segment of garbage to the server port
 *   6. an IPv4 header with IHL 3 (12 bytes, below the minimum 5)
 *   7. a good CprepPrepareNode call, which must still decode. */
#include "synth.h"

#include <string.h>

static void patch16le(GByteArray *b, guint off, guint16 v)
{
    b->data[off] = (guint8)v;
    b->data[off + 1] = (guint8)(v >> 8);
}

static void patch32le(GByteArray *b, guint off, guint32 v)
{
    patch16le(b, off, (guint16)v);
    patch16le(b, off + 2, (guint16)(v >> 16));
}

/* A request stub sent as is, answered by a plain S_OK response. */
static void bent_call(synth_rpc *r, guint16 opnum, GByteArray *req)
{
    synth_cap *cap = r->tcp.cap;
    GByteArray *resp = synth_rpc_stub(r, "CprepDiskAttach", CSVP_OUT, synth_v("{'hresult': <uint32 0x80070057>}"));
    synth_rpc_send_request(r, opnum, req);
    synth_wait(cap, 2 * SYNTH_HALF_RTT_US + 700);
    synth_rpc_send_response(r, resp);
    r->call_id++;
    synth_wait(cap, 500);
    g_byte_array_free(resp, TRUE);
}

void scenario_hostile(synth_cap *cap)
{
    synth_rpc r;
    guint8 le[4] = { 0x10, 0, 0, 0 };

    /* 1. Truncated: the client dies mid-PDU. */
    synth_rpc_open(&r, cap, &synth_client, 51001, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    guint8 body[164];
    memset(body, 0x41, sizeof body);
    GByteArray *pdu = synth_rpc_pdu(le, 0, 0x83, r.call_id, body, sizeof body);
    synth_tcp_send(&r.tcp, SYNTH_CLIENT, pdu->data, 100, NULL);
    g_byte_array_free(pdu, TRUE);
    synth_wait(cap, 5000);
    synth_rpc_close(&r);

    /* 2. frag_length 12, then a good request on the same stream. */
    synth_rpc_open(&r, cap, &synth_client, 51002, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    pdu = synth_rpc_pdu(le, 0, 0x83, r.call_id, NULL, 0);
    patch16le(pdu, 8, 12);
    synth_tcp_send(&r.tcp, SYNTH_CLIENT, pdu->data, pdu->len, NULL);
    g_byte_array_free(pdu, TRUE);
    r.call_id++;
    synth_wait(cap, 400);
    synth_prepare_node(&r, 1600);
    synth_rpc_close(&r);

    /* 3 and 4: stubs bent after encoding. */
    synth_rpc_open(&r, cap, &synth_client, 51003, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    static const guint8 sixteen[16] = { 0xde, 0xad, 0xbe, 0xef };
    GVariant *data = g_variant_ref_sink(g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, sixteen, 16, 1));
    GByteArray *req = synth_rpc_stub(&r, "CprepDiskWriteFileData", CSVP_IN,
                                     synth_v("{'DiskId': <%@a{sv}>, 'ulPartition': <uint32 1>, 'FileName': <'x.tmp'>,"
                                             " 'cbDataIn': <uint32 16>, 'DataIn': <%@ay>}",
                                             synth_diskid_sig(0x7a3c9e51), data));
    g_variant_unref(data);
    patch32le(req, req->len - 16 - 4, 0x40000000);   /* DataIn's max_count */
    bent_call(&r, 17, req);
    g_byte_array_free(req, TRUE);
    req = synth_rpc_stub(&r, "CprepDiskAttach", CSVP_IN, synth_v("{'DiskId': <%@a{sv}>}", synth_diskid_sig(0x7a3c9e51)));
    patch16le(req, 32, 0x0bad);   /* DiskIdType, after the 32-byte ORPCTHIS */
    patch16le(req, 34, 0x0bad);   /* the union's discriminant */
    bent_call(&r, 23, req);
    g_byte_array_free(req, TRUE);
    synth_rpc_close(&r);

    /* 5. Garbage on a connection to the server port. */
    synth_tcp t;
    synth_tcp_init(&t, cap, &synth_client, 51004, &synth_node1, SYNTH_SERVER_PORT, false);
    synth_tcp_handshake(&t);
    guint8 junk[96];
    for (guint i = 0; i < sizeof junk; i++)
        junk[i] = (guint8)synth_rand(&cap->rng);
    junk[0] = 0x05;   /* looks like rpc_vers 5 at first glance */
    synth_tcp_send(&t, SYNTH_CLIENT, junk, sizeof junk, NULL);
    synth_wait(cap, 800);
    synth_tcp_close(&t);

    /* 6. An IPv4 header whose IHL is 3. */
    synth_tcp_init(&t, cap, &synth_client, 51005, &synth_node1, SYNTH_SERVER_PORT, false);
    GByteArray *f = synth_tcp_frame(&t, SYNTH_CLIENT, SYNTH_SYN, t.seq[0], NULL, 0);
    f->data[14] = 0x43;
    synth_cap_write(cap, f->data, f->len);
    g_byte_array_free(f, TRUE);
    synth_wait(cap, 3000);

    /* 7. A good call. */
    synth_rpc_open(&r, cap, &synth_client, 51006, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    synth_prepare_node(&r, 1700);
    synth_rpc_close(&r);
}
