/* netlayers.h - link layer and IPv4/IPv6 (with fragment reassembly) down to TCP segments.
 *
 * Link types: Ethernet (802.1Q/QinQ tags), Linux SLL and SLL2, raw IP (12, 14, 101, 228, 229),
 * BSD NULL and LOOP. Non-TCP traffic is ignored quietly.
 */
#ifndef CSVP_NETLAYERS_H
#define CSVP_NETLAYERS_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct tcp_segment {
    guint8 family;          /* 4 or 6 */
    guint8 src[16], dst[16];/* IPv4 uses the first 4 bytes */
    guint16 sport, dport;
    guint32 seq, ack;
    guint8 flags;           /* TCP_FIN ... as on the wire */
    const guint8 *payload;  /* valid until the next netlayers_decode() */
    guint32 len;            /* payload bytes present */
    guint32 missing;        /* payload bytes on the wire but cut by the snapshot length */
} tcp_segment;

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

typedef struct net_limits {
    guint32 frag_max_datagram;   /* bytes per reassembled datagram (default 65535+) */
    guint frag_max_inflight;     /* datagrams being reassembled at once (default 256) */
    gint64 frag_timeout_us;      /* capture time after which an incomplete datagram is dropped */
} net_limits;

void net_limits_default(net_limits *l);

enum {
    NET_ERROR = -1,   /* reported through the error callback */
    NET_IGNORED = 0,  /* not TCP, or a fragment held for reassembly */
    NET_TCP = 1,      /* *out filled */
};

typedef void (*net_error_fn)(void *user, const char *msg);

typedef struct netlayers netlayers;

netlayers *netlayers_new(const net_limits *lim, net_error_fn err, void *user);
int netlayers_decode(netlayers *nl, int linktype, const guint8 *data, guint32 caplen,
                     guint32 wirelen, gint64 ts_us, tcp_segment *out);
/* Datagrams dropped because of the caps or the timeout so far. */
guint64 netlayers_frag_dropped(const netlayers *nl);
void netlayers_free(netlayers *nl);

/* "10.0.0.5:49712" or "[fd00::5]:49712" into buf (at least 64 bytes). */
void net_format_endpoint(char *buf, gsize size, guint8 family, const guint8 *addr, guint16 port);

#endif
