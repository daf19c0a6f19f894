/* netlayers.c - link layer, IPv4/IPv6 and fragment reassembly down to TCP. */
#include "netlayers.h"
#include "addr_text.h"
#include "cursor.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#define FRAG_MAX_RANGES 512

typedef struct frag_key {
    guint8 family;
    guint8 proto;          /* IPv4 protocol; IPv6: 0 (next header comes from the first fragment) */
    guint8 src[16], dst[16];
    guint32 id;
} frag_key;

typedef struct frag_range { guint32 start, end; } frag_range;

typedef struct frag_dgram {
    frag_key key;
    GByteArray *buf;
    frag_range *ranges;     /* sorted, disjoint, merged */
    guint n_ranges;
    guint32 total;          /* payload length, known once the last fragment arrived */
    bool have_last;
    guint8 next_header;     /* IPv6: from the fragment at offset 0 */
    bool have_first;
    gint64 first_ts;
} frag_dgram;

struct netlayers {
    net_limits lim;
    net_error_fn err;
    void *user;
    GHashTable *frags;      /* frag_key* -> frag_dgram* */
    GByteArray *done;       /* last reassembled payload; valid until the next decode */
    guint64 dropped;
    gint64 last_sweep;
};

static void nl_report(netlayers *nl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void nl_report(netlayers *nl, const char *fmt, ...)
{
    if (!nl->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    nl->err(nl->user, msg);
    g_free(msg);
}

void net_limits_default(net_limits *l)
{
    l->frag_max_datagram = 65535;
    l->frag_max_inflight = 256;
    l->frag_timeout_us = 30 * G_USEC_PER_SEC;
}

static guint frag_hash(gconstpointer k)
{
    const frag_key *f = k;
    guint h = f->id * 2654435761u ^ f->family ^ ((guint)f->proto << 8);
    for (int i = 0; i < 16; i++)
        h = h * 31 + f->src[i] + f->dst[i] * 7u;
    return h;
}

static gboolean frag_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(frag_key)) == 0;
}

static void frag_free(gpointer p)
{
    frag_dgram *d = p;
    g_byte_array_unref(d->buf);
    g_free(d->ranges);
    g_free(d);
}

netlayers *netlayers_new(const net_limits *lim, net_error_fn err, void *user)
{
    netlayers *nl = g_new0(netlayers, 1);
    if (lim)
        nl->lim = *lim;
    else
        net_limits_default(&nl->lim);
    if (nl->lim.frag_max_datagram == 0)
        nl->lim.frag_max_datagram = 65535;
    if (nl->lim.frag_max_inflight == 0)
        nl->lim.frag_max_inflight = 256;
    if (nl->lim.frag_timeout_us <= 0)
        nl->lim.frag_timeout_us = 30 * G_USEC_PER_SEC;
    nl->err = err;
    nl->user = user;
    /* The key is the first member of frag_dgram: freeing the value frees both. */
    nl->frags = g_hash_table_new_full(frag_hash, frag_equal, NULL, frag_free);
    return nl;
}

void netlayers_free(netlayers *nl)
{
    if (!nl)
        return;
    g_hash_table_destroy(nl->frags);
    if (nl->done)
        g_byte_array_unref(nl->done);
    g_free(nl);
}

guint64 netlayers_frag_dropped(const netlayers *nl)
{
    return nl->dropped;
}

void net_format_endpoint(char *buf, gsize size, guint8 family, const guint8 *addr, guint16 port)
{
    /* By hand (addr_text.h): every new connection formats two endpoints, and inet_ntop plus snprintf
     * cost as much as the rest of a short connection's set-up. */
    char a[sizeof "[" + CSVP_ADDR_TEXT_LEN + sizeof "]:65535"], *p = a;
    if (family == 6) {
        *p++ = '[';
        p = csvp_ipv6_text(p, addr);
        *p++ = ']';
    } else {
        p = csvp_ipv4_text(p, addr);
    }
    *p++ = ':';
    csvp_decimal_text(p, port);
    g_strlcpy(buf, a, size);
}

