/* report.c - collects what `csvpdump --report` draws (report_internal.h):
 * every call goes through an auditor of its own, the shown calls become marks
 * or time-bucket counts, the auditor's transitions become disk state bands. */
#include "report_internal.h"
#include "audit_report.h"
#include "fmt.h"
#include "ipid_alias.h"
#include "summary.h"

#include <string.h>

#define MAX_TITLE 400   /* bytes of a mark's title kept */

const char *report_outcome_name(report_outcome o)
{
    static const char *const names[OUT_N] = { "success", "error", "fault", "no response", "encrypted" };
    return names[o];
}

gint64 report_rt_bin_floor(guint i)
{
    return i ? (gint64)128 << (i - 1) : 0;
}

static void on_late(void *user, const csvp_audit_late *l);

report *report_new(guint max_objects)
{
    report *r = g_new0(report, 1);
    r->audit = csvp_audit_new();
    /* The same bounds as --audit (README "Limits"): the report keeps its own copies of what it draws. */
    csvp_audit_set_limits(r->audit, max_objects, (gsize)AUDIT_STATE_MIB << 20, NULL, NULL);
    csvp_audit_sink late = { .finding = on_late, .user = r };
    csvp_audit_set_late_sink(r->audit, &late);
    r->aliases = ipid_alias_new();
    r->servers = g_ptr_array_new();
    r->statuses = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    r->findings = g_array_new(FALSE, FALSE, sizeof(report_finding));
    r->bucket_width = 1000;
    return r;
}

static report_server *server_get(report *r, const char *name)
{
    for (guint i = 0; i < r->servers->len; i++) {
        report_server *s = g_ptr_array_index(r->servers, i);
        if (strcmp(s->name, name) == 0)
            return s;
    }
    if (r->servers->len >= REPORT_MAX_SERVERS)
        return NULL;
    report_server *s = g_new0(report_server, 1);
    s->name = g_strdup(name);
    s->lanes = g_ptr_array_new();
    s->marks = g_array_new(FALSE, FALSE, sizeof(report_mark));
    s->frame_marks = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    s->disks = g_ptr_array_new();
    s->rts = g_ptr_array_new();
    g_ptr_array_add(r->servers, s);
    return s;
}

static int lane_get(report_server *s, const char *name)
{
    for (guint i = 0; i < s->lanes->len; i++)
        if (strcmp(((report_lane *)g_ptr_array_index(s->lanes, i))->name, name) == 0)
            return (int)i;
    if (s->lanes->len > 255)
        return -1;
    report_lane *l = g_new0(report_lane, 1);
    l->name = g_strdup(name);
    l->agg = g_malloc0(sizeof(guint32[OUT_N]) * REPORT_BUCKETS);
    g_ptr_array_add(s->lanes, l);
    return (int)s->lanes->len - 1;
}

/* Halves the bucket resolution until t fits. */
static void buckets_fit(report *r, gint64 t)
{
    while (t - r->bucket_origin >= (gint64)REPORT_BUCKETS * r->bucket_width) {
        for (guint i = 0; i < r->servers->len; i++) {
            report_server *s = g_ptr_array_index(r->servers, i);
            for (guint j = 0; j < s->lanes->len; j++) {
                report_lane *l = g_ptr_array_index(s->lanes, j);
                for (guint b = 0; b < REPORT_BUCKETS; b++)
                    for (guint k = 0; k < OUT_N; k++)
                        l->agg[b][k] = b < REPORT_BUCKETS / 2 ? l->agg[2 * b][k] + l->agg[2 * b + 1][k] : 0;
            }
        }
        r->bucket_width *= 2;
    }
}

static void aggregate(report *r, report_lane *l, gint64 t, report_outcome o)
{
    guint b = t <= r->bucket_origin ? 0 : (guint)((t - r->bucket_origin) / r->bucket_width);
    l->agg[b][o]++;
}

/* How many marks this server drew for the frame before: two calls whose PDUs share a TCP segment
 * end in one frame, and each mark needs an id of its own. At most REPORT_MAX_OK_MARKS +
 * REPORT_MAX_MARKS keys, as no more marks are ever made. */
