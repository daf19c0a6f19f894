/* test_input.c - pcap and pcapng input, merging by timestamp, stdin, bad files. */
#include "capture.h"
#include "pcap_input.h"
#include "pktbuild.h"

#include <string.h>
#include <unistd.h>

static GPtrArray *msgs;
static int worst;

static void in_err(void *u, int sev, const char *msg)
{
    (void)u;
    worst = MAX(worst, sev);
    g_ptr_array_add(msgs, g_strdup(msg));
}

static void cap_err(void *u, const char *msg)
{
    (void)u;
    g_ptr_array_add(msgs, g_strdup(msg));
}

static int n_calls;
static void cap_call(void *u, rpc_call *c)
{
    (void)u;
    rpc_call_free(c);
    n_calls++;
}

/* A pcap with one DCE/RPC request and response on one connection; ts base in seconds,
 * frames `step` seconds apart. Returns the path. */
static char *write_pcap(const char *name, guint16 port, gint64 base_s, gint64 step_s, int n_ack_frames)
{
    char *path = pb_path(name);
    pb_pcap w;
    pb_pcap_open(&w, path, DLT_EN10MB);
    pb_flow f = { { "10.0.0.5", "10.0.0.9" }, { port, 135 }, { 1, 1 } };
    gint64 t = base_s * G_USEC_PER_SEC;
    GByteArray *rq = pb_dce_request(true, 1, 3, 0, 0, NULL, "abc", 3, NULL);
    pb_pcap_add_ip(&w, t, pb_flow_seg(&f, 0, rq->data, rq->len));
    g_byte_array_unref(rq);
    GByteArray *rs = pb_dce_response(true, 1, 3, 0, "def", 3, NULL);
    t += step_s * G_USEC_PER_SEC;
    pb_pcap_add_ip(&w, t, pb_flow_seg(&f, 1, rs->data, rs->len));
    g_byte_array_unref(rs);
    for (int i = 0; i < n_ack_frames; i++) {
        t += step_s * G_USEC_PER_SEC;
        pb_pcap_add_ip(&w, t, pb_tcp_ip("10.0.0.5", port, "10.0.0.9", 135, f.seq[0], f.seq[1], 0x10, NULL, 0));
    }
    pb_pcap_close(&w);
    return path;
}

static void test_merge(void)
{
    /* A at t = 1, 3, 5 s; B at t = 2, 4 s: merged order alternates, frame numbers per file. */
    char *a = write_pcap("in_a.pcap", 49712, 1, 2, 1);
    char *b = write_pcap("in_b.pcap", 49713, 2, 2, 0);
    const char *files[] = { a, b };
    pcap_input *in = pcap_input_open_files(files, 2, in_err, NULL);
    static const guint want_file[] = { 0, 1, 0, 1, 0 };
    static const guint64 want_frame[] = { 1, 1, 2, 2, 3 };
    pcap_frame f;
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(pcap_input_next(in, &f), 1);
        CHECK_EQ(f.file_index, want_file[i]);
        CHECK_EQ(f.frame, want_frame[i]);
        CHECK_EQ(f.ts_us, (i + 1) * G_USEC_PER_SEC);
        CHECK_EQ(f.linktype, DLT_EN10MB);
        CHECK_EQ(f.caplen, f.len);
    }
    CHECK_EQ(pcap_input_next(in, &f), 0);
    CHECK_EQ(pcap_input_unusable_count(in), 0);
    pcap_input_close(in);
    CHECK_EQ(msgs->len, 0);

    /* The same two files through capture_run: one call on each connection. */
    capture_opts o;
    capture_opts_init(&o);
    o.files = files;
    o.n_files = 2;
    capture_stats st;
    n_calls = 0;
    CHECK_EQ(capture_run(&o, cap_call, cap_err, NULL, &st), 0);
    CHECK_EQ(st.packets, 5);
    CHECK_EQ(n_calls, 2);
    CHECK_EQ(st.tcp_connections, 2);
    g_free(a);
    g_free(b);
}

static void put32(FILE *fp, guint32 v) { fwrite(&v, 4, 1, fp); }
static void put16(FILE *fp, guint16 v) { fwrite(&v, 2, 1, fp); }

