/* tcp_reasm.c - bidirectional TCP reassembly with bounded memory. */
#include "tcp_reasm.h"

#include <string.h>

/* Serial-number arithmetic (RFC 1982) on 32-bit sequence numbers. */
static inline gint32 seq_diff(guint32 a, guint32 b) { return (gint32)(a - b); }
static inline bool seq_lt(guint32 a, guint32 b) { return seq_diff(a, b) < 0; }
static inline bool seq_le(guint32 a, guint32 b) { return seq_diff(a, b) <= 0; }

typedef struct conn_key {
    guint8 family;
    guint8 pad[3];
    guint16 port[2];
    guint8 addr[2][16];
} conn_key;

typedef struct ooo_seg {
    guint32 seq, len;
    tcp_meta meta;
    gint64 arrival_ts;
    guint8 data[];
} ooo_seg;

typedef struct tcp_dir {
    bool seen;
    bool fin_seen;
    bool done;          /* FIN reached in order */
    guint32 base_seq;   /* first sequence number of the stream (for relative numbers) */
    guint32 next_seq;
    guint32 fin_seq;
    GQueue ooo;         /* of ooo_seg*, sorted by seq, disjoint */
    gsize ooo_bytes;
} tcp_dir;

typedef struct tcp_conn {
    tcp_conn_info info;     /* first: callbacks see &conn->info */
    conn_key key;
    int side0;              /* index into key (0/1) of the initiator */
    tcp_dir dir[2];
    bool closed;            /* closed callback already made */
    gint64 last_ts;
    GList lru_link;         /* in r->lru */
    GList ooo_link;         /* in r->ooo_conns while any direction buffers data */
    bool in_ooo_list;
} tcp_conn;

struct tcp_reasm {
    tcp_limits lim;
    tcp_callbacks cb;
    void *user;
    GHashTable *conns;      /* conn_key* -> tcp_conn* */
    tcp_conn *last;         /* the connection of the previous segment: most segments follow one of
                               their own, and a key compare is cheaper than a lookup */
    GQueue lru;             /* least recently active at the head */
    GQueue ooo_conns;
    guint64 next_id;
    gint64 last_tick;
    gint64 now;
    guint64 expired, evicted;
};

void tcp_limits_default(tcp_limits *l)
{
    l->max_ooo_bytes = 1024 * 1024;
    l->max_ooo_segments = 4096;
    l->window = 64 * 1024;
    l->gap_timeout_us = 5 * G_USEC_PER_SEC;
    l->max_connections = 16384;
    l->idle_timeout_us = 600 * G_USEC_PER_SEC;
    l->closed_linger_us = 5 * G_USEC_PER_SEC;
}

static void t_report(tcp_reasm *r, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void t_report(tcp_reasm *r, const char *fmt, ...)
{
    if (!r->cb.error)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    r->cb.error(r->user, msg);
    g_free(msg);
}

static guint key_hash(gconstpointer k)
{
    /* A word at a time (every segment is looked up): the key is 9 words, zero-filled. */
    guint32 w[sizeof(conn_key) / 4];
    G_STATIC_ASSERT(sizeof(conn_key) % 4 == 0);
    memcpy(w, k, sizeof w);
    guint64 h = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(w); i++)
        h = (h ^ w[i]) * 0x9E3779B97F4A7C15u;
    return (guint)(h >> 32);
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(conn_key)) == 0;
}

static void conn_free(gpointer p)
{
    tcp_conn *c = p;
    for (int d = 0; d < 2; d++) {
        ooo_seg *s;
        while ((s = g_queue_pop_head(&c->dir[d].ooo)))
            g_free(s);
    }
    g_free(c);
}

