/* pipeline.h - the capture side on the calling thread, decoding and output on a second one.
 *
 * capture_run hands each finished call to pipeline_push (a capture_call_fn), which queues it; a consumer thread decodes, audits and prints the calls in the
 * same order, so the output is what one thread would write. Calls travel in batches of 64 (or
 * 256 KiB of stubs); the queue is bounded by calls and by stub bytes: a slow consumer makes the
 * capture side wait, never drop (README "Performance").
 */
#ifndef CSVP_PIPELINE_H
#define CSVP_PIPELINE_H

#include "capture.h"

typedef struct pipeline pipeline;

/* consume(user, call) runs on the second thread, in push order; the call is freed after it. */
pipeline *pipeline_new(capture_call_fn consume, void *user, guint max_calls, gsize max_bytes);
void pipeline_push(void *pipeline, rpc_call *call);
/* Waits until every pushed call was consumed, then ends the thread and frees the pipeline. */
void pipeline_finish(pipeline *pl);

#endif
