/* info.c - the key arguments of a call, for the Info column and item summaries. */
#include "info.h"
#include "walker.h"

#include <string.h>

#define MAX_ARGS 4          /* parameters shown after the method name */
#define MAX_TEXT_CHARS 40   /* strings are cut after this many characters */

/* How each CPREP_DISKID arm reads (2.2.2): "Signature 0x12345678", "Guid …", "Number 3". */
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

static bool brief_diskid(const csvp_node *n, GString *out)
{
    const csvp_node *arm = n->last;
    if (!arm || arm == n->first || !arm->member) {
        g_string_append(out, "DiskIdType ");   /* no arm: an unknown or cut-off discriminant */
        return csvp_brief(n->first, out);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(diskid_forms); i++) {
        if (strcmp(arm->member->name, diskid_forms[i].arm) != 0)
            continue;
        g_string_append_printf(out, "%s ", diskid_forms[i].label);
        if (arm->length == 0) {   /* the value itself was cut off */
            g_string_append_c(out, '?');
            return true;
        }
        if (diskid_forms[i].hex && arm->kind == CSVP_N_UINT) {
            g_string_append_printf(out, "0x%08" G_GINT64_MODIFIER "X", arm->v.u);
            return true;
        }
        return csvp_brief(arm, out);
    }
    return csvp_brief(arm, out);
}

bool csvp_brief(const csvp_node *n, GString *out)
{
    if (!n)
        return false;
    switch (n->kind) {
    case CSVP_N_NULL:
        g_string_append(out, "NULL");
        return true;
    case CSVP_N_UINT: case CSVP_N_INT: case CSVP_N_U64: case CSVP_N_GUID:
        if (n->length == 0) {   /* decoding stopped before this value */
            g_string_append(out, "?");
            return true;
        }
        break;
    default:
        break;
    }
    switch (n->kind) {
    case CSVP_N_UINT: {
        const char *name = csvp_node_value_name(n);
        if (name)
            g_string_append(out, name);
        else if (n->type && (n->type->kind == CSVP_K_HRESULT || n->type->flags))
            g_string_append_printf(out, "0x%08" G_GINT64_MODIFIER "X", n->v.u);
        else
            g_string_append_printf(out, "%" G_GUINT64_FORMAT, n->v.u);
        return true;
    }
    case CSVP_N_INT:
        g_string_append_printf(out, "%" G_GINT64_FORMAT, n->v.i);
        return true;
    case CSVP_N_U64:
        g_string_append_printf(out, "0x%016" G_GINT64_MODIFIER "X", n->v.u);
        return true;
    case CSVP_N_GUID: {
        char text[37];
        csvp_guid_text(n->v.guid, text);
        g_string_append(out, text);
        return true;
    }
    case CSVP_N_STRING: {
        const char *s = n->v.str ? n->v.str : "";
        glong chars = g_utf8_strlen(s, -1);
        g_string_append_c(out, '"');
        if (chars > MAX_TEXT_CHARS) {
            g_string_append_len(out, s, g_utf8_offset_to_pointer(s, MAX_TEXT_CHARS) - s);
            g_string_append(out, "\u2026");
        } else {
            g_string_append(out, s);
        }
        g_string_append_c(out, '"');
        return true;
    }
    case CSVP_N_BYTES:
        g_string_append_printf(out, "%u bytes", n->v.bytes.len);
        return true;
    case CSVP_N_STRUCT:
        return n->type && n->type->name && strcmp(n->type->name, "CPREP_DISKID") == 0 && brief_diskid(n, out);
    default:
        return false;
    }
}

void csvp_info_args(const csvp_tree *t, int dir, GString *out)
{
    const csvp_node *hr = csvp_node_child(t->root, csvp_return_member.name);
    if (dir == CSVP_OUT && hr && hr->kind == CSVP_N_UINT && hr->length) {
        g_string_append_c(out, ' ');
        csvp_brief(hr, out);
    }
    guint shown = 0;
    GString *v = g_string_new(NULL);
    for (const csvp_node *c = t->root ? t->root->first : NULL; c; c = c->next) {
        const csvp_member *m = c->member;
        /* Scalars and the disk; buffers, arrays and other structs are left to the tree. */
        if (!m || m->meta || m == &csvp_return_member || !(m->dir & dir) || c->kind == CSVP_N_BYTES ||
            c->kind == CSVP_N_ARRAY)
            continue;
        g_string_truncate(v, 0);
        /* A struct that names a disk (DISK_PROPS, DISK_PROPS_EX) is summarised by that disk. */
        const csvp_node *disk = c->kind == CSVP_N_STRUCT ? csvp_node_child(c, "DiskId") : NULL;
        if (disk && csvp_brief(disk, v))
            m = disk->member;
        else if (!csvp_brief(c, v))
            continue;
        if (shown++ == MAX_ARGS) {
            g_string_append(out, " \u2026");
            break;
        }
        g_string_append_printf(out, " %s=%s", m->name, v->str);
    }
    g_string_free(v, TRUE);
    if (!t->complete || t->problems->len)
        g_string_append(out, " [malformed]");
}
