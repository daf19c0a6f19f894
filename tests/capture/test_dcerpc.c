/* test_dcerpc.c - DCE/RPC CO over hand-built TCP streams, end to end through capture_run
 * on pcap files written with libpcap's dump API. */
#include "capture.h"
#include "ntlm_crypto.h"
#include "pktbuild.h"
#include "sec_keys.h"

#include <gcrypt.h>
#include <string.h>

#define IFACE_A "491260b5-05c9-40d9-b7f2-1f7bda09a4fa"
#define IFACE_B "12108a88-6858-4467-b92f-e6cf4568dfb8"
#define IFACE_C "4142dd5d-3472-4370-8641-de7856431fb0"
#define OBJECT "b4a8b0a7-6e4b-4b1b-bd3a-3bb5e8c5a1f2"

typedef struct result {
    GPtrArray *calls;   /* rpc_call*, stubs and errors taken over from the callback */
    GPtrArray *errors;
    capture_stats st;
    int status;
} result;

static void on_call(void *user, rpc_call *c)
{
    result *r = user;
    g_ptr_array_add(r->calls, c);
}

static void on_error(void *user, const char *msg)
{
    result *r = user;
    g_ptr_array_add(r->errors, g_strdup(msg));
}

static void run_keys(result *r, const char *path, const sec_keys *keys)
{
    r->calls = g_ptr_array_new_with_free_func((GDestroyNotify)rpc_call_free);
    r->errors = g_ptr_array_new_with_free_func(g_free);
    capture_opts o;
    capture_opts_init(&o);
    const char *files[] = { path };
    o.files = files;
    o.n_files = 1;
    o.keys = keys;
    r->status = capture_run(&o, on_call, on_error, r, &r->st);
    if (getenv("CAPTURE_TEST_VERBOSE"))
        for (guint i = 0; i < r->errors->len; i++)
            fprintf(stderr, "  error: %s\n", (char *)r->errors->pdata[i]);
}

static void run(result *r, const char *path)
{
    run_keys(r, path, NULL);
}

static void done(result *r)
{
    if (r->st.sealed_associations)
        g_ptr_array_unref(r->st.sealed_associations);
    g_ptr_array_unref(r->calls);
    g_ptr_array_unref(r->errors);
}

static bool any_error(const result *r, const char *needle)
{
    for (guint i = 0; i < r->errors->len; i++)
        if (strstr(r->errors->pdata[i], needle))
            return true;
    return false;
}

static rpc_call *call_at(result *r, guint i)
{
    CHECK(i < r->calls->len);
    return r->calls->pdata[i];
}

static void check_uuid(const guint8 *got, const char *text)
{
    guint8 want[16];
    pb_uuid_canonical(want, text);
    CHECK(memcmp(got, want, 16) == 0);
}

static void check_stub(const GByteArray *b, const char *text)
{
    CHECK(b);
    CHECK_EQ(b->len, strlen(text));
    CHECK(memcmp(b->data, text, b->len) == 0);
}

/* A capture being written: one TCP conversation per flow, 1 ms between frames. */
typedef struct writer {
    pb_pcap w;
    gint64 ts;
    guint64 frames;
} writer;

static void w_open(writer *w, const char *name, char **path)
{
    *path = pb_path(name);
    pb_pcap_open(&w->w, *path, DLT_EN10MB);
    w->ts = 1700000000LL * 1000000;
    w->frames = 0;
}

static guint64 w_ip(writer *w, GByteArray *ip)
{
    w->ts += 1000;
    pb_pcap_add_ip(&w->w, w->ts, ip);
    return ++w->frames;
}

static guint64 w_send(writer *w, pb_flow *f, int dir, GByteArray *pdu)
{
    guint64 n = w_ip(w, pb_flow_seg(f, dir, pdu->data, pdu->len));
    g_byte_array_unref(pdu);
    return n;
}