tcp_reasm *tcp_reasm_new(const tcp_limits *lim, const tcp_callbacks *cb, void *user)
{
    tcp_reasm *r = g_new0(tcp_reasm, 1);
    tcp_limits_default(&r->lim);
    if (lim) {
        if (lim->max_ooo_bytes) r->lim.max_ooo_bytes = lim->max_ooo_bytes;
        if (lim->max_ooo_segments) r->lim.max_ooo_segments = lim->max_ooo_segments;
        if (lim->window) r->lim.window = lim->window;
        if (lim->gap_timeout_us > 0) r->lim.gap_timeout_us = lim->gap_timeout_us;
        if (lim->max_connections) r->lim.max_connections = lim->max_connections;
        if (lim->idle_timeout_us > 0) r->lim.idle_timeout_us = lim->idle_timeout_us;
        if (lim->closed_linger_us > 0) r->lim.closed_linger_us = lim->closed_linger_us;
    }
    r->cb = *cb;
    r->user = user;
    r->conns = g_hash_table_new_full(key_hash, key_equal, NULL, conn_free);
    g_queue_init(&r->lru);
    g_queue_init(&r->ooo_conns);
    r->next_id = 1;
    return r;
}

guint64 tcp_reasm_connection_count(const tcp_reasm *r)
{
    return r->next_id - 1;
}

guint64 tcp_reasm_expired_count(const tcp_reasm *r)
{
    return r->expired;
}

guint64 tcp_reasm_evicted_count(const tcp_reasm *r)
{
    return r->evicted;
}

/* Endpoint of side s (0 initiator) as index into the key. */
static inline int key_index(const tcp_conn *c, int side)
{
    return side == 0 ? c->side0 : 1 - c->side0;
}

static void describe_dir(const tcp_conn *c, int d, char *buf, gsize size)
{
    g_snprintf(buf, size, "%s -> %s", c->info.endpoint[d], c->info.endpoint[1 - d]);
}

static void deliver(tcp_reasm *r, tcp_conn *c, int d, const guint8 *data, gsize len, const tcp_meta *m)
{
    if (len && r->cb.data && !c->closed)
        r->cb.data(r->user, &c->info, d, data, len, m);
}

static void check_fin(tcp_reasm *r, tcp_conn *c, int d);

static void update_ooo_membership(tcp_reasm *r, tcp_conn *c)
{
    bool any = c->dir[0].ooo.length || c->dir[1].ooo.length;
    if (any && !c->in_ooo_list) {
        c->ooo_link.data = c;
        g_queue_push_tail_link(&r->ooo_conns, &c->ooo_link);
        c->in_ooo_list = true;
    } else if (!any && c->in_ooo_list) {
        g_queue_unlink(&r->ooo_conns, &c->ooo_link);
        c->in_ooo_list = false;
    }
}

/* Delivers buffered segments that are now in order. at: the frame whose arrival made them
 * deliverable, which is where their bytes (and a PDU they complete) are seen, as Wireshark shows a
 * reassembled PDU at the frame that completed it; NULL when a gap is skipped, where each segment
 * keeps its own frame. */
static void drain(tcp_reasm *r, tcp_conn *c, int d, const tcp_meta *at)
{
    tcp_dir *td = &c->dir[d];
    ooo_seg *s;
    while ((s = g_queue_peek_head(&td->ooo)) && seq_le(s->seq, td->next_seq)) {
        g_queue_pop_head(&td->ooo);
        td->ooo_bytes -= s->len;
        guint32 skip = (guint32)seq_diff(td->next_seq, s->seq);
        if (skip < s->len) {
            deliver(r, c, d, s->data + skip, s->len - skip, at ? at : &s->meta);
            td->next_seq = s->seq + s->len;
        }
        g_free(s);
    }
    check_fin(r, c, d);
}

/* Declares the hole before the first buffered segment a gap and continues after it. */
static void skip_hole(tcp_reasm *r, tcp_conn *c, int d, const char *why)
{
    tcp_dir *td = &c->dir[d];
    ooo_seg *s = g_queue_peek_head(&td->ooo);
    if (!s)
        return;
    guint32 len = (guint32)seq_diff(s->seq, td->next_seq);
    if (r->cb.gap && !c->closed)
        r->cb.gap(r->user, &c->info, d, td->next_seq, td->next_seq - td->base_seq, len, why, &s->meta);
    td->next_seq = s->seq;
    drain(r, c, d, NULL);
}