static guint32 frame_mark_ordinal(report_server *s, guint file, guint64 frame)
{
    gint64 key = (gint64)((guint64)file << 48 | (frame & ((G_GUINT64_CONSTANT(1) << 48) - 1)));
    guint32 n = GPOINTER_TO_UINT(g_hash_table_lookup(s->frame_marks, &key));
    g_hash_table_replace(s->frame_marks, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(n + 1));
    return n;
}

/* Too many successful calls to draw one by one: from now on all of them are bucketed. */
static void aggregate_ok_marks(report *r)
{
    for (guint i = 0; i < r->servers->len; i++) {
        report_server *s = g_ptr_array_index(r->servers, i);
        guint kept = 0;
        for (guint j = 0; j < s->marks->len; j++) {
            report_mark *m = &g_array_index(s->marks, report_mark, j);
            if (m->outcome == OUT_OK && !m->finding) {
                aggregate(r, g_ptr_array_index(s->lanes, m->lane), m->t_us, OUT_OK);
                g_free(m->title);
            } else {
                g_array_index(s->marks, report_mark, kept++) = *m;
            }
        }
        g_array_set_size(s->marks, kept);
    }
    r->ok_aggregated = true;
    r->n_ok_marks = 0;
}

static report_outcome outcome_of(const decoded_call *d)
{
    const rpc_call *c = d->call;
    if (c->faulted)
        return OUT_FAULT;
    if (!c->response_frame)
        return OUT_NORESP;
    if (c->request_encrypted || c->response_encrypted)
        return OUT_ENCRYPTED;
    if ((d->has_hresult && (d->hresult & 0x80000000u)) || c->request_unverified || c->response_unverified ||
        d->n_errors)
        return OUT_ERROR;
    return OUT_OK;
}

static void count_status(report *r, const char *status)
{
    guint64 *n = g_hash_table_lookup(r->statuses, status);
    if (!n && g_hash_table_size(r->statuses) >= REPORT_MAX_STATUSES) {
        r->statuses_other++;
        return;
    }
    if (!n) {
        n = g_new0(guint64, 1);
        g_hash_table_insert(r->statuses, g_strdup(status), n);
    }
    (*n)++;
}

static void call_title(GString *out, const decoded_call *d)
{
    const rpc_call *c = d->call;
    if (is_orphan_fault(d)) {   /* as format_fault_text says it */
        csvp_append_printf(out, "%s%sfault for call_id %u (", d->itf ? d->itf->name : "", d->itf ? " " : "", c->call_id);
        if (c->frame)
            csvp_append_printf(out, "request in frame %" G_GUINT64_FORMAT " not decoded) -> ", c->frame);
        else
            csvp_gs_puts(out, "request not captured) -> ");
    } else if (d->itf) {
        csvp_append_printf(out, "%s.", d->itf->name);
        format_method_name(out, d);
        g_string_append_c(out, '(');
        if (c->request_encrypted)
            csvp_gs_puts(out, "encrypted");
        else
            csvp_summary_args(out, d->req, CSVP_IN, ", ");
        csvp_gs_puts(out, ") -> ");
    } else {
        csvp_append_printf(out, "opnum %u -> ", c->opnum);
    }
    format_status(out, d);
    if (d->n_errors && !is_orphan_fault(d))   /* as the text output lists them under the call */
        csvp_append_printf(out, " (%u decoding problem%s, see the text output)", d->n_errors, d->n_errors == 1 ? "" : "s");
}

static void add_rt(report_server *s, const char *method, gint64 rt)
{
    report_rt *x = NULL;
    for (guint i = 0; i < s->rts->len && !x; i++)
        if (strcmp(((report_rt *)g_ptr_array_index(s->rts, i))->method, method) == 0)
            x = g_ptr_array_index(s->rts, i);
    if (!x && s->rts->len >= REPORT_MAX_METHODS) {
        s->rts_dropped++;
        return;
    }
    if (!x) {
        x = g_new0(report_rt, 1);
        x->method = g_strdup(method);
        x->min = rt;
        g_ptr_array_add(s->rts, x);
    }
    x->n++;
    x->min = MIN(x->min, rt);
    x->max = MAX(x->max, rt);
    x->sum += (double)rt;
    guint b = 0;
    while (b + 1 < REPORT_RT_BINS && rt >= report_rt_bin_floor(b + 1))
        b++;
    x->bins[b]++;
}

