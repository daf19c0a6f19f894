/* info.h - short text for the packet list: the key arguments of a call. */
#ifndef CSVP_PLUGIN_INFO_H
#define CSVP_PLUGIN_INFO_H

#include "node.h"

/* Brief text of one value ("0x12345678", "\"C:\\x\"", "Signature 0x12345678" for a
 * CPREP_DISKID); false for values too big to summarise (structs, arrays). */
bool csvp_brief(const csvp_node *n, GString *out);
/* What a support engineer scanning the packet list needs after "<Method> request|response":
 * requests: the disk (" DiskId=Signature 0x12345678") and the other scalar [in] parameters;
 * responses: the status name, then the scalar [out] parameters. */
void csvp_info_args(const csvp_tree *t, int dir, GString *out);

#endif
