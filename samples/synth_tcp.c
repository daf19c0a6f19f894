/* synth_tcp.c - Ethernet II, IPv4 (RFC 791) or IPv6 (RFC 8200) and TCP
 * (RFC 9293) frames with real handshakes, sequence and acknowledgement
 * numbers, checksums and a Windows-like window; segments, delayed ACKs,
 * reordering and retransmission on request. */
#include "synth.h"

#include <string.h>

#define WINDOW 1026        /* advertised window after the handshake, scaled by 2^8 */

static void be16(guint8 *p, guint v) { p[0] = (guint8)(v >> 8); p[1] = (guint8)v; }
static void be32(guint8 *p, guint32 v) { be16(p, v >> 16); be16(p + 2, v & 0xffff); }

static guint32 csum_add(guint32 sum, const guint8 *p, guint len)
{
    for (guint i = 0; i + 1 < len; i += 2)
        sum += (guint32)p[i] << 8 | p[i + 1];
    if (len & 1)
        sum += (guint32)p[len - 1] << 8;
    return sum;
}

static guint16 csum_fold(guint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (guint16)~sum;
}

void synth_tcp_init(synth_tcp *t, synth_cap *cap, const synth_host *client, guint16 cport, const synth_host *server,
                    guint16 sport, bool v6)
{
    memset(t, 0, sizeof *t);
    t->cap = cap;
    t->host[0] = client;
    t->host[1] = server;
    t->port[0] = cport;
    t->port[1] = sport;
    t->v6 = v6;
    t->seq[0] = synth_rand(&cap->rng);   /* ISNs */
    t->seq[1] = synth_rand(&cap->rng);
    t->ip_id[0] = (guint16)synth_rand(&cap->rng);
    t->ip_id[1] = (guint16)synth_rand(&cap->rng);
}

GByteArray *synth_tcp_frame(synth_tcp *t, int side, guint8 flags, guint32 seq, const guint8 *payload, guint len)
{
    const synth_host *src = t->host[side], *dst = t->host[!side];
    /* Windows' SYN options: MSS, NOP, window scale 8, NOP, NOP, SACK permitted. */
    guint8 opts[12] = { 2, 4, 0, 0, 1, 3, 3, 8, 1, 1, 4, 2 };
    guint optlen = (flags & SYNTH_SYN) ? 12 : 0;
    be16(opts + 2, t->v6 ? 1440 : 1460);
    bool hbh = t->v6 && t->hop_by_hop && len > 0;
    guint iplen = t->v6 ? 40 + (hbh ? 8 : 0) : 20, tcplen = 20 + optlen + len;
    GByteArray *f = g_byte_array_sized_new(14 + iplen + tcplen);
    g_byte_array_set_size(f, 14 + iplen + tcplen);
    guint8 *p = f->data;
    memset(p, 0, f->len);
    memcpy(p, dst->mac, 6);
    memcpy(p + 6, src->mac, 6);
    be16(p + 12, t->v6 ? 0x86dd : 0x0800);
    guint8 *ip = p + 14, *tcp = ip + iplen;
    guint32 sum = 0;
    if (t->v6) {
        be32(ip, 0x60000000);
        be16(ip + 4, tcplen + (hbh ? 8 : 0));
        ip[6] = hbh ? 0 : 6;
        ip[7] = 128;
        memcpy(ip + 8, src->ip6, 16);
        memcpy(ip + 24, dst->ip6, 16);
        if (hbh) {   /* Hop-by-Hop: next header TCP, length 0, PadN of 4 (RFC 8200 4.2) */
            ip[40] = 6;
            ip[41] = 0;
            ip[42] = 1;
            ip[43] = 4;
        }
        sum = csum_add(sum, ip + 8, 32);
        sum += tcplen + 6;
    } else {
        ip[0] = 0x45;
        be16(ip + 2, iplen + tcplen);
        be16(ip + 4, t->ip_id[side]++);
        be16(ip + 6, 0x4000);   /* DF */
        ip[8] = 128;
        ip[9] = 6;
        memcpy(ip + 12, src->ip4, 4);
        memcpy(ip + 16, dst->ip4, 4);
        be16(ip + 10, csum_fold(csum_add(0, ip, 20)));
        sum = csum_add(sum, ip + 12, 8);
        sum += 6 + tcplen;
    }
    be16(tcp, t->port[side]);
    be16(tcp + 2, t->port[!side]);
    be32(tcp + 4, seq);
    be32(tcp + 8, (flags & SYNTH_ACK) ? t->seq[!side] : 0);
    tcp[12] = (guint8)((20 + optlen) / 4) << 4;
    tcp[13] = flags;
    be16(tcp + 14, (flags & SYNTH_SYN) ? 64240 : WINDOW);
    memcpy(tcp + 20, opts, optlen);
    if (len)
        memcpy(tcp + 20 + optlen, payload, len);
    be16(tcp + 16, csum_fold(csum_add(sum, tcp, tcplen)));
    return f;
}

