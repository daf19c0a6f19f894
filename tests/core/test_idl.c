/* test_idl.c - the csvp tables against section 6 of the spec: csvp/ms-csvp.idl
 * (revision 19.0) and csvp/ms-csvp-rev34.idl (revision 34.0).
 *
 * Parses the IDL (interfaces with their uuid, base interface, methods and
 * parameter lists, coclasses, typedef'd structs, unions and enums) and checks,
 * in order: every interface name and UUID, every method name by opnum (0-2 are
 * IUnknown; a derived interface's declarations count on from its base's, whose
 * opnums it repeats), every parameter's name, direction, attribute list and
 * type text (compared with whitespace removed), each interface's CLSID where a
 * coclass names it, and every field, union arm and enum value of the section
 * 2.2 types. The tables follow revision 34; against revision 19 they also hold
 * what 34 added (interfaces, methods and types marked revision 34, which must
 * all be absent from the 19.0 IDL) and what 34 changed. Every difference
 * allowed is one entry of the allowlists below, each tied to its revision.
 *
 * usage: test_idl 19|34 path/to/ms-csvp[-rev34].idl
 */
#include "check.h"
#include "ndr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rev;                 /* 19 or 34: the revision of the IDL being checked */
static const char *idl_file;

static void fail(int line, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void fail(int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    check_fail(idl_file, line, "%s", msg);
    g_free(msg);
}

/* ---- known, documented deviations (csvp/ERRATA.md), each for the revision whose IDL has it ---- */

/* IClusterFirewall (19.0): the published uuid's last group has 11 hex digits (...F6D8DEAEAF8); the tables
 * use ...-F6D8DEAEAFC8, the UUID section 2.1 gives, Windows registers and 34.0 publishes. */
static const struct { int rev; const char *itf, *idl_uuid, *table_uuid; } uuid_errata[] = {
    { 19, "IClusterFirewall", "F1D6C29C-8FBE-4691-8724-F6D8DEAEAF8", "f1d6c29c-8fbe-4691-8724-f6d8deaeafc8" },
};
/* CprepCheckNetFtBindings3 (19.0): the IDL's parameter list is the bare word HRESULT; method section 3.4.4.2
 * and the 34.0 IDL declare it void, so the tables have no parameters. */
static const struct { int rev; const char *method; } bare_hresult_params[] = { { 19, "CprepCheckNetFtBindings3" } };
/* ADD_ROUTES_REQUEST (19.0): section 6 names the first field remoteVirtualIP; 2.2.19 and the 34.0 IDL name
 * it localVirtualIP, which the tables use. */
static const struct { int rev; const char *type, *idl_name, *table_name; } field_errata[] = {
    { 19, "ADD_ROUTES_REQUEST", "remoteVirtualIP", "localVirtualIP" },
};
/* What 34.0 changed in declarations of 19.0 (csvp-revisions.md): the tables follow 34.0. A parameter
 * renamed (the table member keeps the old name as its alias), `small` become BOOLEAN (one octet either
 * way), and the size_is of CprepCreateNewSmbShares3 moved to the second pointer level (both layouts
 * are decoded: ERRATA.md). */
static const struct { int rev; const char *method, *idl_name, *table_name; } param_name_errata[] = {
    { 19, "CprepPrepareNodePhase2", "AttachDisksOnSystemBus", "Flags" },
};
static const struct { int rev; const char *method, *param, *idl_type, *table_type; } param_type_errata[] = {
    { 19, "GetIpConfigSerialized", "ApplyClusterFilter", "small", "BOOLEAN" },
    { 19, "QueryFirewallConfiguration", "serverRulesEnabled", "small*", "BOOLEAN*" },
    { 19, "QueryFirewallConfiguration", "mgmtRulesEnabled", "small*", "BOOLEAN*" },
    { 19, "GetNextAdapterFirewallConfiguration", "serverRulesEnabled", "small*", "BOOLEAN*" },
    { 19, "GetNextAdapterFirewallConfiguration", "managementRulesEnabled", "small*", "BOOLEAN*" },
    { 19, "GetNextAdapterFirewallConfiguration", "commonRulesEnabled", "small*", "BOOLEAN*" },
};
static const struct { int rev; const char *method, *param, *idl_attrs, *table_attrs; } param_attrs_errata[] = {
    { 19, "CprepCreateNewSmbShares3", "ppwszSharePaths", "out, string, size_is(*pdwNumberOfPaths)",
      "out, string, size_is(,*pdwNumberOfPaths)" },
};
/* Method names (34.0): section 6 spells two methods otherwise than their section 3 headings and tables,
 * whose spelling the tables use; the tables keep section 6's as the method's idl_name. */
static const struct { int rev; const char *idl_name, *table_name; } method_name_errata[] = {
    { 34, "ConfigClusterCerV2", "ConfigClusterCertV2" },
    { 34, "GenerateClusterNetworkhLog", "GenerateClusterNetworkLog" },
};
/* CPREP_DISKID (34.0): the union got the name DiskId; the tables keep it anonymous, so its arm stays a
 * field of the struct (json-output.md: "A union contributes its selected arm as a key"). */
static const struct { int rev; const char *type, *union_name; } union_name_errata[] = {
    { 34, "CPREP_DISKID", "DiskId" },
};
/* The typedefs 34.0 added (2.2.23-2.2.28; 2.2.27 is a byte layout, not IDL). */
static const char *const types_added_in_34[] = {
    "DiskMediaType", "ClusterLogExFlag", "ClusterLogType", "CLUSTER_CERTTYPE", "CLUSTER_CERT",
};

/* ---- tokens ---- */

typedef struct tok {
    char *s;
    int line;
} tok;

static GArray *tokenize(const char *text)
{
    GArray *toks = g_array_new(FALSE, FALSE, sizeof(tok));
    int line = 1;
    bool bol = true;
    for (const char *p = text; *p;) {
        if (*p == '\n') {
            line++;
            bol = true;
            p++;
        } else if (g_ascii_isspace(*p)) {
            p++;
        } else if (bol && *p == '#') {            /* preprocessor line */
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            for (const char *q = p; q < (e ? e : p + strlen(p)); q++)
                line += *q == '\n';
            p = e ? e + 2 : p + strlen(p);
        } else if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
        } else {
            const char *s = p;
            bol = false;
            if (g_ascii_isalnum(*p) || *p == '_') {
                while (g_ascii_isalnum(*p) || *p == '_')
                    p++;
            } else if (*p == '"') {
                for (p++; *p && *p != '"'; p++)
                    ;
                if (*p)
                    p++;
            } else {
                p++;
            }
            tok t = { g_strndup(s, (gsize)(p - s)), line };
            g_array_append_val(toks, t);
        }
    }
    return toks;
}

