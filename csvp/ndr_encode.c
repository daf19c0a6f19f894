/* ndr_encode.c - NDR 2.0 encoding driven by the csvp tables: walker.c and
 * safearray.c in reverse (C706 chapter 14, MS-RPCE 2.2.5, MS-OAUT 2.2.23,
 * 2.2.28.2.1 and 2.2.30.10, MS-DCOM 2.2.13).
 *
 * Writing follows the walker's wire order exactly: alignment relative to the
 * stub start, 16-bit enums, the non-encapsulated union's discriminant sent
 * again before its arm, embedded pointer referents deferred to the end of the
 * enclosing top-level parameter (depth first), top-level [ref] pointers with
 * no wire form, conformant structs led by their array's max_count.
 */
#include "ndr_encode.h"
#include "tables_internal.h"
#include "walker.h"

#include <string.h>

G_DEFINE_QUARK(csvp-encode-error-quark, csvp_encode_error)

enum { SF_I2 = 2, SF_I4 = 3, SF_BSTR = 8, SF_I1 = 16, SF_I8 = 20, SF_RECORD = 36 };
enum { FADF_RECORD = 0x0020, FADF_HAVEVARTYPE = 0x0080, FADF_BSTR = 0x0100 };
#define FIRST_REFID 0x00020000u

typedef struct enc {
    GByteArray *out;
    bool le;
    bool failed;
    guint32 next_refid;
    GString *path;        /* where we are, for error messages */
    GPtrArray *keep;      /* variants looked up, released at the end */
    GError **err;
    bool records_per_record; /* SF_RECORD data one record after another (csvp_encode_opts) */
} enc;

typedef struct deferred {
    const csvp_type *ty;
    GVariant *v;
    GVariant *ctx;        /* the struct or parameter list holding the pointer, for size_is */
    const csvp_member *of; /* the member the value belongs to (its size_is names a key of ctx), or NULL */
} deferred;

static void encode(enc *e, const csvp_type *ty, GVariant *v, GArray *defer, bool top, bool hoisted, GVariant *ctx,
                   const csvp_member *of);

static void fail(enc *e, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void fail(enc *e, const char *fmt, ...)
{
    if (e->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(e->err, CSVP_ENCODE_ERROR, 1, "%s: %s", e->path->len ? e->path->str : "stub", msg);
    g_free(msg);
    e->failed = true;
}

/* ---- primitive writes ---- */

static void pad(enc *e, guint a)
{
    static const guint8 zeros[8];
    guint32 n = (a - (e->out->len & (a - 1))) & (a - 1);
    g_byte_array_append(e->out, zeros, n);
}

static void put(enc *e, guint size, guint64 v, bool force_le)
{
    guint8 b[8];
    bool le = force_le || e->le;
    for (guint i = 0; i < size; i++)
        b[i] = (guint8)(v >> (le ? 8 * i : 8 * (size - 1 - i)));
    pad(e, size);
    g_byte_array_append(e->out, b, size);
}

static void put_le_raw(GByteArray *out, guint32 v)
{
    guint8 b[4] = { (guint8)v, (guint8)(v >> 8), (guint8)(v >> 16), (guint8)(v >> 24) };
    g_byte_array_append(out, b, 4);
}

/* ---- values ---- */

/* A looked-up value with 'v' boxes and maybe types taken off; NULL for nothing. */
static GVariant *unwrap(enc *e, GVariant *v)
{
    while (v && (g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT) || g_variant_is_of_type(v, G_VARIANT_TYPE_MAYBE))) {
        GVariant *in = g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT) ? g_variant_get_variant(v)
                                                                       : g_variant_get_maybe(v);
        if (in)
            g_ptr_array_add(e->keep, in);
        v = in;
    }
    return v;
}

