/* dcerpc_co.c - DCE/RPC connection-oriented PDU parsing, fragment joining and call matching.
 *
 * Layouts (C706 12.6, MS-RPCE 2.2.2):
 *   common header (16): rpc_vers(1)=5 rpc_vers_minor(1) PTYPE(1) pfc_flags(1) drep(4)
 *                       frag_length(2) auth_length(2) call_id(4)
 *   request  (+8):  alloc_hint(4) p_cont_id(2) opnum(2) [object UUID(16) if PFC_OBJECT_UUID]
 *   response (+8):  alloc_hint(4) p_cont_id(2) cancel_count(1) reserved(1)
 *   fault    (+16): alloc_hint(4) p_cont_id(2) cancel_count(1) reserved(1) status(4) reserved(4)
 *   bind / alter_context (+12): max_xmit_frag(2) max_recv_frag(2) assoc_group_id(4)
 *       p_cont_list: n_context_elem(1) reserved(1) reserved2(2), then per element:
 *       p_cont_id(2) n_transfer_syn(1) reserved(1) abstract_syntax(20) transfer_syntaxes(20 each)
 *       where a syntax id is UUID(16) + version major(2) + minor(2)
 *   bind_ack / alter_context_resp: max_xmit(2) max_recv(2) assoc_group(4) sec_addr: length(2)
 *       + port_spec(length), pad to 4 (from the PDU start), p_result_list: n_results(1)
 *       reserved(1) reserved2(2), then per result: result(2) reason(2) transfer_syntax(20)
 *   auth verifier at the end: sec_trailer(8): auth_type(1) auth_level(1) auth_pad_length(1)
 *       auth_reserved(1) auth_context_id(4), then auth_length bytes of credentials. The
 *       auth_pad_length bytes before the sec_trailer are padding, not stub.
 */
#include "dcerpc_co.h"
#include "cursor.h"
#include "sec_assoc.h"

#include <string.h>

#define MAX_TS_PER_CTX 8

/* NDR 2.0 and NDR64 transfer syntaxes in canonical byte order. */
static const guint8 NDR20_UUID[16] = { 0x8a, 0x88, 0x5d, 0x04, 0x1c, 0xeb, 0x11, 0xc9,
                                       0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 };
static const guint8 NDR64_UUID[16] = { 0x71, 0x71, 0x05, 0x33, 0xbe, 0xba, 0x49, 0x37,
                                       0x83, 0x19, 0xb5, 0xdb, 0xef, 0x9c, 0xcc, 0x36 };

enum { TS_OTHER = 0, TS_NDR20 = 1, TS_NDR64 = 2 };

typedef struct dce_ctx {
    guint16 id;
    guint8 uuid[16];
    guint16 ver_major, ver_minor;
    guint8 n_ts;
    guint8 ts_kind[MAX_TS_PER_CTX];
    bool acked;          /* a result for it was seen */
    bool accepted;
    bool ndr64;          /* accepted transfer syntax is NDR64 */
} dce_ctx;

typedef struct dce_dir {
    GByteArray *buf;     /* bytes of an incomplete PDU (or being scanned when hunting) */
    guint pos;           /* consumed prefix of buf */
    bool hunting;
    bool started;        /* first bytes of this direction seen */
    bool joined_midway;  /* the capture began inside this direction's stream: leading bytes are expected */
    guint64 skipped;
    guint hunt_file;
    guint64 hunt_frame;
} dce_dir;

typedef struct dce_conn dce_conn;

typedef struct dce_call {
    dce_conn *conn;
    rpc_call *call;      /* owned here until pushed to the queue */
    cq_entry *qe;        /* set once the request is complete */
    bool req_broken;     /* a fragment of the request was lost */
    bool req_capped, resp_capped;
    bool resp_started;
    GList assembling;    /* in dcerpc_co.assembling until the request is complete */
} dce_call;

struct dce_conn {
    dcerpc_co *owner;
    tcp_conn_info *tc;
    GHashTable *contexts;   /* p_cont_id -> dce_ctx*; NULL until a bind or alter_context (most
                               connections of a capture begun mid-session never carry one) */
    GArray *proposed;       /* guint16 ids of the last bind/alter_context, in order; NULL with contexts */
    GHashTable *calls;      /* call_id -> dce_call* */
    dce_dir dir[2];
    sec_assoc *sec;         /* auth contexts, once an auth verifier was seen */
    bool sealed_reported;   /* the association's stubs stay sealed and the summary says why */
    bool confirmed;         /* a valid PDU was seen: problems are reported from now on */
    bool bind_seen;         /* a bind of this association is in the capture */
    GHashTable *rejected;   /* call_id -> frame of a request PDU dropped as malformed (bounded); NULL
                               until one is: made per connection, it cost as much as the calls */
    bool ignored;           /* no DCE/RPC header found in the first bytes: not our traffic */
    guint64 unconfirmed_bytes;
};

struct dcerpc_co {
    dcerpc_limits lim;
    call_queue *q;
    dcerpc_error_fn err;
    void *user;
    guint64 pdus;
    rpc_budget budget;
    GQueue assembling;   /* calls whose request is still arriving, oldest first */
    guint64 dropped;     /* requests and responses the caps dropped or evicted */
    const sec_keys *keys;
    GByteArray *clear;      /* the PDU being unwrapped, with its stub in clear */
    GString *why;
    GPtrArray *sealed;      /* of dcerpc_sealed_assoc*, NULL while none */
    /* Emptied tables and buffers of closed connections, for the next ones: a connection carries a
     * few calls, and making and destroying its two tables and two buffers cost about as much as
     * matching them. At most SPARE tables of each kind and SPARE_BUFS buffers (a kept buffer may
     * have grown to 256 KiB: a fragment of 64 KiB after carried-over bytes, doubled). */
    GPtrArray *spare_calls, *spare_contexts, *spare_bufs;
};

#define SPARE 32
#define SPARE_BUFS 8

/* What the auth verifier of one request or response PDU says about its stub. */
typedef struct pdu_prot {
    bool sealed;            /* PKT_PRIVACY */
    bool verified;          /* unwrapped: the stub bytes handed on are clear and authentic */
    const char *failed;     /* the signature did not verify: why (no values from this stub) */
} pdu_prot;

void dcerpc_limits_default(dcerpc_limits *l)
{
    l->max_frag_length = 65535;
    l->max_call_bytes = 16 * 1024 * 1024;
    l->max_calls_per_conn = 8192;
    l->max_contexts = 1024;
    l->max_pending_bytes = 32 * 1024 * 1024;
    l->max_assembling = 4096;
}

