/* spill.h - records (key, bytes) to be read back in key order, in bounded
 * memory: records are held in memory up to a budget, then sorted and written
 * as a run to an unnamed temporary file in $TMPDIR (else /tmp); reading merges the
 * runs (at most SPILL_FAN_IN at once, in passes when there are more).
 * Records with equal keys come back in the order they were added.
 * When nothing was written out, nothing touches the disk. */
#ifndef CSVP_SPILL_H
#define CSVP_SPILL_H

#include <glib.h>
#include <stdbool.h>

#define SPILL_FAN_IN 32

typedef struct spill_key {
    guint64 major, minor;
} spill_key;

typedef struct spill spill;

/* budget: bytes of records held in memory before a run is written (a larger record is written alone). */
spill *spill_new(gsize budget);
void spill_add(spill *s, spill_key key, const void *data, gsize len);
/* Ends adding and starts reading. */
void spill_finish(spill *s);
/* The next record in key order; data stays valid until the next call. False at the end or on error. */
bool spill_next(spill *s, spill_key *key, const char **data, gsize *len);
/* Runs written to the temporary file so far (0: everything stayed in memory). */
guint spill_runs(const spill *s);
/* The first I/O error ("temporary file: No space left on device"), or NULL. Records are lost after one. */
const char *spill_error(const spill *s);
void spill_free(spill *s);

#endif