static GVariant *lookup(enc *e, GVariant *dict, const char *key)
{
    if (!dict || !g_variant_is_of_type(dict, G_VARIANT_TYPE("a{sv}")))
        return NULL;
    GVariant *v = g_variant_lookup_value(dict, key, NULL);
    if (v)
        g_ptr_array_add(e->keep, v);
    return unwrap(e, v);
}

/* Element i of an array value, boxes taken off; NULL for a maybe-nothing (a NULL pointer). */
static GVariant *child(enc *e, GVariant *v, guint i)
{
    GVariant *c = g_variant_get_child_value(v, i);
    g_ptr_array_add(e->keep, c);
    return unwrap(e, c);
}

static gsize path_push(enc *e, const char *name, gint64 index)
{
    gsize len = e->path->len;
    if (index >= 0)
        g_string_append_printf(e->path, "[%" G_GINT64_FORMAT "]", index);
    else if (name && *name)
        g_string_append_printf(e->path, "%s%s", e->path->len ? "." : "", name);
    return len;
}

/* An integer, a boolean, or a value name of the type (enum names, HRESULT names). */
static bool num(enc *e, const csvp_type *ty, GVariant *v, guint64 *out)
{
    if (!v) {
        fail(e, "missing value for %s", ty->name);
        return false;
    }
    const GVariantType *t = g_variant_get_type(v);
    if (g_variant_type_equal(t, G_VARIANT_TYPE_BOOLEAN)) *out = g_variant_get_boolean(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_BYTE)) *out = g_variant_get_byte(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_INT16)) *out = (guint64)(gint64)g_variant_get_int16(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_UINT16)) *out = g_variant_get_uint16(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_INT32)) *out = (guint64)(gint64)g_variant_get_int32(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_UINT32)) *out = g_variant_get_uint32(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_INT64)) *out = (guint64)g_variant_get_int64(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_UINT64)) *out = g_variant_get_uint64(v);
    else if (g_variant_type_equal(t, G_VARIANT_TYPE_STRING)) {
        const char *s = g_variant_get_string(v, NULL);
        size_t n_status;
        const csvp_name *names = ty->kind == CSVP_K_HRESULT ? csvp_status_table(&n_status) : ty->values;
        guint n = ty->kind == CSVP_K_HRESULT ? (guint)n_status : ty->n_values;
        for (guint i = 0; i < n; i++)
            if (strcmp(names[i].name, s) == 0) {
                *out = names[i].value;
                return true;
            }
        char *end;
        guint64 x = g_ascii_strtoull(s, &end, 0);
        if (!*s || *end) {
            fail(e, "'%s' is not a value of %s", s, ty->name);
            return false;
        }
        *out = x;
    } else {
        fail(e, "%s given as '%s'", ty->name, g_variant_get_type_string(v));
        return false;
    }
    return true;
}

static guint elem_count(GVariant *v)
{
    if (!v)
        return 0;
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING))
        return (guint)g_utf8_strlen(g_variant_get_string(v, NULL), -1);
    return g_variant_is_container(v) ? (guint)g_variant_n_children(v) : 0;
}

/* UTF-8 text to UTF-16 code units. */
static gunichar2 *utf16(enc *e, GVariant *v, glong *units)
{
    if (!v || !g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
        fail(e, "string given as '%s'", v ? g_variant_get_type_string(v) : "nothing");
        return NULL;
    }
    gunichar2 *u = g_utf8_to_utf16(g_variant_get_string(v, NULL), -1, NULL, units, NULL);
    if (!u)
        fail(e, "invalid UTF-8");
    return u;
}

/* ---- deferred referents (as the walker flushes them) ---- */

static void defer_add(GArray *defer, const csvp_type *ty, GVariant *v, GVariant *ctx, const csvp_member *of)
{
    deferred d = { ty, v, ctx, of };
    g_array_append_val(defer, d);
}

static void flush(enc *e, GArray *defer)
{
    for (guint i = 0; i < defer->len && !e->failed; i++) {
        deferred d = g_array_index(defer, deferred, i);
        GArray *sub = g_array_new(FALSE, FALSE, sizeof(deferred));
        encode(e, d.ty, d.v, sub, false, false, d.ctx, d.of);
        flush(e, sub);
        g_array_free(sub, TRUE);
    }
}

