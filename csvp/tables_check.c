/* tables_check.c - size_is, length_is and switch_is checked against siblings and IDL attributes. */
#include "tables_check.h"

#include <string.h>

enum { ATTR_SIZE_IS, ATTR_LENGTH_IS, ATTR_SWITCH_IS, ATTR_N };
static const char *const attr_names[ATTR_N] = { "size_is", "length_is", "switch_is" };

/* The type's own references, through pointers and array elements, per attribute (NULL-free arrays). */
static void type_facts(const csvp_type *t, GPtrArray *facts[ATTR_N])
{
    for (guint depth = 0; t && depth < 16; depth++) {
        if (t->kind == CSVP_K_ARRAY) {
            if (t->size_is && *t->size_is)
                g_ptr_array_add(facts[ATTR_SIZE_IS], (gpointer)t->size_is);
            if (t->length_is && *t->length_is)
                g_ptr_array_add(facts[ATTR_LENGTH_IS], (gpointer)t->length_is);
        } else if (t->kind == CSVP_K_UNION && t->switch_is && *t->switch_is) {
            g_ptr_array_add(facts[ATTR_SWITCH_IS], (gpointer)t->switch_is);
        }
        if (t->kind != CSVP_K_PTR && t->kind != CSVP_K_ARRAY)
            break;
        t = t->elem;
    }
}

/* "size_is( ,*pcbDihSize)" -> the names inside, without '*' and spaces; one attribute may appear once. */
static void attr_facts(const char *attrs, GPtrArray *facts[ATTR_N], GPtrArray *owned)
{
    for (int a = 0; attrs && a < ATTR_N; a++) {
        const char *p = attrs;
        gsize len = strlen(attr_names[a]);
        while ((p = strstr(p, attr_names[a])) && p[len] != '(')
            p += len;
        if (!p)
            continue;
        const char *end = strchr(p, ')');
        if (!end)
            continue;
        char *args = g_strndup(p + len + 1, (gsize)(end - p - len - 1));
        char **parts = g_strsplit(args, ",", -1);
        for (char **q = parts; *q; q++) {
            char *name = g_strdelimit(g_strstrip(*q), "*", ' ');
            g_strstrip(name);
            if (*name) {
                char *keep = g_strdup(name);
                g_ptr_array_add(owned, keep);
                g_ptr_array_add(facts[a], keep);
            }
        }
        g_strfreev(parts);
        g_free(args);
    }
}

static bool has(const GPtrArray *names, const char *name)
{
    for (guint i = 0; i < names->len; i++)
        if (strcmp(names->pdata[i], name) == 0)
            return true;
    return false;
}

static bool sibling(const csvp_member *all, guint n, const char *name)
{
    for (guint i = 0; i < n; i++)
        if (strcmp(all[i].name, name) == 0)
            return true;
    return false;
}

static guint report(GString *out, const char *owner, const char *member, const char *fmt, const char *a,
                    const char *name)
{
    g_string_append_printf(out, "%s.%s: ", owner, member);
    g_string_append_printf(out, fmt, a, name);
    g_string_append_c(out, '\n');
    return 1;
}

/* The members of one parameter list or struct. with_attrs: parameters carry IDL attribute text. */
static guint check_members(const char *owner, const csvp_member *all, guint n, bool with_attrs, GString *out)
{
    guint bad = 0;
    for (guint i = 0; i < n; i++) {
        const csvp_member *m = &all[i];
        GPtrArray *tf[ATTR_N], *af[ATTR_N], *owned = g_ptr_array_new_with_free_func(g_free);
        for (int a = 0; a < ATTR_N; a++) {
            tf[a] = g_ptr_array_new();
            af[a] = g_ptr_array_new();
        }
        type_facts(m->type, tf);
        if (with_attrs)
            attr_facts(m->attrs, af, owned);
        for (int a = 0; a < ATTR_N; a++) {
            for (guint k = 0; k < tf[a]->len; k++) {
                const char *name = tf[a]->pdata[k];
                if (!sibling(all, n, name))
                    bad += report(out, owner, m->name, "the type's %s names %s, which is no sibling", attr_names[a], name);
                else if (with_attrs && !has(af[a], name))
                    bad += report(out, owner, m->name, "the type's %s names %s, the IDL attributes do not",
                                  attr_names[a], name);
            }
            /* switch_is of a union parameter is not followed from the type here: only arrays' names. */
            for (guint k = 0; with_attrs && a != ATTR_SWITCH_IS && k < af[a]->len; k++)
                if (!has(tf[a], af[a]->pdata[k]))
                    bad += report(out, owner, m->name, "the IDL attributes' %s names %s, the type does not",
                                  attr_names[a], af[a]->pdata[k]);
        }
        for (int a = 0; a < ATTR_N; a++) {
            g_ptr_array_free(tf[a], TRUE);
            g_ptr_array_free(af[a], TRUE);
        }
        g_ptr_array_free(owned, TRUE);
    }
    return bad;
}

guint csvp_method_check(const csvp_method *m, GString *out)
{
    guint bad = 0;
    for (; m; m = m->alt)
        bad += check_members(m->name, m->params, m->n_params, true, out);
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
    const csvp_type *const *types = csvp_named_types(&n_types);
    for (size_t i = 0; i < n_types; i++)
        if (types[i]->kind == CSVP_K_STRUCT)
            bad += check_members(types[i]->name, types[i]->members, types[i]->n_members, false, out);
    return bad;
}
