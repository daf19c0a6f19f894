/* spnego.h - SPNEGO tokens (RFC 4178 4.2) as RPC_C_AUTHN_GSS_NEGOTIATE carries them: the mechanism
 * chosen and the inner token to hand to its provider. */
#ifndef CSVP_SPNEGO_H
#define CSVP_SPNEGO_H

#include <glib.h>
#include <stdbool.h>

typedef enum { SPNEGO_MECH_NONE, SPNEGO_MECH_NTLMSSP, SPNEGO_MECH_KERBEROS, SPNEGO_MECH_OTHER } spnego_mech;

typedef struct spnego_token {
    bool init;                /* NegTokenInit (else NegTokenResp) */
    spnego_mech mech;         /* NegTokenInit: the first of mechTypes; NegTokenResp: supportedMech (or NONE) */
    const guint8 *inner;      /* mechToken / responseToken, NULL when absent */
    gsize inner_len;
} spnego_token;

/* Parses one token; on false *err (g_free) says what is wrong and where. */
bool spnego_parse(const guint8 *tok, gsize len, spnego_token *out, char **err);
const char *spnego_mech_name(spnego_mech m);

#endif
