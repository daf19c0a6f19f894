/* safearray.c - the referent of a wire SAFEARRAY (MS-OAUT 2.2.30.10).
 *
 *   max_count(cDims) cDims fFeatures cbElements cLocks
 *   sfType (little-endian whatever the label, 2.2.30.9) and its arm
 *   rgsabound[cDims]
 * then, deferred, the arm's data: a conformant array of the elements
 * (SF_I1/SF_I4 scalars, SF_BSTR unique BSTR pointers) or, for SF_RECORD,
 * wireBRECORDs whose pRecord holds the NDR of the records (2.2.28.2.1).
 *
 * The SAFEARRAY node is shown as an array of its elements; the header fields
 * are meta children.
 */
#include "tables_internal.h"
#include "walker_internal.h"

enum { SF_I2 = 2, SF_I4 = 3, SF_BSTR = 8, SF_I1 = 16, SF_I8 = 20, SF_RECORD = 36 };

static const csvp_name sf_types[] = {
    { 2, "SF_I2" }, { 3, "SF_I4" }, { 8, "SF_BSTR" }, { 9, "SF_DISPATCH" }, { 12, "SF_VARIANT" },
    { 13, "SF_UNKNOWN" }, { 16, "SF_I1" }, { 20, "SF_I8" }, { 36, "SF_RECORD" }, { 0x800D, "SF_HAVEIID" },
};
static const csvp_name fadf_flags[] = {
    { 0x0001, "FADF_AUTO" }, { 0x0002, "FADF_STATIC" }, { 0x0004, "FADF_EMBEDDED" },
    { 0x0010, "FADF_FIXEDSIZE" }, { 0x0020, "FADF_RECORD" }, { 0x0040, "FADF_HAVEIID" },
    { 0x0080, "FADF_HAVEVARTYPE" }, { 0x0100, "FADF_BSTR" }, { 0x0200, "FADF_UNKNOWN" },
    { 0x0400, "FADF_DISPATCH" }, { 0x0800, "FADF_VARIANT" },
};
static const csvp_type t_sftype = { .name = "SF_TYPE", .kind = CSVP_K_U32, .values = sf_types,
                                    .n_values = G_N_ELEMENTS(sf_types) };
static const csvp_type t_fadf = { .name = "USHORT", .kind = CSVP_K_U16, .flags = fadf_flags,
                                  .n_flags = G_N_ELEMENTS(fadf_flags) };

#define SA_FIELD(n, t) { .owner = "SAFEARRAY", .name = n, .type = t, .meta = true }
static const csvp_member m_cdims = SA_FIELD("cDims", &csvp_t_ushort);
static const csvp_member m_features = SA_FIELD("fFeatures", &t_fadf);
static const csvp_member m_cbelements = SA_FIELD("cbElements", &csvp_t_ulong);
static const csvp_member m_clocks = SA_FIELD("cLocks", &csvp_t_ulong);
static const csvp_member m_sftype = SA_FIELD("sfType", &t_sftype);
static const csvp_member m_size = SA_FIELD("Size", &csvp_t_ulong);
static const csvp_member m_celements = SA_FIELD("cElements", &csvp_t_ulong);
static const csvp_member m_lbound = SA_FIELD("lLbound", &csvp_t_long);
static const csvp_member m_brecord = SA_FIELD("wireBRECORD", &csvp_t_ulong);
static const csvp_member m_fflags = SA_FIELD("fFlags", &csvp_t_ulong);
static const csvp_member m_clsize = SA_FIELD("clSize", &csvp_t_ulong);
static const csvp_member m_recinfo = SA_FIELD("pRecInfo", &csvp_t_byte);
/* Which of the two layouts of pRecord the records were found in (decode_records). */
static const csvp_type t_layout = { .name = "layout", .kind = CSVP_K_STRING };
static const csvp_member m_layout = SA_FIELD("RecordLayout", &t_layout);

/* A meta header field read as an unsigned integer: its node, or NULL when the stub ends first. */
static const csvp_node *field(csvp_walker *w, csvp_node *sa, const csvp_member *m, guint size, bool force_le,
                              guint64 *out)
{
    csvp_node *f = csvp_tree_add(w->t, sa, m, m->type, CSVP_N_UINT, 0);
    guint32 at = csvp_walk_align(w, size);
    if (!csvp_walk_uint(w, f, size, force_le, out, m->name))
        return NULL;
    f->offset = at;
    f->length = size;
    if (m->type->kind == CSVP_K_I32) {
        f->kind = CSVP_N_INT;
        f->v.i = (gint32)*out;
    } else {
        f->v.u = *out;
    }
    return f;
}

