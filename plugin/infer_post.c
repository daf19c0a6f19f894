/* infer_post.c - the interface of calls on a connection whose bind the capture missed.
 *
 * DCE/RPC cannot name the interface of such a call ("No bind info"), so it never reaches the
 * sub-dissectors. With the preference csvp.infer_interface (off by default) a postdissector reads
 * the frame's DCE/RPC requests and responses itself (unfragmented, unauthenticated PDUs: C706
 * 12.6.4.9, 12.6.4.10) on connections where it saw no bind or alter_context for the context, and,
 * as csvpdump does, takes the only MS-CSVP method with that opnum whose request and response both
 * decode completely. The answer is known when the response is seen: one pass shows it on the
 * response, a second pass (tshark -2, the GUI) on the request too. Inferred calls are decoded and
 * shown, not judged by the auditor.
 */
#include "infer_post.h"
#include "infer.h"
#include "pdu_scan.h"
#include "proto_sink.h"
#include "summary.h"
#include "ws_compat.h"

#include <epan/conversation.h>
#include <epan/packet.h>
#include <string.h>

static int proto_csvp = -1, hf_interface = -1, hf_method = -1, hf_inferred = -1;
static int ett_inferred = -1;
static expert_field *ei_malformed;
static bool (*decoded_here)(packet_info *pinfo);
static csvp_ws_bool enabled;             /* the preference */
static dissector_handle_t post_handle;
static bool registered;

typedef struct pending {                 /* a request waiting for its response */
    guint16 opnum;
    guint8 drep[4];
    guint32 len;
    guint8 *stub;
    guint32 frame;
} pending;

typedef struct connection {              /* per TCP conversation */
    GHashTable *bound;                   /* ctx_id seen in a bind or alter_context */
    GHashTable *requests;                /* call_id -> pending */
} connection;

typedef struct inference {
    const csvp_interface *itf;
    const csvp_method *m;
} inference;

static wmem_map_t *inferred;             /* frame, direction, call_id -> inference */
static csvp_decoder *dec;                /* dissection runs on one thread */
static GPtrArray *connections;           /* to free at the end of the file */

static guint64 *result_key(guint32 frame, int dir, guint32 call_id)
{
    guint64 *k = wmem_new(wmem_file_scope(), guint64);
    *k = (guint64)frame << 33 | (guint64)(dir == CSVP_OUT) << 32 | call_id;
    return k;
}

static connection *connection_of(packet_info *pinfo)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    connection *c = conversation_get_proto_data(conv, proto_csvp);
    if (!c) {
        c = g_new0(connection, 1);
        c->bound = g_hash_table_new(g_direct_hash, g_direct_equal);
        c->requests = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
        conversation_add_proto_data(conv, proto_csvp, c);
        g_ptr_array_add(connections, c);
    }
    return c;
}

/* First pass: a bind's contexts, a request kept, a response's call inferred. */
static void learn(packet_info *pinfo, const csvp_pdu *p)
{
    connection *c = connection_of(pinfo);
    if (p->ptype == DCE_BIND || p->ptype == DCE_ALTER_CONTEXT) {
        for (guint i = 0; i < p->n_contexts; i++)
            g_hash_table_add(c->bound, GUINT_TO_POINTER((guint)p->contexts[i]));
        return;
    }
    if (g_hash_table_contains(c->bound, GUINT_TO_POINTER((guint)p->p_cont_id)))
        return;   /* DCE/RPC knows this context's interface */
    if (p->ptype == DCE_REQUEST) {
        pending *rq = g_malloc0(sizeof *rq + p->stub_len);
        rq->opnum = p->opnum;
        memcpy(rq->drep, p->drep, 4);
        rq->len = p->stub_len;
        rq->stub = (guint8 *)(rq + 1);
        memcpy(rq->stub, p->stub, p->stub_len);
        rq->frame = pinfo->num;
        g_hash_table_replace(c->requests, GUINT_TO_POINTER(p->call_id), rq);
        return;
    }
    const pending *rq = g_hash_table_lookup(c->requests, GUINT_TO_POINTER(p->call_id));
    const csvp_interface *itf = NULL;
    const csvp_method *m = rq ? csvp_infer_method(dec, rq->opnum, rq->stub, rq->len, rq->drep, p->stub, p->stub_len,
                                                  p->drep, &itf)
                              : NULL;
    if (m) {
        inference *r = wmem_new(wmem_file_scope(), inference);
        *r = (inference){ itf, m };
        wmem_map_insert(inferred, result_key(rq->frame, CSVP_IN, p->call_id), r);
        wmem_map_insert(inferred, result_key(pinfo->num, CSVP_OUT, p->call_id), r);
    }
    g_hash_table_remove(c->requests, GUINT_TO_POINTER(p->call_id));
}