static void w_handshake(writer *w, pb_flow *f)
{
    w_ip(w, pb_tcp_ip(f->ip[0], f->port[0], f->ip[1], f->port[1], f->seq[0] - 1, 0, 0x02, NULL, 0));
    w_ip(w, pb_tcp_ip(f->ip[1], f->port[1], f->ip[0], f->port[0], f->seq[1] - 1, f->seq[0], 0x12, NULL, 0));
    w_ip(w, pb_tcp_ip(f->ip[0], f->port[0], f->ip[1], f->port[1], f->seq[0], f->seq[1], 0x10, NULL, 0));
}

static void bind_two(writer *w, pb_flow *f, bool le)
{
    /* Contexts 0 (IFACE_A v1.0 over NDR 2.0) and 1 (IFACE_B v2.1 offering NDR64 and NDR 2.0). */
    static const guint16 ids[] = { 0, 1 }, maj[] = { 1, 2 }, min[] = { 0, 1 };
    const char *ifs[] = { IFACE_A, IFACE_B };
    const char *ts_a[] = { PB_NDR20, NULL };
    const char *ts_ab[] = { PB_NDR64, PB_NDR20, NULL };
    GByteArray *b1 = pb_dce_bind(le, 11, 1, ids, ifs, maj, min, 1, ts_a);
    GByteArray *b2 = pb_dce_bind(le, 11, 1, ids + 1, ifs + 1, maj + 1, min + 1, 1, ts_ab);
    /* One bind with both elements: splice the second element onto the first PDU. */
    GByteArray *b = g_byte_array_new();
    pb_bytes(b, b1->data, b1->len);
    pb_bytes(b, b2->data + 28, b2->len - 28);
    b->data[24] = 2;                            /* n_context_elem */
    pb_put16(b, 8, (guint16)b->len, le);
    g_byte_array_unref(b1);
    g_byte_array_unref(b2);
    w_send(w, f, 0, b);
    static const guint16 res[] = { 0, 0 };
    const char *acc[] = { PB_NDR20, PB_NDR64 };
    w_send(w, f, 1, pb_dce_bind_ack(le, 12, 1, "49712", res, acc, 2));
}