/* ---- scalars, GUIDs, strings ---- */

static void enc_scalar(enc *e, const csvp_type *ty, GVariant *v)
{
    static const guint8 sizes[] = {
        [CSVP_K_U8] = 1, [CSVP_K_BOOL8] = 1, [CSVP_K_U16] = 2, [CSVP_K_ENUM16] = 2,
        [CSVP_K_U32] = 4, [CSVP_K_I32] = 4, [CSVP_K_HRESULT] = 4, [CSVP_K_U64] = 8,
    };
    guint64 x;
    if (num(e, ty, v, &x))
        put(e, sizes[ty->kind], x, false);
}

/* GUID: data1..3 in the integer byte order, data4 as bytes (C706 Appendix A). */
static void enc_guid(enc *e, GVariant *v)
{
    guint8 g[16];
    if (!v || !g_variant_is_of_type(v, G_VARIANT_TYPE_STRING) || !csvp_guid_parse(g_variant_get_string(v, NULL), g)) {
        fail(e, "GUID must be canonical text");
        return;
    }
    put(e, 4, (guint32)g[0] << 24 | (guint32)g[1] << 16 | (guint32)g[2] << 8 | g[3], false);
    put(e, 2, (guint32)g[4] << 8 | g[5], false);
    put(e, 2, (guint32)g[6] << 8 | g[7], false);
    g_byte_array_append(e->out, g + 8, 8);
}

/* [string] wchar_t*: max_count, offset 0, actual_count, all counting the NUL (C706 14.3.4). */
static void enc_string(enc *e, GVariant *v)
{
    glong n;
    gunichar2 *u = utf16(e, v, &n);
    if (!u)
        return;
    put(e, 4, (guint64)n + 1, false);
    put(e, 4, 0, false);
    put(e, 4, (guint64)n + 1, false);
    for (glong i = 0; i <= n; i++)
        put(e, 2, u[i], false);
    g_free(u);
}

/* FLAGGED_WORD_BLOB (MS-OAUT 2.2.23.1): max_count, cBytes, clSize, then the characters, no NUL. */
static void enc_bstr(enc *e, GVariant *v)
{
    glong n;
    gunichar2 *u = utf16(e, v, &n);
    if (!u)
        return;
    put(e, 4, (guint64)n, false);
    put(e, 4, 2 * (guint64)n, false);
    put(e, 4, (guint64)n, false);
    for (glong i = 0; i < n; i++)
        put(e, 2, u[i], false);
    g_free(u);
}

/* ---- arrays ---- */

static void enc_elements(enc *e, const csvp_type *et, GVariant *v, guint count, GArray *defer, GVariant *ctx)
{
    if (et->kind == CSVP_K_U8 && g_variant_is_of_type(v, G_VARIANT_TYPE_BYTESTRING)) {
        gsize n;
        const guint8 *p = g_variant_get_fixed_array(v, &n, 1);
        g_byte_array_append(e->out, p, (guint)n);
        return;
    }
    for (guint i = 0; i < count && !e->failed; i++) {
        gsize at = path_push(e, NULL, i);
        encode(e, et, child(e, v, i), defer, false, false, ctx, NULL);
        g_string_truncate(e->path, at);
    }
}

