/* pktbuild.h - hand-built packets and DCE/RPC PDUs for the capture tests. */
#ifndef CSVP_TEST_PKTBUILD_H
#define CSVP_TEST_PKTBUILD_H

#include "check.h"

#include <glib.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Byte appenders. */
void pb_u8(GByteArray *b, guint8 v);
void pb_u16(GByteArray *b, guint16 v, bool le);
void pb_u32(GByteArray *b, guint32 v, bool le);
void pb_put16(GByteArray *b, guint off, guint16 v, bool le);
void pb_bytes(GByteArray *b, const void *p, gsize n);
void pb_zeros(GByteArray *b, gsize n);
/* A UUID in text form, written as NDR marshals it: first three fields in drep order. */
void pb_uuid(GByteArray *b, const char *text, bool le);
/* 16 canonical bytes of a UUID text. */
void pb_uuid_canonical(guint8 out[16], const char *text);

/* IPv4 or IPv6 (by the address text) packet carrying one TCP segment. */
GByteArray *pb_tcp_ip(const char *src, guint16 sport, const char *dst, guint16 dport, guint32 seq,
                      guint32 ack, guint8 flags, const void *payload, gsize len);
/* Ethernet frame around an IP packet with optional VLAN tags (tpid, tci pairs). */
GByteArray *pb_eth(const GByteArray *ip, const guint16 *tags, int n_tags);

/* A TCP conversation: side 0 is the client. */
typedef struct pb_flow {
    const char *ip[2];
    guint16 port[2];
    guint32 seq[2];
} pb_flow;
/* Next data segment from side dir (PSH|ACK), advancing that side's sequence number. */
GByteArray *pb_flow_seg(pb_flow *f, int dir, const void *payload, gsize len);

/* pcap writer (libpcap's dump API). */
typedef struct pb_pcap {
    pcap_t *dead;
    pcap_dumper_t *d;
    int linktype;
} pb_pcap;
void pb_pcap_open(pb_pcap *w, const char *path, int linktype);
void pb_pcap_add(pb_pcap *w, gint64 ts_us, const GByteArray *frame);
/* Adds an Ethernet frame around ip and frees ip. */
void pb_pcap_add_ip(pb_pcap *w, gint64 ts_us, GByteArray *ip);
void pb_pcap_close(pb_pcap *w);

/* DCE/RPC PDUs (C706 12.6). drep little-endian when le. */
#define PB_NDR20 "8a885d04-1ceb-11c9-9fe8-08002b104860"
#define PB_NDR64 "71710533-beba-4937-8319-b5dbef9ccc36"

typedef struct pb_auth {
    guint8 type, level, pad;   /* pad: auth_pad_length; that many pad bytes are appended to the stub */
    guint16 len;               /* auth_length: credential bytes after the sec_trailer */
} pb_auth;

GByteArray *pb_dce_request(bool le, guint32 call_id, guint8 flags, guint16 ctx, guint16 opnum,
                           const char *object, const void *stub, gsize stub_len, const pb_auth *auth);
GByteArray *pb_dce_response(bool le, guint32 call_id, guint8 flags, guint16 ctx, const void *stub,
                            gsize stub_len, const pb_auth *auth);
GByteArray *pb_dce_fault(bool le, guint32 call_id, guint32 status);
/* bind (ptype 11) or alter_context (14) with one context per iface, each offering the
 * transfer syntaxes in ts[] (NULL-terminated list shared by all). */
GByteArray *pb_dce_bind(bool le, guint8 ptype, guint32 call_id, const guint16 *ctx_ids, const char *const *ifaces,
                        const guint16 *if_major, const guint16 *if_minor, int n, const char *const *ts);
/* bind_ack (12) / alter_context_resp (15): results[i] 0 accept with transfer syntax ts[i]. */
GByteArray *pb_dce_bind_ack(bool le, guint8 ptype, guint32 call_id, const char *sec_addr, const guint16 *results,
                            const char *const *ts, int n);

/* NTLMSSP messages of MS-NLMP 4.2.4 (User "User", UserDom "Domain", Passwd "Password"). */
#define PB_NTLM_FLAGS_424 0xe28a8233u   /* KEY_EXCH, 56, 128, VERSION, TARGET_TYPE_SERVER, ALWAYS_SIGN,
                                           EXTENDED_SESSIONSECURITY, NTLM, SEAL, SIGN, OEM, UNICODE */
GByteArray *pb_ntlm_challenge_424(void);
GByteArray *pb_ntlm_authenticate_424(void);
/* Appends an auth verifier to a PDU (MS-RPCE 2.2.2.11): padding to a 4-byte boundary, the sec_trailer
 * (type, level, pad, 0, context id), the token; frag_length and auth_length updated. */
void pb_dce_add_auth(GByteArray *pdu, bool le, guint8 type, guint8 level, guint32 ctx_id, const GByteArray *token);

/* Build-dir path for a test file. */
char *pb_path(const char *name);

#endif