typedef struct cursor {
    GArray *toks;
    guint i;
} cursor;

static const char *peek(const cursor *c, guint k)
{
    return c->i + k < c->toks->len ? g_array_index(c->toks, tok, c->i + k).s : "";
}

static int line_of(const cursor *c)
{
    return c->i < c->toks->len ? g_array_index(c->toks, tok, c->i).line : 0;
}

static bool is(const cursor *c, const char *s)
{
    return strcmp(peek(c, 0), s) == 0;
}

static bool is_ident(const char *s)
{
    return g_ascii_isalpha(s[0]) || s[0] == '_';
}

/* Tokens from an opening bracket to its match, joined without whitespace (the brackets left out). */
static char *group(cursor *c, const char *open, const char *close)
{
    GString *s = g_string_new(NULL);
    int depth = 0;
    do {
        if (is(c, open))
            depth++;
        else if (is(c, close))
            depth--;
        g_string_append(s, peek(c, 0));
        c->i++;
    } while (depth > 0 && c->i < c->toks->len);
    g_string_erase(s, 0, (gssize)strlen(open));  /* drop the outer brackets */
    if (s->len >= strlen(close))
        g_string_truncate(s, s->len - strlen(close));
    return g_string_free(s, FALSE);
}

/* ---- declarations: "[attrs] type tokens name [N]" ---- */

typedef struct decl {
    char *attrs;    /* "" when none */
    char *type;     /* type tokens joined, with any array suffix */
    char *name;
    int line;
    GPtrArray *arms; /* union members: decls whose attrs are case(...) */
} decl;

static void decl_free(gpointer p)
{
    decl *d = p;
    g_free(d->attrs);
    g_free(d->type);
    g_free(d->name);
    if (d->arms)
        g_ptr_array_free(d->arms, TRUE);
    g_free(d);
}

static GPtrArray *struct_body(cursor *c);

