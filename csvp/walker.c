/* walker.c - NDR 2.0 decoding driven by the csvp tables (C706 chapter 14,
 * MS-RPCE 2.2.5, MS-OAUT 2.2.23 and 2.2.30 for the user-marshaled types).
 *
 * Reading follows wire order; nodes are placed in IDL order. Embedded
 * pointers are deferred: their referents follow the enclosing top-level
 * parameter (C706 14.3.12.3), depth first, which is where a placeholder node
 * created at the pointer is filled in.
 */
#include "blobs.h"
#include "decoder_internal.h"
#include "walker_internal.h"

#include <string.h>

/* ---- reads: every one goes through the cursor, which checks the bytes left ---- */

/* The cursor's first failure becomes the stub's fatal problem. */
static bool truncated(csvp_walker *w, const csvp_node *at)
{
    const csvp_cursor *c = &w->cur;
    csvp_tree_problem(w->t, at, (guint32)c->fail_at, "truncated: %s needs %u bytes, %u left", c->what,
                      (guint)c->fail_need, (guint)c->fail_left);
    w->fatal = true;
    return false;
}

static bool walk_need(csvp_walker *w, const csvp_node *at, guint32 n, const char *what)
{
    if (w->fatal)
        return false;
    return csvp_cur_need(&w->cur, n, what) || truncated(w, at);
}

bool csvp_walk_uint(csvp_walker *w, const csvp_node *at, guint size, bool force_le, guint64 *out, const char *what)
{
    if (w->fatal)
        return false;
    csvp_cur_align_clamped(&w->cur, size);
    *out = csvp_cur_uint(&w->cur, size, force_le || w->cur.le, what);
    return csvp_cur_ok(&w->cur) || truncated(w, at);
}

/* UTF-16 code units (in the PDU's byte order) to UTF-8 in the tree's strings. */
static const char *walk_utf16(csvp_walker *w, const guint8 *p, guint32 units, bool stop_at_nul)
{
    gsize bytes = (gsize)units * 2;
    gchar small[256], *buf = CSVP_UTF16_MAX_UTF8(bytes) <= sizeof small ? small : g_malloc(CSVP_UTF16_MAX_UTF8(bytes));
    gsize len = csvp_utf16_decode(buf, p, bytes, w->cur.le, stop_at_nul);
    const char *r = g_string_chunk_insert_len(csvp_tree_strings(w->t), buf, (gssize)len);
    if (buf != small)
        g_free(buf);
    return r;
}

/* ---- deferred referents ---- */

typedef struct deferred {
    csvp_node *node;
    const csvp_type *pointee;
} deferred;

static void decode_into(csvp_walker *w, csvp_node *n, const csvp_type *ty, GArray *defer, bool top, guint32 hoisted,
                        bool has_hoisted);

GArray *csvp_walk_defer_new(void)
{
    return g_array_new(FALSE, FALSE, sizeof(deferred));
}

void csvp_walk_defer(GArray *defer, csvp_node *n, const csvp_type *pointee)
{
    deferred d = { n, pointee };
    g_array_append_val(defer, d);
}

/* Referents are processed depth first: those a referent defers are appended to
 * the same array, handled right after it, and dropped again (the array is a stack). */
static void flush_from(csvp_walker *w, GArray *defer, guint start)
{
    guint end = defer->len;
    for (guint i = start; i < end && !w->fatal; i++) {
        deferred d = g_array_index(defer, deferred, i);
        if (++w->depth > CSVP_MAX_DEPTH) {
            csvp_tree_problem(w->t, d.node, csvp_walk_pos(w), "nesting deeper than %d", CSVP_MAX_DEPTH);
            w->fatal = true;
        } else {
            /* The node now covers the referent, not the pointer: its range restarts here (C706 14.3.12.3). */
            d.node->offset = csvp_walk_pos(w);
            d.node->length = 0;
            guint mark = defer->len;
            decode_into(w, d.node, d.pointee, defer, false, 0, false);
            flush_from(w, defer, mark);
            g_array_set_size(defer, mark);
        }
        w->depth--;
    }
}

