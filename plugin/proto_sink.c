/* proto_sink.c - replays a csvp_tree into proto_tree items.
 *
 * Each node becomes an item of its member's field (fields.c) over the node's
 * byte range in the stub; structs, arrays and decoded buffers become subtrees.
 * Members the tables do not list (the "decoded" child of a buffer, SAFEARRAY
 * header fields) are shown as text items.
 */
#include "proto_sink.h"
#include "expert_item.h"
#include "fields.h"
#include "secret.h"
#include "summary.h"
#include "ws_guid.h"

#include <string.h>
#include <wsutil/inet_addr.h>

typedef struct builder {
    const csvp_proto_view *v;
    GPtrArray *stack;          /* proto_tree*: the innermost open subtree last */
} builder;

static proto_tree *top(const builder *b)
{
    return g_ptr_array_index(b->stack, b->stack->len - 1);
}

/* The node's range in the tvb, clamped to the captured bytes. */
static void range_of(const builder *b, const csvp_node *n, gint *start, gint *len)
{
    guint64 cap = tvb_captured_length(b->v->tvb);
    guint64 s = MIN((guint64)b->v->stub_offset + n->offset, cap);
    *start = (gint)s;
    *len = (gint)MIN((guint64)n->length, cap - s);
}

static guint64 uval(const csvp_node *n)
{
    return n->kind == CSVP_N_INT ? (guint64)n->v.i : n->kind == CSVP_N_UINT || n->kind == CSVP_N_U64 ? n->v.u : 0;
}

static const char *name_of(const csvp_node *n)
{
    return n->member && n->member->name[0] ? n->member->name : n->type && n->type->name ? n->type->name : "value";
}

/* A text item "<name>: <value>" for a node without a field. */
static proto_item *add_text(const builder *b, const csvp_node *n, gint start, gint len)
{
    proto_item *it = NULL;
    GString *s = g_string_new(NULL);
    if (!csvp_summary_value(s, n))
        g_string_assign(s, n->type && n->type->name ? n->type->name : "");
    proto_tree_add_subtree_format(top(b), b->v->tvb, start, len, b->v->ett_text, &it, "%s: %s", name_of(n), s->str);
    g_string_free(s, TRUE);
    return it;
}

static proto_item *add_null(const builder *b, const csvp_field *f, gint start, gint len)
{
    proto_tree *t = top(b);
    tvbuff_t *tvb = b->v->tvb;
    switch (f->ftype) {
    case FT_STRING:
        return proto_tree_add_string_format_value(t, f->hf, tvb, start, len, "", "NULL");
    case FT_BYTES:
        return proto_tree_add_bytes_format_value(t, f->hf, tvb, start, len, NULL, "NULL");
    case FT_NONE:
        return proto_tree_add_none_format(t, f->hf, tvb, start, len, "%s: NULL", proto_registrar_get_name(f->hf));
    default: {
        proto_item *it = NULL;
        proto_tree_add_subtree_format(t, tvb, start, len, f->ett, &it, "%s: NULL", proto_registrar_get_name(f->hf));
        return it;
    }
    }
}

/* A secret (SecretBLOB, CLUSTER_CERT's KeyData and ClusterSecret) without its value: the field is
 * there to filter on, its length and SHA-256 prefix tell two captures' secrets apart. */
static proto_item *add_redacted(const builder *b, const csvp_field *f, const csvp_node *n, gint start, gint len)
{
    guint64 n_bytes;
    char prefix[9];
    csvp_secret_digest(n, &n_bytes, prefix);
    proto_item *it = f->ftype == FT_STRING
                         ? proto_tree_add_string(top(b), f->hf, b->v->tvb, start, len, "")
                         : proto_tree_add_bytes_with_length(top(b), f->hf, b->v->tvb, start, len, NULL, 0);
    proto_item_set_text(it, "%s: [redacted: %" G_GUINT64_FORMAT " bytes, SHA-256 %s...]",
                        proto_registrar_get_name(f->hf), n_bytes, prefix);
    return it;
}