/* Parse one declaration ending before `end1`/`end2` at depth 0 (which is not consumed). */
static decl *declaration(cursor *c, const char *end1, const char *end2)
{
    decl *d = g_new0(decl, 1);
    d->line = line_of(c);
    d->attrs = is(c, "[") ? group(c, "[", "]") : g_strdup("");
    if (is(c, "union")) {
        c->i++;
        if (!is(c, "{"))
            c->i++; /* the union's tag (34.0: "union DiskId {") */
        d->type = g_strdup("union");
        d->arms = struct_body(c);
    }
    GPtrArray *parts = g_ptr_array_new();
    int depth = 0;
    while (c->i < c->toks->len && !(depth == 0 && (is(c, end1) || is(c, end2)))) {
        if (is(c, "(") || is(c, "["))
            depth++;
        else if (is(c, ")") || is(c, "]"))
            depth--;
        g_ptr_array_add(parts, (gpointer)peek(c, 0));
        c->i++;
    }
    /* The name is the last identifier, or the one before an array suffix "[N]". */
    guint name_at = parts->len;
    for (guint k = parts->len; k-- > 0;)
        if (is_ident(g_ptr_array_index(parts, k)) && !(k > 0 && strcmp(g_ptr_array_index(parts, k - 1), "[") == 0)) {
            name_at = k;
            break;
        }
    GString *type = g_string_new(d->type);
    for (guint k = 0; k < parts->len; k++)
        if (k != name_at)
            g_string_append(type, g_ptr_array_index(parts, k));
    g_free(d->type);
    d->type = g_string_free(type, FALSE);
    d->name = g_strdup(name_at < parts->len ? (const char *)g_ptr_array_index(parts, name_at) : "");
    g_ptr_array_free(parts, TRUE);
    return d;
}

/* "{ decl; decl; ... }" */
static GPtrArray *struct_body(cursor *c)
{
    GPtrArray *fields = g_ptr_array_new_with_free_func(decl_free);
    c->i++; /* { */
    while (c->i < c->toks->len && !is(c, "}")) {
        g_ptr_array_add(fields, declaration(c, ";", ";"));
        c->i++; /* ; */
    }
    c->i++; /* } */
    return fields;
}

/* ---- the parsed IDL ---- */

typedef struct method {
    char *name;
    int line;
    GPtrArray *params; /* of decl */
} method;

typedef struct itf {
    char *name, *uuid, *clsid, *base;
    int line;
    GPtrArray *methods;
} itf;

typedef struct typedef_ {
    char *name;
    bool is_enum;
    int line;
    GPtrArray *fields;            /* structs: decls */
    GArray *values;               /* enums: csvp_name, names owned */
} typedef_;

typedef struct idl {
    GPtrArray *itfs, *types;
} idl;

static void parse_interface(cursor *c, itf *it)
{
    c->i++; /* { */
    while (c->i < c->toks->len && !is(c, "}")) {
        if (is(c, "[")) {                         /* helpstring(...) */
            g_free(group(c, "[", "]"));
            continue;
        }
        if (!is(c, "HRESULT") || strcmp(peek(c, 2), "(") != 0) {
            fail(line_of(c), "unexpected '%s' in interface %s", peek(c, 0), it->name);
            c->i++;
            continue;
        }
        method *m = g_new0(method, 1);
        m->name = g_strdup(peek(c, 1));
        m->line = line_of(c);
        m->params = g_ptr_array_new_with_free_func(decl_free);
        c->i += 3;
        while (c->i < c->toks->len && !is(c, ")")) {
            g_ptr_array_add(m->params, declaration(c, ",", ")"));
            if (is(c, ","))
                c->i++;
        }
        c->i++; /* ) */
        if (is(c, ";"))
            c->i++;
        g_ptr_array_add(it->methods, m);
    }
    c->i++; /* } */
}

static char *uuid_of(const char *attrs)
{
    const char *u = strstr(attrs, "uuid(");
    if (!u)
        return NULL;
    const char *e = strchr(u, ')');
    return e ? g_strndup(u + 5, (gsize)(e - u - 5)) : NULL;
}

