/* audit_report.h - `csvpdump --audit`: feed decoded calls to the csvp auditor,
 * print findings (JSON "finding" objects) and, at the end, per server the
 * timeline of state transitions per disk and a findings report. */
#ifndef CSVP_AUDIT_REPORT_H
#define CSVP_AUDIT_REPORT_H

#include "call_format.h"
#include "audit.h"

#include <stdio.h>

typedef struct audit_report audit_report;

/* What the auditor's objects, disks and timelines may hold together, in MiB (csvp_audit_set_limits). */
#define AUDIT_STATE_MIB 16

/* text_report: the end-of-capture report is wanted (not with --json); max_objects: auditor objects held at
 * once and AUDIT_STATE_MIB; the report stays complete, waiting in a temporary file (spill.h). */
audit_report *audit_report_new(bool text_report, guint max_objects);
/* Judge one decoded call; with json, appends the call's "state" key text to state_json (",\"state\":{...}")
 * and the call's "finding" lines to findings_json. */
void audit_report_call(audit_report *r, const decoded_call *d, GString *state_json, GString *findings_json);
/* At the end of the capture: judge what needs the whole capture (findings counted and kept for the
 * report; with json, "finding" objects then one "verdict" object per server and disk appended to json). */
void audit_report_finish(audit_report *r, GString *json);
/* Writes the report; false on a temporary-file error (audit_report_error). */
bool audit_report_print(audit_report *r, FILE *out);
const char *audit_report_error(const audit_report *r);
/* Objects evicted over max_objects. */
guint64 audit_report_evicted(const audit_report *r);
/* Counts by csvp_finding_kind, and of error-severity findings. */
const guint64 *audit_report_counts(const audit_report *r);
guint64 audit_report_errors(const audit_report *r);
void audit_report_free(audit_report *r);

#endif
