/* names_check.c - every name the JSON writer copies unescaped, checked against JSON's quoting. */
#include "names_check.h"
#include "walker.h"

bool csvp_name_json_safe(const char *s)
{
    for (const guchar *c = (const guchar *)s; *c; c++)
        if (*c < 0x20 || *c > 0x7e || *c == '"' || *c == '\\')
            return false;
    return true;
}

static guint check(GString *out, const char *what, const char *name)
{
    if (!name || csvp_name_json_safe(name))
        return 0;
    g_string_append_printf(out, "%s name \"%s\" needs JSON escapes\n", what, name);
    return 1;
}

static guint check_values(const csvp_name *v, guint n, const char *what, GString *out)
{
    guint bad = 0;
    for (guint i = 0; i < n; i++)
        bad += check(out, what, v[i].name);
    return bad;
}

/* A type and what it reaches; seen stops at types already checked (and at recursive ones). */
static guint check_type(const csvp_type *t, GHashTable *seen, GString *out)
{
    guint bad = 0;
    for (; t && g_hash_table_add(seen, (gpointer)t); t = t->elem) {
        bad += check_values(t->values, t->n_values, "value", out);
        bad += check_values(t->flags, t->n_flags, "flag", out);
        for (guint i = 0; i < t->n_members; i++) {
            bad += check(out, "member", t->members[i].name);
            bad += check_type(t->members[i].type, seen, out);
        }
    }
    return bad;
}

static guint method_names(const csvp_method *m, GHashTable *seen, GString *out)
{
    guint bad = 0;
    for (; m; m = m->alt) {
        bad += check(out, "method", m->name);
        for (guint i = 0; i < m->n_params; i++) {
            bad += check(out, "parameter", m->params[i].name);
            bad += check_type(m->params[i].type, seen, out);
        }
    }
    return bad;
}

guint csvp_method_names_check(const csvp_method *m, GString *out)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    guint bad = method_names(m, seen, out);
    g_hash_table_destroy(seen);
    return bad;
}

guint csvp_names_check(GString *out)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    guint bad = 0;
    size_t n_itf, n_types, n;
    const csvp_interface *const *itfs = csvp_interfaces(&n_itf);
    for (size_t i = 0; i < n_itf; i++) {
        bad += check(out, "interface", itfs[i]->name);
        for (guint k = 0; k < itfs[i]->n_methods; k++)
            bad += method_names(&itfs[i]->methods[k], seen, out);
    }
    bad += method_names(&csvp_remqueryinterface, seen, out);
    const csvp_type *const *types = csvp_named_types(&n_types);
    for (size_t i = 0; i < n_types; i++)
        bad += check_type(types[i], seen, out);
    const csvp_name *v = csvp_status_table(&n);
    bad += check_values(v, (guint)n, "status", out);
    v = csvp_fault_table(&n);
    bad += check_values(v, (guint)n, "fault", out);
    g_hash_table_destroy(seen);
    return bad;
}