static report_disk *disk_get(report_server *s, const char *object, const char *label)
{
    for (guint i = 0; i < s->disks->len; i++) {
        report_disk *k = g_ptr_array_index(s->disks, i);
        if (strcmp(k->label, label) == 0 && strcmp(k->object, object) == 0)
            return k;
        s->disks_on_objects |= strcmp(k->object, object) != 0;
    }
    if (s->disks->len >= REPORT_MAX_DISKS) {
        s->disks_dropped++;
        return NULL;
    }
    report_disk *k = g_new0(report_disk, 1);
    g_strlcpy(k->label, label, sizeof k->label);
    k->object = g_strdup(object);
    for (int v = 0; v < 3; v++)
        k->seg[v] = g_array_new(FALSE, FALSE, sizeof(report_segment));
    g_ptr_array_add(s->disks, k);
    return k;
}

static void add_segment(report_disk *k, int v, gint64 t, const rpc_call *c, bool transition, const char *value)
{
    if (k->seg[v]->len >= REPORT_MAX_SEGMENTS) {
        k->dropped++;
        return;
    }
    report_segment sg = { t, c->frame, c->file_index, transition, value };
    g_array_append_val(k->seg[v], sg);
}

/* The static spelling of a value name of variable CSVP_VAR_ATTACHED + v, or NULL. */
static const char *value_static(int v, const char *text, gsize len)
{
    for (int i = 0; i < 4; i++) {
        const char *name = csvp_state_value_name(CSVP_VAR_ATTACHED + v, i);
        if (strlen(name) == len && strncmp(name, text, len) == 0)
            return name;
    }
    return NULL;
}

/* "disk LABEL: AttachedState Old -> New" moves LABEL's band at time t. */
static void disk_transition(report_server *s, const char *object, const char *text, const rpc_call *c, gint64 t)
{
    const char *colon = g_str_has_prefix(text, "disk ") ? strstr(text, ": ") : NULL;
    const char *arrow = colon ? strstr(colon, " -> ") : NULL;
    if (!arrow || (gsize)(colon - text - 5) >= 64)
        return;
    for (int v = 0; v < 3; v++) {
        const char *var = csvp_state_var_name(CSVP_VAR_ATTACHED + v);
        gsize n = strlen(var);
        if (strncmp(colon + 2, var, n) != 0 || colon[2 + n] != ' ')
            continue;
        const char *old = value_static(v, colon + 3 + n, (gsize)(arrow - (colon + 3 + n)));
        const char *new = value_static(v, arrow + 4, strlen(arrow + 4));
        char label[64];
        g_strlcpy(label, text + 5, (gsize)(colon - text - 5) + 1);
        report_disk *k = old && new ? disk_get(s, object, label) : NULL;
        if (!k)
            return;
        if (!k->seg[v]->len)
            add_segment(k, v, c->time_us, c, false, old);
        add_segment(k, v, t, c, true, new);
    }
}

/* The disk a call names: a value no transition of this call explains (first seen, or set by a call naming
 * no disk, as CprepPrepareNodePhase2's new disk list) starts where this call shows it. */
static void disk_seen(report_server *s, const char *object, const csvp_audit_state *st, const rpc_call *c)
{
    report_disk *k = st->disk[0] ? disk_get(s, object, st->disk) : NULL;
    for (int v = 0; k && v < 3; v++) {
        if (!st->has[CSVP_VAR_ATTACHED + v])
            continue;
        const char *value = csvp_state_value_name(CSVP_VAR_ATTACHED + v, st->value[CSVP_VAR_ATTACHED + v]);
        const GArray *seg = k->seg[v];
        if (!seg->len || strcmp(g_array_index(seg, report_segment, seg->len - 1).value, value) != 0)
            add_segment(k, v, c->time_us, c, false, value);
    }
}

static void keep_finding(report *r, const decoded_call *d, const char *server, const csvp_finding *f)
{
    r->findings_n[f->kind]++;
    if (r->findings->len >= REPORT_MAX_FINDINGS) {
        r->findings_dropped++;
        return;
    }
    report_finding k = { d->call->frame, d->call->file_index, g_strdup(server),
                         g_strdup_printf("%s.%s", d->itf->name, d->method->name), g_strdup(f->message),
                         f->kind, f->severity, f->rule, false, 0 };
    g_array_append_val(r->findings, k);
}

