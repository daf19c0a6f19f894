/* decoder_internal.h - what a decoding context (csvp_decoder, walker.h) holds between stubs: the
 * arenas of the last trees freed (tree.c) and the deferred-referent stack (walker.c). One thread
 * uses a decoder at a time. Not part of the public API. */
#ifndef CSVP_DECODER_INTERNAL_H
#define CSVP_DECODER_INTERNAL_H

#include "node.h"

struct csvp_decoder {
    /* The last trees freed: their first nodes and problem arrays are reused. Two, as a call holds
     * its request and response trees at once. */
    csvp_tree *spare[2];
    GArray *defer;       /* of the walker's deferred referents; empty between stubs */
};

/* A tree from dec's arena (one of the last freed, or a new one); it goes back to dec when freed. */
csvp_tree *csvp_tree_new_in(csvp_decoder *dec);

#endif
