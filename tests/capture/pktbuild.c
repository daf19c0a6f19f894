/* pktbuild.c - hand-built packets and DCE/RPC PDUs for the capture tests. */
#include "pktbuild.h"

#include <arpa/inet.h>
#include <string.h>

void pb_u8(GByteArray *b, guint8 v) { g_byte_array_append(b, &v, 1); }

void pb_u16(GByteArray *b, guint16 v, bool le)
{
    guint8 x[2] = { le ? v & 0xff : v >> 8, le ? v >> 8 : v & 0xff };
    g_byte_array_append(b, x, 2);
}

void pb_u32(GByteArray *b, guint32 v, bool le)
{
    for (int i = 0; i < 4; i++)
        pb_u8(b, (guint8)(le ? v >> (8 * i) : v >> (24 - 8 * i)));
}

void pb_put16(GByteArray *b, guint off, guint16 v, bool le)
{
    b->data[off] = le ? v & 0xff : v >> 8;
    b->data[off + 1] = le ? v >> 8 : v & 0xff;
}

void pb_bytes(GByteArray *b, const void *p, gsize n) { g_byte_array_append(b, p, (guint)n); }

void pb_zeros(GByteArray *b, gsize n)
{
    for (gsize i = 0; i < n; i++)
        pb_u8(b, 0);
}

void pb_uuid_canonical(guint8 out[16], const char *t)
{
    int k = 0;
    for (const char *p = t; *p && k < 16; ) {
        if (*p == '-') {
            p++;
            continue;
        }
        out[k++] = (guint8)(g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]));
        p += 2;
    }
    CHECK(k == 16);
}

void pb_uuid(GByteArray *b, const char *text, bool le)
{
    guint8 c[16];
    pb_uuid_canonical(c, text);
    /* time_low (u32), time_mid (u16), time_hi_and_version (u16) in the PDU's integer order,
     * then clock_seq and node as bytes (C706 appendix A, NDR). */
    pb_u32(b, (guint32)c[0] << 24 | (guint32)c[1] << 16 | (guint32)c[2] << 8 | c[3], le);
    pb_u16(b, (guint16)(c[4] << 8 | c[5]), le);
    pb_u16(b, (guint16)(c[6] << 8 | c[7]), le);
    pb_bytes(b, c + 8, 8);
}

static guint16 ip_checksum(const guint8 *p, gsize n)
{
    guint32 s = 0;
    for (gsize i = 0; i + 1 < n; i += 2)
        s += (guint32)(p[i] << 8 | p[i + 1]);
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (guint16)~s;
}

GByteArray *pb_tcp_ip(const char *src, guint16 sport, const char *dst, guint16 dport, guint32 seq,
                      guint32 ack, guint8 flags, const void *payload, gsize len)
{
    GByteArray *b = g_byte_array_new();
    bool v6 = strchr(src, ':') != NULL;
    gsize tcp_len = 20 + len;
    if (v6) {
        /* RFC 8200: version 6, traffic class, flow label (4 bytes), payload length, next header 6, hop limit. */
        pb_u32(b, 0x60000000, false);
        pb_u16(b, (guint16)tcp_len, false);
        pb_u8(b, 6);
        pb_u8(b, 64);
        guint8 a[16];
        CHECK(inet_pton(AF_INET6, src, a) == 1);
        pb_bytes(b, a, 16);
        CHECK(inet_pton(AF_INET6, dst, a) == 1);
        pb_bytes(b, a, 16);
    } else {
        /* RFC 791: 0x45 = version 4, IHL 5 words; total length; id; flags/offset; TTL; proto 6. */
        pb_u8(b, 0x45);
        pb_u8(b, 0);
        pb_u16(b, (guint16)(20 + tcp_len), false);
        pb_u16(b, 0x1234, false);
        pb_u16(b, 0x4000, false); /* DF */
        pb_u8(b, 64);
        pb_u8(b, 6);
        pb_u16(b, 0, false);
        guint8 a[4];
        CHECK(inet_pton(AF_INET, src, a) == 1);
        pb_bytes(b, a, 4);
        CHECK(inet_pton(AF_INET, dst, a) == 1);
        pb_bytes(b, a, 4);
        pb_put16(b, 10, ip_checksum(b->data, 20), false);
    }
    /* RFC 793: ports, seq, ack, data offset 5 words (0x50), flags, window, checksum, urgent. */
    pb_u16(b, sport, false);
    pb_u16(b, dport, false);
    pb_u32(b, seq, false);
    pb_u32(b, ack, false);
    pb_u8(b, 0x50);
    pb_u8(b, flags);
    pb_u16(b, 65535, false);
    pb_u16(b, 0, false);
    pb_u16(b, 0, false);
    if (len)
        pb_bytes(b, payload, len);
    return b;
}

