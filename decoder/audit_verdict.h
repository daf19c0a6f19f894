/* audit_verdict.h - per-disk verdicts of the conformance audit (json-output.md "verdict"). */
#ifndef CSVP_AUDIT_VERDICT_H
#define CSVP_AUDIT_VERDICT_H

#include "audit.h"

#include <stdbool.h>

/* One line per server and disk (text), or one "verdict" object per line (json), appended to out. */
void audit_verdicts(const csvp_audit *a, GString *out, bool json);

#endif
