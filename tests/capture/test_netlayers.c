/* test_netlayers.c - link types, VLAN/QinQ, IPv4/IPv6 and fragment reassembly. */
#include "netlayers.h"
#include "pktbuild.h"

#include <string.h>

static GPtrArray *errors;

static void on_err(void *user, const char *msg)
{
    (void)user;
    g_ptr_array_add(errors, g_strdup(msg));
}

static const char PAYLOAD[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"; /* 50 bytes */

static void check_v4_seg(const tcp_segment *s)
{
    static const guint8 src[4] = { 10, 0, 0, 5 }, dst[4] = { 10, 0, 0, 9 };
    CHECK_EQ(s->family, 4);
    CHECK(memcmp(s->src, src, 4) == 0);
    CHECK(memcmp(s->dst, dst, 4) == 0);
    CHECK_EQ(s->sport, 49712);
    CHECK_EQ(s->dport, 135);
    CHECK_EQ(s->seq, 1000);
    CHECK_EQ(s->ack, 2000);
    CHECK_EQ(s->flags, 0x18);
    CHECK_EQ(s->len, 50);
    CHECK_EQ(s->missing, 0);
    CHECK(memcmp(s->payload, PAYLOAD, 50) == 0);
}

static void check_v6_seg(const tcp_segment *s)
{
    static const guint8 src[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 };
    CHECK_EQ(s->family, 6);
    CHECK(memcmp(s->src, src, 16) == 0);
    CHECK_EQ(s->dst[15], 9);
    CHECK_EQ(s->sport, 49712);
    CHECK_EQ(s->dport, 135);
    CHECK_EQ(s->seq, 1000);
    CHECK_EQ(s->len, 50);
    CHECK(memcmp(s->payload, PAYLOAD, 50) == 0);
}

static GByteArray *v4(void) { return pb_tcp_ip("10.0.0.5", 49712, "10.0.0.9", 135, 1000, 2000, 0x18, PAYLOAD, 50); }
static GByteArray *v6(void) { return pb_tcp_ip("fd00::5", 49712, "fd00::9", 135, 1000, 2000, 0x18, PAYLOAD, 50); }

static int decode(netlayers *nl, int lt, const GByteArray *f, tcp_segment *s)
{
    return netlayers_decode(nl, lt, f->data, f->len, f->len, 1000000, s);
}

/* Prepends `hlen` bytes of link header to the IP packet. */
static GByteArray *with_header(const guint8 *h, gsize hlen, GByteArray *ip)
{
    GByteArray *b = g_byte_array_new();
    pb_bytes(b, h, hlen);
    pb_bytes(b, ip->data, ip->len);
    g_byte_array_unref(ip);
    return b;
}

static void test_link_types(netlayers *nl)
{
    tcp_segment s;
    /* Ethernet II, IPv4 and IPv6. */
    GByteArray *ip = v4();
    GByteArray *f = pb_eth(ip, NULL, 0);
    CHECK_EQ(decode(nl, 1, f, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(f);
    /* Ethernet padding after the IP datagram must not become payload. */
    f = pb_eth(ip, NULL, 0);
    pb_zeros(f, 6);
    CHECK_EQ(decode(nl, 1, f, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(f);
    g_byte_array_unref(ip);

    /* 802.1Q; QinQ 802.1ad outer + 802.1Q inner; legacy 0x9100 outer. */
    static const guint16 q1[] = { 0x8100, 0x0064 };
    static const guint16 q2[] = { 0x88a8, 0x00c8, 0x8100, 0x0064 };
    static const guint16 q3[] = { 0x9100, 0x0001, 0x9100, 0x0002, 0x8100, 0x0003 };
    const guint16 *tags[] = { q1, q2, q3 };
    const int ntags[] = { 1, 2, 3 };
    for (int i = 0; i < 3; i++) {
        ip = i == 1 ? v6() : v4();
        f = pb_eth(ip, tags[i], ntags[i]);
        CHECK_EQ(decode(nl, 1, f, &s), NET_TCP);
        if (i == 1)
            check_v6_seg(&s);
        else
            check_v4_seg(&s);
        g_byte_array_unref(f);
        g_byte_array_unref(ip);
    }

    /* Linux SLL: packet type 0 (to us), ARPHRD_ETHER 1, address length 6, address (8), protocol. */
    static const guint8 sll[16] = { 0, 0, 0, 1, 0, 6, 0, 0x15, 0x5d, 1, 2, 3, 0, 0, 0x08, 0x00 };
    f = with_header(sll, 16, v4());
    CHECK_EQ(decode(nl, 113, f, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(f);

    /* Linux SLL2: protocol 0x86dd, reserved, interface index 2, ARPHRD_ETHER, packet type 4
     * (outgoing), address length 6, address (8). */
    static const guint8 sll2[20] = { 0x86, 0xdd, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, 0, 0x15, 0x5d, 1, 2, 3, 0, 0 };
    f = with_header(sll2, 20, v6());
    CHECK_EQ(decode(nl, 276, f, &s), NET_TCP);
    check_v6_seg(&s);
    g_byte_array_unref(f);

    /* Raw IP under every number it goes by. */
    static const int raw[] = { 12, 14, 101 };
    for (int i = 0; i < 3; i++) {
        f = v4();
        CHECK_EQ(decode(nl, raw[i], f, &s), NET_TCP);
        check_v4_seg(&s);
        g_byte_array_unref(f);
        f = v6();
        CHECK_EQ(decode(nl, raw[i], f, &s), NET_TCP);
        check_v6_seg(&s);
        g_byte_array_unref(f);
    }
    f = v4();
    CHECK_EQ(decode(nl, 228, f, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(f);
    f = v6();
    CHECK_EQ(decode(nl, 229, f, &s), NET_TCP);
    check_v6_seg(&s);
    g_byte_array_unref(f);

    /* BSD loopback: a 4-byte AF_ value in the capturing host's order (NULL) or network order
     * (LOOP). AF_INET 2; AF_INET6 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS). */
    static const guint8 null_le_v4[4] = { 2, 0, 0, 0 }, null_be_v4[4] = { 0, 0, 0, 2 };
    static const guint8 loop_v6_24[4] = { 0, 0, 0, 24 }, null_v6_28[4] = { 28, 0, 0, 0 },
                        null_v6_30[4] = { 30, 0, 0, 0 };
    f = with_header(null_le_v4, 4, v4());
    CHECK_EQ(decode(nl, 0, f, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(f);
    f = with_header(null_be_v4, 4, v4());
    CHECK_EQ(decode(nl, 0, f, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(f);
    f = with_header(loop_v6_24, 4, v6());
    CHECK_EQ(decode(nl, 108, f, &s), NET_TCP);
    check_v6_seg(&s);
    g_byte_array_unref(f);
    f = with_header(null_v6_28, 4, v6());
    CHECK_EQ(decode(nl, 0, f, &s), NET_TCP);
    check_v6_seg(&s);
    g_byte_array_unref(f);
    f = with_header(null_v6_30, 4, v6());
    CHECK_EQ(decode(nl, 108, f, &s), NET_TCP);
    check_v6_seg(&s);
    g_byte_array_unref(f);
    CHECK_EQ(errors->len, 0);
}

/* IPv4 fragment of the 70-byte TCP segment (20 header + 50 payload) in `tcp`. */
static GByteArray *v4_frag(const GByteArray *tcp, guint off, guint len, bool more, const guint8 *override)
{
    GByteArray *b = g_byte_array_new();
    pb_u8(b, 0x45);
    pb_u8(b, 0);
    pb_u16(b, (guint16)(20 + len), false);
    pb_u16(b, 0xbeef, false);                                     /* identification */
    pb_u16(b, (guint16)((more ? 0x2000 : 0) | (off / 8)), false); /* MF + offset in 8-byte units */
    pb_u8(b, 64);
    pb_u8(b, 6);
    pb_u16(b, 0, false);
    static const guint8 a[8] = { 10, 0, 0, 5, 10, 0, 0, 9 };
    pb_bytes(b, a, 8);
    pb_bytes(b, override ? override : tcp->data + 20 + off, len);
    return b;
}

static void test_ipv4_fragments(netlayers *nl)
{
    GByteArray *whole = v4();
    tcp_segment s;
    /* Transport bytes 0..69 in three fragments, last first; then one overlapping 16..47 whose
     * first 8 bytes are junk (already held: first copy wins). */
    GByteArray *c = v4_frag(whole, 48, 22, false, NULL);
    GByteArray *a = v4_frag(whole, 0, 24, true, NULL);
    guint8 junk[32];
    memcpy(junk, whole->data + 20 + 16, 32);
    memset(junk, 0xee, 8);
    GByteArray *b = v4_frag(whole, 16, 32, true, junk);
    CHECK_EQ(decode(nl, 228, c, &s), NET_IGNORED);
    CHECK_EQ(decode(nl, 228, a, &s), NET_IGNORED);
    CHECK_EQ(decode(nl, 228, b, &s), NET_TCP);
    check_v4_seg(&s);
    g_byte_array_unref(a);
    g_byte_array_unref(b);
    g_byte_array_unref(c);

    /* Cap on datagrams in progress: the third concurrent datagram is dropped and reported. */
    net_limits lim;
    net_limits_default(&lim);
    lim.frag_max_inflight = 2;
    netlayers *small = netlayers_new(&lim, on_err, NULL);
    for (int id = 0; id < 3; id++) {
        GByteArray *f = v4_frag(whole, 0, 24, true, NULL);
        f->data[5] = (guint8)id;
        CHECK_EQ(decode(small, 228, f, &s), NET_IGNORED);
        g_byte_array_unref(f);
    }
    CHECK_EQ(errors->len, 1);
    CHECK(strstr(errors->pdata[0], "already being reassembled"));
    CHECK_EQ(netlayers_frag_dropped(small), 1);
    /* Timeout by capture time: a fragment 31 s later sweeps the two stale datagrams. */
    GByteArray *f = v4_frag(whole, 0, 24, true, NULL);
    f->data[5] = 9;
    CHECK_EQ(netlayers_decode(small, 228, f->data, f->len, f->len, 1000000 + 31 * G_USEC_PER_SEC, &s), NET_IGNORED);
    g_byte_array_unref(f);
    CHECK_EQ(netlayers_frag_dropped(small), 3);
    CHECK(strstr(errors->pdata[1], "incomplete after 30 s"));
    netlayers_free(small);
    g_ptr_array_set_size(errors, 0);

    /* A fragment running past 64 KiB: offset 65528 + 24 bytes. */
    f = v4_frag(whole, 0, 24, true, NULL);
    pb_put16(f, 6, 0x2000 | (65528 / 8), false);
    CHECK_EQ(decode(nl, 228, f, &s), NET_IGNORED);
    CHECK_EQ(errors->len, 1);
    CHECK(strstr(errors->pdata[0], "over the 65535 byte cap"));
    g_byte_array_unref(f);
    g_ptr_array_set_size(errors, 0);
    g_byte_array_unref(whole);
}

static void test_ipv6_ext_and_fragments(netlayers *nl)
{
    tcp_segment s;
    GByteArray *plain = v6();
    /* Hop-by-hop (0) then destination options (60), each 8 bytes: next header, hdr ext len 0
     * (= 8 bytes), then a PadN option (type 1, length 4, 4 zero bytes). */
    GByteArray *p = g_byte_array_new();
    pb_bytes(p, plain->data, 40);
    p->data[6] = 0;                          /* next header: hop-by-hop */
    pb_put16(p, 4, (guint16)(70 + 16), false);
    static const guint8 hbh[8] = { 60, 0, 1, 4, 0, 0, 0, 0 }, dst[8] = { 6, 0, 1, 4, 0, 0, 0, 0 };
    pb_bytes(p, hbh, 8);
    pb_bytes(p, dst, 8);
    pb_bytes(p, plain->data + 40, 70);
    CHECK_EQ(decode(nl, 229, p, &s), NET_TCP);
    check_v6_seg(&s);
    g_byte_array_unref(p);

    /* Two fragments (fragment header 44: next header 6, reserved, offset<<3 | M, id). */
    for (int order = 0; order < 2; order++) {
        GByteArray *fr[2];
        for (int i = 0; i < 2; i++) {
            guint off = i ? 32 : 0, len = i ? 38 : 32;
            GByteArray *b = g_byte_array_new();
            pb_bytes(b, plain->data, 40);
            b->data[6] = 44;
            pb_put16(b, 4, (guint16)(8 + len), false);
            pb_u8(b, 6);
            pb_u8(b, 0);
            pb_u16(b, (guint16)(off | (i ? 0 : 1)), false);
            pb_u32(b, 0xcafe0000u + (guint32)order, false);
            pb_bytes(b, plain->data + 40 + off, len);
            fr[i] = b;
        }
        int first = order ? 1 : 0;
        CHECK_EQ(decode(nl, 229, fr[first], &s), NET_IGNORED);
        CHECK_EQ(decode(nl, 229, fr[1 - first], &s), NET_TCP);
        check_v6_seg(&s);
        g_byte_array_unref(fr[0]);
        g_byte_array_unref(fr[1]);
    }
    g_byte_array_unref(plain);
    CHECK_EQ(errors->len, 0);
}

static void test_errors_and_ignored(netlayers *nl)
{
    tcp_segment s;
    /* IHL 4 (< 5 words). */
    GByteArray *f = v4();
    f->data[0] = 0x44;
    CHECK_EQ(decode(nl, 228, f, &s), NET_ERROR);
    CHECK(strstr(errors->pdata[0], "IPv4 header length 16 invalid"));
    /* Total length beyond the frame, not explained by a snapshot length. */
    f->data[0] = 0x45;
    pb_put16(f, 2, 200, false);
    CHECK_EQ(decode(nl, 228, f, &s), NET_ERROR);
    CHECK(strstr(errors->pdata[1], "total length 200 exceeds the 90 bytes"));
    /* Cut by the snapshot length: header says 110 bytes, 90 captured of a 110 byte frame:
     * 50 payload bytes present, 20 missing. */
    pb_put16(f, 2, 110, false);
    CHECK_EQ(netlayers_decode(nl, 228, f->data, 90, 110, 1, &s), NET_TCP);
    CHECK_EQ(s.len, 50);
    CHECK_EQ(s.missing, 20);
    /* TCP data offset 15 words (60 bytes) in a datagram of total length 60: 40 bytes of TCP. */
    f->data[32] = 0xf0;
    pb_put16(f, 2, 60, false);
    CHECK_EQ(decode(nl, 228, f, &s), NET_ERROR);
    CHECK(strstr(errors->pdata[2], "TCP header length 60 invalid for a 40 byte segment"));
    g_byte_array_unref(f);
    /* Truncated Ethernet header, truncated IPv6 header. */
    static const guint8 shortf[10] = { 0 };
    CHECK_EQ(netlayers_decode(nl, 1, shortf, 10, 10, 1, &s), NET_ERROR);
    static const guint8 short6[20] = { 0x60 };
    CHECK_EQ(netlayers_decode(nl, 229, short6, 20, 20, 1, &s), NET_ERROR);
    CHECK_EQ(errors->len, 5);
    g_ptr_array_set_size(errors, 0);

    /* UDP, ARP and unknown link types are ignored quietly. */
    f = v4();
    f->data[9] = 17;
    CHECK_EQ(decode(nl, 228, f, &s), NET_IGNORED);
    g_byte_array_unref(f);
    GByteArray *arp = g_byte_array_new();
    pb_zeros(arp, 12);
    pb_u16(arp, 0x0806, false);
    pb_zeros(arp, 28);
    CHECK_EQ(decode(nl, 1, arp, &s), NET_IGNORED);
    CHECK_EQ(decode(nl, 147, arp, &s), NET_IGNORED);
    g_byte_array_unref(arp);
    CHECK_EQ(errors->len, 0);
}

int main(void)
{
    errors = g_ptr_array_new_with_free_func(g_free);
    netlayers *nl = netlayers_new(NULL, on_err, NULL);
    test_link_types(nl);
    test_ipv4_fragments(nl);
    test_ipv6_ext_and_fragments(nl);
    test_errors_and_ignored(nl);
    netlayers_free(nl);
    char ep[64];
    static const guint8 a6[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 };
    net_format_endpoint(ep, sizeof ep, 6, a6, 49712);
    CHECK_STR(ep, "[fd00::5]:49712");
    g_ptr_array_unref(errors);
    return check_report("netlayers");
}
