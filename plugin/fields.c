/* fields.c - header fields generated from the csvp tables.
 *
 * Walks every parameter of every method, the DCOM headers, the named types
 * (through struct members, union arms, pointers and arrays) and the blob
 * members, and registers one field per distinct abbreviation. Pointers are
 * transparent; a byte array is FT_BYTES; any other array is a subtree whose
 * elements carry the member's field, so `csvp.NODE_ROUTE_INFO.localUnicastIPs
 * == "10.0.0.1"` matches an element.
 */
#include "fields.h"
#include "blobs.h"
#include "blurbs.h"
#include "walker.h"

#include <epan/packet.h>
#include <string.h>

static GHashTable *by_member;  /* const csvp_member* -> csvp_field* */
static GHashTable *by_abbrev;  /* abbreviation -> csvp_field* */
static GHashTable *walked;     /* types already walked */
static GArray *hfs;            /* hf_register_info, kept for the life of the program */
static GPtrArray *etts;        /* gint* */
static GHashTable *blurbs;     /* "owner.name" -> the spec's description (blurbs.c) */

/* Pointers and SAFEARRAYs are transparent: the value is the referent (the SAFEARRAY's data array). */
static const csvp_type *resolve(const csvp_type *t)
{
    while (t && (t->kind == CSVP_K_PTR || t->kind == CSVP_K_SAFEARRAY))
        t = t->elem;
    return t;
}

static bool is_bytes(const csvp_type *t)
{
    return t->kind == CSVP_K_ARRAY && resolve(t->elem)->kind == CSVP_K_U8;
}

/* The type an item of the member shows: the element type for arrays other than bytes and text. */
static const csvp_type *value_type(const csvp_type *t)
{
    t = resolve(t);
    while (t && t->kind == CSVP_K_ARRAY && !is_bytes(t) && !t->text)
        t = resolve(t->elem);
    return t;
}

/* BOOLEAN (one octet) and BOOL (32 bits): true when nonzero (MS-DTYP 2.2.3, 2.2.4). */
static bool is_boolean(const csvp_type *t)
{
    return t->kind == CSVP_K_BOOL8 ||
           (t->name && (strcmp(t->name, "BOOLEAN") == 0 || strcmp(t->name, "BOOL") == 0));
}

static enum ftenum ftype_of(const csvp_type *t)
{
    if (!t)
        return FT_NONE;
    if (is_boolean(t))
        return FT_BOOLEAN;
    switch (t->kind) {
    case CSVP_K_U8: return FT_UINT8;
    case CSVP_K_U16: case CSVP_K_ENUM16: return FT_UINT16;
    case CSVP_K_U32: case CSVP_K_HRESULT: return FT_UINT32;
    case CSVP_K_I32: return FT_INT32;
    case CSVP_K_U64: return FT_UINT64;
    case CSVP_K_GUID: return FT_GUID;
    case CSVP_K_STRING: case CSVP_K_BSTR: return FT_STRING;
    case CSVP_K_ARRAY: return is_bytes(t) ? FT_BYTES : t->text ? FT_STRING : FT_NONE;
    default: return FT_NONE;
    }
}

/* A value_string from a table of names (terminated, kept for the life of the program). */
static const value_string *vals_of(const csvp_name *names, size_t n)
{
    value_string *vs = g_new0(value_string, n + 1);
    for (size_t i = 0; i < n; i++) {
        vs[i].value = names[i].value;
        vs[i].strptr = names[i].name;
    }
    return vs;
}

static int display_of(const csvp_type *t, enum ftenum ft)
{
    switch (ft) {
    case FT_UINT8: case FT_UINT16: case FT_UINT32:
        if (t->kind == CSVP_K_HRESULT || t->flags)
            return BASE_HEX;
        return t->values || ft != FT_UINT32 ? BASE_DEC : BASE_DEC_HEX;
    case FT_INT32:
        return BASE_DEC;
    case FT_UINT64:   /* counts, sizes and speeds: decimal, unless a flag word */
        return t->flags ? BASE_HEX : BASE_DEC;
    default:          /* FT_BOOLEAN too: a whole value, not a bit of one */
        return BASE_NONE;
    }
}

