/* state_names.h - how the auditor spells states and statuses in its messages (state_names.c).
 * The bottom of the auditor: knows the state variables, nothing of objects, rules or judging.
 * The public names (csvp_state_var_name, csvp_finding_kind_name, ...) are declared in state.h. */
#ifndef CSVP_STATE_NAMES_H
#define CSVP_STATE_NAMES_H

#include "state.h"

/* "Prepare State", "ClusPrepDisk.OwnedState", ... as the spec writes them in prose. */
const char *csvp_state_var_prose(csvp_state_var v);
/* "S_OK", "ERROR_INVALID_STATE (0x8007139F)", "0x80070005", written into buf. */
#define CSVP_STATUS_TEXT_LEN 64
const char *csvp_status_text(guint32 hr, char buf[CSVP_STATUS_TEXT_LEN]);

#endif
