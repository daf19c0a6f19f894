/* summary.c - short text of decoded values for call lines and Info columns. */
#include "fmt.h"
#include "summary.h"
#include "walker.h"

#include <string.h>

#define MAX_ARGS 4
#define MAX_STRING 48

void csvp_summary_diskid(GString *out, const csvp_node *diskid)
{
    const csvp_node *type = csvp_node_child(diskid, "DiskIdType");
    const csvp_node *arm = type ? type->next : NULL;
    if (!type || !arm) {
        g_string_append(out, "?");
        return;
    }
    const char *name = csvp_node_value_name(type);
    /* "CprepIdSignature" -> "Signature" */
    g_string_append(out, name && g_str_has_prefix(name, "CprepId") ? name + 7 : "?");
    g_string_append_c(out, ' ');
    if (strcmp(arm->member->name, "DeviceNumber") == 0 && arm->kind == CSVP_N_UINT)
        csvp_append_u64(out, arm->v.u);
    else
        csvp_summary_value(out, arm);
}

void csvp_summary_value(GString *out, const csvp_node *n)
{
    const char *name;
    char guid[37];
    switch (n->kind) {
    case CSVP_N_UINT:
        if ((name = csvp_node_value_name(n))) {
            g_string_append(out, name);
        } else if (n->type && (n->type->kind == CSVP_K_U32 || n->type->kind == CSVP_K_HRESULT) && n->v.u > 0xFFFF) {
            g_string_append(out, "0x");
            csvp_append_hex(out, n->v.u, 8, TRUE);
        } else {
            csvp_append_u64(out, n->v.u);
        }
        break;
    case CSVP_N_INT:
        csvp_append_printf(out, "%" G_GINT64_FORMAT, n->v.i);
        break;
    case CSVP_N_U64:
        csvp_append_printf(out, "0x%016" G_GINT64_MODIFIER "X", n->v.u);
        break;
    case CSVP_N_GUID:
        csvp_guid_text(n->v.guid, guid);
        g_string_append(out, guid);
        break;
    case CSVP_N_STRING:
        if (g_utf8_strlen(n->v.str, -1) > MAX_STRING) {
            const char *end = g_utf8_offset_to_pointer(n->v.str, MAX_STRING);
            csvp_append_printf(out, "\"%.*s...\"", (int)(end - n->v.str), n->v.str);
        } else {
            csvp_append_printf(out, "\"%s\"", n->v.str);
        }
        break;
    case CSVP_N_BYTES:
        csvp_append_printf(out, "<%u bytes>", n->v.bytes.len);
        break;
    case CSVP_N_NULL:
        g_string_append(out, "NULL");
        break;
    case CSVP_N_ARRAY: {
        guint count = 0;
        for (const csvp_node *c = n->first; c; c = c->next)
            count += c->index >= 0;
        csvp_append_printf(out, "[%u]", count);
        break;
    }
    case CSVP_N_STRUCT:
        g_string_append(out, "{...}");
        break;
    }
}

void csvp_summary_args(GString *out, const csvp_tree *request)
{
    guint shown = 0;
    for (const csvp_node *c = request && request->root ? request->root->first : NULL; c; c = c->next) {
        if (!c->member || c->member->meta)
            continue;
        if (shown == MAX_ARGS) {
            g_string_append(out, ", ...");
            break;
        }
        if (shown++)
            g_string_append(out, ", ");
        g_string_append(out, c->member->name);
        g_string_append_c(out, '=');
        if (c->type && strcmp(c->type->name, "CPREP_DISKID") == 0)
            csvp_summary_diskid(out, c);
        else
            csvp_summary_value(out, c);
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