static proto_item *add_leaf(const builder *b, const csvp_node *n)
{
    const csvp_field *f = csvp_field_of(n->member);
    proto_tree *t = top(b);
    tvbuff_t *tvb = b->v->tvb;
    gint start, len;
    range_of(b, n, &start, &len);
    bool scalar = n->kind == CSVP_N_UINT || n->kind == CSVP_N_INT || n->kind == CSVP_N_U64 || n->kind == CSVP_N_GUID;
    if (scalar && n->length == 0) {
        /* Decoding stopped before this value: say so rather than show a zero. */
        proto_item *it = NULL;
        proto_tree_add_subtree_format(t, tvb, start, 0, b->v->ett_text, &it, "%s: <missing>", name_of(n));
        return it;
    }
    if (!f)
        return add_text(b, n, start, len);
    if (n->kind == CSVP_N_NULL)
        return add_null(b, f, start, len);
    if (!b->v->show_secrets && (f->ftype == FT_STRING || f->ftype == FT_BYTES) && csvp_node_secret(n))
        return add_redacted(b, f, n, start, len);
    switch (f->ftype) {
    case FT_UINT8: case FT_UINT16: case FT_UINT32:
        /* A flag word gets one bit per named flag; its width must be on the wire. */
        if (f->bits && len == (f->ftype == FT_UINT8 ? 1 : f->ftype == FT_UINT16 ? 2 : 4)) {
            proto_item *it = proto_tree_add_bitmask_value(t, tvb, start, f->hf, f->ett, f->bits, uval(n));
            if (f->bit_alias_hf >= 0)   /* a corrected spelling of a flag, filterable, not shown */
                proto_item_set_hidden(proto_tree_add_boolean(proto_item_add_subtree(it, f->ett), f->bit_alias_hf, tvb,
                                                             start, len, (guint32)uval(n)));
            return it;
        }
        return proto_tree_add_uint(t, f->hf, tvb, start, len, (guint32)uval(n));
    case FT_UINT64:
        return proto_tree_add_uint64(t, f->hf, tvb, start, len, uval(n));
    case FT_BOOLEAN:
        return proto_tree_add_boolean(t, f->hf, tvb, start, len, uval(n) != 0);
    case FT_INT32:
        return proto_tree_add_int(t, f->hf, tvb, start, len, (gint32)uval(n));
    case FT_GUID: {
        e_guid_t guid = csvp_ws_guid_from_bytes(n->v.guid);
        return proto_tree_add_guid(t, f->hf, tvb, start, len, &guid);
    }
    case FT_STRING:
        return proto_tree_add_string(t, f->hf, tvb, start, len,
                                     n->kind == CSVP_N_STRING && n->v.str ? n->v.str : "");
    case FT_BYTES:
        if (n->kind == CSVP_N_BYTES)
            return proto_tree_add_bytes_with_length(t, f->hf, tvb, start, len, n->v.bytes.data,
                                                    (gint)n->v.bytes.len);
        return proto_tree_add_bytes_with_length(t, f->hf, tvb, start, len, NULL, 0);
    default:
        return proto_tree_add_item(t, f->hf, tvb, start, len, ENC_NA);
    }
}

/* An address sent as text ("10.20.0.11", "fe80::1%14"), also as a hidden FT_IPv4/FT_IPv6 item. */
static void add_address(const builder *b, const csvp_field *f, const csvp_node *n)
{
    char text[64];
    if (n->kind != CSVP_N_STRING || !n->v.str || strlen(n->v.str) >= sizeof text)
        return;
    g_strlcpy(text, n->v.str, sizeof text);
    text[strcspn(text, "%")] = '\0';   /* an IPv6 scope ID (RFC 4007 11) */
    gint start, len;
    range_of(b, n, &start, &len);
    ws_in4_addr v4;
    ws_in6_addr v6;
    proto_item *it = NULL;
    if (ws_inet_pton4(text, &v4))
        it = proto_tree_add_ipv4(top(b), f->hf_ipv4, b->v->tvb, start, len, v4);
    else if (ws_inet_pton6(text, &v6))
        it = proto_tree_add_ipv6(top(b), f->hf_ipv6, b->v->tvb, start, len, &v6);
    proto_item_set_hidden(it);
}

/* An ORPCTHIS/ORPCTHAT value also as Wireshark's DCOM field (hidden; fields.c checked the type). */
static void add_dcom(const builder *b, const csvp_field *f, const csvp_node *n)
{
    gint start, len;
    range_of(b, n, &start, &len);
    proto_item *it = NULL;
    if (f->ftype == FT_GUID && n->kind == CSVP_N_GUID) {
        e_guid_t guid = csvp_ws_guid_from_bytes(n->v.guid);
        it = proto_tree_add_guid(top(b), f->hf_dcom, b->v->tvb, start, len, &guid);
    } else if (f->ftype == FT_UINT16 || f->ftype == FT_UINT32) {
        it = proto_tree_add_uint(top(b), f->hf_dcom, b->v->tvb, start, len, (guint32)uval(n));
    }
    proto_item_set_hidden(it);
}