static void flush_dir(tcp_reasm *r, tcp_conn *c, int d, const char *why)
{
    while (c->dir[d].ooo.length)
        skip_hole(r, c, d, why);
}

static void close_conn(tcp_reasm *r, tcp_conn *c)
{
    if (c->closed)
        return;
    flush_dir(r, c, 0, "connection ended");
    flush_dir(r, c, 1, "connection ended");
    update_ooo_membership(r, c);
    c->closed = true;
    if (r->cb.closed)
        r->cb.closed(r->user, &c->info);
    c->info.app = NULL;
}

static void check_fin(tcp_reasm *r, tcp_conn *c, int d)
{
    tcp_dir *td = &c->dir[d];
    if (td->fin_seen && !td->done && seq_le(td->fin_seq, td->next_seq)) {
        td->done = true;
        if (c->dir[1 - d].done)
            close_conn(r, c);
    }
}

/* Removes c from the table (which frees it). */
static void forget(tcp_reasm *r, tcp_conn *c)
{
    if (r->last == c)
        r->last = NULL;
    g_hash_table_remove(r->conns, &c->key);
}

static void evict(tcp_reasm *r, tcp_conn *c)
{
    close_conn(r, c);
    if (c->in_ooo_list) {
        g_queue_unlink(&r->ooo_conns, &c->ooo_link);
        c->in_ooo_list = false;
    }
    g_queue_unlink(&r->lru, &c->lru_link);
    forget(r, c);
}

/* Applies the gap rules of one direction. */
static void check_holes(tcp_reasm *r, tcp_conn *c, int d)
{
    tcp_dir *td = &c->dir[d];
    for (;;) {
        ooo_seg *s = g_queue_peek_head(&td->ooo);
        if (!s)
            return;
        if (td->ooo_bytes > r->lim.window)
            skip_hole(r, c, d, "window of later data buffered");
        else if (r->now - s->arrival_ts > r->lim.gap_timeout_us)
            skip_hole(r, c, d, "timeout");
        else
            return;
    }
}

/* Stores [seq, seq+len) minus what is already buffered (first copy wins). */
static void store(tcp_reasm *r, tcp_conn *c, int d, guint32 seq, const guint8 *data, guint32 len,
                  const tcp_meta *m)
{
    tcp_dir *td = &c->dir[d];
    guint32 cur = seq, end = seq + len;
    GList *l = td->ooo.head;
    /* Start past the tail when the segment lies beyond everything buffered (the usual case). */
    ooo_seg *tail = g_queue_peek_tail(&td->ooo);
    if (tail && seq_le(tail->seq + tail->len, cur))
        l = NULL;
    while (seq_lt(cur, end)) {
        while (l && seq_le(((ooo_seg *)l->data)->seq + ((ooo_seg *)l->data)->len, cur))
            l = l->next;
        ooo_seg *s = l ? l->data : NULL;
        if (s && seq_le(s->seq, cur)) { /* cur inside s: s keeps its bytes */
            guint32 s_end = s->seq + s->len;
            cur = seq_lt(end, s_end) ? end : s_end;
            l = l->next;
            continue;
        }
        guint32 piece_end = (s && seq_lt(s->seq, end)) ? s->seq : end;
        guint32 plen = piece_end - cur;
        gsize held = c->dir[0].ooo_bytes + c->dir[1].ooo_bytes;
        if (td->ooo.length >= r->lim.max_ooo_segments || held + plen > r->lim.max_ooo_bytes) {
            char desc[2 * RPC_ENDPOINT_LEN + 8];
            describe_dir(c, d, desc, sizeof desc);
            if (held == 0) { /* a single piece larger than the cap */
                t_report(r, "TCP %s: %u byte segment exceeds the out-of-order cap; dropped", desc, plen);
                return;
            }
            t_report(r, "TCP %s: out-of-order buffer cap reached (%" G_GSIZE_FORMAT " bytes, %u segments); "
                     "skipping the oldest hole", desc, held, td->ooo.length);
            /* Make room by giving up on the holes, then place the rest of this segment again. */
            flush_dir(r, c, d, "buffer cap");
            flush_dir(r, c, 1 - d, "buffer cap");
            if (!seq_lt(td->next_seq, end))
                return;
            if (seq_lt(cur, td->next_seq))
                cur = td->next_seq;
            if (cur == td->next_seq) {
                deliver(r, c, d, data + (cur - seq), end - cur, m);
                td->next_seq = end;
                return;
            }
            l = NULL;
            continue;
        }
        ooo_seg *n = g_malloc(sizeof(ooo_seg) + plen);
        n->seq = cur;
        n->len = plen;
        n->meta = *m;
        n->arrival_ts = r->now;
        memcpy(n->data, data + (cur - seq), plen);
        if (l)
            g_queue_insert_before(&td->ooo, l, n);
        else
            g_queue_push_tail(&td->ooo, n);
        td->ooo_bytes += plen;
        cur = piece_end;
    }
}

