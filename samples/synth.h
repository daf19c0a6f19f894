/* synth.h - the sample-capture synthesizer: deterministic pcap files of
 * MS-CSVP traffic, layer by layer (Ethernet, IPv4/IPv6, TCP, DCE/RPC CO
 * PDUs, NDR stubs from csvp/ndr_encode.c). See samples/README.md.
 */
#ifndef CSVP_SYNTH_H
#define CSVP_SYNTH_H

#include <glib.h>
#include <pcap/pcap.h>
#include <stdbool.h>

#include "ndr.h"

/* ---- deterministic randomness and time (synth_pcap.c) ---- */
typedef struct synth_rng {
    guint64 s;
} synth_rng;
guint32 synth_rand(synth_rng *r);
guint32 synth_rand_range(synth_rng *r, guint32 lo, guint32 hi);   /* lo..hi inclusive */

/* 2026-03-02 09:00:00 UTC */
#define SYNTH_START_US (G_GUINT64_CONSTANT(1772442000) * 1000000u)

typedef struct synth_host {
    const char *name;
    guint8 mac[6];
    guint8 ip4[4];
    guint8 ip6[16];
} synth_host;
/* The validating client and the two cluster nodes of contoso.local (10.20.0.0/24). */
extern const synth_host synth_client, synth_node1, synth_node2;

typedef struct synth_cap {
    pcap_t *pd;
    pcap_dumper_t *dump;
    guint64 now_us;      /* capture clock */
    synth_rng rng;
    guint64 bytes;       /* frame bytes written */
} synth_cap;
synth_cap *synth_cap_open(const char *path, guint64 seed, GError **err);
void synth_cap_close(synth_cap *c);
void synth_cap_write(synth_cap *c, const guint8 *frame, guint len);
void synth_wait(synth_cap *c, guint32 us);   /* advance the clock */
/* A random GUID (version 4 layout) in canonical text. */
void synth_guid(synth_cap *c, char out[37]);

/* ---- TCP over IPv4/IPv6 over Ethernet (synth_tcp.c) ---- */
enum { SYNTH_FIN = 0x01, SYNTH_SYN = 0x02, SYNTH_PSH = 0x08, SYNTH_ACK = 0x10 };
enum { SYNTH_CLIENT = 0, SYNTH_SERVER = 1 };
#define SYNTH_HALF_RTT_US 150   /* client <-> server one way: RTT about 0.3 ms */

/* How one send is cut into segments, and the transport accidents to stage. */
typedef struct synth_seg_opts {
    guint mss;                 /* 0: 1460 (IPv4) / 1440 (IPv6) */
    const guint *cuts;         /* explicit segment sizes, then mss-sized ones */
    guint n_cuts;
    gint swap;                 /* send segment k+1 before segment k; -1 none */
    gint retransmit;           /* segment index sent again after an RTO; -1 none */
} synth_seg_opts;
#define SYNTH_SEG_PLAIN ((synth_seg_opts){ .swap = -1, .retransmit = -1 })

typedef struct synth_tcp {
    synth_cap *cap;
    const synth_host *host[2];
    guint16 port[2];
    guint32 seq[2];            /* next sequence number of each side */
    guint16 ip_id[2];
    bool v6;
    bool hop_by_hop;           /* IPv6 Hop-by-Hop header on this connection's data packets */
} synth_tcp;
void synth_tcp_init(synth_tcp *t, synth_cap *cap, const synth_host *client, guint16 cport, const synth_host *server,
                    guint16 sport, bool v6);
/* The frame a side would send now with these flags and payload (seq/ack from the state). */
GByteArray *synth_tcp_frame(synth_tcp *t, int side, guint8 flags, guint32 seq, const guint8 *payload, guint len);
void synth_tcp_handshake(synth_tcp *t);
/* Send bytes from one side, cut into segments; the other side ACKs multi-segment flights. */
void synth_tcp_send(synth_tcp *t, int side, const guint8 *data, guint len, const synth_seg_opts *o);
void synth_tcp_close(synth_tcp *t);   /* client FIN, server FIN, last ACK */

typedef struct synth_ntlm synth_ntlm;   /* an NTLMSSP logon with session security (below) */

