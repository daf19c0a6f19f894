/* summary.h - one-line forms of decoded values, shared by csvpdump's call
 * lines and the Wireshark Info column so both read the same. */
#ifndef CSVP_SUMMARY_H
#define CSVP_SUMMARY_H

#include "node.h"

/* "Signature 0x12345678", "Guid 6f1c...", "Number 3". */
void csvp_summary_diskid(GString *out, const csvp_node *diskid);
/* Key [in] arguments of a request tree: "DiskId=Signature 0x12345678, ulPartition=1". */
void csvp_summary_args(GString *out, const csvp_tree *request);
/* One value in short text form (numbers, names, strings, GUIDs, buffer sizes). */
void csvp_summary_value(GString *out, const csvp_node *n);
/* The HRESULT ending a response tree, if it was decoded. */
bool csvp_summary_hresult(const csvp_tree *response, guint32 *hr);

#endif