GByteArray *pb_eth(const GByteArray *ip, const guint16 *tags, int n_tags)
{
    static const guint8 macs[12] = { 0, 0x15, 0x5d, 1, 2, 3, 0, 0x15, 0x5d, 4, 5, 6 };
    GByteArray *b = g_byte_array_new();
    pb_bytes(b, macs, 12);
    for (int i = 0; i < n_tags; i++) {
        pb_u16(b, tags[2 * i], false);     /* TPID */
        pb_u16(b, tags[2 * i + 1], false); /* TCI */
    }
    pb_u16(b, (ip->data[0] >> 4) == 6 ? 0x86dd : 0x0800, false);
    pb_bytes(b, ip->data, ip->len);
    return b;
}

GByteArray *pb_flow_seg(pb_flow *f, int dir, const void *payload, gsize len)
{
    GByteArray *b = pb_tcp_ip(f->ip[dir], f->port[dir], f->ip[1 - dir], f->port[1 - dir], f->seq[dir],
                              f->seq[1 - dir], 0x18, payload, len);
    f->seq[dir] += (guint32)len;
    return b;
}

void pb_pcap_open(pb_pcap *w, const char *path, int linktype)
{
    w->linktype = linktype;
    w->dead = pcap_open_dead_with_tstamp_precision(linktype, 262144, PCAP_TSTAMP_PRECISION_MICRO);
    CHECK(w->dead);
    w->d = pcap_dump_open(w->dead, path);
    if (!w->d)
        fprintf(stderr, "pcap_dump_open %s: %s\n", path, pcap_geterr(w->dead));
    CHECK(w->d);
}

void pb_pcap_add(pb_pcap *w, gint64 ts_us, const GByteArray *frame)
{
    struct pcap_pkthdr h;
    memset(&h, 0, sizeof h);
    h.ts.tv_sec = (time_t)(ts_us / 1000000);
    h.ts.tv_usec = (suseconds_t)(ts_us % 1000000);
    h.caplen = h.len = frame->len;
    pcap_dump((u_char *)w->d, &h, frame->data);
}

void pb_pcap_add_ip(pb_pcap *w, gint64 ts_us, GByteArray *ip)
{
    GByteArray *e = pb_eth(ip, NULL, 0);
    pb_pcap_add(w, ts_us, e);
    g_byte_array_unref(e);
    g_byte_array_unref(ip);
}

void pb_pcap_close(pb_pcap *w)
{
    pcap_dump_close(w->d);
    pcap_close(w->dead);
}

/* Common header (C706 12.6.3.1): rpc_vers 5, rpc_vers_minor 0, PTYPE, pfc_flags, drep[4]
 * (0x10 = little-endian integers, ASCII, IEEE floats), frag_length, auth_length, call_id. */
static GByteArray *dce_hdr(bool le, guint8 ptype, guint8 flags, guint16 auth_len, guint32 call_id)
{
    GByteArray *b = g_byte_array_new();
    pb_u8(b, 5);
    pb_u8(b, 0);
    pb_u8(b, ptype);
    pb_u8(b, flags);
    pb_u8(b, le ? 0x10 : 0x00);
    pb_zeros(b, 3);
    pb_u16(b, 0, le); /* frag_length: patched by dce_end */
    pb_u16(b, auth_len, le);
    pb_u32(b, call_id, le);
    return b;
}

static void dce_auth(GByteArray *b, const pb_auth *a, bool le)
{
    if (!a)
        return;
    pb_zeros(b, a->pad);           /* auth padding: not stub */
    /* sec_trailer (MS-RPCE 2.2.2.11): auth_type, auth_level, auth_pad_length, reserved, context_id. */
    pb_u8(b, a->type);
    pb_u8(b, a->level);
    pb_u8(b, a->pad);
    pb_u8(b, 0);
    pb_u32(b, 0x11223344, le);
    for (guint i = 0; i < a->len; i++)
        pb_u8(b, (guint8)(0xA0 + i));
}

static GByteArray *dce_end(GByteArray *b, bool le)
{
    pb_put16(b, 8, (guint16)b->len, le);
    return b;
}

GByteArray *pb_dce_request(bool le, guint32 call_id, guint8 flags, guint16 ctx, guint16 opnum,
                           const char *object, const void *stub, gsize stub_len, const pb_auth *auth)
{
    if (object)
        flags |= 0x80; /* PFC_OBJECT_UUID */
    GByteArray *b = dce_hdr(le, 0, flags, auth ? auth->len : 0, call_id);
    pb_u32(b, (guint32)stub_len, le); /* alloc_hint */
    pb_u16(b, ctx, le);
    pb_u16(b, opnum, le);
    if (object)
        pb_uuid(b, object, le);
    pb_bytes(b, stub, stub_len);
    dce_auth(b, auth, le);
    return dce_end(b, le);
}