static void data_segment(tcp_reasm *r, tcp_conn *c, int d, const tcp_segment *seg, const tcp_meta *m)
{
    tcp_dir *td = &c->dir[d];
    guint32 seq = seg->seq + ((seg->flags & TCP_SYN) ? 1 : 0);
    const guint8 *data = seg->payload;
    guint32 len = seg->len;
    gint32 off = seq_diff(seq, td->next_seq);
    if (off < 0) {
        guint32 trim = (guint32)(-(gint64)off);
        if (trim >= len)
            return; /* retransmission of delivered data */
        data += trim;
        len -= trim;
        seq += trim;
        off = 0;
    }
    if (off == 0 && !td->ooo.length) {
        /* Fast path: in order, nothing buffered, no copy. */
        deliver(r, c, d, data, len, m);
        td->next_seq = seq + len;
        if (seg->missing) {
            if (r->cb.gap && !c->closed)
                r->cb.gap(r->user, &c->info, d, td->next_seq, td->next_seq - td->base_seq, seg->missing,
                          "cut by the snapshot length", m);
            td->next_seq += seg->missing;
        }
        check_fin(r, c, d);
        return;
    }
    if (len)
        store(r, c, d, seq, data, len, m);
    drain(r, c, d, m);
}

static tcp_conn *lookup(tcp_reasm *r, const tcp_segment *seg, int *dir_out, bool create)
{
    conn_key k;
    memset(&k, 0, sizeof k);
    k.family = seg->family;
    gsize alen = seg->family == 6 ? 16 : 4;
    int cmp = memcmp(seg->src, seg->dst, alen);
    if (cmp == 0)
        cmp = (int)seg->sport - (int)seg->dport;
    int src_idx = cmp <= 0 ? 0 : 1;
    memcpy(k.addr[src_idx], seg->src, alen);
    memcpy(k.addr[1 - src_idx], seg->dst, alen);
    k.port[src_idx] = seg->sport;
    k.port[1 - src_idx] = seg->dport;
    tcp_conn *c = r->last && memcmp(&r->last->key, &k, sizeof k) == 0 ? r->last
                                                                        : g_hash_table_lookup(r->conns, &k);
    if (!c) {
        if (!create)
            return NULL;
        if (g_hash_table_size(r->conns) >= r->lim.max_connections) {
            tcp_conn *old = g_queue_peek_head(&r->lru);
            if (old) {
                r->evicted += !old->closed;
                evict(r, old);
            }
        }
        c = g_new0(tcp_conn, 1);
        c->key = k;
        /* The initiator: sender of a bare SYN, receiver of a SYN+ACK, else the first sender. */
        bool synack = (seg->flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK);
        c->side0 = synack ? 1 - src_idx : src_idx;
        c->info.id = r->next_id++;
        for (int s = 0; s < 2; s++) {
            int ki = key_index(c, s);
            net_format_endpoint(c->info.endpoint[s], RPC_ENDPOINT_LEN, k.family, k.addr[ki], k.port[ki]);
        }
        g_queue_init(&c->dir[0].ooo);
        g_queue_init(&c->dir[1].ooo);
        c->lru_link.data = c;
        g_queue_push_tail_link(&r->lru, &c->lru_link);
        g_hash_table_insert(r->conns, &c->key, c);
    }
    *dir_out = (src_idx == c->side0) ? 0 : 1;
    r->last = c;
    return c;
}

