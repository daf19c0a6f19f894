/* state_model.h - the auditor's abstract data model (3.2.1, 3.4.1, 3.6.1, 3.14.1): the state
 * variables of a server object and of the disks it names, the transitions recorded on their
 * timelines, and what the object holds (state_model.c; disk identity in state_disk.h).
 * Knows nothing of rules or judging: state_judge.h reads and changes the model through this. */
#ifndef CSVP_STATE_MODEL_H
#define CSVP_STATE_MODEL_H

#include "state.h"

/* A server object and about how many bytes it holds (the bound of csvp_audit_set_limits). */
typedef struct csvp_model_object {
    csvp_audit_object pub;      /* first: the public view */
    gsize bytes;                /* itself, its disks, its timelines */
    gsize *total;               /* the sum over the audit's objects */
} csvp_model_object;

/* What obj (a csvp_model_object) holds grew by about `bytes`. */
void csvp_object_grew(csvp_audit_object *obj, gsize bytes);
/* An empty timeline of csvp_audit_event, which frees the events' texts. */
GArray *csvp_timeline_new(void);

/* Where one call acts: its object, the disk it names, and where its transitions go. */
typedef struct csvp_model_call {
    csvp_audit_object *obj;
    csvp_audit_disk *disk;      /* the disk the request names, or NULL */
    guint32 frame;              /* the call's request frame: its events' frame */
    GPtrArray *transitions;     /* of char*: the call's transitions (csvp_audit_result) */
} csvp_model_call;

/* ClusPrepDisk.AttachedState, OwnedState and OnlineState belong to a disk; the others to the object. */
bool csvp_var_is_disk(csvp_state_var v);
int csvp_var_get(const csvp_model_call *m, csvp_state_var v);
/* Set a variable; records "<subject>: <Var> <old> -> <new><why>" when it changes. */
void csvp_var_set(csvp_model_call *m, csvp_state_var v, int value, const char *why);
/* Record a transition on d's timeline (the object's when d is NULL); takes text. */
void csvp_record_event(csvp_model_call *m, csvp_audit_disk *d, char *text);

#endif
