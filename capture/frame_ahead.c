/* frame_ahead.c - a reader thread ahead of the capture side (frame_ahead.h). */
#include "frame_ahead.h"
#include "worker.h"

#include <string.h>

#define CHUNK_BYTES (256 * 1024)
#define CHUNK_ITEMS 4096    /* frames of length 0 take no bytes: the items are bounded too */
#define CHUNKS 8

/* A frame, or a problem the input reported before the next one. */
typedef struct item {
    pcap_frame f;           /* f.data is set when it is taken: the bytes are at `offset` */
    gsize offset;
    char *msg;              /* a report (owned), or NULL for a frame */
    int severity;
} item;

typedef struct chunk {
    guint8 *bytes;          /* CHUNK_BYTES */
    gsize used;
    GArray *items;          /* of item, in input order */
    guint next;             /* the next item the capture thread takes */
    bool last;              /* the input ends with this chunk */
} chunk;

struct frame_ahead {
    pcap_input *in;
    pcap_input_error_fn err;    /* the input's callback, called on the capture thread */
    void *err_user;
    GMutex lock;
    GCond changed;
    GQueue filled, empty;       /* of chunk* */
    bool closing;               /* the capture thread wants no more */
    /* Who sleeps on `changed`: a wake-up is a system call, made only when someone waits. */
    bool reader_waits, taker_waits;
    chunk *reading;             /* being filled: the reader's only */
    chunk *taking;              /* being taken: the capture thread's only */
    GThread *thread;
};

static chunk *chunk_new(void)
{
    chunk *c = g_new0(chunk, 1);
    c->bytes = g_malloc(CHUNK_BYTES);
    c->items = g_array_sized_new(FALSE, FALSE, sizeof(item), 256);
    return c;
}

static void chunk_reset(chunk *c)
{
    for (guint i = c->next; i < c->items->len; i++)
        g_free(g_array_index(c->items, item, i).msg);
    g_array_set_size(c->items, 0);
    c->used = 0;
    c->next = 0;
    c->last = false;
}

static void chunk_free(gpointer p)
{
    chunk *c = p;
    if (!c)
        return;
    chunk_reset(c);
    g_array_free(c->items, TRUE);
    g_free(c->bytes);
    g_free(c);
}

/* The reader's next empty chunk, or NULL when the capture thread is closing. */
static chunk *take_empty(frame_ahead *a)
{
    g_mutex_lock(&a->lock);
    while (!a->empty.length && !a->closing) {
        a->reader_waits = true;
        g_cond_wait(&a->changed, &a->lock);
        a->reader_waits = false;
    }
    chunk *c = a->closing ? NULL : g_queue_pop_head(&a->empty);
    g_mutex_unlock(&a->lock);
    return c;
}

static void pass_filled(frame_ahead *a, chunk *c)
{
    g_mutex_lock(&a->lock);
    g_queue_push_tail(&a->filled, c);
    if (a->taker_waits)
        g_cond_broadcast(&a->changed);
    g_mutex_unlock(&a->lock);
}

/* The input's reports, made on the reader thread, join the frames in order. */
static void queue_report(void *user, int severity, const char *msg)
{
    frame_ahead *a = user;
    item it = { .msg = g_strdup(msg), .severity = severity };
    g_array_append_val(a->reading->items, it);
}

static gpointer reader(gpointer data)
{
    frame_ahead *a = data;
    a->reading = take_empty(a);
    pcap_frame f;
    while (a->reading && pcap_input_next(a->in, &f)) {
        chunk *c = a->reading;
        if (c->items->len && (MIN(f.caplen, CHUNK_BYTES) > CHUNK_BYTES - c->used || c->items->len >= CHUNK_ITEMS)) {
            pass_filled(a, c);
            c = a->reading = take_empty(a);
            if (!c)
                break;
        }
        /* libpcap allows frames above 256 KiB only for link types netlayers does not decode (DBUS up
         * to 128 MiB): they are cut to a chunk, so 8 chunks bound the memory ahead. */
        f.caplen = MIN(f.caplen, CHUNK_BYTES);
        item it = { .f = f, .offset = c->used };
        memcpy(c->bytes + c->used, f.data, f.caplen);
        c->used += f.caplen;
        g_array_append_val(c->items, it);
    }
    if (a->reading) {
        a->reading->last = true;
        pass_filled(a, a->reading);
        a->reading = NULL;
    }
    return NULL;
}

frame_ahead *frame_ahead_new(pcap_input *in)
{
    frame_ahead *a = g_new0(frame_ahead, 1);
    a->in = in;
    a->err = queue_report;
    a->err_user = a;
    pcap_input_swap_errors(in, &a->err, &a->err_user);
    g_mutex_init(&a->lock);
    g_cond_init(&a->changed);
    for (int i = 0; i < CHUNKS; i++)
        g_queue_push_tail(&a->empty, chunk_new());
    a->thread = worker_thread_new("csvp-read", reader, a);
    return a;
}

int frame_ahead_next(frame_ahead *a, pcap_frame *out)
{
    for (;;) {
        chunk *c = a->taking;
        if (c && c->next < c->items->len) {
            item *it = &g_array_index(c->items, item, c->next++);
            if (!it->msg) {
                *out = it->f;
                out->data = c->bytes + it->offset;
                return 1;
            }
            if (a->err)
                a->err(a->err_user, it->severity, it->msg);
            g_free(it->msg);
            it->msg = NULL;
            continue;
        }
        if (c && c->last)
            return 0;
        g_mutex_lock(&a->lock);
        if (c) {
            chunk_reset(c);
            g_queue_push_tail(&a->empty, c);
            /* A waiting reader is woken for half the chunks, not for each: it is the faster
             * thread then, and each wake-up costs this one a system call. */
            if (a->reader_waits && a->empty.length >= CHUNKS / 2)
                g_cond_broadcast(&a->changed);
        }
        while (!a->filled.length) {
            if (a->reader_waits)   /* the chunks it was not woken for */
                g_cond_broadcast(&a->changed);
            a->taker_waits = true;
            g_cond_wait(&a->changed, &a->lock);
            a->taker_waits = false;
        }
        a->taking = g_queue_pop_head(&a->filled);
        g_mutex_unlock(&a->lock);
    }
}

void frame_ahead_free(frame_ahead *a)
{
    if (!a)
        return;
    g_mutex_lock(&a->lock);
    a->closing = true;
    g_cond_broadcast(&a->changed);
    g_mutex_unlock(&a->lock);
    g_thread_join(a->thread);
    pcap_input_swap_errors(a->in, &a->err, &a->err_user);
    chunk_free(a->taking);
    g_queue_clear_full(&a->filled, chunk_free);
    g_queue_clear_full(&a->empty, chunk_free);
    g_mutex_clear(&a->lock);
    g_cond_clear(&a->changed);
    g_free(a);
}