static void enc_array(enc *e, const csvp_type *ty, GVariant *v, GArray *defer, bool hoisted, GVariant *ctx,
                      const csvp_member *of)
{
    const csvp_type *et = ty->elem;
    if (ty->fixed_count && ty->text) {
        /* wchar_t[N] shown as text: the string, a NUL, zeros to N. */
        glong n;
        gunichar2 *u = utf16(e, v, &n);
        if (!u)
            return;
        if ((guint32)n >= ty->fixed_count) {
            fail(e, "text of %ld characters does not fit %s", n, ty->name);
            g_free(u);
            return;
        }
        pad(e, 2);
        for (guint32 i = 0; i < ty->fixed_count; i++)
            put(e, 2, i < (guint32)n ? u[i] : 0, false);
        g_free(u);
        return;
    }
    if (!v || !(g_variant_is_container(v))) {
        fail(e, "array given as '%s'", v ? g_variant_get_type_string(v) : "nothing");
        return;
    }
    guint count = elem_count(v);
    if (ty->fixed_count && count != ty->fixed_count) {
        fail(e, "%u elements for %s", count, ty->name);
        return;
    }
    if (ty->conformant && !hoisted) {
        guint64 max = count;
        const csvp_member *size_is = of ? of->size_is : NULL;
        GVariant *sz = ty->varying && size_is ? lookup(e, ctx, size_is->name) : NULL;
        if (sz && !num(e, &csvp_t_ulong, sz, &max))
            return;
        if (max < count) {
            fail(e, "%u elements exceed %s = %" G_GUINT64_FORMAT, count, size_is->name, max);
            return;
        }
        put(e, 4, max, false);
    }
    if (ty->varying) {
        put(e, 4, 0, false);
        put(e, 4, count, false);
    }
    if (count)
        pad(e, csvp_type_align(et));
    enc_elements(e, et, v, count, defer, ctx);
}

/* ---- structs and unions ---- */

static void enc_union(enc *e, const csvp_type *u, GVariant *dict, const csvp_member *sw, GArray *defer)
{
    guint64 disc;
    if (!num(e, sw->type, lookup(e, dict, sw->name), &disc))
        return;
    /* The discriminant again, with the switch field's own type (C706 14.3.8). */
    put(e, sw->type->kind == CSVP_K_ENUM16 ? 2 : 4, disc, false);
    const csvp_member *arm = NULL;
    for (guint i = 0; i < u->n_members; i++)
        if (u->members[i].arm_case == disc)
            arm = &u->members[i];
    if (!arm) {
        fail(e, "no arm of %s for discriminant 0x%" G_GINT64_MODIFIER "x", u->name, disc);
        return;
    }
    pad(e, csvp_type_align(u));
    gsize at = path_push(e, arm->name, -1);
    encode(e, arm->type, lookup(e, dict, arm->name), defer, false, false, dict, arm);
    g_string_truncate(e->path, at);
}

static const csvp_member *find_member(const csvp_type *ty, const char *name)
{
    for (guint i = 0; i < ty->n_members; i++)
        if (strcmp(ty->members[i].name, name) == 0)
            return &ty->members[i];
    return NULL;
}

/* A key that names no field would silently become a NULL pointer or a missing value: refuse it. */
static bool known_field(const csvp_type *ty, const char *key)
{
    for (guint i = 0; i < ty->n_members; i++) {
        const csvp_type *mt = ty->members[i].type;
        if ((mt->kind == CSVP_K_UNION || mt->kind == CSVP_K_EUNION) ? find_member(mt, key) != NULL
                                                                    : strcmp(ty->members[i].name, key) == 0)
            return true;
    }
    return false;
}

static bool known_keys(enc *e, GVariant *dict, bool (*known)(const void *, const char *), const void *what)
{
    GVariantIter it;
    const char *key;
    g_variant_iter_init(&it, dict);
    while (g_variant_iter_next(&it, "{&sv}", &key, NULL))
        if (!known(what, key)) {
            fail(e, "no field or parameter named '%s'", key);
            return false;
        }
    return true;
}

static bool known_struct_key(const void *ty, const char *key)
{
    return known_field(ty, key);
}

