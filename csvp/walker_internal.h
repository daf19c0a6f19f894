/* walker_internal.h - the walker's cursor and helpers, shared with the
 * user-marshaled type decoders (safearray.c). Not part of the public API. */
#ifndef CSVP_WALKER_INTERNAL_H
#define CSVP_WALKER_INTERNAL_H

#include "node.h"

typedef struct walker {
    const guint8 *data;
    guint32 len, off;
    guint32 base;        /* offset of data[0] in the stub, for sub-walkers over embedded records */
    bool le;             /* integer byte order from the data representation label */
    bool fatal;          /* a problem stopped this stub */
    guint depth;
    guint64 elements;
    csvp_tree *t;
} walker;

bool w_align(walker *w, guint a);
bool w_need(walker *w, const csvp_node *at, guint32 n, const char *what);
/* Read an aligned unsigned integer; force_le for fields MS-OAUT marshals little-endian whatever the label. */
bool w_uint(walker *w, const csvp_node *at, guint size, bool force_le, guint64 *out, const char *what);
bool w_check_count(walker *w, const csvp_node *n, guint64 count, guint elem_size, const char *what);
const char *w_utf16(walker *w, guint32 off, guint32 units, bool stop_at_nul);
guint w_type_align(const csvp_type *ty);
guint w_type_min_size(const csvp_type *ty);
GArray *w_defer_list_new(void);
void w_defer(GArray *defer, csvp_node *n, const csvp_type *pointee);
void w_flush(walker *w, GArray *defer);
csvp_node *w_member(walker *w, csvp_node *parent, const csvp_member *m, const csvp_type *ty, GArray *defer,
                    bool top, guint32 hoisted, bool has_hoisted);

#endif
