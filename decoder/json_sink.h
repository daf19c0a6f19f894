/* json_sink.h - the "request"/"response" objects of json-output.md from a decoded tree. */
#ifndef CSVP_JSON_SINK_H
#define CSVP_JSON_SINK_H

#include "node.h"

/* Appends a JSON object of the tree's parameters (ORPCTHIS/ORPCTHAT only if verbose). Secrets
 * (secret.h) as {"redacted": true, "length": N, "sha256_prefix": "0a1b2c3d"} unless show_secrets. */
void json_params(GString *out, const csvp_tree *t, bool verbose, bool show_secrets);
/* Appends a JSON string literal. */
void json_string(GString *out, const char *s);
/* The same for text that never needs an escape, without looking: names from the csvp tables,
 * endpoints as the capture layers format them, GUIDs. */
void json_plain(GString *out, const char *s);
/* Appends ,"key":"<layout>" when the stub was decoded with the method's alternative layout
 * (csvp_method.alt, csvp/ERRATA.md); nothing otherwise. */
void json_layout(GString *out, const char *key, const csvp_tree *t);
/* Appends the problems as a JSON list of strings, "path at offset N: message". */
void json_problems(GString *out, const csvp_tree *t, bool *first);

#endif