dcerpc_co *dcerpc_co_new(const dcerpc_limits *lim, call_queue *q, dcerpc_error_fn err, void *user)
{
    dcerpc_co *d = g_new0(dcerpc_co, 1);
    dcerpc_limits_default(&d->lim);
    if (lim) {
        if (lim->max_frag_length >= CSVP_DCE_HDR_LEN) d->lim.max_frag_length = lim->max_frag_length;
        if (lim->max_call_bytes) d->lim.max_call_bytes = lim->max_call_bytes;
        if (lim->max_calls_per_conn) d->lim.max_calls_per_conn = lim->max_calls_per_conn;
        if (lim->max_contexts) d->lim.max_contexts = lim->max_contexts;
        if (lim->max_pending_bytes) d->lim.max_pending_bytes = lim->max_pending_bytes;
        if (lim->max_assembling) d->lim.max_assembling = lim->max_assembling;
    }
    d->budget.limit = d->lim.max_pending_bytes;
    d->q = q;
    d->err = err;
    d->user = user;
    d->clear = g_byte_array_new();
    d->why = g_string_new(NULL);
    d->spare_calls = g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_destroy);
    d->spare_contexts = g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_destroy);
    d->spare_bufs = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    return d;
}

/* A kept table or buffer (emptied when kept), or NULL. */
static gpointer take_spare(GPtrArray *spare)
{
    return spare->len ? g_ptr_array_steal_index_fast(spare, spare->len - 1) : NULL;
}

/* An emptied table starts over at its smallest size, as a new one would: the order in which a
 * connection's calls are visited when it closes is the same either way. */
static void keep_table(GPtrArray *spare, GHashTable *t)
{
    if (spare->len < SPARE) {
        g_hash_table_remove_all(t);
        g_ptr_array_add(spare, t);
    } else {
        g_hash_table_destroy(t);
    }
}

static void keep_buf(GPtrArray *spare, GByteArray *b)
{
    if (spare->len < SPARE_BUFS) {
        g_byte_array_set_size(b, 0);
        g_ptr_array_add(spare, b);
    } else {
        g_byte_array_unref(b);
    }
}

void dcerpc_co_set_keys(dcerpc_co *d, const sec_keys *keys)
{
    d->keys = keys;
}

void dcerpc_sealed_assoc_free(gpointer p)
{
    dcerpc_sealed_assoc *s = p;
    g_free(s->mechanism);
    g_free(s->reason);
    g_free(s);
}

GPtrArray *dcerpc_co_take_sealed(dcerpc_co *d)
{
    GPtrArray *s = d->sealed;
    d->sealed = NULL;
    return s;
}

void dcerpc_co_free(dcerpc_co *d)
{
    if (d->sealed)
        g_ptr_array_unref(d->sealed);
    g_byte_array_unref(d->clear);
    g_string_free(d->why, TRUE);
    g_ptr_array_unref(d->spare_calls);
    g_ptr_array_unref(d->spare_contexts);
    g_ptr_array_unref(d->spare_bufs);
    g_free(d);
}

guint64 dcerpc_co_pdu_count(const dcerpc_co *d)
{
    return d->pdus;
}

gsize dcerpc_co_pending_bytes_peak(const dcerpc_co *d)
{
    return d->budget.peak;
}

guint64 dcerpc_co_dropped_count(const dcerpc_co *d)
{
    return d->dropped;
}

/* ---- reporting ---- */

