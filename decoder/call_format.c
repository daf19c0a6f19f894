/* call_format.c - decode a call's stubs and print it as a line or a JSON object. */
#include "fmt.h"
#include "call_format.h"
#include "infer.h"
#include "json_sink.h"
#include "summary.h"
#include "text_sink.h"
#include "walker.h"

#include <string.h>

static csvp_tree *decode(csvp_decoder *dec, const csvp_method *m, int dir, const GByteArray *stub,
                         const guint8 drep[4], bool sealed, guint flags)
{
    if (!stub || sealed)
        return NULL;
    return csvp_decode_stub_flags(dec, m, dir, stub->data, stub->len, drep, flags);
}

/* A capture that starts mid-connection has no bind: the interface is inferred (csvp/infer.h) from
 * stubs that are readable. */
static const csvp_interface *infer_interface(csvp_decoder *dec, const rpc_call *call)
{
    const GByteArray *rq = call->request_stub, *rs = call->response_stub;
    if (!rq || call->request_encrypted || call->response_encrypted || call->request_unverified ||
        call->response_unverified)
        return NULL;
    const csvp_interface *itf = NULL;
    return csvp_infer_method(dec, call->opnum, rq->data, rq->len, call->req_drep, rs ? rs->data : NULL,
                             rs ? rs->len : 0, call->resp_drep, &itf) ? itf : NULL;
}

char *endpoint_host(const char *endpoint)
{
    const char *end = endpoint[0] == '[' ? strstr(endpoint, "]:") : strrchr(endpoint, ':');
    if (!end)
        return g_strdup(endpoint);
    return endpoint[0] == '[' ? g_strndup(endpoint + 1, (gsize)(end - endpoint - 1))
                              : g_strndup(endpoint, (gsize)(end - endpoint));
}

void decoded_call_init(decoded_call *d, csvp_decoder *dec, rpc_call *call, guint flags)
{
    memset(d, 0, sizeof *d);
    d->call = call;
    d->itf = csvp_interface_by_uuid(call->iface_uuid);
    if (!d->itf && !call->iface_known && !call->context_unbound && call->request_seen && !call->ndr64) {
        d->itf = infer_interface(dec, call);
        d->inferred = d->itf != NULL;
    }
    /* Without the request there is no opnum: no method is named that was not seen. */
    d->method = call->request_seen ? csvp_method_by_opnum(d->itf, call->opnum) : NULL;
    bool decodable = d->method && !d->method->iunknown && !d->method->not_used_on_wire && !call->ndr64;
    if (decodable && call->request_seen) {
        d->req = decode(dec, d->method, CSVP_IN, call->request_stub, call->req_drep,
                        call->request_encrypted || call->request_unverified, flags);
        d->resp = decode(dec, d->method, CSVP_OUT, call->response_stub, call->resp_drep,
                         call->response_encrypted || call->response_unverified, flags);
        d->has_hresult = csvp_summary_hresult(d->resp, &d->hresult);
    }
    d->n_errors = (call->errors ? call->errors->len : 0) + (d->req ? d->req->problems->len : 0) +
                  (d->resp ? d->resp->problems->len : 0);
}

void decoded_call_clear(decoded_call *d)
{
    csvp_tree_free(d->req);
    csvp_tree_free(d->resp);
}

void format_method_name(GString *out, const decoded_call *d)
{
    if (d->method)
        csvp_gs_puts(out, d->method->name);
    else
        csvp_append_printf(out, "opnum %u", d->call->opnum);
}

void format_status(GString *out, const decoded_call *d)
{
    const rpc_call *c = d->call;
    if (c->faulted) {
        const char *f = csvp_fault_name(c->fault_status);
        csvp_append_printf(out, "FAULT %s (0x%08X)", f ? f : "unknown", c->fault_status);
    } else if (!c->response_frame) {
        csvp_gs_puts(out, "no response");
    } else if (c->response_encrypted) {
        csvp_gs_puts(out, "encrypted");
    } else if (c->response_unverified) {
        csvp_gs_puts(out, "unverified");
    } else if (d->has_hresult) {
        const char *s = csvp_status_name(d->hresult);
        if (s)
            csvp_gs_puts(out, s);
        else
            csvp_append_printf(out, "0x%08X", d->hresult);
    } else {
        csvp_gs_puts(out, "?");
    }
}

