/* decoder_internal.h - what a decoding context (csvp_decoder, walker.h) holds between stubs: the
 * arena of the last tree freed (tree.c) and the deferred-referent stack (walker.c). One thread
 * uses a decoder at a time. Not part of the public API. */
#ifndef CSVP_DECODER_INTERNAL_H
#define CSVP_DECODER_INTERNAL_H

#include "node.h"

struct csvp_decoder {
    csvp_tree *spare;    /* the last tree freed: its first nodes and problem array are reused */
    GArray *defer;       /* of the walker's deferred referents; empty between stubs */
};

/* A tree from dec's arena (the last one freed, or a new one); it goes back to dec when freed. */
csvp_tree *csvp_tree_new_in(csvp_decoder *dec);

#endif