static guint32 expected_sftype(const csvp_type *elem)
{
    switch (elem->kind) {
    case CSVP_K_U8: return SF_I1;
    case CSVP_K_U16: return SF_I2;
    case CSVP_K_U32: case CSVP_K_I32: return SF_I4;
    case CSVP_K_U64: return SF_I8;
    case CSVP_K_PTR: return SF_BSTR;   /* SAFEARRAY(BSTR): elements are wire BSTRs */
    default: return SF_RECORD;         /* user-defined types */
    }
}

/* n records into sa: as an NDR array of structures (the flat parts, then the referents of each in
 * element order), or each record with its referents before the next. */
static void decode_record_layout(csvp_walker *w, csvp_node *sa, const csvp_type *rec, guint64 n, bool array)
{
    GArray *d = csvp_walk_defer_new();
    for (guint64 i = 0; i < n && !w->fatal; i++) {
        csvp_node *e = csvp_walk_member(w, sa, sa->member, rec, d);
        e->index = (gint32)i;
        if (!array) {
            csvp_walk_flush(w, d);
            g_array_set_size(d, 0);
        }
    }
    csvp_walk_flush(w, d);
    g_array_free(d, TRUE);
}

/* Whether one layout decodes exactly the bytes of pRecord without a problem (on a scratch tree). */
static bool records_fit(const csvp_walker *sub, const csvp_node *sa, const csvp_type *rec, guint64 n, bool array)
{
    csvp_walker trial = *sub;
    trial.t = csvp_tree_new();
    csvp_node *arr = csvp_tree_add(trial.t, NULL, sa->member, sa->type, CSVP_N_ARRAY, 0);
    decode_record_layout(&trial, arr, rec, n, array);
    bool fits = !trial.fatal && csvp_cur_left(&trial.cur) == 0 && trial.t->problems->len == 0;
    csvp_tree_free(trial.t);
    return fits;
}

