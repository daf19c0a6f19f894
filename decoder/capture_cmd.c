/* capture_cmd.c - `csvpdump [options] FILE...`: ClusPrep call sequences from
 * captures. The capture layers hand over matched DCE/RPC calls (rpc_call.h);
 * here they are decoded with the csvp walker, filtered and printed one line
 * per call (text), as JSON Lines (json-output.md), or grouped per server.
 */
#include "capture_cmd.h"
#include "cmd_opts.h"
#include "audit_report.h"
#include "by_server.h"
#include "call_format.h"
#include "capture.h"
#include "out.h"
#include "pipeline.h"
#include "report.h"
#include "json_sink.h"
#include "audit.h"
#include "summary.h"
#include "walker.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct run {
    const cmd_opts *o;
    const capture_opts *co;
    GString *line;
    by_server *groups;
    audit_report *audit;
    report *report;              /* --report: the calls go there instead of call lines */
    GString *state, *findings;   /* --audit --json: per-call "state" key and "finding" lines */
    guint64 calls_shown, calls_decoded, stub_errors;
    csvp_decoder *dec;           /* on_call's: it runs on one thread at a time */
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
    if (o->method && (!d->method || !csvp_method_named(d->method, o->method)))
        return false;
    if (o->errors_only && !is_failure(d))
        return false;
    return true;
}

/* Decodes, audits and prints one call (on the pipeline's second thread, or on the only one). */
static void consume_call(void *user, rpc_call *call)
{
    run *r = user;
    decoded_call d;
    /* The one-line text form never shows the contents of ADAPTERLIST2 and the like, and only -v shows
     * ORPCTHIS/ORPCTHAT: skip decoding what will not be shown. */
    guint flags = (r->o->json || r->o->verbose || r->o->audit || r->o->report ? 0 : CSVP_DECODE_NO_BLOBS) |
                  (r->o->verbose ? 0 : CSVP_DECODE_NO_META);
    decoded_call_init(&d, r->dec, call, flags);
    r->stub_errors += d.n_errors;
    if (d.itf)
        r->calls_decoded++;
    if (r->audit) {
        /* The auditor sees every call, whatever the display filters keep. */
        g_string_truncate(r->state, 0);
        g_string_truncate(r->findings, 0);
        audit_report_call(r->audit, &d, r->o->json ? r->state : NULL, r->o->json ? r->findings : NULL);
    }
    bool shown = wanted(r, &d);
    if (r->report)
        report_call(r->report, &d, shown);
    if (shown) {
        r->calls_shown++;
        GString *out = out_begin();   /* formatted in place: a JSON record is copied no more */
        if (is_orphan_fault(&d)) {
            if (r->o->json)
                format_fault_json(out, &d, r->o);
            else if (!r->groups && !r->audit && !r->report)
                format_fault_text(out, &d, r->o);
        } else if (r->groups)
            by_server_add(r->groups, &d);
        else if (r->o->json)
            format_call_json(out, &d, r->o, r->audit ? r->state->str : NULL);
        else if (!r->audit && !r->report)
            format_call_text(out, &d, r->o);
        out_end();
    }
    if (r->audit && r->o->json)
        out_gstring(r->findings);
    decoded_call_clear(&d);
}

static void on_call(void *user, rpc_call *call)
{
    consume_call(user, call);
    rpc_call_free(call);
}

/* Whether every input is a regular file (stdin included). A pipe, from tcpdump -U -w - say, or a
 * FIFO delivers frames as they come: read as live capture is, a call is printed when it ends. */
static bool all_regular_files(const cmd_opts *o)
{
    for (guint i = 0; i < o->n_files; i++) {
        GStatBuf st;
        int rc = g_str_equal(o->files[i], "-") ? fstat(0, &st) : g_stat(o->files[i], &st);
        if (rc != 0 || !S_ISREG(st.st_mode))
            return false;
    }
    return true;
}

/* --threads when not given (README "Performance"). Live capture and inputs that are not regular
 * files stay on one thread: batches of calls, and chunks of frames read ahead, would hold calls
 * back from the screen. A third thread reading the files ahead pays when the capture
 * side bounds the run (plain text, whose decoding is light; most of all sealed, decrypted on the
 * capture side) or when a core is left for it; on two cores with a heavy consumer (JSON, the
 * auditor, -b, --report, -v) it took time from the decode thread (JSON 1.16 -> 1.70 s). */
static int default_threads(const cmd_opts *o, bool streaming)
{
    int cores = (int)g_get_num_processors();
    if (streaming || cores < 2)
        return 1;
    bool heavy = o->json || o->verbose || o->audit || o->report || o->by_server;
    return cores > 2 || !heavy ? 3 : 2;
}

static void on_error(void *user, const char *msg)
{
    fprintf(stderr, "csvpdump: %s\n", msg);
}

/* SIGINT and SIGTERM end a live capture as its end would: pending calls delivered, the
 * audit finished, the summary printed, JSON complete. */
static void on_stop_signal(int sig)
{
    capture_stop();
}

