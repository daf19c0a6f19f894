/* tree.c - arena for decoded nodes, paths, lookups and replay to a sink. */
#include "decoder_internal.h"
#include "walker.h"

#include <stddef.h>
#include <string.h>

#define BLOCK_NODES 256

static void problem_free(gpointer p)
{
    csvp_problem *pr = p;
    g_free(pr->path);
    g_free(pr->message);
    g_free(pr);
}

/* Trees come and go twice per call: a decoder keeps the last two freed for its next stubs. */
csvp_tree *csvp_tree_new_in(csvp_decoder *dec)
{
    /* One allocation for the tree and its first CSVP_INLINE_NODES nodes (nodes are cleared as they are used). */
    csvp_tree *t = NULL;
    for (guint i = 0; dec && !t && i < G_N_ELEMENTS(dec->spare); i++) {
        t = dec->spare[i];
        dec->spare[i] = NULL;
    }
    GPtrArray *problems = t ? t->problems : g_ptr_array_new_with_free_func(problem_free);
    if (!t)
        t = g_new(csvp_tree, 1);
    memset(t, 0, offsetof(csvp_tree, inline_nodes));
    t->problems = problems;
    t->owner = dec;
    t->block = t->inline_nodes;
    t->block_size = CSVP_INLINE_NODES;
    return t;
}

csvp_tree *csvp_tree_new(void)
{
    return csvp_tree_new_in(NULL);
}

static void tree_destroy(csvp_tree *t)
{
    g_ptr_array_free(t->problems, TRUE);
    g_free(t);
}

void csvp_tree_free(csvp_tree *t)
{
    if (!t)
        return;
    if (t->blocks)
        g_ptr_array_free(t->blocks, TRUE);
    if (t->strings)
        g_string_chunk_free(t->strings);
    for (guint i = 0; t->owner && i < G_N_ELEMENTS(t->owner->spare); i++)
        if (!t->owner->spare[i]) {
            g_ptr_array_set_size(t->problems, 0);
            t->owner->spare[i] = t;
            return;
        }
    tree_destroy(t);
}

csvp_decoder *csvp_decoder_new(void)
{
    return g_new0(csvp_decoder, 1);
}

void csvp_decoder_free(csvp_decoder *dec)
{
    if (!dec)
        return;
    for (guint i = 0; i < G_N_ELEMENTS(dec->spare); i++)
        if (dec->spare[i])
            tree_destroy(dec->spare[i]);
    if (dec->defer)
        g_array_free(dec->defer, TRUE);
    g_free(dec);
}

GStringChunk *csvp_tree_strings(csvp_tree *t)
{
    if (!t->strings)   /* most stubs hold no string: allocate on first use */
        t->strings = g_string_chunk_new(256);
    return t->strings;
}

/* csvp_tree_add sets every field of a node by hand: a field added to csvp_node must be set there
 * too, and this stops the build until the size below is updated with it (on 64-bit builds). */
G_STATIC_ASSERT(sizeof(void *) != 8 || sizeof(csvp_node) == 88);

csvp_node *csvp_tree_add(csvp_tree *t, csvp_node *parent, const csvp_member *m, const csvp_type *type,
                         csvp_node_kind kind, guint32 offset)
{
    if (t->used_in_block == t->block_size) {
        if (!t->blocks)
            t->blocks = g_ptr_array_new_with_free_func(g_free);
        t->block = g_new(csvp_node, BLOCK_NODES);
        t->block_size = BLOCK_NODES;
        g_ptr_array_add(t->blocks, t->block);
        t->used_in_block = 0;
    }
    csvp_node *n = &t->block[t->used_in_block++];
    /* Every field stored once (a new field must be set here too): memset and stores, or an
     * initialiser, became a rep stos over the 88 bytes and then the stores, for each node. */
    n->member = m;
    n->type = type;
    n->kind = kind;
    n->index = -1;
    n->offset = offset;
    n->length = 0;
    memset(&n->v, 0, sizeof n->v);
    n->max_count = n->actual_count = 0;
    n->parent = parent;
    n->first = n->last = n->next = NULL;
    t->n_nodes++;
    if (parent) {
        if (parent->last)
            parent->last->next = n;
        else
            parent->first = n;
        parent->last = n;
    }
    return n;
}

char *csvp_node_path(const csvp_node *n)
{
    GPtrArray *parts = g_ptr_array_new();
    for (const csvp_node *p = n; p; p = p->parent) {
        if (p->index >= 0)
            g_ptr_array_add(parts, g_strdup_printf("[%d]", p->index));
        else if (p->member)
            g_ptr_array_add(parts, g_strdup(p->member->name));
    }
    GString *s = g_string_new(NULL);
    for (guint i = parts->len; i-- > 0;) {
        const char *part = g_ptr_array_index(parts, i);
        if (s->len && part[0] != '[')
            g_string_append_c(s, '.');
        g_string_append(s, part);
        g_free(g_ptr_array_index(parts, i));
    }
    g_ptr_array_free(parts, TRUE);
    return g_string_free(s, FALSE);
}

void csvp_tree_problem(csvp_tree *t, const csvp_node *at, guint32 offset, const char *fmt, ...)
{
    csvp_problem *p = g_new0(csvp_problem, 1);
    va_list ap;
    va_start(ap, fmt);
    p->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    p->path = at ? csvp_node_path(at) : g_strdup("");
    p->offset = offset;
    g_ptr_array_add(t->problems, p);
}

const csvp_node *csvp_node_child(const csvp_node *n, const char *name)
{
    if (!n)
        return NULL;
    for (const csvp_node *c = n->first; c; c = c->next)
        if (c->member && c->index < 0 && strcmp(c->member->name, name) == 0)
            return c;
    return NULL;
}

const csvp_node *csvp_node_find(const csvp_node *n, const char *dotted)
{
    gchar **parts = g_strsplit(dotted, ".", -1);
    for (gchar **p = parts; n && *p; p++)
        n = csvp_node_child(n, *p);
    g_strfreev(parts);
    return n;
}

const char *csvp_node_value_name(const csvp_node *n)
{
    if (!n || n->kind != CSVP_N_UINT || !n->type)
        return NULL;
    if (n->type->kind == CSVP_K_HRESULT)
        return csvp_status_name((guint32)n->v.u);
    if (n->type->values)
        return csvp_name_lookup(n->type->values, n->type->n_values, (guint32)n->v.u);
    return NULL;
}

static bool skipped(const csvp_node *n, const csvp_sink *s)
{
    if (!n->member)
        return false;
    if (n->member->meta) {
        bool in_struct = !n->parent || n->parent->kind == CSVP_N_STRUCT;
        return in_struct ? !s->with_meta : !s->with_array_meta;
    }
    return s->without_return && n->member == &csvp_return_member;
}

static void emit_node(const csvp_node *n, const csvp_sink *s)
{
    if (skipped(n, s))
        return;
    bool container = n->kind == CSVP_N_STRUCT || n->kind == CSVP_N_ARRAY || (n->kind == CSVP_N_BYTES && n->first);
    if (!container) {
        s->value(s->user, n);
        return;
    }
    s->enter(s->user, n);
    for (const csvp_node *c = n->first; c; c = c->next)
        emit_node(c, s);
    s->leave(s->user, n);
}

void csvp_tree_emit(const csvp_tree *t, const csvp_sink *s)
{
    for (const csvp_node *c = t->root ? t->root->first : NULL; c; c = c->next)
        emit_node(c, s);
    if (s->problem)
        for (guint i = 0; i < t->problems->len; i++)
            s->problem(s->user, g_ptr_array_index(t->problems, i));
}
