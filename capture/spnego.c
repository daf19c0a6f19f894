/* spnego.c - NegTokenInit / NegTokenResp (RFC 4178 4.2) in DER (X.690 8.1, definite lengths),
 * read through the cursor:
 *   InitialContextToken ::= [APPLICATION 0] { thisMech OID 1.3.6.1.5.5.2, [0] NegTokenInit }
 *   NegTokenInit ::= SEQUENCE { [0] mechTypes SEQUENCE OF OID, [1] reqFlags, [2] mechToken OCTET STRING,
 *                               [3] mechListMIC }
 *   NegTokenResp ::= [1] SEQUENCE { [0] negState ENUMERATED, [1] supportedMech OID,
 *                                   [2] responseToken OCTET STRING, [3] mechListMIC }
 * The nesting is fixed, so there is no recursion.
 */
#include "spnego.h"

#include "cursor.h"

#include <string.h>

enum { DER_OID = 0x06, DER_OCTET_STRING = 0x04, DER_SEQUENCE = 0x30, DER_APPLICATION_0 = 0x60 };
#define DER_CONTEXT(n) (0xa0 | (n))

static const guint8 oid_spnego[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };                    /* 1.3.6.1.5.5.2 */
static const struct { spnego_mech mech; guint8 len; guint8 der[10]; } mechs[] = {
    { SPNEGO_MECH_NTLMSSP, 10, { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a } }, /* 1.3.6.1.4.1.311.2.2.10 */
    { SPNEGO_MECH_KERBEROS, 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 } },      /* 1.2.840.113554.1.2.2 */
    { SPNEGO_MECH_KERBEROS, 9, { 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02 } },      /* 1.2.840.48018.1.2.2 (MS-KRB5) */
};

typedef struct der {
    char *err;
} der;

/* One TLV: its tag and its contents as a cursor. Only single-byte tags and definite lengths of up to
 * four bytes (DER). */
static bool der_next(der *d, csvp_cursor *c, guint8 *tag, csvp_cursor *content, const char *what)
{
    gsize at = csvp_cur_pos(c);
    *tag = csvp_cur_u8(c, what);
    guint8 l = csvp_cur_u8(c, what);
    gsize len = l;
    if (csvp_cur_ok(c) && (*tag & 0x1f) == 0x1f) {
        d->err = g_strdup_printf("%s: multi-byte tag at offset %" G_GSIZE_FORMAT, what, at);
        return false;
    }
    if (l & 0x80) {
        guint n = l & 0x7f;
        if (n == 0 || n > 4) {
            d->err = g_strdup_printf("%s: length of %u bytes at offset %" G_GSIZE_FORMAT " (DER allows 1 to 4 here)",
                                     what, n, at + 1);
            return false;
        }
        len = 0;
        for (guint i = 0; i < n; i++)
            len = len << 8 | csvp_cur_u8(c, what);
    }
    *content = csvp_cur_sub(c, len, what);
    if (!csvp_cur_ok(c) || !csvp_cur_ok(content)) {
        d->err = csvp_cur_error(csvp_cur_ok(c) ? content : c);
        return false;
    }
    return true;
}

static bool der_expect(der *d, csvp_cursor *c, guint8 want, csvp_cursor *content, const char *what)
{
    guint8 tag;
    gsize at = csvp_cur_pos(c);
    if (!der_next(d, c, &tag, content, what))
        return false;
    if (tag != want) {
        d->err = g_strdup_printf("%s: tag 0x%02x at offset %" G_GSIZE_FORMAT ", expected 0x%02x", what, tag, at, want);
        return false;
    }
    return true;
}

static spnego_mech mech_of(const csvp_cursor *oid)
{
    for (guint i = 0; i < G_N_ELEMENTS(mechs); i++)
        if (oid->len == mechs[i].len && memcmp(oid->data, mechs[i].der, oid->len) == 0)
            return mechs[i].mech;
    return SPNEGO_MECH_OTHER;
}

const char *spnego_mech_name(spnego_mech m)
{
    static const char *const names[] = { "none", "NTLMSSP", "Kerberos", "an unknown mechanism" };
    return names[m];
}

/* The elements of a NegTokenInit or NegTokenResp SEQUENCE. */
static bool elements(der *d, csvp_cursor *seq, bool init, spnego_token *out)
{
    while (csvp_cur_left(seq)) {
        guint8 tag;
        csvp_cursor el, v;
        if (!der_next(d, seq, &tag, &el, init ? "NegTokenInit element" : "NegTokenResp element"))
            return false;
        if (tag == DER_CONTEXT(0) && init) {          /* mechTypes: the first is the one the token is for */
            csvp_cursor list;
            if (!der_expect(d, &el, DER_SEQUENCE, &list, "mechTypes"))
                return false;
            if (csvp_cur_left(&list)) {
                if (!der_expect(d, &list, DER_OID, &v, "mechTypes OID"))
                    return false;
                out->mech = mech_of(&v);
            }
        } else if (tag == DER_CONTEXT(1) && !init) {  /* supportedMech */
            if (!der_expect(d, &el, DER_OID, &v, "supportedMech"))
                return false;
            out->mech = mech_of(&v);
        } else if (tag == DER_CONTEXT(2)) {           /* mechToken / responseToken */
            if (!der_expect(d, &el, DER_OCTET_STRING, &v, init ? "mechToken" : "responseToken"))
                return false;
            out->inner = v.data;
            out->inner_len = v.len;
        }
    }
    return true;
}

bool spnego_parse(const guint8 *tok, gsize len, spnego_token *out, char **err)
{
    memset(out, 0, sizeof *out);
    der d = { NULL };
    csvp_cursor c = csvp_cur_make(tok, len, false, 0), body, v, seq;
    guint8 tag;
    bool ok = false;
    if (!der_next(&d, &c, &tag, &body, "SPNEGO token"))
        goto done;
    if (tag == DER_APPLICATION_0) {
        out->init = true;
        csvp_cursor inner;
        if (!der_expect(&d, &body, DER_OID, &v, "thisMech"))
            goto done;
        if (v.len != sizeof oid_spnego || memcmp(v.data, oid_spnego, v.len) != 0) {
            d.err = g_strdup("thisMech: not SPNEGO (1.3.6.1.5.5.2)");
            goto done;
        }
        ok = der_expect(&d, &body, DER_CONTEXT(0), &inner, "NegTokenInit") &&
             der_expect(&d, &inner, DER_SEQUENCE, &seq, "NegTokenInit") && elements(&d, &seq, true, out);
    } else if (tag == DER_CONTEXT(1)) {
        ok = der_expect(&d, &body, DER_SEQUENCE, &seq, "NegTokenResp") && elements(&d, &seq, false, out);
    } else {
        d.err = g_strdup_printf("SPNEGO token: tag 0x%02x, expected NegTokenInit (0x60) or NegTokenResp (0xa1)", tag);
    }
done:
    if (!ok)
        *err = d.err ? d.err : g_strdup("SPNEGO token: malformed");
    else
        g_free(d.err);
    return ok;
}