/* A frame number right-aligned in 6 columns, as tcpdump numbers stay readable (padded before it is
 * written: inserting the padding moved the line). */
static void frame_column(GString *out, guint64 frame)
{
    int digits = 1;
    for (guint64 v = frame; v >= 10; v /= 10)
        digits++;
    for (; digits < 6; digits++)
        g_string_append_c(out, ' ');
    csvp_append_u64(out, frame);
}

/* HH:MM:SS.uuuuuu in UTC, by arithmetic: a UTC day is 86,400 time_t seconds (no zone, no leap
 * seconds), and gmtime_r plus snprintf cost more than the rest of the line. */
static void time_of_day(GString *out, gint64 us)
{
    gint64 sec = us / 1000000, frac = us % 1000000;
    gint64 day_sec = sec % 86400;
    if (day_sec < 0)
        day_sec += 86400;
    int f[3] = { (int)(day_sec / 3600), (int)(day_sec / 60 % 60), (int)(day_sec % 60) };
    char b[15], *p = b;
    for (int i = 0; i < 3; i++) {
        *p++ = (char)('0' + f[i] / 10);
        *p++ = (char)('0' + f[i] % 10);
        *p++ = i < 2 ? ':' : '.';
    }
    for (gint64 div = 100000; div; div /= 10)
        *p++ = (char)('0' + frac / div % 10);
    csvp_gs_append(out, b, sizeof b);
}

/* Problems below the stub (capture, DCE/RPC, signatures), attached to the call. */
static void call_errors_text(GString *out, const decoded_call *d)
{
    for (guint i = 0; d->call->errors && i < d->call->errors->len; i++)
        csvp_append_printf(out, "    error: %s\n", (const char *)g_ptr_array_index(d->call->errors, i));
}

static void errors_text(GString *out, const decoded_call *d)
{
    call_errors_text(out, d);
    const csvp_tree *trees[] = { d->req, d->resp };
    for (guint k = 0; k < 2; k++)
        for (guint i = 0; trees[k] && i < trees[k]->problems->len; i++) {
            const csvp_problem *p = g_ptr_array_index(trees[k]->problems, i);
            csvp_append_printf(out, "    error: %s %s at offset %u: %s\n", k ? "response" : "request",
                                   *p->path ? p->path : "stub", p->offset, p->message);
        }
}

void format_call_text(GString *out, const decoded_call *d, const cmd_opts *o)
{
    const rpc_call *c = d->call;
    frame_column(out, c->frame);
    g_string_append_c(out, ' ');
    time_of_day(out, c->time_us);
    g_string_append_c(out, ' ');
    csvp_gs_puts(out, c->client);
    csvp_gs_puts(out, " -> ");
    csvp_gs_puts(out, c->server);
    g_string_append_c(out, ' ');
    if (d->itf) {
        csvp_gs_puts(out, d->itf->name);
        g_string_append_c(out, '.');
        format_method_name(out, d);
        g_string_append_c(out, '(');
        if (c->request_encrypted)
            csvp_gs_puts(out, "encrypted");
        else if (c->request_unverified)
            csvp_gs_puts(out, "unverified");
        else
            csvp_summary_args(out, d->req, CSVP_IN, ", ");
        csvp_gs_puts(out, ") -> ");
    } else if (!c->iface_known) {   /* no interface to name: say which context and why */
        csvp_append_printf(out, "context %u (%s) opnum %u -> ", c->p_cont_id,
                           c->context_unbound ? "never bound" : "bind not seen", c->opnum);
    } else {
        char uuid[37];
        csvp_guid_text(c->iface_uuid, uuid);
        csvp_append_printf(out, "%s v%u.%u opnum %u -> ", uuid, c->iface_ver_major, c->iface_ver_minor, c->opnum);
    }
    format_status(out, d);
    if (c->response_frame) {
        g_string_append_c(out, ' ');
        csvp_append_ms(out, c->response_time_us);
        csvp_gs_puts(out, " ms");
    }
    if (d->inferred)
        csvp_gs_puts(out, " (no bind seen: interface inferred)");
    if (o->several_files)
        csvp_append_printf(out, " [%s]", o->files[c->file_index]);
    g_string_append_c(out, '\n');
    if (o->verbose) {
        call_errors_text(out, d);   /* the trees show their own problems */
        if (d->req) {
            csvp_gs_puts(out, "  request:\n");
            text_params(out, d->req, 4, true, o->show_secrets);
        }
        if (d->resp) {
            csvp_gs_puts(out, "  response:\n");
            text_params(out, d->resp, 4, true, o->show_secrets);
        }
    } else {
        errors_text(out, d);
    }
}

