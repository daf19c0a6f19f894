/* expert_item.h - an expert info on an item of its own filter field (csvp.expert.*).
 *
 * proto_tree_add_expert() adds a text item, which -T json and -T ek key by its message, a label
 * that changes per packet; an item of the expert's own field is keyed "csvp.expert.<name>", and
 * the filter matches as before. */
#ifndef CSVP_PLUGIN_EXPERT_ITEM_H
#define CSVP_PLUGIN_EXPERT_ITEM_H

#include <epan/expert.h>
#include <epan/packet.h>
#include <stdarg.h>

static inline proto_item *csvp_expert_item(proto_tree *tree, packet_info *pinfo, expert_field *ei, tvbuff_t *tvb,
                                           gint start, gint length, const char *format, ...)
    G_GNUC_PRINTF(7, 8);

static inline proto_item *csvp_expert_item(proto_tree *tree, packet_info *pinfo, expert_field *ei, tvbuff_t *tvb,
                                           gint start, gint length, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *message = wmem_strdup_vprintf(pinfo->pool, format, ap);
    va_end(ap);
    proto_item *pi = proto_tree_add_none_format(tree, ei->hf, tvb, start, length, "%s", message);
    expert_add_info_format(pinfo, pi, ei, "%s", message);   /* without a tree: still counted */
    return pi;
}

#endif