/* Records of one wireBRECORD (MS-OAUT 2.2.28.2.1), decoded into the SAFEARRAY node. */
static void decode_records(csvp_walker *w, csvp_node *sa, const csvp_type *rec, guint64 n_records)
{
    guint64 flags, clsize;
    csvp_node *br = csvp_tree_add(w->t, sa, &m_brecord, &csvp_t_ulong, CSVP_N_STRUCT, csvp_walk_pos(w));
    if (!field(w, br, &m_fflags, 4, true, &flags) || !field(w, br, &m_clsize, 4, true, &clsize))
        return;
    guint64 p_info, p_rec;
    if (!csvp_walk_uint(w, br, 4, false, &p_info, "pRecInfo") || !csvp_walk_uint(w, br, 4, false, &p_rec, "pRecord"))
        return;
    if (p_info) {  /* MInterfacePointer: conformant struct {ulCntData; abData[]} (MS-DCOM 2.2.14) */
        guint64 max, cnt;
        csvp_node *ri = csvp_tree_add(w->t, br, &m_recinfo, &csvp_t_byte, CSVP_N_BYTES, csvp_walk_pos(w));
        if (!csvp_walk_uint(w, ri, 4, false, &max, "max_count") ||
            !csvp_walk_uint(w, ri, 4, false, &cnt, "ulCntData") ||
            !csvp_walk_check_count(w, ri, max, 1, "OBJREF length"))
            return;
        ri->offset = csvp_walk_pos(w);
        ri->v.bytes.data = csvp_cur_bytes(&w->cur, max, "OBJREF");   /* checked above */
        ri->v.bytes.len = (guint32)max;
        ri->length = (guint32)max;
    }
    if (!p_rec) {
        if (n_records)
            csvp_tree_problem(w->t, sa, csvp_walk_pos(w), "SF_RECORD: NULL pRecord for %" G_GUINT64_FORMAT
                              " records", n_records);
        return;
    }
    guint64 max;
    guint32 max_at = csvp_walk_align(w, 4);
    if (!csvp_walk_uint(w, br, 4, false, &max, "max_count") || !csvp_walk_check_count(w, br, max, 1, "pRecord length"))
        return;
    if (max != clsize || max < 4) {
        csvp_tree_problem(w->t, br, max_at, "SF_RECORD: pRecord size %" G_GUINT64_FORMAT
                          " does not match clSize %" G_GUINT64_FORMAT, max, clsize);
        w->fatal = true;
        return;
    }
    /* pRecord: a little-endian size prefix, then the records, NDR in their own right: a sub-walker
     * whose alignment counts from the first record (checked above: max bytes are there). */
    csvp_cursor rec_bytes = csvp_cur_sub(&w->cur, max, "pRecord");
    guint32 prefix_at = (guint32)csvp_cur_pos(&rec_bytes);
    guint64 prefix = csvp_cur_uint(&rec_bytes, 4, true, "size prefix");
    if (prefix != clsize)
        csvp_tree_problem(w->t, br, prefix_at, "SF_RECORD: size prefix %" G_GUINT64_FORMAT
                          " differs from clSize %" G_GUINT64_FORMAT, prefix, clsize);
    csvp_walker sub = *w;
    sub.cur = csvp_cur_sub(&rec_bytes, max - 4, "records");
    if (!csvp_walk_check_count(&sub, sa, n_records, csvp_type_min_size(rec), "record count")) {
        w->fatal = true;
        return;
    }
    /* pRecord is "the NDR-marshaled representation of the UDTs" (2.2.28.2.1): read literally, an
     * array of structures, every record's flat part first and then each one's deferred referents
     * (C706 14.3.12). Some writers marshal each record as a top-level construct with its referents
     * right after it. With one record both are the same bytes. The one that consumes pRecord
     * exactly without a problem is decoded (array first); neither fitting is the problem. */
    bool array = true;
    if (n_records > 1 && !records_fit(&sub, sa, rec, n_records, true))
        array = !records_fit(&sub, sa, rec, n_records, false);
    decode_record_layout(&sub, sa, rec, n_records, array);
    csvp_node *lay = csvp_tree_add(w->t, br, &m_layout, m_layout.type, CSVP_N_STRING, (guint32)sub.cur.base);
    lay->v.str = array ? "array" : "per_record";
    if (!sub.fatal && csvp_cur_left(&sub.cur))
        csvp_tree_problem(w->t, br, csvp_walk_pos(&sub), "SF_RECORD: %u bytes of pRecord left after %" G_GUINT64_FORMAT
                          " records in either layout (array of structures or one after another)",
                          (guint)csvp_cur_left(&sub.cur), n_records);
    w->fatal = sub.fatal;
    w->elements = sub.elements;
}

