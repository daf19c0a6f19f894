/* safearray.h - decoder of the SAFEARRAY wire form (MS-OAUT 2.2.30.10). */
#ifndef CSVP_SAFEARRAY_H
#define CSVP_SAFEARRAY_H

#include "walker_internal.h"

/* ty: a CSVP_K_SAFEARRAY type whose elem is the conformant array of its elements. */
void csvp_safearray_decode(walker *w, csvp_node *sa, const csvp_type *ty, GArray *defer);

/* After decoding: the data array's count against the header's Size. */
void csvp_safearray_check(csvp_tree *t, const csvp_node *sa);

#endif