GByteArray *pb_dce_response(bool le, guint32 call_id, guint8 flags, guint16 ctx, const void *stub,
                            gsize stub_len, const pb_auth *auth)
{
    GByteArray *b = dce_hdr(le, 2, flags, auth ? auth->len : 0, call_id);
    pb_u32(b, (guint32)stub_len, le); /* alloc_hint */
    pb_u16(b, ctx, le);
    pb_u8(b, 0);                      /* cancel_count */
    pb_u8(b, 0);
    pb_bytes(b, stub, stub_len);
    dce_auth(b, auth, le);
    return dce_end(b, le);
}

GByteArray *pb_dce_fault(bool le, guint32 call_id, guint32 status)
{
    GByteArray *b = dce_hdr(le, 3, 0x03, 0, call_id);
    pb_u32(b, 32, le); /* alloc_hint */
    pb_u16(b, 0, le);  /* p_cont_id */
    pb_u8(b, 0);       /* cancel_count */
    pb_u8(b, 0);
    pb_u32(b, status, le);
    pb_u32(b, 0, le);  /* reserved */
    return dce_end(b, le);
}

GByteArray *pb_dce_bind(bool le, guint8 ptype, guint32 call_id, const guint16 *ctx_ids, const char *const *ifaces,
                        const guint16 *if_major, const guint16 *if_minor, int n, const char *const *ts)
{
    GByteArray *b = dce_hdr(le, ptype, 0x03, 0, call_id);
    pb_u16(b, 5840, le); /* max_xmit_frag */
    pb_u16(b, 5840, le); /* max_recv_frag */
    pb_u32(b, 0, le);    /* assoc_group_id */
    pb_u8(b, (guint8)n); /* p_cont_list_t: n_context_elem, reserved, reserved2 */
    pb_zeros(b, 3);
    int nts = 0;
    while (ts[nts])
        nts++;
    for (int i = 0; i < n; i++) {
        pb_u16(b, ctx_ids[i], le);
        pb_u8(b, (guint8)nts);
        pb_u8(b, 0);
        pb_uuid(b, ifaces[i], le); /* abstract_syntax: if_uuid + if_version (major, minor) */
        pb_u16(b, if_major[i], le);
        pb_u16(b, if_minor[i], le);
        for (int t = 0; t < nts; t++) {
            pb_uuid(b, ts[t], le);
            pb_u32(b, strcmp(ts[t], PB_NDR64) == 0 ? 1 : 2, le);
        }
    }
    return dce_end(b, le);
}

GByteArray *pb_dce_bind_ack(bool le, guint8 ptype, guint32 call_id, const char *sec_addr, const guint16 *results,
                            const char *const *ts, int n)
{
    GByteArray *b = dce_hdr(le, ptype, 0x03, 0, call_id);
    pb_u16(b, 5840, le);
    pb_u16(b, 5840, le);
    pb_u32(b, 0x1234, le);
    gsize sl = sec_addr ? strlen(sec_addr) + 1 : 0;
    pb_u16(b, (guint16)sl, le); /* port_any_t: length, then the string with its NUL */
    if (sl)
        pb_bytes(b, sec_addr, sl);
    while (b->len % 4) /* align the result list to 4 */
        pb_u8(b, 0);
    pb_u8(b, (guint8)n);
    pb_zeros(b, 3);
    for (int i = 0; i < n; i++) {
        pb_u16(b, results[i], le); /* result: 0 acceptance, 2 provider_rejection */
        pb_u16(b, 0, le);          /* reason */
        if (results[i] == 0 && ts[i]) {
            pb_uuid(b, ts[i], le);
            pb_u32(b, strcmp(ts[i], PB_NDR64) == 0 ? 1 : 2, le);
        } else {
            pb_zeros(b, 20);
        }
    }
    return dce_end(b, le);
}

char *pb_path(const char *name)
{
    return g_build_filename(CAPTURE_TEST_DIR, name, NULL);
}

/* ---- NTLMSSP (MS-NLMP 2.2.1) with the values of 4.2.4 ---- */

static const guint8 ntlm_version[8] = { 6, 1, 0x70, 0x17, 0, 0, 0, 15 };   /* 6.1.6000, NTLMSSP revision 15 */

static void pb_utf16(GByteArray *b, const char *s)
{
    for (; *s; s++)
        pb_u16(b, (guchar)*s, true);
}