static void parse_enum(cursor *c, typedef_ *t)
{
    guint32 next = 0;
    t->values = g_array_new(FALSE, FALSE, sizeof(csvp_name));
    c->i++; /* { */
    while (c->i < c->toks->len && !is(c, "}")) {
        csvp_name v = { next, g_strdup(peek(c, 0)) };
        c->i++;
        if (is(c, "=")) {
            v.value = (guint32)g_ascii_strtoull(peek(c, 1), NULL, 0);
            c->i += 2;
        }
        next = v.value + 1;
        g_array_append_val(t->values, v);
        if (is(c, ","))
            c->i++;
    }
    c->i++; /* } */
}

static idl *parse(GArray *toks)
{
    idl *p = g_new0(idl, 1);
    p->itfs = g_ptr_array_new();
    p->types = g_ptr_array_new();
    cursor c = { toks, 0 };
    char *attrs = NULL;
    while (c.i < toks->len) {
        if (is(&c, "[")) {
            g_free(attrs);
            attrs = group(&c, "[", "]");
        } else if (is(&c, "typedef") && (strcmp(peek(&c, 1), "struct") == 0 || strcmp(peek(&c, 1), "enum") == 0)) {
            typedef_ *t = g_new0(typedef_, 1);
            t->is_enum = strcmp(peek(&c, 1), "enum") == 0;
            t->line = line_of(&c);
            c.i += 2;
            if (!is(&c, "{"))
                c.i++; /* the tag */
            if (t->is_enum)
                parse_enum(&c, t);
            else
                t->fields = struct_body(&c);
            t->name = g_strdup(peek(&c, 0));
            while (c.i < toks->len && !is(&c, ";"))
                c.i++;
            c.i++;
            g_ptr_array_add(p->types, t);
        } else if (is(&c, "interface") && strcmp(peek(&c, 2), ":") == 0) {
            itf *it = g_new0(itf, 1);
            it->name = g_strdup(peek(&c, 1));
            it->base = g_strdup(peek(&c, 3));
            it->line = line_of(&c);
            it->uuid = attrs ? uuid_of(attrs) : NULL;
            it->methods = g_ptr_array_new();
            c.i += 4;
            parse_interface(&c, it);
            g_ptr_array_add(p->itfs, it);
        } else if (is(&c, "coclass")) {
            char *clsid = attrs ? uuid_of(attrs) : NULL;
            /* body: [default] interface NAME; */
            while (c.i < toks->len && !is(&c, "}")) {
                if (is(&c, "interface"))
                    for (guint k = 0; k < p->itfs->len; k++) {
                        itf *it = g_ptr_array_index(p->itfs, k);
                        if (strcmp(it->name, peek(&c, 1)) == 0)
                            it->clsid = g_strdup(clsid);
                    }
                c.i++;
            }
            g_free(clsid);
            c.i++;
        } else {
            c.i++;
        }
    }
    g_free(attrs);
    return p;
}

static void idl_free(idl *p, GArray *toks)
{
    for (guint i = 0; i < p->itfs->len; i++) {
        itf *it = g_ptr_array_index(p->itfs, i);
        for (guint k = 0; k < it->methods->len; k++) {
            method *m = g_ptr_array_index(it->methods, k);
            g_ptr_array_free(m->params, TRUE);
            g_free(m->name);
            g_free(m);
        }
        g_ptr_array_free(it->methods, TRUE);
        g_free(it->name);
        g_free(it->uuid);
        g_free(it->clsid);
        g_free(it->base);
        g_free(it);
    }
    for (guint i = 0; i < p->types->len; i++) {
        typedef_ *t = g_ptr_array_index(p->types, i);
        if (t->fields)
            g_ptr_array_free(t->fields, TRUE);
        for (guint k = 0; t->values && k < t->values->len; k++)
            g_free((char *)g_array_index(t->values, csvp_name, k).name);
        if (t->values)
            g_array_free(t->values, TRUE);
        g_free(t->name);
        g_free(t);
    }
    g_ptr_array_free(p->itfs, TRUE);
    g_ptr_array_free(p->types, TRUE);
    g_free(p);
    for (guint i = 0; i < toks->len; i++)
        g_free(g_array_index(toks, tok, i).s);
    g_array_free(toks, TRUE);
}

/* ---- comparisons ---- */

static char *squeeze(const char *s)
{
    GString *o = g_string_new(NULL);
    for (; s && *s; s++)
        if (!g_ascii_isspace(*s))
            g_string_append_c(o, *s);
    return g_string_free(o, FALSE);
}

