/* state_internal.h - shared between state.c (objects, results), state_disk.c
 * (disk identity) and state_judge.c (applying the rules). Not public. */
#ifndef CSVP_STATE_INTERNAL_H
#define CSVP_STATE_INTERNAL_H

#include "rules.h"

/* How a CPREP_DISKID names a disk (2.2.2). */
typedef enum disk_id_kind { DISK_ID_NONE, DISK_ID_SIGNATURE, DISK_ID_GUID, DISK_ID_NUMBER } disk_id_kind;
typedef struct disk_name {
    disk_id_kind kind;
    guint32 value;              /* signature or device number */
    guint8 guid[16];
} disk_name;

/* Everything one call works on. */
typedef struct audit_ctx {
    const csvp_audit_call_in *call;
    const csvp_rule *rule;
    csvp_audit_server *server;
    csvp_audit_object *obj;
    csvp_audit_disk *disk;      /* the disk the request names, or NULL */
    bool names_no_disk;         /* the DiskId is CprepIdUnknown: the disk requirements do not apply */
    csvp_audit_result *out;
} audit_ctx;

/* state_disk.c */
/* False if diskid is not a decoded CPREP_DISKID; kind DISK_ID_NONE for CprepIdUnknown. */
bool disk_name_read(const csvp_node *diskid, disk_name *out);
/* The disk `name` names, created if new; NULL when the object already tracks CSVP_AUDIT_MAX_DISKS. */
csvp_audit_disk *disk_get(csvp_audit_object *obj, const disk_name *name);
/* GetProps(3): the disk numbered `number` is the one `name` names; merges two records into one. */
void disk_link(audit_ctx *c, guint32 number, const disk_name *name);
void disk_free(gpointer d);
void disk_reset(csvp_audit_disk *d);  /* NotAttached, NotOwned, NotOnline (3.2.4.4) */
/* After a call naming d: the furthest state reached and the first call that failed (the verdict). */
void disk_progress(csvp_audit_disk *d, const csvp_audit_call_in *call, const csvp_rule *rule);

/* state.c: what obj holds grew by about `bytes` (counted by the bound of csvp_audit_set_limits). */
void object_grew(csvp_audit_object *obj, gsize bytes);

/* state.c: state access and recording */
int var_get(const audit_ctx *c, csvp_state_var v);
/* Set a variable; records "<subject>: <Var> <old> -> <new><why>" when it changes. */
void var_set(audit_ctx *c, csvp_state_var v, int value, const char *why);
bool var_is_disk(csvp_state_var v);
void record_event(audit_ctx *c, csvp_audit_disk *d, char *text); /* takes text */
void add_finding(audit_ctx *c, csvp_finding_kind k, csvp_severity s, const char *rule, char *message);
/* "Prepare State", "ClusPrepDisk.OwnedState", ... as the spec writes them in prose. */
const char *var_prose(csvp_state_var v);
/* "S_OK", "ERROR_INVALID_STATE (0x8007139F)", "0x80070005", written into buf. */
#define STATUS_TEXT_LEN 64
const char *status_text(guint32 hr, char buf[STATUS_TEXT_LEN]);

/* state_prepare.c: the Prepare State of an object the capture joined late (state.h) */
csvp_prep_log *prep_log_new(void);
bool prep_deferred(const audit_ctx *c);   /* the object's Prepare State is judged at the end */
void prep_record(audit_ctx *c, const csvp_cond *k);  /* keep the call; k: its Prepare State requirement */
void prep_finish(const csvp_audit_server *srv, csvp_audit_object *o, const csvp_audit_sink *sink);

/* state_judge.c */
void judge_call(audit_ctx *c);

#endif
