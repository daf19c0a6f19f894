/* audit_report.c - csvpdump's side of the conformance audit (spec 3.2.4, 3.4.4,
 * 3.6.4, 3.14.4 through csvp/state.h).
 *
 * Object identity: a request's object UUID is an IPID, which names one
 * interface of one DCOM object; IClusterStorage2 and IClusterStorage3 share
 * one object (one CLSID, 2.1) but have different IPIDs. The object key is the
 * IPID; an IPID that an IRemUnknown::RemQueryInterface response in the capture
 * returned for another IPID takes that IPID's key (MS-DCOM 3.1.1.5.6), so the
 * two interfaces share state when the capture shows the evidence. A request
 * without an object UUID is keyed by its connection (client endpoint).
 */
#include "audit_report.h"
#include "audit_verdict.h"
#include "ipid_alias.h"
#include "fmt.h"
#include "json_sink.h"
#include "spill.h"
#include "walker.h"

#include <string.h>

#define MAX_ENDPOINTS 65536       /* server endpoints remembered for late findings (else the host) */
#define SPILL_BUDGET (8u << 20)
#define STATE_BUDGET ((gsize)AUDIT_STATE_MIB << 20)
/* The report waits in a spill: each object's block keyed (server order, object order), written when the
 * object is evicted or at the end, then the findings in capture order under this major key. An object's
 * record starts with its server's line, printed once per server: the server may be gone by then. */
#define FINDINGS_KEY G_MAXUINT64

struct audit_report {
    csvp_audit *audit;
    ipid_alias *aliases;   /* object keys from RemQueryInterface evidence (ipid_alias.h) */
    spill *report;         /* NULL: no text report (--json) */
    GString *tmp;
    GHashTable *endpoints; /* server host -> its endpoint as calls name it, for findings at the end (bounded) */
    GString *late_json;    /* where late findings' JSON goes now (NULL: text only) */
    guint64 counts[4];
    guint64 errors;
};

static void object_block(GString *out, const csvp_audit_object *o);
static void on_late(void *user, const csvp_audit_late *l);

static void on_evict(void *user, const csvp_audit_server *s, const csvp_audit_object *o)
{
    audit_report *r = user;
    if (!r->report)
        return;
    g_string_truncate(r->tmp, 0);
    csvp_append_printf(r->tmp, "Server %s\n", s->name);
    object_block(r->tmp, o);
    spill_add(r->report, (spill_key){ s->order, o->order }, r->tmp->str, r->tmp->len);
}

audit_report *audit_report_new(bool text_report, guint max_objects)
{
    audit_report *r = g_new0(audit_report, 1);
    r->audit = csvp_audit_new();
    csvp_audit_set_limits(r->audit, max_objects, STATE_BUDGET, on_evict, r);
    csvp_audit_sink late = { .finding = on_late, .user = r };
    csvp_audit_set_late_sink(r->audit, &late);
    r->aliases = ipid_alias_new();
    if (text_report)
        r->report = spill_new(SPILL_BUDGET);
    r->tmp = g_string_new(NULL);
    r->endpoints = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return r;
}

static void state_json(GString *out, const csvp_audit_state *s)
{
    g_string_append(out, ",\"state\":{");
    bool first = true;
    for (int v = 0; v < CSVP_VAR_N; v++) {
        if (!s->has[v])
            continue;
        if (!first)
            g_string_append_c(out, ',');
        first = false;
        json_string(out, csvp_state_var_name(v));
        g_string_append_c(out, ':');
        json_string(out, csvp_state_value_name(v, s->value[v]));
    }
    if (s->disk[0]) {
        g_string_append(out, first ? "" : ",");
        g_string_append(out, "\"disk\":");
        json_string(out, s->disk);
        first = false;
    }
    if (s->has_adapters)
        csvp_append_printf(out, "%s\"cRetAdapters\":%u", first ? "" : ",", s->adapters);
    g_string_append_c(out, '}');
}

/* One "finding" object (json-output.md); frames: every call it rests on, when more than one. */
static void finding_json(GString *out, guint64 frame, guint32 call_id, const char *server, const char *itf,
                         const char *method, const csvp_finding *f, const guint32 *frames, guint n_frames)
{
    csvp_append_printf(out, "{\"type\":\"finding\",\"frame\":%" G_GUINT64_FORMAT ",\"call_id\":%u,\"server\":",
                       frame, call_id);
    json_string(out, server);
    g_string_append(out, ",\"interface\":");
    json_string(out, itf);
    g_string_append(out, ",\"method\":");
    json_string(out, method);
    g_string_append(out, ",\"kind\":");
    json_string(out, csvp_finding_kind_name(f->kind));
    g_string_append(out, ",\"severity\":");
    json_string(out, csvp_severity_name(f->severity));
    g_string_append(out, ",\"rule\":");
    json_string(out, f->rule);
    g_string_append(out, ",\"message\":");
    json_string(out, f->message);
    if (n_frames > 1) {
        g_string_append(out, ",\"frames\":[");
        for (guint i = 0; i < n_frames; i++)
            csvp_append_printf(out, "%s%u", i ? "," : "", frames[i]);
        g_string_append_c(out, ']');
    }
    g_string_append(out, "}\n");
}