static void d_report(dcerpc_co *d, const tcp_meta *m, rpc_call *attach, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
static void d_report(dcerpc_co *d, const tcp_meta *m, rpc_call *attach, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (attach)
        rpc_call_add_error(attach, "frame %" G_GUINT64_FORMAT ": %s", m->frame, msg);
    if (d->err)
        d->err(d->user, m->file_index, m->frame, attach != NULL, msg);
    g_free(msg);
}

/* ---- the common header and the fixed bodies ---- */

/* The header at p, when len bytes hold one. */
G_ALWAYS_INLINE static inline bool peek_header(const guint8 *p, gsize len, csvp_dce_hdr *h)
{
    csvp_cursor c = csvp_cur_make(p, len, false, 0);
    return csvp_dce_read_header(&c, h);
}

void dcerpc_uuid_to_canonical(guint8 out[16], const guint8 *w, bool le)
{
    if (le) {
        out[0] = w[3]; out[1] = w[2]; out[2] = w[1]; out[3] = w[0];
        out[4] = w[5]; out[5] = w[4];
        out[6] = w[7]; out[7] = w[6];
    } else {
        memcpy(out, w, 8);
    }
    memcpy(out + 8, w + 8, 8);
}

static bool known_ptype(guint8 t)
{
    return t <= 19 && t != 4 && t != 5 && t != 6 && t != 7 && t != 8 && t != 9 && t != 10;
}

bool dcerpc_header_plausible(const guint8 *p, gsize len, guint32 max_frag)
{
    csvp_dce_hdr h;
    if (!peek_header(p, len, &h))
        return false;
    if (h.vers != 5 || h.vers_minor > 1 || !known_ptype(h.ptype))
        return false;
    /* drep: integer rep in the high nibble of byte 0 (0 or 1), character rep in the low
     * nibble (0 ASCII, 1 EBCDIC); float rep 0..3; the other two bytes are reserved zero. */
    if ((h.drep[0] & 0xee) != 0 || h.drep[1] > 3 || h.drep[2] != 0 || h.drep[3] != 0)
        return false;
    if (h.frag_length < csvp_dce_min_len(h.ptype) || h.frag_length > max_frag)
        return false;
    if (h.auth_length && (guint64)h.auth_length + 8 + csvp_dce_min_len(h.ptype) > h.frag_length)
        return false;
    return true;
}


/* ---- connections ---- */

static void unassemble(dcerpc_co *d, dce_call *dc)
{
    if (dc->assembling.data)
        g_queue_unlink(&d->assembling, &dc->assembling);
    dc->assembling.data = NULL;
}

/* g_new and an initialiser, not g_new0: glibc's calloc bypasses its per-thread cache, and this
 * runs once per call. */
static dce_call *dce_call_new(dce_conn *c)
{
    dce_call *dc = g_new(dce_call, 1);
    *dc = (dce_call){.conn = c, .call = rpc_call_new()};
    return dc;
}

/* Frees a call that never reached the queue. Its errors would have been printed and counted with
 * it: they go out on their own now (each already names its frame). */
static void call_free(dcerpc_co *d, dce_call *dc)
{
    unassemble(d, dc);
    for (guint i = 0; d->err && dc->call->errors && i < dc->call->errors->len; i++)
        d->err(d->user, dc->call->file_index, 0, false, g_ptr_array_index(dc->call->errors, i));
    rpc_call_free(dc->call);
    g_free(dc);
}

static dce_ctx *ctx_find(const dce_conn *c, guint16 id)
{
    return c->contexts ? g_hash_table_lookup(c->contexts, GUINT_TO_POINTER(id)) : NULL;
}

static guint proposed_len(const dce_conn *c)
{
    return c->proposed ? c->proposed->len : 0;
}

static dce_conn *conn_get(dcerpc_co *d, tcp_conn_info *tc)
{
    dce_conn *c = tc->app;
    if (c)
        return c;
    c = g_new0(dce_conn, 1);
    c->owner = d;
    c->tc = tc;
    c->calls = take_spare(d->spare_calls);
    if (!c->calls)
        c->calls = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (int i = 0; i < 2; i++) {
        c->dir[i].buf = take_spare(d->spare_bufs);
        if (!c->dir[i].buf)
            c->dir[i].buf = g_byte_array_new();
    }
    tc->app = c;
    return c;
}

void dcerpc_co_detach(void *dcerpc, cq_entry *e)
{
    (void)dcerpc;
    dce_call *dc = e->owner;
    if (!dc)
        return;
    g_hash_table_remove(dc->conn->calls, GUINT_TO_POINTER(dc->call->call_id));
    e->owner = NULL;
    g_free(dc);
}

/* Puts a call whose request is complete (or given up on) into the delivery queue. */
static void enqueue(dcerpc_co *d, dce_call *dc, gint64 now)
{
    unassemble(d, dc);
    dc->qe = call_queue_push(d->q, dc->call, dc, now);
}

/* Removes dc from its connection and hands the call over as finished. */
static void finish(dcerpc_co *d, dce_call *dc, gint64 now)
{
    g_hash_table_remove(dc->conn->calls, GUINT_TO_POINTER(dc->call->call_id));
    if (!dc->qe)
        enqueue(d, dc, now);
    /* dc is alive, so its entry is too: flushing an owned entry detaches (frees) its owner. */
    cq_entry *e = dc->qe;
    e->owner = NULL;
    g_free(dc);
    call_queue_complete(d->q, e);
}

void dcerpc_co_closed(dcerpc_co *d, tcp_conn_info *tc)
{
    dce_conn *c = tc->app;
    if (!c)
        return;
    tc->app = NULL;
    /* Take every call out of the table and settle every queue entry it holds before anything
     * is pushed or delivered: a push may flush entries of this very connection, which must be
     * nobody's by then (the use after free of ../shared/repro/queue_uaf.pcap). */
    guint n = g_hash_table_size(c->calls);
    dce_call **all = n ? g_new(dce_call *, n) : NULL;   /* most connections end with none */
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, c->calls);
    for (guint i = 0; g_hash_table_iter_next(&it, NULL, &v); i++)
        all[i] = v;
    g_hash_table_steal_all(c->calls);
    for (guint i = 0; i < n; i++) {
        dce_call *dc = all[i];
        if (dc->qe)
            call_queue_settle(dc->qe);
    }
    for (guint i = 0; i < n; i++) {
        dce_call *dc = all[i];
        if (!dc->qe) {
            unassemble(d, dc);
            tcp_meta m = { dc->call->file_index, dc->call->frame, dc->call->time_us };
            if (dc->call->request_stub) {
                g_byte_array_unref(dc->call->request_stub);
                dc->call->request_stub = NULL;
            }
            d_report(d, &m, dc->call, "request call_id %u incomplete when the connection ended",
                     dc->call->call_id);
            call_queue_push_settled(d->q, dc->call, dc->call->time_us);
        }
        g_free(dc);
    }
    call_queue_deliver(d->q);
    g_free(all);
    keep_table(d->spare_calls, c->calls);
    if (c->rejected)
        g_hash_table_destroy(c->rejected);
    if (c->contexts) {
        keep_table(d->spare_contexts, c->contexts);
        g_array_free(c->proposed, TRUE);
    }
    sec_assoc_free(c->sec);
    keep_buf(d->spare_bufs, c->dir[0].buf);
    keep_buf(d->spare_bufs, c->dir[1].buf);
    g_free(c);
}

/* ---- context negotiation ---- */

/* A presentation syntax: interface or transfer syntax UUID in drep order, canonical out. */
static void read_uuid(csvp_cursor *cur, guint8 out[16], const char *what)
{
    const guint8 *u = csvp_cur_bytes(cur, 16, what);
    if (u)
        dcerpc_uuid_to_canonical(out, u, cur->le);
    else
        memset(out, 0, 16);
}

static void parse_bind(dcerpc_co *d, dce_conn *c, const guint8 *p, guint32 end, bool le, const tcp_meta *m)
{
    /* end: where the body stops (before any auth verifier). After the 24-byte header: p_cont_list
     * n_context_elem(1) reserved(1) reserved2(2), then the elements (C706 12.6.4.3, 12.6.3.1). */
    csvp_cursor cur = csvp_cur_make(p, end, le, 0);
    csvp_cur_seek(&cur, 24, "bind header");
    guint n = csvp_dce_read_list_count(&cur, "n_context_elem");
    if (!csvp_cur_ok(&cur)) {
        d_report(d, m, NULL, "bind: context list truncated");
        return;
    }
    if (!c->contexts) {
        c->contexts = take_spare(d->spare_contexts);
        if (!c->contexts)
            c->contexts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
        c->proposed = g_array_new(FALSE, FALSE, sizeof(guint16));
    }
    g_array_set_size(c->proposed, 0);
    for (guint i = 0; i < n; i++) {
        /* p_cont_id(2) n_transfer_syn(1) reserved(1) abstract_syntax(20) transfer_syntaxes(20 each) */
        guint16 id = csvp_cur_u16(&cur, "p_cont_id");
        guint nts = csvp_cur_u8(&cur, "n_transfer_syn");
        csvp_cur_skip(&cur, 1, "reserved");
        guint8 uuid[16];
        read_uuid(&cur, uuid, "abstract_syntax");
        guint16 ver_major = csvp_cur_u16(&cur, "if_version major"), ver_minor = csvp_cur_u16(&cur, "if_version minor");
        if (!csvp_cur_ok(&cur)) {
            d_report(d, m, NULL, "bind: context element %u of %u truncated", i, n);
            return;
        }
        csvp_cursor ts = csvp_cur_sub(&cur, (gsize)nts * 20, "transfer_syntaxes");
        if (!csvp_cur_ok(&cur)) {
            d_report(d, m, NULL, "bind: %u transfer syntaxes of context %u run past the PDU", nts, id);
            return;
        }
        dce_ctx *x = g_hash_table_lookup(c->contexts, GUINT_TO_POINTER(id));
        if (!x) {
            if (g_hash_table_size(c->contexts) >= d->lim.max_contexts) {
                d_report(d, m, NULL, "bind: more than %u presentation contexts on one connection; context %u ignored",
                         d->lim.max_contexts, id);
                continue;
            }
            x = g_new0(dce_ctx, 1);
            g_hash_table_insert(c->contexts, GUINT_TO_POINTER(id), x);
        }
        memset(x, 0, sizeof *x);
        x->id = id;
        memcpy(x->uuid, uuid, 16);
        x->ver_major = ver_major;
        x->ver_minor = ver_minor;
        x->n_ts = (guint8)MIN(nts, MAX_TS_PER_CTX);
        for (guint t = 0; t < x->n_ts; t++) {
            guint8 u[16];
            read_uuid(&ts, u, "transfer syntax");
            guint32 v = csvp_cur_u32(&ts, "transfer syntax version");
            x->ts_kind[t] = (memcmp(u, NDR20_UUID, 16) == 0 && v == 2) ? TS_NDR20
                          : (memcmp(u, NDR64_UUID, 16) == 0 && v == 1) ? TS_NDR64 : TS_OTHER;
        }
        g_array_append_val(c->proposed, id);
    }
}