static bool same_text(const char *idl_text, const char *table_text)
{
    char *a = squeeze(idl_text), *b = squeeze(table_text);
    bool eq = strcmp(a, b) == 0;
    g_free(a);
    g_free(b);
    return eq;
}

static int direction(const char *attrs)
{
    int d = 0;
    gchar **parts = g_strsplit(attrs, ",", -1);
    for (gchar **p = parts; *p; p++) {
        if (strcmp(*p, "in") == 0)
            d |= CSVP_IN;
        if (strcmp(*p, "out") == 0)
            d |= CSVP_OUT;
    }
    g_strfreev(parts);
    return d;
}

static bool bare_hresult(const char *meth)
{
    for (size_t e = 0; e < G_N_ELEMENTS(bare_hresult_params); e++)
        if (bare_hresult_params[e].rev == rev && strcmp(bare_hresult_params[e].method, meth) == 0)
            return true;
    return false;
}

/* The IDL's name of a parameter as the tables should have it. */
static const char *expected_param(const char *meth, const char *idl_name)
{
    for (size_t e = 0; e < G_N_ELEMENTS(param_name_errata); e++)
        if (param_name_errata[e].rev == rev && strcmp(param_name_errata[e].method, meth) == 0 &&
            strcmp(param_name_errata[e].idl_name, idl_name) == 0)
            return param_name_errata[e].table_name;
    return idl_name;
}

static bool type_erratum(const char *meth, const char *param, const char *idl_type, const char *table_type)
{
    for (size_t e = 0; e < G_N_ELEMENTS(param_type_errata); e++)
        if (param_type_errata[e].rev == rev && strcmp(param_type_errata[e].method, meth) == 0 &&
            strcmp(param_type_errata[e].param, param) == 0 && same_text(idl_type, param_type_errata[e].idl_type) &&
            same_text(table_type, param_type_errata[e].table_type))
            return true;
    return false;
}

static bool attrs_erratum(const char *meth, const char *param, const char *idl_attrs, const char *table_attrs)
{
    for (size_t e = 0; e < G_N_ELEMENTS(param_attrs_errata); e++)
        if (param_attrs_errata[e].rev == rev && strcmp(param_attrs_errata[e].method, meth) == 0 &&
            strcmp(param_attrs_errata[e].param, param) == 0 && same_text(idl_attrs, param_attrs_errata[e].idl_attrs) &&
            same_text(table_attrs, param_attrs_errata[e].table_attrs))
            return true;
    return false;
}

static void check_params(const method *m, const csvp_method *tm)
{
    GPtrArray *ps = m->params;
    if (bare_hresult(m->name)) {
        const decl *d = ps->len == 1 ? g_ptr_array_index(ps, 0) : NULL;
        if (!d || strcmp(d->name, "HRESULT") != 0 || *d->attrs || tm->n_params != 0)
            fail(m->line, "%s: the allowlisted bare HRESULT parameter list changed", m->name);
        return;
    }
    guint n = ps->len;
    if (n == 1) {   /* "( void )": no parameters */
        const decl *d = g_ptr_array_index(ps, 0);
        if (strcmp(d->name, "void") == 0 && !*d->type && !*d->attrs)
            n = 0;
    }
    if (n != tm->n_params) {
        fail(m->line, "%s: %u parameters in the IDL, %u in the tables", m->name, n, tm->n_params);
        return;
    }
    for (guint k = 0; k < n; k++) {
        const decl *d = g_ptr_array_index(ps, k);
        const csvp_member *p = &tm->params[k];
        const char *want = expected_param(tm->name, d->name);
        if (strcmp(want, p->name) != 0)
            fail(d->line, "%s parameter %u: IDL %s, tables %s", m->name, k, d->name, p->name);
        if (want != d->name && (!p->alias || strcmp(p->alias, d->name) != 0))
            fail(d->line, "%s.%s: renamed in the tables without the alias %s", m->name, p->name, d->name);
        if (direction(d->attrs) != p->dir)
            fail(d->line, "%s.%s: direction [%s] in the IDL, %d in the tables", m->name, d->name, d->attrs, p->dir);
        if (!same_text(d->attrs, p->attrs) && !attrs_erratum(tm->name, p->name, d->attrs, p->attrs))
            fail(d->line, "%s.%s: attributes [%s] in the IDL, [%s] in the tables", m->name, d->name, d->attrs,
                 p->attrs);
        if (!same_text(d->type, p->idl_type) && !type_erratum(tm->name, p->name, d->type, p->idl_type))
            fail(d->line, "%s.%s: type %s in the IDL, %s in the tables", m->name, d->name, d->type, p->idl_type);
        if (strcmp(p->owner, tm->name) != 0)
            fail(d->line, "%s.%s: the tables' owner is %s", m->name, d->name, p->owner);
    }
}

