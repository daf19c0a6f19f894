/* proto_sink.h - the csvp_sink that turns a decoded stub into a proto_tree. */
#ifndef CSVP_PLUGIN_PROTO_SINK_H
#define CSVP_PLUGIN_PROTO_SINK_H

#include "node.h"

#include <epan/packet.h>
#include <epan/expert.h>
#include <stdbool.h>

typedef struct csvp_proto_view {
    tvbuff_t *tvb;
    packet_info *pinfo;
    guint stub_offset;          /* where the stub starts in tvb: node offsets are added to it */
    int ett_text;               /* subtree of items without a field of their own */
    expert_field *ei_malformed; /* one expert info per decoding problem */
    bool show_secrets;          /* the "show_secrets" preference: else secrets are redacted (secret.h) */
} csvp_proto_view;

/* Add every node (ORPCTHIS/ORPCTHAT and SAFEARRAY headers included) under tree, and every
 * problem as a malformed expert info naming the field path and stub offset. */
void csvp_proto_tree_build(const csvp_tree *t, proto_tree *tree, const csvp_proto_view *view);

#endif