static void frag_describe(const frag_key *k, char *buf, gsize size)
{
    char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
    int af = k->family == 6 ? AF_INET6 : AF_INET;
    inet_ntop(af, k->src, s, sizeof s);
    inet_ntop(af, k->dst, d, sizeof d);
    snprintf(buf, size, "IPv%u datagram id 0x%x from %s to %s", k->family, k->id, s, d);
}

static gboolean sweep_expired(gpointer key, gpointer value, gpointer user)
{
    netlayers *nl = user;
    frag_dgram *d = value;
    (void)key;
    if (nl->last_sweep - d->first_ts <= nl->lim.frag_timeout_us)
        return FALSE;
    char desc[160];
    frag_describe(&d->key, desc, sizeof desc);
    nl_report(nl, "%s: fragments incomplete after %" G_GINT64_FORMAT " s of capture time, dropped",
              desc, nl->lim.frag_timeout_us / G_USEC_PER_SEC);
    nl->dropped++;
    return TRUE;
}

/* Adds [off, off+len) of a fragment; overlapping bytes keep the first copy.
 * Returns the reassembled datagram when complete (caller takes it), else NULL. */
static frag_dgram *frag_add(netlayers *nl, const frag_key *key, guint32 off, const guint8 *data,
                            guint32 len, bool more, gint64 ts, guint8 next_header)
{
    char desc[160];
    if (g_hash_table_size(nl->frags) && ts - nl->last_sweep > G_USEC_PER_SEC) {
        nl->last_sweep = ts;
        g_hash_table_foreach_remove(nl->frags, sweep_expired, nl);
    }
    frag_dgram *d = g_hash_table_lookup(nl->frags, key);
    if (!d) {
        if (g_hash_table_size(nl->frags) >= nl->lim.frag_max_inflight) {
            frag_describe(key, desc, sizeof desc);
            nl_report(nl, "%s: %u datagrams already being reassembled, fragment dropped", desc,
                      nl->lim.frag_max_inflight);
            nl->dropped++;
            return NULL;
        }
        d = g_new0(frag_dgram, 1);
        d->key = *key;
        d->buf = g_byte_array_new();
        d->first_ts = ts;
        if (!nl->last_sweep)
            nl->last_sweep = ts;
        g_hash_table_insert(nl->frags, &d->key, d);
    }
    guint64 end = (guint64)off + len;
    bool bad = false;
    if (end > nl->lim.frag_max_datagram) {
        frag_describe(key, desc, sizeof desc);
        nl_report(nl, "%s: fragment ends at %" G_GUINT64_FORMAT ", over the %u byte cap; datagram dropped",
                  desc, end, nl->lim.frag_max_datagram);
        bad = true;
    } else if (!more && d->have_last && d->total != end) {
        frag_describe(key, desc, sizeof desc);
        nl_report(nl, "%s: two last fragments disagree on the length (%u, %" G_GUINT64_FORMAT "); datagram dropped",
                  desc, d->total, end);
        bad = true;
    } else if ((d->have_last && end > d->total) || (!more && d->n_ranges && d->ranges[d->n_ranges - 1].end > end)) {
        frag_describe(key, desc, sizeof desc);
        nl_report(nl, "%s: fragment beyond the end of the datagram; datagram dropped", desc);
        bad = true;
    } else if (d->n_ranges >= FRAG_MAX_RANGES) {
        frag_describe(key, desc, sizeof desc);
        nl_report(nl, "%s: more than %u pieces; datagram dropped", desc, FRAG_MAX_RANGES);
        bad = true;
    }
    if (bad) {
        nl->dropped++;
        g_hash_table_remove(nl->frags, key);
        return NULL;
    }
    if (!more) {
        d->have_last = true;
        d->total = (guint32)end;
    }
    if (off == 0) {
        d->have_first = true;
        d->next_header = next_header;
    }
    if (len == 0)
        goto check;
    if (d->buf->len < end)
        g_byte_array_set_size(d->buf, (guint)end);
    /* Copy the parts not covered yet, then insert and merge the range. */
    guint32 cur = off;
    for (guint i = 0; i < d->n_ranges && cur < end; i++) {
        frag_range r = d->ranges[i];
        if (r.end <= cur)
            continue;
        if (r.start >= end)
            break;
        if (r.start > cur)
            memcpy(d->buf->data + cur, data + (cur - off), r.start - cur);
        cur = r.end;
    }
    if (cur < end)
        memcpy(d->buf->data + cur, data + (cur - off), (gsize)(end - cur));
    {
        frag_range *nr = g_new(frag_range, d->n_ranges + 1);
        guint n = 0;
        frag_range add = { off, (guint32)end };
        bool placed = false;
        for (guint i = 0; i < d->n_ranges; i++) {
            frag_range r = d->ranges[i];
            if (r.end < add.start) {
                nr[n++] = r;
            } else if (r.start > add.end) {
                if (!placed) {
                    nr[n++] = add;
                    placed = true;
                }
                nr[n++] = r;
            } else {
                add.start = MIN(add.start, r.start);
                add.end = MAX(add.end, r.end);
            }
        }
        if (!placed)
            nr[n++] = add;
        g_free(d->ranges);
        d->ranges = nr;
        d->n_ranges = n;
    }
check:
    if (d->have_last && d->n_ranges == 1 && d->ranges[0].start == 0 && d->ranges[0].end == d->total) {
        g_hash_table_steal(nl->frags, key);
        g_byte_array_set_size(d->buf, d->total);
        return d;
    }
    if (d->have_last && d->total == 0 && d->n_ranges == 0) {
        g_hash_table_steal(nl->frags, key);
        return d;
    }
    return NULL;
}