static void parse_bind_ack(dcerpc_co *d, dce_conn *c, const guint8 *p, guint32 end, bool le, const tcp_meta *m)
{
    /* After the 24-byte header: sec_addr length(2) and port_spec, padding to 4 from the PDU start, then
     * p_result_list n_results(1) reserved(1) reserved2(2) and per result: result(2) reason(2)
     * transfer_syntax(20) (C706 12.6.4.4, 12.6.3.1). */
    csvp_cursor cur = csvp_cur_make(p, end, le, 0);
    csvp_cur_seek(&cur, 24, "bind_ack header");
    guint32 slen = csvp_cur_u16(&cur, "sec_addr length");
    if (!csvp_cur_ok(&cur)) {
        d_report(d, m, NULL, "bind_ack: secondary address truncated");
        return;
    }
    csvp_cur_skip(&cur, slen, "port_spec");
    csvp_cur_align(&cur, 4, "padding");
    guint n = csvp_dce_read_list_count(&cur, "n_results");
    if (!csvp_cur_ok(&cur)) {
        d_report(d, m, NULL, "bind_ack: result list truncated");
        return;
    }
    for (guint i = 0; i < n; i++) {
        guint16 result = csvp_cur_u16(&cur, "result");
        csvp_cur_skip(&cur, 2, "reason");
        guint8 u[16];
        read_uuid(&cur, u, "transfer_syntax");
        csvp_cur_skip(&cur, 4, "transfer syntax version");
        if (!csvp_cur_ok(&cur)) {
            d_report(d, m, NULL, "bind_ack: result %u of %u truncated", i, n);
            return;
        }
        if (i < proposed_len(c)) {
            guint16 id = g_array_index(c->proposed, guint16, i);
            dce_ctx *x = ctx_find(c, id);
            if (x) {
                x->acked = true;
                x->accepted = result == 0;
                if (result == 0)
                    x->ndr64 = memcmp(u, NDR64_UUID, 16) == 0;
            }
        }
    }
    if (n != proposed_len(c) && proposed_len(c))
        d_report(d, m, NULL, "bind_ack: %u results for %u proposed contexts", n, proposed_len(c));
}

/* ---- calls ---- */

static bool append_stub(dcerpc_co *d, GByteArray **stub, bool *capped, const guint8 *p, guint32 len,
                        rpc_call *call, const tcp_meta *m, const char *what)
{
    if (!*stub)
        *stub = rpc_call_stub_new(len);
    if (*capped)
        return false;
    if ((*stub)->len + (gsize)len > d->lim.max_call_bytes) {
        *capped = true;
        d_report(d, m, call, "%s stub of call_id %u exceeds %" G_GSIZE_FORMAT " bytes; rest dropped", what,
                 call->call_id, d->lim.max_call_bytes);
        return false;
    }
    if (!rpc_call_charge(call, &d->budget, len)) {
        *capped = true;
        d_report(d, m, call, "%s stub of call_id %u dropped: calls in flight already hold %" G_GSIZE_FORMAT
                 " of at most %" G_GSIZE_FORMAT " bytes", what, call->call_id, d->budget.held, d->budget.limit);
        return false;
    }
    g_byte_array_append(*stub, p, len);
    return true;
}

static void fill_endpoints(dce_conn *c, rpc_call *call, int client_dir)
{
    /* Whole fixed-size arrays (zero-filled past the text): cheaper than measuring the strings. */
    memcpy(call->client, c->tc->endpoint[client_dir], RPC_ENDPOINT_LEN);
    memcpy(call->server, c->tc->endpoint[1 - client_dir], RPC_ENDPOINT_LEN);
    call->conn_id = c->tc->id;
}

/* The request that has been arriving longest gives way to a new one (max_assembling): it is
 * delivered without its stub, as a request whose last fragment never came. */
static void evict_oldest_request(dcerpc_co *d, const tcp_meta *m)
{
    dce_call *old = d->assembling.head->data;
    unassemble(d, old);
    g_hash_table_remove(old->conn->calls, GUINT_TO_POINTER(old->call->call_id));
    if (old->call->request_stub) {
        g_byte_array_unref(old->call->request_stub);
        old->call->request_stub = NULL;
    }
    d_report(d, m, old->call, "request call_id %u evicted before its last fragment: more than %u requests "
             "were being reassembled", old->call->call_id, d->lim.max_assembling);
    d->dropped++;
    call_queue_push_settled(d->q, old->call, old->call->time_us);
    g_free(old);
}

/* Marks a call by the protection of one of its PDUs (MS-RPCE 3.3.1.5.2): a stub that stayed sealed
 * or whose signature failed is not decoded. */
static void note_protection(dcerpc_co *d, rpc_call *call, const pdu_prot *prot, bool request, const tcp_meta *m)
{
    call->sealed |= prot->sealed;
    if (prot->failed) {
        if (prot->sealed)
            *(request ? &call->request_encrypted : &call->response_encrypted) = true;
        else
            *(request ? &call->request_unverified : &call->response_unverified) = true;
        d_report(d, m, call, "%s call_id %u: %s", request ? "request" : "response", call->call_id, prot->failed);
    } else if (prot->sealed && !prot->verified) {
        *(request ? &call->request_encrypted : &call->response_encrypted) = true;
    }
}

