/* text_sink.c - a csvp_sink printing "name = value" lines: numbers in decimal
 * and hex, enum and status names, flag words with their set bits, strings
 * quoted, short buffers in hex. */
#include "fmt.h"
#include "text_sink.h"
#include "secret.h"
#include "summary.h"

#define HEX_PREVIEW 32

typedef struct tctx {
    GString *out;
    int depth;
    bool show_secrets;
    guint hidden;    /* inside a redacted value: its depth (its parts are not printed) */
} tctx;

/* True when n is a secret to redact: prints its stand-in and hides its parts. */
static bool redacted(tctx *c, const csvp_node *n, bool container)
{
    if (c->show_secrets || !csvp_node_secret(n))
        return false;
    guint64 len;
    char prefix[9];
    csvp_secret_digest(n, &len, prefix);
    csvp_append_printf(c->out, " = <redacted: %" G_GUINT64_FORMAT " bytes, sha256 %s...> (--show-secrets shows it)\n",
                       len, prefix);
    c->hidden = container;
    return true;
}

static void label(tctx *c, const csvp_node *n)
{
    csvp_append_printf(c->out, "%*s", 2 * c->depth, "");
    if (n->index >= 0)
        csvp_append_printf(c->out, "[%d]", n->index);
    else
        /* A buffer's children are its decoded format and, with -v, its SAFEARRAY header fields (meta). */
        csvp_gs_puts(c->out, n->parent && n->parent->kind == CSVP_N_BYTES && !n->member->meta ? "decoded"
                                                                                            : n->member->name);
}

static void flags(GString *out, const csvp_node *n)
{
    const csvp_type *t = n->type;
    csvp_gs_puts(out, " [");
    bool first = true;
    for (guint i = 0; i < t->n_flags; i++)
        if (t->flags[i].value && (n->v.u & t->flags[i].value) == t->flags[i].value) {
            csvp_append_printf(out, "%s%s", first ? "" : "|", t->flags[i].name);
            first = false;
        }
    g_string_append_c(out, ']');
}

static void bytes(GString *out, const csvp_node *n)
{
    guint32 shown = MIN(n->v.bytes.len, HEX_PREVIEW);
    for (guint32 i = 0; i < shown; i++)
        csvp_append_printf(out, "%02x", n->v.bytes.data[i]);
    if (shown < n->v.bytes.len)
        csvp_gs_puts(out, "...");
    csvp_append_printf(out, " (%u bytes)", n->v.bytes.len);
}

static void on_value(void *user, const csvp_node *n)
{
    tctx *c = user;
    if (c->hidden)
        return;
    label(c, n);
    if (redacted(c, n, false))
        return;
    csvp_gs_puts(c->out, " = ");
    const char *name = csvp_node_value_name(n);
    if (n->kind == CSVP_N_UINT && n->type && n->type->flags) {
        csvp_append_printf(c->out, "0x%08" G_GINT64_MODIFIER "x", n->v.u);
        flags(c->out, n);
    } else if (n->kind == CSVP_N_UINT && name) {
        csvp_append_printf(c->out, "%s (0x%" G_GINT64_MODIFIER "x)", name, n->v.u);
    } else if (n->kind == CSVP_N_UINT && n->v.u > 9) {
        csvp_append_printf(c->out, "%" G_GUINT64_FORMAT " (0x%" G_GINT64_MODIFIER "x)", n->v.u, n->v.u);
    } else if (n->kind == CSVP_N_BYTES) {
        bytes(c->out, n);
    } else {
        csvp_summary_value(c->out, n);
    }
    g_string_append_c(c->out, '\n');
}

static void on_enter(void *user, const csvp_node *n)
{
    tctx *c = user;
    if (c->hidden) {
        c->hidden++;
        return;
    }
    label(c, n);
    if (redacted(c, n, true))
        return;
    if (n->kind == CSVP_N_BYTES) {
        csvp_gs_puts(c->out, " = ");
        bytes(c->out, n);
    } else if (n->kind == CSVP_N_ARRAY) {
        csvp_gs_puts(c->out, " ");
        csvp_summary_value(c->out, n);
    }
    g_string_append_c(c->out, '\n');
    c->depth++;
}

static void on_leave(void *user, const csvp_node *n)
{
    tctx *c = user;
    if (c->hidden) {
        c->hidden--;
        return;
    }
    c->depth--;
}

static void on_problem(void *user, const csvp_problem *p)
{
    tctx *c = user;
    csvp_append_printf(c->out, "%*serror: %s at offset %u: %s\n", 2 * c->depth, "", *p->path ? p->path : "stub",
                           p->offset, p->message);
}

void text_params(GString *out, const csvp_tree *t, int indent, bool verbose, bool show_secrets)
{
    tctx c = { out, indent / 2, show_secrets, 0 };
    if (t->layout)   /* the method's other layout decoded this stub (csvp/ERRATA.md) */
        csvp_append_printf(out, "%*slayout: %s\n", indent, "", t->layout);
    csvp_sink s = { .enter = on_enter, .value = on_value, .leave = on_leave, .problem = on_problem, .user = &c,
                    .with_meta = verbose, .with_array_meta = verbose };
    csvp_tree_emit(t, &s);
}