void csvp_walk_flush(csvp_walker *w, GArray *defer)
{
    flush_from(w, defer, 0);
    g_array_set_size(defer, 0);
}

/* top: a top-level parameter (C706 14.3.10); hoisted: a conformant struct's max_count, read before it. */
static csvp_node *member(csvp_walker *w, csvp_node *parent, const csvp_member *m, const csvp_type *ty,
                         GArray *defer, bool top, guint32 hoisted, bool has_hoisted)
{
    csvp_node *n = csvp_tree_add(w->t, parent, m, ty, CSVP_N_STRUCT, csvp_walk_pos(w));
    decode_into(w, n, ty, defer, top, hoisted, has_hoisted);
    return n;
}

csvp_node *csvp_walk_member(csvp_walker *w, csvp_node *parent, const csvp_member *m, const csvp_type *ty,
                            GArray *defer)
{
    return member(w, parent, m, ty, defer, false, 0, false);
}

/* ---- scalars ---- */

static void decode_scalar(csvp_walker *w, csvp_node *n, const csvp_type *ty)
{
    static const guint8 sizes[] = {
        [CSVP_K_U8] = 1, [CSVP_K_BOOL8] = 1, [CSVP_K_U16] = 2, [CSVP_K_ENUM16] = 2,
        [CSVP_K_U32] = 4, [CSVP_K_I32] = 4, [CSVP_K_HRESULT] = 4, [CSVP_K_U64] = 8,
    };
    guint size = sizes[ty->kind];
    n->kind = CSVP_N_UINT;
    csvp_cur_align_clamped(&w->cur, size);
    guint32 at = csvp_walk_pos(w);
    guint64 v = csvp_cur_uint(&w->cur, size, w->cur.le, ty->name);
    if (!csvp_cur_ok(&w->cur)) {
        truncated(w, n);
        return;
    }
    n->offset = at;
    n->length = size;
    if (ty->kind == CSVP_K_I32) {
        n->kind = CSVP_N_INT;
        n->v.i = (gint32)v;
    } else {
        n->kind = ty->kind == CSVP_K_U64 ? CSVP_N_U64 : CSVP_N_UINT;
        n->v.u = v;
    }
}

static void decode_guid(csvp_walker *w, csvp_node *n)
{
    n->kind = CSVP_N_GUID;
    csvp_cur_align_clamped(&w->cur, 4);
    if (!walk_need(w, n, 16, "GUID"))
        return;
    n->offset = csvp_walk_pos(w);
    n->length = 16;
    /* Data1..3 follow the integer byte order; kept in text byte order. */
    guint32 d1 = csvp_cur_u32(&w->cur, "GUID");
    guint16 d2 = csvp_cur_u16(&w->cur, "GUID"), d3 = csvp_cur_u16(&w->cur, "GUID");
    guint8 *g = n->v.guid;
    g[0] = d1 >> 24; g[1] = d1 >> 16; g[2] = d1 >> 8; g[3] = (guint8)d1;
    g[4] = d2 >> 8; g[5] = (guint8)d2; g[6] = d3 >> 8; g[7] = (guint8)d3;
    csvp_cur_copy(&w->cur, g + 8, 8, "GUID");
}

/* ---- arrays and strings ---- */