static void enc_struct(enc *e, const csvp_type *ty, GVariant *v, GArray *defer)
{
    if (!v || !g_variant_is_of_type(v, G_VARIANT_TYPE("a{sv}"))) {
        fail(e, "%s given as '%s', not a{sv}", ty->name, v ? g_variant_get_type_string(v) : "nothing");
        return;
    }
    if (!known_keys(e, v, known_struct_key, ty))
        return;
    const csvp_member *last = ty->n_members ? &ty->members[ty->n_members - 1] : NULL;
    bool conf = last && last->type->kind == CSVP_K_ARRAY && last->type->conformant;
    if (conf)   /* conformant struct: the array's max_count leads (C706 14.3.7.2) */
        put(e, 4, elem_count(lookup(e, v, last->name)), false);
    pad(e, csvp_type_align(ty));
    for (guint i = 0; i < ty->n_members && !e->failed; i++) {
        const csvp_member *m = &ty->members[i];
        if (m->type->kind == CSVP_K_UNION) {
            enc_union(e, m->type, v, m->switch_is, defer);
            continue;
        }
        gsize at = path_push(e, m->name, -1);
        encode(e, m->type, lookup(e, v, m->name), defer, false, conf && m == last, v, m);
        g_string_truncate(e->path, at);
    }
}

/* ---- pointers ---- */

static void enc_ptr(enc *e, const csvp_type *ty, GVariant *v, GArray *defer, bool top, GVariant *ctx,
                    const csvp_member *of)
{
    if (top && ty->ptr == CSVP_PTR_REF) {   /* no wire form (C706 14.3.10) */
        encode(e, ty->elem, v, defer, true, false, ctx, of);
        return;
    }
    if (!v) {
        if (ty->ptr == CSVP_PTR_REF)
            fail(e, "NULL [ref] pointer");
        put(e, 4, 0, false);
        return;
    }
    bool user = ty->elem->kind == CSVP_K_BSTR || ty->elem->kind == CSVP_K_SAFEARRAY;
    guint32 refid = top && user ? CSVP_USER_MARSHAL_REFID : e->next_refid;
    if (refid != CSVP_USER_MARSHAL_REFID)
        e->next_refid += 4;
    put(e, 4, refid, false);
    if (top)   /* a top-level pointer's referent follows at once */
        encode(e, ty->elem, v, defer, true, false, ctx, of);
    else
        defer_add(defer, ty->elem, v, ctx, of);
}

/* ---- SAFEARRAY (MS-OAUT 2.2.30.10), as safearray.c reads it ---- */

static guint32 sf_type(const csvp_type *elem)
{
    switch (elem->kind) {
    case CSVP_K_U8: return SF_I1;
    case CSVP_K_U16: return SF_I2;
    case CSVP_K_U32: case CSVP_K_I32: return SF_I4;
    case CSVP_K_U64: return SF_I8;
    case CSVP_K_PTR: return SF_BSTR;
    default: return SF_RECORD;
    }
}

/* In-memory size of an element on a 64-bit Windows server, for cbElements. */
static guint32 mem_size(const csvp_type *ty)
{
    switch (ty->kind) {
    case CSVP_K_U8: case CSVP_K_BOOL8: return 1;
    case CSVP_K_U16: return 2;
    case CSVP_K_U64: case CSVP_K_PTR: return 8;
    case CSVP_K_GUID: return 16;
    case CSVP_K_STRUCT: {
        guint32 s = 0, a = 1;
        for (guint i = 0; i < ty->n_members; i++) {
            guint32 ms = mem_size(ty->members[i].type), ma = MIN(ms, 8u);
            s = (s + ma - 1) / ma * ma + ms;
            a = MAX(a, ma);
        }
        return (s + a - 1) / a * a;
    }
    default: return 4;   /* 32-bit integers and enums */
    }
}

/* A plausible MInterfacePointer for pRecInfo: OBJREF_CUSTOM (MS-DCOM 2.2.18.6) with
 * CLSID_RecordInfo and IID_IRecordInfo, pObjectData a RecordInfoData (MS-OAUT 2.2.31). */