/* Seconds since the epoch with microseconds, as a JSON number. */
static void json_time(GString *out, gint64 us)
{
    csvp_append_u64(out, (guint64)(us / 1000000));
    g_string_append_c(out, '.');
    for (gint64 div = 100000, frac = us % 1000000; div; div /= 10)
        g_string_append_c(out, (char)('0' + frac / div % 10));
}

bool is_orphan_fault(const decoded_call *d)
{
    return d->call->faulted && !d->call->request_seen;
}

void format_fault_text(GString *out, const decoded_call *d, const cmd_opts *o)
{
    const rpc_call *c = d->call;
    frame_column(out, c->response_frame);
    g_string_append_c(out, ' ');
    time_of_day(out, c->response_ts_us);
    g_string_append_c(out, ' ');
    csvp_gs_puts(out, c->client);
    csvp_gs_puts(out, " -> ");
    csvp_gs_puts(out, c->server);
    csvp_append_printf(out, " %s%sfault for call_id %u (", d->itf ? d->itf->name : "", d->itf ? " " : "", c->call_id);
    if (c->frame)
        csvp_append_printf(out, "request in frame %" G_GUINT64_FORMAT " not decoded", c->frame);
    else
        csvp_gs_puts(out, "request not captured");
    csvp_gs_puts(out, ") -> ");
    format_status(out, d);
    if (o->several_files)
        csvp_append_printf(out, " [%s]", o->files[c->response_file_index]);
    g_string_append_c(out, '\n');
}

void format_fault_json(GString *out, const decoded_call *d, const cmd_opts *o)
{
    const rpc_call *c = d->call;
    const char *name = csvp_fault_name(c->fault_status);
    csvp_gs_puts(out, "{\"type\":\"fault\",\"frame\":");
    csvp_append_u64(out, c->response_frame);
    if (o->several_files) {
        csvp_gs_puts(out, ",\"file\":");
        json_string(out, o->files[c->response_file_index]);
    }
    csvp_gs_puts(out, ",\"time\":");
    json_time(out, c->response_ts_us);
    csvp_gs_puts(out, ",\"client\":");
    json_plain(out, c->client);
    csvp_gs_puts(out, ",\"server\":");
    json_plain(out, c->server);
    csvp_gs_puts(out, ",\"call_id\":");
    csvp_append_u64(out, c->call_id);
    csvp_append_printf(out, ",\"status\":\"0x%08X\",\"name\":", c->fault_status);
    if (name)
        json_plain(out, name);
    else
        csvp_gs_puts(out, "null");
    csvp_gs_puts(out, ",\"request_frame\":");
    if (c->frame)
        csvp_append_u64(out, c->frame);
    else
        csvp_gs_puts(out, "null");
    csvp_gs_puts(out, "}\n");
}

