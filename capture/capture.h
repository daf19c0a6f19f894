/* capture.h - the capture pipeline in one call: files or a live interface -> rpc_call records.
 *
 *   capture_opts o;
 *   capture_opts_init(&o);
 *   o.files = argv + optind; o.n_files = argc - optind;
 *   capture_stats st;
 *   int status = capture_run(&o, on_call, on_error, ctx, &st);   // 0, 1 or 2
 *
 * Calls arrive in the capture order of their requests, each once its response (or fault)
 * was seen, or unanswered (response_frame 0) after the queue limits or at the end.
 */
#ifndef CSVP_CAPTURE_H
#define CSVP_CAPTURE_H

#include "dcerpc_co.h"
#include "netlayers.h"
#include "rpc_call.h"
#include "tcp_reasm.h"

#include <glib.h>

typedef struct capture_opts {
    const char *const *files;   /* pcap/pcapng files, "-" = stdin */
    guint n_files;
    const char *iface;          /* live capture instead of files when set */
    const char *filter;         /* BPF filter for live capture, may be NULL */
    int snaplen;                /* live capture snapshot length (0: 262144) */
    net_limits net;
    tcp_limits tcp;
    dcerpc_limits dce;
    guint max_pending_calls;    /* default 10000 */
    gint64 call_timeout_us;     /* capture time a call waits for its response (default 60 s) */
    const sec_keys *keys;       /* for sealed and signed associations (sec_keys.h); NULL: none */
    bool read_ahead;            /* files are read on a thread of their own (frame_ahead.h) */
} capture_opts;

typedef struct capture_stats {
    guint64 packets;
    guint64 bytes;              /* original (wire) lengths */
    guint64 tcp_connections;
    guint64 dcerpc_pdus;
    guint64 calls;
    guint64 decode_errors;      /* problems reported on their own; a call's are in its rpc_call.errors */
    guint unusable_inputs;      /* files that could not be read as captures */
    gsize pending_bytes_peak;   /* the most stub bytes calls in flight held at once */
    /* What the memory limits ended (README "Limits"). */
    guint64 calls_unanswered;   /* delivered with a request and no response or fault */
    guint64 calls_expired;      /* of those, given up after call_timeout_us of capture time */
    guint64 calls_evicted;      /* given up because max_pending_calls waited, or dropped by the
                                   DCE/RPC layer's per-connection or total caps */
    guint64 connections_expired;   /* idle past tcp.idle_timeout_us */
    guint64 connections_evicted;   /* least recently active, when tcp.max_connections were open */
    int status;                 /* 0 ok, 1 decode errors seen, 2 unusable input */
    GPtrArray *sealed_associations; /* of dcerpc_sealed_assoc*: stubs left sealed, and why; NULL when
                                       none, else the caller's to g_ptr_array_unref */
} capture_stats;

/* call is the callback's, to free with rpc_call_free when it is done with it (on the capture
 * thread: the record and its stubs go back to that thread's pool). */
typedef void (*capture_call_fn)(void *user, rpc_call *call);
/* One line: "<file>: frame <n>: <problem>" (or "<file>: <problem>"). */
typedef void (*capture_error_fn)(void *user, const char *msg);

void capture_opts_init(capture_opts *o);
int capture_run(const capture_opts *o, capture_call_fn on_call, capture_error_fn on_error, void *user,
                capture_stats *stats);
/* Stops a running capture_run soon; calls still pending are delivered. capture_stop is for a signal
 * handler on the capture thread, capture_stop_from_thread for any other thread. */
void capture_stop(void);
void capture_stop_from_thread(void);

#endif
