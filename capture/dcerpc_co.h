/* dcerpc_co.h - DCE/RPC connection-oriented PDUs (C706 chapter 12, MS-RPCE 2.2.2) over
 * reassembled TCP streams, matched into rpc_call records handed to a call_queue.
 *
 * Per connection: presentation contexts from bind/alter_context and their results, fragments
 * joined per call_id (capped), auth verifier and padding stripped, responses and faults
 * matched to requests by call_id. After a stream gap or a garbage header the stream is
 * scanned for the next plausible PDU header.
 */
#ifndef CSVP_DCERPC_CO_H
#define CSVP_DCERPC_CO_H

#include "call_queue.h"
#include "dcerpc_pdu.h"
#include "rpc_call.h"
#include "sec_provider.h"
#include "tcp_reasm.h"

#include <glib.h>
#include <stdbool.h>


typedef struct dcerpc_limits {
    guint32 max_frag_length;   /* larger frag_length is treated as garbage (default 65535) */
    gsize max_call_bytes;      /* joined stub per direction of a call (default 16 MiB) */
    guint max_calls_per_conn;  /* calls being assembled or awaiting a response (default 8192) */
    guint max_contexts;        /* presentation contexts per connection (default 1024) */
    gsize max_pending_bytes;   /* stub bytes all calls in flight may hold together (default 32 MiB) */
    guint max_assembling;      /* requests still arriving, over all connections (default 4096);
                                  the oldest is evicted for a new one */
} dcerpc_limits;

void dcerpc_limits_default(dcerpc_limits *l);

/* A problem at (file_index, frame). attached: the message was also added to a call's errors. */
typedef void (*dcerpc_error_fn)(void *user, guint file_index, guint64 frame, bool attached,
                                const char *msg);

typedef struct dcerpc_co dcerpc_co;

dcerpc_co *dcerpc_co_new(const dcerpc_limits *lim, call_queue *q, dcerpc_error_fn err, void *user);
/* The tcp_reasm callbacks, to be forwarded. */
void dcerpc_co_data(dcerpc_co *d, tcp_conn_info *c, int dir, const guint8 *data, gsize len, const tcp_meta *m);
/* Reports the gap (once the connection is known to carry DCE/RPC) and resynchronises. */
void dcerpc_co_gap(dcerpc_co *d, tcp_conn_info *c, int dir, guint32 seq, guint32 rel_seq, guint32 len,
                   const char *why, const tcp_meta *m);
void dcerpc_co_closed(dcerpc_co *d, tcp_conn_info *c);
/* For call_queue's detach callback (user = the dcerpc_co). */
void dcerpc_co_detach(void *dcerpc, cq_entry *e);
guint64 dcerpc_co_pdu_count(const dcerpc_co *d);
/* The most stub bytes calls in flight held at once. */
gsize dcerpc_co_pending_bytes_peak(const dcerpc_co *d);
/* Requests and responses dropped or evicted by the caps. */
guint64 dcerpc_co_dropped_count(const dcerpc_co *d);
/* Keys for the security providers (borrowed; NULL: none). Without keys sealed stubs stay sealed. */
void dcerpc_co_set_keys(dcerpc_co *d, const sec_keys *keys);

/* An association whose stubs stayed sealed, and why (json-output.md summary sealed_associations). */
typedef struct dcerpc_sealed_assoc {
    char client[RPC_ENDPOINT_LEN], server[RPC_ENDPOINT_LEN];
    char *mechanism;        /* "NTLMSSP for CONTOSO\admin" */
    char *reason;           /* "no key (give --password or --nt-hash)" */
} dcerpc_sealed_assoc;
void dcerpc_sealed_assoc_free(gpointer s);
/* The list so far (NULL when none), handed over: g_ptr_array_unref frees it. */
GPtrArray *dcerpc_co_take_sealed(dcerpc_co *d);
void dcerpc_co_free(dcerpc_co *d);

/* Helpers exposed for tests and other layers. */
bool dcerpc_header_plausible(const guint8 *p, gsize len, guint32 max_frag_length);
/* 16 wire bytes in the given drep to canonical (big-endian text) order. */
void dcerpc_uuid_to_canonical(guint8 out[16], const guint8 *wire, bool little_endian);

#endif