static void on_request(dcerpc_co *d, dce_conn *c, int dir, const csvp_dce_hdr *h, const csvp_dce_body *b,
                       const guint8 *stub, guint32 stub_len, const pdu_prot *prot, const tcp_meta *m)
{
    guint8 flags = h->flags;
    guint32 call_id = h->call_id;
    dce_call *dc = g_hash_table_lookup(c->calls, GUINT_TO_POINTER(call_id));
    if (flags & DCE_PFC_FIRST_FRAG) {
        if (dc && dc->qe) {
            /* A new call reuses the id: the earlier one will get no response. */
            d_report(d, m, dc->call, "call_id %u reused by a new request before a response", call_id);
            finish(d, dc, m->ts_us);
            dc = NULL;
        } else if (dc) {
            d_report(d, m, NULL, "request call_id %u: first fragment again before the last one; "
                     "earlier fragments dropped", call_id);
            g_hash_table_remove(c->calls, GUINT_TO_POINTER(call_id));
            call_free(d, dc);
            dc = NULL;
        }
        if (g_hash_table_size(c->calls) >= d->lim.max_calls_per_conn) {
            d_report(d, m, NULL, "more than %u calls outstanding on connection %s - %s; request call_id %u dropped",
                     d->lim.max_calls_per_conn, c->tc->endpoint[0], c->tc->endpoint[1], call_id);
            d->dropped++;
            return;
        }
        if (d->assembling.length >= d->lim.max_assembling)
            evict_oldest_request(d, m);
        dc = dce_call_new(c);
        dc->assembling.data = dc;
        g_queue_push_tail_link(&d->assembling, &dc->assembling);
        rpc_call *call = dc->call;
        call->request_seen = true;
        call->call_id = call_id;
        call->p_cont_id = b->p_cont_id;
        call->opnum = b->opnum;
        memcpy(call->req_drep, h->drep, 4);
        if (b->object) {
            call->has_object = true;
            dcerpc_uuid_to_canonical(call->object_uuid, b->object, h->le);
        }
        fill_endpoints(c, call, dir);
        dce_ctx *x = ctx_find(c, call->p_cont_id);
        if (x) {
            call->iface_known = true;
            memcpy(call->iface_uuid, x->uuid, 16);
            call->iface_ver_major = x->ver_major;
            call->iface_ver_minor = x->ver_minor;
            if (x->acked)
                call->ndr64 = x->accepted && x->ndr64;
            else /* result not seen: NDR64 only if nothing else was offered */
                call->ndr64 = x->n_ts > 0 && x->ts_kind[0] == TS_NDR64 &&
                              (x->n_ts == 1 || x->ts_kind[1] == TS_NDR64);
        } else if (c->bind_seen) {
            /* The server answers nca_s_unk_if (C706 12.6.4.7); nothing to infer from the opnum. */
            call->context_unbound = true;
            rpc_call_add_error(call, "frame %" G_GUINT64_FORMAT ": p_cont_id %u was never bound on this association",
                               m->frame, call->p_cont_id);
        }
        call->frame = m->frame;
        call->file_index = m->file_index;
        call->time_us = m->ts_us;
        call->request_stub = rpc_call_stub_new(stub_len); /* not alloc_hint: a sender's claim */
        g_hash_table_insert(c->calls, GUINT_TO_POINTER(call_id), dc);
    } else if (!dc || dc->qe) {
        d_report(d, m, NULL, "request fragment of call_id %u without its first fragment; dropped", call_id);
        return;
    }
    rpc_call *call = dc->call;
    note_protection(d, call, prot, true, m);
    append_stub(d, &call->request_stub, &dc->req_capped, stub, stub_len, call, m, "request");
    if (flags & DCE_PFC_LAST_FRAG) {
        call->frame = m->frame;
        call->file_index = m->file_index;
        call->time_us = m->ts_us;
        if (dc->req_broken && call->request_stub) {
            g_byte_array_unref(call->request_stub);
            call->request_stub = NULL;
        }
        enqueue(d, dc, m->ts_us);
    }
}

static void complete_response(dcerpc_co *d, dce_call *dc, const csvp_dce_hdr *h, const tcp_meta *m)
{
    rpc_call *call = dc->call;
    call->response_frame = m->frame;
    call->response_file_index = m->file_index;
    call->response_ts_us = m->ts_us;
    if (call->request_seen)
        call->response_time_us = m->ts_us - call->time_us;
    memcpy(call->resp_drep, h->drep, 4);
    finish(d, dc, m->ts_us);
}

/* Finds the call a response/fault belongs to, creating a response-only one if needed. */
static dce_call *call_for_response(dcerpc_co *d, dce_conn *c, int dir, const csvp_dce_hdr *h, const csvp_dce_body *b,
                                   const tcp_meta *m)
{
    guint32 call_id = h->call_id;
    dce_call *dc = g_hash_table_lookup(c->calls, GUINT_TO_POINTER(call_id));
    if (dc) {
        if (!dc->qe) {
            d_report(d, m, dc->call, "response to call_id %u before the request's last fragment", call_id);
            if (dc->call->request_stub) {
                g_byte_array_unref(dc->call->request_stub);
                dc->call->request_stub = NULL;
            }
            enqueue(d, dc, m->ts_us);
        }
        return dc;
    }
    if (g_hash_table_size(c->calls) >= d->lim.max_calls_per_conn) {
        d_report(d, m, NULL, "too many calls outstanding; response call_id %u dropped", call_id);
        d->dropped++;
        return NULL;
    }
    dc = dce_call_new(c);
    rpc_call *call = dc->call;
    call->call_id = call_id;
    call->p_cont_id = b->p_cont_id;
    call->file_index = m->file_index;
    fill_endpoints(c, call, 1 - dir);
    dce_ctx *x = ctx_find(c, call->p_cont_id);
    if (x) {
        call->iface_known = true;
        memcpy(call->iface_uuid, x->uuid, 16);
        call->iface_ver_major = x->ver_major;
        call->iface_ver_minor = x->ver_minor;
        call->ndr64 = x->acked && x->accepted && x->ndr64;
    }
    guint64 *rejected = c->rejected ? g_hash_table_lookup(c->rejected, GUINT_TO_POINTER(call_id)) : NULL;
    if (rejected) {
        call->frame = *rejected; /* request_seen stays false: nothing of it was decoded */
        call->file_index = m->file_index;
        rpc_call_add_error(call, "frame %" G_GUINT64_FORMAT ": response to call_id %u whose request (frame %"
                           G_GUINT64_FORMAT ") was dropped as malformed", m->frame, call_id, *rejected);
        g_hash_table_remove(c->rejected, GUINT_TO_POINTER(call_id));
    } else {
        rpc_call_add_error(call, "frame %" G_GUINT64_FORMAT ": response to call_id %u whose request was not captured",
                           m->frame, call_id);
    }
    g_hash_table_insert(c->calls, GUINT_TO_POINTER(call_id), dc);
    enqueue(d, dc, m->ts_us);
    return dc;
}