static void on_value(void *user, const csvp_node *n)
{
    builder *b = user;
    proto_item *it = add_leaf(b, n);
    const csvp_field *f = csvp_field_of(n->member);
    if (f && f->hf_ipv4 >= 0)
        add_address(b, f, n);
    if (f && f->hf_dcom >= 0 && n->length)
        add_dcom(b, f, n);
    if (f && f->hf_alias >= 0 && (f->ftype == FT_UINT8 || f->ftype == FT_UINT16 || f->ftype == FT_UINT32) &&
        n->length) {
        gint start, len;
        range_of(b, n, &start, &len);
        proto_item_set_hidden(proto_tree_add_uint(top(b), f->hf_alias, b->v->tvb, start, len, (guint32)uval(n)));
    }
    if (n->index >= 0)
        proto_item_append_text(it, " [%d]", n->index);
}

static void on_enter(void *user, const csvp_node *n)
{
    builder *b = user;
    const csvp_field *f = csvp_field_of(n->member);
    gint start, len;
    proto_item *it;
    range_of(b, n, &start, &len);
    if (f && (f->ftype == FT_NONE || f->ftype == FT_BYTES) && n->kind != CSVP_N_NULL) {
        it = add_leaf(b, n);
    } else if (f && f->hf_array >= 0 && n->kind != CSVP_N_NULL) {
        /* An array of scalars or strings: its elements carry the member's field. */
        it = proto_tree_add_item(top(b), f->hf_array, b->v->tvb, start, len, ENC_NA);
    } else {
        /* A member the tables do not list. */
        proto_tree_add_subtree_format(top(b), b->v->tvb, start, len, b->v->ett_text, &it, "%s", name_of(n));
    }
    if (n->index >= 0)
        proto_item_append_text(it, " [%d]", n->index);
    if (n->kind == CSVP_N_ARRAY) {
        /* Count the elements decoded: SAFEARRAYs of records carry no NDR counts of their own. */
        guint count = 0;
        for (const csvp_node *c = n->first; c; c = c->next)
            count += c->index >= 0;
        proto_item_append_text(it, " (%u element%s)", count, count == 1 ? "" : "s");
    }
    if (n->kind == CSVP_N_STRUCT) {
        GString *s = g_string_new(NULL);
        if (csvp_summary_value(s, n))   /* a disk: "DiskId: Signature 0x7A3C9E51" */
            proto_item_append_text(it, ": %s", s->str);
        else if (!f && n->type && n->type->kind == CSVP_K_STRUCT && n->type->name)
            proto_item_append_text(it, ": %s", n->type->name);  /* a decoded buffer: ADAPTERLIST2, ... */
        g_string_free(s, TRUE);
    }
    g_ptr_array_add(b->stack, proto_item_add_subtree(it, f ? f->ett : b->v->ett_text));
}

static void on_leave(void *user, const csvp_node *n)
{
    builder *b = user;
    g_ptr_array_set_size(b->stack, b->stack->len - 1);
}

static void on_problem(void *user, const csvp_problem *p)
{
    builder *b = user;
    guint64 cap = tvb_captured_length(b->v->tvb);
    gint start = (gint)MIN((guint64)b->v->stub_offset + p->offset, cap);
    /* Paths start at the parameter ("DiskId.DiskIdType"); an empty one is the stub as a whole. */
    const char *path = p->path[0] ? p->path : "stub";
    csvp_expert_item(g_ptr_array_index(b->stack, 0), b->v->pinfo, b->v->ei_malformed, b->v->tvb, start,
                     0, "Malformed %s at stub offset %u: %s", path, p->offset, p->message);
}

void csvp_proto_tree_build(const csvp_tree *t, proto_tree *tree, const csvp_proto_view *view)
{
    builder b = { .v = view, .stack = g_ptr_array_new() };
    g_ptr_array_add(b.stack, tree);
    if (!tree) {
        /* No tree wanted (a plain list pass): only the problems, which still count as expert infos. */
        for (guint i = 0; i < t->problems->len; i++)
            on_problem(&b, g_ptr_array_index(t->problems, i));
        g_ptr_array_free(b.stack, TRUE);
        return;
    }
    csvp_sink sink = { .enter = on_enter, .value = on_value, .leave = on_leave, .problem = on_problem,
                       .user = &b, .with_meta = true, .with_array_meta = true };
    csvp_tree_emit(t, &sink);
    g_ptr_array_free(b.stack, TRUE);
}