static void show(const csvp_pdu *p, packet_info *pinfo, proto_tree *tree)
{
    int dir = p->ptype == DCE_REQUEST ? CSVP_IN : CSVP_OUT;
    guint64 key = (guint64)pinfo->num << 33 | (guint64)(dir == CSVP_OUT) << 32 | p->call_id;
    const inference *r = wmem_map_lookup(inferred, &key);
    if (!r)
        return;
    const csvp_method *m = r->m;
    const csvp_interface *itf = r->itf;
    csvp_tree *t = csvp_decode_stub_flags(dec, m, dir, p->stub, p->stub_len, p->drep, 0);
    GString *info = g_string_new(NULL);
    g_string_printf(info, "%s %s", m->name, dir == CSVP_IN ? "request" : "response");
    const csvp_node *hr = dir == CSVP_OUT ? csvp_node_child(t->root, csvp_return_member.name) : NULL;
    if (hr && hr->length) {
        g_string_append_c(info, ' ');
        csvp_summary_value(info, hr);
    }
    gsize before = info->len;
    g_string_append_c(info, ' ');
    csvp_summary_args(info, t, dir, " ");   /* the key arguments, as csvpdump and packet-csvp.c show them */
    if (info->len == before + 1)
        g_string_truncate(info, before);
    g_string_append(info, " [interface inferred]");
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "CSVP");
    col_add_str(pinfo->cinfo, COL_INFO, info->str);   /* wire strings are escaped by csvp/summary.c */
    g_string_free(info, TRUE);
    if (tree) {
        proto_item *ti = proto_tree_add_item(tree, proto_csvp, p->tvb, (gint)p->offset, p->frag_length, ENC_NA);
        proto_item_set_text(ti, "MS-CSVP (ClusPrep), %s %s %s (interface inferred: no bind in the capture)",
                            itf->name, m->name, dir == CSVP_IN ? "request" : "response");
        proto_tree *st = proto_item_add_subtree(ti, ett_inferred);
        proto_item_set_generated(proto_tree_add_boolean(st, hf_inferred, p->tvb, (gint)p->offset, 0, TRUE));
        proto_item_set_generated(proto_tree_add_string(st, hf_interface, p->tvb, (gint)p->offset, 0, itf->name));
        proto_item_set_generated(proto_tree_add_string(st, hf_method, p->tvb, (gint)p->offset, 0, m->name));
        csvp_proto_view view = { .tvb = p->tvb, .pinfo = pinfo, .stub_offset = p->stub_offset, .ett_text = ett_inferred,
                                 .ei_malformed = ei_malformed };
        csvp_proto_tree_build(t, st, &view);
    }
    csvp_tree_free(t);
}

typedef struct scan_ctx {
    packet_info *pinfo;
    proto_tree *tree;
} scan_ctx;

/* Unauthenticated PDUs only: a sealed stub is not inferred. */
static bool on_pdu(const csvp_pdu *p, void *user)
{
    scan_ctx *x = user;
    if (p->authenticated)
        return true;
    if (!PINFO_FD_VISITED(x->pinfo))
        learn(x->pinfo, p);
    if (p->ptype == DCE_REQUEST || p->ptype == DCE_RESPONSE)
        show(p, x->pinfo, x->tree);
    return true;
}

/* Every whole DCE/RPC PDU in the frame's data (the frame, reassembled TCP data). */
static int infer_post(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    /* TCP, as some releases leave a request without bind info to TCP (4.4), or DCE/RPC over
     * another transport; not when DCE/RPC knew the interface. */
    if (!enabled || decoded_here(pinfo) ||
        (!proto_is_frame_protocol(pinfo->layers, "tcp") && !proto_is_frame_protocol(pinfo->layers, "dcerpc")))
        return 0;
    scan_ctx x = { pinfo, tree };
    csvp_pdu_scan(pinfo, on_pdu, &x);
    return 0;
}

static void infer_init(void)
{
    csvp_infer_prefs_applied();   /* preferences are final when a file is opened */
    inferred = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
    if (!dec)
        dec = csvp_decoder_new();
    connections = g_ptr_array_new();
}

static void infer_cleanup(void)
{
    for (guint i = 0; connections && i < connections->len; i++) {
        connection *c = g_ptr_array_index(connections, i);
        g_hash_table_destroy(c->bound);
        g_hash_table_destroy(c->requests);
        g_free(c);
    }
    if (connections)
        g_ptr_array_free(connections, TRUE);
    connections = NULL;
}

void csvp_infer_register(int proto, module_t *prefs, int hf_itf, int hf_meth, expert_field *ei,
                         bool (*stub_decoded_here)(packet_info *pinfo))
{
    decoded_here = stub_decoded_here;
    static hf_register_info hf[] = {
        { &hf_inferred, { "Interface inferred", "csvp.interface_inferred", FT_BOOLEAN, BASE_NONE, NULL, 0,
                          "The capture has no bind for this connection: the interface is the only one whose method "
                          "of this opnum decodes both stubs completely", HFILL } },
    };
    static gint *ett[] = { &ett_inferred };
    proto_csvp = proto;
    hf_interface = hf_itf;
    hf_method = hf_meth;
    ei_malformed = ei;
    proto_register_field_array(proto, hf, G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
    prefs_register_bool_preference(prefs, "infer_interface", "Infer the interface without a bind",
                                   "For a connection whose bind the capture missed, decode a call with the only "
                                   "MS-CSVP method of its opnum whose request and response decode completely "
                                   "(as csvpdump does); costs a scan of every DCE/RPC frame",
                                   &enabled);
    register_init_routine(infer_init);
    register_cleanup_routine(infer_cleanup);
}

void csvp_infer_handoff(int proto)
{
    post_handle = create_dissector_handle(infer_post, proto);
}

void csvp_infer_prefs_applied(void)
{
    /* The postdissector exists only once the preference was set: no cost to anyone else. */
    if (enabled && !registered && post_handle) {
        register_postdissector(post_handle);
        registered = true;
    }
}