static void add_hf(int *id, const char *name, const char *abbrev, enum ftenum ft, int display, const void *strings,
                   guint64 mask, const char *blurb)
{
    hf_register_info hri = { id, { name, abbrev, ft, display, strings, mask, blurb, HFILL } };
    g_array_append_val(hfs, hri);
}

/* One FT_BOOLEAN field per flag bit: csvp.<TYPE>.<Field>.<FLAG>. The spec's misspelt
 * DISK_SYTLE_MBR (2.2.5) keeps its name and is also filterable as DISK_STYLE_MBR (*alias). */
static int **flag_fields(const char *abbrev, const csvp_type *t, enum ftenum ft, int *alias)
{
    int **bits = g_new0(int *, t->n_flags + 1);
    int width = ft == FT_UINT8 ? 8 : ft == FT_UINT16 ? 16 : 32;
    for (guint i = 0; i < t->n_flags; i++) {
        bits[i] = g_new(int, 1);
        *bits[i] = -1;
        add_hf(bits[i], t->flags[i].name, g_strdup_printf("%s.%s", abbrev, t->flags[i].name), FT_BOOLEAN, width,
               NULL, t->flags[i].value,
               g_strdup_printf("Flag %s (0x%0*" G_GINT64_MODIFIER "x) of %s", t->flags[i].name, width / 4,
                               (guint64)t->flags[i].value, abbrev));
        if (strcmp(t->flags[i].name, "DISK_SYTLE_MBR") == 0)
            add_hf(alias, "DISK_STYLE_MBR", g_strdup_printf("%s.DISK_STYLE_MBR", abbrev), FT_BOOLEAN, width, NULL,
                   t->flags[i].value, g_strdup_printf("The spec's DISK_SYTLE_MBR (0x%0*" G_GINT64_MODIFIER "x) of %s, spelt right",
                                                      width / 4, (guint64)t->flags[i].value, abbrev));
    }
    return bits;
}

