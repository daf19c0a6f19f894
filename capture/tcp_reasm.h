/* tcp_reasm.h - bidirectional TCP stream reassembly.
 *
 * Per connection (4-tuple, either direction) and per direction: out-of-order segments are
 * buffered (first copy wins on overlaps), retransmissions dropped, sequence numbers compared
 * with serial-number arithmetic. A capture may start mid-stream: a direction starts at the
 * first segment seen. A hole is skipped ("gap") when the receiver acknowledged data beyond
 * it, when more than `window` bytes are buffered after it, or when it is older than
 * `gap_timeout_us` of capture time. Memory is bounded per connection and in number of
 * connections.
 */
#ifndef CSVP_TCP_REASM_H
#define CSVP_TCP_REASM_H

#include "netlayers.h"
#include "rpc_call.h"

#include <glib.h>
#include <stdbool.h>

typedef struct tcp_meta {
    guint file_index;
    guint64 frame;
    gint64 ts_us;
} tcp_meta;

/* Public part of a connection. Side 0 is the initiator (SYN sender, or the sender of the
 * first segment seen when the handshake is not in the capture). */
typedef struct tcp_conn_info {
    guint64 id;                               /* 1, 2, ... in order of appearance */
    char endpoint[2][RPC_ENDPOINT_LEN];       /* "addr:port" of side 0 and side 1 */
    void *app;                                /* owned by the upper layer */
} tcp_conn_info;

typedef struct tcp_callbacks {
    /* In-order bytes of direction dir (0: side 0 -> side 1). m names the segment carrying them. */
    void (*data)(void *user, tcp_conn_info *c, int dir, const guint8 *data, gsize len, const tcp_meta *m);
    /* len bytes starting at seq (rel_seq from the stream start) were never seen; the stream
     * continues after them. why: "timeout", "acknowledged by the receiver", ... The upper layer
     * reports it (it knows whether the connection matters). */
    void (*gap)(void *user, tcp_conn_info *c, int dir, guint32 seq, guint32 rel_seq, guint32 len,
                const char *why, const tcp_meta *m);
    /* The connection ended (FIN both ways, RST, eviction or end of input). Release c->app. */
    void (*closed)(void *user, tcp_conn_info *c);
    /* A one-line problem report (caps hit). */
    void (*error)(void *user, const char *msg);
} tcp_callbacks;

typedef struct tcp_limits {
    gsize max_ooo_bytes;         /* buffered out-of-order bytes per connection (default 1 MiB) */
    guint max_ooo_segments;      /* buffered segments per direction (default 4096) */
    gsize window;                /* bytes buffered past a hole before it is declared a gap (64 KiB) */
    gint64 gap_timeout_us;       /* capture time a hole may stay open (default 5 s) */
    guint max_connections;       /* table size (default 16384); least recently used evicted */
    gint64 idle_timeout_us;      /* idle open connections evicted after this (default 600 s) */
    gint64 closed_linger_us;     /* closed connections kept to absorb late segments (default 5 s) */
} tcp_limits;

void tcp_limits_default(tcp_limits *l);

typedef struct tcp_reasm tcp_reasm;

tcp_reasm *tcp_reasm_new(const tcp_limits *lim, const tcp_callbacks *cb, void *user);
void tcp_reasm_segment(tcp_reasm *r, const tcp_segment *seg, const tcp_meta *m);
/* Flushes every connection (buffered data delivered after gaps) and closes it. */
void tcp_reasm_finish(tcp_reasm *r);
guint64 tcp_reasm_connection_count(const tcp_reasm *r);   /* connections seen so far */
/* Open connections ended by the limits: idle past idle_timeout_us, or the least recently
 * active when max_connections were tracked. */
guint64 tcp_reasm_expired_count(const tcp_reasm *r);
guint64 tcp_reasm_evicted_count(const tcp_reasm *r);
void tcp_reasm_free(tcp_reasm *r);

#endif