/* ---- DCE/RPC connection-oriented (synth_dcerpc.c) ---- */
typedef struct synth_rpc {
    synth_tcp tcp;
    const csvp_interface *itf;
    guint8 ipid[16];          /* object UUID of the requests (the interface pointer's IPID), text order */
    guint8 drep[4];           /* client's data representation */
    guint32 call_id;
    guint16 ctx_id;           /* presentation context of the requests */
    guint16 max_frag;         /* negotiated max fragment size */
    guint32 assoc_group;
    synth_seg_opts seg;       /* applied to the next send only, then reset */
    const char *second_uuid;  /* bind context 1: this interface in NDR 2.0 (instead of NDR64), accepted */
    bool ntlm;                /* NTLMSSP auth verifiers on every PDU (RPC_C_AUTHN_LEVEL_CONNECT unless sealed) */
    synth_ntlm *sealed;       /* RPC_C_AUTHN_LEVEL_PKT_PRIVACY: a real logon, stubs sealed and PDUs signed */
    guint32 sign_seq[2];      /* verifier sequence numbers, client and server */
} synth_rpc;

typedef struct synth_rpc_opts {
    bool v6, hop_by_hop, big_endian;
    guint16 max_frag;         /* 0: 5840 */
    bool no_open;             /* mid-stream: no handshake and no bind */
    guint32 first_call_id;    /* 0: 1 */
    bool ntlm_connect;        /* bind/bind_ack/auth3 with NTLMSSP, then a verifier on every PDU */
    const char *second_uuid;  /* offer this interface (UUID text, v0.0, NDR 2.0) as bind context 1 */
    synth_ntlm *sealed;       /* NTLMSSP at RPC_C_AUTHN_LEVEL_PKT_PRIVACY with this logon (owned by the caller) */
} synth_rpc_opts;

void synth_rpc_open(synth_rpc *r, synth_cap *cap, const synth_host *client, guint16 cport, const synth_host *server,
                    guint16 sport, const char *itf_name, const synth_rpc_opts *o);
/* A presentation context for another interface on this connection (alter_context); later calls use it. */
void synth_rpc_alter_context(synth_rpc *r, const char *itf_name);
/* One call: request with `in`, server works server_us, response with `out` (which holds 'hresult').
 * Values as for csvp_encode_stub, both consumed; aborts on an encoding error (a bug in a scenario). */
void synth_rpc_call(synth_rpc *r, const char *method, GVariant *in, GVariant *out, guint32 server_us);
/* A call through another interface of the object exporter (m from the DCOM tables, e.g.
 * csvp_remqueryinterface) on presentation context ctx_id with that interface's IPID. */
void synth_rpc_call_other(synth_rpc *r, guint16 ctx_id, const guint8 ipid[16], const csvp_method *m, GVariant *in,
                          GVariant *out, guint32 server_us);
/* The request or response stub for values v (consumed), for scenarios that bend them. */
GByteArray *synth_rpc_stub(synth_rpc *r, const char *method, int dir, GVariant *v);
/* A request PDU (fragmented by max_frag) carrying `stub`, sent from the client. */
void synth_rpc_send_request(synth_rpc *r, guint16 opnum, const GByteArray *stub);
void synth_rpc_send_response(synth_rpc *r, const GByteArray *stub);
/* The single-fragment response PDU for `stub`, not sent (mid_session keeps only its tail). */
GByteArray *synth_rpc_response_pdu(synth_rpc *r, const GByteArray *stub);
void synth_rpc_send_fault(synth_rpc *r, guint32 status);
/* Raw PDU builder: header (C706 12.6.3.1) + body. */
GByteArray *synth_rpc_pdu(const guint8 drep[4], guint8 ptype, guint8 flags, guint32 call_id, const guint8 *body,
                          guint body_len);
void synth_rpc_close(synth_rpc *r);

/* ---- NTLMSSP tokens (synth_ntlmssp.c, MS-NLMP 2.2) ---- */
GByteArray *synth_ntlm_negotiate(void);
GByteArray *synth_ntlm_challenge(synth_cap *cap, const synth_host *server);
GByteArray *synth_ntlm_authenticate(synth_cap *cap, const synth_host *client, const synth_host *server);
GByteArray *synth_ntlm_verifier(synth_cap *cap, guint32 seq);

