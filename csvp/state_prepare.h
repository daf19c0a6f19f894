/* state_prepare.h - the Prepare State of an IClusterStorage2/3 object whose start the capture missed,
 * judged on all of its calls at the end (state_prepare.c; state.h csvp_audit_finish). Reads the model
 * and the rule table; state_judge.c defers such calls here and audit.c finishes them. */
#ifndef CSVP_STATE_PREPARE_H
#define CSVP_STATE_PREPARE_H

#include "rules.h"
#include "state_model.h"

csvp_prep_log *csvp_prep_log_new(void);
/* The object's Prepare State is judged at the end: its calls are kept. */
bool csvp_prep_deferred(const csvp_audit_object *obj);
/* Keep the call `rule` on obj, naming disk (or NULL); k: its Prepare State requirement. */
void csvp_prep_record(csvp_audit_object *obj, const csvp_audit_call_in *call, const csvp_rule *rule,
                      const csvp_cond *k, const csvp_audit_disk *disk);
/* Judge the object's kept calls (findings to sink) and forget them. */
void csvp_prep_finish(const csvp_audit_server *srv, csvp_audit_object *obj, const csvp_audit_sink *sink);

#endif