/* Field abbreviations allow letters, digits, '-', '_' and '.'. */
static char *abbrev_of(const csvp_member *m)
{
    char *a = strcmp(m->owner, "csvp") == 0 ? g_strdup_printf("csvp.%s", m->name)
                                            : g_strdup_printf("csvp.%s.%s", m->owner, m->name);
    for (char *p = a; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.')
            *p = '_';
    return a;
}

/* The blurb: the spec's description of the field (blurbs.c), else what the tables know. */
static const char *blurb_of(const csvp_member *m, const csvp_type *vt)
{
    char *key = g_strdup_printf("%s.%s", m->owner, m->name);
    const char *text = g_hash_table_lookup(blurbs, key);
    g_free(key);
    if (!text) {
        key = g_strdup_printf("*.%s", m->name);
        text = g_hash_table_lookup(blurbs, key);
        g_free(key);
    }
    if (text)
        return text;
    if (!vt)   /* the "decoded" node above a buffer's fields */
        return g_strdup_printf("%s: the byte buffer above, decoded with its own format", m->name);
    return g_strdup_printf("%s of %s (%s)", m->name, m->owner, m->idl_type ? m->idl_type : vt->name);
}

/* A text field that holds an IP address (2.2.18-2.2.19 route addresses, SendRTMessage's, a
 * blob's sockaddr): also offered as FT_IPv4/FT_IPv6 so filters can use subnets. */
static bool holds_address(const csvp_member *m)
{
    return g_str_has_suffix(m->name, "IP") || g_str_has_suffix(m->name, "IPs") ||
           g_str_has_suffix(m->name, "IPAddress") ||
           (strcmp(m->owner, "sockaddr") == 0 && strcmp(m->name, "address") == 0);
}

/* An array (or SAFEARRAY) of scalars or strings: its elements carry the member's field, the
 * array itself a field of its own, so that JSON keys stay field names. */
static bool is_array(const csvp_type *t)
{
    for (; t; t = t->elem) {
        if (t->kind == CSVP_K_SAFEARRAY || (t->kind == CSVP_K_ARRAY && !is_bytes(t) && !t->text))
            return true;
        if (t->kind != CSVP_K_PTR)
            return false;
    }
    return false;
}

static csvp_field *field_for(const csvp_member *m)
{
    const csvp_type *vt = value_type(m->type);
    enum ftenum ft = ftype_of(vt);
    /* wireBRECORD is only read as the group of fFlags, clSize, pRecInfo and the records
     * (MS-OAUT 2.2.28.2.1, csvp/safearray.c), never as a value of its own. */
    if (m->meta && strcmp(m->name, "wireBRECORD") == 0)
        ft = FT_NONE;
    char *abbrev = abbrev_of(m);
    csvp_field *f = g_hash_table_lookup(by_abbrev, abbrev);
    if (f && f->ftype != (int)ft) {
        /* Same name, different kind of value: register the second one under a suffixed name. */
        char *alt = g_strdup_printf("%s_%s", abbrev, ftype_name(ft) + 3); /* "FT_UINT32" -> "_uint32" */
        g_free(abbrev);
        abbrev = g_ascii_strdown(alt, -1);
        g_free(alt);
        f = g_hash_table_lookup(by_abbrev, abbrev);
    }
    if (f) {
        g_free(abbrev);
        return f;
    }
    f = g_new0(csvp_field, 1);
    f->hf = -1;
    f->ett = -1;
    f->hf_alias = -1;
    f->bit_alias_hf = -1;
    f->hf_ipv4 = -1;
    f->hf_ipv6 = -1;
    f->hf_array = -1;
    f->hf_dcom = -1;
    f->ftype = ft;
    const void *strings = NULL;
    int display = BASE_NONE;
    if (vt) {
        size_t n;
        const csvp_name *st = vt->kind == CSVP_K_HRESULT ? csvp_status_table(&n) : NULL;
        display = display_of(vt, ft);
        if (st)
            strings = VALS(vals_of(st, n));
        else if (vt->values && ft != FT_NONE && ft != FT_BOOLEAN && !vt->flags)   /* a flag word is named by its bits */
            strings = VALS(vals_of(vt->values, vt->n_values));
        if (vt->flags && (ft == FT_UINT8 || ft == FT_UINT16 || ft == FT_UINT32))
            f->bits = flag_fields(abbrev, vt, ft, &f->bit_alias_hf);
    }
    const char *blurb = blurb_of(m, vt);
    add_hf(&f->hf, m->name, abbrev, ft, display, strings, 0, blurb);
    if (m->alias)   /* the name revision 19.0 gave the parameter, so that old filters still match */
        add_hf(&f->hf_alias, m->alias, g_strdup_printf("csvp.%s.%s", m->owner, m->alias), ft, display, strings, 0,
               g_strdup_printf("Revision 19.0's name of %s", abbrev));
    if (ft == FT_STRING && holds_address(m)) {
        add_hf(&f->hf_ipv4, g_strdup_printf("%s (IPv4)", m->name), g_strdup_printf("%s.ipv4", abbrev), FT_IPv4,
               BASE_NONE, NULL, 0, g_strdup_printf("%s, as an IPv4 address (filterable by subnet)", abbrev));
        add_hf(&f->hf_ipv6, g_strdup_printf("%s (IPv6)", m->name), g_strdup_printf("%s.ipv6", abbrev), FT_IPv6,
               BASE_NONE, NULL, 0, g_strdup_printf("%s, as an IPv6 address (filterable by prefix)", abbrev));
    }
    if (ft != FT_NONE && ft != FT_BYTES && is_array(m->type))
        add_hf(&f->hf_array, m->name, g_strdup_printf("%s.array", abbrev), FT_NONE, BASE_NONE, NULL, 0,
               g_strdup_printf("The elements of %s, each shown as %s", m->name, abbrev));
    g_ptr_array_add(etts, &f->ett);
    g_hash_table_insert(by_abbrev, abbrev, f);
    return f;
}

static void walk_type(const csvp_type *t);

static void add_member(const csvp_member *m)
{
    if (g_hash_table_contains(by_member, m))
        return;
    if (m->name && m->name[0])   /* a union holder has no name: its arms are the fields */
        g_hash_table_insert(by_member, (gpointer)m, field_for(m));
    walk_type(m->type);
}

static void walk_type(const csvp_type *t)
{
    if (!t || g_hash_table_contains(walked, t))
        return;
    g_hash_table_add(walked, (gpointer)t);
    switch (t->kind) {
    case CSVP_K_PTR: case CSVP_K_ARRAY: case CSVP_K_SAFEARRAY:
        walk_type(t->elem);
        break;
    case CSVP_K_STRUCT: case CSVP_K_UNION: case CSVP_K_EUNION:
        for (guint i = 0; i < t->n_members; i++)
            add_member(&t->members[i]);
        break;
    default:
        break;
    }
}

void csvp_fields_register(int proto)
{
    size_t n;
    by_member = g_hash_table_new(g_direct_hash, g_direct_equal);
    by_abbrev = g_hash_table_new(g_str_hash, g_str_equal);
    walked = g_hash_table_new(g_direct_hash, g_direct_equal);
    hfs = g_array_new(FALSE, TRUE, sizeof(hf_register_info));
    etts = g_ptr_array_new();
    blurbs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < csvp_n_blurbs; i++)
        g_hash_table_insert(blurbs, g_strdup_printf("%s.%s", csvp_blurbs[i].owner, csvp_blurbs[i].name),
                            (gpointer)csvp_blurbs[i].text);

    add_member(&csvp_orpcthis_member);
    add_member(&csvp_orpcthat_member);
    add_member(&csvp_return_member);
    const csvp_interface *const *itfs = csvp_interfaces(&n);
    for (size_t i = 0; i < n; i++)
        for (guint j = 0; j < itfs[i]->n_methods; j++)
            for (const csvp_method *m = &itfs[i]->methods[j]; m; m = m->alt)   /* and its other layout */
                for (guint k = 0; k < m->n_params; k++)
                    add_member(&m->params[k]);
    const csvp_type *const *types = csvp_named_types(&n);
    for (size_t i = 0; i < n; i++)
        walk_type(types[i]);
    const csvp_member *const *blob = csvp_blob_members(&n);
    for (size_t i = 0; i < n; i++)
        add_member(blob[i]);
    const csvp_member *const *sa = csvp_safearray_members(&n);
    for (size_t i = 0; i < n; i++)
        add_member(sa[i]);

    /* Wireshark keeps pointers into both arrays: they live as long as the program. */
    proto_register_field_array(proto, (hf_register_info *)(void *)hfs->data, (int)hfs->len);
    proto_register_subtree_array((gint *const *)etts->pdata, (int)etts->len);
    g_hash_table_destroy(walked);
    walked = NULL;
    g_hash_table_destroy(blurbs);
    blurbs = NULL;
}

