/* infer.c - the interface of calls on a connection whose bind the capture missed.
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
#include "infer.h"
#include "packet-csvp.h"
#include "proto_sink.h"
#include "summary.h"
#include "walker.h"
#include "ws_compat.h"

#include <epan/conversation.h>
#include <epan/packet.h>
#include <string.h>
#include <wsutil/pint.h>

#define PTYPE_REQUEST 0
#define PTYPE_RESPONSE 2
#define PTYPE_BIND 11
#define PTYPE_ALTER 14
#define PFC_FIRST_LAST 0x03
#define PFC_OBJECT_UUID 0x80

static int proto_csvp = -1, hf_interface = -1, hf_method = -1, hf_inferred = -1;
static int ett_inferred = -1;
static expert_field *ei_malformed;
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

static bool decodes_cleanly(const csvp_method *m, int dir, const guint8 *stub, guint32 len, const guint8 drep[4])
{
    csvp_tree *t = csvp_decode_stub_flags(dec, m, dir, stub, len, drep, 0);
    bool clean = t->complete && t->problems->len == 0;
    csvp_tree_free(t);
    return clean;
}

/* The only method (of any interface) with the opnum whose two stubs decode completely, or NULL. */
static const csvp_method *infer(const pending *rq, const guint8 *stub, guint32 len, const guint8 drep[4],
                                const csvp_interface **itf)
{
    size_t n;
    const csvp_interface *const *all = csvp_interfaces(&n);
    const csvp_method *found = NULL;
    for (size_t i = 0; i < n; i++) {
        const csvp_method *m = csvp_method_by_opnum(all[i], rq->opnum);
        if (!m || m->iunknown || m->not_used_on_wire || !decodes_cleanly(m, CSVP_IN, rq->stub, rq->len, rq->drep) ||
            !decodes_cleanly(m, CSVP_OUT, stub, len, drep))
            continue;
        if (found)
            return NULL;
        found = m;
        *itf = all[i];
    }
    return found;
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
static void learn(packet_info *pinfo, const guint8 *h, guint32 frag, bool le)
{
    connection *c = connection_of(pinfo);
    guint32 call_id = le ? pletoh32(h + 12) : pntoh32(h + 12);
    if (h[2] == PTYPE_BIND || h[2] == PTYPE_ALTER) {
        /* p_context_elem at 24: n_context_elem, 3 reserved; each p_cont_elem_t: p_cont_id (2),
         * n_transfer_syn (1), reserved (1), abstract syntax (20), transfer syntaxes (20 each). */
        guint32 off = 28;
        for (guint i = 0; frag >= 28 && i < h[24] && off + 4 <= frag; i++) {
            g_hash_table_add(c->bound, GUINT_TO_POINTER((guint)(le ? pletoh16(h + off) : pntoh16(h + off))));
            off += 24 + 20u * h[off + 2];
        }
        return;
    }
    guint16 ctx = le ? pletoh16(h + 20) : pntoh16(h + 20);
    if (g_hash_table_contains(c->bound, GUINT_TO_POINTER((guint)ctx)))
        return;   /* DCE/RPC knows this context's interface */
    guint32 hdr = 24 + (h[2] == PTYPE_REQUEST && (h[3] & PFC_OBJECT_UUID) ? 16 : 0);
    if (h[2] == PTYPE_REQUEST) {
        pending *rq = g_malloc0(sizeof *rq + (frag - hdr));
        rq->opnum = le ? pletoh16(h + 22) : pntoh16(h + 22);
        memcpy(rq->drep, h + 4, 4);
        rq->len = frag - hdr;
        rq->stub = (guint8 *)(rq + 1);
        memcpy(rq->stub, h + hdr, rq->len);
        rq->frame = pinfo->num;
        g_hash_table_replace(c->requests, GUINT_TO_POINTER(call_id), rq);
        return;
    }
    const pending *rq = g_hash_table_lookup(c->requests, GUINT_TO_POINTER(call_id));
    const csvp_interface *itf = NULL;
    const csvp_method *m = rq ? infer(rq, h + hdr, frag - hdr, h + 4, &itf) : NULL;
    if (m) {
        inference *r = wmem_new(wmem_file_scope(), inference);
        *r = (inference){ itf, m };
        wmem_map_insert(inferred, result_key(rq->frame, CSVP_IN, call_id), r);
        wmem_map_insert(inferred, result_key(pinfo->num, CSVP_OUT, call_id), r);
    }
    g_hash_table_remove(c->requests, GUINT_TO_POINTER(call_id));
}

static void show(tvbuff_t *tvb, guint32 at, const guint8 *h, guint32 frag, bool le, packet_info *pinfo,
                 proto_tree *tree)
{
    int dir = h[2] == PTYPE_REQUEST ? CSVP_IN : CSVP_OUT;
    guint32 call_id = le ? pletoh32(h + 12) : pntoh32(h + 12);
    guint64 key = (guint64)pinfo->num << 33 | (guint64)(dir == CSVP_OUT) << 32 | call_id;
    const inference *r = wmem_map_lookup(inferred, &key);
    if (!r)
        return;
    const csvp_method *m = r->m;
    const csvp_interface *itf = r->itf;
    guint32 hdr = 24 + (dir == CSVP_IN && (h[3] & PFC_OBJECT_UUID) ? 16 : 0);
    csvp_tree *t = csvp_decode_stub_flags(dec, m, dir, h + hdr, frag - hdr, h + 4, 0);
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
    GString *safe = g_string_sized_new(info->len);
    csvp_column_escape(safe, info->str);
    col_add_str(pinfo->cinfo, COL_INFO, safe->str);
    g_string_free(safe, TRUE);
    g_string_free(info, TRUE);
    if (tree) {
        proto_item *ti = proto_tree_add_item(tree, proto_csvp, tvb, (gint)at, (gint)frag, ENC_NA);
        proto_item_set_text(ti, "MS-CSVP (ClusPrep), %s %s %s (interface inferred: no bind in the capture)",
                            itf->name, m->name, dir == CSVP_IN ? "request" : "response");
        proto_tree *st = proto_item_add_subtree(ti, ett_inferred);
        proto_item_set_generated(proto_tree_add_boolean(st, hf_inferred, tvb, (gint)at, 0, TRUE));
        proto_item_set_generated(proto_tree_add_string(st, hf_interface, tvb, (gint)at, 0, itf->name));
        proto_item_set_generated(proto_tree_add_string(st, hf_method, tvb, (gint)at, 0, m->name));
        csvp_proto_view view = { .tvb = tvb, .pinfo = pinfo, .stub_offset = at + hdr, .ett_text = ett_inferred,
                                 .ei_malformed = ei_malformed };
        csvp_proto_tree_build(t, st, &view);
    }
    csvp_tree_free(t);
}

/* Every whole DCE/RPC PDU in the frame's data (the frame, reassembled TCP data). */
static int infer_post(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    /* TCP, as some releases leave a request without bind info to TCP (4.4), or DCE/RPC over
     * another transport; not when DCE/RPC knew the interface. */
    if (!enabled || csvp_decoded_here(pinfo) ||
        (!proto_is_frame_protocol(pinfo->layers, "tcp") && !proto_is_frame_protocol(pinfo->layers, "dcerpc")))
        return 0;
    for (GSList *s = pinfo->data_src; s; s = s->next) {
        tvbuff_t *src = get_data_source_tvb((struct data_source *)s->data);
        guint n = tvb_captured_length(src);
        const guint8 *b = n ? tvb_get_ptr(src, 0, (gint)n) : NULL;
        for (guint off = 0; b && off + 24 <= n; off++) {
            const guint8 *h = b + off;
            bool stub_pdu = h[2] == PTYPE_REQUEST || h[2] == PTYPE_RESPONSE;
            if (h[0] != 5 || h[1] != 0 || (!stub_pdu && h[2] != PTYPE_BIND && h[2] != PTYPE_ALTER) ||
                (h[3] & PFC_FIRST_LAST) != PFC_FIRST_LAST || (h[4] & 0xEE) != 0)
                continue;
            bool le = h[4] & 0x10;
            guint32 frag = le ? pletoh16(h + 8) : pntoh16(h + 8), auth = le ? pletoh16(h + 10) : pntoh16(h + 10);
            guint32 hdr = 24 + (h[2] == PTYPE_REQUEST && (h[3] & PFC_OBJECT_UUID) ? 16 : 0);
            if (frag < 24 || frag > n - off || auth || (stub_pdu && frag < hdr))
                continue;   /* cut, or authenticated (sealed stubs are not inferred) */
            if (!PINFO_FD_VISITED(pinfo))
                learn(pinfo, h, frag, le);
            if (stub_pdu)
                show(src, off, h, frag, le, pinfo, tree);
            off += frag - 1;
        }
    }
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

void csvp_infer_register(int proto, module_t *prefs, int hf_itf, int hf_meth, expert_field *ei)
{
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
