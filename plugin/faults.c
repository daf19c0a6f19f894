/* faults.c - DCE/RPC faults that answer ClusPrep calls.
 *
 * DCE/RPC does not hand a fault PDU to the interface's dissector, so the fault frame would carry
 * nothing of csvp. On the first pass every ClusPrep request the plugin saw waits here, keyed by
 * DCE/RPC's call record, until its response reaches the plugin. A postdissector, registered when
 * the first ClusPrep request is seen (captures without ClusPrep never call it) and asking for no
 * fields (no tree is built for it), looks at frames only while such a call waits or a fault was
 * found: a frame that
 * holds a fault PDU (C706 12.6.4.7) whose call_id is a waiting call's and that DCE/RPC matched to
 * it (its call record names this frame as the answer) is that call's fault. Every pass then shows
 * the call's interface, method and opnum, the fault status and the request frame under a csvp item.
 */
#include "faults.h"
#include "stats.h"

#include <epan/expert.h>
#include <epan/proto_data.h>
#include <wsutil/pint.h>
#include <stdio.h>

typedef struct csvp_call {          /* a request the plugin saw */
    nstime_t req_time;
    const csvp_interface *itf;
    const csvp_method *m;           /* NULL: an opnum the interface does not define */
    guint16 opnum;
    guint32 call_id;
    guint32 req_frame;
    guint32 status;                 /* for a fault */
    struct csvp_call *next;         /* faults of one frame */
} csvp_call;

static int proto_csvp = -1;
static int hf_interface = -1, hf_method = -1, hf_opnum = -1;
static int hf_fault_status = -1, hf_fault_request = -1;
static gint ett_fault = -1;
static expert_field ei_fault = EI_INIT;
static dissector_handle_t post_handle;
static bool post_registered;        /* the postdissector is registered once ClusPrep traffic is seen */
static GHashTable *waiting;         /* dcerpc_call_value * -> csvp_call, first pass */
static GHashTable *faults;          /* frame number -> csvp_call list */

static void faults_init(void)
{
    waiting = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    faults = g_hash_table_new(g_direct_hash, g_direct_equal);
}

static void free_list(gpointer key, gpointer value, gpointer user)
{
    for (csvp_call *c = value, *next; c; c = next) {
        next = c->next;
        g_free(c);
    }
}

static void faults_cleanup(void)
{
    if (waiting)
        g_hash_table_destroy(waiting);
    if (faults) {
        g_hash_table_foreach(faults, free_list, NULL);
        g_hash_table_destroy(faults);
    }
    waiting = faults = NULL;
}

void csvp_faults_call(packet_info *pinfo, dcerpc_info *di, const csvp_interface *itf, const csvp_method *m, int request)
{
    if (PINFO_FD_VISITED(pinfo) || !waiting)
        return;
    if (!request) {
        g_hash_table_remove(waiting, di->call_data);
        return;
    }
    if (!post_registered) {
        /* Registered on the first ClusPrep request the process sees, not at start-up: until
         * then Wireshark calls nothing of the plugin for frames that are not ClusPrep. */
        register_postdissector(post_handle);
        post_registered = true;
    }
    csvp_call *c = g_new0(csvp_call, 1);
    *c = (csvp_call){ pinfo->abs_ts, itf, m, di->call_data->opnum, di->call_id, pinfo->num, 0, NULL };
    g_hash_table_replace(waiting, di->call_data, c);
}

/* The waiting call a fault PDU at b (len bytes available) answers in this frame, or NULL. */
static csvp_call *answered(packet_info *pinfo, const guint8 *b, guint len)
{
    if (len < 28 || b[0] != 5 || b[1] != 0 || b[2] != 3)   /* rpc_vers 5.0, PDU type fault */
        return NULL;
    bool le = b[4] & 0x10;
    guint32 call_id = le ? pletoh32(b + 12) : pntoh32(b + 12);
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, waiting);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const dcerpc_call_value *cv = key;
        csvp_call *c = value;
        if (c->call_id == call_id && cv->rep_frame == pinfo->num) {
            c->status = le ? pletoh32(b + 24) : pntoh32(b + 24);
            g_hash_table_iter_steal(&it);
            return c;
        }
    }
    return NULL;
}

/* First pass: look for fault PDUs in every data source of the frame (the frame itself, reassembled
 * segments). Runs only for frames while ClusPrep calls wait for an answer. */