/* Check a count against the bytes left and the element budget before looping. */
bool csvp_walk_check_count(csvp_walker *w, const csvp_node *n, guint64 count, guint elem_size, const char *what)
{
    if (w->fatal)
        return false;
    guint64 left = csvp_cur_left(&w->cur);
    if (count * (guint64)elem_size > left) {
        csvp_tree_problem(w->t, n, csvp_walk_pos(w), "%s %" G_GUINT64_FORMAT " needs %" G_GUINT64_FORMAT
                          " bytes, %" G_GUINT64_FORMAT " left", what, count, count * (guint64)elem_size, left);
        w->fatal = true;
        return false;
    }
    w->elements += count;
    if (w->elements > CSVP_MAX_ELEMENTS) {
        csvp_tree_problem(w->t, n, csvp_walk_pos(w), "more than %u elements in one stub", CSVP_MAX_ELEMENTS);
        w->fatal = true;
        return false;
    }
    return true;
}

static void decode_array(csvp_walker *w, csvp_node *n, const csvp_type *ty, GArray *defer, guint32 hoisted,
                         bool has_hoisted)
{
    guint64 max = ty->fixed_count, offset = 0, actual;
    n->kind = CSVP_N_ARRAY;
    if (ty->conformant) {
        if (has_hoisted)
            max = hoisted;
        else if (!csvp_walk_uint(w, n, 4, false, &max, "max_count"))
            return;
    }
    actual = max;
    if (ty->varying) {
        guint32 at = csvp_walk_align(w, 4);
        if (!csvp_walk_uint(w, n, 4, false, &offset, "offset") ||
            !csvp_walk_uint(w, n, 4, false, &actual, "actual_count"))
            return;
        if (offset + actual > max) {
            csvp_tree_problem(w->t, n, at,
                              "varying array: offset %" G_GUINT64_FORMAT " + actual_count %" G_GUINT64_FORMAT
                              " exceeds max_count %" G_GUINT64_FORMAT, offset, actual, max);
            w->fatal = true;
            return;
        }
    }
    n->max_count = (guint32)max;
    n->actual_count = (guint32)actual;
    const csvp_type *et = ty->elem;
    guint esize = csvp_type_min_size(et);
    if (actual == 0)
        n->offset = csvp_walk_pos(w);
    else
        csvp_cur_align_clamped(&w->cur, csvp_type_align(et));
    if (!csvp_walk_check_count(w, n, actual, esize, "array count"))
        return;
    if (actual)
        n->offset = csvp_walk_pos(w);
    /* The count was checked against the bytes left: these reads hold. */
    if (et->kind == CSVP_K_U8) {
        n->kind = CSVP_N_BYTES;
        n->v.bytes.data = csvp_cur_bytes(&w->cur, actual, "bytes");
        n->v.bytes.len = (guint32)actual;
    } else if (ty->text && et->kind == CSVP_K_U16) {
        n->kind = CSVP_N_STRING;
        n->v.str = walk_utf16(w, csvp_cur_bytes(&w->cur, 2 * actual, "text"), (guint32)actual, true);
    } else {
        for (guint64 i = 0; i < actual && !w->fatal; i++) {
            csvp_node *e = member(w, n, n->member, et, defer, false, 0, false);
            e->index = (gint32)i;
        }
    }
    n->length = csvp_walk_pos(w) - n->offset;
}

static void decode_string(csvp_walker *w, csvp_node *n)
{
    guint64 max, offset, actual;
    n->kind = CSVP_N_STRING;
    guint32 at = csvp_walk_align(w, 4);
    if (!csvp_walk_uint(w, n, 4, false, &max, "max_count") || !csvp_walk_uint(w, n, 4, false, &offset, "offset") ||
        !csvp_walk_uint(w, n, 4, false, &actual, "actual_count"))
        return;
    n->offset = at;
    if (offset + actual > max) {
        csvp_tree_problem(w->t, n, n->offset, "string: offset %" G_GUINT64_FORMAT " + actual_count %"
                          G_GUINT64_FORMAT " exceeds max_count %" G_GUINT64_FORMAT, offset, actual, max);
        w->fatal = true;
        return;
    }
    if (!csvp_walk_check_count(w, n, actual, 2, "string length"))
        return;
    n->max_count = (guint32)max;
    n->actual_count = (guint32)actual;
    csvp_cursor chars = csvp_cur_sub(&w->cur, 2 * actual, "string");   /* checked above */
    n->v.str = walk_utf16(w, chars.data, (guint32)actual, true);
    /* [string] arrays end with a NUL character (C706 14.3.4): the last one read. */
    csvp_cur_skip(&chars, actual ? 2 * (actual - 1) : 0, "string");
    if (actual == 0 || csvp_cur_u16(&chars, "terminator") != 0)
        csvp_tree_problem(w->t, n, (guint32)csvp_cur_pos(&chars) - (actual ? 2 : 0),
                          "unterminated string: last of %" G_GUINT64_FORMAT " characters is not NUL", actual);
    n->length = csvp_walk_pos(w) - n->offset;
}

