/* krb5_keys.c - service keys from MIT keytabs (the --keytab files; Wireshark's kerberos.file takes
 * the same format). The entry is chosen by principal, enctype and kvno (RFC 4120 5.3: the ticket's
 * EncryptedData names the etype and kvno of the key that sealed it); when none fits, the problem
 * says which of the three is missing. */
#include "krb5_int.h"

#include <string.h>

char *krb_enctype_name(krb5_enctype e)
{
    char buf[64];
    if (krb5_enctype_to_name(e, FALSE, buf, sizeof buf) == 0)
        return g_strdup(buf);
    return g_strdup_printf("enctype %d", (int)e);
}

/* What one keytab holds for the principal. */
typedef struct kt_scan {
    krb5_keyblock *key;      /* the match: enctype and kvno (or newest kvno when kvno is 0) */
    krb5_kvno key_kvno;
    GArray *kvnos;           /* of krb5_kvno with this enctype */
    GArray *enctypes;        /* of krb5_enctype at any kvno */
    bool principal_seen;
} kt_scan;

static void add_unique(GArray *a, guint32 v)
{
    for (guint i = 0; i < a->len; i++)
        if (g_array_index(a, guint32, i) == v)
            return;
    g_array_append_val(a, v);
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
        if (krb5_principal_compare(c->k5, e.principal, server)) {
            s->principal_seen = true;
            add_unique(s->enctypes, (guint32)e.key.enctype);
            if (e.key.enctype == enctype) {
                add_unique(s->kvnos, e.vno);
                bool better = kvno ? e.vno == kvno && !s->key : !s->key || e.vno > s->key_kvno;
                if (better) {
                    if (s->key)
                        krb5_free_keyblock(c->k5, s->key);
                    krb5_copy_keyblock(c->k5, &e.key, &s->key);
                    s->key_kvno = e.vno;
                }
            }
        }
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

krb5_keyblock *krb_service_key(krb_ctx *c, krb5_const_principal server, krb5_enctype enctype, krb5_kvno kvno,
                               char **problem)
{
    if (c->keytabs->len == 0) {
        *problem = g_strdup("no key (give --keytab)");
        return NULL;
    }
    kt_scan s = { .kvnos = g_array_new(FALSE, FALSE, sizeof(guint32)),
                  .enctypes = g_array_new(FALSE, FALSE, sizeof(guint32)) };
    GString *unreadable = g_string_new(NULL);
    for (guint i = 0; i < c->keytabs->len && !s.key; i++) {
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
    if (!s.key) {
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
    }
    g_string_free(unreadable, TRUE);
    g_array_free(s.kvnos, TRUE);
    g_array_free(s.enctypes, TRUE);
    return s.key;
}
