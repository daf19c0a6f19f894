/* sec_assoc.c - auth contexts of one association and the provider behind each (MS-RPCE 3.3.1.5). */
#include "sec_assoc.h"

#include "ntlmssp.h"
#include "sec_kerberos.h"
#include "spnego.h"

#include <string.h>

/* The provider of a mechanism. */
static const sec_provider *provider_of(spnego_mech m)
{
    switch (m) {
    case SPNEGO_MECH_NTLMSSP: return &sec_provider_ntlmssp;
    case SPNEGO_MECH_KERBEROS: return &sec_provider_kerberos;
    default: return NULL;
    }
}

typedef struct sec_ctx {
    guint32 id;
    guint8 auth_type;
    spnego_mech mech;             /* NONE until known */
    const sec_provider *prov;     /* NULL: mechanism not supported */
    void *pctx;
    char *problem;                /* the context is unusable: why (owned) */
} sec_ctx;

struct sec_assoc {
    const sec_keys *keys;
    bool client_hs, server_hs;    /* PFC_SUPPORT_HEADER_SIGN in the bind and in the bind_ack */
    GPtrArray *ctxs;              /* of sec_ctx*, at most SEC_MAX_CONTEXTS */
    GString *status;
};

sec_assoc *sec_assoc_new(const sec_keys *keys)
{
    sec_assoc *a = g_new0(sec_assoc, 1);
    a->keys = keys;
    a->ctxs = g_ptr_array_new();
    a->status = g_string_new(NULL);
    return a;
}

static void ctx_free(sec_ctx *x)
{
    if (x->pctx)
        x->prov->ctx_free(x->pctx);
    g_free(x->problem);
    g_free(x);
}

void sec_assoc_free(sec_assoc *a)
{
    if (!a)
        return;
    for (guint i = 0; i < a->ctxs->len; i++)
        ctx_free(a->ctxs->pdata[i]);
    g_ptr_array_free(a->ctxs, TRUE);
    g_string_free(a->status, TRUE);
    g_free(a);
}

void sec_assoc_pfc(sec_assoc *a, bool from_client, guint8 pfc_flags)
{
    bool hs = (pfc_flags & SEC_PFC_SUPPORT_HEADER_SIGN) != 0;
    if (from_client)
        a->client_hs = hs;
    else
        a->server_hs = hs;
}

bool sec_assoc_header_sign(const sec_assoc *a)
{
    return a->client_hs && a->server_hs;
}

static sec_ctx *find(sec_assoc *a, guint32 id, guint *index)
{
    for (guint i = 0; i < a->ctxs->len; i++) {
        sec_ctx *x = a->ctxs->pdata[i];
        if (x->id == id) {
            if (index)
                *index = i;
            return x;
        }
    }
    return NULL;
}

/* The provider context for mechanism m (a new one when the mechanism changes). */
static void choose_mech(sec_assoc *a, sec_ctx *x, spnego_mech m)
{
    if (m == SPNEGO_MECH_NONE || m == x->mech)
        return;
    if (x->pctx)
        x->prov->ctx_free(x->pctx);
    x->pctx = NULL;
    x->mech = m;
    x->prov = provider_of(m);
    g_clear_pointer(&x->problem, g_free);
    if (x->prov)
        x->pctx = x->prov->ctx_new(a->keys);
    else
        x->problem = g_strdup_printf("%s (auth_type %u): not supported%s", spnego_mech_name(m), x->auth_type,
                                     m == SPNEGO_MECH_KERBEROS ? " in this build" : "");
}

static void feed(sec_ctx *x, bool from_client, const guint8 *tok, gsize len)
{
    if (x->pctx && len)
        x->prov->token(x->pctx, from_client, tok, len);
}

static const guint8 ntlmssp_signature[8] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