static int decode_tcp(netlayers *nl, const guint8 *p, guint32 avail, guint32 missing, tcp_segment *out)
{
    /* RFC 9293 3.1: ports, sequence and acknowledgment numbers, data offset, flags, then window,
     * checksum and urgent pointer; options up to the data offset. */
    csvp_cursor c = csvp_cur_make(p, avail, false, 0);
    out->sport = csvp_cur_u16(&c, "source port");
    out->dport = csvp_cur_u16(&c, "destination port");
    out->seq = csvp_cur_u32(&c, "sequence number");
    out->ack = csvp_cur_u32(&c, "acknowledgment number");
    guint32 hl = (guint32)(csvp_cur_u8(&c, "data offset") >> 4) * 4;
    out->flags = csvp_cur_u8(&c, "flags");
    csvp_cur_skip(&c, 6, "window, checksum, urgent pointer");
    if (!csvp_cur_ok(&c)) {
        nl_report(nl, "TCP header truncated: %u bytes", avail);
        return NET_ERROR;
    }
    if (hl < 20 || hl > avail) {
        nl_report(nl, "TCP header length %u invalid for a %u byte segment", hl, avail);
        return NET_ERROR;
    }
    out->payload = p + hl;
    out->len = avail - hl;
    out->missing = missing;
    return NET_TCP;
}

static void take_done(netlayers *nl, frag_dgram *d)
{
    if (nl->done)
        g_byte_array_unref(nl->done);
    nl->done = d->buf;
    d->buf = NULL;
    g_free(d->ranges);
    g_free(d);
}

