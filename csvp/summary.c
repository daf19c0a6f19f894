/* summary.c - brief text of decoded values for call lines and Info columns. */
#include "summary.h"
#include "secret.h"
#include "fmt.h"
#include "walker.h"

#include <string.h>

#define MAX_ARGS 4          /* parameters shown after the method name */
#define MAX_TEXT_CHARS 40   /* strings are cut after this many characters */

/* How each CPREP_DISKID arm reads (2.2.2): "Signature 0x12345678", "Guid ...", "Number 3". */
static const struct {
    const char *arm;
    const char *label;
    bool hex;
} diskid_forms[] = {
    { "DiskSignature", "Signature", true },
    { "DiskGuid", "Guid", false },
    { "DeviceNumber", "Number", false },
    { "Junk", "Unknown", true },
};

static bool brief_diskid(GString *out, const csvp_node *n)
{
    const csvp_node *arm = n->last;
    if (!arm || arm == n->first || !arm->member) {
        csvp_gs_puts(out, "DiskIdType ");   /* no arm: an unknown or cut-off discriminant */
        return csvp_summary_value(out, n->first);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(diskid_forms); i++) {
        if (strcmp(arm->member->name, diskid_forms[i].arm) != 0)
            continue;
        csvp_gs_puts(out, diskid_forms[i].label);
        g_string_append_c(out, ' ');
        if (arm->length == 0) {   /* the value itself was cut off */
            g_string_append_c(out, '?');
            return true;
        }
        if (diskid_forms[i].hex && arm->kind == CSVP_N_UINT) {
            csvp_gs_puts(out, "0x");
            csvp_append_hex(out, arm->v.u, 8, TRUE);
            return true;
        }
        return csvp_summary_value(out, arm);
    }
    return csvp_summary_value(out, arm);
}

void csvp_append_printable(GString *out, const char *s, gsize len)
{
    const char *end = s + len, *run = s, *p = s;
    while (p < end) {
        gunichar ch = g_utf8_get_char_validated(p, end - p);
        bool bad = ch == (gunichar)-1 || ch == (gunichar)-2;   /* not UTF-8: that one byte */
        if (!bad && ch >= 0x20 && (ch < 0x7f || ch >= 0xa0)) {
            p = g_utf8_next_char(p);
            continue;
        }
        csvp_gs_append(out, run, (gsize)(p - run));
        csvp_gs_puts(out, "\\x");
        csvp_append_hex(out, bad ? (guint8)*p : ch, 2, FALSE);
        p = bad ? p + 1 : g_utf8_next_char(p);
        run = p;
    }
    csvp_gs_append(out, run, (gsize)(end - run));
}

static bool is_diskid(const csvp_node *n)
{
    return n->kind == CSVP_N_STRUCT && n->type && n->type->name && strcmp(n->type->name, "CPREP_DISKID") == 0;
}

bool csvp_summary_value(GString *out, const csvp_node *n)
{
    if (!n)
        return false;
    bool scalar = n->kind == CSVP_N_UINT || n->kind == CSVP_N_INT || n->kind == CSVP_N_U64 || n->kind == CSVP_N_GUID;
    if (scalar && n->length == 0) {   /* decoding stopped before this value */
        g_string_append_c(out, '?');
        return true;
    }
    switch (n->kind) {
    case CSVP_N_UINT: {
        const char *name = csvp_node_value_name(n);
        if (name) {
            csvp_gs_puts(out, name);
        } else if (n->type && (n->type->kind == CSVP_K_HRESULT || n->type->flags ||
                               (n->type->kind == CSVP_K_U32 && n->v.u > 0xFFFF))) {
            csvp_gs_puts(out, "0x");
            csvp_append_hex(out, n->v.u, 8, TRUE);
        } else {
            csvp_append_u64(out, n->v.u);
        }
        return true;
    }
    case CSVP_N_INT:
        if (n->v.i < 0)
            g_string_append_c(out, '-');
        csvp_append_u64(out, n->v.i < 0 ? (guint64)0 - (guint64)n->v.i : (guint64)n->v.i);
        return true;
    case CSVP_N_U64:
        csvp_gs_puts(out, "0x");
        csvp_append_hex(out, n->v.u, 16, TRUE);
        return true;
    case CSVP_N_GUID: {
        char text[37];
        csvp_guid_text(n->v.guid, text);
        csvp_gs_puts(out, text);
        return true;
    }
    case CSVP_N_STRING: {
        const char *s = n->v.str ? n->v.str : "";
        g_string_append_c(out, '"');
        if (g_utf8_strlen(s, MAX_TEXT_CHARS * 4 + 4) > MAX_TEXT_CHARS) {
            csvp_append_printable(out, s, (gsize)(g_utf8_offset_to_pointer(s, MAX_TEXT_CHARS) - s));
            csvp_gs_puts(out, "...");
        } else {
            csvp_append_printable(out, s, strlen(s));
        }
        g_string_append_c(out, '"');
        return true;
    }
    case CSVP_N_BYTES:
        csvp_append_u64(out, n->v.bytes.len);
        csvp_gs_puts(out, " bytes");
        return true;
    case CSVP_N_NULL:
        csvp_gs_puts(out, "NULL");
        return true;
    case CSVP_N_ARRAY: {
        guint count = 0;
        for (const csvp_node *c = n->first; c; c = c->next)
            count += c->index >= 0;
        g_string_append_c(out, '[');
        csvp_append_u64(out, count);
        g_string_append_c(out, ']');
        return true;
    }
    case CSVP_N_STRUCT:
        return is_diskid(n) && brief_diskid(out, n);
    }
    return false;
}

void csvp_summary_args(GString *out, const csvp_tree *t, int dir, const char *sep)
{
    guint shown = 0;
    for (const csvp_node *c = t && t->root ? t->root->first : NULL; c; c = c->next) {
        const csvp_member *m = c->member;
        if (!m || m->meta || m == &csvp_return_member || !(m->dir & dir) || c->kind == CSVP_N_BYTES ||
            c->kind == CSVP_N_ARRAY)
            continue;
        gsize mark = out->len;
        if (shown)
            csvp_gs_puts(out, sep);
        if (shown == MAX_ARGS) {
            csvp_gs_puts(out, "...");
            return;
        }
        /* A struct that names a disk (DISK_PROPS, DISK_PROPS_EX) is summarised by that disk. */
        const csvp_node *v = c->kind == CSVP_N_STRUCT && !is_diskid(c) ? csvp_node_child(c, "DiskId") : c;
        if (!v) {
            g_string_truncate(out, mark);
            continue;
        }
        csvp_gs_puts(out, v->member->name);
        g_string_append_c(out, '=');
        if (csvp_node_secret(v)) {   /* a one-line summary never carries a secret */
            csvp_gs_puts(out, "<redacted>");
        } else if (!csvp_summary_value(out, v)) {
            g_string_truncate(out, mark);
            continue;
        }
        shown++;
    }
}

bool csvp_summary_hresult(const csvp_tree *response, guint32 *hr)
{
    const csvp_node *n = response && response->root ? csvp_node_child(response->root, "hresult") : NULL;
    if (!n || n->kind != CSVP_N_UINT || n->length != 4)
        return false;
    *hr = (guint32)n->v.u;
    return true;
}