/* FLAGGED_WORD_BLOB (MS-OAUT 2.2.23): conformant struct, count hoisted first. */
static void decode_bstr(csvp_walker *w, csvp_node *n)
{
    guint64 max, cbytes, clsize;
    n->kind = CSVP_N_STRING;
    guint32 at = csvp_walk_align(w, 4);
    if (!csvp_walk_uint(w, n, 4, false, &max, "max_count") || !csvp_walk_uint(w, n, 4, false, &cbytes, "cBytes") ||
        !csvp_walk_uint(w, n, 4, false, &clsize, "clSize"))
        return;
    n->offset = at;
    if (clsize != max) {
        csvp_tree_problem(w->t, n, n->offset, "BSTR: clSize %" G_GUINT64_FORMAT " differs from max_count %"
                          G_GUINT64_FORMAT, clsize, max);
        w->fatal = true;
        return;
    }
    if (!csvp_walk_check_count(w, n, clsize, 2, "BSTR length"))
        return;
    n->max_count = (guint32)max;
    n->actual_count = (guint32)clsize;
    const guint8 *chars = csvp_cur_bytes(&w->cur, 2 * clsize, "BSTR");   /* checked above */
    if (cbytes == 0xFFFFFFFFu) {   /* a NULL presented BSTR (MS-OAUT 2.2.23.2) */
        n->kind = CSVP_N_NULL;
    } else {
        if (cbytes > 2 * clsize)
            csvp_tree_problem(w->t, n, n->offset + 4, "BSTR: cBytes %" G_GUINT64_FORMAT " exceeds 2*clSize %"
                              G_GUINT64_FORMAT, cbytes, 2 * clsize);
        guint32 units = (guint32)MIN(clsize, (cbytes + 1) / 2);
        n->v.str = walk_utf16(w, chars, units, false);
    }
    n->length = csvp_walk_pos(w) - n->offset;
}

/* ---- structs and unions ---- */

static const csvp_member *find_arm(const csvp_type *u, guint32 disc)
{
    for (guint i = 0; i < u->n_members; i++)
        if (u->members[i].arm_case == disc)
            return &u->members[i];
    return NULL;
}

/* The node of parent's child member m (a sibling reference: size_is, length_is, switch_is), or NULL. */
static const csvp_node *sibling(const csvp_node *parent, const csvp_member *m)
{
    if (m)
        for (const csvp_node *c = parent->first; c; c = c->next)
            if (c->member == m && c->index < 0)
                return c;
    return NULL;
}