static GByteArray *recinfo_objref(void)
{
    static const guint8 irecordinfo[16] = { 0x2f, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46 };
    static const guint8 typelib[16] = { 0x5c, 0x1e, 0x9e, 0x0c, 0x4e, 0x2b, 0x2a, 0x4f,
                                        0x8a, 0x5f, 0x2d, 0x11, 0x41, 0x9c, 0x7d, 0x30 };
    static const guint8 typeinfo[16] = { 0x3b, 0x7c, 0x41, 0x1d, 0x92, 0x0e, 0x8d, 0x48,
                                         0xb1, 0x36, 0x0f, 0x5e, 0x6a, 0x9c, 0x21, 0x77 };
    GByteArray *b = g_byte_array_new();
    put_le_raw(b, 0x574f454d);        /* signature "MEOW" */
    put_le_raw(b, 0x00000004);        /* OBJREF_CUSTOM */
    g_byte_array_append(b, irecordinfo, 16);   /* iid: IID_IRecordInfo */
    g_byte_array_append(b, irecordinfo, 16);   /* clsid: CLSID_RecordInfo */
    put_le_raw(b, 0);                 /* cbExtension */
    put_le_raw(b, 44);                /* reserved: size of pObjectData */
    g_byte_array_append(b, typelib, 16);       /* RecordInfoData.LibraryIdentifier */
    put_le_raw(b, 1);                 /* MajorVersion */
    put_le_raw(b, 0);                 /* MinorVersion */
    put_le_raw(b, 0x0409);            /* LCID */
    g_byte_array_append(b, typeinfo, 16);      /* TypeInfoIdentifier */
    return b;
}

/* wireBRECORD (2.2.28.2.1): fFlags, clSize, pRecInfo, pRecord = LE size prefix + the records' NDR. */
static void enc_brecord(enc *e, const csvp_type *rec, GVariant *v, guint count)
{
    enc sub = { .out = g_byte_array_new(), .le = e->le, .next_refid = FIRST_REFID, .path = e->path,
                .keep = e->keep, .err = e->err, .records_per_record = e->records_per_record };
    /* pRecord as an NDR array of structures: the records' flat parts, then each one's referents
     * (C706 14.3.12, csvp/ERRATA.md item 8); or, when asked, each record with its referents. */
    GArray *d = g_array_new(FALSE, FALSE, sizeof(deferred));
    for (guint i = 0; i < count && !sub.failed; i++) {
        gsize at = path_push(&sub, NULL, i);
        encode(&sub, rec, child(&sub, v, i), d, false, false, NULL, NULL);
        if (sub.records_per_record) {
            flush(&sub, d);
            g_array_set_size(d, 0);
        }
        g_string_truncate(sub.path, at);
    }
    flush(&sub, d);
    g_array_free(d, TRUE);
    e->failed = sub.failed;
    guint32 clsize = sub.out->len + 4;
    GByteArray *info = recinfo_objref();
    put(e, 4, 1, true);                       /* fFlags */
    put(e, 4, clsize, true);                  /* clSize */
    put(e, 4, e->next_refid, false);          /* pRecInfo */
    put(e, 4, e->next_refid + 4, false);      /* pRecord */
    e->next_refid += 8;
    put(e, 4, info->len, false);              /* MInterfacePointer: max_count, ulCntData, abData */
    put(e, 4, info->len, false);
    g_byte_array_append(e->out, info->data, info->len);
    put(e, 4, clsize, false);                 /* pRecord: max_count */
    put_le_raw(e->out, clsize);
    g_byte_array_append(e->out, sub.out->data, sub.out->len);
    g_byte_array_free(info, TRUE);
    g_byte_array_free(sub.out, TRUE);
}

