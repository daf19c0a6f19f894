/* sec_assoc.h - the security of one association (TCP connection): sec_trailers, auth contexts
 * keyed by auth_context_id (MS-RPCE 2.2.2.11), header signing (2.2.2.13), SPNEGO removed, and
 * the provider of each context (sec_provider.h) fed the handshake and then asked to unwrap. */
#ifndef CSVP_SEC_ASSOC_H
#define CSVP_SEC_ASSOC_H

#include "dcerpc_pdu.h"
#include "sec_provider.h"

#include <glib.h>
#include <stdbool.h>

#define SEC_PFC_SUPPORT_HEADER_SIGN 0x04
#define SEC_MAX_CONTEXTS 16   /* auth contexts per association */


typedef enum {
    SEC_UNWRAP_OK,        /* verified (and decrypted into out) */
    SEC_UNWRAP_NO_KEY,    /* the context cannot unwrap: see sec_assoc_status */
    SEC_UNWRAP_FAILED,    /* signature or decryption failed: why says so */
} sec_unwrap_result;

typedef struct sec_assoc sec_assoc;

sec_assoc *sec_assoc_new(const sec_keys *keys);
void sec_assoc_free(sec_assoc *a);
/* pfc_flags of a bind (from_client) or bind_ack: header signing is in force when both set it. */
void sec_assoc_pfc(sec_assoc *a, bool from_client, guint8 pfc_flags);
/* PFC_SUPPORT_HEADER_SIGN in both the bind and the bind_ack (MS-RPCE 2.2.2.13), as providers see it. */
bool sec_assoc_header_sign(const sec_assoc *a);
/* The auth verifier of bind, alter_context, auth3 (from_client), bind_ack, alter_context_resp.
 * new_context: a bind (any earlier context of that id is dropped). Problems go to err (may stay empty). */
void sec_assoc_handshake(sec_assoc *a, const csvp_sec_trailer *t, bool from_client, bool new_context, GString *err);
/* A request (from_client) or response with a verifier at PKT_INTEGRITY or PKT_PRIVACY: out gets
 * the t->trailer_off - stub_off clear bytes (stub and auth padding) on SEC_UNWRAP_OK. */
sec_unwrap_result sec_assoc_unwrap(sec_assoc *a, const csvp_sec_trailer *t, const guint8 *pdu, gsize stub_off,
                                   bool from_client, guint8 *out, GString *why);
/* Why the context of t cannot unwrap, "NTLMSSP for CONTOSO\admin: no key (...)": the mechanism
 * before the first ": ", the reason after. Stable until the next call on a. */
const char *sec_assoc_status(sec_assoc *a, const csvp_sec_trailer *t);

#endif
