/* state_disk.c - ClusPrepDisk identity (3.2.1, 2.2.2).
 *
 * A CPREP_DISKID names a disk by signature, GUID or device number. One
 * ClusPrepDisk may be named all three ways; a CprepDiskGetProps(3) response
 * (DiskNumber plus DiskId, 2.2.5/2.2.6) says which names go together, and the
 * records are joined into one.
 */
#include "state_disk.h"

#include <string.h>

/* CPREP_DISKID_ENUM (2.2.1) */
enum { ID_SIGNATURE = 0x00000000, ID_GUID = 0x00000001, ID_NUMBER = 0x00000fa0 };

bool csvp_disk_name_read(const csvp_node *diskid, disk_name *out)
{
    memset(out, 0, sizeof *out);
    const csvp_node *type = csvp_node_child(diskid, "DiskIdType");
    if (!type || type->kind != CSVP_N_UINT)
        return false;
    const csvp_node *v = NULL;
    switch (type->v.u) {
    case ID_SIGNATURE:
        v = csvp_node_child(diskid, "DiskSignature");
        out->kind = DISK_ID_SIGNATURE;
        break;
    case ID_NUMBER:
        v = csvp_node_child(diskid, "DeviceNumber");
        out->kind = DISK_ID_NUMBER;
        break;
    case ID_GUID:
        v = csvp_node_child(diskid, "DiskGuid");
        if (!v || v->kind != CSVP_N_GUID)
            return false;
        out->kind = DISK_ID_GUID;
        memcpy(out->guid, v->v.guid, 16);
        return true;
    default:                    /* CprepIdUnknown (2.2.1): a valid DiskId that names no disk */
        out->kind = DISK_ID_NONE;
        return true;
    }
    if (!v || v->kind != CSVP_N_UINT)
        return false;
    out->value = (guint32)v->v.u;
    return true;
}

static bool disk_matches(const csvp_audit_disk *d, const disk_name *n)
{
    switch (n->kind) {
    case DISK_ID_SIGNATURE:
        return d->has_signature && d->signature == n->value;
    case DISK_ID_GUID:
        return d->has_guid && memcmp(d->guid, n->guid, 16) == 0;
    case DISK_ID_NUMBER:
        return d->has_number && d->number == n->value;
    default:
        return false;
    }
}

static void disk_add_name(csvp_audit_disk *d, const disk_name *n)
{
    switch (n->kind) {
    case DISK_ID_SIGNATURE:
        d->has_signature = true;
        d->signature = n->value;
        break;
    case DISK_ID_GUID:
        d->has_guid = true;
        memcpy(d->guid, n->guid, 16);
        break;
    case DISK_ID_NUMBER:
        d->has_number = true;
        d->number = n->value;
        break;
    default:
        break;
    }
}

/* The best name: signature, else GUID, else device number. */
static void disk_relabel(csvp_audit_disk *d)
{
    if (d->has_signature) {
        g_snprintf(d->label, sizeof d->label, "Signature 0x%08X", d->signature);
    } else if (d->has_guid) {
        char g[37];
        csvp_guid_text(d->guid, g);
        g_snprintf(d->label, sizeof d->label, "Guid %s", g);
    } else {
        g_snprintf(d->label, sizeof d->label, "Number %u", d->number);
    }
}

void csvp_disk_free(gpointer p)
{
    csvp_audit_disk *d = p;
    if (d->timeline)
        g_array_free(d->timeline, TRUE);
    g_free(d);
}

void csvp_disk_reset(csvp_audit_disk *d)
{
    d->attached = CSVP_NOT_ATTACHED;
    d->owned = CSVP_NOT_OWNED;
    d->online = CSVP_NOT_ONLINE;
}

static csvp_audit_disk *disk_find(csvp_audit_object *obj, const disk_name *name)
{
    for (guint i = 0; i < obj->disks->len; i++) {
        csvp_audit_disk *d = g_ptr_array_index(obj->disks, i);
        if (disk_matches(d, name))
            return d;
    }
    return NULL;
}

