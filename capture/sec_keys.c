/* sec_keys.c - the keys of --password, --password-file, --nt-hash, --keytab and CSVP_PASSWORD. */
#include "sec_keys.h"
#include "ntlm_crypto.h"

#include <string.h>

static void wipe_hashes(GArray *a)
{
    if (a->len)
        memset(a->data, 0, a->len * sizeof(sec_nt_hash));
    g_array_free(a, TRUE);
}

sec_keys *sec_keys_new(void)
{
    sec_keys *k = g_new0(sec_keys, 1);
    k->password_hashes = g_array_new(FALSE, TRUE, sizeof(sec_nt_hash));
    k->nt_hashes = g_array_new(FALSE, TRUE, sizeof(sec_nt_hash));
    k->keytabs = g_ptr_array_new_with_free_func(g_free);
    return k;
}

void sec_keys_free(sec_keys *k)
{
    if (!k)
        return;
    wipe_hashes(k->password_hashes);
    wipe_hashes(k->nt_hashes);
    g_ptr_array_free(k->keytabs, TRUE);
    g_free(k);
}

/* MS-NLMP 3.3.1 NTOWFv1 of `len` bytes of password, any user. */
static void add_password_len(sec_keys *k, const char *password, gsize len)
{
    char *p = g_strndup(password, len);
    sec_nt_hash h;
    memset(&h, 0, sizeof h);
    ntlm_nt_hash(p, h.hash);
    g_array_append_val(k->password_hashes, h);
    memset(&h, 0, sizeof h);
    memset(p, 0, len);
    g_free(p);
}

void sec_keys_add_password(sec_keys *k, const char *password)
{
    add_password_len(k, password, strlen(password));
}

bool sec_keys_add_nt_hash(sec_keys *k, const char *spec, char **err)
{
    const char *colon = strrchr(spec, ':'), *hex = colon ? colon + 1 : spec;
    sec_nt_hash h;
    memset(&h, 0, sizeof h);
    gsize ulen = colon ? (gsize)(colon - spec) : 0;
    if (ulen >= sizeof h.user) {
        *err = g_strdup_printf("--nt-hash: user name longer than %zu bytes", sizeof h.user - 1);
        return false;
    }
    if (strlen(hex) != 32) {
        *err = g_strdup("--nt-hash: expected [USER:] and 32 hex digits");
        return false;
    }
    for (int i = 0; i < 16; i++) {
        int hi = g_ascii_xdigit_value(hex[2 * i]), lo = g_ascii_xdigit_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            *err = g_strdup("--nt-hash: expected [USER:] and 32 hex digits");
            memset(&h, 0, sizeof h);
            return false;
        }
        h.hash[i] = (guint8)(hi << 4 | lo);
    }
    memcpy(h.user, spec, ulen);
    g_array_append_val(k->nt_hashes, h);
    memset(&h, 0, sizeof h);
    return true;
}

bool sec_keys_add_password_file(sec_keys *k, const char *path, char **err)
{
    gchar *text = NULL;
    gsize len = 0;
    GError *e = NULL;
    if (!g_file_get_contents(path, &text, &len, &e)) {
        *err = g_strdup_printf("--password-file: %s", e->message);
        g_error_free(e);
        return false;
    }
    char *line = text, *end = text + len;
    while (line < end) {
        char *nl = memchr(line, '\n', (gsize)(end - line));
        char *stop = nl ? nl : end;
        if (stop > line && stop[-1] == '\r')
            stop--;
        if (stop > line)
            add_password_len(k, line, (gsize)(stop - line));
        line = nl ? nl + 1 : end;
    }
    memset(text, 0, len);
    g_free(text);
    return true;
}

void sec_keys_add_keytab(sec_keys *k, const char *path)
{
    g_ptr_array_add(k->keytabs, g_strdup(path));
}

bool sec_keys_empty(const sec_keys *k)
{
    return !k->password_hashes->len && !k->nt_hashes->len && !k->keytabs->len;
}