static void enc_safearray(enc *e, const csvp_type *ty, GVariant *v, GArray *defer, GVariant *ctx,
                          const csvp_member *of)
{
    if (!v || !g_variant_is_container(v)) {
        fail(e, "SAFEARRAY given as '%s'", v ? g_variant_get_type_string(v) : "nothing");
        return;
    }
    const csvp_type *elem = ty->elem->elem;
    guint32 sft = sf_type(elem), count = elem_count(v);
    guint16 features = sft == SF_RECORD ? FADF_RECORD : sft == SF_BSTR ? FADF_BSTR | FADF_HAVEVARTYPE
                                                                       : FADF_HAVEVARTYPE;
    bool record = sft == SF_RECORD;
    put(e, 4, 1, false);               /* max_count of rgsabound */
    put(e, 2, 1, false);               /* cDims */
    put(e, 2, features, false);        /* fFeatures */
    put(e, 4, mem_size(elem), false);  /* cbElements */
    put(e, 4, 0, false);               /* cLocks */
    put(e, 4, sft, true);              /* sfType: little-endian whatever the label (2.2.30.9) */
    /* The arm: Size (one wireBRECORD holds all records) and the data pointer. */
    bool has_data = !record || count > 0;
    put(e, 4, record ? (count ? 1 : 0) : count, record);
    put(e, 4, has_data ? e->next_refid : 0, false);
    if (has_data)
        e->next_refid += 4;
    put(e, 4, count, false);           /* rgsabound[0].cElements */
    put(e, 4, 0, false);               /* rgsabound[0].lLbound */
    if (!record) {
        defer_add(defer, ty->elem, v, ctx, of);
        return;
    }
    if (!count)
        return;
    put(e, 4, 1, false);               /* aRecord: max_count and the one wireBRECORD pointer */
    put(e, 4, e->next_refid, false);
    e->next_refid += 4;
    enc_brecord(e, elem, v, count);
}

/* ---- dispatch ---- */

static void encode(enc *e, const csvp_type *ty, GVariant *v, GArray *defer, bool top, bool hoisted, GVariant *ctx,
                   const csvp_member *of)
{
    if (e->failed)
        return;
    switch (ty->kind) {
    case CSVP_K_GUID:
        enc_guid(e, v);
        break;
    case CSVP_K_STRUCT:
        enc_struct(e, ty, v, defer);
        break;
    case CSVP_K_UNION: case CSVP_K_EUNION:
        fail(e, "union %s outside a struct", ty->name);
        break;
    case CSVP_K_PTR:
        enc_ptr(e, ty, v, defer, top, ctx, of);
        break;
    case CSVP_K_ARRAY:
        enc_array(e, ty, v, defer, hoisted, ctx, of);
        break;
    case CSVP_K_STRING:
        enc_string(e, v);
        break;
    case CSVP_K_BSTR:
        enc_bstr(e, v);
        break;
    case CSVP_K_SAFEARRAY:
        enc_safearray(e, ty, v, defer, ctx, of);
        break;
    default:
        enc_scalar(e, ty, v);
        break;
    }
}

/* ---- entry points ---- */

static void enc_init(enc *e, const guint8 drep[4], GError **err)
{
    memset(e, 0, sizeof *e);
    e->out = g_byte_array_new();
    e->le = (drep[0] & 0x10) != 0;
    e->next_refid = FIRST_REFID;
    e->path = g_string_new(NULL);
    e->keep = g_ptr_array_new_with_free_func((GDestroyNotify)g_variant_unref);
    e->err = err;
}

static GByteArray *enc_finish(enc *e)
{
    g_string_free(e->path, TRUE);
    g_ptr_array_free(e->keep, TRUE);
    if (e->failed) {
        g_byte_array_free(e->out, TRUE);
        return NULL;
    }
    return e->out;
}

