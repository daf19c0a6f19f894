/* pipeline.c - a bounded two-thread hand-over of calls (pipeline.h). Calls travel in batches, so
 * the threads meet once per batch rather than once per call. */
#include "pipeline.h"
#include "worker.h"

#define BATCH_CALLS 64
#define BATCH_BYTES (256 * 1024)

struct pipeline {
    GMutex lock;
    GCond changed;
    GQueue batches;         /* of GPtrArray* of rpc_call*, push order */
    guint queued_calls;
    gsize queued_bytes;
    guint max_calls;
    gsize max_bytes;
    bool done;              /* no more pushes */
    /* Who sleeps on `changed`: a wake-up is a system call, made only when someone waits. */
    bool consumer_waits, producer_waits;
    capture_call_fn consume;
    void *user;
    GThread *thread;
    GPtrArray *consumed;    /* calls decoded, freed by the capture thread that allocated them */
    /* The capture thread's batch being filled (no lock: only it touches these). */
    GPtrArray *filling;
    gsize filling_bytes;
};

static gsize stub_bytes(const rpc_call *c)
{
    return (c->request_stub ? c->request_stub->len : 0) + (c->response_stub ? c->response_stub->len : 0);
}

static gpointer consumer(gpointer data)
{
    pipeline *pl = data;
    for (;;) {
        g_mutex_lock(&pl->lock);
        while (!pl->batches.length && !pl->done) {
            pl->consumer_waits = true;
            g_cond_wait(&pl->changed, &pl->lock);
            pl->consumer_waits = false;
        }
        GPtrArray *b = g_queue_pop_head(&pl->batches);
        g_mutex_unlock(&pl->lock);
        if (!b)   /* done and drained */
            return NULL;
        gsize bytes = 0;
        for (guint i = 0; i < b->len; i++) {
            rpc_call *c = b->pdata[i];
            bytes += stub_bytes(c);
            pl->consume(pl->user, c);
        }
        /* The calls go back to the capture thread to be freed: glibc frees memory of another
         * thread's arena slowly, and the capture thread allocates the next ones from it. */
        g_mutex_lock(&pl->lock);
        pl->queued_calls -= b->len;
        pl->queued_bytes -= bytes;
        g_ptr_array_extend_and_steal(pl->consumed, b);
        if (pl->producer_waits)
            g_cond_broadcast(&pl->changed);
        g_mutex_unlock(&pl->lock);
    }
}

pipeline *pipeline_new(capture_call_fn consume, void *user, guint max_calls, gsize max_bytes)
{
    pipeline *pl = g_new0(pipeline, 1);
    g_mutex_init(&pl->lock);
    g_cond_init(&pl->changed);
    g_queue_init(&pl->batches);
    pl->max_calls = MAX(max_calls, BATCH_CALLS);
    pl->max_bytes = MAX(max_bytes, BATCH_BYTES);
    pl->consume = consume;
    pl->user = user;
    pl->consumed = g_ptr_array_new();
    pl->thread = worker_thread_new("csvp-decode", consumer, pl);
    return pl;
}

static void free_calls(GPtrArray *calls)
{
    for (guint i = 0; i < calls->len; i++)
        rpc_call_free(calls->pdata[i]);
    g_ptr_array_free(calls, TRUE);
}

/* Hands the batch being filled to the consumer, waiting while the queue is full. */
static void send_batch(pipeline *pl)
{
    GPtrArray *b = pl->filling;
    if (!b)
        return;
    pl->filling = NULL;
    g_mutex_lock(&pl->lock);
    /* A batch always goes when nothing is queued, however large its stubs. */
    while (pl->queued_calls && (pl->queued_calls + b->len > pl->max_calls ||
                                pl->queued_bytes + pl->filling_bytes > pl->max_bytes)) {
        if (pl->consumer_waits)   /* the batches it was not woken for */
            g_cond_broadcast(&pl->changed);
        pl->producer_waits = true;
        g_cond_wait(&pl->changed, &pl->lock);
        pl->producer_waits = false;
    }
    g_queue_push_tail(&pl->batches, b);
    pl->queued_calls += b->len;
    pl->queued_bytes += pl->filling_bytes;
    GPtrArray *consumed = pl->consumed;
    pl->consumed = g_ptr_array_new();
    /* An idle consumer is woken for half a queue, not for each batch: it is the faster thread
     * then, and each wake-up costs the capture thread a system call. */
    if (pl->consumer_waits && (pl->queued_calls >= pl->max_calls / 2 || pl->queued_bytes >= pl->max_bytes / 2))
        g_cond_broadcast(&pl->changed);
    g_mutex_unlock(&pl->lock);
    pl->filling_bytes = 0;
    free_calls(consumed);
}

void pipeline_push(void *data, rpc_call *call)
{
    pipeline *pl = data;
    if (!pl->filling)
        pl->filling = g_ptr_array_sized_new(BATCH_CALLS);
    g_ptr_array_add(pl->filling, call);
    pl->filling_bytes += stub_bytes(call);
    if (pl->filling->len >= BATCH_CALLS || pl->filling_bytes >= BATCH_BYTES)
        send_batch(pl);
}

void pipeline_finish(pipeline *pl)
{
    send_batch(pl);
    g_mutex_lock(&pl->lock);
    pl->done = true;
    g_cond_broadcast(&pl->changed);
    g_mutex_unlock(&pl->lock);
    g_thread_join(pl->thread);
    free_calls(pl->consumed);
    g_mutex_clear(&pl->lock);
    g_cond_clear(&pl->changed);
    g_free(pl);
}