/* The IDL's method name matches the table's: the same, or an allowlisted spelling kept as idl_name. */
static bool same_method_name(const char *idl_name, const csvp_method *tm)
{
    if (strcmp(idl_name, tm->name) == 0)
        return !tm->idl_name;
    for (size_t e = 0; e < G_N_ELEMENTS(method_name_errata); e++)
        if (method_name_errata[e].rev == rev && strcmp(method_name_errata[e].idl_name, idl_name) == 0 &&
            strcmp(method_name_errata[e].table_name, tm->name) == 0)
            return tm->idl_name && strcmp(tm->idl_name, idl_name) == 0;
    return false;
}

static const itf *find_itf(const idl *p, const char *name)
{
    for (guint i = 0; i < p->itfs->len; i++) {
        const itf *it = g_ptr_array_index(p->itfs, i);
        if (strcmp(it->name, name) == 0)
            return it;
    }
    return NULL;
}

/* Opnums an interface inherits: 3 for IUnknown, plus its bases' declarations. */
static guint first_opnum(const idl *p, const itf *it)
{
    guint n = 3;
    for (const itf *b = find_itf(p, it->base); b; b = find_itf(p, b->base))
        n += b->methods->len;
    return n;
}

static void check_interface(const idl *p, const itf *it, const csvp_interface *ti)
{
    bool uuid_ok = it->uuid && g_ascii_strcasecmp(it->uuid, ti->uuid) == 0;
    for (size_t e = 0; !uuid_ok && e < G_N_ELEMENTS(uuid_errata); e++)
        uuid_ok = uuid_errata[e].rev == rev && strcmp(uuid_errata[e].itf, it->name) == 0 && it->uuid &&
                  strcmp(uuid_errata[e].idl_uuid, it->uuid) == 0 && strcmp(uuid_errata[e].table_uuid, ti->uuid) == 0;
    if (!uuid_ok)
        fail(it->line, "%s: uuid %s in the IDL, %s in the tables", it->name, it->uuid ? it->uuid : "(none)", ti->uuid);
    if (it->clsid && (!ti->clsid || g_ascii_strcasecmp(it->clsid, ti->clsid) != 0))
        fail(it->line, "%s: coclass uuid %s in the IDL, clsid %s in the tables", it->name, it->clsid,
             ti->clsid ? ti->clsid : "(none)");
    guint first = first_opnum(p, it), end = first + it->methods->len;
    /* Against 19.0 the tables may go on past the IDL's last opnum, with methods of 34.0 only. */
    guint table_end = ti->n_methods;
    if (rev == 19)
        while (table_end > end && ti->methods[table_end - 1].revision == 34)
            table_end--;
    if (end != table_end)
        fail(it->line, "%s: opnums up to %u in the IDL, %u in the tables", it->name, end - 1, table_end - 1);
    for (guint op = 0; op < 3 && op < ti->n_methods; op++)
        if (!ti->methods[op].iunknown || ti->methods[op].opnum != op)
            fail(it->line, "%s: opnum %u is not an IUnknown method in the tables", it->name, op);
    /* Inherited opnums: the base's methods, with the same parameter lists. */
    const itf *base = find_itf(p, it->base);
    const csvp_interface *tb = base ? csvp_interface_by_name(base->name) : NULL;
    if (base && !tb)
        fail(it->line, "%s: base %s is not in the tables", it->name, it->base);
    for (guint op = 3; tb && op < first && op < ti->n_methods; op++) {
        const csvp_method *tm = &ti->methods[op], *bm = csvp_method_by_opnum(tb, op);
        if (!bm || strcmp(tm->name, bm->name) != 0 || tm->params != bm->params || tm->opnum != op)
            fail(it->line, "%s opnum %u: %s, not the %s inherited from %s", it->name, op, tm->name,
                 bm ? bm->name : "(none)", tb->name);
    }
    for (guint k = 0; k < it->methods->len && first + k < ti->n_methods; k++) {
        const method *m = g_ptr_array_index(it->methods, k);
        const csvp_method *tm = csvp_method_by_opnum(ti, first + k);
        if (tm->opnum != first + k || !same_method_name(m->name, tm)) {
            fail(m->line, "%s opnum %u: IDL %s, tables %s (opnum %u)", it->name, first + k, m->name, tm->name,
                 tm->opnum);
            continue;
        }
        if (rev == 19 && tm->revision == 34)
            fail(m->line, "%s.%s is in the 19.0 IDL but marked revision 34 in the tables", it->name, m->name);
        check_params(m, tm);
    }
}

