/* calls_tree.c - Statistics > MS-CSVP (ClusPrep) > Calls in Wireshark's menu, and
 * `tshark -z csvp_calls,tree[,filter]`: a stats tree over the "csvp" tap (stats.h), per server
 * and method the calls, their failures and faults by status, and the response times. The
 * same counts as `-z csvp,calls` (stats.c), which prints its own table for tshark. */
#include "calls_tree.h"
#include "stats.h"

#include <epan/stats_tree.h>

static int node_calls = -1;

static void calls_tree_init(stats_tree *st)
{
    node_calls = stats_tree_create_node(st, "ClusPrep calls", 0, STAT_DT_INT, TRUE);
}

static tap_packet_status calls_tree_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt, const void *d,
                                           tap_flags_t flags)
{
    const csvp_tap_call *c = d;
    char *method = wmem_strdup_printf(pinfo->pool, "%s %s", c->itf, c->method);
    tick_stat_node(st, "ClusPrep calls", 0, TRUE);
    int server = tick_stat_node(st, c->server, node_calls, TRUE);
    int m = tick_stat_node(st, method, server, TRUE);
    if (c->fault || c->failed)
        tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "%s %s", c->fault ? "Fault" : "Failed", c->status), m,
                       FALSE);
    if (c->timed)   /* milliseconds, as Wireshark's SRT tables show them */
        avg_stat_node_add_value_float(st, "Response time (ms)", m, FALSE, (gfloat)(c->seconds * 1000.0));
    return TAP_PACKET_REDRAW;
}

void csvp_calls_tree_register(void)
{
    stats_tree_register_plugin("csvp", "csvp_calls", "MS-CSVP (ClusPrep)/Calls per server and method", 0,
                               calls_tree_packet, calls_tree_init, NULL);
}