static int decode_ipv4(netlayers *nl, const guint8 *p, guint32 avail, bool snapped, gint64 ts, tcp_segment *out)
{
    /* RFC 791 3.1: version and IHL, type of service, total length, identification, flags and
     * fragment offset, TTL, protocol, checksum, source, destination; options up to IHL. */
    csvp_cursor c = csvp_cur_make(p, avail, false, 0);
    guint8 vihl = csvp_cur_u8(&c, "version and IHL");
    csvp_cur_skip(&c, 1, "type of service");
    guint32 total = csvp_cur_u16(&c, "total length");
    guint16 id = csvp_cur_u16(&c, "identification");
    guint16 fragw = csvp_cur_u16(&c, "flags and fragment offset");
    csvp_cur_skip(&c, 1, "TTL");
    guint8 proto = csvp_cur_u8(&c, "protocol");
    csvp_cur_skip(&c, 2, "header checksum");
    const guint8 *src = csvp_cur_bytes(&c, 4, "source address"), *dst = csvp_cur_bytes(&c, 4, "destination address");
    if (!csvp_cur_ok(&c)) {
        nl_report(nl, "IPv4 header truncated: %u bytes", avail);
        return NET_ERROR;
    }
    if ((vihl >> 4) != 4) {
        nl_report(nl, "IPv4 header has version %u", vihl >> 4);
        return NET_ERROR;
    }
    guint32 ihl = (guint32)(vihl & 0x0f) * 4;
    if (ihl < 20 || ihl > avail) {
        nl_report(nl, "IPv4 header length %u invalid (%u bytes captured)", ihl, avail);
        return NET_ERROR;
    }
    if (total < ihl) {
        nl_report(nl, "IPv4 total length %u shorter than its header (%u)", total, ihl);
        return NET_ERROR;
    }
    guint32 missing = 0;
    if (total > avail) {
        if (!snapped) {
            nl_report(nl, "IPv4 total length %u exceeds the %u bytes in the frame", total, avail);
            return NET_ERROR;
        }
        missing = total - avail;
    } else {
        avail = total; /* drop link-layer padding */
    }
    bool more = (fragw & 0x2000) != 0;
    guint32 foff = (guint32)(fragw & 0x1fff) * 8;
    memset(out, 0, sizeof *out);
    out->family = 4;
    memcpy(out->src, src, 4);
    memcpy(out->dst, dst, 4);
    if (more || foff) {
        if (proto != 6)
            return NET_IGNORED;
        if (missing) {
            nl_report(nl, "IPv4 fragment cut by the snapshot length; datagram cannot be reassembled");
            return NET_ERROR;
        }
        frag_key key;
        memset(&key, 0, sizeof key);
        key.family = 4;
        key.proto = proto;
        memcpy(key.src, src, 4);
        memcpy(key.dst, dst, 4);
        key.id = id;
        frag_dgram *d = frag_add(nl, &key, foff, p + ihl, avail - ihl, more, ts, proto);
        if (!d)
            return NET_IGNORED;
        take_done(nl, d);
        return decode_tcp(nl, nl->done->data, nl->done->len, 0, out);
    }
    if (proto != 6)
        return NET_IGNORED;
    return decode_tcp(nl, p + ihl, avail - ihl, missing, out);
}

/* A cursor's unread bytes in place. */
static const guint8 *rest(csvp_cursor *c, guint32 *len)
{
    *len = (guint32)csvp_cur_left(c);
    return csvp_cur_bytes(c, *len, "payload");
}

