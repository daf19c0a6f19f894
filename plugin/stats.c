/* stats.c - `tshark -z csvp,calls[,filter]`: ClusPrep calls per server and method.
 *
 * The plugin's tap "csvp" carries one csvp_tap_call per answered call (a response the plugin
 * decoded, or a fault answering a ClusPrep request). The statistic counts per server and method
 * the calls, the failures (HRESULT other than S_OK / S_FALSE) by status, the faults, and the
 * response times (request to answer, as DCE/RPC's SRT measures them).
 */
#include "stats.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct method_stats {
    char *server, *itf, *method;
    guint calls, failures, faults;
    double min, max, sum;      /* seconds, over calls whose request was seen */
    guint timed;
    GHashTable *by_status;     /* status name -> count (failures and faults) */
} method_stats;

typedef struct calls_stats {
    char *filter;
    GHashTable *rows;          /* "server\tinterface\tmethod" -> method_stats */
} calls_stats;

static int csvp_tap = -1;
static int states_tap = -1;

typedef struct states_stats {
    char *filter;
    GHashTable *rows;          /* "server\tobject\tdisk" -> GPtrArray of "frame N: transition" */
} states_stats;

static void states_reset(void *data)
{
    g_hash_table_remove_all(((states_stats *)data)->rows);
}

static tap_packet_status states_packet(void *data, packet_info *pinfo, epan_dissect_t *edt, const void *d,
                                       tap_flags_t flags)
{
    states_stats *ss = data;
    const csvp_tap_states *t = d;
    if (!t->n)
        return TAP_PACKET_DONT_REDRAW;
    char *key = g_strdup_printf("%s\t%s\t%s", t->server, t->object, t->disk[0] ? t->disk : "-");
    GPtrArray *list = g_hash_table_lookup(ss->rows, key);
    if (!list) {
        list = g_ptr_array_new_with_free_func(g_free);
        g_hash_table_insert(ss->rows, key, list);
    } else {
        g_free(key);
    }
    for (guint i = 0; i < t->n; i++)
        g_ptr_array_add(list, g_strdup_printf("frame %u: %s", pinfo->num, t->transitions[i]));
    return TAP_PACKET_REDRAW;
}

static void states_draw(void *data)
{
    states_stats *ss = data;
    GList *keys = g_list_sort(g_hash_table_get_keys(ss->rows), (GCompareFunc)strcmp);
    printf("\n===================================================================\n");
    printf("MS-CSVP (ClusPrep) state transitions per server, object and disk\n");
    printf("Filter: %s\n", ss->filter ? ss->filter : "");
    for (GList *l = keys; l; l = l->next) {
        char **f = g_strsplit(l->data, "\t", 3);
        printf("Server %s object %s disk %s\n", f[0], f[1], f[2]);
        g_strfreev(f);
        GPtrArray *list = g_hash_table_lookup(ss->rows, l->data);
        for (guint i = 0; i < list->len; i++)
            printf("    %s\n", (const char *)g_ptr_array_index(list, i));
    }
    g_list_free(keys);
    printf("===================================================================\n");
}

static void states_init(const char *opt_arg, void *userdata)
{
    states_stats *ss = g_new0(states_stats, 1);
    const char *prefix = "csvp,states,";
    if (strncmp(opt_arg, prefix, strlen(prefix)) == 0)
        ss->filter = g_strdup(opt_arg + strlen(prefix));
    ss->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
    GString *err = register_tap_listener("csvp.states", ss, ss->filter, 0, states_reset, states_packet, states_draw,
                                         NULL);
    if (err) {
        fprintf(stderr, "tshark: Couldn't register csvp,states tap: %s\n", err->str);
        exit(1);
    }
}

void csvp_stats_states(packet_info *pinfo, const char *object, const char *disk, const char *const *transitions,
                       guint n)
{
    if (states_tap < 0 || !have_tap_listener(states_tap) || !n)
        return;
    csvp_tap_states *t = wmem_new0(pinfo->pool, csvp_tap_states);
    t->server = address_to_str(pinfo->pool, &pinfo->src);
    t->object = object ? object : "";
    t->disk = disk ? disk : "";
    t->transitions = transitions;
    t->n = n;
    tap_queue_packet(states_tap, pinfo, t);
}

static void free_row(gpointer p)
{
    method_stats *m = p;
    g_free(m->server);
    g_free(m->itf);
    g_free(m->method);
    g_hash_table_destroy(m->by_status);
    g_free(m);
}

static void calls_reset(void *data)
{
    calls_stats *cs = data;
    g_hash_table_remove_all(cs->rows);
}

