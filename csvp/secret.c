/* secret.c - what stands in for a secret value: its length and a SHA-256 prefix (GLib GChecksum). */
#include "secret.h"

#include <string.h>

bool csvp_node_secret(const csvp_node *n)
{
    return n && n->member && n->member->secret;
}

void csvp_secret_digest(const csvp_node *n, guint64 *len, char prefix[9])
{
    const guint8 *p = (const guint8 *)"";
    gsize l = 0;
    if (n->kind == CSVP_N_STRING && n->v.str) {
        p = (const guint8 *)n->v.str;
        l = strlen(n->v.str);
    } else if (n->kind == CSVP_N_BYTES) {
        p = n->v.bytes.data;
        l = n->v.bytes.len;
    }
    gchar *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256, p, l);
    memcpy(prefix, h, 8);
    prefix[8] = 0;
    g_free(h);
    *len = l;
}