static void tick(tcp_reasm *r)
{
    /* Holes that timed out, in connections that went quiet. */
    for (GList *l = r->ooo_conns.head; l; ) {
        tcp_conn *c = l->data;
        l = l->next;
        check_holes(r, c, 0);
        check_holes(r, c, 1);
        update_ooo_membership(r, c);
    }
    /* Closed connections past their linger time and idle ones. */
    tcp_conn *c;
    while ((c = g_queue_peek_head(&r->lru))) {
        gint64 idle = r->now - c->last_ts;
        if (c->closed && idle > r->lim.closed_linger_us) {
            evict(r, c);
        } else if (idle > r->lim.idle_timeout_us) {
            r->expired += !c->closed;
            evict(r, c);
        } else
            break;
    }
}

void tcp_reasm_segment(tcp_reasm *r, const tcp_segment *seg, const tcp_meta *m)
{
    r->now = m->ts_us;
    if (r->now - r->last_tick >= G_USEC_PER_SEC || r->now < r->last_tick) {
        r->last_tick = r->now;
        tick(r);
    }
    bool syn = (seg->flags & TCP_SYN) != 0;
    int d;
    /* Pure ACKs and RSTs of unknown connections carry nothing for us. */
    tcp_conn *c = lookup(r, seg, &d, syn || seg->len > 0 || (seg->flags & TCP_FIN));
    if (!c)
        return;
    if (c->closed) {
        if (!(syn && !(seg->flags & TCP_ACK)))
            return; /* late segment of a finished connection */
        /* Port reuse: a new connection on the same 4-tuple. */
        g_queue_unlink(&r->lru, &c->lru_link);
        if (c->in_ooo_list)
            g_queue_unlink(&r->ooo_conns, &c->ooo_link);
        forget(r, c);
        c = lookup(r, seg, &d, true);
    }
    c->last_ts = r->now;
    if (r->lru.tail != &c->lru_link) {   /* most recently active already when it sent the last one */
        g_queue_unlink(&r->lru, &c->lru_link);
        g_queue_push_tail_link(&r->lru, &c->lru_link);
    }

    tcp_dir *td = &c->dir[d];
    if (!td->seen) {
        td->seen = true;
        td->next_seq = syn ? seg->seq + 1 : seg->seq;
        td->base_seq = td->next_seq;
    } else if (syn && seq_diff(seg->seq + 1, td->base_seq) != 0 && !td->ooo.length &&
               td->next_seq == td->base_seq) {
        /* A SYN retransmitted with a new ISN before any data: restart the stream. */
        td->next_seq = td->base_seq = seg->seq + 1;
    }
    if (seg->flags & TCP_FIN) {
        td->fin_seen = true;
        td->fin_seq = seg->seq + (syn ? 1 : 0) + seg->len + seg->missing;
    }
    if (seg->len || seg->missing)
        data_segment(r, c, d, seg, m);
    /* The peer acknowledged bytes beyond a hole: the capture lost them for good. */
    if ((seg->flags & TCP_ACK) && !c->closed) {
        tcp_dir *rev = &c->dir[1 - d];
        ooo_seg *s;
        while (rev->seen && (s = g_queue_peek_head(&rev->ooo)) && seq_le(s->seq, seg->ack))
            skip_hole(r, c, 1 - d, "acknowledged by the receiver");
    }
    if (!c->closed) {
        check_holes(r, c, d);
        check_fin(r, c, d);
    }
    if ((seg->flags & TCP_RST) && !c->closed)
        close_conn(r, c);
    update_ooo_membership(r, c);
}

void tcp_reasm_finish(tcp_reasm *r)
{
    tcp_conn *c;
    while ((c = g_queue_peek_head(&r->lru)))
        evict(r, c);
}

void tcp_reasm_free(tcp_reasm *r)
{
    if (!r)
        return;
    /* Without finish: drop everything without callbacks. */
    g_hash_table_destroy(r->conns);
    g_free(r);
}