static void test_bind_and_calls(bool le)
{
    writer w;
    char *path;
    w_open(&w, le ? "dce_bind_le.pcap" : "dce_bind_be.pcap", &path);
    pb_flow f = { { "10.0.0.5", "10.0.0.9" }, { 49712, 135 }, { 1001, 5001 } };
    w_handshake(&w, &f);
    bind_two(&w, &f, le);
    guint64 req1 = w_send(&w, &f, 0, pb_dce_request(le, 2, 0x03, 0, 3, OBJECT, "IN-ARGS!", 8, NULL));
    guint64 resp1 = w_send(&w, &f, 1, pb_dce_response(le, 2, 0x03, 0, "OUT-ARGS", 8, NULL));
    w_send(&w, &f, 0, pb_dce_request(le, 3, 0x03, 1, 7, NULL, "ndr64...", 8, NULL));
    w_send(&w, &f, 1, pb_dce_response(le, 3, 0x03, 1, "ndr64out", 8, NULL));
    /* alter_context adds context 2 (IFACE_C v3.0), accepted. */
    static const guint16 id2[] = { 2 }, maj[] = { 3 }, min[] = { 0 }, ok[] = { 0 };
    const char *ifc[] = { IFACE_C };
    const char *nd[] = { PB_NDR20, NULL };
    w_send(&w, &f, 0, pb_dce_bind(le, 14, 4, id2, ifc, maj, min, 1, nd));
    w_send(&w, &f, 1, pb_dce_bind_ack(le, 15, 4, NULL, ok, nd, 1));
    w_send(&w, &f, 0, pb_dce_request(le, 5, 0x03, 2, 1, NULL, "c", 1, NULL));
    w_send(&w, &f, 1, pb_dce_response(le, 5, 0x03, 2, "d", 1, NULL));
    pb_pcap_close(&w.w);

    result r;
    run(&r, path);
    CHECK_EQ(r.status, 0);
    CHECK_EQ(r.errors->len, 0);
    CHECK_EQ(r.calls->len, 3);
    CHECK_EQ(r.st.dcerpc_pdus, 10);
    CHECK_EQ(r.st.tcp_connections, 1);
    CHECK_EQ(r.st.calls, 3);
    rpc_call *c = call_at(&r, 0);
    CHECK(c->request_seen && c->iface_known);
    CHECK_EQ(c->call_id, 2);
    CHECK_EQ(c->opnum, 3);
    CHECK_EQ(c->p_cont_id, 0);
    check_uuid(c->iface_uuid, IFACE_A);
    CHECK_EQ(c->iface_ver_major, 1);
    CHECK_EQ(c->iface_ver_minor, 0);
    CHECK(!c->ndr64);
    CHECK(c->has_object);
    check_uuid(c->object_uuid, OBJECT);
    CHECK_EQ(c->req_drep[0], le ? 0x10 : 0x00);
    CHECK_EQ(c->resp_drep[0], le ? 0x10 : 0x00);
    check_stub(c->request_stub, "IN-ARGS!");
    check_stub(c->response_stub, "OUT-ARGS");
    CHECK_EQ(c->frame, req1);
    CHECK_EQ(c->response_frame, resp1);
    CHECK_EQ(c->time_us, 1700000000LL * 1000000 + (gint64)req1 * 1000);
    CHECK_EQ(c->response_time_us, (gint64)(resp1 - req1) * 1000);
    CHECK_EQ(c->response_ts_us, c->time_us + c->response_time_us);
    CHECK_STR(c->client, "10.0.0.5:49712");
    CHECK_STR(c->server, "10.0.0.9:135");
    CHECK_EQ(c->conn_id, 1);
    CHECK(!c->faulted && !c->request_encrypted && !c->response_encrypted && !c->errors);
    c = call_at(&r, 1);
    check_uuid(c->iface_uuid, IFACE_B);
    CHECK_EQ(c->iface_ver_major, 2);
    CHECK_EQ(c->iface_ver_minor, 1);
    CHECK(c->ndr64);
    CHECK(!c->has_object);
    CHECK_EQ(c->opnum, 7);
    c = call_at(&r, 2);
    check_uuid(c->iface_uuid, IFACE_C);
    CHECK_EQ(c->iface_ver_major, 3);
    CHECK(!c->ndr64);
    check_stub(c->response_stub, "d");
    done(&r);
    g_free(path);
}

