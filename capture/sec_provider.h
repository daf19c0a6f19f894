/* sec_provider.h - what a security provider gives the DCE/RPC layer (MS-RPCE 3.3.1.5).
 *
 * The DCE/RPC layer owns the auth contexts of each association (one per auth_context_id,
 * MS-RPCE 2.2.2.11), removes SPNEGO (RPC_C_AUTHN_GSS_NEGOTIATE) and hands each provider the
 * tokens of the handshake and then every protected PDU. A provider (NTLMSSP, Kerberos) never
 * sees capture framing and never prints: it answers through its status text, which the
 * summary shows once per association, and through the reason of a failed unwrap, which
 * becomes a decode problem on that call.
 */
#ifndef CSVP_SEC_PROVIDER_H
#define CSVP_SEC_PROVIDER_H

#include <glib.h>
#include <stdbool.h>

/* MS-RPCE 2.2.1.1.7 auth_type values handled. */
enum {
    SEC_AUTHN_GSS_NEGOTIATE = 9,
    SEC_AUTHN_WINNT = 10,
    SEC_AUTHN_GSS_KERBEROS = 16,
};
/* MS-RPCE 2.2.1.1.8 auth_level values that protect stubs. */
enum { SEC_LEVEL_PKT_INTEGRITY = 5, SEC_LEVEL_PKT_PRIVACY = 6 };

/* The keys the user gave (--password, --password-file, --nt-hash, --keytab, environment).
 * Providers read what they need; nothing here is ever printed. */
typedef struct sec_keys {
    GArray *password_hashes; /* of sec_nt_hash, user empty: the NT hashes of the passwords given, in
                                order, made once (a logon would make them again); the passwords
                                themselves are not kept */
    GArray *nt_hashes;      /* of sec_nt_hash */
    GPtrArray *keytabs;     /* of char* paths to MIT keytab files */
} sec_keys;

typedef struct sec_nt_hash {
    char user[256];         /* empty: any user */
    guint8 hash[16];        /* MD4(UTF-16LE(password)), MS-NLMP 3.3.1 NTOWFv1 */
} sec_nt_hash;

/* One protected PDU as received. */
typedef struct sec_pdu {
    const guint8 *pdu;      /* the whole PDU: header, body, auth padding, sec_trailer, auth_value */
    gsize pdu_len;
    gsize stub_off;         /* the protected part: stub data and auth padding (MS-RPCE 2.2.2.11) */
    gsize stub_len;
    gsize trailer_off;      /* the 8-byte sec_trailer, right after the auth padding */
    const guint8 *auth_value; /* the signature or token after the sec_trailer */
    gsize auth_len;
    bool from_client;       /* client (initiator) to server (acceptor) */
    bool privacy;           /* PKT_PRIVACY: decrypt and verify; else PKT_INTEGRITY: verify */
    bool header_sign;       /* PFC_SUPPORT_HEADER_SIGN in both bind and bind_ack (MS-RPCE 2.2.2.13):
                               the signature also covers the header and the sec_trailer */
} sec_pdu;

typedef struct sec_provider {
    const char *name;       /* "NTLMSSP", "Kerberos" */
    /* A security context for one auth_context_id of one association. */
    void *(*ctx_new)(const sec_keys *keys);
    /* A handshake token (SPNEGO already removed): from the client in bind, auth3 and
     * alter_context, from the server in bind_ack and alter_context_resp. */
    void (*token)(void *ctx, bool from_client, const guint8 *tok, gsize len);
    /* True when the context can unwrap. Otherwise *why (borrowed, stable until the next call on
     * ctx) says what it is and what is missing, e.g. "Kerberos aes256 for
     * RPCSS/node1.contoso.com@CONTOSO.COM kvno 3: no key (give --keytab)". */
    bool (*ready)(void *ctx, const char **why);
    /* Verifies (and with privacy decrypts into out, stub_len bytes) one PDU. On false, appends
     * the reason to why ("signature does not verify", "sequence number 4, expected 3") and
     * out is undefined. Called in capture order per direction. */
    bool (*unwrap)(void *ctx, const sec_pdu *p, guint8 *out, GString *why);
    void (*ctx_free)(void *ctx);
} sec_provider;

#endif