void csvp_safearray_decode(csvp_walker *w, csvp_node *sa, const csvp_type *ty, GArray *defer)
{
    guint64 conf, dims, features, cb, locks, sftype, size, ptr;
    sa->kind = CSVP_N_ARRAY;
    guint32 at = csvp_walk_align(w, 4);
    if (!csvp_walk_uint(w, sa, 4, false, &conf, "max_count"))
        return;
    sa->offset = at;
    const csvp_node *sft = NULL;
    if (!field(w, sa, &m_cdims, 2, false, &dims) || !field(w, sa, &m_features, 2, false, &features) ||
        !field(w, sa, &m_cbelements, 4, false, &cb) || !field(w, sa, &m_clocks, 4, false, &locks) ||
        !(sft = field(w, sa, &m_sftype, 4, true, &sftype)))
        return;
    /* ty->elem is the conformant data array; its element type decides sfType. */
    const csvp_type *elem = ty->elem->elem;
    guint32 want = expected_sftype(elem);
    if (sftype != want) {
        csvp_tree_problem(w->t, sa, sft->offset, "SAFEARRAY sfType 0x%" G_GINT64_MODIFIER
                          "x where the IDL's element type needs 0x%x", sftype, want);
        w->fatal = true;
        return;
    }
    /* Arm: {Size|clSize, pointer}; SAFEARR_BRECORD.Size is little-endian whatever the label. */
    if (!field(w, sa, &m_size, 4, sftype == SF_RECORD, &size))
        return;
    guint32 ptr_at = csvp_walk_align(w, 4);
    if (!csvp_walk_uint(w, sa, 4, false, &ptr, "array pointer"))
        return;
    /* SAFEARR_BSTR.aBstr and SAFEARR_BRECORD.aRecord are [ref] (MS-OAUT 2.2.30.6): never NULL (C706 14.3.10). */
    if (!ptr && (sftype == SF_BSTR || sftype == SF_RECORD))
        csvp_tree_problem(w->t, sa, ptr_at, "NULL [ref] pointer");
    if (dims == 0 || conf != dims) {
        csvp_tree_problem(w->t, sa, sa->offset, "SAFEARRAY: cDims %" G_GUINT64_FORMAT " with %" G_GUINT64_FORMAT
                          " bounds", dims, conf);
        w->fatal = true;
        return;
    }
    if (!csvp_walk_check_count(w, sa, conf, 8, "rgsabound count"))
        return;
    guint64 total = 1;
    for (guint64 i = 0; i < conf; i++) {
        guint64 ce, lb;
        if (!field(w, sa, &m_celements, 4, false, &ce) || !field(w, sa, &m_lbound, 4, false, &lb))
            return;
        total *= ce;
        if (total > CSVP_MAX_ELEMENTS)
            total = CSVP_MAX_ELEMENTS + 1;  /* csvp_walk_check_count rejects it when the data is read */
    }
    sa->length = csvp_walk_pos(w) - sa->offset;
    if (sftype == SF_RECORD) {
        /* Deferred referent, read here since nothing else is deferred in this struct:
         * the [ref] array of BRECORD pointers, then each wireBRECORD (2.2.30.6). */
        guint64 max;
        if (!ptr)
            return;
        guint32 max_at = csvp_walk_align(w, 4);
        if (!csvp_walk_uint(w, sa, 4, false, &max, "max_count") ||
            !csvp_walk_check_count(w, sa, max, 4, "aRecord count"))
            return;
        if (max != size)
            csvp_tree_problem(w->t, sa, max_at, "SAFEARR_BRECORD: max_count %" G_GUINT64_FORMAT
                              " differs from Size %" G_GUINT64_FORMAT, max, size);
        GArray *refids = g_array_sized_new(FALSE, FALSE, sizeof(guint64), (guint)max);
        for (guint64 i = 0; i < max; i++) {
            guint64 r;
            if (!csvp_walk_uint(w, sa, 4, false, &r, "BRECORD referent id"))
                break;
            g_array_append_val(refids, r);
        }
        for (guint i = 0; i < refids->len && !w->fatal; i++)
            if (g_array_index(refids, guint64, i))
                decode_records(w, sa, elem, i == 0 ? total : 0);
        g_array_free(refids, TRUE);
        return;
    }
    if (size != total)
        csvp_tree_problem(w->t, sa, sa->offset, "SAFEARRAY: %" G_GUINT64_FORMAT " elements in the bounds, %"
                          G_GUINT64_FORMAT " in the data", total, size);
    if (ptr)
        csvp_walk_defer(defer, sa, ty->elem);
}

const char *csvp_safearray_record_layout(const csvp_node *sa)
{
    for (const csvp_node *c = sa->first; c; c = c->next)
        if (c->member == &m_brecord)
            for (const csvp_node *f = c->first; f; f = f->next)
                if (f->member == &m_layout)
                    return f->v.str;
    return NULL;
}

const csvp_member *const *csvp_safearray_members(size_t *n)
{
    static const csvp_member *const all[] = {
        &m_cdims, &m_features, &m_cbelements, &m_clocks, &m_sftype, &m_size,
        &m_celements, &m_lbound, &m_brecord, &m_fflags, &m_clsize, &m_recinfo, &m_layout,
    };
    *n = G_N_ELEMENTS(all);
    return all;
}

void csvp_safearray_check(csvp_tree *t, const csvp_node *sa)
{
    /* The data array's max_count must equal the arm's Size/clSize (MS-OAUT 2.2.30.3-2.2.30.5);
     * record arrays count wireBRECORDs there instead (2.2.30.6) and are checked when read. */
    const csvp_node *size = NULL, *sftype = NULL;
    for (const csvp_node *c = sa->first; c; c = c->next) {
        if (c->member == &m_size)
            size = c;
        else if (c->member == &m_sftype)
            sftype = c;
    }
    if (size && sftype && sftype->v.u != SF_RECORD && size->v.u != sa->max_count)
        csvp_tree_problem(t, sa, sa->offset, "SAFEARRAY: data max_count %u differs from Size %" G_GUINT64_FORMAT,
                          sa->max_count, size->v.u);
}