void sec_assoc_handshake(sec_assoc *a, const csvp_sec_trailer *t, bool from_client, bool new_context, GString *err)
{
    guint idx;
    sec_ctx *x = find(a, t->auth_context_id, &idx);
    if (x && new_context) {
        g_ptr_array_remove_index(a->ctxs, idx);
        ctx_free(x);
        x = NULL;
    }
    if (!x) {
        if (a->ctxs->len >= SEC_MAX_CONTEXTS) {
            g_string_append_printf(err, "more than %u auth contexts on one connection; auth_context_id %u ignored",
                                   SEC_MAX_CONTEXTS, t->auth_context_id);
            return;
        }
        x = g_new0(sec_ctx, 1);
        x->id = t->auth_context_id;
        x->auth_type = t->auth_type;
        g_ptr_array_add(a->ctxs, x);
    }
    if (x->auth_type != t->auth_type) {
        g_string_append_printf(err, "auth_context_id %u: auth_type %u after %u; token ignored", x->id, t->auth_type,
                               x->auth_type);
        return;
    }
    switch (t->auth_type) {
    case SEC_AUTHN_WINNT:
        choose_mech(a, x, SPNEGO_MECH_NTLMSSP);
        feed(x, from_client, t->auth_value, t->auth_len);
        break;
    case SEC_AUTHN_GSS_KERBEROS:
        choose_mech(a, x, SPNEGO_MECH_KERBEROS);
        feed(x, from_client, t->auth_value, t->auth_len);
        break;
    case SEC_AUTHN_GSS_NEGOTIATE: {
        /* Some peers drop the SPNEGO framing once NTLMSSP is chosen. */
        if (t->auth_len >= 8 && memcmp(t->auth_value, ntlmssp_signature, 8) == 0) {
            choose_mech(a, x, SPNEGO_MECH_NTLMSSP);
            feed(x, from_client, t->auth_value, t->auth_len);
            break;
        }
        spnego_token s;
        char *e = NULL;
        if (!spnego_parse(t->auth_value, t->auth_len, &s, &e)) {
            g_string_append_printf(err, "auth_context_id %u: %s", x->id, e);
            if (!x->pctx) {
                g_free(x->problem);
                x->problem = g_strdup_printf("SPNEGO: %s", e);
            }
            g_free(e);
            break;
        }
        choose_mech(a, x, s.mech);
        feed(x, from_client, s.inner, s.inner_len);
        break;
    }
    default:
        if (!x->problem)
            x->problem = g_strdup_printf("auth_type %u: not supported", t->auth_type);
        break;
    }
}

const char *sec_assoc_status(sec_assoc *a, const csvp_sec_trailer *t)
{
    sec_ctx *x = find(a, t->auth_context_id, NULL);
    const char *why = NULL;
    if (!x)
        g_string_printf(a->status, "auth_type %u: no handshake captured for auth_context_id %u", t->auth_type,
                        t->auth_context_id);
    else if (x->problem)
        g_string_assign(a->status, x->problem);
    else if (!x->pctx)
        g_string_printf(a->status, "auth_type %u: no mechanism chosen", t->auth_type);
    else if (!x->prov->ready(x->pctx, &why))
        g_string_assign(a->status, why);
    else
        g_string_assign(a->status, x->prov->name);
    return a->status->str;
}

sec_unwrap_result sec_assoc_unwrap(sec_assoc *a, const csvp_sec_trailer *t, const guint8 *pdu, gsize stub_off,
                                   bool from_client, guint8 *out, GString *why)
{
    sec_ctx *x = find(a, t->auth_context_id, NULL);
    const char *status;
    if (!x || x->problem || !x->pctx || !x->prov->ready(x->pctx, &status))
        return SEC_UNWRAP_NO_KEY;
    if (x->auth_type != t->auth_type) {
        g_string_append_printf(why, "auth_type %u on auth_context_id %u, which was set up with %u", t->auth_type,
                               x->id, x->auth_type);
        return SEC_UNWRAP_FAILED;
    }
    sec_pdu p = {
        .pdu = pdu,
        .pdu_len = t->trailer_off + CSVP_SEC_TRAILER_LEN + t->auth_len,
        .stub_off = stub_off,
        .stub_len = t->trailer_off - stub_off,
        .trailer_off = t->trailer_off,
        .auth_value = t->auth_value,
        .auth_len = t->auth_len,
        .from_client = from_client,
        .privacy = t->auth_level == SEC_LEVEL_PKT_PRIVACY,
        .header_sign = sec_assoc_header_sign(a),
    };
    return x->prov->unwrap(x->pctx, &p, out, why) ? SEC_UNWRAP_OK : SEC_UNWRAP_FAILED;
}