static void on_response(dcerpc_co *d, dce_conn *c, int dir, const csvp_dce_hdr *h, const csvp_dce_body *b,
                        const guint8 *stub, guint32 stub_len, const pdu_prot *prot, const tcp_meta *m)
{
    guint8 flags = h->flags;
    guint32 call_id = h->call_id;
    dce_call *dc = call_for_response(d, c, dir, h, b, m);
    if (!dc)
        return;
    rpc_call *call = dc->call;
    if (flags & DCE_PFC_FIRST_FRAG) {
        if (dc->resp_started && call->response_stub && call->response_stub->len) {
            d_report(d, m, call, "response call_id %u: first fragment again; earlier fragments dropped", call_id);
            /* A new buffer, not a truncated one: pooled buffers must stay small (rpc_call.c). */
            g_byte_array_unref(call->response_stub);
            call->response_stub = NULL;
        }
        dc->resp_started = true;
        if (!call->response_stub)
            call->response_stub = rpc_call_stub_new(stub_len);
    } else if (!dc->resp_started) {
        d_report(d, m, call, "response fragment of call_id %u without its first fragment", call_id);
        dc->resp_started = true;
    }
    note_protection(d, call, prot, false, m);
    append_stub(d, &call->response_stub, &dc->resp_capped, stub, stub_len, call, m, "response");
    if (flags & DCE_PFC_LAST_FRAG)
        complete_response(d, dc, h, m);
}

static void on_fault(dcerpc_co *d, dce_conn *c, int dir, const csvp_dce_hdr *h, const csvp_dce_body *b, const tcp_meta *m)
{
    dce_call *dc = call_for_response(d, c, dir, h, b, m);
    if (!dc)
        return;
    dc->call->faulted = true;
    dc->call->fault_status = b->status;
    complete_response(d, dc, h, m);
}

/* A request PDU dropped as malformed: a fault answering it can name its frame. */
#define MAX_REJECTED 64
static void remember_rejected(dce_conn *c, guint8 ptype, guint32 call_id, const tcp_meta *m)
{
    if (ptype != DCE_REQUEST)
        return;
    if (!c->rejected)
        c->rejected = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    if (g_hash_table_size(c->rejected) >= MAX_REJECTED)
        return;
    g_hash_table_insert(c->rejected, GUINT_TO_POINTER(call_id), g_memdup2(&m->frame, sizeof m->frame));
}

/* ---- auth verifiers (MS-RPCE 2.2.2.11, 3.3.1.5) ---- */

static sec_assoc *conn_sec(dcerpc_co *d, dce_conn *c)
{
    if (!c->sec)
        c->sec = sec_assoc_new(d->keys);
    return c->sec;
}

/* The verifier of bind, bind_ack, alter_context(_resp) or auth3: a handshake token. */
static void handshake(dcerpc_co *d, dce_conn *c, const csvp_dce_hdr *h, const csvp_sec_trailer *t, const tcp_meta *m)
{
    guint8 ptype = h->ptype;
    bool from_client = ptype == DCE_BIND || ptype == DCE_ALTER_CONTEXT || ptype == DCE_AUTH3;
    sec_assoc *a = conn_sec(d, c);
    if (ptype == DCE_BIND || ptype == DCE_BIND_ACK)
        sec_assoc_pfc(a, from_client, h->flags);
    g_string_truncate(d->why, 0);
    sec_assoc_handshake(a, t, from_client, ptype == DCE_BIND, d->why);
    if (d->why->len)
        d_report(d, m, NULL, "ptype %u PDU of call_id %u: %s", ptype, h->call_id, d->why->str);
}

/* Once per association whose stubs stay sealed: why, for the summary. */
static void report_sealed(dcerpc_co *d, dce_conn *c, int client_dir, const csvp_sec_trailer *t)
{
    if (c->sealed_reported)
        return;
    c->sealed_reported = true;
    const char *status = sec_assoc_status(c->sec, t), *sep = strstr(status, ": ");
    dcerpc_sealed_assoc *s = g_new0(dcerpc_sealed_assoc, 1);
    g_strlcpy(s->client, c->tc->endpoint[client_dir], sizeof s->client);
    g_strlcpy(s->server, c->tc->endpoint[1 - client_dir], sizeof s->server);
    s->mechanism = sep ? g_strndup(status, (gsize)(sep - status)) : g_strdup(status);
    s->reason = g_strdup(sep ? sep + 2 : "no key");
    if (!d->sealed)
        d->sealed = g_ptr_array_new_with_free_func(dcerpc_sealed_assoc_free);
    g_ptr_array_add(d->sealed, s);
}

/* A request or response at PKT_INTEGRITY or PKT_PRIVACY: returns the PDU to take the stub from
 * (a clear copy when the provider unwrapped it) and says in prot what happened. */
static const guint8 *unwrap(dcerpc_co *d, dce_conn *c, int dir, const csvp_dce_hdr *h, const guint8 *p, guint32 body,
                            const csvp_sec_trailer *t, pdu_prot *prot)
{
    if (t->auth_level < SEC_LEVEL_PKT_INTEGRITY)
        return p;
    guint32 flen = h->frag_length;
    bool from_client = h->ptype == DCE_REQUEST;   /* responses and faults come from the server */
    prot->sealed = t->auth_level == SEC_LEVEL_PKT_PRIVACY;
    g_byte_array_set_size(d->clear, flen);
    memcpy(d->clear->data, p, flen);
    g_string_truncate(d->why, 0);
    switch (sec_assoc_unwrap(conn_sec(d, c), t, p, body, from_client, d->clear->data + body, d->why)) {
    case SEC_UNWRAP_OK:
        prot->verified = true;
        return d->clear->data;
    case SEC_UNWRAP_NO_KEY:
        if (prot->sealed)
            report_sealed(d, c, from_client ? dir : 1 - dir, t);
        return p;
    case SEC_UNWRAP_FAILED:
        break;
    }
    prot->failed = d->why->str;
    return p;
}