/* A finding that needed the whole capture (csvp_audit_finish, or its object's eviction): kept like the
 * others, and linked when its call was drawn as a mark of its own. */
static void on_late(void *user, const csvp_audit_late *l)
{
    report *r = user;
    r->findings_n[l->finding.kind]++;
    if (r->findings->len >= REPORT_MAX_FINDINGS) {
        r->findings_dropped++;
        return;
    }
    report_finding k = { l->frame, 0, g_strdup(l->server), g_strdup_printf("%s.%s", l->itf, l->method),
                         g_strdup(l->finding.message), l->finding.kind, l->finding.severity, l->finding.rule,
                         false, 0 };
    for (guint i = 0; i < r->servers->len && !k.linked; i++) {
        report_server *s = g_ptr_array_index(r->servers, i);
        for (guint j = 0; strcmp(s->name, l->server) == 0 && j < s->marks->len; j++) {
            report_mark *m = &g_array_index(s->marks, report_mark, j);
            /* The call of that frame the finding is about: its method, when several share the frame. */
            if (m->frame == l->frame && g_str_has_prefix(m->title, k.call) && m->title[strlen(k.call)] == '(') {
                m->finding = k.linked = true;
                k.file = m->file;
                k.nth = m->nth;
                break;
            }
        }
    }
    g_array_append_val(r->findings, k);
}

void report_finish(report *r)
{
    csvp_audit_sink sink = { .finding = on_late, .user = r };
    csvp_audit_finish(r->audit, &sink);
}

/* Runs the auditor on the call; the number of its findings. */
static guint audit(report *r, report_server *s, const decoded_call *d, const char *server)
{
    const rpc_call *c = d->call;
    if (!d->itf)
        ipid_alias_learn(r->aliases, c);
    if (!d->itf || !d->method || d->method->iunknown || d->method->not_used_on_wire || !c->request_seen)
        return 0;
    char *object = ipid_alias_key(r->aliases, c);
    csvp_audit_call_in in = {
        .server = server, .object = object, .itf = d->itf, .method = d->method, .request = d->req,
        .response = d->resp, .has_hresult = d->has_hresult, .hresult = d->hresult, .faulted = c->faulted,
        .fault_status = c->fault_status, .frame = (guint32)c->frame,
    };
    csvp_audit_result res;
    csvp_audit_call(r->audit, &in, &res);
    gint64 t = c->response_ts_us ? c->response_ts_us : c->time_us;
    for (guint i = 0; s && i < res.transitions->len; i++)
        disk_transition(s, object, g_ptr_array_index(res.transitions, i), c, t);
    if (s)
        disk_seen(s, object, &res.state, c);
    for (guint i = 0; i < res.findings->len; i++)
        keep_finding(r, d, server, &g_array_index(res.findings, csvp_finding, i));
    guint n = res.findings->len;
    csvp_audit_result_clear(&res);
    g_free(object);
    return n;
}

static void add_time(report *r, gint64 t)
{
    if (!r->have_time) {
        r->t0 = r->t1 = r->bucket_origin = t;
        r->have_time = true;
    }
    r->t0 = MIN(r->t0, t);
    r->t1 = MAX(r->t1, t);
    buckets_fit(r, t);
}

