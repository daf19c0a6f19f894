/* capture_cmd.c - `csvpdump [options] FILE...`: ClusPrep call sequences from
 * captures. The capture layers hand over matched DCE/RPC calls (rpc_call.h);
 * here they are decoded with the csvp walker, filtered and printed one line
 * per call (text), as JSON Lines (json-output.md), or grouped per server.
 */
#include "capture_cmd.h"
#include "audit_report.h"
#include "by_server.h"
#include "call_format.h"
#include "capture.h"
#include "state.h"
#include "walker.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct run {
    const cmd_opts *o;
    GString *line;
    by_server *groups;
    audit_report *audit;
    GString *state, *findings;   /* --audit --json: per-call "state" key and "finding" lines */
    guint64 calls_shown, calls_decoded, stub_errors;
} run;

static bool is_failure(const decoded_call *d)
{
    return d->call->faulted || !d->call->response_frame || (d->has_hresult && (d->hresult & 0x80000000u)) ||
           d->n_errors > 0;
}

static bool wanted(const run *r, const decoded_call *d)
{
    const cmd_opts *o = r->o;
    if (!d->itf && !o->all)
        return false;
    if (o->server && !g_str_has_prefix(d->call->server, o->server)) {
        /* --server takes an address with or without the port; IPv6 as in the output, in brackets or not. */
        gchar *bracketed = g_strdup_printf("[%s]", o->server);
        bool match = g_str_has_prefix(d->call->server, bracketed);
        g_free(bracketed);
        if (!match)
            return false;
    }
    if (o->interface && (!d->itf || g_ascii_strcasecmp(d->itf->name, o->interface) != 0))
        return false;
    if (o->method && (!d->method || strcmp(d->method->name, o->method) != 0))
        return false;
    if (o->errors_only && !is_failure(d))
        return false;
    return true;
}

static void on_call(void *user, rpc_call *call)
{
    run *r = user;
    decoded_call d;
    /* The one-line text form never shows the contents of ADAPTERLIST2 and the like, and only -v shows
     * ORPCTHIS/ORPCTHAT: skip decoding what will not be shown. */
    guint flags = (r->o->json || r->o->verbose || r->o->audit ? 0 : CSVP_DECODE_NO_BLOBS) |
                  (r->o->verbose ? 0 : CSVP_DECODE_NO_META);
    decoded_call_init(&d, call, flags);
    r->stub_errors += d.n_errors;
    if (d.itf)
        r->calls_decoded++;
    if (r->audit) {
        /* The auditor sees every call, whatever the display filters keep. */
        g_string_truncate(r->state, 0);
        g_string_truncate(r->findings, 0);
        audit_report_call(r->audit, &d, r->o->json ? r->state : NULL, r->o->json ? r->findings : NULL);
    }
    if (wanted(r, &d)) {
        r->calls_shown++;
        g_string_truncate(r->line, 0);
        if (r->groups)
            by_server_add(r->groups, &d);
        else if (r->o->json)
            format_call_json(r->line, &d, r->o, r->audit ? r->state->str : NULL);
        else if (!r->audit)
            format_call_text(r->line, &d, r->o);
        fputs(r->line->str, stdout);
    }
    if (r->audit && r->o->json)
        fputs(r->findings->str, stdout);
    decoded_call_clear(&d);
}

static void on_error(void *user, const char *msg)
{
    fprintf(stderr, "csvpdump: %s\n", msg);
}

static void on_sigint(int sig)
{
    capture_stop();
}

/* What --max-objects closed early; said only when it did, so that output is unchanged otherwise. */
static guint64 sequences_evicted(const run *r)
{
    return r->groups ? by_server_evicted(r->groups) : 0;
}

static guint64 audit_objects_evicted(const run *r)
{
    return r->audit ? audit_report_evicted(r->audit) : 0;
}

static void print_evictions_json(const run *r)
{
    if (sequences_evicted(r))
        printf(",\"sequences_evicted\":%" G_GUINT64_FORMAT, sequences_evicted(r));
    if (audit_objects_evicted(r))
        printf(",\"audit_objects_evicted\":%" G_GUINT64_FORMAT, audit_objects_evicted(r));
}

