/* krb5_keys.c - service keys from MIT keytabs (the --keytab files; Wireshark's kerberos.file takes
 * the same format). The entry is chosen by principal, enctype and kvno (RFC 4120 5.3: the ticket's
 * EncryptedData names the etype and kvno of the key that sealed it); when none fits, the problem
 * says which of the three is missing. When the keytabs hold nothing for the principal, the keys of
 * that enctype and kvno under other names are offered too: a computer account's keys are often kept
 * as host/NAME or NAME$ while the ticket names RPCSS/NAME, and the ticket's own checksum tells
 * whether one of them is right (as Wireshark, which tries every key it has). */
#include "krb5_int.h"

#include <string.h>

char *krb_enctype_name(krb5_enctype e)
{
    char buf[64];
    if (krb5_enctype_to_name(e, FALSE, buf, sizeof buf) == 0)
        return g_strdup(buf);
    return g_strdup_printf("enctype %d", (int)e);
}

/* What the keytabs hold for the ticket. */
typedef struct kt_scan {
    GPtrArray *mine;         /* krb5_keyblock*: the principal's, this enctype, this kvno (any when 0) */
    GPtrArray *others;       /* krb5_keyblock*: other principals', this enctype and kvno */
    GArray *kvnos;           /* of guint32: the principal's kvnos with this enctype */
    GArray *enctypes;        /* of guint32: the principal's enctypes at any kvno */
    bool principal_seen;
} kt_scan;

static void add_unique(GArray *a, guint32 v)
{
    for (guint i = 0; i < a->len; i++)
        if (g_array_index(a, guint32, i) == v)
            return;
    g_array_append_val(a, v);
}

static void add_key(krb_ctx *c, GPtrArray *to, const krb5_keyblock *k)
{
    krb5_keyblock *copy;
    if (krb5_copy_keyblock(c->k5, k, &copy) == 0)
        g_ptr_array_add(to, copy);
}

static krb5_error_code scan_keytab(krb_ctx *c, const char *path, krb5_const_principal server, krb5_enctype enctype,
                                   krb5_kvno kvno, kt_scan *s)
{
    char *name = g_strconcat("FILE:", path, NULL);
    krb5_keytab kt;
    krb5_error_code ret = krb5_kt_resolve(c->k5, name, &kt);
    g_free(name);
    if (ret)
        return ret;
    krb5_kt_cursor cur;
    ret = krb5_kt_start_seq_get(c->k5, kt, &cur);
    if (ret) {
        krb5_kt_close(c->k5, kt);
        return ret;
    }
    krb5_keytab_entry e;
    while (krb5_kt_next_entry(c->k5, kt, &e, &cur) == 0) {
        bool mine = krb5_principal_compare(c->k5, e.principal, server);
        bool fits = e.key.enctype == enctype && (kvno == 0 || e.vno == kvno);
        if (mine) {
            s->principal_seen = true;
            add_unique(s->enctypes, (guint32)e.key.enctype);
            if (e.key.enctype == enctype)
                add_unique(s->kvnos, e.vno);
        }
        if (fits)
            add_key(c, mine ? s->mine : s->others, &e.key);
        krb5_free_keytab_entry_contents(c->k5, &e);
    }
    krb5_kt_end_seq_get(c->k5, kt, &cur);
    krb5_kt_close(c->k5, kt);
    return 0;
}

static char *join_u32(GArray *a, bool enctypes)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < a->len; i++) {
        guint32 v = g_array_index(a, guint32, i);
        if (i)
            g_string_append(s, ", ");
        if (enctypes) {
            char *n = krb_enctype_name((krb5_enctype)v);
            g_string_append(s, n);
            g_free(n);
        } else {
            g_string_append_printf(s, "%u", v);
        }
    }
    return g_string_free(s, FALSE);
}

static void free_key(gpointer k)
{
    krb5_free_keyblock(NULL, k);   /* MIT's ignores the context */
}

GPtrArray *krb_service_keys(krb_ctx *c, krb5_const_principal server, krb5_enctype enctype, krb5_kvno kvno,
                            bool *by_principal, char **problem)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(free_key);
    *problem = NULL;
    *by_principal = false;
    if (c->keytabs->len == 0) {
        *problem = g_strdup("no key (give --keytab)");
        return keys;
    }
    kt_scan s = { .mine = keys, .others = g_ptr_array_new_with_free_func(free_key),
                  .kvnos = g_array_new(FALSE, FALSE, sizeof(guint32)),
                  .enctypes = g_array_new(FALSE, FALSE, sizeof(guint32)) };
    GString *unreadable = g_string_new(NULL);
    for (guint i = 0; i < c->keytabs->len; i++) {
        const char *path = g_ptr_array_index(c->keytabs, i);
        krb5_error_code ret = scan_keytab(c, path, server, enctype, kvno, &s);
        if (ret) {
            const char *msg = krb5_get_error_message(c->k5, ret);
            if (!strstr(msg, path))
                g_string_append_printf(unreadable, "%skeytab %s: %s", unreadable->len ? "; " : "", path, msg);
            else
                g_string_append_printf(unreadable, "%s%s", unreadable->len ? "; " : "", msg);
            krb5_free_error_message(c->k5, msg);
        }
    }
    *by_principal = keys->len > 0;
    /* Why the principal's own entries do not serve, said even when other names' keys are tried next. */
    if (!keys->len) {
        if (unreadable->len && !s.principal_seen)
            *problem = g_strdup(unreadable->str);
        else if (!s.principal_seen)
            *problem = g_strdup("no keytab entry for this principal (give its --keytab)");
        else if (s.kvnos->len == 0) {
            char *have = join_u32(s.enctypes, true);
            *problem = g_strdup_printf("no key of this enctype in the keytab (it has %s)", have);
            g_free(have);
        } else {
            char *have = join_u32(s.kvnos, false);
            *problem = g_strdup_printf("no keytab entry for kvno %u (keytab has %s)", kvno, have);
            g_free(have);
        }
        for (guint i = 0; i < s.others->len; i++)   /* tried after the principal's, by the ticket's checksum */
            g_ptr_array_add(keys, g_ptr_array_steal_index(s.others, i--));
    }
    g_string_free(unreadable, TRUE);
    g_ptr_array_free(s.others, TRUE);
    g_array_free(s.kvnos, TRUE);
    g_array_free(s.enctypes, TRUE);
    return keys;
}
