/* krb5_int.h - the state one Kerberos security context shares between krb5_keys.c (keytab),
 * krb5_ap.c (AP-REQ / AP-REP) and krb5_wrap.c (per-message tokens). */
#ifndef CSVP_KRB5_INT_H
#define CSVP_KRB5_INT_H

#include <gcrypt.h>
#include <glib.h>
#include <krb5.h>
#include <stdbool.h>

#include "sec_provider.h"

typedef struct krb_ctx {
    krb5_context k5;
    GPtrArray *keytabs;            /* of char* paths (copied from sec_keys) */
    char *what;                    /* "Kerberos aes256-cts-hmac-sha1-96 for RPCSS/n1@R kvno 3" once an AP-REQ is read */
    char *problem;                 /* why not ready, after `what` ("no key (give --keytab)") */
    GString *status;               /* what + ": " + problem, as ready() lends it */
    /* krb5_key handles keep the keys MIT derives from them (RFC 3961 Ke, Ki, Kc) for every message. */
    krb5_key session;              /* EncTicketPart key */
    krb5_key initiator_subkey;     /* Authenticator subkey (RFC 4120 5.5.1) */
    krb5_key acceptor_subkey;      /* EncAPRepPart subkey */
    struct {                       /* RFC 4757 keys that do not change per message, for `of` */
        krb5_key chosen;           /* the key whose checksums verified (rc4_token) */
        krb5_key of;
        guint8 ksign[16];          /* HMAC(K, "signaturekey\0") */
        guint8 kseq0[16];          /* HMAC(K, 0 as four bytes), keyed again by SGN_CKSUM for Kseq */
        guint8 kcrypt0[16];        /* HMAC(K xor F0, 0), keyed again by the sequence number for Kcrypt */
        gcry_md_hd_t hmac, md5;    /* opened once per context (NULL until the first RFC 4757 token) */
        gcry_cipher_hd_t arc4;
    } rc4;
    bool ap_rep_seen;              /* the server's AP-REP opened */
    guint64 seq[2];                /* next sequence number expected: [0] from the client, [1] from the server */
} krb_ctx;

/* krb5_keys.c: the keys that may have sealed a ticket for `server` with this enctype and kvno (0: any):
 * the principal's own entries (*by_principal), else other principals' of that enctype and kvno.
 * *problem (g_free) says why the principal has no entry, when it has none. */
GPtrArray *krb_service_keys(krb_ctx *c, krb5_const_principal server, krb5_enctype enctype, krb5_kvno kvno,
                            bool *by_principal, char **problem);
/* "aes256-cts-hmac-sha1-96", or "enctype N" for one krb5 does not know. */
char *krb_enctype_name(krb5_enctype e);

/* krb5_ap.c: one handshake token. */
void krb_token(krb_ctx *c, bool from_client, const guint8 *tok, gsize len);
/* Strips the RFC 2743 3.1 framing of the Kerberos mechanism if there is one: on success *inner is
 * what follows the OID (TOK_ID and message) and true is returned; a token without framing is
 * returned whole with false. *bad is set when framing is there but malformed. */
bool krb_gss_unframe(const guint8 *tok, gsize len, const guint8 **inner, gsize *inner_len, bool *bad);

/* krb5_wrap.c: one protected PDU. */
bool krb_unwrap(krb_ctx *c, const sec_pdu *p, guint8 *out, GString *why);

#endif
