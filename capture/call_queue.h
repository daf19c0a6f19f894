/* call_queue.h - deliver calls in the capture order of their requests, each once complete.
 *
 * Pending calls are kept in request order; the head is flushed while it is complete. Memory
 * is bounded: when the head has waited longer than max_wait_us of capture time, or more than
 * max_pending calls are waiting, the head is flushed unanswered (response_frame 0).
 */
#ifndef CSVP_CALL_QUEUE_H
#define CSVP_CALL_QUEUE_H

#include "rpc_call.h"

#include <glib.h>
#include <stdbool.h>

typedef struct cq_entry {
    rpc_call *call;
    bool complete;
    void *owner;          /* whoever may still complete it (NULL: nobody) */
    gint64 enqueued_us;
    GList link;           /* private */
} cq_entry;

/* call is the callback's from now on (its budget charge released): it frees it. */
typedef void (*cq_deliver_fn)(void *user, rpc_call *call);
/* An incomplete entry leaves the queue: the owner must forget the pointer. */
typedef void (*cq_detach_fn)(void *user, cq_entry *e);

typedef struct call_queue call_queue;

call_queue *call_queue_new(guint max_pending, gint64 max_wait_us, cq_deliver_fn deliver,
                           cq_detach_fn detach, void *user);
/* Appends a call (request order); the queue owns it from now on. */
cq_entry *call_queue_push(call_queue *q, rpc_call *call, void *owner, gint64 now_us);
/* Marks e complete and delivers whatever became deliverable. */
void call_queue_complete(call_queue *q, cq_entry *e);
/* Marks e complete and ownerless without delivering anything yet: for an owner that finishes
 * several calls at once, since any delivery may flush entries it still holds. Follow with
 * call_queue_deliver(). */
void call_queue_settle(cq_entry *e);
/* Appends a call that is already complete and nobody's. */
void call_queue_push_settled(call_queue *q, rpc_call *call, gint64 now_us);
/* Delivers whatever is deliverable. */
void call_queue_deliver(call_queue *q);
/* Applies the time and size limits at capture time now_us. */
void call_queue_advance(call_queue *q, gint64 now_us);
/* End of input: delivers everything, unanswered calls included. */
void call_queue_flush(call_queue *q);
guint call_queue_pending(const call_queue *q);
guint64 call_queue_delivered(const call_queue *q);
/* Incomplete calls the limits delivered unanswered: waited past max_wait_us (expired), or
 * pushed out when more than max_pending waited (evicted). */
guint64 call_queue_expired(const call_queue *q);
guint64 call_queue_evicted(const call_queue *q);
/* Frees what is left without delivering it. */
void call_queue_free(call_queue *q);

#endif