/* Decode the union's discriminant and selected arm; the arm becomes a field of `parent`. */
static void decode_union(csvp_walker *w, csvp_node *parent, const csvp_member *um, GArray *defer)
{
    const csvp_type *u = um->type;
    const csvp_node *sw = sibling(parent, um->switch_is);
    guint64 wire, disc = sw ? sw->v.u : 0;
    /* The discriminant is marshalled again with the switch field's own type (C706 14.3.8). */
    guint size = (sw && sw->type && sw->type->kind == CSVP_K_ENUM16) ? 2 : 4;
    if (u->kind == CSVP_K_EUNION)
        size = 4;
    guint32 at = csvp_walk_align(w, size);
    if (!csvp_walk_uint(w, parent, size, false, &wire, "union discriminant"))
        return;
    if (u->kind == CSVP_K_UNION && wire != disc) {
        csvp_tree_problem(w->t, parent, at,
                          "union discriminant %" G_GUINT64_FORMAT " differs from %s %" G_GUINT64_FORMAT, wire,
                          um->switch_is->name, disc);
        w->fatal = true;
        return;
    }
    const csvp_member *arm = find_arm(u, (guint32)wire);
    if (!arm) {
        csvp_tree_problem(w->t, parent, at, "unknown %s discriminant 0x%" G_GINT64_MODIFIER
                          "x", u->name, wire);
        w->fatal = true;
        return;
    }
    csvp_cur_align_clamped(&w->cur, csvp_type_align(u));
    member(w, parent, arm, arm->type, defer, false, 0, false);
}

static void decode_struct(csvp_walker *w, csvp_node *n, const csvp_type *ty, GArray *defer)
{
    guint64 conf = 0;
    bool has_conf = false;
    n->kind = CSVP_N_STRUCT;
    const csvp_type *lt = ty->n_members ? ty->members[ty->n_members - 1].type : NULL;
    if (lt && lt->kind == CSVP_K_ARRAY && lt->conformant) {
        /* Conformant struct: the array's max_count leads the struct (C706 14.3.7.2). */
        if (!csvp_walk_uint(w, n, 4, false, &conf, "max_count"))
            return;
        has_conf = true;
    }
    csvp_cur_align_clamped(&w->cur, csvp_type_align(ty));
    if (!has_conf)
        n->offset = csvp_walk_pos(w);
    for (guint i = 0; i < ty->n_members && !w->fatal; i++) {
        const csvp_member *m = &ty->members[i];
        if (m->type->kind == CSVP_K_UNION || m->type->kind == CSVP_K_EUNION) {
            decode_union(w, n, m, defer);
            continue;
        }
        bool last = i + 1 == ty->n_members;
        member(w, n, m, m->type, defer, false, (guint32)conf, last && has_conf);
    }
    n->length = csvp_walk_pos(w) - n->offset;
}

/* ---- pointers ---- */

static void decode_ptr(csvp_walker *w, csvp_node *n, const csvp_type *ty, GArray *defer, bool top)
{
    if (top && ty->ptr == CSVP_PTR_REF) {
        /* A top-level [ref] pointer has no wire form (C706 14.3.10). */
        decode_into(w, n, ty->elem, defer, true, 0, false);
        return;
    }
    guint64 refid;
    guint32 at = csvp_walk_align(w, 4);
    if (!csvp_walk_uint(w, n, 4, false, &refid, "referent id"))
        return;
    n->offset = at;
    n->length = 4;
    if (refid == 0) {
        if (ty->ptr == CSVP_PTR_REF)
            csvp_tree_problem(w->t, n, n->offset, "NULL [ref] pointer");
        n->kind = CSVP_N_NULL;
        return;
    }
    if (top) {
        /* Referents of top-level pointers follow at once; only embedded ones are deferred. */
        decode_into(w, n, ty->elem, defer, true, 0, false);
        n->offset = MIN(n->offset, csvp_walk_pos(w));
        return;
    }
    csvp_walk_defer(defer, n, ty->elem);
}

