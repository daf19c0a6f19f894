/* by_server.c - per-server, per-object call sequences. Only a compact record
 * per call is kept (frame, method, status, time), never the stubs. */
#include "fmt.h"
#include "by_server.h"
#include "json_sink.h"

#include <string.h>

typedef struct step {
    guint64 frame;
    const char *method;        /* interned in by_server.names: the method name or "opnum N" */
    const char *status;        /* interned in by_server.names */
    gint64 rtt_us;             /* -1: no response */
    bool failed;
} step;

typedef struct method_stats {
    const char *method;
    guint64 calls, failures;
    gint64 total_us;
} method_stats;

typedef struct sequence {
    char *server, *object, *interfaces;
    GArray *steps;             /* of step */
    GArray *methods;           /* of method_stats, first-seen order */
} sequence;

struct by_server {
    GHashTable *index;         /* "server|object" -> sequence* */
    GPtrArray *order;          /* sequences in first-call order */
    /* Method and status texts, each stored once. Not g_intern_string: GLib keeps those for the life of
     * the process (and drops its outgrown quark arrays), and statuses come from the capture. */
    GStringChunk *names;
};

by_server *by_server_new(void)
{
    by_server *b = g_new0(by_server, 1);
    b->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    b->order = g_ptr_array_new();
    b->names = g_string_chunk_new(1024);
    return b;
}

void by_server_add(by_server *b, const decoded_call *d)
{
    char object[37] = "-";
    if (d->call->has_object)
        csvp_guid_text(d->call->object_uuid, object);
    char *host = endpoint_host(d->call->server);
    char *key = g_strdup_printf("%s|%s", host, object);
    sequence *s = g_hash_table_lookup(b->index, key);
    if (!s) {
        s = g_new0(sequence, 1);
        s->server = host;
        s->object = g_strdup(object);
        s->interfaces = g_strdup("");
        s->steps = g_array_new(FALSE, FALSE, sizeof(step));
        s->methods = g_array_new(FALSE, FALSE, sizeof(method_stats));
        g_hash_table_insert(b->index, key, s);
        g_ptr_array_add(b->order, s);
    } else {
        g_free(host);
        g_free(key);
    }
    const char *itf = d->itf ? d->itf->name : "other";
    if (!strstr(s->interfaces, itf)) {
        char *joined = *s->interfaces ? g_strdup_printf("%s, %s", s->interfaces, itf) : g_strdup(itf);
        g_free(s->interfaces);
        s->interfaces = joined;
    }
    GString *tmp = g_string_new(NULL);
    format_method_name(tmp, d);
    const char *method = g_string_chunk_insert_const(b->names, tmp->str);
    g_string_truncate(tmp, 0);
    format_status(tmp, d);
    step st = { d->call->frame, method, g_string_chunk_insert_const(b->names, tmp->str),
                d->call->response_frame ? d->call->response_time_us : -1,
                d->call->faulted || !d->call->response_frame || (d->has_hresult && (d->hresult & 0x80000000u)) };
    g_string_free(tmp, TRUE);
    g_array_append_val(s->steps, st);
    method_stats *ms = NULL;
    for (guint i = 0; i < s->methods->len && !ms; i++)
        if (g_array_index(s->methods, method_stats, i).method == method)
            ms = &g_array_index(s->methods, method_stats, i);
    if (!ms) {
        method_stats fresh = { .method = method };
        g_array_append_val(s->methods, fresh);
        ms = &g_array_index(s->methods, method_stats, s->methods->len - 1);
    }
    ms->calls++;
    ms->failures += st.failed;
    ms->total_us += st.rtt_us > 0 ? st.rtt_us : 0;
}

static void print_text(const sequence *s, GString *out)
{
    csvp_append_printf(out, "Server %s  object %s  (%s)\n", s->server, s->object, s->interfaces);
    for (guint i = 0; i < s->steps->len; i++) {
        const step *st = &g_array_index(s->steps, step, i);
        csvp_append_printf(out, "  %4u  frame %-7" G_GUINT64_FORMAT " %-40s -> %s", i + 1, st->frame, st->method,
                               st->status);
        if (st->rtt_us >= 0)
            csvp_append_printf(out, "  %.3f ms", (double)st->rtt_us / 1000.0);
        g_string_append_c(out, '\n');
    }
    csvp_append_printf(out, "  %-40s %7s %7s %12s\n", "method", "calls", "failed", "total ms");
    for (guint i = 0; i < s->methods->len; i++) {
        const method_stats *m = &g_array_index(s->methods, method_stats, i);
        csvp_append_printf(out, "  %-40s %7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %12.3f\n", m->method,
                               m->calls, m->failures, (double)m->total_us / 1000.0);
    }
    g_string_append_c(out, '\n');
}

static void print_json(const sequence *s, GString *out)
{
    g_string_append(out, "{\"type\":\"sequence\",\"server\":");
    json_string(out, s->server);
    g_string_append(out, ",\"object\":");
    if (strcmp(s->object, "-") == 0)
        g_string_append(out, "null");
    else
        json_string(out, s->object);
    g_string_append(out, ",\"calls\":[");
    for (guint i = 0; i < s->steps->len; i++) {
        const step *st = &g_array_index(s->steps, step, i);
        csvp_append_printf(out, "%s{\"frame\":%" G_GUINT64_FORMAT ",\"method\":", i ? "," : "", st->frame);
        json_string(out, st->method);
        g_string_append(out, ",\"status\":");
        json_string(out, st->status);
        if (st->rtt_us >= 0)
            csvp_append_printf(out, ",\"rtt_ms\":%.3f}", (double)st->rtt_us / 1000.0);
        else
            g_string_append(out, ",\"rtt_ms\":null}");
    }
    g_string_append(out, "],\"methods\":[");
    for (guint i = 0; i < s->methods->len; i++) {
        const method_stats *m = &g_array_index(s->methods, method_stats, i);
        csvp_append_printf(out, "%s{\"method\":", i ? "," : "");
        json_string(out, m->method);
        csvp_append_printf(out, ",\"calls\":%" G_GUINT64_FORMAT ",\"failures\":%" G_GUINT64_FORMAT
                               ",\"total_ms\":%.3f}", m->calls, m->failures, (double)m->total_us / 1000.0);
    }
    g_string_append(out, "]}\n");
}

void by_server_print(const by_server *b, GString *out, bool json)
{
    for (guint i = 0; i < b->order->len; i++)
        (json ? print_json : print_text)(g_ptr_array_index(b->order, i), out);
}

void by_server_free(by_server *b)
{
    for (guint i = 0; i < b->order->len; i++) {
        sequence *s = g_ptr_array_index(b->order, i);
        g_free(s->server);
        g_free(s->object);
        g_free(s->interfaces);
        g_array_free(s->steps, TRUE);
        g_array_free(s->methods, TRUE);
        g_free(s);
    }
    g_ptr_array_free(b->order, TRUE);
    g_hash_table_destroy(b->index);
    g_string_chunk_free(b->names);
    g_free(b);
}