/* One complete PDU at p whose header the caller read into h (flen is its frag_length). */
static void parse_pdu(dcerpc_co *d, dce_conn *c, int dir, const guint8 *p, const csvp_dce_hdr *h, const tcp_meta *m)
{
    d->pdus++;
    guint32 flen = h->frag_length;
    csvp_cursor cur = csvp_cur_make(p, flen, h->le, 0);
    csvp_cur_skip(&cur, CSVP_DCE_HDR_LEN, "common header");
    csvp_dce_body b = { 0 };
    csvp_dce_read_body(&cur, h, &b);
    guint8 ptype = h->ptype;
    bool le = h->le;
    guint32 alen = h->auth_length;
    guint32 call_id = h->call_id;
    if (!csvp_cur_ok(&cur)) {
        guint32 need = csvp_dce_min_len(ptype) + (ptype == DCE_REQUEST && (h->flags & DCE_PFC_OBJECT_UUID) ? 16 : 0);
        d_report(d, m, NULL, "ptype %u PDU of call_id %u: frag_length %u shorter than its %u byte header",
                 ptype, call_id, flen, need);
        remember_rejected(c, ptype, call_id, m);
        return;
    }
    guint32 body = (guint32)csvp_cur_pos(&cur);
    guint32 stub_end = flen;
    pdu_prot prot = { 0 };
    if (alen) {
        csvp_sec_trailer t;
        char *e = NULL;
        if (!csvp_sec_trailer_parse(p, flen, body, alen, le, &t, &e)) {
            d_report(d, m, NULL, "ptype %u PDU of call_id %u: %s", ptype, call_id, e);
            g_free(e);
            remember_rejected(c, ptype, call_id, m);
            return;
        }
        guint32 tr = (guint32)t.trailer_off, pad = t.auth_pad_length;
        if (pad > tr - body) {
            d_report(d, m, NULL, "ptype %u PDU of call_id %u: auth_pad_length %u exceeds the %u byte stub",
                     ptype, call_id, pad, tr - body);
            pad = 0;
        }
        stub_end = tr - pad;
        if (ptype == DCE_REQUEST || ptype == DCE_RESPONSE) {
            p = unwrap(d, c, dir, h, p, body, &t, &prot);
        } else if (ptype == DCE_FAULT) {
            /* A protected fault takes the server's next sequence number and moves its RC4 stream on:
             * unwrapped too, or every later response would fail. */
            unwrap(d, c, dir, h, p, body, &t, &prot);
            if (prot.failed)
                d_report(d, m, NULL, "fault of call_id %u: %s", call_id, prot.failed);
        } else if (ptype == DCE_BIND || ptype == DCE_BIND_ACK || ptype == DCE_ALTER_CONTEXT ||
                 ptype == DCE_ALTER_CONTEXT_RESP || ptype == DCE_AUTH3)
            handshake(d, c, h, &t, m);
    }
    switch (ptype) {
    case DCE_REQUEST:
        on_request(d, c, dir, h, &b, p + body, stub_end - body, &prot, m);
        break;
    case DCE_RESPONSE:
        on_response(d, c, dir, h, &b, p + body, stub_end - body, &prot, m);
        break;
    case DCE_FAULT:
        on_fault(d, c, dir, h, &b, m);
        break;
    case DCE_BIND:
    case DCE_ALTER_CONTEXT:
        /* Only a bind starts an association: after an alter_context alone, earlier contexts are
         * unknown rather than unbound. */
        c->bind_seen |= ptype == DCE_BIND;
        parse_bind(d, c, p, alen ? flen - alen - 8 : flen, le, m);
        break;
    case DCE_BIND_ACK:
    case DCE_ALTER_CONTEXT_RESP:
        parse_bind_ack(d, c, p, alen ? flen - alen - 8 : flen, le, m);
        break;
    case DCE_BIND_NAK:
        for (guint i = 0; i < proposed_len(c); i++) {
            dce_ctx *x = ctx_find(c, g_array_index(c->proposed, guint16, i));
            if (x) {
                x->acked = true;
                x->accepted = false;
            }
        }
        break;
    case DCE_ORPHANED: {
        dce_call *dc = g_hash_table_lookup(c->calls, GUINT_TO_POINTER(call_id));
        if (dc && !dc->qe) { /* the client abandoned a request it was sending */
            g_hash_table_remove(c->calls, GUINT_TO_POINTER(call_id));
            call_free(d, dc);
        }
        break;
    }
    default: /* auth3, shutdown, co_cancel: nothing to match */
        if (!known_ptype(ptype))
            d_report(d, m, NULL, "unknown PDU type %u (call_id %u, %u bytes) skipped", ptype, call_id, flen);
        break;
    }
}

/* ---- stream handling ---- */

#define GIVE_UP_UNCONFIRMED (256 * 1024)

static void hunt_found(dcerpc_co *d, dce_conn *c, dce_dir *dd, const tcp_meta *m)
{
    dd->hunting = false;
    if (dd->skipped && c->confirmed && !dd->joined_midway) {
        tcp_meta at = { dd->hunt_file, dd->hunt_frame, m->ts_us };
        d_report(d, &at, NULL, "skipped %" G_GUINT64_FORMAT " bytes to the next DCE/RPC header (found in frame %"
                 G_GUINT64_FORMAT ")", dd->skipped, m->frame);
    }
    c->confirmed = true;
    dd->skipped = 0;
    dd->joined_midway = false;
}

static void start_hunt(dce_dir *dd, const tcp_meta *m)
{
    dd->hunting = true;
    dd->skipped = 0;
    dd->hunt_file = m->file_index;
    dd->hunt_frame = m->frame;
}

static void bad_header(dcerpc_co *d, dce_conn *c, const csvp_dce_hdr *h, const tcp_meta *m)
{
    if (c->confirmed)
        d_report(d, m, NULL, "not a DCE/RPC header (version %u.%u, ptype %u, frag_length %u); resynchronising",
                 h->vers, h->vers_minor, h->ptype, h->frag_length);
}

/* Header check for a PDU expected at this point of the stream (less strict than hunting). */
static bool header_ok(dcerpc_co *d, dce_conn *c, const guint8 *p, const csvp_dce_hdr *h)
{
    if (!c->confirmed) /* until one PDU was seen, only a convincing header will do */
        return dcerpc_header_plausible(p, CSVP_DCE_HDR_LEN, d->lim.max_frag_length);
    if (h->vers != 5 || h->vers_minor > 1)
        return false;
    return h->frag_length >= CSVP_DCE_HDR_LEN && h->frag_length <= d->lim.max_frag_length;
}

static void run_pdu(dcerpc_co *d, dce_conn *c, int dir, const guint8 *p, const csvp_dce_hdr *h, const tcp_meta *m)
{
    c->confirmed = true;
    parse_pdu(d, c, dir, p, h, m);
}

/* Processes dd->buf from dd->pos. */
static void process_buf(dcerpc_co *d, dce_conn *c, int dir, const tcp_meta *m)
{
    dce_dir *dd = &c->dir[dir];
    for (;;) {
        guint avail = dd->buf->len - dd->pos;
        const guint8 *p = dd->buf->data + dd->pos;
        if (dd->hunting) {
            guint i = 0;
            bool found = false;
            for (; i + CSVP_DCE_HDR_LEN <= avail; i++) {
                if (p[i] == 5 && dcerpc_header_plausible(p + i, avail - i, d->lim.max_frag_length)) {
                    found = true;
                    break;
                }
            }
            dd->pos += i;
            dd->skipped += i;
            if (!found)
                break;
            hunt_found(d, c, dd, m);
            continue;
        }
        csvp_dce_hdr h;
        if (!peek_header(p, avail, &h))
            break;
        if (!header_ok(d, c, p, &h)) {
            bad_header(d, c, &h, m);
            start_hunt(dd, m);
            dd->pos += 1;
            dd->skipped = 1;
            continue;
        }
        guint32 flen = h.frag_length;
        if (avail < flen)
            break;
        run_pdu(d, c, dir, p, &h, m);
        dd->pos += flen;
    }
    /* Compact: keep only the unconsumed bytes. */
    if (dd->pos) {
        g_byte_array_remove_range(dd->buf, 0, dd->pos);
        dd->pos = 0;
    }
}

