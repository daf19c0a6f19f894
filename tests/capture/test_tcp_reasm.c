/* test_tcp_reasm.c - TCP reassembly: order, retransmission, overlap, wrap, mid-stream, gaps, caps. */
#include "pktbuild.h"
#include "tcp_reasm.h"

#include <string.h>

typedef struct rec {
    GString *stream[2];
    GArray *frames[2];      /* frame of each delivered chunk */
    GPtrArray *gaps;        /* "dir:seq:len:why" */
    GPtrArray *errors;
    int closed;
    guint64 last_closed_id;
    char side0[RPC_ENDPOINT_LEN];
} rec;

static rec R;

static void r_data(void *u, tcp_conn_info *c, int dir, const guint8 *d, gsize n, const tcp_meta *m)
{
    (void)u;
    g_strlcpy(R.side0, c->endpoint[0], sizeof R.side0);
    g_string_append_len(R.stream[dir], (const char *)d, (gssize)n);
    g_array_append_val(R.frames[dir], m->frame);
}

static void r_gap(void *u, tcp_conn_info *c, int dir, guint32 seq, guint32 rel, guint32 len, const char *why,
                  const tcp_meta *m)
{
    (void)u;
    (void)c;
    (void)m;
    g_ptr_array_add(R.gaps, g_strdup_printf("%d:%u:%u:%u:%s", dir, seq, rel, len, why));
}

static void r_closed(void *u, tcp_conn_info *c)
{
    (void)u;
    R.closed++;
    R.last_closed_id = c->id;
}

static void r_err(void *u, const char *msg)
{
    (void)u;
    g_ptr_array_add(R.errors, g_strdup(msg));
}

static void reset(void)
{
    for (int d = 0; d < 2; d++) {
        g_string_truncate(R.stream[d], 0);
        g_array_set_size(R.frames[d], 0);
    }
    g_ptr_array_set_size(R.gaps, 0);
    g_ptr_array_set_size(R.errors, 0);
    R.closed = 0;
}

static const tcp_callbacks CB = { r_data, r_gap, r_closed, r_err };
static guint64 frame_no;
static gint64 now_us = 1000000;

/* dir 0: 10.0.0.5:49712 -> 10.0.0.9:135, dir 1 the reverse. */
static void seg(tcp_reasm *t, int dir, guint32 seq, guint32 ack, guint8 flags, const char *data)
{
    tcp_segment s;
    memset(&s, 0, sizeof s);
    s.family = 4;
    static const guint8 a[4] = { 10, 0, 0, 5 }, b[4] = { 10, 0, 0, 9 };
    memcpy(s.src, dir ? b : a, 4);
    memcpy(s.dst, dir ? a : b, 4);
    s.sport = dir ? 135 : 49712;
    s.dport = dir ? 49712 : 135;
    s.seq = seq;
    s.ack = ack;
    s.flags = flags | (ack ? TCP_ACK : 0);
    s.payload = (const guint8 *)data;
    s.len = data ? (guint32)strlen(data) : 0;
    tcp_meta m = { 0, ++frame_no, now_us };
    tcp_reasm_segment(t, &s, &m);
}

static void check_frames(int dir, const guint64 *want, guint n)
{
    CHECK_EQ(R.frames[dir]->len, n);
    for (guint i = 0; i < n; i++)
        CHECK_EQ(g_array_index(R.frames[dir], guint64, i), want[i]);
}

