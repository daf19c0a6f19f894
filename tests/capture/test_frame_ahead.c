/* test_frame_ahead.c - frames read ahead on a thread (frame_ahead.h) arrive as pcap_input gives
 * them: same frames, same bytes, the input's problem reports between the same frames. Across the
 * chunk limits: a frame as large as a chunk, more zero-length frames than a chunk takes (a path
 * exercised here, not a bound measured). A frame larger than a chunk (a D-Bus capture's) cut to
 * one. Closing early while the reader waits. */
#include "frame_ahead.h"
#include "pktbuild.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_FRAME 262144    /* libpcap's largest snapshot for Ethernet, one chunk (256 KiB) */
#define BIG_FRAME 300000    /* larger than a chunk: D-Bus allows it */

/* Byte i of frame n: a pattern that differs between neighbouring frames. */
static guint8 pattern(guint n, guint32 i)
{
    return (guint8)(n * 7 + i * 13);
}

static void put_frame(pcap_dumper_t *d, guint n, guint32 sec, guint32 usec, guint32 caplen)
{
    static guint8 buf[BIG_FRAME];
    g_assert(caplen <= sizeof buf);
    for (guint32 i = 0; i < caplen; i++)
        buf[i] = pattern(n, i);
    struct pcap_pkthdr h = { .caplen = caplen, .len = caplen + 4 };
    h.ts.tv_sec = sec;
    h.ts.tv_usec = usec;
    pcap_dump((u_char *)d, &h, buf);
}

/* A file of `n` frames: sizes cycling through 0, 60, 1514 and MAX_FRAME, a run of 5000 empty
 * frames (more than a chunk's 4096 items), one timestamp with a microsecond count out of range
 * (reported, MS-CSVP captures aside), and, when `cut`, its last frame cut short (reported). */
static char *write_file(const char *name, guint n, guint32 base, bool cut)
{
    char *path = pb_path(name);
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, MAX_FRAME);
    pcap_dumper_t *d = pcap_dump_open(dead, path);
    static const guint32 sizes[] = { 0, 60, 1514, MAX_FRAME };
    guint frame = 0;
    for (guint i = 0; i < n; i++, frame++)
        put_frame(d, frame, base + frame, i == n / 2 ? 1500000 : 0, sizes[i % 4]);
    for (guint i = 0; i < 5000; i++, frame++)
        put_frame(d, frame, base + frame, 0, 0);
    put_frame(d, frame, base + frame, 0, 1514);
    pcap_dump_close(d);
    pcap_close(dead);
    if (cut) {
        FILE *f = fopen(path, "r+b");
        CHECK(f != NULL);
        fseek(f, 0, SEEK_END);
        CHECK(ftruncate(fileno(f), ftell(f) - 100) == 0);
        fclose(f);
    }
    return path;
}

/* A file of `n` frames of `caplen` bytes, link type `dlt`, a second apart from t = 100 s. */
static char *write_run(const char *name, int dlt, guint n, guint32 caplen)
{
    char *path = pb_path(name);
    pcap_t *dead = pcap_open_dead(dlt, BIG_FRAME);
    pcap_dumper_t *d = pcap_dump_open(dead, path);
    for (guint i = 0; i < n; i++)
        put_frame(d, i, 100 + i, 0, caplen);
    pcap_dump_close(d);
    pcap_close(dead);
    return path;
}

/* What a reader saw, one line per frame or report. */
static void log_report(void *user, int severity, const char *msg)
{
    g_string_append_printf(user, "report %d %s\n", severity, msg);
}

static void log_frame(GString *log, const pcap_frame *f)
{
    bool bytes_ok = true;
    for (guint32 i = 0; i < f->caplen; i++)
        bytes_ok &= f->data[i] == pattern((guint)(f->frame - 1), i);
    g_string_append_printf(log, "file %u frame %" G_GUINT64_FORMAT " ts %" G_GINT64_FORMAT " len %u/%u %s\n",
                           f->file_index, f->frame, f->ts_us, f->caplen, f->len, bytes_ok ? "bytes ok" : "BYTES WRONG");
}

static pcap_input *open_logged(const char *path, GString *log)
{
    const char *const files[] = { path };
    return pcap_input_open_files(files, 1, log_report, log);
}

