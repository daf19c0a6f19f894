/* pcap_input.c - libpcap input: files merged by timestamp, stdin, live capture. */
#include "pcap_input.h"

#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct in_file {
    pcap_t *p;
    const char *name;
    guint index;
    guint64 frames;            /* frames read so far */
    int linktype;
    bool pending;              /* hdr/data hold the next frame of this file */
    struct pcap_pkthdr hdr;
    const u_char *data;
    gint64 ts_us;
    bool ts_clamped;           /* an out-of-range timestamp was reported for this file */
} in_file;

struct pcap_input {
    in_file *files;
    guint n_files;
    in_file **heap;            /* min-heap by (ts_us, index) of files with a pending frame */
    guint heap_len;
    in_file *last;             /* file whose frame was returned last: advance it first */
    bool live;
    volatile sig_atomic_t stop;
    guint unusable;
    pcap_input_error_fn err;
    void *user;
};

static void report(pcap_input *in, int sev, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void report(pcap_input *in, int sev, const char *fmt, ...)
{
    if (sev == PCAP_INPUT_UNUSABLE)
        in->unusable++;
    if (!in->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    in->err(in->user, sev, msg);
    g_free(msg);
}

/* Timestamps are kept in [0, TS_MAX_US] (about 73,000 years) so that the difference or the sum of
 * any two fits in a gint64 everywhere downstream: pcapng allows any 64-bit count at any
 * resolution (if_tsresol), which libpcap hands over as an arbitrary time_t. */
#define TS_MAX_US (G_GINT64_CONSTANT(1) << 61)

static gint64 clamp_ts(pcap_input *in, in_file *f, const struct timeval *tv)
{
    gint64 sec = tv->tv_sec, usec = tv->tv_usec, us;
    if (sec < 0)
        us = 0;
    else if (sec >= TS_MAX_US / G_USEC_PER_SEC)
        us = TS_MAX_US;
    else
        us = sec * G_USEC_PER_SEC + CLAMP(usec, 0, G_USEC_PER_SEC - 1);
    if ((us == 0 || us == TS_MAX_US || usec < 0 || usec >= G_USEC_PER_SEC) && !(sec == 0 && usec == 0) &&
        !f->ts_clamped) {
        f->ts_clamped = true;
        report(in, PCAP_INPUT_DECODE_ERROR,
               "%s: frame %" G_GUINT64_FORMAT ": timestamp %" G_GINT64_FORMAT " s + %" G_GINT64_FORMAT
               " us out of range; clamped to %" G_GINT64_FORMAT " us (later ones in this file silently)",
               f->name, f->frames, sec, usec, us);
    }
    return us;
}

static bool heap_less(const in_file *a, const in_file *b)
{
    if (a->ts_us != b->ts_us)
        return a->ts_us < b->ts_us;
    return a->index < b->index;
}

static void heap_push(pcap_input *in, in_file *f)
{
    guint i = in->heap_len++;
    in->heap[i] = f;
    while (i > 0) {
        guint parent = (i - 1) / 2;
        if (!heap_less(in->heap[i], in->heap[parent]))
            break;
        in_file *t = in->heap[i];
        in->heap[i] = in->heap[parent];
        in->heap[parent] = t;
        i = parent;
    }
}

static in_file *heap_pop(pcap_input *in)
{
    if (in->heap_len == 0)
        return NULL;
    in_file *top = in->heap[0];
    in->heap[0] = in->heap[--in->heap_len];
    guint i = 0;
    for (;;) {
        guint l = 2 * i + 1, r = l + 1, m = i;
        if (l < in->heap_len && heap_less(in->heap[l], in->heap[m]))
            m = l;
        if (r < in->heap_len && heap_less(in->heap[r], in->heap[m]))
            m = r;
        if (m == i)
            break;
        in_file *t = in->heap[i];
        in->heap[i] = in->heap[m];
        in->heap[m] = t;
        i = m;
    }
    return top;
}

/* Reads the next frame of f into f->hdr/f->data. Returns true if one is pending. */
static bool advance(pcap_input *in, in_file *f)
{
    f->pending = false;
    if (!f->p)
        return false;
    for (;;) {
        struct pcap_pkthdr *h;
        const u_char *d;
        int rc = pcap_next_ex(f->p, &h, &d);
        if (rc == 1) {
            f->frames++;
            f->hdr = *h;
            f->data = d;
            f->ts_us = clamp_ts(in, f, &h->ts);
            f->pending = true;
            return true;
        }
        if (rc == 0) { /* live timeout: poll again unless asked to stop */
            if (in->stop)
                break;
            continue;
        }
        if (rc == PCAP_ERROR) {
            report(in, PCAP_INPUT_DECODE_ERROR, "%s: frame %" G_GUINT64_FORMAT ": %s", f->name,
                   f->frames + 1, pcap_geterr(f->p));
        }
        /* PCAP_ERROR_BREAK (-2): end of file or break requested. */
        break;
    }
    struct pcap_stat ps;
    if (in->live && pcap_stats(f->p, &ps) == 0) /* as tcpdump ends a live capture */
        report(in, PCAP_INPUT_NOTICE, "%u packets received by filter, %u dropped by kernel", ps.ps_recv, ps.ps_drop);
    pcap_close(f->p);
    f->p = NULL;
    return false;
}

pcap_input *pcap_input_open_files(const char *const *files, guint n_files,
                                  pcap_input_error_fn err, void *user)
{
    pcap_input *in = g_new0(pcap_input, 1);
    in->err = err;
    in->user = user;
    in->n_files = n_files;
    in->files = g_new0(in_file, n_files ? n_files : 1);
    in->heap = g_new0(in_file *, n_files ? n_files : 1);
    for (guint i = 0; i < n_files; i++) {
        in_file *f = &in->files[i];
        char errbuf[PCAP_ERRBUF_SIZE] = "";
        f->name = files[i];
        f->index = i;
        if (strcmp(files[i], "-") == 0)
            f->p = pcap_fopen_offline_with_tstamp_precision(stdin, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
        else
            f->p = pcap_open_offline_with_tstamp_precision(files[i], PCAP_TSTAMP_PRECISION_MICRO, errbuf);
        if (!f->p) {
            report(in, PCAP_INPUT_UNUSABLE, "%s: cannot read as a capture file: %s",
                   strcmp(files[i], "-") == 0 ? "<stdin>" : files[i], errbuf);
            continue;
        }
        f->linktype = pcap_datalink(f->p);
        if (advance(in, f))
            heap_push(in, f);
    }
    return in;
}

pcap_input *pcap_input_open_live(const char *iface, const char *filter, int snaplen,
                                 pcap_input_error_fn err, void *user)
{
    pcap_input *in = g_new0(pcap_input, 1);
    in->err = err;
    in->user = user;
    in->live = true;
    in->n_files = 1;
    in->files = g_new0(in_file, 1);
    in->heap = g_new0(in_file *, 1);
    in_file *f = &in->files[0];
    f->name = iface;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_create(iface, errbuf);
    if (!p) {
        report(in, PCAP_INPUT_UNUSABLE, "%s: cannot open interface: %s", iface, errbuf);
        pcap_input_close(in);
        return NULL;
    }
    pcap_set_snaplen(p, snaplen > 0 ? snaplen : 262144);
    pcap_set_promisc(p, 1);
    pcap_set_timeout(p, 200);
    pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_MICRO);
    int rc = pcap_activate(p);
    if (rc < 0) {
        const char *detail = pcap_geterr(p);
        if (detail && strcmp(detail, pcap_statustostr(rc)) == 0)
            detail = NULL;
        report(in, PCAP_INPUT_UNUSABLE, "%s: cannot start capture: %s%s%s", iface, pcap_statustostr(rc),
               detail && *detail ? ": " : "", detail ? detail : "");
        pcap_close(p);
        pcap_input_close(in);
        return NULL;
    }
    if (filter && *filter) {
        struct bpf_program prog;
        if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
            report(in, PCAP_INPUT_UNUSABLE, "%s: bad filter \"%s\": %s", iface, filter, pcap_geterr(p));
            pcap_close(p);
            pcap_input_close(in);
            return NULL;
        }
        rc = pcap_setfilter(p, &prog);
        pcap_freecode(&prog);
        if (rc < 0) {
            report(in, PCAP_INPUT_UNUSABLE, "%s: cannot set filter: %s", iface, pcap_geterr(p));
            pcap_close(p);
            pcap_input_close(in);
            return NULL;
        }
    }
    f->p = p;
    f->linktype = pcap_datalink(p);
    /* As tcpdump says it: the user (and a test) knows capture has started. */
    report(in, PCAP_INPUT_NOTICE, "listening on %s, link-type %s, snapshot length %d bytes", iface,
           pcap_datalink_val_to_name(f->linktype) ? pcap_datalink_val_to_name(f->linktype) : "?",
           pcap_snapshot(p));
    return in;
}

int pcap_input_next(pcap_input *in, pcap_frame *out)
{
    in_file *f;
    if (in->live) {
        f = &in->files[0];
        if (in->stop || !advance(in, f))
            return 0;
    } else {
        if (in->last) {
            if (advance(in, in->last))
                heap_push(in, in->last);
            in->last = NULL;
        }
        f = heap_pop(in);
        if (!f)
            return 0;
        in->last = f;
    }
    out->file_index = f->index;
    out->file_name = f->name;
    out->frame = f->frames;
    out->ts_us = f->ts_us;
    out->linktype = f->linktype;
    out->data = f->data;
    out->caplen = f->hdr.caplen;
    out->len = f->hdr.len;
    return 1;
}

void pcap_input_break(pcap_input *in)
{
    in->stop = 1;
    if (in->live && in->files[0].p)
        pcap_breakloop(in->files[0].p);
}

void pcap_input_swap_errors(pcap_input *in, pcap_input_error_fn *err, void **user)
{
    pcap_input_error_fn e = in->err;
    void *u = in->user;
    in->err = *err;
    in->user = *user;
    *err = e;
    *user = u;
}

guint pcap_input_unusable_count(const pcap_input *in)
{
    return in->unusable;
}

void pcap_input_close(pcap_input *in)
{
    if (!in)
        return;
    for (guint i = 0; i < in->n_files; i++)
        if (in->files[i].p)
            pcap_close(in->files[i].p);
    g_free(in->files);
    g_free(in->heap);
    g_free(in);
}