/* ORPCTHIS / ORPCTHAT: the defaults overlaid with what the caller gave. */
static GVariant *orpc_value(enc *e, GVariant *params, bool request)
{
    GVariantDict d;
    g_variant_dict_init(&d, NULL);
    if (request) {
        GVariantDict ver;
        g_variant_dict_init(&ver, NULL);
        g_variant_dict_insert(&ver, "MajorVersion", "q", 5);
        g_variant_dict_insert(&ver, "MinorVersion", "q", 7);
        g_variant_dict_insert_value(&d, "version", g_variant_dict_end(&ver));
        g_variant_dict_insert(&d, "reserved1", "u", 0);
        g_variant_dict_insert(&d, "cid", "s", "00000000-0000-0000-0000-000000000000");
    }
    g_variant_dict_insert(&d, "flags", "u", 0);
    GVariant *given = lookup(e, params, request ? "ORPCTHIS" : "ORPCTHAT");
    if (given && g_variant_is_of_type(given, G_VARIANT_TYPE("a{sv}"))) {
        GVariantIter it;
        const char *k;
        GVariant *val;
        g_variant_iter_init(&it, given);
        while (g_variant_iter_next(&it, "{&sv}", &k, &val)) {
            g_variant_dict_insert_value(&d, k, val);
            g_variant_unref(val);
        }
    }
    GVariant *v = g_variant_ref_sink(g_variant_dict_end(&d));
    g_ptr_array_add(e->keep, v);
    return v;
}

/* Top-level keys: the method's parameters of either direction (an [in] size_is count may be
 * given with a response), ORPCTHIS/ORPCTHAT and hresult. */
static bool known_param_key(const void *method, const char *key)
{
    const csvp_method *m = method;
    if (strcmp(key, "ORPCTHIS") == 0 || strcmp(key, "ORPCTHAT") == 0 || strcmp(key, "hresult") == 0)
        return true;
    for (guint i = 0; i < m->n_params; i++)
        if (strcmp(m->params[i].name, key) == 0)
            return true;
    return false;
}

GByteArray *csvp_encode_stub(const csvp_method *m, int dir, GVariant *params, const guint8 drep[4], GError **err)
{
    return csvp_encode_stub_opts(m, dir, params, drep, NULL, err);
}

GByteArray *csvp_encode_stub_opts(const csvp_method *m, int dir, GVariant *params, const guint8 drep[4],
                                  const csvp_encode_opts *opts, GError **err)
{
    enc e;
    enc_init(&e, drep, err);
    e.records_per_record = opts && opts->records_per_record;
    if (params && g_variant_is_of_type(params, G_VARIANT_TYPE("a{sv}")) && !known_keys(&e, params, known_param_key, m))
        return enc_finish(&e);
    GArray *defer = g_array_new(FALSE, FALSE, sizeof(deferred));
    const csvp_member *orpc = dir == CSVP_IN ? &csvp_orpcthis_member : &csvp_orpcthat_member;
    g_string_assign(e.path, orpc->name);
    encode(&e, orpc->type, orpc_value(&e, params, dir == CSVP_IN), defer, true, false, NULL, orpc);
    flush(&e, defer);
    for (guint i = 0; i < m->n_params && !e.failed; i++) {
        const csvp_member *p = &m->params[i];
        if (!(p->dir & dir))
            continue;
        g_array_set_size(defer, 0);
        g_string_assign(e.path, m->name);
        path_push(&e, p->name, -1);
        encode(&e, p->type, lookup(&e, params, p->name), defer, true, false, params, p);
        flush(&e, defer);
    }
    if (dir == CSVP_OUT && !e.failed) {
        g_string_assign(e.path, "hresult");
        enc_scalar(&e, &csvp_t_hresult, lookup(&e, params, "hresult"));
    }
    g_array_free(defer, TRUE);
    return enc_finish(&e);
}

GByteArray *csvp_encode_type(const csvp_type *ty, GVariant *value, const guint8 drep[4], GError **err)
{
    enc e;
    enc_init(&e, drep, err);
    GArray *defer = g_array_new(FALSE, FALSE, sizeof(deferred));
    GVariant *v = unwrap(&e, value);
    encode(&e, ty, v, defer, true, false, NULL, NULL);
    flush(&e, defer);
    g_array_free(defer, TRUE);
    return enc_finish(&e);
}