static void find_faults(packet_info *pinfo)
{
    for (GSList *s = pinfo->data_src; s; s = s->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)s->data);
        guint len = tvb_captured_length(tvb);
        const guint8 *b = len ? tvb_get_ptr(tvb, 0, (gint)len) : NULL;
        for (guint off = 0; b && off + 28 <= len; off++) {
            if (b[off] != 5)
                continue;
            csvp_call *c = answered(pinfo, b + off, len - off);
            if (c) {
                c->next = g_hash_table_lookup(faults, GUINT_TO_POINTER(pinfo->num));
                g_hash_table_replace(faults, GUINT_TO_POINTER(pinfo->num), c);
            }
        }
    }
}

static void show(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const csvp_call *c)
{
    char what[40];
    if (c->m)
        snprintf(what, sizeof what, "%s", c->m->name);
    else
        snprintf(what, sizeof what, "unknown operation %u", c->opnum);
    const char *name = csvp_fault_name(c->status);
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "CSVP");
    col_append_fstr(pinfo->cinfo, COL_INFO, " (%s %s)", c->itf->name, what);
    proto_item *ti = proto_tree_add_item(tree, proto_csvp, tvb, 0, 0, ENC_NA);
    proto_item_set_text(ti, "MS-CSVP (ClusPrep), %s %s fault %s", c->itf->name, what, name ? name : "");
    proto_tree *ft = proto_item_add_subtree(ti, ett_fault);
    proto_item_set_generated(proto_tree_add_string(ft, hf_interface, tvb, 0, 0, c->itf->name));
    if (c->m)
        proto_item_set_generated(proto_tree_add_string(ft, hf_method, tvb, 0, 0, c->m->name));
    proto_item_set_generated(proto_tree_add_uint(ft, hf_opnum, tvb, 0, 0, c->opnum));
    proto_item *si = proto_tree_add_uint(ft, hf_fault_status, tvb, 0, 0, c->status);
    proto_item_set_generated(si);
    proto_item_set_generated(proto_tree_add_uint(ft, hf_fault_request, tvb, 0, 0, c->req_frame));
    csvp_stats_call(pinfo, c->itf->name, c->m ? c->m->name : wmem_strdup(pinfo->pool, what), true, false,
                    name ? name : wmem_strdup_printf(pinfo->pool, "0x%08X", c->status), &c->req_time);
    expert_add_info_format(pinfo, si, &ei_fault, "%s %s answered by fault %s (0x%08X), request in frame %u",
                           c->itf->name, what, name ? name : "unknown status", c->status, c->req_frame);
}

static int faults_post(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (!waiting || (g_hash_table_size(waiting) == 0 && g_hash_table_size(faults) == 0))
        return 0;   /* no ClusPrep call in this capture so far */
    if (!PINFO_FD_VISITED(pinfo) && g_hash_table_size(waiting))
        find_faults(pinfo);
    for (const csvp_call *c = g_hash_table_lookup(faults, GUINT_TO_POINTER(pinfo->num)); c; c = c->next)
        show(tvb, pinfo, tree, c);
    return 0;
}

void csvp_faults_register(int proto, expert_module_t *expert, int hf_itf, int hf_meth, int hf_op)
{
    static hf_register_info hf[] = {
        { &hf_fault_status, { "Fault status", "csvp.fault.status", FT_UINT32, BASE_HEX, NULL, 0,
                              "Status of the DCE/RPC fault PDU that answered the call (C706 12.6.4.7, MS-RPCE 2.2.2.9)",
                              HFILL } },
        { &hf_fault_request, { "Request in", "csvp.fault.request_frame", FT_FRAMENUM, BASE_NONE,
                               FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0, "Frame of the request the fault answers", HFILL } },
    };
    static gint *ett[] = { &ett_fault };
    static ei_register_info ei[] = {
        { &ei_fault, { "csvp.expert.fault", PI_RESPONSE_CODE, PI_WARN, "A ClusPrep call answered by a DCE/RPC fault",
                       EXPFILL } },
    };
    size_t n;
    const csvp_name *names = csvp_fault_table(&n);
    value_string *vs = g_new0(value_string, n + 1);   /* kept for the life of the program */
    for (size_t i = 0; i < n; i++)
        vs[i] = (value_string){ names[i].value, names[i].name };
    hf[0].hfinfo.strings = VALS(vs);
    proto_csvp = proto;
    hf_interface = hf_itf;
    hf_method = hf_meth;
    hf_opnum = hf_op;
    proto_register_field_array(proto, hf, G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
    expert_register_field_array(expert, ei, G_N_ELEMENTS(ei));
    register_init_routine(faults_init);
    register_cleanup_routine(faults_cleanup);
}

void csvp_faults_handoff(int proto)
{
    post_handle = create_dissector_handle(faults_post, proto);
}