/* Draws the call: its own mark when within the limits, else a bucket count. */
static void add_mark(report *r, report_server *s, const decoded_call *d, report_outcome o, bool finding)
{
    const rpc_call *c = d->call;
    gint64 t = c->request_seen ? c->time_us : c->response_ts_us;
    add_time(r, t);
    if (c->response_ts_us)
        add_time(r, c->response_ts_us);
    int lane = lane_get(s, d->itf ? d->itf->name : "other DCE/RPC");
    if (lane < 0)
        return;
    report_lane *l = g_ptr_array_index(s->lanes, lane);
    l->n[o]++;
    bool ok = o == OUT_OK && !finding;
    if (ok && !r->ok_aggregated && r->n_ok_marks >= REPORT_MAX_OK_MARKS)
        aggregate_ok_marks(r);
    if (ok ? r->ok_aggregated : r->n_marks >= REPORT_MAX_MARKS) {
        aggregate(r, l, t, o);
        r->marks_aggregated += !ok;
        return;
    }
    GString *title = g_string_new(NULL);
    call_title(title, d);
    if (title->len > MAX_TITLE)
        g_string_truncate(title, MAX_TITLE);
    bool orphan = is_orphan_fault(d);   /* drawn at the fault's frame, as the text output shows it */
    report_mark m = { t, c->response_ts_us && !orphan ? c->response_time_us : 0, orphan ? c->response_frame : c->frame,
                      orphan ? c->response_file_index : c->file_index, (guint8)o,
                      (guint8)lane, finding, g_utf8_make_valid(title->str, (gssize)title->len), 0 };
    g_string_free(title, TRUE);
    m.nth = frame_mark_ordinal(s, m.file, m.frame);
    g_array_append_val(s->marks, m);
    if (ok)
        r->n_ok_marks++;
    else
        r->n_marks++;
}

void report_call(report *r, const decoded_call *d, bool shown)
{
    char *server = endpoint_host(d->call->server);
    report_server *s = shown ? server_get(r, server) : NULL;
    guint first_finding = r->findings->len;
    guint findings = audit(r, s, d, server);
    if (shown) {
        report_outcome o = outcome_of(d);
        r->calls++;
        r->n[o]++;
        if (o != OUT_OK && o != OUT_ENCRYPTED) {   /* an encrypted call's status is unknown, not a failure */
            GString *st = g_string_new(NULL);
            format_status(st, d);
            count_status(r, st->str);
            g_string_free(st, TRUE);
        }
        if (!s) {
            r->servers_dropped_calls++;
        } else {
            s->n[o]++;
            guint marks = s->marks->len;
            add_mark(r, s, d, o, findings > 0);
            for (guint i = first_finding; s->marks->len > marks && i < r->findings->len; i++) {
                report_finding *f = &g_array_index(r->findings, report_finding, i);
                f->linked = true;
                f->nth = g_array_index(s->marks, report_mark, marks).nth;
            }
            if (d->call->response_ts_us && d->call->request_seen) {
                GString *m = g_string_new(d->itf ? d->itf->name : "other DCE/RPC");
                g_string_append_c(m, '.');
                format_method_name(m, d);
                add_rt(s, m->str, d->call->response_time_us);
                g_string_free(m, TRUE);
            }
        }
    }
    g_free(server);
}

void report_free(report *r)
{
    for (guint i = 0; i < r->servers->len; i++) {
        report_server *s = g_ptr_array_index(r->servers, i);
        for (guint j = 0; j < s->lanes->len; j++) {
            report_lane *l = g_ptr_array_index(s->lanes, j);
            g_free(l->name);
            g_free(l->agg);
            g_free(l);
        }
        for (guint j = 0; j < s->marks->len; j++)
            g_free(g_array_index(s->marks, report_mark, j).title);
        for (guint j = 0; j < s->disks->len; j++) {
            report_disk *k = g_ptr_array_index(s->disks, j);
            for (int v = 0; v < 3; v++)
                g_array_free(k->seg[v], TRUE);
            g_free(k->object);
            g_free(k);
        }
        for (guint j = 0; j < s->rts->len; j++) {
            report_rt *x = g_ptr_array_index(s->rts, j);
            g_free(x->method);
            g_free(x);
        }
        g_ptr_array_free(s->lanes, TRUE);
        g_array_free(s->marks, TRUE);
        g_hash_table_destroy(s->frame_marks);
        g_ptr_array_free(s->disks, TRUE);
        g_ptr_array_free(s->rts, TRUE);
        g_free(s->name);
        g_free(s);
    }
    for (guint i = 0; i < r->findings->len; i++) {
        report_finding *f = &g_array_index(r->findings, report_finding, i);
        g_free(f->server);
        g_free(f->call);
        g_free(f->message);
    }
    g_array_free(r->findings, TRUE);
    g_ptr_array_free(r->servers, TRUE);
    g_hash_table_destroy(r->statuses);
    csvp_audit_free(r->audit);
    ipid_alias_free(r->aliases);
    g_free(r);
}