static void test_fragments_auth_fault(void)
{
    writer w;
    char *path;
    w_open(&w, "dce_frag.pcap", &path);
    pb_flow f = { { "fd00::5", "fd00::9" }, { 50000, 49155 }, { 1, 1 } };
    w_handshake(&w, &f);
    bind_two(&w, &f, true);
    /* A request in two fragments (FIRST, then LAST); the second PDU is cut over three TCP
     * segments so the call completes in the third. */
    w_send(&w, &f, 0, pb_dce_request(true, 10, 0x01, 0, 4, NULL, "first-half|", 11, NULL));
    GByteArray *second = pb_dce_request(true, 10, 0x02, 0, 4, NULL, "second-half", 11, NULL);
    w_ip(&w, pb_flow_seg(&f, 0, second->data, 10));
    w_ip(&w, pb_flow_seg(&f, 0, second->data + 10, 15));
    guint64 last = w_ip(&w, pb_flow_seg(&f, 0, second->data + 25, second->len - 25));
    g_byte_array_unref(second);
    /* The response in two fragments inside one TCP segment. */
    GByteArray *r1 = pb_dce_response(true, 10, 0x01, 0, "out1/", 5, NULL);
    GByteArray *r2 = pb_dce_response(true, 10, 0x02, 0, "out2", 4, NULL);
    pb_bytes(r1, r2->data, r2->len);
    g_byte_array_unref(r2);
    guint64 resp = w_send(&w, &f, 1, r1);

    /* Auth verifier: packet privacy (level 6), NTLMSSP (10), 4 pad bytes, 16 credential bytes.
     * The stub must come out without the padding, the sec_trailer and the credentials. */
    pb_auth priv = { 10, 6, 4, 16 };
    pb_auth integ = { 9, 5, 3, 28 };
    w_send(&w, &f, 0, pb_dce_request(true, 11, 0x03, 0, 5, NULL, "sealed-stub!", 12, &priv));
    w_send(&w, &f, 1, pb_dce_response(true, 11, 0x03, 0, "signed-stub", 11, &integ));
    /* A fault for call 12: nca_s_op_rng_error 0x1c010002. */
    guint64 rq = w_send(&w, &f, 0, pb_dce_request(true, 12, 0x03, 0, 99, NULL, "", 0, NULL));
    guint64 ft = w_send(&w, &f, 1, pb_dce_fault(true, 12, 0x1c010002));
    pb_pcap_close(&w.w);

    result r;
    run(&r, path);
    CHECK_EQ(r.status, 0);
    CHECK_EQ(r.calls->len, 3);
    rpc_call *c = call_at(&r, 0);
    check_stub(c->request_stub, "first-half|second-half");
    check_stub(c->response_stub, "out1/out2");
    CHECK_EQ(c->frame, last);
    CHECK_EQ(c->response_frame, resp);
    CHECK_STR(c->client, "[fd00::5]:50000");
    CHECK_STR(c->server, "[fd00::9]:49155");
    c = call_at(&r, 1);
    check_stub(c->request_stub, "sealed-stub!");
    CHECK(c->request_encrypted);
    check_stub(c->response_stub, "signed-stub");
    CHECK(!c->response_encrypted);
    c = call_at(&r, 2);
    CHECK(c->faulted);
    CHECK_EQ(c->fault_status, 0x1c010002);
    CHECK_EQ(c->opnum, 99);
    CHECK_EQ(c->frame, rq);
    CHECK_EQ(c->response_frame, ft);
    done(&r);
    g_free(path);
}

