/* capture.c - pcap_input -> netlayers -> tcp_reasm -> dcerpc_co -> call_queue. */
#include "capture.h"

#include "call_queue.h"
#include "frame_ahead.h"
#include "pcap_input.h"

#include <signal.h>
#include <string.h>

typedef struct run_ctx {
    const capture_opts *o;
    capture_call_fn on_call;
    capture_error_fn on_error;
    void *user;
    capture_stats *st;
    const pcap_frame *cur;      /* frame being processed */
    dcerpc_co *dce;
} run_ctx;

static volatile sig_atomic_t stop_requested;
static pcap_input *volatile running_input;
/* running_input against capture_stop_from_thread on another thread while capture_run closes it. A
 * signal handler cannot take it: signals reach the capture thread only (the decode thread blocks
 * them), and capture_run clears running_input before closing the input. */
static GMutex input_lock;

void capture_stop(void)
{
    stop_requested = 1;
    pcap_input *in = running_input;
    if (in)
        pcap_input_break(in);
}

void capture_stop_from_thread(void)
{
    g_mutex_lock(&input_lock);
    capture_stop();
    g_mutex_unlock(&input_lock);
}

static void set_running_input(pcap_input *in)
{
    g_mutex_lock(&input_lock);
    running_input = in;
    g_mutex_unlock(&input_lock);
}

void capture_opts_init(capture_opts *o)
{
    memset(o, 0, sizeof *o);
    net_limits_default(&o->net);
    tcp_limits_default(&o->tcp);
    dcerpc_limits_default(&o->dce);
    o->max_pending_calls = 10000;
    o->call_timeout_us = 60 * G_USEC_PER_SEC;
}

static const char *file_name(run_ctx *x, guint idx)
{
    if (x->o->iface)
        return x->o->iface;
    if (idx < x->o->n_files)
        return strcmp(x->o->files[idx], "-") == 0 ? "<stdin>" : x->o->files[idx];
    return "?";
}

static void emit(run_ctx *x, guint file_index, guint64 frame, const char *msg)
{
    x->st->decode_errors++;
    if (!x->on_error)
        return;
    char *line = frame ? g_strdup_printf("%s: frame %" G_GUINT64_FORMAT ": %s", file_name(x, file_index), frame, msg)
                       : g_strdup_printf("%s: %s", file_name(x, file_index), msg);
    x->on_error(x->user, line);
    g_free(line);
}

static void on_input_error(void *user, int severity, const char *msg)
{
    run_ctx *x = user;
    if (severity == PCAP_INPUT_DECODE_ERROR)
        x->st->decode_errors++;
    if (x->on_error)
        x->on_error(x->user, msg); /* already names the file (and frame) */
}

static void on_net_error(void *user, const char *msg)
{
    run_ctx *x = user;
    emit(x, x->cur ? x->cur->file_index : 0, x->cur ? x->cur->frame : 0, msg);
}

static void on_dce_error(void *user, guint file_index, guint64 frame, bool attached, const char *msg)
{
    run_ctx *x = user;
    if (attached)   /* printed and counted with its call, as the errors rpc_call_add_error adds directly */
        return;
    emit(x, file_index, frame, msg);
}

static void tcp_data(void *user, tcp_conn_info *c, int dir, const guint8 *data, gsize len, const tcp_meta *m)
{
    run_ctx *x = user;
    dcerpc_co_data(x->dce, c, dir, data, len, m);
}

static void tcp_gap(void *user, tcp_conn_info *c, int dir, guint32 seq, guint32 rel, guint32 len, const char *why,
                    const tcp_meta *m)
{
    run_ctx *x = user;
    dcerpc_co_gap(x->dce, c, dir, seq, rel, len, why, m);
}

static void tcp_closed(void *user, tcp_conn_info *c)
{
    run_ctx *x = user;
    dcerpc_co_closed(x->dce, c);
}

static void deliver(void *user, rpc_call *call)
{
    run_ctx *x = user;
    x->st->calls++;
    if (call->request_seen && !call->response_frame)
        x->st->calls_unanswered++;
    if (x->on_call)
        x->on_call(x->user, call);
    else
        rpc_call_free(call);
}

int capture_run(const capture_opts *o, capture_call_fn on_call, capture_error_fn on_error, void *user,
                capture_stats *stats)
{
    capture_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    run_ctx x = { .o = o, .on_call = on_call, .on_error = on_error, .user = user, .st = stats };
    stop_requested = 0;

    pcap_input *in;
    if (o->iface)
        in = pcap_input_open_live(o->iface, o->filter, o->snaplen, on_input_error, &x);
    else
        in = pcap_input_open_files(o->files, o->n_files, on_input_error, &x);
    if (!in) {
        stats->unusable_inputs = 1;
        stats->status = 2;
        return 2;
    }
    set_running_input(in);

    call_queue *q = call_queue_new(o->max_pending_calls, o->call_timeout_us, deliver, dcerpc_co_detach, &x);
    x.dce = dcerpc_co_new(&o->dce, q, on_dce_error, &x);
    dcerpc_co_set_keys(x.dce, o->keys);
    netlayers *nl = netlayers_new(&o->net, on_net_error, &x);
    tcp_callbacks cb = { tcp_data, tcp_gap, tcp_closed, on_net_error };
    tcp_reasm *tr = tcp_reasm_new(&o->tcp, &cb, &x);

    frame_ahead *ahead = o->read_ahead && !o->iface ? frame_ahead_new(in) : NULL;
    pcap_frame f;
    tcp_segment seg;
    while (!stop_requested && (ahead ? frame_ahead_next(ahead, &f) : pcap_input_next(in, &f))) {
        x.cur = &f;
        stats->packets++;
        stats->bytes += f.len;
        if (netlayers_decode(nl, f.linktype, f.data, f.caplen, f.len, f.ts_us, &seg) == NET_TCP) {
            tcp_meta m = { f.file_index, f.frame, f.ts_us };
            tcp_reasm_segment(tr, &seg, &m);
        }
        call_queue_advance(q, f.ts_us);
    }
    x.cur = NULL;
    frame_ahead_free(ahead);
    tcp_reasm_finish(tr);
    call_queue_flush(q);

    stats->tcp_connections = tcp_reasm_connection_count(tr);
    stats->dcerpc_pdus = dcerpc_co_pdu_count(x.dce);
    stats->pending_bytes_peak = dcerpc_co_pending_bytes_peak(x.dce);
    stats->calls_expired = call_queue_expired(q);
    stats->calls_evicted = call_queue_evicted(q) + dcerpc_co_dropped_count(x.dce);
    stats->connections_expired = tcp_reasm_expired_count(tr);
    stats->connections_evicted = tcp_reasm_evicted_count(tr);
    stats->sealed_associations = dcerpc_co_take_sealed(x.dce);
    stats->unusable_inputs = pcap_input_unusable_count(in);
    set_running_input(NULL);
    tcp_reasm_free(tr);
    netlayers_free(nl);
    call_queue_free(q);
    dcerpc_co_free(x.dce);
    pcap_input_close(in);

    stats->status = stats->unusable_inputs ? 2 : stats->decode_errors ? 1 : 0;
    return stats->status;
}