static GString *read_all(const char *const *files, guint n_files, bool ahead)
{
    GString *log = g_string_new(NULL);
    pcap_input *in = pcap_input_open_files(files, n_files, log_report, log);
    frame_ahead *a = ahead ? frame_ahead_new(in) : NULL;
    pcap_frame f;
    while (a ? frame_ahead_next(a, &f) : pcap_input_next(in, &f))
        log_frame(log, &f);
    CHECK_EQ(a ? frame_ahead_next(a, &f) : pcap_input_next(in, &f), 0);   /* and stays ended */
    frame_ahead_free(a);
    pcap_input_close(in);
    return log;
}

static void test_same_as_input(void)
{
    char *a = write_file("ahead_a.pcap", 40, 1000, true);
    char *b = write_file("ahead_b.pcap", 23, 1500, false);
    const char *const files[] = { a, b, "/nonexistent/ahead.pcap" };
    GString *direct = read_all(files, 3, false);
    GString *ahead = read_all(files, 3, true);
    CHECK_STR(ahead->str, direct->str);
    /* The logs are worth comparing: every frame of both files (40 + 5000 + 1 and 23 + 5000 + 1,
     * the cut one lost), with its bytes, and the three reports. */
    guint frames = 0, reports = 0;
    for (const char *p = direct->str; (p = strchr(p, '\n')); p++)
        frames++;
    for (const char *p = direct->str; (p = strstr(p, "report ")); p++)
        reports++;
    CHECK_EQ(reports, 4);   /* cannot open; the two timestamps; the cut frame */
    CHECK_EQ(frames - reports, 40 + 5000 + 23 + 5000 + 1);
    CHECK(!strstr(direct->str, "BYTES WRONG"));
    CHECK(strstr(direct->str, "len 262144/262148 bytes ok") != NULL);
    g_string_free(direct, TRUE);
    g_string_free(ahead, TRUE);
    g_free(a);
    g_free(b);
}

static void test_close_early(void)
{
    /* 400 frames of 256 KiB: more than the 8 chunks hold, so the reader waits when it is closed. */
    char *path = write_run("ahead_big.pcap", DLT_EN10MB, 400, MAX_FRAME);
    GString *log = g_string_new(NULL);
    pcap_input *in = open_logged(path, log);
    frame_ahead *a = frame_ahead_new(in);
    pcap_frame f;
    for (guint i = 0; i < 3; i++) {
        CHECK_EQ(frame_ahead_next(a, &f), 1);
        CHECK_EQ(f.frame, i + 1);
    }
    frame_ahead_free(a);
    /* The input is the caller's again, its reports its own callback's. */
    CHECK_EQ(pcap_input_next(in, &f), 1);
    CHECK(f.frame > 3);
    pcap_input_close(in);
    CHECK_STR(log->str, "");
    g_string_free(log, TRUE);
    g_free(path);
}

static void test_cut_large(void)
{
    /* DLT_DBUS (231): libpcap allows 128 MiB frames; netlayers ignores the link type. Frames of
     * 300,000 bytes arrive cut to 262,144 (a chunk), their first bytes and wire length intact. */
    char *path = write_run("ahead_dbus.pcap", 231, 3, BIG_FRAME);
    GString *log = g_string_new(NULL);
    pcap_input *in = open_logged(path, log);
    frame_ahead *a = frame_ahead_new(in);
    pcap_frame f;
    for (guint n = 0; n < 3; n++) {
        CHECK_EQ(frame_ahead_next(a, &f), 1);
        CHECK_EQ(f.linktype, 231);
        CHECK_EQ(f.caplen, MAX_FRAME);
        CHECK_EQ(f.len, BIG_FRAME + 4);
        bool same = true;
        for (guint32 i = 0; i < f.caplen; i++)
            same &= f.data[i] == pattern(n, i);
        CHECK(same, "frame %u", n + 1);
    }
    CHECK_EQ(frame_ahead_next(a, &f), 0);
    frame_ahead_free(a);
    pcap_input_close(in);
    CHECK_STR(log->str, "");
    g_string_free(log, TRUE);
    g_free(path);
}

int main(void)
{
    test_same_as_input();
    test_cut_large();
    test_close_early();
    return check_report("frame_ahead");
}