static void test_order_retrans_overlap(void)
{
    reset();
    frame_no = 0;
    tcp_reasm *t = tcp_reasm_new(NULL, &CB, NULL);
    seg(t, 0, 100, 0, TCP_SYN, NULL);              /* 1 */
    seg(t, 1, 500, 101, TCP_SYN, NULL);            /* 2 SYN+ACK */
    seg(t, 0, 101, 501, 0, NULL);                  /* 3 */
    seg(t, 0, 101, 501, TCP_PSH, "AAAA");          /* 4: 101..104 in order */
    seg(t, 0, 109, 501, TCP_PSH, "CCCC");          /* 5: 109..112 early */
    CHECK_STR(R.stream[0]->str, "AAAA");
    seg(t, 0, 105, 501, TCP_PSH, "BBBB");          /* 6: fills the hole */
    CHECK_STR(R.stream[0]->str, "AAAABBBBCCCC");
    seg(t, 0, 105, 501, TCP_PSH, "BBBB");          /* 7: retransmission: dropped */
    seg(t, 0, 111, 501, TCP_PSH, "zzEEEE");        /* 8: 111..112 already delivered */
    CHECK_STR(R.stream[0]->str, "AAAABBBBCCCCEEEE");
    seg(t, 0, 121, 501, TCP_PSH, "GGGG");          /* 9: early, 121..124 */
    seg(t, 0, 117, 501, TCP_PSH, "FFFFhhhhII");    /* 10: 121..124 overlap the held copy */
    CHECK_STR(R.stream[0]->str, "AAAABBBBCCCCEEEEFFFFGGGGII");
    /* Each chunk is seen at the frame whose arrival made it deliverable (issue 9 item 3, as
     * Wireshark shows a reassembled PDU): CCCC, held since frame 5, at frame 6 that filled the
     * hole; GGGG, held since frame 9, at frame 10. */
    static const guint64 want[] = { 4, 6, 6, 8, 10, 10, 10 };
    check_frames(0, want, G_N_ELEMENTS(want));
    seg(t, 1, 501, 127, TCP_PSH, "reply");         /* 11 */
    CHECK_STR(R.stream[1]->str, "reply");
    seg(t, 0, 127, 506, TCP_FIN, NULL);            /* 12 */
    CHECK_EQ(R.closed, 0);
    seg(t, 1, 506, 128, TCP_FIN, NULL);            /* 13 */
    CHECK_EQ(R.closed, 1);
    seg(t, 0, 128, 507, 0, NULL);                  /* 14: last ACK to a closed connection */
    CHECK_EQ(R.gaps->len, 0);
    CHECK_EQ(R.errors->len, 0);
    CHECK_EQ(tcp_reasm_connection_count(t), 1);
    tcp_reasm_finish(t);
    CHECK_EQ(R.closed, 1);
    tcp_reasm_free(t);
}

static void test_wrap_and_endpoints(void)
{
    reset();
    frame_no = 0;
    tcp_reasm *t = tcp_reasm_new(NULL, &CB, NULL);
    /* ISN 0xfffffff8: data starts at 0xfffffff9 and crosses 2^32. */
    seg(t, 0, 0xfffffff8u, 0, TCP_SYN, NULL);
    seg(t, 0, 0x00000005u, 1, TCP_PSH, "ffff");       /* 0x05..0x08: early, past the wrap */
    seg(t, 0, 0xfffffffdu, 1, TCP_PSH, "ccccdddd");   /* 0xfffffffd..0x04 crosses the wrap */
    seg(t, 0, 0xfffffff9u, 1, TCP_PSH, "aaaa");       /* fills the start */
    CHECK_STR(R.stream[0]->str, "aaaaccccddddffff");
    seg(t, 0, 0xfffffffdu, 1, TCP_PSH, "cccc");       /* old data from before the wrap */
    CHECK_STR(R.stream[0]->str, "aaaaccccddddffff");
    CHECK_STR(R.side0, "10.0.0.5:49712");
    CHECK_EQ(R.gaps->len, 0);
    tcp_reasm_finish(t);
    tcp_reasm_free(t);
}

static void test_midstream_and_gaps(void)
{
    reset();
    frame_no = 0;
    tcp_limits lim;
    tcp_limits_default(&lim);
    tcp_reasm *t = tcp_reasm_new(&lim, &CB, NULL);
    /* No handshake: the server's segment is first, so the server is side 0 here. */
    seg(t, 1, 7777, 3333, TCP_PSH, "hello");
    CHECK_STR(R.stream[0]->str, "hello");
    CHECK_STR(R.side0, "10.0.0.9:135");
    seg(t, 0, 3333, 7782, TCP_PSH, "ab");
    CHECK_STR(R.stream[1]->str, "ab");
    /* A hole of 4 bytes (7782..7785) on side 0: resolved by the timeout. */
    seg(t, 1, 7786, 3335, TCP_PSH, "WXYZ");
    CHECK_STR(R.stream[0]->str, "hello");
    now_us += 6 * G_USEC_PER_SEC;
    seg(t, 0, 3335, 7782, 0, NULL);                   /* a later packet of the connection */
    CHECK_STR(R.stream[0]->str, "helloWXYZ");
    CHECK_EQ(R.gaps->len, 1);
    CHECK_STR(R.gaps->pdata[0], "0:7782:5:4:timeout");
    /* A hole the receiver acknowledged past: skipped at once. */
    seg(t, 1, 7800, 3335, TCP_PSH, "late");           /* 7790..7799 never captured */
    seg(t, 0, 3335, 7804, 0, NULL);                   /* ACK 7804 covers it */
    CHECK_STR(R.stream[0]->str, "helloWXYZlate");
    CHECK_STR(R.gaps->pdata[1], "0:7790:13:10:acknowledged by the receiver");
    tcp_reasm_finish(t);
    tcp_reasm_free(t);

    /* Window rule: more than `window` bytes buffered after a hole. */
    reset();
    lim.window = 1000;
    t = tcp_reasm_new(&lim, &CB, NULL);
    seg(t, 0, 1, 0, TCP_SYN, NULL);
    seg(t, 0, 2, 0, 0, "x");
    char big[601];
    memset(big, 'q', 600);
    big[600] = 0;
    seg(t, 0, 13, 0, 0, big);                         /* hole 3..12 */
    CHECK_EQ(R.gaps->len, 0);
    seg(t, 0, 613, 0, 0, big);                        /* 1200 bytes buffered > 1000 */
    CHECK_EQ(R.gaps->len, 1);
    CHECK_STR(R.gaps->pdata[0], "0:3:1:10:window of later data buffered");
    CHECK_EQ(R.stream[0]->len, 1201);
    tcp_reasm_finish(t);
    tcp_reasm_free(t);

    /* Memory cap: 1000 bytes of out-of-order data per connection, window larger. */
    reset();
    lim.window = 100000;
    lim.max_ooo_bytes = 1000;
    t = tcp_reasm_new(&lim, &CB, NULL);
    seg(t, 0, 1, 0, TCP_SYN, NULL);
    seg(t, 0, 12, 0, 0, big);                         /* hole 2..11, 600 held */
    seg(t, 0, 612, 0, 0, big);                        /* would hold 1200 */
    CHECK_EQ(R.errors->len, 1);
    CHECK(strstr(R.errors->pdata[0], "out-of-order buffer cap reached"));
    CHECK_EQ(R.gaps->len, 1);
    CHECK_EQ(R.stream[0]->len, 1200);
    tcp_reasm_finish(t);
    tcp_reasm_free(t);
}