/* Hunting with at most 15 carried-over bytes in dd->buf: scans without copying the segment.
 * Returns true when a header was found; then the stream continues at *data (or in dd->buf). */
static bool hunt_in_segment(dcerpc_co *d, dce_conn *c, dce_dir *dd, const guint8 **data, gsize *len,
                            const tcp_meta *m)
{
    guint L = dd->buf->len;
    if (L) {
        /* Header candidates starting in the carried-over bytes need up to 15 more. */
        gsize add = MIN(*len, (gsize)(CSVP_DCE_HDR_LEN - 1));
        g_byte_array_append(dd->buf, *data, (guint)add);
        for (guint i = 0; i < L && i + CSVP_DCE_HDR_LEN <= dd->buf->len; i++) {
            const guint8 *p = dd->buf->data + i;
            if (p[0] == 5 && dcerpc_header_plausible(p, dd->buf->len - i, d->lim.max_frag_length)) {
                g_byte_array_set_size(dd->buf, L);
                g_byte_array_remove_range(dd->buf, 0, i);
                dd->skipped += i;
                hunt_found(d, c, dd, m);
                return true;
            }
        }
        if (L + add < (gsize)L + CSVP_DCE_HDR_LEN - 1) {
            /* Segment too short to rule everything out: carry the last 15 bytes on. */
            guint keep = MIN(dd->buf->len, CSVP_DCE_HDR_LEN - 1);
            dd->skipped += dd->buf->len - keep;
            g_byte_array_remove_range(dd->buf, 0, dd->buf->len - keep);
            *data += add;
            *len -= add;
            return false;
        }
        dd->skipped += L;
        g_byte_array_set_size(dd->buf, 0);
    }
    const guint8 *p = *data;
    gsize n = *len;
    for (gsize i = 0; i + CSVP_DCE_HDR_LEN <= n; i++) {
        const guint8 *q = memchr(p + i, 5, n - CSVP_DCE_HDR_LEN + 1 - i);
        if (!q)
            break;
        i = (gsize)(q - p);
        if (dcerpc_header_plausible(q, n - i, d->lim.max_frag_length)) {
            dd->skipped += i;
            *data += i;
            *len -= i;
            hunt_found(d, c, dd, m);
            return true;
        }
    }
    gsize keep = MIN(n, (gsize)(CSVP_DCE_HDR_LEN - 1));
    dd->skipped += n - keep;
    g_byte_array_append(dd->buf, p + n - keep, (guint)keep);
    *data += n;
    *len = 0;
    return false;
}

void dcerpc_co_data(dcerpc_co *d, tcp_conn_info *tc, int dir, const guint8 *data, gsize len, const tcp_meta *m)
{
    dce_conn *c = conn_get(d, tc);
    dce_dir *dd = &c->dir[dir];
    if (c->ignored)
        return;
    if (!dd->started) {
        dd->started = true;
        if (!c->confirmed && (len < CSVP_DCE_HDR_LEN || !dcerpc_header_plausible(data, len, d->lim.max_frag_length))) {
            start_hunt(dd, m); /* mid-stream start or not DCE/RPC: look quietly */
            dd->joined_midway = true;
        }
    }
    while (len) {
        if (dd->hunting) {
            if (dd->buf->len > CSVP_DCE_HDR_LEN - 1) { /* buffered hunting state from process_buf */
                process_buf(d, c, dir, m);
                if (dd->hunting && dd->buf->len > CSVP_DCE_HDR_LEN - 1)
                    g_byte_array_remove_range(dd->buf, 0, dd->buf->len - (CSVP_DCE_HDR_LEN - 1));
                if (dd->hunting)
                    continue;
            } else if (!hunt_in_segment(d, c, dd, &data, &len, m)) {
                if (!c->confirmed) {
                    c->unconfirmed_bytes += dd->skipped;
                    dd->skipped = 0;
                    if (c->unconfirmed_bytes > GIVE_UP_UNCONFIRMED) {
                        c->ignored = true; /* not DCE/RPC: stop looking */
                        return;
                    }
                }
                continue;
            }
            if (dd->buf->len) {
                process_buf(d, c, dir, m);
                continue;
            }
        }
        if (dd->buf->len == 0) {
            /* Fast path: whole PDUs straight from the segment. */
            csvp_dce_hdr h;
            while (peek_header(data, len, &h)) {
                if (!header_ok(d, c, data, &h)) {
                    bad_header(d, c, &h, m);
                    start_hunt(dd, m);
                    dd->skipped = 1;
                    data++;
                    len--;
                    break;
                }
                guint32 flen = h.frag_length;
                if (len < flen)
                    break;
                run_pdu(d, c, dir, data, &h, m);
                data += flen;
                len -= flen;
            }
            if (dd->hunting || !len)
                continue;
        }
        /* Slow path: the PDU continues in later segments. Bound each append. */
        gsize take = MIN(len, (gsize)d->lim.max_frag_length + CSVP_DCE_HDR_LEN);
        g_byte_array_append(dd->buf, data, (guint)take);
        data += take;
        len -= take;
        process_buf(d, c, dir, m);
    }
}

void dcerpc_co_gap(dcerpc_co *d, tcp_conn_info *tc, int dir, guint32 seq, guint32 rel_seq, guint32 len,
                   const char *why, const tcp_meta *m)
{
    dce_conn *c = conn_get(d, tc);
    dce_dir *dd = &c->dir[dir];
    if (c->ignored)
        return;
    if (c->confirmed) {
        d_report(d, m, NULL, "TCP %s -> %s: gap of %u bytes at seq %u (relative %u) (%s)",
                 tc->endpoint[dir], tc->endpoint[1 - dir], len, seq, rel_seq, why);
    }
    guint avail = dd->buf->len - dd->pos;
    csvp_dce_hdr h;
    /* avail first: an empty buffer may have no storage at all (data NULL). */
    if (!dd->hunting && c->confirmed && avail && peek_header(dd->buf->data + dd->pos, avail, &h)) {
        dce_call *dc = g_hash_table_lookup(c->calls, GUINT_TO_POINTER(h.call_id));
        rpc_call *attach = NULL;
        if (dc && (h.ptype == DCE_REQUEST || h.ptype == DCE_RESPONSE)) {
            attach = dc->call;
            if (h.ptype == DCE_REQUEST && !dc->qe)
                dc->req_broken = true;
        }
        d_report(d, m, attach, "ptype %u PDU of call_id %u lost %u bytes to a TCP gap; PDU dropped", h.ptype,
                 h.call_id, len);
    } else if (!dd->hunting && avail && c->confirmed) {
        d_report(d, m, NULL, "%u bytes of a DCE/RPC header lost to a TCP gap", avail);
    }
    g_byte_array_set_size(dd->buf, 0);
    dd->pos = 0;
    start_hunt(dd, m);
    dd->started = true;
}
