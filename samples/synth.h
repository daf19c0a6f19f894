/* synth.h - the sample-capture synthesizer: deterministic pcap files of
 * MS-CSVP traffic, layer by layer (Ethernet, IPv4/IPv6, TCP, DCE/RPC CO
 * PDUs, NDR stubs from csvp/ndr_encode.c). See samples/README.md.
 */
#ifndef CSVP_SYNTH_H
#define CSVP_SYNTH_H

#include <glib.h>
#include <krb5.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>

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
    char *dir;           /* the capture's directory (a sample's keytab goes beside it) */
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
typedef struct synth_krb5 synth_krb5;   /* a Kerberos logon with a sealed context (below) */

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
    bool integrity;           /* with `sealed`: RPC_C_AUTHN_LEVEL_PKT_INTEGRITY, PDUs signed, stubs in clear */
    bool spnego;              /* with `sealed`: RPC_C_AUTHN_GSS_NEGOTIATE, the logon's tokens in SPNEGO */
    guint32 sign_seq[2];      /* verifier sequence numbers, client and server */
    synth_krb5 *krb;          /* Kerberos (alone or in SPNEGO) at RPC_C_AUTHN_LEVEL_PKT_PRIVACY */
    bool records_per_record;  /* SAFEARRAY records one after another, not as an NDR array (routes.pcap) */
} synth_rpc;

typedef struct synth_rpc_opts {
    bool v6, hop_by_hop, big_endian;
    guint16 max_frag;         /* 0: 5840 */
    bool no_open;             /* mid-stream: no handshake and no bind */
    guint32 first_call_id;    /* 0: 1 */
    bool ntlm_connect;        /* bind/bind_ack/auth3 with NTLMSSP, then a verifier on every PDU */
    const char *second_uuid;  /* offer this interface (UUID text, v0.0, NDR 2.0) as bind context 1 */
    synth_ntlm *sealed;       /* NTLMSSP at RPC_C_AUTHN_LEVEL_PKT_PRIVACY with this logon (owned by the caller) */
    synth_krb5 *krb;          /* Kerberos at RPC_C_AUTHN_LEVEL_PKT_PRIVACY with this logon (owned by the caller) */
    bool integrity;           /* with `sealed`: RPC_C_AUTHN_LEVEL_PKT_INTEGRITY instead (signed, not sealed) */
    bool spnego;              /* with `sealed`: auth type 9, NTLMSSP inside SPNEGO (synth_spnego.c) */
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
/* The SPNEGO token carrying an NTLMSSP token (consumed) of the bind, the bind_ack or the auth3. */
enum { SYNTH_SPNEGO_INIT, SYNTH_SPNEGO_SERVER, SYNTH_SPNEGO_CLIENT };   /* the legs of a logon */

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

/* ---- Kerberos without a KDC (synth_krb5.c, synth_krb5_seal.c), SPNEGO (synth_spnego.c) ---- */
typedef struct synth_krb5_opts {
    const char *keytab;       /* the FILE: keytab written with the service key (replaced) */
    const char *stubs;        /* written: the clear stub of each sealed PDU, "request|response HEX" per line */
    const char *service, *client;   /* principal names */
    const char *password;     /* the service account's: string-to-key with the default salt */
    krb5_enctype enctype;
    krb5_kvno kvno;
    guint64 seed;             /* keys, confounders, sequence numbers */
    bool acceptor_subkey;     /* the AP-REP carries one, and it seals the traffic */
    guint8 auth_type;         /* 9 RPC_C_AUTHN_GSS_NEGOTIATE (SPNEGO) or 16 RPC_C_AUTHN_GSS_KERBEROS */
    bool header_sign;         /* PFC_SUPPORT_HEADER_SIGN in bind and bind_ack, and signed headers */
    bool alter_context_leg;   /* the client's third-leg AP-REP in alter_context (else in auth3) */
} synth_krb5_opts;
struct synth_krb5 {
    synth_krb5_opts o;
    krb5_context k5;
    krb5_principal server, client;
    krb5_keyblock *service_key, *session, *initiator_subkey, *acceptor_subkey;
    guint64 seq[2];           /* next sequence number: client, server */
    synth_rng conf_rng;       /* RFC 4757 confounders */
    FILE *stubs;
};
synth_krb5 *synth_krb5_new(const synth_krb5_opts *o);
void synth_krb5_free(synth_krb5 *k);
/* AP-REQ; AP-REP of the server or, DCE style, of the client: GSS-framed (RFC 2743 3.1, RFC 4121 4.1) for
 * SPNEGO, bare DER for auth_type 16. */
GByteArray *synth_krb5_ap_req(synth_krb5 *k);
GByteArray *synth_krb5_ap_rep(synth_krb5 *k, bool from_client);
GByteArray *synth_krb5_gss_frame(const guint8 tok_id[2], GByteArray *inner);
/* The auth_value length of a sealed PDU, and the sealing of pdu[stub_off, sec_trailer) with the token
 * written as the PDU's last synth_krb5_token_len bytes. */
guint synth_krb5_token_len(const synth_krb5 *k);
void synth_krb5_seal(synth_krb5 *k, int side, guint8 *pdu, guint pdu_len, guint stub_off);
/* DER: tag, length, contents (consumed); SPNEGO NegTokenInit / NegTokenResp (neg_state -1: absent). */
GByteArray *synth_der_wrap(guint8 tag, GByteArray *in);
/* DER OIDs (tag, length, value) for mechTypes and supportedMech. */
extern const guint8 synth_oid_ntlmssp[12], synth_oid_ms_krb5[11];
extern const guint8 synth_krb5_mechs[22];   /* MS KRB5 then KRB5, as Windows lists them */
/* NegTokenInit with mechTypes (concatenated DER OIDs) and mechToken; NegTokenResp with negState
 * (-1: none), supportedMech (NULL: none) and responseToken (NULL: none). Both consume the token. */
GByteArray *synth_spnego_init(const guint8 *mech_types, guint mech_types_len, GByteArray *mech_token);
GByteArray *synth_spnego_resp(int neg_state, const guint8 *supported_mech, guint mech_len, GByteArray *response_token);

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
void scenario_context_faults(synth_cap *cap);
void scenario_routes(synth_cap *cap);
void scenario_sealed_krb5_aes(synth_cap *cap);
void scenario_sealed_krb5_rc4(synth_cap *cap);
/* sealed.pcap's calls on an open IClusterStorage2 connection (its Kerberos twins make the same). */
void synth_sealed_calls(synth_rpc *r);
void scenario_signed(synth_cap *cap);
void scenario_sealed_spnego(synth_cap *cap);
void scenario_current_cluster(synth_cap *cap);
/* Repeated validation traffic until the capture holds at least `bytes` (csvp-synth --bench). */
void scenario_bench(synth_cap *cap, guint64 bytes, bool sealed);

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