static void check_interfaces(const idl *p)
{
    size_t n;
    const csvp_interface *const *all = csvp_interfaces(&n);
    guint i = 0;
    for (size_t t = 0; t < n; t++) {
        const csvp_interface *ti = all[t];
        if (rev == 19 && ti->revision == 34) {
            if (find_itf(p, ti->name))
                fail(0, "%s is in the 19.0 IDL but marked revision 34 in the tables", ti->name);
            continue;
        }
        for (guint op = 3; ti->revision == 34 && op < ti->n_methods; op++)
            if (ti->methods[op].revision != 34)
                fail(0, "%s: interface of revision 34 with opnum %u not marked 34", ti->name, op);
        const itf *it = i < p->itfs->len ? g_ptr_array_index(p->itfs, i) : NULL;
        i++;
        if (!it || strcmp(it->name, ti->name) != 0) {
            fail(it ? it->line : 0, "interface %u: IDL %s, tables %s", i - 1, it ? it->name : "(none)", ti->name);
            continue;
        }
        check_interface(p, it, ti);
    }
    if (i != p->itfs->len)
        fail(0, "%u interfaces in the IDL, %u of the tables' for revision %d", p->itfs->len, i, rev);
}

static const typedef_ *find_type(const idl *p, const char *name)
{
    for (guint i = 0; i < p->types->len; i++) {
        const typedef_ *t = g_ptr_array_index(p->types, i);
        if (strcmp(t->name, name) == 0)
            return t;
    }
    return NULL;
}

static const char *expected_field(const char *type, const char *idl_name)
{
    for (size_t e = 0; e < G_N_ELEMENTS(field_errata); e++)
        if (field_errata[e].rev == rev && strcmp(field_errata[e].type, type) == 0 &&
            strcmp(field_errata[e].idl_name, idl_name) == 0)
            return field_errata[e].table_name;
    return idl_name;
}

/* case(X): X's value in the IDL's enums. */
static bool case_value(const idl *p, const char *attrs, guint32 *out)
{
    if (!g_str_has_prefix(attrs, "case(") || !g_str_has_suffix(attrs, ")"))
        return false;
    char *label = g_strndup(attrs + 5, strlen(attrs) - 6);
    bool found = false;
    for (guint i = 0; i < p->types->len && !found; i++) {
        const typedef_ *t = g_ptr_array_index(p->types, i);
        for (guint k = 0; t->is_enum && k < t->values->len && !found; k++)
            if (strcmp(g_array_index(t->values, csvp_name, k).name, label) == 0) {
                *out = g_array_index(t->values, csvp_name, k).value;
                found = true;
            }
    }
    g_free(label);
    return found;
}