/* A real NTLMv2 logon with NTLM2 session security: SIGN, SEAL, KEY_EXCH, 128 (sealed.pcap). */
struct synth_ntlm {
    const char *domain, *user;
    guint8 response_key[16];   /* ResponseKeyNT = NTOWFv2 (MS-NLMP 3.3.2) */
    GByteArray *negotiate, *challenge;   /* the messages as sent, for the MIC */
    guint8 server_challenge[8];
    guint8 session_key[16];    /* ExportedSessionKey */
    guint8 sign_key[2][16];    /* client-to-server, server-to-client (3.4.5.2) */
    void *seal[2];             /* RC4 handles (gcry_cipher_hd_t) keyed with the sealing keys (3.4.5.3) */
    guint32 seq[2];            /* SeqNum of each direction */
};
synth_ntlm *synth_ntlm_new(const char *domain, const char *user, const char *password);
void synth_ntlm_free(synth_ntlm *n);
GByteArray *synth_ntlm_sealed_negotiate(synth_ntlm *n);
GByteArray *synth_ntlm_sealed_challenge(synth_ntlm *n, synth_cap *cap, const synth_host *server);
/* The AUTHENTICATE message; afterwards the session keys are set (synth_ntlm_start). */
GByteArray *synth_ntlm_sealed_authenticate(synth_ntlm *n, synth_cap *cap, const synth_host *client);
/* Crypto of synth_ntlm_seal.c: NTProofStr and KeyExchangeKey of an NTLMv2 response's temp blob; RC4 with a
 * fresh key; the MIC over the three messages; key derivation; SEAL + MAC of one PDU. */
void synth_ntlm_v2_response(synth_ntlm *n, const guint8 *temp, guint temp_len, guint8 proof[16],
                            guint8 key_exchange_key[16]);
void synth_ntlm_rc4(const guint8 key[16], guint8 *data, guint len);
void synth_ntlm_mic(synth_ntlm *n, const GByteArray *authenticate, guint8 mic[16]);
void synth_ntlm_start(synth_ntlm *n);
void synth_ntlm_seal(synth_ntlm *n, int side, guint8 *pdu, guint signed_len, guint enc_off, guint enc_len,
                     guint8 sig[16]);

/* ---- blob builders (synth_blobs.c), packed little-endian per spec 2.2.7-2.2.17 ---- */
GVariant *synth_adapterlist2(const synth_host *server, bool second_adapter);
GVariant *synth_adapterlist(const synth_host *server);
GVariant *synth_storage_device_id(guint32 disk_signature, bool eight_aligned);
GVariant *synth_registered_dsms(void);
guint32 synth_blob_size(GVariant *ay);

/* ---- scenarios (scenario_*.c) ---- */
typedef void (*synth_scenario_fn)(synth_cap *cap);
typedef struct synth_scenario {
    const char *name;   /* file name in samples/ */
    synth_scenario_fn run;
} synth_scenario;
void scenario_disk_online(synth_cap *cap);
void scenario_network_validation(synth_cap *cap);
void scenario_cluster_setup(synth_cap *cap);
void scenario_all_methods(synth_cap *cap);
void scenario_transport_stress(synth_cap *cap);
void scenario_two_servers(synth_cap *cap);
void scenario_ipv6(synth_cap *cap);
void scenario_mid_session(synth_cap *cap);
void scenario_big_endian(synth_cap *cap);
void scenario_hostile(synth_cap *cap);
void scenario_violations(synth_cap *cap);
void scenario_object_identity(synth_cap *cap);
void scenario_sealed(synth_cap *cap);
void scenario_current_cluster(synth_cap *cap);
/* Repeated validation traffic until the capture holds at least `bytes` (csvp-synth --bench). */
void scenario_bench(synth_cap *cap, guint64 bytes);

/* Helpers shared by the scenarios (scenario_common.c). */
#define SYNTH_SERVER_PORT 49154   /* the object exporter's dynamic endpoint (from the OXID resolver) */
GVariant *synth_v(const char *fmt, ...);                /* g_variant_new_parsed, floating ref sunk */
/* CPREP_DISKID values, floating (for %@a{sv} in synth_v). */
GVariant *synth_diskid_sig(guint32 sig);
GVariant *synth_diskid_guid(const char *guid);
GVariant *synth_diskid_number(guint32 n);
/* DISK_PROPS (2.2.5) of a shared iSCSI SAN disk as NODE1 reports it: MBR, basic, MPIO, two paths. */
GVariant *synth_disk_props(guint32 number, guint32 sig);
/* The disk storage flow of section 4.1 on an open IClusterStorage2 connection. */
void synth_prepare_node(synth_rpc *r, guint32 work_us);
void synth_disk_online_flow(synth_rpc *r, guint32 disk_number, guint32 signature, bool with_fsname);
/* IClusterStorage3 of the same object: IRemUnknown::RemQueryInterface on bind context 1 (opened with
 * second_uuid CSVP_IREMUNKNOWN_UUID), then an alter_context; later calls use IClusterStorage3's IPID. */
void synth_query_storage3(synth_rpc *r);
/* The network validation flow of section 4.2 on an open IClusterNetwork2 connection. */
void synth_network_flow(synth_rpc *r, const synth_host *server, bool ipv6);

#endif
