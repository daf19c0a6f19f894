/* state_model.c - the state variables of server objects and their disks (3.2.1, 3.4.1, 3.6.1,
 * 3.14.1), the transitions recorded on timelines, and what each object holds. */
#include "state_model.h"

#include <string.h>

void csvp_object_grew(csvp_audit_object *obj, gsize bytes)
{
    csvp_model_object *m = (csvp_model_object *)obj;
    m->bytes += bytes;
    *m->total += bytes;
}

static void event_clear(gpointer p)
{
    g_free(((csvp_audit_event *)p)->text);
}

GArray *csvp_timeline_new(void)
{
    GArray *timeline = g_array_new(FALSE, FALSE, sizeof(csvp_audit_event));
    g_array_set_clear_func(timeline, event_clear);
    return timeline;
}

bool csvp_var_is_disk(csvp_state_var v)
{
    return v == CSVP_VAR_ATTACHED || v == CSVP_VAR_OWNED || v == CSVP_VAR_ONLINE;
}

int csvp_var_get(const csvp_model_call *m, csvp_state_var v)
{
    if (!csvp_var_is_disk(v))
        return m->obj->value[v];
    if (!m->disk)
        return 0;
    return v == CSVP_VAR_ATTACHED ? (int)m->disk->attached : v == CSVP_VAR_OWNED ? (int)m->disk->owned
                                                                                : (int)m->disk->online;
}

void csvp_record_event(csvp_model_call *m, csvp_audit_disk *d, char *text)
{
    g_ptr_array_add(m->transitions, g_strdup(text));
    GArray *timeline = d ? d->timeline : m->obj->timeline;
    if (timeline->len >= CSVP_AUDIT_MAX_EVENTS) {
        (*(d ? &d->events_dropped : &m->obj->events_dropped))++;
        g_free(text);
        return;
    }
    csvp_audit_event e = { m->frame, text };
    g_array_append_val(timeline, e);
    csvp_object_grew(m->obj, sizeof e + strlen(text) + 1);
}

void csvp_var_set(csvp_model_call *m, csvp_state_var v, int value, const char *why)
{
    int old = csvp_var_get(m, v);
    if (old == value || (csvp_var_is_disk(v) && !m->disk))
        return;
    if (!csvp_var_is_disk(v))
        m->obj->value[v] = value;
    else if (v == CSVP_VAR_ATTACHED)
        m->disk->attached = value;
    else if (v == CSVP_VAR_OWNED)
        m->disk->owned = value;
    else
        m->disk->online = value;
    bool disk = csvp_var_is_disk(v);
    /* concatenated, not printf-formatted: a transition is recorded on most calls */
    char *text = g_strconcat(disk ? "disk " : "", disk ? m->disk->label : "", disk ? ": " : "",
                             csvp_state_var_name(v), " ", csvp_state_value_name(v, old), " -> ",
                             csvp_state_value_name(v, value), why ? why : "", NULL);
    csvp_record_event(m, disk ? m->disk : NULL, text);
}