static void test_rst_snaplen_and_table(void)
{
    reset();
    tcp_limits lim;
    tcp_limits_default(&lim);
    lim.max_connections = 2;
    tcp_reasm *t = tcp_reasm_new(&lim, &CB, NULL);
    seg(t, 0, 1, 0, TCP_SYN, NULL);
    seg(t, 0, 2, 0, 0, "ab");
    seg(t, 0, 6, 0, 0, "ef");                         /* hole 4..5 */
    seg(t, 1, 50, 4, TCP_RST, NULL);                  /* RST: flush with a gap, close */
    CHECK_EQ(R.closed, 1);
    CHECK_STR(R.stream[0]->str, "abef");
    CHECK_EQ(R.gaps->len, 1);
    CHECK_STR(R.gaps->pdata[0], "0:4:2:2:connection ended");

    /* Snapshot length cut: 3 bytes present, 5 missing -> gap right after them. */
    reset();
    tcp_segment s;
    memset(&s, 0, sizeof s);
    s.family = 4;
    s.src[0] = 1;
    s.dst[0] = 2;
    s.sport = 1000;
    s.dport = 2000;
    s.seq = 10;
    s.flags = TCP_ACK;
    s.payload = (const guint8 *)"abc";
    s.len = 3;
    s.missing = 5;
    tcp_meta m = { 0, 1, now_us };
    tcp_reasm_segment(t, &s, &m);
    CHECK_STR(R.stream[0]->str, "abc");
    CHECK_STR(R.gaps->pdata[0], "0:13:3:5:cut by the snapshot length");
    /* Table of 2: a third connection evicts the least recently used one. */
    s.seq = 18;
    s.missing = 0;
    tcp_reasm_segment(t, &s, &m);
    CHECK_STR(R.stream[0]->str, "abcabc");
    guint64 before = tcp_reasm_connection_count(t);
    s.sport = 1001;
    tcp_reasm_segment(t, &s, &m);
    s.sport = 1002;
    tcp_reasm_segment(t, &s, &m);
    CHECK_EQ(tcp_reasm_connection_count(t), before + 2);
    CHECK_EQ(R.closed, 1);
    tcp_reasm_finish(t);
    CHECK_EQ(R.closed, 3);
    tcp_reasm_free(t);
}

int main(void)
{
    for (int d = 0; d < 2; d++) {
        R.stream[d] = g_string_new(NULL);
        R.frames[d] = g_array_new(FALSE, FALSE, sizeof(guint64));
    }
    R.gaps = g_ptr_array_new_with_free_func(g_free);
    R.errors = g_ptr_array_new_with_free_func(g_free);
    test_order_retrans_overlap();
    test_wrap_and_endpoints();
    test_midstream_and_gaps();
    test_rst_snaplen_and_table();
    for (int d = 0; d < 2; d++) {
        g_string_free(R.stream[d], TRUE);
        g_array_free(R.frames[d], TRUE);
    }
    g_ptr_array_unref(R.gaps);
    g_ptr_array_unref(R.errors);
    return check_report("tcp_reasm");
}
