/* blobs.h - decoders for the byte buffers with formats of their own (2.2.7-2.2.17). */
#ifndef CSVP_BLOBS_H
#define CSVP_BLOBS_H

#include "node.h"

/* Adds a "decoded" child to a CSVP_N_BYTES node; problems go to the tree. */
void csvp_blob_decode(csvp_tree *t, csvp_node *bytes, csvp_blob_kind kind);
/* Every member a blob decoder can produce (for registering Wireshark fields). */
const csvp_member *const *csvp_blob_members(size_t *n);

#endif