static int decode_ipv6(netlayers *nl, const guint8 *p, guint32 avail, bool snapped, gint64 ts, tcp_segment *out)
{
    /* RFC 8200 3: version, traffic class and flow label, payload length, next header, hop limit,
     * source, destination. */
    csvp_cursor c = csvp_cur_make(p, avail, false, 0);
    guint8 version = csvp_cur_u8(&c, "version") >> 4;
    csvp_cur_skip(&c, 3, "traffic class and flow label");
    guint32 plen = csvp_cur_u16(&c, "payload length");
    guint8 nh = csvp_cur_u8(&c, "next header");
    csvp_cur_skip(&c, 1, "hop limit");
    const guint8 *src = csvp_cur_bytes(&c, 16, "source address"), *dst = csvp_cur_bytes(&c, 16, "destination address");
    if (!csvp_cur_ok(&c)) {
        nl_report(nl, "IPv6 header truncated: %u bytes", avail);
        return NET_ERROR;
    }
    if (version != 6) {
        nl_report(nl, "IPv6 header has version %u", version);
        return NET_ERROR;
    }
    if (plen == 0) /* jumbogram or garbage: not DCE/RPC material */
        return NET_IGNORED;
    guint32 left = (guint32)csvp_cur_left(&c), missing = 0;
    if (plen > left) {
        if (!snapped) {
            nl_report(nl, "IPv6 payload length %u exceeds the %u bytes in the frame", plen, left);
            return NET_ERROR;
        }
        missing = plen - left;
    } else {
        left = plen;
    }
    memset(out, 0, sizeof *out);
    out->family = 6;
    memcpy(out->src, src, 16);
    memcpy(out->dst, dst, 16);
    csvp_cursor q = csvp_cur_sub(&c, left, "payload");   /* link-layer padding dropped */
    bool reassembled = false;
    for (int hops = 0; hops < 16; hops++) {
        switch (nh) {
        case 6: {
            const guint8 *tcp = rest(&q, &left);
            return decode_tcp(nl, tcp, left, missing, out);
        }
        case 0: case 43: case 60: case 51: {
            /* Hop-by-hop, routing, destination options: next header, length in 8-byte units
             * beyond the first 8; the authentication header counts 4-byte units beyond 8. */
            csvp_cursor h = q;
            guint8 next = csvp_cur_u8(&h, "next header"), units = csvp_cur_u8(&h, "header extension length");
            if (!csvp_cur_need(&h, 6, "extension header")) {
                nl_report(nl, "IPv6 extension header %u truncated", nh);
                return NET_ERROR;
            }
            guint32 hl = nh == 51 ? ((guint32)units + 2) * 4 : ((guint32)units + 1) * 8;
            if (!csvp_cur_skip(&q, hl, "extension header")) {
                nl_report(nl, "IPv6 extension header %u length %u exceeds the %u bytes left", nh, hl,
                          (guint32)q.fail_left);
                return NET_ERROR;
            }
            nh = next;
            break;
        }
        case 44: {
            /* Fragment header (RFC 8200 4.5): next header, reserved, offset and M flag, identification. */
            if (reassembled) {
                nl_report(nl, "IPv6 fragment header inside a reassembled datagram");
                return NET_ERROR;
            }
            csvp_cursor h = q;
            guint8 fnh = csvp_cur_u8(&h, "next header");
            csvp_cur_skip(&h, 1, "reserved");
            guint16 offw = csvp_cur_u16(&h, "fragment offset");
            guint32 id = csvp_cur_u32(&h, "identification");
            if (!csvp_cur_ok(&h)) {
                nl_report(nl, "IPv6 fragment header truncated");
                return NET_ERROR;
            }
            if (missing) {
                nl_report(nl, "IPv6 fragment cut by the snapshot length; datagram cannot be reassembled");
                return NET_ERROR;
            }
            q = h;
            guint32 foff = (guint32)(offw & 0xfff8);
            bool more = (offw & 1) != 0;
            if (!more && foff == 0) { /* atomic fragment */
                nh = fnh;
                break;
            }
            frag_key key;
            memset(&key, 0, sizeof key);
            key.family = 6;
            memcpy(key.src, src, 16);
            memcpy(key.dst, dst, 16);
            key.id = id;
            const guint8 *frag = rest(&q, &left);
            frag_dgram *d = frag_add(nl, &key, foff, frag, left, more, ts, fnh);
            if (!d)
                return NET_IGNORED;
            nh = d->next_header;
            take_done(nl, d);
            q = csvp_cur_make(nl->done->data, nl->done->len, false, 0);
            reassembled = true;
            break;
        }
        default:
            return NET_IGNORED; /* UDP, ICMPv6, ESP, no next header ... */
        }
    }
    nl_report(nl, "IPv6: too many extension headers");
    return NET_ERROR;
}

static int decode_ip_by_version(netlayers *nl, const guint8 *p, guint32 avail, bool snapped, gint64 ts,
                                tcp_segment *out)
{
    if (avail < 1)
        return NET_IGNORED;
    switch (p[0] >> 4) {
    case 4: return decode_ipv4(nl, p, avail, snapped, ts, out);
    case 6: return decode_ipv6(nl, p, avail, snapped, ts, out);
    default:
        nl_report(nl, "raw IP packet with version %u", p[0] >> 4);
        return NET_ERROR;
    }
}

