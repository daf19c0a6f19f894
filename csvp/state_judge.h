/* state_judge.h - applying a rule of the table (rules.h) to one call (state_judge.c): findings for the
 * call, and the changes its answer makes to the model (state_model.h). Used by audit.c. */
#ifndef CSVP_STATE_JUDGE_H
#define CSVP_STATE_JUDGE_H

#include "rules.h"
#include "state_model.h"

/* Everything one call works on. */
typedef struct csvp_judge_ctx {
    csvp_model_call at;         /* its object, the disk it names, its transitions */
    const csvp_audit_call_in *call;
    const csvp_rule *rule;
    csvp_audit_server *server;
    bool names_no_disk;         /* the DiskId is CprepIdUnknown: the disk requirements do not apply */
    GArray *findings;           /* of csvp_finding: the call's (csvp_audit_result) */
} csvp_judge_ctx;

void csvp_judge_call(csvp_judge_ctx *c);

#endif