static void check_struct(const idl *p, const typedef_ *t, const csvp_type *ty)
{
    if (t->fields->len != ty->n_members) {
        fail(t->line, "%s: %u fields in the IDL, %u in the tables", t->name, t->fields->len, ty->n_members);
        return;
    }
    for (guint k = 0; k < t->fields->len; k++) {
        const decl *d = g_ptr_array_index(t->fields, k);
        const csvp_member *m = &ty->members[k];
        if (d->arms) {
            /* An unnamed union: the table member is the union type, whose members are the arms. */
            bool named_ok = !*d->name;
            for (size_t e = 0; !named_ok && e < G_N_ELEMENTS(union_name_errata); e++)
                named_ok = union_name_errata[e].rev == rev && strcmp(union_name_errata[e].type, t->name) == 0 &&
                           strcmp(union_name_errata[e].union_name, d->name) == 0;
            if (!named_ok)
                fail(d->line, "%s: the union is named %s in the IDL, anonymous in the tables", t->name, d->name);
            if (m->type->kind != CSVP_K_UNION || *m->name || !m->switch_is || !strstr(d->attrs, m->switch_is->name) ||
                d->arms->len != m->type->n_members) {
                fail(d->line, "%s: the union [%s] does not match the tables", t->name, d->attrs);
                continue;
            }
            for (guint a = 0; a < d->arms->len; a++) {
                const decl *arm = g_ptr_array_index(d->arms, a);
                const csvp_member *ta = &m->type->members[a];
                guint32 v;
                if (strcmp(arm->name, ta->name) != 0)
                    fail(arm->line, "%s arm %u: IDL %s, tables %s", t->name, a, arm->name, ta->name);
                if (!case_value(p, arm->attrs, &v) || v != ta->arm_case)
                    fail(arm->line, "%s.%s: [%s] is not case 0x%x", t->name, arm->name, arm->attrs, ta->arm_case);
            }
            continue;
        }
        if (strcmp(expected_field(t->name, d->name), m->name) != 0)
            fail(d->line, "%s field %u: IDL %s, tables %s", t->name, k, d->name, m->name);
        if (strcmp(m->owner, t->name) != 0)
            fail(d->line, "%s.%s: the tables' owner is %s", t->name, d->name, m->owner);
    }
}

static void check_enum(const typedef_ *t, const csvp_type *ty)
{
    if (t->values->len != ty->n_values) {
        fail(t->line, "%s: %u values in the IDL, %u in the tables", t->name, t->values->len, ty->n_values);
        return;
    }
    for (guint k = 0; k < t->values->len; k++) {
        const csvp_name *v = &g_array_index(t->values, csvp_name, k);
        if (strcmp(v->name, ty->values[k].name) != 0 || v->value != ty->values[k].value)
            fail(t->line, "%s value %u: IDL %s = 0x%x, tables %s = 0x%x", t->name, k, v->name, v->value,
                 ty->values[k].name, ty->values[k].value);
    }
}

static void check_types(const idl *p)
{
    size_t n;
    const csvp_type *const *types = csvp_named_types(&n);
    for (size_t i = 0; i < n; i++) {
        const typedef_ *t = find_type(p, types[i]->name);
        bool is_enum = types[i]->kind == CSVP_K_ENUM16;
        bool added = false;
        for (size_t k = 0; k < G_N_ELEMENTS(types_added_in_34); k++)
            added |= strcmp(types_added_in_34[k], types[i]->name) == 0;
        if (rev == 19 && added) {
            if (t)
                fail(t->line, "%s is in the 19.0 IDL but listed as added by 34.0", t->name);
            continue;
        }
        if (!t || t->is_enum != is_enum)
            fail(0, "%s %s of the tables is not in the IDL", is_enum ? "enum" : "struct", types[i]->name);
        else if (is_enum)
            check_enum(t, types[i]);
        else
            check_struct(p, t, types[i]);
    }
    for (guint i = 0; i < p->types->len; i++) {
        const typedef_ *t = g_ptr_array_index(p->types, i);
        bool found = false;
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(types[k]->name, t->name) == 0;
        if (!found)
            fail(t->line, "%s is not in csvp_named_types()", t->name);
    }
}

int main(int argc, char **argv)
{
    char *text = NULL;
    GError *err = NULL;
    rev = argc == 3 ? atoi(argv[1]) : 0;
    if ((rev != 19 && rev != 34) || !g_file_get_contents(argv[2], &text, NULL, &err)) {
        fprintf(stderr, "usage: test_idl 19|34 ms-csvp.idl (%s)\n", err ? err->message : "no file");
        return 2;
    }
    idl_file = argv[2];
    GArray *toks = tokenize(text);
    idl *p = parse(toks);
    /* The parse itself: 19.0 has eight interfaces and twelve typedefs; 34.0 adds three interfaces and the
     * five typedefs of 2.2.23-2.2.28 (csvp-revisions.md). */
    guint want_itfs = rev == 19 ? 8 : 11, want_types = rev == 19 ? 12 : 17;
    if (p->itfs->len != want_itfs || p->types->len != want_types)
        fail(0, "parsed %u interfaces and %u typedefs, expected %u and %u", p->itfs->len, p->types->len, want_itfs,
             want_types);
    check_interfaces(p);
    check_types(p);
    idl_free(p, toks);
    g_free(text);
    if (check_failures())
        fprintf(stderr, "%d differences between the IDL and the tables\n", check_failures());
    return check_report("idl");
}