static void test_gap_resync_and_order(void)
{
    writer w;
    char *path;
    w_open(&w, "dce_gap.pcap", &path);
    pb_flow f = { { "10.1.1.1", "10.1.1.2" }, { 40000, 49200 }, { 100, 900 } };
    pb_flow g = { { "10.1.1.3", "10.1.1.2" }, { 40001, 49200 }, { 100, 900 } };
    w_handshake(&w, &f);
    bind_two(&w, &f, true);
    /* Call 2's request is cut into two segments and the second was not captured. */
    GByteArray *req2 = pb_dce_request(true, 2, 0x03, 0, 1, NULL, "0123456789abcdefghij", 20, NULL);
    w_ip(&w, pb_flow_seg(&f, 0, req2->data, 30));
    f.seq[0] += req2->len - 30; /* the lost segment */
    g_byte_array_unref(req2);
    guint64 req3 = w_send(&w, &f, 0, pb_dce_request(true, 3, 0x03, 0, 2, NULL, "three", 5, NULL));
    /* The server acknowledges everything: the hole is a capture loss. */
    w_ip(&w, pb_tcp_ip(f.ip[1], f.port[1], f.ip[0], f.port[0], f.seq[1], f.seq[0], 0x10, NULL, 0));
    /* Garbage on a DCE/RPC connection, then a valid request. */
    w_ip(&w, pb_flow_seg(&f, 0, "JUNK!!!", 7));
    guint64 req4 = w_send(&w, &f, 0, pb_dce_request(true, 4, 0x03, 0, 2, NULL, "four", 4, NULL));

    /* Ordered delivery across connections: call 3 (conn 1) and call 7 (conn 2) answered in
     * reverse order still come out in request order; call 4 is never answered. */
    w_handshake(&w, &g);
    guint64 req7 = w_send(&w, &g, 0, pb_dce_request(true, 7, 0x03, 0, 1, NULL, "seven", 5, NULL));
    w_send(&w, &g, 1, pb_dce_response(true, 7, 0x03, 0, "r7", 2, NULL));
    w_send(&w, &f, 1, pb_dce_response(true, 3, 0x03, 0, "r3", 2, NULL));
    /* A response whose request is not in the capture. */
    w_send(&w, &g, 1, pb_dce_response(true, 8, 0x03, 0, "r8", 2, NULL));
    pb_pcap_close(&w.w);

    result r;
    run(&r, path);
    CHECK_EQ(r.status, 1);
    CHECK(any_error(&r, "gap of 14 bytes"));
    CHECK(any_error(&r, "acknowledged by the receiver"));
    CHECK(any_error(&r, "ptype 0 PDU of call_id 2 lost 14 bytes to a TCP gap"));
    CHECK(any_error(&r, "not a DCE/RPC header"));
    CHECK(any_error(&r, "skipped 7 bytes to the next DCE/RPC header"));
    for (guint i = 0; i < r.errors->len; i++)
        CHECK(g_str_has_prefix(r.errors->pdata[i], path));
    CHECK_EQ(r.calls->len, 4);
    rpc_call *c = call_at(&r, 0);
    CHECK_EQ(c->call_id, 3);
    CHECK_EQ(c->frame, req3);
    check_stub(c->request_stub, "three");
    check_stub(c->response_stub, "r3");
    c = call_at(&r, 1);
    CHECK_EQ(c->call_id, 4);
    CHECK_EQ(c->frame, req4);
    CHECK_EQ(c->response_frame, 0);
    CHECK(!c->response_stub);
    c = call_at(&r, 2);
    CHECK_EQ(c->call_id, 7);
    CHECK_EQ(c->frame, req7);
    CHECK(!c->iface_known); /* no bind on the second connection */
    CHECK_EQ(c->conn_id, 2);
    c = call_at(&r, 3);
    CHECK_EQ(c->call_id, 8);
    CHECK(!c->request_seen);
    CHECK(!c->request_stub);
    check_stub(c->response_stub, "r8");
    CHECK(c->errors && c->errors->len == 1);
    CHECK(strstr(c->errors->pdata[0], "whose request was not captured"));
    done(&r);
    g_free(path);
}

static void test_not_dcerpc(void)
{
    /* HTTP on a TCP connection, with a capture loss: not DCE/RPC, so nothing is reported. */
    writer w;
    char *path;
    w_open(&w, "dce_http.pcap", &path);
    pb_flow f = { { "10.2.2.2", "10.2.2.3" }, { 41000, 80 }, { 1, 1 } };
    w_handshake(&w, &f);
    const char *get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    w_ip(&w, pb_flow_seg(&f, 0, get, strlen(get)));
    f.seq[1] += 100;
    w_ip(&w, pb_flow_seg(&f, 1, "HTTP/1.1 200 OK\r\n", 17));
    w_ip(&w, pb_tcp_ip(f.ip[0], f.port[0], f.ip[1], f.port[1], f.seq[0], f.seq[1], 0x10, NULL, 0));
    pb_pcap_close(&w.w);
    result r;
    run(&r, path);
    CHECK_EQ(r.status, 0);
    CHECK_EQ(r.errors->len, 0);
    CHECK_EQ(r.calls->len, 0);
    CHECK_EQ(r.st.tcp_connections, 1);
    CHECK_EQ(r.st.packets, 6);
    done(&r);
    g_free(path);
}

/* A response PDU in three TCP segments whose middle one arrives last is complete at that last
 * frame, not at the frame holding its highest sequence numbers (issue 9 item 3). */