static void print_evictions_text(const run *r, FILE *out)
{
    if (sequences_evicted(r))
        fprintf(out, "%" G_GUINT64_FORMAT " sequences closed early (over --max-objects %u open at once)\n",
                sequences_evicted(r), r->o->max_objects);
    if (audit_objects_evicted(r))
        fprintf(out, "%" G_GUINT64_FORMAT " audit objects evicted (over --max-objects %u or %u MiB held at once)\n",
                audit_objects_evicted(r), r->o->max_objects, AUDIT_STATE_MIB);
}

static void print_summary(const run *r, const capture_stats *st)
{
    fflush(stdout);  /* the summary follows the calls, also when both go to one terminal */
    if (r->o->json) {
        printf("{\"type\":\"summary\",\"packets\":%" G_GUINT64_FORMAT ",\"bytes\":%" G_GUINT64_FORMAT
               ",\"connections\":%" G_GUINT64_FORMAT ",\"dcerpc_pdus\":%" G_GUINT64_FORMAT ",\"calls\":%" G_GUINT64_FORMAT
               ",\"csvp_calls\":%" G_GUINT64_FORMAT ",\"calls_shown\":%" G_GUINT64_FORMAT
               ",\"decode_errors\":%" G_GUINT64_FORMAT ",\"findings\":{",
               st->packets, st->bytes, st->tcp_connections, st->dcerpc_pdus, st->calls, r->calls_decoded,
               r->calls_shown, st->decode_errors + r->stub_errors);
        for (int k = 0; k < 4; k++)
            printf("%s\"%s\":%" G_GUINT64_FORMAT, k ? "," : "", csvp_finding_kind_name(k),
                   r->audit ? audit_report_counts(r->audit)[k] : 0);
        printf("}");
        print_evictions_json(r);
        printf("}\n");
    } else if (!r->o->quiet) {
        fprintf(r->groups ? stdout : stderr,
                "%" G_GUINT64_FORMAT " packets, %" G_GUINT64_FORMAT " TCP connection%s, %" G_GUINT64_FORMAT
                " DCE/RPC calls, %" G_GUINT64_FORMAT " ClusPrep calls (%" G_GUINT64_FORMAT " shown), %" G_GUINT64_FORMAT
                " decode errors\n",
                st->packets, st->tcp_connections, st->tcp_connections == 1 ? "" : "s", st->calls, r->calls_decoded,
                r->calls_shown, st->decode_errors + r->stub_errors);
        print_evictions_text(r, r->groups ? stdout : stderr);
    }
}

int capture_cmd_main(int argc, char **argv)
{
    cmd_opts o;
    int rc = cmd_opts_parse(&o, argc, argv);
    if (rc >= 0) {
        cmd_opts_clear(&o);
        return rc;
    }

    capture_opts co;
    capture_opts_init(&co);
    co.files = (const char *const *)o.files;
    co.n_files = o.n_files;
    co.iface = o.live_iface;
    co.filter = o.filter;
    if (o.live_iface)
        signal(SIGINT, on_sigint);

    run r = { .o = &o, .line = g_string_sized_new(1024) };
    if (o.by_server)
        r.groups = by_server_new(o.json, o.max_objects);
    if (o.audit) {
        r.audit = audit_report_new(!o.json, o.max_objects);
        r.state = g_string_new(NULL);
        r.findings = g_string_new(NULL);
    }
    capture_stats st;
    int status = capture_run(&co, on_call, on_error, &r, &st);
    if (r.groups && !by_server_print(r.groups, stdout)) {
        fprintf(stderr, "csvpdump: %s\n", by_server_error(r.groups));
        status = 2;
    }
    bool audit_errors = false;
    if (r.audit) {
        audit_errors = audit_report_errors(r.audit) > 0;
        if (!o.json && !audit_report_print(r.audit, stdout)) {
            fprintf(stderr, "csvpdump: %s\n", audit_report_error(r.audit));
            status = 2;
        }
    }
    print_summary(&r, &st);
    if (r.groups)
        by_server_free(r.groups);
    if (r.audit) {
        audit_report_free(r.audit);
        g_string_free(r.state, TRUE);
        g_string_free(r.findings, TRUE);
    }
    g_string_free(r.line, TRUE);
    cmd_opts_clear(&o);
    if (status == 2)
        return 2;
    return status == 1 || r.stub_errors || audit_errors ? 1 : 0;
}
