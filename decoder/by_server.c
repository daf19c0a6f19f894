/* by_server.c - per-server, per-object call sequences in bounded memory.
 * A sequence in memory holds only its aggregates (interfaces, per-method
 * counts); each call's line is formatted as it arrives and spilled keyed by
 * (sequence order, 1), the header and the method table when the sequence is
 * closed, keyed (order, 0) and (order, 2). The spill's merge gives back
 * today's order: sequences by first call, calls in capture order. At most
 * max_live sequences stay open: the one called least recently is closed, and
 * a later call of its object opens a new sequence. */
#include "fmt.h"
#include "by_server.h"
#include "json_sink.h"
#include "spill.h"

#include <string.h>

#define SPILL_BUDGET (8u << 20)
/* Method rows per sequence: more than any interface has, so only opnums outside the interfaces (hostile
 * input, --all) reach it; the calls of further methods are counted in one more row, OTHER_METHODS. */
#define MAX_METHOD_ROWS 64
#define OTHER_METHODS "(other methods)"

enum { PART_HEADER, PART_CALL, PART_FOOTER };  /* spill_key.minor */

typedef struct method_stats {
    const char *method;        /* the method name or "opnum N", stored once in by_server.names */
    guint64 calls, failures;
    gint64 total_us;
} method_stats;

typedef struct sequence {
    guint64 order;             /* of first call: the spill key */
    char *key;                 /* "server|object", in the index */
    char *server, *object, *interfaces;
    guint64 n_calls;
    GArray *methods;           /* of method_stats, first-seen order */
    GList link;                /* in by_server.lru */
} sequence;

struct by_server {
    bool json;
    guint max_live;
    GHashTable *index;         /* key -> open sequence* */
    GQueue lru;                /* open sequences, least recently called first */
    spill *out;
    guint64 next_order, evicted;
    GString *tmp;
    /* Method texts, each stored once. Not g_intern_string: GLib keeps those for the life of the process
     * (and drops its outgrown quark arrays, which LeakSanitizer reports), and "opnum N" comes from the capture. */
    GStringChunk *names;
};

by_server *by_server_new(bool json, guint max_live)
{
    by_server *b = g_new0(by_server, 1);
    b->json = json;
    b->max_live = MAX(max_live, 1);
    b->index = g_hash_table_new(g_str_hash, g_str_equal);
    g_queue_init(&b->lru);
    b->out = spill_new(SPILL_BUDGET);
    b->tmp = g_string_new(NULL);
    b->names = g_string_chunk_new(1024);
    return b;
}

static void put(by_server *b, const sequence *s, int part)
{
    spill_add(b->out, (spill_key){ s->order, (guint64)part }, b->tmp->str, b->tmp->len);
    g_string_truncate(b->tmp, 0);
}

static void format_header(GString *out, const sequence *s, bool json)
{
    if (!json) {
        csvp_append_printf(out, "Server %s  object %s  (%s)\n", s->server, s->object, s->interfaces);
        return;
    }
    g_string_append(out, "{\"type\":\"sequence\",\"server\":");
    json_string(out, s->server);
    g_string_append(out, ",\"object\":");
    if (strcmp(s->object, "-") == 0)
        g_string_append(out, "null");
    else
        json_string(out, s->object);
    g_string_append(out, ",\"calls\":[");
}

/* Spaces from the column that began at `from` to `width` characters, as printf's %-Ns pads. */
static void pad_to(GString *out, gsize from, gsize width)
{
    while (out->len - from < width)
        g_string_append_c(out, ' ');
}

/* Spaces before the column that began at `from`, up to `width` characters, as printf's %Nd pads. */
static void pad_before(GString *out, gsize from, gsize width)
{
    gsize n = out->len - from;
    if (n < width)
        g_string_insert_len(out, (gssize)from, "            ", (gssize)MIN(width - n, 12));
}

/* us / 1000.0 as "%.3f" prints it: csvp_append_ms's exact digits are the same while a double's error is
 * far below 0.0005 ms (up to 2^40 us); printf itself beyond. */
