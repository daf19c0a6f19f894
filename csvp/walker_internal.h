/* walker_internal.h - the walker's state and reads, the small interface through which walker.c
 * dispatches the one kind it does not decode itself: the SAFEARRAY referent (safearray.c).
 * walker.c includes no other decoder; safearray.c includes only this. Not part of the public API. */
#ifndef CSVP_WALKER_INTERNAL_H
#define CSVP_WALKER_INTERNAL_H

#include "cursor.h"
#include "walker.h"

typedef struct csvp_walker {
    csvp_cursor cur;     /* the stub, or an embedded record (base: its offset in the stub); byte order from drep */
    bool fatal;          /* a problem stopped this stub */
    guint depth;
    guint64 elements;
    csvp_tree *t;
} csvp_walker;

/* Stub offset of the next byte. */
static inline guint32 csvp_walk_pos(const csvp_walker *w) { return (guint32)csvp_cur_pos(&w->cur); }

/* Pads to a multiple of a (C706 14.2.2) and returns the stub offset reached: where the aligned
 * reads that follow start. */
static inline guint32 csvp_walk_align(csvp_walker *w, guint a)
{
    csvp_cur_align_clamped(&w->cur, a);
    return csvp_walk_pos(w);
}

/* Reads an aligned unsigned integer; force_le for fields MS-OAUT marshals little-endian whatever the label. */
bool csvp_walk_uint(csvp_walker *w, const csvp_node *at, guint size, bool force_le, guint64 *out, const char *what);
/* Checks a count against the bytes left and the element budget before a loop uses it. */
bool csvp_walk_check_count(csvp_walker *w, const csvp_node *n, guint64 count, guint elem_size, const char *what);
/* Deferred referents (C706 14.3.12.3): a stack of {node, pointee}, flushed depth first. */
GArray *csvp_walk_defer_new(void);
void csvp_walk_defer(GArray *defer, csvp_node *n, const csvp_type *pointee);
void csvp_walk_flush(csvp_walker *w, GArray *defer);
/* Decodes a value of type ty into a new child of parent. */
csvp_node *csvp_walk_member(csvp_walker *w, csvp_node *parent, const csvp_member *m, const csvp_type *ty,
                            GArray *defer);

/* CSVP_K_SAFEARRAY (safearray.c): ty's elem is the conformant array of its elements. */
void csvp_safearray_decode(csvp_walker *w, csvp_node *sa, const csvp_type *ty, GArray *defer);
/* After decoding: the data array's count against the header's Size. */
void csvp_safearray_check(csvp_tree *t, const csvp_node *sa);

#endif