void format_call_json(GString *out, const decoded_call *d, const cmd_opts *o, const char *extra)
{
    const rpc_call *c = d->call;
    char uuid[37];
    csvp_gs_puts(out, "{\"type\":\"call\",\"frame\":");
    csvp_append_u64(out, c->frame);
    csvp_gs_puts(out, ",\"response_frame\":");
    if (c->response_frame)
        csvp_append_u64(out, c->response_frame);
    else
        csvp_gs_puts(out, "null");
    if (o->several_files) {
        csvp_gs_puts(out, ",\"file\":");
        json_string(out, o->files[c->file_index]);
    }
    /* seconds with microseconds: the time in ms with three decimals, divided by 1000 */
    csvp_gs_puts(out, ",\"time\":");
    json_time(out, c->time_us);
    csvp_gs_puts(out, ",\"rtt_ms\":");
    if (c->response_frame)
        csvp_append_ms(out, c->response_time_us);
    else
        csvp_gs_puts(out, "null");
    csvp_gs_puts(out, ",\"client\":");
    json_plain(out, c->client);
    csvp_gs_puts(out, ",\"server\":");
    json_plain(out, c->server);
    csvp_gs_puts(out, ",\"interface\":");
    csvp_guid_text(c->iface_uuid, uuid);
    json_plain(out, d->itf ? d->itf->name : uuid);
    if (d->inferred)
        csvp_gs_puts(out, ",\"interface_inferred\":true");
    csvp_gs_puts(out, ",\"opnum\":");
    csvp_append_u64(out, c->opnum);
    csvp_gs_puts(out, ",\"method\":");
    if (d->method)
        json_plain(out, d->method->name);
    else
        csvp_gs_puts(out, "null");
    if ((d->method && d->method->revision == 34) || (d->itf && d->itf->revision == 34))
        csvp_gs_puts(out, ",\"revision\":34");   /* absent from revision 19.0 (json-output.md) */
    csvp_gs_puts(out, ",\"call_id\":");
    csvp_append_u64(out, c->call_id);
    csvp_gs_puts(out, ",\"object\":");
    if (c->has_object) {
        csvp_guid_text(c->object_uuid, uuid);
        json_plain(out, uuid);
    } else {
        csvp_gs_puts(out, "null");
    }
    if (d->has_hresult) {
        const char *s = csvp_status_name(d->hresult);
        csvp_gs_puts(out, ",\"hresult\":\"0x");
        csvp_append_hex(out, d->hresult, 8, TRUE);
        csvp_gs_puts(out, "\",\"status\":");
        if (s)
            json_plain(out, s);
        else
            csvp_gs_puts(out, "null");
    } else {
        csvp_gs_puts(out, ",\"hresult\":null,\"status\":null");
    }
    csvp_gs_puts(out, ",\"fault\":");
    if (c->faulted) {
        const char *f = csvp_fault_name(c->fault_status);
        csvp_append_printf(out, "{\"status\":\"0x%08X\",\"name\":", c->fault_status);
        if (f)
            json_plain(out, f);
        else
            csvp_gs_puts(out, "null");
        g_string_append_c(out, '}');
    } else {
        csvp_gs_puts(out, "null");
    }
    bool encrypted = c->request_encrypted || c->response_encrypted;
    csvp_gs_puts(out, encrypted ? ",\"encrypted\":true" : ",\"encrypted\":false");
    csvp_gs_puts(out, c->sealed ? ",\"sealed\":true" : ",\"sealed\":false");
    csvp_gs_puts(out, c->sealed && !encrypted ? ",\"decrypted\":true,\"request\":" : ",\"decrypted\":false,\"request\":");
    if (d->req)
        json_params(out, d->req, o->verbose, o->show_secrets);
    else
        csvp_gs_puts(out, "null");
    csvp_gs_puts(out, ",\"response\":");
    if (d->resp)
        json_params(out, d->resp, o->verbose, o->show_secrets);
    else
        csvp_gs_puts(out, "null");
    json_layout(out, "request_layout", d->req);
    json_layout(out, "response_layout", d->resp);
    csvp_gs_puts(out, ",\"errors\":[");
    bool first = true;
    for (guint i = 0; c->errors && i < c->errors->len; i++) {
        if (!first)
            g_string_append_c(out, ',');
        first = false;
        json_string(out, g_ptr_array_index(c->errors, i));
    }
    json_problems(out, d->req, &first);
    json_problems(out, d->resp, &first);
    g_string_append_c(out, ']');
    if (extra)
        csvp_gs_puts(out, extra);
    csvp_gs_puts(out, "}\n");
}