csvp_audit_disk *csvp_disk_get(csvp_audit_object *obj, const disk_name *name)
{
    csvp_audit_disk *d = disk_find(obj, name);
    if (d)
        return d;
    if (obj->disks->len >= CSVP_AUDIT_MAX_DISKS) {
        obj->disks_dropped++;
        return NULL;
    }
    d = g_new0(csvp_audit_disk, 1);
    disk_add_name(d, name);
    disk_relabel(d);
    /* After CprepPrepareNodePhase2 every disk of the list starts NotAttached, NotOwned, NotOnline
     * (3.2.4.4); a disk first named before that, or in a capture begun mid-session, is Unknown. */
    if (obj->disk_list_known)
        csvp_disk_reset(d);
    d->timeline = csvp_timeline_new();
    g_ptr_array_add(obj->disks, d);
    csvp_object_grew(obj, sizeof *d + sizeof d + 32);   /* and the timeline's GArray */
    return d;
}

static gint event_cmp(gconstpointer a, gconstpointer b)
{
    guint32 fa = ((const csvp_audit_event *)a)->frame, fb = ((const csvp_audit_event *)b)->frame;
    return fa < fb ? -1 : fa > fb;
}

/* Join `from` into `into`: names, timelines, and each state `into` does not know. */
static void disk_merge(csvp_audit_object *obj, csvp_audit_disk *into, csvp_audit_disk *from)
{
    if (from->has_signature)
        into->has_signature = true, into->signature = from->signature;
    if (from->has_guid)
        into->has_guid = true, memcpy(into->guid, from->guid, 16);
    if (from->has_number)
        into->has_number = true, into->number = from->number;
    if (!into->attached)
        into->attached = from->attached;
    if (!into->owned)
        into->owned = from->owned;
    if (!into->online)
        into->online = from->online;
    into->events_dropped += from->events_dropped;
    into->reached = MAX(into->reached, from->reached);
    if (from->stopped && (!into->stopped || from->stop_frame < into->stop_frame))
        into->stopped = true, into->stop_frame = from->stop_frame, into->stop_status = from->stop_status,
        into->stop_method = from->stop_method;
    for (int k = 0; k < 4; k++)
        into->n_findings[k] += from->n_findings[k];
    g_array_append_vals(into->timeline, from->timeline->data, from->timeline->len);
    g_array_set_clear_func(from->timeline, NULL);   /* the texts moved */
    g_array_sort(into->timeline, event_cmp);        /* stable in glib */
    g_ptr_array_remove(obj->disks, from);
}

static void name_text(const disk_name *n, char out[64])
{
    csvp_audit_disk tmp = { 0 };
    disk_add_name(&tmp, n);
    disk_relabel(&tmp);
    memcpy(out, tmp.label, 64);
}

void csvp_disk_link(csvp_model_call *m, guint32 number, const disk_name *name, const char *method)
{
    disk_name num = { .kind = DISK_ID_NUMBER, .value = number };
    csvp_audit_disk *a = disk_find(m->obj, name), *b = disk_find(m->obj, &num);
    if (a && a == b)
        return;
    char named[64];
    name_text(name, named);
    if (a && b) {
        disk_merge(m->obj, a, b);
        if (m->disk == b)
            m->disk = a;
    } else if (b) {
        disk_add_name(b, name);
        a = b;
    } else if ((a = csvp_disk_get(m->obj, name)) != NULL) {
        disk_add_name(a, &num);
    } else {
        return;                                     /* over CSVP_AUDIT_MAX_DISKS */
    }
    disk_relabel(a);
    csvp_record_event(m, a, g_strdup_printf("disk Number %u is disk %s (%s)", number, named, method));
}

/* The verdict: how far the disk got (3.2.1: Attached, then OwnedByThisServer, then Online) and the first
 * call naming it that failed or faulted. */
void csvp_disk_progress(csvp_audit_disk *d, const csvp_audit_call_in *call, const char *method)
{
    guint8 now = d->online == CSVP_ONLINE                ? 3
                 : d->owned == CSVP_OWNED_BY_THIS_SERVER ? 2
                 : d->attached == CSVP_ATTACHED          ? 1
                                                         : 0;
    d->reached = MAX(d->reached, now);
    bool failed = call->faulted || (call->has_hresult && (gint32)call->hresult < 0);
    if (!failed || d->stopped)
        return;
    d->stopped = true;
    d->stop_frame = call->frame;
    d->stop_status = call->faulted ? call->fault_status : call->hresult;
    d->stop_method = method;
}
