/* call_queue.c - ordered, bounded delivery of matched calls. */
#include "call_queue.h"

struct call_queue {
    GQueue q;             /* of cq_entry*, via their embedded links */
    guint max_pending;
    gint64 max_wait_us;
    cq_deliver_fn deliver;
    cq_detach_fn detach;
    void *user;
    guint64 delivered;
    guint64 expired, evicted;
    bool flushing;        /* re-entrancy guard */
};

call_queue *call_queue_new(guint max_pending, gint64 max_wait_us, cq_deliver_fn deliver,
                           cq_detach_fn detach, void *user)
{
    call_queue *q = g_new0(call_queue, 1);
    g_queue_init(&q->q);
    q->max_pending = max_pending ? max_pending : 10000;
    q->max_wait_us = max_wait_us > 0 ? max_wait_us : 60 * G_USEC_PER_SEC;
    q->deliver = deliver;
    q->detach = detach;
    q->user = user;
    return q;
}

static void pop_head(call_queue *q)
{
    cq_entry *e = q->q.head->data;
    g_queue_unlink(&q->q, &e->link);
    if (!e->complete && e->owner && q->detach)
        q->detach(q->user, e);
    q->delivered++;
    rpc_call_uncharge(e->call);
    if (q->deliver)
        q->deliver(q->user, e->call);
    else
        rpc_call_free(e->call);
    g_free(e);
}

static void flush_ready(call_queue *q, gint64 now_us, bool use_time)
{
    if (q->flushing)
        return;
    q->flushing = true;
    while (q->q.head) {
        cq_entry *e = q->q.head->data;
        if (!e->complete) {
            if (q->q.length > q->max_pending)
                q->evicted++;
            else if (use_time && now_us - e->enqueued_us > q->max_wait_us)
                q->expired++;
            else
                break;
        }
        pop_head(q);
    }
    q->flushing = false;
}

cq_entry *call_queue_push(call_queue *q, rpc_call *call, void *owner, gint64 now_us)
{
    /* g_new and an initialiser, not g_new0: glibc's calloc bypasses its per-thread cache, and this
     * runs once per call. */
    cq_entry *e = g_new(cq_entry, 1);
    *e = (cq_entry){.call = call, .owner = owner, .enqueued_us = now_us, .link.data = e};
    g_queue_push_tail_link(&q->q, &e->link);
    if (q->q.length > q->max_pending)
        flush_ready(q, now_us, false);
    return e;
}

void call_queue_complete(call_queue *q, cq_entry *e)
{
    e->complete = true;
    flush_ready(q, 0, false);
}

void call_queue_settle(cq_entry *e)
{
    e->complete = true;
    e->owner = NULL;
}

void call_queue_push_settled(call_queue *q, rpc_call *call, gint64 now_us)
{
    call_queue_settle(call_queue_push(q, call, NULL, now_us));
}

void call_queue_deliver(call_queue *q)
{
    flush_ready(q, 0, false);
}

void call_queue_advance(call_queue *q, gint64 now_us)
{
    flush_ready(q, now_us, true);
}

void call_queue_flush(call_queue *q)
{
    while (q->q.head)
        pop_head(q);
}

guint call_queue_pending(const call_queue *q)
{
    return q->q.length;
}

guint64 call_queue_delivered(const call_queue *q)
{
    return q->delivered;
}

guint64 call_queue_expired(const call_queue *q)
{
    return q->expired;
}

guint64 call_queue_evicted(const call_queue *q)
{
    return q->evicted;
}

void call_queue_free(call_queue *q)
{
    if (!q)
        return;
    while (q->q.head) {
        cq_entry *e = q->q.head->data;
        g_queue_unlink(&q->q, &e->link);
        rpc_call_free(e->call);
        g_free(e);
    }
    g_free(q);
}