void csvp_fields_handoff(void)
{
    /* ORPCTHIS/ORPCTHAT (MS-DCOM 2.2.13) as Wireshark's DCOM dissector names them, so that DCOM
     * filters (dcom.this.uuid, dcom.that.flags, ...) find ClusPrep calls like other DCOM calls. */
    static const char *const same[][2] = {
        { "csvp.COMVERSION.MajorVersion", "dcom.version_major" },
        { "csvp.COMVERSION.MinorVersion", "dcom.version_minor" },
        { "csvp.ORPCTHIS.flags", "dcom.this.flags" },
        { "csvp.ORPCTHIS.reserved1", "dcom.this.res" },
        { "csvp.ORPCTHIS.cid", "dcom.this.uuid" },
        { "csvp.ORPCTHAT.flags", "dcom.that.flags" },
        { "csvp.ORPC_EXTENT_ARRAY.size", "dcom.extent.array_count" },
        { "csvp.ORPC_EXTENT_ARRAY.reserved", "dcom.extent.array_res" },
        { "csvp.ORPC_EXTENT.id", "dcom.extent.id" },
        { "csvp.ORPC_EXTENT.size", "dcom.extent.size" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
        csvp_field *f = g_hash_table_lookup(by_abbrev, same[i][0]);
        header_field_info *hfi = proto_registrar_get_byname(same[i][1]);
        if (f && hfi && hfi->type == (enum ftenum)f->ftype)   /* the same value type, or not at all */
            f->hf_dcom = hfi->id;
    }
}

const csvp_field *csvp_field_of(const csvp_member *m)
{
    return m ? g_hash_table_lookup(by_member, m) : NULL;
}