/* The network layer by EtherType, c at the bytes after it (VLAN tags first). Inlined, as
 * decode_link is, so that the cursor stays in registers: every packet passes here. */
G_ALWAYS_INLINE static inline int decode_ethertype(netlayers *nl, guint16 type, csvp_cursor *c, bool snapped,
                                                   gint64 ts, tcp_segment *out)
{
    /* 802.1Q (0x8100), 802.1ad (0x88a8) and the old QinQ 0x9100: TCI(2) + inner type(2). */
    for (int tags = 0; type == 0x8100 || type == 0x88a8 || type == 0x9100; tags++) {
        csvp_cur_skip(c, 2, "VLAN TCI");
        type = csvp_cur_u16(c, "EtherType");
        if (tags >= 8 || !csvp_cur_ok(c)) {
            nl_report(nl, "VLAN tag stack truncated");
            return NET_ERROR;
        }
    }
    guint32 len;
    const guint8 *p = rest(c, &len);
    switch (type) {
    case 0x0800: return decode_ipv4(nl, p, len, snapped, ts, out);
    case 0x86dd: return decode_ipv6(nl, p, len, snapped, ts, out);
    default: return NET_IGNORED;
    }
}

/* A link header of `before` bytes, an EtherType, `after` bytes, then the network layer. */
G_ALWAYS_INLINE static inline int decode_link(netlayers *nl, csvp_cursor *c, gsize before, gsize after,
                                              const char *name, bool snapped, gint64 ts, tcp_segment *out)
{
    csvp_cur_skip(c, before, name);
    guint16 type = csvp_cur_u16(c, "EtherType");
    csvp_cur_skip(c, after, name);
    if (!csvp_cur_ok(c)) {
        nl_report(nl, "%s header truncated: %u bytes", name, (guint32)c->len);
        return NET_ERROR;
    }
    return decode_ethertype(nl, type, c, snapped, ts, out);
}

int netlayers_decode(netlayers *nl, int linktype, const guint8 *data, guint32 caplen,
                     guint32 wirelen, gint64 ts_us, tcp_segment *out)
{
    bool snapped = caplen < wirelen;
    csvp_cursor c = csvp_cur_make(data, caplen, false, 0);
    switch (linktype) {
    case 1: /* DLT_EN10MB: destination(6) source(6) type(2) */
        return decode_link(nl, &c, 12, 0, "Ethernet", snapped, ts_us, out);
    case 113: /* DLT_LINUX_SLL: pkttype(2) hatype(2) halen(2) addr(8) protocol(2) */
        return decode_link(nl, &c, 14, 0, "Linux cooked", snapped, ts_us, out);
    case 276: /* DLT_LINUX_SLL2: protocol(2) reserved(2) ifindex(4) hatype(2) pkttype(1) halen(1) addr(8) */
        return decode_link(nl, &c, 0, 18, "Linux cooked v2", snapped, ts_us, out);
    case 12: case 14: case 101: /* raw IP */
        return decode_ip_by_version(nl, data, caplen, snapped, ts_us, out);
    case 228:
        return decode_ipv4(nl, data, caplen, snapped, ts_us, out);
    case 229:
        return decode_ipv6(nl, data, caplen, snapped, ts_us, out);
    case 0: case 108: { /* DLT_NULL (host order) / DLT_LOOP (network order): 4-byte AF_ value */
        guint32 fam = csvp_cur_u32(&c, "address family");
        if (!csvp_cur_ok(&c)) {
            nl_report(nl, "loopback header truncated: %u bytes", caplen);
            return NET_ERROR;
        }
        if (fam > 0xffff)
            fam = GUINT32_SWAP_LE_BE(fam);
        guint32 len;
        const guint8 *p = rest(&c, &len);
        switch (fam) {
        case 2:
            return decode_ipv4(nl, p, len, snapped, ts_us, out);
        case 10: case 24: case 28: case 30:
            return decode_ipv6(nl, p, len, snapped, ts_us, out);
        default:
            return NET_IGNORED;
        }
    }
    default:
        return NET_IGNORED;
    }
}
