/* test_call_queue.c - delivery in request order, time and size limits. */
#include "call_queue.h"
#include "pktbuild.h"

#include <string.h>

static GArray *delivered;   /* call_id of each delivered call */
static GArray *answered;    /* 1 if it had a response frame */
static int detached;

static void deliver(void *u, rpc_call *c)
{
    (void)u;
    g_array_append_val(delivered, c->call_id);
    int a = c->response_frame != 0;
    g_array_append_val(answered, a);
    rpc_call_free(c);
}

static void detach(void *u, cq_entry *e)
{
    (void)u;
    (void)e;
    detached++;
}

static rpc_call *mk(guint32 id, gint64 t)
{
    rpc_call *c = rpc_call_new();
    c->call_id = id;
    c->time_us = t;
    return c;
}

static void expect(const guint32 *ids, guint n)
{
    CHECK_EQ(delivered->len, n);
    for (guint i = 0; i < n; i++)
        CHECK_EQ(g_array_index(delivered, guint32, i), ids[i]);
}

int main(void)
{
    delivered = g_array_new(FALSE, FALSE, sizeof(guint32));
    answered = g_array_new(FALSE, FALSE, sizeof(int));
    int owner;

    /* Completion out of order; delivery in request order. */
    call_queue *q = call_queue_new(10000, 60 * G_USEC_PER_SEC, deliver, detach, NULL);
    cq_entry *e1 = call_queue_push(q, mk(1, 0), &owner, 0);
    cq_entry *e2 = call_queue_push(q, mk(2, 1), &owner, 1);
    cq_entry *e3 = call_queue_push(q, mk(3, 2), &owner, 2);
    e3->call->response_frame = 30;
    call_queue_complete(q, e3);
    e2->call->response_frame = 20;
    call_queue_complete(q, e2);
    CHECK_EQ(delivered->len, 0);
    CHECK_EQ(call_queue_pending(q), 3);
    e1->call->response_frame = 10;
    call_queue_complete(q, e1);
    static const guint32 w1[] = { 1, 2, 3 };
    expect(w1, 3);
    CHECK_EQ(call_queue_pending(q), 0);

    /* The head waits more than 60 s of capture time: flushed unanswered (and detached). */
    g_array_set_size(delivered, 0);
    g_array_set_size(answered, 0);
    call_queue_push(q, mk(4, 0), &owner, 0);
    cq_entry *e5 = call_queue_push(q, mk(5, 0), &owner, 10 * G_USEC_PER_SEC);
    e5->call->response_frame = 50;
    call_queue_complete(q, e5);
    call_queue_advance(q, 60 * G_USEC_PER_SEC);
    CHECK_EQ(delivered->len, 0);
    call_queue_advance(q, 60 * G_USEC_PER_SEC + 1);
    static const guint32 w2[] = { 4, 5 };
    expect(w2, 2);
    CHECK_EQ(g_array_index(answered, int, 0), 0);
    CHECK_EQ(g_array_index(answered, int, 1), 1);
    CHECK_EQ(detached, 1);
    CHECK_EQ(call_queue_delivered(q), 5);
    call_queue_free(q);

    /* More than max_pending waiting: the oldest goes out unanswered. */
    g_array_set_size(delivered, 0);
    detached = 0;
    q = call_queue_new(3, 60 * G_USEC_PER_SEC, deliver, detach, NULL);
    for (guint32 i = 1; i <= 5; i++)
        call_queue_push(q, mk(i, 0), &owner, 0);
    static const guint32 w3[] = { 1, 2 };
    expect(w3, 2);
    CHECK_EQ(call_queue_pending(q), 3);
    CHECK_EQ(detached, 2);
    /* End of input: everything left, in order. */
    call_queue_flush(q);
    static const guint32 w4[] = { 1, 2, 3, 4, 5 };
    expect(w4, 5);
    call_queue_push(q, mk(6, 0), NULL, 0); /* freed undelivered by call_queue_free */
    call_queue_free(q);
    CHECK_EQ(delivered->len, 5);

    g_array_free(delivered, TRUE);
    g_array_free(answered, TRUE);
    return check_report("call_queue");
}
