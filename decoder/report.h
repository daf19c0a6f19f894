/* report.h - `csvpdump --report FILE.html`: a self-contained HTML picture of a
 * capture (README "Report"): per server a timeline of calls by interface, per
 * disk the auditor's state bands, the findings, response times per method.
 * Memory is bounded: aggregates per server, lane, disk and method, and a
 * bounded number of individual marks (report_internal.h). */
#ifndef CSVP_REPORT_H
#define CSVP_REPORT_H

#include "call_format.h"

typedef struct report report;

report *report_new(guint max_objects);
/* At the end of the capture, before report_write: the auditor's findings that need the whole capture. */
void report_finish(report *r);
/* Every decoded call goes in (the auditor sees them all); `shown`: it passed the display filters
 * (--server, --interface, ...) and is drawn. */
void report_call(report *r, const decoded_call *d, bool shown);
/* Writes the HTML to path; sealed: capture_stats' sealed_associations (the header says why calls stayed
 * encrypted), or NULL. False with a message on stderr when it cannot. */
bool report_write(const report *r, const cmd_opts *o, const GPtrArray *sealed, const char *path);
void report_free(report *r);

#endif