static void test_pcapng_and_stdin(void)
{
    /* pcapng (host byte order, as the byte-order magic says):
     *   SHB: type 0x0A0D0D0A, length 28, magic 0x1A2B3C4D, version 1.0, section length -1, length
     *   IDB: type 1, length 20, linktype 101 (raw IP), reserved, snaplen, length
     *   EPB: type 6, length 32 + padded data, interface 0, timestamp high/low in microseconds
     *        (default if_tsresol 6), captured length, original length, data, length */
    char *path = pb_path("in.pcapng");
    FILE *fp = fopen(path, "wb");
    CHECK(fp);
    put32(fp, 0x0A0D0D0A); put32(fp, 28); put32(fp, 0x1A2B3C4D); put16(fp, 1); put16(fp, 0);
    put32(fp, 0xffffffff); put32(fp, 0xffffffff); put32(fp, 28);
    put32(fp, 1); put32(fp, 20); put16(fp, 101); put16(fp, 0); put32(fp, 65535); put32(fp, 20);
    GByteArray *ip = pb_tcp_ip("10.0.0.5", 1000, "10.0.0.9", 135, 1, 1, 0x18, "xyz", 3);
    guint32 padded = (ip->len + 3) & ~3u;
    guint64 ts = 1700000000123456ULL;
    put32(fp, 6); put32(fp, 32 + padded); put32(fp, 0);
    put32(fp, (guint32)(ts >> 32)); put32(fp, (guint32)ts);
    put32(fp, ip->len); put32(fp, ip->len);
    fwrite(ip->data, 1, ip->len, fp);
    for (guint i = ip->len; i < padded; i++)
        fputc(0, fp);
    put32(fp, 32 + padded);
    fclose(fp);

    const char *files[] = { path };
    pcap_input *in = pcap_input_open_files(files, 1, in_err, NULL);
    pcap_frame f;
    CHECK_EQ(pcap_input_next(in, &f), 1);
    CHECK_EQ(f.frame, 1);
    CHECK_EQ(f.ts_us, (gint64)ts);
    CHECK(f.linktype == 12 || f.linktype == 14 || f.linktype == 101);
    CHECK_EQ(f.caplen, ip->len);
    CHECK(memcmp(f.data, ip->data, ip->len) == 0);
    CHECK_EQ(pcap_input_next(in, &f), 0);
    pcap_input_close(in);
    CHECK_EQ(msgs->len, 0);

    /* "-" reads stdin. */
    int saved = dup(0);
    CHECK(freopen(path, "rb", stdin));
    const char *dash[] = { "-" };
    in = pcap_input_open_files(dash, 1, in_err, NULL);
    CHECK_EQ(pcap_input_next(in, &f), 1);
    CHECK_EQ(f.ts_us, (gint64)ts);
    CHECK_EQ(pcap_input_next(in, &f), 0);
    pcap_input_close(in); /* closes stdin */
    CHECK(dup2(saved, 0) == 0);
    close(saved);
    g_byte_array_unref(ip);
    g_free(path);
}

static void test_bad_files(void)
{
    /* A pcap cut in the middle of its third record. */
    char *good = write_pcap("in_trunc.pcap", 49714, 10, 1, 1);
    FILE *fp = fopen(good, "rb");
    CHECK(fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    CHECK(truncate(good, size - 20) == 0);
    char *junk = pb_path("in_junk.txt");
    CHECK(g_file_set_contents(junk, "this is not a capture file, just some text\n", -1, NULL));
    char *ok = write_pcap("in_ok.pcap", 49715, 20, 1, 0);
    char *missing = pb_path("in_does_not_exist.pcap");

    capture_opts o;
    capture_opts_init(&o);
    capture_stats st;
    /* Truncated: what was read is decoded, the problem is a decode error (status 1). */
    const char *f1[] = { good };
    o.files = f1;
    o.n_files = 1;
    g_ptr_array_set_size(msgs, 0);
    n_calls = 0;
    CHECK_EQ(capture_run(&o, cap_call, cap_err, NULL, &st), 1);
    CHECK_EQ(n_calls, 1);
    CHECK_EQ(st.packets, 2);
    CHECK_EQ(msgs->len, 1);
    char *want = g_strdup_printf("%s: frame 3: truncated", good);
    CHECK(g_str_has_prefix(msgs->pdata[0], want));
    g_free(want);

    /* Not a capture, and a missing file: unusable (status 2); the good file still decodes. */
    const char *f2[] = { junk, ok, missing };
    o.files = f2;
    o.n_files = 3;
    g_ptr_array_set_size(msgs, 0);
    n_calls = 0;
    CHECK_EQ(capture_run(&o, cap_call, cap_err, NULL, &st), 2);
    CHECK_EQ(st.unusable_inputs, 2);
    CHECK_EQ(n_calls, 1);
    CHECK_EQ(msgs->len, 2);
    want = g_strdup_printf("%s: cannot read as a capture file", junk);
    CHECK(g_str_has_prefix(msgs->pdata[0], want));
    g_free(want);
    want = g_strdup_printf("%s: cannot read as a capture file", missing);
    CHECK(g_str_has_prefix(msgs->pdata[1], want));
    g_free(want);

    /* An empty file is not a capture either. */
    CHECK(g_file_set_contents(junk, "", 0, NULL));
    const char *f3[] = { junk };
    o.files = f3;
    o.n_files = 1;
    g_ptr_array_set_size(msgs, 0);
    CHECK_EQ(capture_run(&o, cap_call, cap_err, NULL, &st), 2);
    CHECK_EQ(msgs->len, 1);

    /* Live capture on an interface that does not exist: unusable, named in the message. */
    capture_opts_init(&o);
    o.iface = "csvpnosuch0";
    o.filter = "tcp";
    g_ptr_array_set_size(msgs, 0);
    CHECK_EQ(capture_run(&o, cap_call, cap_err, NULL, &st), 2);
    CHECK_EQ(msgs->len, 1);
    CHECK(g_str_has_prefix(msgs->pdata[0], "csvpnosuch0: "));
    g_free(good);
    g_free(junk);
    g_free(ok);
    g_free(missing);
}

int main(void)
{
    msgs = g_ptr_array_new_with_free_func(g_free);
    test_merge();
    test_pcapng_and_stdin();
    test_bad_files();
    g_ptr_array_unref(msgs);
    return check_report("input");
}
