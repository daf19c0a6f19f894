/* out.h - csvpdump's standard output: whole records, and a clean end when it cannot be written.
 *
 * Records (a call's line or lines, a JSON object, a report block) are buffered and written with
 * write(2) only at record boundaries, so a reader never gets half a record followed by more.
 * The first failed write (a full disk, a closed pipe) is sticky: nothing more is written, the
 * capture is asked to stop, and out_finish() reports it (silently for a closed pipe, as
 * tcpdump) so the command exits 2.
 */
#ifndef CSVP_OUT_H
#define CSVP_OUT_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* Writes to fd from now on; flush_each: write every record at once (live capture, terminals). */
void out_init(int fd, bool flush_each);
/* Appends one complete record. */
void out_record(const char *s, gsize len);
static inline void out_gstring(const GString *s) { out_record(s->str, s->len); }
/* The output buffer, to format one record straight into (no copy), then out_end() to complete it
 * (nothing appended: no record). */
GString *out_begin(void);
void out_end(void);
/* Writes what is buffered; false once a write failed. */
bool out_flush(void);
bool out_failed(void);
/* After a listing written with stdio to f (-b, --audit streamed from their spill files): flushes f
 * and takes a failed write as the output's failure. out_flush() first keeps the order. */
void out_stdio_done(FILE *f);
/* Flushes; on failure prints one line to stderr (none for EPIPE) and returns false. */
bool out_finish(void);

#endif
