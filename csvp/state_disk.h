/* state_disk.h - ClusPrepDisk identity (3.2.1, 2.2.2) and each disk's verdict (state_disk.c).
 * Part of the model (state_model.h): knows nothing of rules or judging. */
#ifndef CSVP_STATE_DISK_H
#define CSVP_STATE_DISK_H

#include "state_model.h"

/* How a CPREP_DISKID names a disk (2.2.2). */
typedef enum disk_id_kind { DISK_ID_NONE, DISK_ID_SIGNATURE, DISK_ID_GUID, DISK_ID_NUMBER } disk_id_kind;
typedef struct disk_name {
    disk_id_kind kind;
    guint32 value;              /* signature or device number */
    guint8 guid[16];
} disk_name;

/* False if diskid is not a decoded CPREP_DISKID; kind DISK_ID_NONE for CprepIdUnknown. */
bool csvp_disk_name_read(const csvp_node *diskid, disk_name *out);
/* The disk `name` names, created if new; NULL when the object already tracks CSVP_AUDIT_MAX_DISKS. */
csvp_audit_disk *csvp_disk_get(csvp_audit_object *obj, const disk_name *name);
/* GetProps(3) (3.2.4.5, 3.4.4.7): the disk numbered `number` is the one `name` names; merges two records
 * into one, and records it as a transition of the call `method`. */
void csvp_disk_link(csvp_model_call *m, guint32 number, const disk_name *name, const char *method);
void csvp_disk_free(gpointer d);
void csvp_disk_reset(csvp_audit_disk *d);  /* NotAttached, NotOwned, NotOnline (3.2.4.4) */
/* After a call `method` naming d: the furthest state reached and the first call that failed (the verdict). */
void csvp_disk_progress(csvp_audit_disk *d, const csvp_audit_call_in *call, const char *method);

#endif
