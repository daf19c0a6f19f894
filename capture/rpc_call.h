/* rpc_call.h - one matched DCE/RPC call as the capture layers hand it to csvpdump.
 *
 * The capture side (pcap_input -> netlayers -> tcp_reasm -> dcerpc_co) knows
 * nothing of MS-CSVP; it produces these records. csvpdump's front end looks the
 * interface up in the csvp/ tables and runs the walker on the stubs.
 */
#ifndef CSVP_RPC_CALL_H
#define CSVP_RPC_CALL_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* One side of a connection as text: "10.0.0.5:49712" or "[fd00::5]:49712". */
#define RPC_ENDPOINT_LEN 64

/* The stub bytes all calls in flight hold, shared by the calls of one capture run: charged as
 * fragments arrive (never from a sender's alloc_hint), released when the call is freed. */
typedef struct rpc_budget {
    gsize held;
    gsize peak;
    gsize limit;                /* charges that would pass it are refused */
} rpc_budget;

typedef struct rpc_call {
    /* Where the request was seen. Frame numbers are 1-based per file, as Wireshark counts. */
    guint file_index;           /* index into the file list given on the command line */
    guint64 frame;              /* frame holding the last byte of the request PDU */
    guint64 response_frame;     /* 0 when no response or fault was seen */
    gint64 time_us;             /* request timestamp, microseconds since the epoch */
    gint64 response_time_us;    /* 0 when no response */
    char client[RPC_ENDPOINT_LEN];
    char server[RPC_ENDPOINT_LEN];
    guint64 conn_id;            /* stable id of the TCP connection within this run */

    /* DCE/RPC header facts (C706 12.6, MS-RPCE 2.2.2). */
    guint32 call_id;
    guint16 opnum;
    guint8 iface_uuid[16];      /* interface bound to the presentation context, wire order as in C706 (big-endian text order) */
    guint16 iface_ver_major, iface_ver_minor;
    bool ndr64;                 /* context negotiated NDR64: not decoded */
    bool has_object;
    guint8 object_uuid[16];     /* IPID from the request header (PFC_OBJECT_UUID) */
    guint8 req_drep[4];         /* data representation of the request PDU */
    guint8 resp_drep[4];

    /* Stub bytes with auth verifier and auth padding removed, fragments joined. */
    GByteArray *request_stub;   /* NULL if the request was never seen complete */
    GByteArray *response_stub;  /* NULL if no response PDU */
    bool request_encrypted;     /* sealed (auth level privacy) and not decrypted */
    bool response_encrypted;
    bool sealed;                /* a PDU of the call was sealed, decrypted or not */
    bool request_unverified;    /* PKT_INTEGRITY signature failed: stub not to be decoded */
    bool response_unverified;
    bool faulted;
    guint32 fault_status;       /* valid when faulted */

    /* Problems found below the stub (truncated PDU, gap in the stream, ...). */
    GPtrArray *errors;          /* of char*, owned */

    /* Added by the capture layers. response_time_us above is the response time
     * (response timestamp - request timestamp); the absolute one is here. */
    gint64 response_ts_us;      /* response/fault timestamp, 0 when none */
    guint response_file_index;  /* file holding response_frame */
    guint16 p_cont_id;          /* presentation context of the request */
    bool iface_known;           /* false: no bind/alter_context for p_cont_id was seen */
    bool request_seen;          /* false: only the response/fault was captured (opnum, time invalid; frame
                                   is the rejected request's when one was seen, else 0) */
    bool context_unbound;       /* the association's bind was seen and no bind or alter_context proposed
                                   p_cont_id: the interface must not be inferred */

    rpc_budget *budget;         /* what charged is counted against, or NULL */
    gsize charged;
} rpc_call;

rpc_call *rpc_call_new(void);
/* Gives c's charge back to its budget: c is handed to code that may keep it past the run. */
void rpc_call_uncharge(rpc_call *c);
/* An empty stub buffer for about `reserve` bytes (freed with the call, or g_byte_array_unref). */
GByteArray *rpc_call_stub_new(gsize reserve);
void rpc_call_free(rpc_call *c);
/* Counts n more held bytes against b; false (nothing charged) when that would pass its limit. */
bool rpc_call_charge(rpc_call *c, rpc_budget *b, gsize n);
void rpc_call_add_error(rpc_call *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

#endif
