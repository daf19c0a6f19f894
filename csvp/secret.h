/* secret.h - values the spec calls secrets (csvp_member.secret: IClusterSetup SecretBLOB, ...).
 * Consumers redact them unless asked (json-output.md): their length and a SHA-256 prefix, which
 * let two captures be compared without showing the value. */
#ifndef CSVP_SECRET_H
#define CSVP_SECRET_H

#include "node.h"

bool csvp_node_secret(const csvp_node *n);
/* The bytes of a secret value - UTF-8 of a string, the bytes of a buffer (only such members are
 * marked secret) - counted, and the first four bytes of their SHA-256 as 8 lowercase hex digits. */
void csvp_secret_digest(const csvp_node *n, guint64 *len, char prefix[9]);

#endif
