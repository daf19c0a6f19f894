/* tables_check.c - each member's sibling references (size_is, length_is, switch_is) checked: a
 * sibling, of a shape that needs it, and, for parameters, the name the IDL attributes give. */
#include "tables_check.h"
#include "walker.h"

#include <string.h>

enum { ATTR_SIZE_IS, ATTR_LENGTH_IS, ATTR_SWITCH_IS, ATTR_N };
static const char *const attr_names[ATTR_N] = { "size_is", "length_is", "switch_is" };

static const csvp_member *reference(const csvp_member *m, int a)
{
    return a == ATTR_SIZE_IS ? m->size_is : a == ATTR_LENGTH_IS ? m->length_is : m->switch_is;
}

/* Whether the member's type needs attribute a: the array it is or points to is conformant
 * (size_is) or varying (length_is), C706 14.3.3; it is a non-encapsulated union (switch_is), 14.3.8. */
static bool needs(const csvp_type *t, int a)
{
    while (t && t->kind == CSVP_K_PTR)
        t = t->elem;
    if (!t)
        return false;
    switch (a) {
    case ATTR_SIZE_IS: return t->kind == CSVP_K_ARRAY && t->conformant;
    case ATTR_LENGTH_IS: return t->kind == CSVP_K_ARRAY && t->varying;
    default: return t->kind == CSVP_K_UNION;
    }
}

/* The names inside attribute a of the IDL text ("size_is( ,*pcbDihSize)" -> pcbDihSize), comma
 * separated as one string ("" when the attribute is absent). */
static char *attr_names_of(const char *attrs, int a)
{
    GString *names = g_string_new(NULL);
    gsize len = strlen(attr_names[a]);
    const char *p = attrs;
    while (p && (p = strstr(p, attr_names[a])) && p[len] != '(')
        p += len;
    const char *end = p ? strchr(p, ')') : NULL;
    if (end) {
        char *args = g_strndup(p + len + 1, (gsize)(end - p - len - 1));
        char **parts = g_strsplit(args, ",", -1);
        for (char **q = parts; *q; q++) {
            char *name = g_strstrip(g_strdelimit(*q, "*", ' '));
            if (*name)
                g_string_append_printf(names, "%s%s", names->len ? "," : "", name);
        }
        g_strfreev(parts);
        g_free(args);
    }
    return g_string_free(names, FALSE);
}

static guint report(GString *out, const csvp_member *m, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static guint report(GString *out, const csvp_member *m, const char *fmt, ...)
{
    va_list ap;
    g_string_append_printf(out, "%s.%s: ", m->owner, m->name);
    va_start(ap, fmt);
    g_string_append_vprintf(out, fmt, ap);
    va_end(ap);
    g_string_append_c(out, '\n');
    return 1;
}

/* The members of one parameter list or struct. with_attrs: parameters carry IDL attribute text. */
static guint check_members(const csvp_member *all, guint n, bool with_attrs, GString *out)
{
    guint bad = 0;
    for (guint i = 0; i < n; i++) {
        const csvp_member *m = &all[i];
        for (int a = 0; a < ATTR_N; a++) {
            const csvp_member *ref = reference(m, a);
            const char *name = attr_names[a];
            if (ref && (ref < all || ref >= all + n || ref == m)) {
                bad += report(out, m, "%s refers to %s.%s, which is no sibling", name, ref->owner, ref->name);
                continue;
            }
            /* Struct fields' conformant arrays are sized by expressions the walker reads as the
             * hoisted count (C706 14.3.7.2): only parameters and unions must state a reference. */
            if (ref && !needs(m->type, a))
                bad += report(out, m, "%s refers to %s, but the type has no %s", name, ref->name,
                              a == ATTR_SWITCH_IS ? "union" : a == ATTR_SIZE_IS ? "conformant array" : "varying array");
            else if (!ref && needs(m->type, a) && (with_attrs || a == ATTR_SWITCH_IS))
                bad += report(out, m, "the type needs %s, the member has none", name);
            if (!with_attrs)
                continue;
            char *idl = attr_names_of(m->attrs, a);
            if (strcmp(idl, ref ? ref->name : "") != 0)
                bad += report(out, m, "%s refers to %s, the IDL attributes name \"%s\"", name,
                              ref ? ref->name : "nothing", idl);
            g_free(idl);
        }
    }
    return bad;
}

guint csvp_method_check(const csvp_method *m, GString *out)
{
    guint bad = 0;
    for (; m; m = m->alt)
        bad += check_members(m->params, m->n_params, true, out);
    return bad;
}

guint csvp_tables_check(GString *out)
{
    guint bad = 0;
    size_t n_itf, n_types;
    const csvp_interface *const *itfs = csvp_interfaces(&n_itf);
    for (size_t i = 0; i < n_itf; i++)
        for (guint k = 0; k < itfs[i]->n_methods; k++)
            bad += csvp_method_check(&itfs[i]->methods[k], out);
    bad += csvp_method_check(&csvp_remqueryinterface, out);
    const csvp_type *const *types = csvp_named_types(&n_types);
    for (size_t i = 0; i < n_types; i++)
        if (types[i]->kind == CSVP_K_STRUCT)
            bad += check_members(types[i]->members, types[i]->n_members, false, out);
    return bad;
}