/* Send a segment now and move the side's sequence number past it. */
static void emit(synth_tcp *t, int side, guint8 flags, const guint8 *payload, guint len)
{
    GByteArray *f = synth_tcp_frame(t, side, flags, t->seq[side], payload, len);
    synth_cap_write(t->cap, f->data, f->len);
    g_byte_array_free(f, TRUE);
    t->seq[side] += len + ((flags & (SYNTH_SYN | SYNTH_FIN)) ? 1 : 0);
}

void synth_tcp_handshake(synth_tcp *t)
{
    synth_cap *c = t->cap;
    emit(t, 0, SYNTH_SYN, NULL, 0);
    synth_wait(c, 2 * SYNTH_HALF_RTT_US + synth_rand_range(&c->rng, 0, 40));
    emit(t, 1, SYNTH_SYN | SYNTH_ACK, NULL, 0);
    synth_wait(c, synth_rand_range(&c->rng, 20, 60));
    emit(t, 0, SYNTH_ACK, NULL, 0);
    synth_wait(c, synth_rand_range(&c->rng, 80, 200));
}

void synth_tcp_send(synth_tcp *t, int side, const guint8 *data, guint len, const synth_seg_opts *o)
{
    synth_cap *c = t->cap;
    guint mss = o && o->mss ? o->mss : (t->v6 ? 1440 : 1460);
    GArray *cuts = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint off = 0, k = 0; off < len; k++) {
        guint n = o && k < o->n_cuts ? o->cuts[k] : mss;
        n = MIN(n, len - off);
        g_array_append_val(cuts, n);
        off += n;
    }
    guint32 start = t->seq[side];
    gint swap = o ? o->swap : -1, retx = o ? o->retransmit : -1;
    guint offs[cuts->len + 1];
    offs[0] = 0;
    for (guint k = 0; k < cuts->len; k++)
        offs[k + 1] = offs[k] + g_array_index(cuts, guint, k);
    for (guint i = 0; i < cuts->len; i++) {
        guint k = i;
        if (swap >= 0 && i == (guint)swap)
            k = i + 1;
        else if (swap >= 0 && i == (guint)swap + 1)
            k = i - 1;
        guint8 flags = SYNTH_ACK | (k + 1 == cuts->len ? SYNTH_PSH : 0);
        GByteArray *f = synth_tcp_frame(t, side, flags, start + offs[k], data + offs[k], offs[k + 1] - offs[k]);
        synth_cap_write(c, f->data, f->len);
        g_byte_array_free(f, TRUE);
        synth_wait(c, 12 + (offs[k + 1] - offs[k]) / 125);   /* about 1 Gbit/s on the wire */
        /* The receiver ACKs every second full segment (RFC 9293 3.8.6.3). */
        if (i % 2 == 1 && i + 1 < cuts->len && !(swap >= 0 && (i == (guint)swap || i == (guint)swap + 1))) {
            guint32 saved = t->seq[side];
            t->seq[side] = start + offs[i + 1];
            synth_wait(c, 2 * SYNTH_HALF_RTT_US / 3);
            emit(t, !side, SYNTH_ACK, NULL, 0);
            t->seq[side] = saved;
            synth_wait(c, 3);
        }
        if (retx >= 0 && i == (guint)retx) {
            /* Lost on the way: the sender retransmits after its RTO (300 ms minimum on Windows). */
            synth_wait(c, 300000);
            f = synth_tcp_frame(t, side, flags, start + offs[k], data + offs[k], offs[k + 1] - offs[k]);
            synth_cap_write(c, f->data, f->len);
            g_byte_array_free(f, TRUE);
            synth_wait(c, 20);
        }
    }
    t->seq[side] = start + len;
    if (cuts->len > 1) {   /* the flight's last ACK */
        synth_wait(c, 2 * SYNTH_HALF_RTT_US / 3);
        emit(t, !side, SYNTH_ACK, NULL, 0);
    }
    g_array_free(cuts, TRUE);
}

void synth_tcp_close(synth_tcp *t)
{
    synth_cap *c = t->cap;
    emit(t, 0, SYNTH_FIN | SYNTH_ACK, NULL, 0);
    synth_wait(c, 2 * SYNTH_HALF_RTT_US + synth_rand_range(&c->rng, 0, 60));
    emit(t, 1, SYNTH_FIN | SYNTH_ACK, NULL, 0);
    synth_wait(c, synth_rand_range(&c->rng, 20, 60));
    emit(t, 0, SYNTH_ACK, NULL, 0);
    synth_wait(c, synth_rand_range(&c->rng, 100, 400));
}