/* Counts a finding and, for the text report, spills its line (findings follow the objects). */
static void keep(audit_report *r, guint64 frame, const char *server, const char *itf, const char *method,
                 const csvp_finding *f)
{
    r->counts[f->kind]++;
    r->errors += f->severity == CSVP_SEV_ERROR;
    if (!r->report)
        return;
    g_string_truncate(r->tmp, 0);
    csvp_append_printf(r->tmp, "  frame %-7" G_GUINT64_FORMAT " %-7s %-18s %s %s.%s [%s]: %s\n", frame,
                       csvp_severity_name(f->severity), csvp_finding_kind_name(f->kind), server, itf, method, f->rule,
                       f->message);
    spill_add(r->report, (spill_key){ FINDINGS_KEY, 0 }, r->tmp->str, r->tmp->len);
}

void audit_report_call(audit_report *r, const decoded_call *d, GString *state_out, GString *findings_out)
{
    if (!d->itf && d->call->request_seen)
        ipid_alias_learn(r->aliases, d->call);
    if (!d->itf || !d->method || d->method->iunknown || d->method->not_used_on_wire || !d->call->request_seen)
        return;
    char *server = endpoint_host(d->call->server);
    char *object = ipid_alias_key(r->aliases, d->call);
    if (g_hash_table_size(r->endpoints) < MAX_ENDPOINTS && !g_hash_table_contains(r->endpoints, server))
        g_hash_table_insert(r->endpoints, g_strdup(server), g_strdup(d->call->server));
    csvp_audit_call_in in = {
        .server = server, .object = object, .itf = d->itf, .method = d->method, .request = d->req,
        .response = d->resp, .has_hresult = d->has_hresult, .hresult = d->hresult, .faulted = d->call->faulted,
        .fault_status = d->call->fault_status, .frame = (guint32)d->call->frame,
        .call_id = d->call->call_id,
    };
    csvp_audit_result res;
    r->late_json = findings_out;
    csvp_audit_call(r->audit, &in, &res);
    r->late_json = NULL;
    if (state_out)
        state_json(state_out, &res.state);
    for (guint i = 0; i < res.findings->len; i++) {
        const csvp_finding *f = &g_array_index(res.findings, csvp_finding, i);
        if (findings_out)
            finding_json(findings_out, d->call->frame, d->call->call_id, d->call->server, d->itf->name,
                         d->method->name, f, NULL, 0);
        keep(r, d->call->frame, server, d->itf->name, d->method->name, f);
    }
    csvp_audit_result_clear(&res);
    g_free(object);
    g_free(server);
}

/* A finding that needed more than its call: at the end of the capture, or when its object is evicted
 * (then during the call that evicted it, whose JSON findings buffer takes it). */
static void on_late(void *user, const csvp_audit_late *l)
{
    audit_report *r = user;
    if (r->late_json) {
        const char *endpoint = g_hash_table_lookup(r->endpoints, l->server);
        finding_json(r->late_json, l->frame, l->call_id, endpoint ? endpoint : l->server, l->itf, l->method,
                     &l->finding, l->frames, l->n_frames);
    }
    keep(r, l->frame, l->server, l->itf, l->method, &l->finding);
}

void audit_report_finish(audit_report *r, GString *json)
{
    r->late_json = json;
    csvp_audit_sink sink = { .finding = on_late, .user = r };
    csvp_audit_finish(r->audit, &sink);
    r->late_json = NULL;
    if (json)
        audit_verdicts(r->audit, json, true);
}

static void timeline(GString *out, const GArray *events, guint dropped, const char *indent)
{
    for (guint i = 0; events && i < events->len; i++) {
        const csvp_audit_event *e = &g_array_index(events, csvp_audit_event, i);
        /* "%sframe %-7u %s\n" by hand: every transition of every object is written */
        csvp_gs_puts(out, indent);
        csvp_gs_puts(out, "frame ");
        gsize at = out->len;
        csvp_append_u64(out, e->frame);
        for (gsize w = out->len - at; w < 7; w++)
            g_string_append_c(out, ' ');
        g_string_append_c(out, ' ');
        csvp_gs_puts(out, e->text);
        g_string_append_c(out, '\n');
    }
    if (dropped)
        csvp_append_printf(out, "%s(%u later transitions not kept)\n", indent, dropped);
}

