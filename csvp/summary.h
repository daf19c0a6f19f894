/* summary.h - short text of decoded values, shared by csvpdump's call lines
 * and the Wireshark Info column and item texts, so both read the same. */
#ifndef CSVP_SUMMARY_H
#define CSVP_SUMMARY_H

#include "node.h"

/* One value in brief: "0x12345678", "\"C:\\x\"", "512 bytes", "[2]" for arrays, and
 * "Signature 0x12345678" / "Guid ..." / "Number 3" for a CPREP_DISKID (2.2.2); a value
 * decoding never reached reads "?". False for structs that have no short form. */
bool csvp_summary_value(GString *out, const csvp_node *n);
/* The key parameters of direction dir (CSVP_IN or CSVP_OUT) as "name=value" joined by sep:
 * scalars, strings and the disk (a DISK_PROPS or DISK_PROPS_EX by its DiskId), at most four,
 * then "...". Buffers, arrays and other structs are left to the full tree; secrets (secret.h)
 * read "<redacted>". */
void csvp_summary_args(GString *out, const csvp_tree *t, int dir, const char *sep);
/* Appends len bytes of text that came from a capture with the characters a terminal acts on (C0
 * controls, DEL, C1 controls) and any byte that is not UTF-8 written as \xNN, so a hostile string
 * can neither move the cursor nor start a line of its own. Strings in summaries go through it. */
void csvp_append_printable(GString *out, const char *s, gsize len);
/* The HRESULT ending a response tree, if it was decoded. */
bool csvp_summary_hresult(const csvp_tree *response, guint32 *hr);

#endif
