/* out.c - record-aligned, failure-aware standard output (out.h). */
#include "out.h"
#include "capture.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define OUT_CHUNK (64 * 1024)

static int out_fd = 1;
static bool out_each;
static GString *out_buf;
static int out_errno;   /* first write error, 0 while none */

void out_init(int fd, bool flush_each)
{
    out_fd = fd;
    out_each = flush_each;
    out_errno = 0;
    if (!out_buf)
        out_buf = g_string_sized_new(OUT_CHUNK + 4096);
    g_string_truncate(out_buf, 0);
    /* A closed pipe must be an EPIPE we can handle, not a silent death mid-record. */
    signal(SIGPIPE, SIG_IGN);
}

static void fail(int err)
{
    out_errno = err ? err : EIO;
    g_string_truncate(out_buf, 0);
    capture_stop_from_thread();   /* output runs on the decode thread with --threads 2 */
}

bool out_flush(void)
{
    if (out_errno)
        return false;
    gsize done = 0;
    while (done < out_buf->len) {
        ssize_t n = write(out_fd, out_buf->str + done, out_buf->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fail(n < 0 ? errno : ENOSPC);
            return false;
        }
        done += (gsize)n;
    }
    g_string_truncate(out_buf, 0);
    return true;
}

void out_record(const char *s, gsize len)
{
    if (out_errno || !len)
        return;
    if (!out_buf)
        out_init(1, false);
    g_string_append_len(out_buf, s, (gssize)len);
    if (out_each || out_buf->len >= OUT_CHUNK)
        out_flush();
}

static gsize record_start;

GString *out_begin(void)
{
    if (!out_buf)
        out_init(1, false);
    record_start = out_buf->len;
    return out_buf;
}

void out_end(void)
{
    if (out_errno) {   /* after a failed write nothing is kept, as out_record keeps nothing */
        g_string_truncate(out_buf, 0);
        return;
    }
    if (out_buf->len > record_start && (out_each || out_buf->len >= OUT_CHUNK))
        out_flush();
}

void out_stdio_done(FILE *f)
{
    if ((fflush(f) != 0 || ferror(f)) && !out_errno)
        fail(errno);
}

bool out_failed(void)
{
    return out_errno != 0;
}

bool out_finish(void)
{
    if (out_buf)
        out_flush();
    if (!out_errno)
        return true;
    if (out_errno != EPIPE)
        fprintf(stderr, "csvpdump: cannot write the output: %s\n", g_strerror(out_errno));
    return false;
}