static void decode_into(csvp_walker *w, csvp_node *n, const csvp_type *ty, GArray *defer, bool top, guint32 hoisted,
                        bool has_hoisted)
{
    if (w->fatal)
        return;
    if (++w->depth > CSVP_MAX_DEPTH) {
        csvp_tree_problem(w->t, n, csvp_walk_pos(w), "nesting deeper than %d", CSVP_MAX_DEPTH);
        w->fatal = true;
        w->depth--;
        return;
    }
    n->type = ty;
    guint32 start = csvp_walk_pos(w);
    switch (ty->kind) {
    case CSVP_K_GUID:
        decode_guid(w, n);
        break;
    case CSVP_K_STRUCT:
        decode_struct(w, n, ty, defer);
        break;
    case CSVP_K_UNION: case CSVP_K_EUNION:
        csvp_tree_problem(w->t, n, start, "union %s outside a struct", ty->name);
        w->fatal = true;
        break;
    case CSVP_K_PTR:
        decode_ptr(w, n, ty, defer, top);
        break;
    case CSVP_K_ARRAY:
        decode_array(w, n, ty, defer, hoisted, has_hoisted);
        break;
    case CSVP_K_STRING:
        decode_string(w, n);
        break;
    case CSVP_K_BSTR:
        decode_bstr(w, n);
        break;
    case CSVP_K_SAFEARRAY:
        csvp_safearray_decode(w, n, ty, defer);
        break;
    default:
        decode_scalar(w, n, ty);
        break;
    }
    w->depth--;
}

/* ---- size_is / length_is consistency among siblings ---- */

static void check_counts(csvp_tree *t, const csvp_node *n)
{
    for (const csvp_node *c = n->first; c; c = c->next) {
        const csvp_type *ty = c->type;
        while (ty && ty->kind == CSVP_K_PTR)
            ty = ty->elem;
        if (ty && ty->kind == CSVP_K_ARRAY && c->kind != CSVP_N_NULL && c->index < 0 && c->member) {
            const csvp_node *sz = sibling(n, c->member->size_is), *ln = sibling(n, c->member->length_is);
            if (sz && sz->kind == CSVP_N_UINT && sz->v.u != c->max_count)
                csvp_tree_problem(t, c, c->offset, "max_count %u differs from %s = %" G_GUINT64_FORMAT,
                                  c->max_count, sz->member->name, sz->v.u);
            if (ln && ln->kind == CSVP_N_UINT && ln->v.u != c->actual_count)
                csvp_tree_problem(t, c, c->offset, "actual_count %u differs from %s = %" G_GUINT64_FORMAT,
                                  c->actual_count, ln->member->name, ln->v.u);
        }
        if (ty && ty->kind == CSVP_K_ARRAY && c->first && c->first->member && c->first->member->meta &&
            (c->kind == CSVP_N_ARRAY || c->kind == CSVP_N_BYTES))
            csvp_safearray_check(t, c);   /* a SAFEARRAY: its header leads its children */
        if (c->first && c->kind != CSVP_N_BYTES)
            check_counts(t, c);
    }
}

/* ---- entry points ---- */

static csvp_tree *walk(csvp_decoder *dec, const guint8 *data, guint32 len, const guint8 drep[4], csvp_walker *w)
{
    memset(w, 0, sizeof *w);
    w->cur = csvp_cur_make(data, len, (drep[0] & 0x10) != 0, 0);
    w->t = csvp_tree_new_in(dec);
    return w->t;
}

static void finish(csvp_walker *w)
{
    csvp_tree *t = w->t;
    if (!w->fatal && csvp_cur_left(&w->cur))
        csvp_tree_problem(t, NULL, csvp_walk_pos(w), "%u trailing bytes after the last parameter",
                          (guint)csvp_cur_left(&w->cur));
    if (!w->fatal)  /* after a fatal problem the counts read so far prove nothing more */
        check_counts(t, t->root);
    t->complete = !w->fatal;
    t->consumed = (guint32)w->cur.off;
}

static const csvp_type root_type = { .name = "stub", .kind = CSVP_K_STRUCT };

/* The decoder's deferred-referent stack, empty (one top-level decode uses it at a time). */
static GArray *defer_stack(csvp_decoder *dec)
{
    if (!dec->defer)
        dec->defer = csvp_walk_defer_new();
    g_array_set_size(dec->defer, 0);
    return dec->defer;
}