static void object_block(GString *out, const csvp_audit_object *o)
{
    /* concatenated rather than printf-formatted: a block per object, a line per disk */
    csvp_gs_puts(out, "  ");
    csvp_gs_puts(out, o->class_name);
    csvp_gs_puts(out, " object ");
    csvp_gs_puts(out, o->key);
    g_string_append_c(out, '\n');
    timeline(out, o->timeline, o->events_dropped, "    ");
    for (guint k = 0; k < o->disks->len; k++) {
        const csvp_audit_disk *dk = g_ptr_array_index(o->disks, k);
        csvp_gs_puts(out, "    disk ");
        csvp_gs_puts(out, dk->label);
        csvp_gs_puts(out, ": ");
        csvp_gs_puts(out, csvp_state_value_name(CSVP_VAR_ATTACHED, dk->attached));
        csvp_gs_puts(out, ", ");
        csvp_gs_puts(out, csvp_state_value_name(CSVP_VAR_OWNED, dk->owned));
        csvp_gs_puts(out, ", ");
        csvp_gs_puts(out, csvp_state_value_name(CSVP_VAR_ONLINE, dk->online));
        g_string_append_c(out, '\n');
        timeline(out, dk->timeline, dk->events_dropped, "      ");
    }
    if (o->disks_dropped)
        csvp_append_printf(out, "    (%u more disks not tracked)\n", o->disks_dropped);
}

static void findings_line(const audit_report *r, FILE *out)
{
    fprintf(out, "\nFindings: %" G_GUINT64_FORMAT " client_sequence, %" G_GUINT64_FORMAT
            " server_conformance, %" G_GUINT64_FORMAT " product_behavior, %" G_GUINT64_FORMAT
            " unknown_state (%" G_GUINT64_FORMAT " errors)\n",
            r->counts[CSVP_FINDING_CLIENT_SEQUENCE], r->counts[CSVP_FINDING_SERVER_CONFORMANCE],
            r->counts[CSVP_FINDING_PRODUCT_BEHAVIOR], r->counts[CSVP_FINDING_UNKNOWN_STATE], r->errors);
}

bool audit_report_print(audit_report *r, FILE *out)
{
    if (!r->report)
        return true;
    for (guint i = 0; i < csvp_audit_n_servers(r->audit); i++) {
        const csvp_audit_server *s = csvp_audit_server_at(r->audit, i);
        for (guint j = 0; j < s->objects->len; j++)
            on_evict(r, s, g_ptr_array_index(s->objects, j));
    }
    spill_finish(r->report);
    spill_key k;
    const char *data;
    gsize len;
    bool in_findings = false, any = false;
    guint64 server = 0;
    while (spill_next(r->report, &k, &data, &len)) {
        if (k.major == FINDINGS_KEY && !in_findings) {
            findings_line(r, out);
            in_findings = true;
        } else if (k.major != FINDINGS_KEY && any && k.major == server) {
            const char *body = (const char *)memchr(data, '\n', len) + 1;  /* the server line is out */
            len -= (gsize)(body - data);
            data = body;
        }
        server = k.major;
        any = true;
        fwrite(data, 1, len, out);
    }
    if (!in_findings)
        findings_line(r, out);
    /* Per server and disk still held (README "Limits": an evicted object's disks are not listed). */
    GString *v = g_string_new(NULL);
    audit_verdicts(r->audit, v, false);
    if (v->len)
        fprintf(out, "\nVerdicts:\n%s", v->str);
    g_string_free(v, TRUE);
    return spill_error(r->report) == NULL;
}

const char *audit_report_error(const audit_report *r)
{
    return r->report ? spill_error(r->report) : NULL;
}

guint64 audit_report_evicted(const audit_report *r)
{
    return csvp_audit_n_evicted(r->audit);
}

const guint64 *audit_report_counts(const audit_report *r)
{
    return r->counts;
}

guint64 audit_report_errors(const audit_report *r)
{
    return r->errors;
}

void audit_report_free(audit_report *r)
{
    spill_free(r->report);
    g_string_free(r->tmp, TRUE);
    csvp_audit_free(r->audit);
    ipid_alias_free(r->aliases);
    g_hash_table_destroy(r->endpoints);
    g_free(r);
}