static void test_response_frame_reordered(void)
{
    writer w;
    char *path;
    w_open(&w, "dce_reorder.pcap", &path);
    pb_flow f = { { "10.4.4.4", "10.4.4.5" }, { 43000, 49161 }, { 1, 1 } };
    w_handshake(&w, &f);
    guint64 req = w_send(&w, &f, 0, pb_dce_request(true, 9, 0x03, 0, 4, NULL, "ask", 3, NULL));
    GByteArray *resp = pb_dce_response(true, 9, 0x03, 0, "an answer in three parts", 24, NULL);
    /* Segments [0,10) [10,20) [20,end): sent in the order first, third, second. */
    guint32 s0 = f.seq[1];
    w_ip(&w, pb_flow_seg(&f, 1, resp->data, 10));
    f.seq[1] = s0 + 20;
    guint64 third = w_ip(&w, pb_flow_seg(&f, 1, resp->data + 20, resp->len - 20));
    guint32 end = f.seq[1];
    f.seq[1] = s0 + 10;
    guint64 second = w_ip(&w, pb_flow_seg(&f, 1, resp->data + 10, 10));
    f.seq[1] = end;
    g_byte_array_unref(resp);
    pb_pcap_close(&w.w);

    result r;
    run(&r, path);
    CHECK_EQ(r.calls->len, 1);
    rpc_call *c = call_at(&r, 0);
    CHECK_EQ(c->frame, req);
    CHECK(second == third + 1);
    CHECK_EQ(c->response_frame, second);
    check_stub(c->response_stub, "an answer in three parts");
    done(&r);
    g_free(path);
}

/* Stub bytes held by calls in flight come from the bytes that arrived, never from alloc_hint
 * (C706 12.6.4.9: a hint only), and all calls together hold at most max_pending_bytes. */
static void test_pending_bytes(void)
{
    writer w;
    char *path;
    w_open(&w, "dce_hint.pcap", &path);
    pb_flow f = { { "10.3.3.3", "10.3.3.4" }, { 42000, 49160 }, { 1, 1 } };
    w_handshake(&w, &f);
    /* Three first fragments (flags 0x01, no last) of 8 stub bytes each, alloc_hint patched to
     * 0xFFFFFFFF (bytes 16..19 of the PDU): 24 bytes held in all. */
    for (guint32 id = 1; id <= 3; id++) {
        GByteArray *pdu = pb_dce_request(true, id, 0x01, 0, 4, NULL, "8 bytes!", 8, NULL);
        memset(pdu->data + 16, 0xFF, 4);
        w_send(&w, &f, 0, pdu);
    }
    /* A fourth call of 20 bytes in one fragment passes a 40-byte limit (24 + 20 > 40). */
    w_send(&w, &f, 0, pb_dce_request(true, 4, 0x03, 0, 4, NULL, "twenty bytes of stub", 20, NULL));
    pb_pcap_close(&w.w);

    result r;
    r.calls = g_ptr_array_new_with_free_func((GDestroyNotify)rpc_call_free);
    r.errors = g_ptr_array_new_with_free_func(g_free);
    capture_opts o;
    capture_opts_init(&o);
    const char *files[] = { path };
    o.files = files;
    o.n_files = 1;
    o.dce.max_pending_bytes = 40;
    r.status = capture_run(&o, on_call, on_error, &r, &r.st);
    CHECK_EQ(r.st.pending_bytes_peak, 24);
    CHECK_EQ(r.calls->len, 4);
    /* Call 4 completes first; calls 1-3 are delivered incomplete when the connection ends. */
    rpc_call *c = call_at(&r, 0);
    CHECK_EQ(c->call_id, 4);
    CHECK(c->errors && strstr(c->errors->pdata[0], "calls in flight already hold 24 of at most 40 bytes"));
    done(&r);
    g_free(path);
}