/* " %*u": a space, then n right-aligned in width. */
static void count_column(GString *out, guint64 n, gsize width)
{
    g_string_append_c(out, ' ');
    gsize at = out->len;
    csvp_append_u64(out, n);
    pad_before(out, at, width);
}

static void append_ms_f(GString *out, gint64 us)
{
    if (us >= 0 && us < G_GINT64_CONSTANT(1) << 40)
        csvp_append_ms(out, us);
    else
        csvp_append_printf(out, "%.3f", (double)us / 1000.0);
}

static void format_footer(GString *out, const sequence *s, bool json)
{
    /* the column names, as "  %-40s %7s %7s %12s\n" wrote them */
    csvp_gs_puts(out, json ? "],\"methods\":[" : "  method                                     calls  failed     total ms\n");
    for (guint i = 0; i < s->methods->len; i++) {
        const method_stats *m = &g_array_index(s->methods, method_stats, i);
        if (!json) {
            /* "  %-40s %7u %7u %12.3f\n" by hand: a row per method of every sequence */
            csvp_gs_puts(out, "  ");
            gsize at = out->len;
            csvp_gs_puts(out, m->method);
            pad_to(out, at, 40);
            count_column(out, m->calls, 7);
            count_column(out, m->failures, 7);
            g_string_append_c(out, ' ');
            at = out->len;
            append_ms_f(out, m->total_us);
            pad_before(out, at, 12);
            g_string_append_c(out, '\n');
            continue;
        }
        csvp_append_printf(out, "%s{\"method\":", i ? "," : "");
        json_string(out, m->method);
        csvp_gs_puts(out, ",\"calls\":");
        csvp_append_u64(out, m->calls);
        csvp_gs_puts(out, ",\"failures\":");
        csvp_append_u64(out, m->failures);
        csvp_gs_puts(out, ",\"total_ms\":");
        append_ms_f(out, m->total_us);
        g_string_append_c(out, '}');
    }
    g_string_append(out, json ? "]}\n" : "\n");
}

static void format_call(GString *out, const sequence *s, const decoded_call *d, const char *method, bool json)
{
    gint64 rtt_us = d->call->response_frame ? d->call->response_time_us : -1;
    if (!json) {
        /* "  %4u  frame %-7u %-40s -> " by hand: one line per call */
        csvp_gs_puts(out, "  ");
        int digits = 1;
        for (guint64 v = s->n_calls; v >= 10; v /= 10)
            digits++;
        for (; digits < 4; digits++)
            g_string_append_c(out, ' ');
        csvp_append_u64(out, s->n_calls);
        csvp_gs_puts(out, "  frame ");
        gsize at = out->len;
        csvp_append_u64(out, d->call->frame);
        pad_to(out, at, 7);
        g_string_append_c(out, ' ');
        at = out->len;
        csvp_gs_puts(out, method);
        pad_to(out, at, 40);
        csvp_gs_puts(out, " -> ");
        format_status(out, d);
        if (rtt_us >= 0) {
            csvp_gs_puts(out, "  ");
            append_ms_f(out, rtt_us);
            csvp_gs_puts(out, " ms");
        }
        g_string_append_c(out, '\n');
        return;
    }
    csvp_append_printf(out, "%s{\"frame\":%" G_GUINT64_FORMAT ",\"method\":", s->n_calls > 1 ? "," : "",
                       d->call->frame);
    json_string(out, method);
    g_string_append(out, ",\"status\":");
    GString *status = g_string_new(NULL);
    format_status(status, d);
    json_string(out, status->str);
    g_string_free(status, TRUE);
    if (rtt_us >= 0) {
        csvp_gs_puts(out, ",\"rtt_ms\":");
        append_ms_f(out, rtt_us);
        g_string_append_c(out, '}');
    } else
        g_string_append(out, ",\"rtt_ms\":null}");
}

static void sequence_free(by_server *b, sequence *s)
{
    g_queue_unlink(&b->lru, &s->link);
    g_hash_table_remove(b->index, s->key);
    g_free(s->key);
    g_free(s->server);
    g_free(s->object);
    g_free(s->interfaces);
    g_array_free(s->methods, TRUE);
    g_free(s);
}

