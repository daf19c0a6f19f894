/* text_sink.h - indented parameter trees for people (csvpdump -v, csvpdump stub). */
#ifndef CSVP_TEXT_SINK_H
#define CSVP_TEXT_SINK_H

#include "node.h"

/* Appends one line per value, indented by depth, starting at `indent` spaces; first a "layout:" line
 * when the stub was decoded with the method's alternative layout (csvp_method.alt). Secrets
 * (secret.h) as "<redacted: N bytes, sha256 0a1b2c3d...>" unless show_secrets. */
void text_params(GString *out, const csvp_tree *t, int indent, bool verbose, bool show_secrets);

#endif