/* ---- NTLMSSP at PKT_PRIVACY through capture_run: the MS-NLMP 4.2.4 logon (password "Password", KEY_EXCH
 * with RandomSessionKey 55 x 16), then PDUs sealed here as MS-NLMP 3.4.3/3.4.4.2 and MS-RPCE 3.3.1.5.2.2
 * say: the checksum is HMAC_MD5(SignKey, SeqNum + PDU up to the sec_trailer's end in clear)[0..7], then
 * the stub and padding are RC4-encrypted, then the checksum, with one RC4 stream per direction. ---- */
typedef struct ntlm_side {
    gcry_cipher_hd_t rc4;
    guint8 sign[16];
    guint32 seq;
} ntlm_side;

static void ntlm_sides(ntlm_side s[2])
{
    guint8 exported[16], seal_key[16];
    memset(exported, 0x55, 16);
    ntlm_crypto_init();
    for (int i = 0; i < 2; i++) {
        ntlm_sign_key(exported, i, s[i].sign);
        ntlm_seal_key(exported, PB_NTLM_FLAGS_424, i, seal_key);
        CHECK(gcry_cipher_open(&s[i].rc4, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0) == 0);
        gcry_cipher_setkey(s[i].rc4, seal_key, 16);
        s[i].seq = 0;
    }
}

/* Seals a request, response or fault whose stub starts at stub_off and which has no verifier yet. */
static GByteArray *ntlm_seal_pdu(ntlm_side *s, GByteArray *pdu, guint stub_off)
{
    GByteArray *token = g_byte_array_new();
    pb_zeros(token, 16);
    pb_dce_add_auth(pdu, true, 10, 6, 0, token);
    g_byte_array_unref(token);
    guint trailer = pdu->len - 16 - 8;
    guint8 mac[8];
    ntlm_mac(s->sign, s->seq, pdu->data, trailer + 8, mac);
    gcry_cipher_encrypt(s->rc4, pdu->data + stub_off, trailer - stub_off, NULL, 0);
    gcry_cipher_encrypt(s->rc4, mac, 8, NULL, 0);
    guint8 *sig = pdu->data + trailer + 8;   /* NTLMSSP_MESSAGE_SIGNATURE: Version 1, Checksum, SeqNum */
    sig[0] = 1;
    memcpy(sig + 4, mac, 8);
    pb_put16(pdu, trailer + 8 + 12, (guint16)s->seq, true);
    s->seq++;
    return pdu;
}