/* Spill the header and method table of s and forget it. */
static void close_sequence(by_server *b, sequence *s)
{
    format_header(b->tmp, s, b->json);
    put(b, s, PART_HEADER);
    format_footer(b->tmp, s, b->json);
    put(b, s, PART_FOOTER);
    sequence_free(b, s);
}

static sequence *sequence_get(by_server *b, const decoded_call *d)
{
    char object[37] = "-";
    if (d->call->has_object)
        csvp_guid_text(d->call->object_uuid, object);
    char *host = endpoint_host(d->call->server);
    char *key = g_strdup_printf("%s|%s", host, object);
    sequence *s = g_hash_table_lookup(b->index, key);
    if (s) {
        g_free(host);
        g_free(key);
        g_queue_unlink(&b->lru, &s->link);
        g_queue_push_tail_link(&b->lru, &s->link);
        return s;
    }
    s = g_new0(sequence, 1);
    s->order = b->next_order++;
    s->key = key;
    s->server = host;
    s->object = g_strdup(object);
    s->interfaces = g_strdup("");
    s->methods = g_array_new(FALSE, FALSE, sizeof(method_stats));
    s->link.data = s;
    g_hash_table_insert(b->index, s->key, s);
    g_queue_push_tail_link(&b->lru, &s->link);
    return s;
}

void by_server_add(by_server *b, const decoded_call *d)
{
    sequence *s = sequence_get(b, d);
    const char *itf = d->itf ? d->itf->name : "other";
    if (!strstr(s->interfaces, itf)) {
        char *joined = *s->interfaces ? g_strdup_printf("%s, %s", s->interfaces, itf) : g_strdup(itf);
        g_free(s->interfaces);
        s->interfaces = joined;
    }
    format_method_name(b->tmp, d);
    const char *method = g_string_chunk_insert_const(b->names, b->tmp->str);
    g_string_truncate(b->tmp, 0);
    s->n_calls++;
    format_call(b->tmp, s, d, method, b->json);
    put(b, s, PART_CALL);
    gint64 rtt_us = d->call->response_frame ? d->call->response_time_us : -1;
    bool failed = d->call->faulted || !d->call->response_frame || (d->has_hresult && (d->hresult & 0x80000000u));
    method_stats *ms = NULL;
    for (guint i = 0; i < s->methods->len && !ms; i++)
        if (g_array_index(s->methods, method_stats, i).method == method)
            ms = &g_array_index(s->methods, method_stats, i);
    if (!ms && s->methods->len >= MAX_METHOD_ROWS) {
        method = OTHER_METHODS;
        for (guint i = MAX_METHOD_ROWS; i < s->methods->len && !ms; i++)
            ms = &g_array_index(s->methods, method_stats, i);
    }
    if (!ms) {
        method_stats fresh = { .method = method };
        g_array_append_val(s->methods, fresh);
        ms = &g_array_index(s->methods, method_stats, s->methods->len - 1);
    }
    ms->calls++;
    ms->failures += failed;
    ms->total_us += rtt_us > 0 ? rtt_us : 0;
    while (b->lru.length > b->max_live) {
        close_sequence(b, b->lru.head->data);
        b->evicted++;
    }
}

bool by_server_print(by_server *b, FILE *out)
{
    while (b->lru.head)
        close_sequence(b, b->lru.head->data);
    spill_finish(b->out);
    spill_key k;
    const char *data;
    gsize len;
    while (spill_next(b->out, &k, &data, &len))
        fwrite(data, 1, len, out);
    return spill_error(b->out) == NULL;
}

const char *by_server_error(const by_server *b)
{
    return spill_error(b->out);
}

guint64 by_server_evicted(const by_server *b)
{
    return b->evicted;
}

void by_server_free(by_server *b)
{
    while (b->lru.head)
        sequence_free(b, b->lru.head->data);
    g_hash_table_destroy(b->index);
    spill_free(b->out);
    g_string_free(b->tmp, TRUE);
    g_string_chunk_free(b->names);
    g_free(b);
}