static tap_packet_status calls_packet(void *data, packet_info *pinfo, epan_dissect_t *edt, const void *d,
                                      tap_flags_t flags)
{
    calls_stats *cs = data;
    const csvp_tap_call *c = d;
    char *key = g_strdup_printf("%s\t%s\t%s", c->server, c->itf, c->method);
    method_stats *m = g_hash_table_lookup(cs->rows, key);
    if (!m) {
        m = g_new0(method_stats, 1);
        m->server = g_strdup(c->server);
        m->itf = g_strdup(c->itf);
        m->method = g_strdup(c->method);
        m->by_status = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_hash_table_insert(cs->rows, key, m);
    } else {
        g_free(key);
    }
    m->calls++;
    if (c->fault)
        m->faults++;
    else if (c->failed)
        m->failures++;
    if (c->fault || c->failed) {
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(m->by_status, c->status));
        g_hash_table_replace(m->by_status, g_strdup(c->status), GUINT_TO_POINTER(n + 1));
    }
    if (c->timed) {
        m->min = m->timed ? MIN(m->min, c->seconds) : c->seconds;
        m->max = MAX(m->max, c->seconds);
        m->sum += c->seconds;
        m->timed++;
    }
    return TAP_PACKET_REDRAW;
}

static gint compare_rows(gconstpointer a, gconstpointer b)
{
    const method_stats *x = *(method_stats *const *)a, *y = *(method_stats *const *)b;
    int r = strcmp(x->server, y->server);
    return r ? r : (r = strcmp(x->itf, y->itf)) ? r : strcmp(x->method, y->method);
}

static void calls_draw(void *data)
{
    calls_stats *cs = data;
    GPtrArray *rows = g_ptr_array_new();
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, cs->rows);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_ptr_array_add(rows, v);
    g_ptr_array_sort(rows, compare_rows);
    printf("\n===================================================================\n");
    printf("MS-CSVP (ClusPrep) calls per server and method\n");
    printf("Filter: %s\n", cs->filter ? cs->filter : "");
    printf("%-16s %-18s %-38s %6s %6s %6s %10s %10s %10s\n", "Server", "Interface", "Method", "Calls", "Failed",
           "Faults", "Min RT", "Max RT", "Avg RT");
    for (guint i = 0; i < rows->len; i++) {
        const method_stats *m = g_ptr_array_index(rows, i);
        printf("%-16s %-18s %-38s %6u %6u %6u", m->server, m->itf, m->method, m->calls, m->failures, m->faults);
        if (m->timed)
            printf(" %10.6f %10.6f %10.6f\n", m->min, m->max, m->sum / m->timed);
        else
            printf(" %10s %10s %10s\n", "-", "-", "-");
        GList *names = g_list_sort(g_hash_table_get_keys(m->by_status), (GCompareFunc)strcmp);
        for (GList *l = names; l; l = l->next)
            printf("    %s: %u\n", (const char *)l->data, GPOINTER_TO_UINT(g_hash_table_lookup(m->by_status, l->data)));
        g_list_free(names);
    }
    printf("===================================================================\n");
    g_ptr_array_free(rows, TRUE);
}

/* opt_arg: "csvp,calls" or "csvp,calls,FILTER". */
static void calls_init(const char *opt_arg, void *userdata)
{
    calls_stats *cs = g_new0(calls_stats, 1);
    const char *prefix = "csvp,calls,";
    if (strncmp(opt_arg, prefix, strlen(prefix)) == 0)
        cs->filter = g_strdup(opt_arg + strlen(prefix));
    cs->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_row);
    GString *err = register_tap_listener("csvp", cs, cs->filter, 0, calls_reset, calls_packet, calls_draw, NULL);
    if (err) {
        fprintf(stderr, "tshark: Couldn't register csvp,calls tap: %s\n", err->str);
        g_string_free(err, TRUE);
        g_hash_table_destroy(cs->rows);
        g_free(cs->filter);
        g_free(cs);
        exit(1);
    }
}

void csvp_stats_register(void)
{
    static tap_param params[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };
    static stat_tap_ui calls_ui = { REGISTER_PACKET_STAT_GROUP_UNSORTED, "MS-CSVP calls", "csvp,calls", calls_init,
                                    G_N_ELEMENTS(params), params };
    static tap_param sparams[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };
    static stat_tap_ui states_ui = { REGISTER_PACKET_STAT_GROUP_UNSORTED, "MS-CSVP state transitions", "csvp,states",
                                     states_init, G_N_ELEMENTS(sparams), sparams };
    csvp_tap = register_tap("csvp");
    states_tap = register_tap("csvp.states");
    register_stat_tap_ui(&calls_ui, NULL);
    register_stat_tap_ui(&states_ui, NULL);
}

void csvp_stats_call(packet_info *pinfo, const char *itf, const char *method, bool fault, bool failed,
                     const char *status, const nstime_t *req_time)
{
    if (csvp_tap < 0 || !have_tap_listener(csvp_tap))
        return;
    csvp_tap_call *c = wmem_new0(pinfo->pool, csvp_tap_call);
    c->server = address_to_str(pinfo->pool, &pinfo->src);   /* the answer comes from the server */
    c->itf = itf;
    c->method = method;
    c->fault = fault;
    c->failed = failed;
    c->status = status ? status : "";
    if (req_time && (req_time->secs || req_time->nsecs)) {
        nstime_t d;
        nstime_delta(&d, &pinfo->abs_ts, req_time);
        c->seconds = nstime_to_sec(&d);
        c->timed = true;
    }
    tap_queue_packet(csvp_tap, pinfo, c);
}