/* A fields entry (Len, MaxLen, BufferOffset) at `at`. */
static void ntlm_fields(GByteArray *b, guint at, guint len, guint off)
{
    pb_put16(b, at, (guint16)len, true);
    pb_put16(b, at + 2, (guint16)len, true);
    pb_put16(b, at + 4, (guint16)off, true);
    pb_put16(b, at + 6, 0, true);
}

GByteArray *pb_ntlm_challenge_424(void)
{
    /* 2.2.1.2: Signature, MessageType 2, TargetNameFields (empty), NegotiateFlags, ServerChallenge
     * 0123456789abcdef (4.2.1), Reserved, TargetInfoFields (empty), Version: 56 bytes. */
    static const guint8 challenge[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
    GByteArray *b = g_byte_array_new();
    pb_bytes(b, "NTLMSSP", 8);
    pb_u32(b, 2, true);
    pb_zeros(b, 8);
    pb_u32(b, PB_NTLM_FLAGS_424, true);
    pb_bytes(b, challenge, 8);
    pb_zeros(b, 16);
    pb_bytes(b, ntlm_version, 8);
    ntlm_fields(b, 12, 0, 56);
    ntlm_fields(b, 40, 0, 56);
    return b;
}

GByteArray *pb_ntlm_authenticate_424(void)
{
    /* 2.2.1.3 with the payload at 88: DomainName, UserName, Workstation, LmChallengeResponse Z(24),
     * NtChallengeResponse = NTProofStr (4.2.4.2.2: 68cd0ab851e51c96aabc927bebef6a1c) + temp (3.3.2:
     * 01 01 Z(6) Time=0 ClientChallenge aa*8 Z(4) AV pairs (MsvAvNbDomainName "Domain",
     * MsvAvNbComputerName "Server", MsvAvEOL) Z(4)), EncryptedRandomSessionKey (4.2.4.2.3:
     * c5dad2544fc9799094ce1ce90bc9d03e). */
    static const guint8 proof[16] = { 0x68, 0xcd, 0x0a, 0xb8, 0x51, 0xe5, 0x1c, 0x96,
                                      0xaa, 0xbc, 0x92, 0x7b, 0xeb, 0xef, 0x6a, 0x1c };
    static const guint8 head[8] = { 1, 1 }, cchal[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };
    static const guint8 key[16] = { 0xc5, 0xda, 0xd2, 0x54, 0x4f, 0xc9, 0x79, 0x90,
                                    0x94, 0xce, 0x1c, 0xe9, 0x0b, 0xc9, 0xd0, 0x3e };
    GByteArray *b = g_byte_array_new();
    pb_bytes(b, "NTLMSSP", 8);
    pb_u32(b, 3, true);
    pb_zeros(b, 48);
    pb_u32(b, PB_NTLM_FLAGS_424, true);
    pb_bytes(b, ntlm_version, 8);
    pb_zeros(b, 16);                       /* MIC */
    guint dom = b->len;
    pb_utf16(b, "Domain");
    guint user = b->len;
    pb_utf16(b, "User");
    guint ws = b->len;
    pb_utf16(b, "COMPUTER");
    guint lm = b->len;
    pb_zeros(b, 24);
    guint nt = b->len;
    pb_bytes(b, proof, 16);
    pb_bytes(b, head, 8);
    pb_zeros(b, 8);                        /* Time 0 */
    pb_bytes(b, cchal, 8);
    pb_zeros(b, 4);
    pb_u16(b, 2, true), pb_u16(b, 12, true), pb_utf16(b, "Domain");
    pb_u16(b, 1, true), pb_u16(b, 12, true), pb_utf16(b, "Server");
    pb_zeros(b, 8);                        /* MsvAvEOL, then Z(4) */
    guint k = b->len;
    pb_bytes(b, key, 16);
    ntlm_fields(b, 12, 24, lm);
    ntlm_fields(b, 20, k - nt, nt);
    ntlm_fields(b, 28, 12, dom);
    ntlm_fields(b, 36, 8, user);
    ntlm_fields(b, 44, 16, ws);
    ntlm_fields(b, 52, 16, k);
    return b;
}

void pb_dce_add_auth(GByteArray *pdu, bool le, guint8 type, guint8 level, guint32 ctx_id, const GByteArray *token)
{
    guint8 pad = (guint8)((4 - pdu->len % 4) % 4);
    pb_zeros(pdu, pad);
    pb_u8(pdu, type);
    pb_u8(pdu, level);
    pb_u8(pdu, pad);
    pb_u8(pdu, 0);
    pb_u32(pdu, ctx_id, le);
    pb_bytes(pdu, token->data, token->len);
    pb_put16(pdu, 8, (guint16)pdu->len, le);
    pb_put16(pdu, 10, (guint16)token->len, le);
}