static void test_sealed_ntlmssp(void)
{
    writer w;
    char *path;
    w_open(&w, "dce_sealed.pcap", &path);
    pb_flow f = { { "10.0.0.1", "10.0.0.2" }, { 50000, 49154 }, { 1, 1 } };
    w_handshake(&w, &f);
    static const guint16 id[] = { 0 }, maj[] = { 1 }, min[] = { 0 }, ok[] = { 0 };
    const char *ifs[] = { IFACE_A }, *nd[] = { PB_NDR20, NULL };
    /* NEGOTIATE (2.2.1.1): signature, type 1, flags, empty domain and workstation fields. */
    GByteArray *tok = g_byte_array_new();
    pb_bytes(tok, "NTLMSSP", 8);
    pb_u32(tok, 1, true);
    pb_u32(tok, PB_NTLM_FLAGS_424, true);
    pb_zeros(tok, 16);
    GByteArray *pdu = pb_dce_bind(true, 11, 1, id, ifs, maj, min, 1, nd);
    pb_dce_add_auth(pdu, true, 10, 6, 0, tok);
    w_send(&w, &f, 0, pdu);
    g_byte_array_unref(tok);
    tok = pb_ntlm_challenge_424();
    pdu = pb_dce_bind_ack(true, 12, 1, "49154", ok, nd, 1);
    pb_dce_add_auth(pdu, true, 10, 6, 0, tok);
    w_send(&w, &f, 1, pdu);
    g_byte_array_unref(tok);
    /* rpc_auth_3 (MS-RPCE 2.2.2.10): header (ptype 16, first and last fragment), max_xmit_frag, max_recv_frag. */
    static const guint8 auth3[20] = { 5, 0, 16, 3, 0x10, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0xd0, 0x16, 0xd0, 0x16 };
    pdu = g_byte_array_new();
    pb_bytes(pdu, auth3, sizeof auth3);
    tok = pb_ntlm_authenticate_424();
    pb_dce_add_auth(pdu, true, 10, 6, 0, tok);
    w_send(&w, &f, 0, pdu);
    g_byte_array_unref(tok);
    ntlm_side s[2];
    ntlm_sides(s);
    /* Call 2 answered, call 3 faulted (a sealed fault: server sequence number 1), call 4 answered. */
    w_send(&w, &f, 0, ntlm_seal_pdu(&s[0], pb_dce_request(true, 2, 0x03, 0, 1, NULL, "request two", 11, NULL), 24));
    w_send(&w, &f, 1, ntlm_seal_pdu(&s[1], pb_dce_response(true, 2, 0x03, 0, "response two", 12, NULL), 24));
    w_send(&w, &f, 0, ntlm_seal_pdu(&s[0], pb_dce_request(true, 3, 0x03, 0, 1, NULL, "request three", 13, NULL), 24));
    w_send(&w, &f, 1, ntlm_seal_pdu(&s[1], pb_dce_fault(true, 3, 0x1c010002), 32));
    w_send(&w, &f, 0, ntlm_seal_pdu(&s[0], pb_dce_request(true, 4, 0x03, 0, 1, NULL, "request four", 12, NULL), 24));
    w_send(&w, &f, 1, ntlm_seal_pdu(&s[1], pb_dce_response(true, 4, 0x03, 0, "response four", 13, NULL), 24));
    pb_pcap_close(&w.w);
    gcry_cipher_close(s[0].rc4);
    gcry_cipher_close(s[1].rc4);

    sec_keys *k = sec_keys_new();
    sec_keys_add_password(k, "Password");
    result r;
    run_keys(&r, path, k);
    CHECK_EQ(r.status, 0);
    CHECK_EQ(r.errors->len, 0);
    CHECK_EQ(r.calls->len, 3);
    rpc_call *c = call_at(&r, 0);
    check_stub(c->request_stub, "request two");
    check_stub(c->response_stub, "response two");
    CHECK(c->sealed && !c->request_encrypted && !c->response_encrypted && !c->errors);
    c = call_at(&r, 1);
    check_stub(c->request_stub, "request three");
    CHECK(c->faulted && c->fault_status == 0x1c010002 && !c->errors);
    c = call_at(&r, 2);
    check_stub(c->request_stub, "request four");
    check_stub(c->response_stub, "response four");   /* the fault moved the server's stream on */
    CHECK(!c->response_encrypted && !c->errors);
    CHECK(r.st.sealed_associations == NULL);
    done(&r);

    /* Without the password: everything stays sealed, once reported for the association. */
    run_keys(&r, path, NULL);
    CHECK_EQ(r.calls->len, 3);
    CHECK(call_at(&r, 0)->request_encrypted && call_at(&r, 2)->response_encrypted);
    CHECK(r.st.sealed_associations && r.st.sealed_associations->len == 1);
    const dcerpc_sealed_assoc *a = r.st.sealed_associations->pdata[0];
    CHECK_STR(a->client, "10.0.0.1:50000");
    CHECK_STR(a->server, "10.0.0.2:49154");
    CHECK_STR(a->mechanism, "NTLMSSP for Domain\\User");
    CHECK_STR(a->reason, "no key (give --password or --nt-hash)");
    done(&r);
    sec_keys_free(k);
    g_free(path);
}

int main(void)
{
    test_sealed_ntlmssp();
    test_bind_and_calls(true);
    test_bind_and_calls(false);
    test_fragments_auth_fault();
    test_gap_resync_and_order();
    test_not_dcerpc();
    test_pending_bytes();
    test_response_frame_reordered();
    return check_report("dcerpc");
}