/* What the memory limits ended, when they ended anything (README "Limits"), in the style of
 * Zeek's inactivity timeouts: "12 calls never answered". */
static void limits_text(GString *out, const capture_opts *co, const capture_stats *st)
{
    if (st->calls_unanswered)
        g_string_append_printf(out, "%" G_GUINT64_FORMAT " call%s never answered", st->calls_unanswered,
                               st->calls_unanswered == 1 ? "" : "s");
    if (st->calls_expired)
        g_string_append_printf(out, " (%" G_GUINT64_FORMAT " given up after %g s of capture time)",
                               st->calls_expired, co->call_timeout_us / 1e6);
    if (st->calls_unanswered)
        g_string_append_c(out, '\n');
    if (st->calls_evicted)
        g_string_append_printf(out, "%" G_GUINT64_FORMAT " call%s evicted by the limits (%u calls waiting, "
                               "%u requests arriving, %u per connection)\n", st->calls_evicted,
                               st->calls_evicted == 1 ? "" : "s", co->max_pending_calls, co->dce.max_assembling,
                               co->dce.max_calls_per_conn);
    if (st->connections_expired)
        g_string_append_printf(out, "%" G_GUINT64_FORMAT " TCP connection%s expired after %g s idle\n",
                               st->connections_expired, st->connections_expired == 1 ? "" : "s",
                               co->tcp.idle_timeout_us / 1e6);
    if (st->connections_evicted)
        g_string_append_printf(out, "%" G_GUINT64_FORMAT " TCP connection%s evicted (%u tracked at once)\n",
                               st->connections_evicted, st->connections_evicted == 1 ? "" : "s",
                               co->tcp.max_connections);
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

static void evictions_json(GString *s, const run *r)
{
    if (sequences_evicted(r))
        g_string_append_printf(s, ",\"sequences_evicted\":%" G_GUINT64_FORMAT, sequences_evicted(r));
    if (audit_objects_evicted(r))
        g_string_append_printf(s, ",\"audit_objects_evicted\":%" G_GUINT64_FORMAT, audit_objects_evicted(r));
}

static void evictions_text(GString *s, const run *r)
{
    if (sequences_evicted(r))
        g_string_append_printf(s, "%" G_GUINT64_FORMAT " sequences closed early (over --max-objects %u open at once)\n",
                               sequences_evicted(r), r->o->max_objects);
    if (audit_objects_evicted(r))
        g_string_append_printf(s, "%" G_GUINT64_FORMAT " audit objects evicted (over --max-objects %u or %u MiB held "
                               "at once)\n", audit_objects_evicted(r), r->o->max_objects, AUDIT_STATE_MIB);
}

static void print_summary(const run *r, const capture_stats *st)
{
    GString *s = g_string_new(NULL);
    if (r->o->json) {
        g_string_append_printf(s, "{\"type\":\"summary\",\"packets\":%" G_GUINT64_FORMAT ",\"bytes\":%" G_GUINT64_FORMAT
               ",\"connections\":%" G_GUINT64_FORMAT ",\"dcerpc_pdus\":%" G_GUINT64_FORMAT ",\"calls\":%" G_GUINT64_FORMAT
               ",\"csvp_calls\":%" G_GUINT64_FORMAT ",\"calls_shown\":%" G_GUINT64_FORMAT
               ",\"decode_errors\":%" G_GUINT64_FORMAT ",\"findings\":{",
               st->packets, st->bytes, st->tcp_connections, st->dcerpc_pdus, st->calls, r->calls_decoded,
               r->calls_shown, st->decode_errors + r->stub_errors);
        for (int k = 0; k < 4; k++)
            g_string_append_printf(s, "%s\"%s\":%" G_GUINT64_FORMAT, k ? "," : "", csvp_finding_kind_name(k),
                                   r->audit ? audit_report_counts(r->audit)[k] : 0);
        g_string_append(s, "},\"sealed_associations\":[");
        for (guint i = 0; st->sealed_associations && i < st->sealed_associations->len; i++) {
            const dcerpc_sealed_assoc *a = st->sealed_associations->pdata[i];
            g_string_append(s, i ? ",{\"client\":" : "{\"client\":");
            json_string(s, a->client);
            g_string_append(s, ",\"server\":");
            json_string(s, a->server);
            g_string_append(s, ",\"mechanism\":");
            json_string(s, a->mechanism);
            g_string_append(s, ",\"reason\":");
            json_string(s, a->reason);
            g_string_append_c(s, '}');
        }
        g_string_append_printf(s, "],\"calls_unanswered\":%" G_GUINT64_FORMAT ",\"calls_expired\":%" G_GUINT64_FORMAT
               ",\"calls_evicted\":%" G_GUINT64_FORMAT ",\"connections_expired\":%" G_GUINT64_FORMAT
               ",\"connections_evicted\":%" G_GUINT64_FORMAT,
               st->calls_unanswered, st->calls_expired, st->calls_evicted, st->connections_expired,
               st->connections_evicted);
        evictions_json(s, r);
        g_string_append(s, "}\n");
    } else if (!r->o->quiet) {
        g_string_append_printf(s,
                "%" G_GUINT64_FORMAT " packets, %" G_GUINT64_FORMAT " TCP connection%s, %" G_GUINT64_FORMAT
                " DCE/RPC calls, %" G_GUINT64_FORMAT " ClusPrep calls (%" G_GUINT64_FORMAT " shown), %" G_GUINT64_FORMAT
                " decode errors\n",
                st->packets, st->tcp_connections, st->tcp_connections == 1 ? "" : "s", st->calls, r->calls_decoded,
                r->calls_shown, st->decode_errors + r->stub_errors);
        limits_text(s, r->co, st);
        /* Once per association whose calls stay sealed: why (README "Sealed captures"). */
        for (guint i = 0; st->sealed_associations && i < st->sealed_associations->len; i++) {
            const dcerpc_sealed_assoc *a = st->sealed_associations->pdata[i];
            /* The mechanism and reason name principals and users from the capture: printable only. */
            g_string_append_printf(s, "%s -> %s: sealed with ", a->client, a->server);
            csvp_append_printable(s, a->mechanism, strlen(a->mechanism));
            g_string_append(s, ": ");
            csvp_append_printable(s, a->reason, strlen(a->reason));
            g_string_append_c(s, '\n');
        }
        evictions_text(s, r);
    }
    if (r->o->json || r->groups) {
        out_gstring(s);
    } else {
        out_flush(); /* the summary follows the calls, also when both go to one terminal */
        fputs(s->str, stderr);
    }
    g_string_free(s, TRUE);
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
    co.keys = o.keys;
    if (o.call_timeout_s > 0)
        co.call_timeout_us = (gint64)(o.call_timeout_s * G_USEC_PER_SEC);
    if (o.idle_timeout_s > 0)
        co.tcp.idle_timeout_us = (gint64)(o.idle_timeout_s * G_USEC_PER_SEC);
    if (o.max_connections > 0)
        co.tcp.max_connections = (guint)o.max_connections;
    if (o.max_pending_calls > 0)
        co.max_pending_calls = (guint)o.max_pending_calls;
    if (o.live_iface) {
        struct sigaction sa = { .sa_handler = on_stop_signal };
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
    }
    bool streaming = o.live_iface || !all_regular_files(&o);
    out_init(1, streaming || isatty(1));

    run r = { .o = &o, .co = &co, .line = g_string_sized_new(1024), .dec = csvp_decoder_new() };
    if (o.by_server)
        r.groups = by_server_new(o.json, o.max_objects);
    if (o.audit) {
        r.audit = audit_report_new(!o.json, o.max_objects);
        r.state = g_string_new(NULL);
        r.findings = g_string_new(NULL);
    }
    if (o.report)
        r.report = report_new(o.max_objects);
    capture_stats st;
    int status;
    int threads = o.threads ? o.threads : default_threads(&o, streaming);
    if (threads >= 2) {
        /* At most 256 calls or 8 MiB of stubs between the capture and decode threads. */
        pipeline *pl = pipeline_new(consume_call, &r, 256, 8 << 20);
        co.read_ahead = threads == 3;
        status = capture_run(&co, pipeline_push, on_error, pl, &st);
        pipeline_finish(pl);
    } else {
        status = capture_run(&co, on_call, on_error, &r, &st);
    }
    bool report_failed = false;
    if (r.report) {
        report_finish(r.report);
        report_failed = !report_write(r.report, &o, st.sealed_associations, o.report);
        report_free(r.report);
    }
    if (r.groups) {
        out_flush(); /* the listing follows the calls' JSON lines, if any */
        if (!by_server_print(r.groups, stdout)) {
            fprintf(stderr, "csvpdump: %s\n", by_server_error(r.groups));
            status = 2;
        }
        out_stdio_done(stdout);
    }
    bool audit_errors = false;
    if (r.audit) {
        g_string_truncate(r.line, 0);
        audit_report_finish(r.audit, o.json ? r.line : NULL);   /* findings that need the whole capture */
        out_gstring(r.line);
        audit_errors = audit_report_errors(r.audit) > 0;
        if (!o.json) {
            out_flush();
            if (!audit_report_print(r.audit, stdout)) {
                fprintf(stderr, "csvpdump: %s\n", audit_report_error(r.audit));
                status = 2;
            }
            out_stdio_done(stdout);
        }
    }
    print_summary(&r, &st);
    if (st.sealed_associations)
        g_ptr_array_unref(st.sealed_associations);
    if (r.groups)
        by_server_free(r.groups);
    if (r.audit) {
        audit_report_free(r.audit);
        g_string_free(r.state, TRUE);
        g_string_free(r.findings, TRUE);
    }
    g_string_free(r.line, TRUE);
    csvp_decoder_free(r.dec);
    cmd_opts_clear(&o);
    if (!out_finish() || status == 2 || report_failed)
        return 2;
    return status == 1 || r.stub_errors || audit_errors ? 1 : 0;
}