csvp_tree *csvp_decode_stub(csvp_decoder *dec, const csvp_method *m, int dir, const guint8 *data, guint32 len,
                            const guint8 drep[4])
{
    return csvp_decode_stub_flags(dec, m, dir, data, len, drep, 0);
}

static csvp_tree *decode_params(csvp_decoder *dec, const csvp_method *m, int dir, const guint8 *data, guint32 len,
                                const guint8 drep[4], guint flags)
{
    csvp_walker w;
    csvp_tree *t = walk(dec, data, len, drep, &w);
    t->root = csvp_tree_add(t, NULL, NULL, &root_type, CSVP_N_STRUCT, 0);
    const csvp_member *orpc = dir == CSVP_IN ? &csvp_orpcthis_member : &csvp_orpcthat_member;
    GArray *defer = defer_stack(dec);
    /* ORPCTHIS is 32 bytes and ORPCTHAT 8 when their extensions pointer (the last field) is NULL
     * (MS-DCOM 2.2.13.1, 2.2.13.3); a caller that will not show them skips that common case. */
    guint32 orpc_len = dir == CSVP_IN ? 32 : 8;
    csvp_cursor peek = w.cur;
    csvp_cur_skip(&peek, orpc_len - 4, "ORPC header");
    bool no_extensions = csvp_cur_u32(&peek, "extensions") == 0 && csvp_cur_ok(&peek);
    if ((flags & CSVP_DECODE_NO_META) && no_extensions) {
        csvp_cur_skip(&w.cur, orpc_len, "ORPC header");
    } else {
        member(&w, t->root, orpc, orpc->type, defer, true, 0, false);
        csvp_walk_flush(&w, defer);
    }
    for (guint i = 0; i < m->n_params && !w.fatal; i++) {
        const csvp_member *p = &m->params[i];
        if (!(p->dir & dir))
            continue;
        g_array_set_size(defer, 0);
        csvp_node *n = member(&w, t->root, p, p->type, defer, true, 0, false);
        csvp_walk_flush(&w, defer);
        if (p->blob && n->kind == CSVP_N_BYTES && !w.fatal && !(flags & CSVP_DECODE_NO_BLOBS))
            csvp_blob_decode(t, n, (csvp_blob_kind)p->blob);
    }
    if (dir == CSVP_OUT && !w.fatal)
        member(&w, t->root, &csvp_return_member, csvp_return_member.type, defer, true, 0, false);
    finish(&w);
    return t;
}

/* Where the spec gives two layouts for one method (m->alt, ERRATA.md), a stub the first does not decode
 * cleanly is decoded with the other; the tree names the layout it was decoded with. */
csvp_tree *csvp_decode_stub_flags(csvp_decoder *dec, const csvp_method *m, int dir, const guint8 *data,
                                  guint32 len, const guint8 drep[4], guint flags)
{
    csvp_tree *t = decode_params(dec, m, dir, data, len, drep, flags);
    if (!m->alt || (t->complete && t->problems->len == 0))
        return t;
    csvp_tree *alt = decode_params(dec, m->alt, dir, data, len, drep, flags);
    if (!alt->complete || alt->problems->len) {
        csvp_tree_free(alt);
        return t;
    }
    csvp_tree_free(t);
    alt->layout = m->alt->layout;
    return alt;
}

csvp_tree *csvp_decode_type(csvp_decoder *dec, const csvp_type *ty, const csvp_member *as, const guint8 *data,
                            guint32 len, const guint8 drep[4])
{
    csvp_walker w;
    csvp_tree *t = walk(dec, data, len, drep, &w);
    t->root = csvp_tree_add(t, NULL, NULL, &root_type, CSVP_N_STRUCT, 0);
    GArray *defer = defer_stack(dec);
    member(&w, t->root, as, ty, defer, true, 0, false);
    csvp_walk_flush(&w, defer);
    finish(&w);
    return t;
}
