/* packet-csvp.c - MS-CSVP (ClusPrep) over Wireshark's DCE/RPC dissector.
 *
 * Wireshark's DCE/RPC layer reassembles fragments, matches requests with
 * responses and decrypts stubs; it hands each stub of the eleven MS-CSVP
 * interfaces of revision 34.0 (spec 2.1) to the dissectors here, which decode
 * it with the shared table-driven walker (csvp/walker.h) and show the tree.
 */
#include "packet-csvp.h"
#include "conformance.h"
#include "expert_item.h"
#include "faults.h"
#include "infer_post.h"
#include "stats.h"
#include "calls_tree.h"
#include "fields.h"
#include "summary.h"
#include "proto_sink.h"
#include "walker.h"
#include "ws_compat.h"
#include "ws_guid.h"

#include <epan/dissectors/packet-dcerpc.h>
#include <epan/dissectors/packet-dcom.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <stdio.h>
#include <wsutil/wslog.h>
#include <string.h>

static int proto_csvp = -1;
/* One helper protocol per interface: each UUID's handle in the "dcerpc.uuid" table needs a
 * name of its own ("CSVP IClusterStorage2") to stay distinct in Decode As. Their filter name is
 * "csvp" too, so that the item DCE/RPC adds under that name for every PDU of the interface (a
 * sealed stub without keys, an opnum no table lists) matches the filter `csvp`. */
static int *proto_itf;
/* One opnum field per interface, csvp.<Interface>.opnum: DCE/RPC gives it the names of that
 * interface's methods (-G values, columns) and SRT tables filter on it. */
static int *hf_itf_opnum;
static int hf_csvp_interface = -1;
static int hf_csvp_method = -1;
static int hf_csvp_opnum = -1;
static int hf_csvp_revision = -1;
static int hf_csvp_layout = -1;
static int hf_csvp_request_diskid = -1;
/* Preferences (plugin/README.md "Preferences"). */
static csvp_ws_bool show_secrets = FALSE;   /* secrets redacted unless asked, as csvpdump --show-secrets */
/* Stubs decoded with and without a tree in the file being read: the no-tree path (Info column and
 * auditor only) is what `tshark -r` and the GUI's first pass should take. Logged when the file is
 * closed, at debug level in the log domain "csvp" (tshark --log-debug csvp). */
static guint decoded_with_tree, decoded_without_tree;
static gint ett_csvp = -1;
static gint ett_csvp_text = -1;
static expert_field ei_csvp_malformed = EI_INIT;
static expert_field ei_csvp_hresult = EI_INIT;
static expert_field ei_csvp_opnum = EI_INIT;
static expert_field ei_csvp_unknown_opnum = EI_INIT;
static expert_field ei_csvp_ndr64 = EI_INIT;

static const csvp_interface *interface_of(const dcerpc_info *di)
{
    guint8 b[16];
    csvp_ws_guid_to_bytes(&di->call_data->uuid, b);
    return csvp_interface_by_uuid(b);
}

/* Freed with the packet's memory, so an exception thrown while building the tree cannot leak it. */
static csvp_ws_bool free_tree(wmem_allocator_t *scope, wmem_cb_event_t event, void *t)
{
    csvp_tree_free(t);
    return false;
}

/* The DCE/RPC layer puts the stub under the interface's helper protocol item (filter name "csvp",
 * holding the interface's opnum field and the request/response frame): that item becomes the
 * call's csvp item, so -O csvp, -J csvp and the filter `csvp` see one item per PDU. */
static bool is_helper(proto_item *item)
{
    if (!item || !PITEM_FINFO(item))
        return false;
    size_t n;
    csvp_interfaces(&n);
    for (size_t i = 0; i < n; i++)
        if (PITEM_FINFO(item)->hfinfo->id == proto_itf[i])
            return true;
    return false;
}

static proto_tree *csvp_subtree(proto_tree *tree, tvbuff_t *tvb, int offset, const csvp_interface *itf,
                                const char *what, int dir)
{
    proto_item *ti = proto_tree_get_parent(tree);
    if (!is_helper(ti)) {   /* called some other way than from DCE/RPC's handoff */
        ti = proto_tree_add_item(tree, proto_csvp, tvb, offset, -1, ENC_NA);
        tree = proto_item_add_subtree(ti, ett_csvp);
    }
    proto_item_set_text(ti, "MS-CSVP (ClusPrep), %s %s %s", itf->name, what, dir == CSVP_IN ? "request" : "response");
    return tree;
}

/* A call's status: S_OK and S_FALSE succeed; anything else is worth a look. */
static int hf_dcom_hresult = -1;   /* Wireshark's dcom.hresult, looked up in the handoff */

/* A status name: the spec's, else Wireshark's DCOM HRESULT names (dcom_hresult_vals). */
static const char *status_name(const csvp_node *hr)
{
    const char *name = csvp_node_value_name(hr);
    return name ? name : try_val_to_str((guint32)hr->v.u, dcom_hresult_vals);
}

static void check_status(const csvp_tree *t, proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, guint stub)
{
    const csvp_node *hr = csvp_node_child(t->root, csvp_return_member.name);
    if (!hr || hr->kind != CSVP_N_UINT || !hr->length)
        return;
    /* The HRESULT as every DCOM protocol in Wireshark shows it: `dcom.hresult != 0` finds ClusPrep failures. */
    if (hf_dcom_hresult >= 0) {
        proto_item *pi = proto_tree_add_uint(tree, hf_dcom_hresult, tvb, (gint)(stub + hr->offset), (gint)hr->length,
                                             (guint32)hr->v.u);
        proto_item_set_hidden(pi);
    }
    if (hr->v.u <= 1)
        return;
    const char *name = status_name(hr);
    csvp_expert_item(tree, pinfo, &ei_csvp_hresult, tvb, (gint)(stub + hr->offset), (gint)hr->length,
                                 "Call failed: %s (0x%08X)", name ? name : "unknown status", (guint32)hr->v.u);
}

/* An opnum the interface's table does not list (DCE/RPC names it "Unknown operation N"): shown
 * as a csvp item with its interface and number, and flagged; the stub stays undecoded. */
static int unknown_opnum(tvbuff_t *tvb, int offset, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                         const csvp_interface *itf, int dir)
{
    guint16 opnum = di->call_data->opnum;
    char what[32];
    snprintf(what, sizeof what, "unknown operation %u", opnum);
    tree = csvp_subtree(tree, tvb, offset, itf, what, dir);
    csvp_faults_call(pinfo, di, itf, NULL, dir == CSVP_IN);
    proto_item_set_generated(proto_tree_add_string(tree, hf_csvp_interface, tvb, offset, 0, itf->name));
    proto_item_set_generated(proto_tree_add_uint(tree, hf_csvp_opnum, tvb, offset, 0, opnum));
    csvp_expert_item(tree, pinfo, &ei_csvp_unknown_opnum, tvb, offset, -1,
                                 "Opnum %u is not a method of %s (MS-CSVP %s): stub not decoded", opnum, itf->name,
                                 itf->section ? itf->section : "3");
    return offset + tvb_reported_length_remaining(tvb, offset);
}

/* The request's disk (its CPREP_DISKID), kept per call and shown under the response as generated
 * fields of the same names, so a disk filter finds both directions (issue 14 item 8). */
#define KEY_MAX 4
typedef struct request_keys {
    char *summary;                      /* "Signature 0x7A3C9E51", as in Info */
    guint n;
    struct { const csvp_member *member; csvp_node_kind kind; guint64 u; guint8 guid[16]; } v[KEY_MAX];
} request_keys;

static wmem_map_t *keys_by_call;        /* dcerpc_call_value * -> request_keys, per capture file */

static void collect_keys(request_keys *k, const csvp_node *n, int depth)
{
    for (const csvp_node *c = n->first; c && k->n < KEY_MAX; c = c->next) {
        if ((c->kind == CSVP_N_UINT || c->kind == CSVP_N_GUID) && c->member && c->length) {
            k->v[k->n].member = c->member;
            k->v[k->n].kind = c->kind;
            k->v[k->n].u = c->v.u;
            if (c->kind == CSVP_N_GUID)
                memcpy(k->v[k->n].guid, c->v.guid, 16);
            k->n++;
        } else if (c->kind == CSVP_N_STRUCT && depth < 2) {
            collect_keys(k, c, depth + 1);
        }
    }
}

static void keep_request_keys(packet_info *pinfo, dcerpc_info *di, const csvp_tree *t)
{
    const csvp_node *disk = csvp_node_child(t->root, "DiskId");
    if (PINFO_FD_VISITED(pinfo) || !disk || disk->kind != CSVP_N_STRUCT || !t->complete)
        return;
    request_keys *k = wmem_new0(wmem_file_scope(), request_keys);
    GString *sum = g_string_new(NULL);
    csvp_summary_value(sum, disk);
    k->summary = wmem_strdup(wmem_file_scope(), sum->str);
    g_string_free(sum, TRUE);
    collect_keys(k, disk, 0);
    wmem_map_insert(keys_by_call, di->call_data, k);
}

static const request_keys *show_request_keys(tvbuff_t *tvb, int offset, proto_tree *tree, dcerpc_info *di)
{
    const request_keys *k = wmem_map_lookup(keys_by_call, di->call_data);
    if (!k || !tree)
        return k;
    proto_item *ti = proto_tree_add_none_format(tree, hf_csvp_request_diskid, tvb, offset, 0, "Request's DiskId: %s",
                                                k->summary);
    proto_tree *st = proto_item_add_subtree(ti, ett_csvp_text);
    proto_item_set_generated(ti);
    for (guint i = 0; i < k->n; i++) {
        const csvp_field *f = csvp_field_of(k->v[i].member);
        if (!f || f->hf < 0)
            continue;
        proto_item *pi = NULL;
        if (k->v[i].kind == CSVP_N_GUID && f->ftype == FT_GUID) {
            e_guid_t g = csvp_ws_guid_from_bytes(k->v[i].guid);
            pi = proto_tree_add_guid(st, f->hf, tvb, offset, 0, &g);
        } else if (k->v[i].kind == CSVP_N_UINT && (f->ftype == FT_UINT8 || f->ftype == FT_UINT16 ||
                                                   f->ftype == FT_UINT32)) {
            pi = proto_tree_add_uint(st, f->hf, tvb, offset, 0, (guint32)k->v[i].u);
        }
        if (pi)
            proto_item_set_generated(pi);
    }
    return k;
}

#define DECODED_HERE 0x7fff   /* proto data key: a stub of this frame reached the sub-dissectors */

bool csvp_decoded_here(packet_info *pinfo)
{
    return p_get_proto_data(pinfo->pool, pinfo, proto_csvp, DECODED_HERE) != NULL;
}

static int dissect_stub(tvbuff_t *tvb, int offset, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                        guint8 *drep, int dir)
{
    const csvp_interface *itf = interface_of(di);
    const csvp_method *m = itf ? csvp_method_by_opnum(itf, di->call_data->opnum) : NULL;
    guint len = (guint)tvb_captured_length_remaining(tvb, offset);
    int end = offset + tvb_reported_length_remaining(tvb, offset);
    if (!itf)
        return offset;
    p_add_proto_data(pinfo->pool, pinfo, proto_csvp, DECODED_HERE, GINT_TO_POINTER(1));
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "CSVP");
    if (!m)
        return unknown_opnum(tvb, offset, pinfo, tree, di, itf, dir);
    if (di->call_data->flags & DCERPC_IS_NDR64) {
        /* The walker reads NDR 2.0 (MS-CSVP 2.1 names it): say so rather than decode NDR64 wrongly. */
        tree = csvp_subtree(tree, tvb, offset, itf, m->name, dir);
        proto_item_set_generated(proto_tree_add_string(tree, hf_csvp_method, tvb, offset, 0, m->name));
        csvp_expert_item(tree, pinfo, &ei_csvp_ndr64, tvb, offset, -1,
                         "The context was bound with NDR64; the plugin decodes NDR 2.0 only (MS-CSVP 2.1)");
        col_append_str(pinfo->cinfo, COL_INFO, " [NDR64: not decoded]");
        return end;
    }
    tree = csvp_subtree(tree, tvb, offset, itf, m->name, dir);
    csvp_faults_call(pinfo, di, itf, m, dir == CSVP_IN);
    proto_item *pi = proto_tree_add_string(tree, hf_csvp_interface, tvb, offset, 0, itf->name);
    proto_item_set_generated(pi);
    pi = proto_tree_add_string(tree, hf_csvp_method, tvb, offset, 0, m->name);
    proto_item_append_text(pi, " (opnum %u)", m->opnum);
    proto_item_set_generated(pi);
    /* csvp.opnum for filters across interfaces; the interface's own opnum field shows it */
    proto_item_set_hidden(proto_tree_add_uint(tree, hf_csvp_opnum, tvb, offset, 0, m->opnum));
    if (m->revision || itf->revision) {   /* absent from revision 19.0 of the spec */
        pi = proto_tree_add_uint(tree, hf_csvp_revision, tvb, offset, 0,
                                 m->revision ? m->revision : itf->revision);
        proto_item_set_generated(pi);
    }
    if (m->iunknown || m->not_used_on_wire)
        csvp_expert_item(tree, pinfo, &ei_csvp_opnum, tvb, offset, 0,
                                     "Opnum %u (%s) of %s is not an MS-CSVP method used on the wire", m->opnum,
                                     m->name, itf->name);

    const guint8 *stub = len ? tvb_get_ptr(tvb, offset, (gint)len) : (const guint8 *)"";
    /* Without a tree (no filter, no detail view) only the Info column and the auditor read the
     * result: leave decoded buffers and empty ORPCTHIS/ORPCTHAT out. */
    static csvp_decoder *dec;   /* the dissector's decoding context (dissection runs on one thread) */
    if (!dec)
        dec = csvp_decoder_new();
    csvp_tree *t = csvp_decode_stub_flags(dec, m, dir, stub, len, drep, tree ? 0 : CSVP_DECODE_NO_BLOBS | CSVP_DECODE_NO_META);
    if (tree)
        decoded_with_tree++;
    else
        decoded_without_tree++;
    wmem_register_callback(pinfo->pool, free_tree, t);
    if (t->layout) {   /* decoded with the method's other layout (csvp/ERRATA.md) */
        pi = proto_tree_add_string(tree, hf_csvp_layout, tvb, offset, 0, t->layout);
        proto_item_set_generated(pi);
    }
    const request_keys *keys = NULL;
    if (dir == CSVP_IN)
        keep_request_keys(pinfo, di, t);
    else
        keys = show_request_keys(tvb, offset, tree, di);
    /* Info: the status of a response, then the key arguments (csvp/summary.c, as csvpdump shows them). */
    GString *info = g_string_new(NULL);
    const csvp_node *hr = dir == CSVP_OUT ? csvp_node_child(t->root, csvp_return_member.name) : NULL;
    if (hr && hr->length) {
        const char *name = hr->kind == CSVP_N_UINT ? status_name(hr) : NULL;   /* the spec's, else DCOM's */
        g_string_append_c(info, ' ');
        if (name)
            g_string_append(info, name);
        else
            csvp_summary_value(info, hr);
    }
    gsize before = info->len;
    g_string_append_c(info, ' ');
    csvp_summary_args(info, t, dir, " ");
    if (info->len == before + 1)
        g_string_truncate(info, before);
    if (keys && hr && hr->kind == CSVP_N_UINT && hr->v.u > 1 && !strstr(info->str, "DiskId="))
        g_string_append_printf(info, " DiskId=%s", keys->summary);   /* which disk the failure is about */
    if (!t->complete || t->problems->len)
        g_string_append(info, " [malformed]");
    col_append_str(pinfo->cinfo, COL_INFO, info->str);   /* wire strings are escaped by csvp/summary.c */
    g_string_free(info, TRUE);

    csvp_proto_view view = { .tvb = tvb, .pinfo = pinfo, .stub_offset = (guint)offset, .ett_text = ett_csvp_text,
                             .ei_malformed = &ei_csvp_malformed, .show_secrets = show_secrets };
    csvp_proto_tree_build(t, tree, &view);
    if (dir == CSVP_OUT) {
        check_status(t, tree, pinfo, tvb, (guint)offset);
        bool failed = hr && hr->kind == CSVP_N_UINT && hr->length && hr->v.u > 1;
        const char *sname = failed ? status_name(hr) : NULL;
        csvp_stats_call(pinfo, itf->name, m->name, false, failed,
                        sname ? sname : failed ? wmem_strdup_printf(pinfo->pool, "0x%08X", (guint32)hr->v.u) : NULL,
                        &di->call_data->req_time);
    }
    csvp_conformance_call(tvb, pinfo, tree, di, itf, m, dir, t, stub, len, drep);
    return end;
}

static int dissect_request(tvbuff_t *tvb, int offset, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                           guint8 *drep)
{
    return dissect_stub(tvb, offset, pinfo, tree, di, drep, CSVP_IN);
}

static int dissect_response(tvbuff_t *tvb, int offset, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                            guint8 *drep)
{
    return dissect_stub(tvb, offset, pinfo, tree, di, drep, CSVP_OUT);
}

static void count_init(void)
{
    decoded_with_tree = decoded_without_tree = 0;
}

static void count_log(void)
{
    ws_log("csvp", LOG_LEVEL_DEBUG, "stubs decoded: %u with a tree, %u without", decoded_with_tree,
           decoded_without_tree);
}

void proto_register_csvp(void)
{
    static hf_register_info hf[] = {
        { &hf_csvp_interface, { "Interface", "csvp.interface", FT_STRING, BASE_NONE, NULL, 0,
                                "MS-CSVP interface of the call (spec 2.1)", HFILL } },
        { &hf_csvp_method, { "Method", "csvp.method", FT_STRING, BASE_NONE, NULL, 0,
                             "Method name as the spec spells it", HFILL } },
        { &hf_csvp_opnum, { "Operation", "csvp.opnum", FT_UINT16, BASE_DEC, NULL, 0,
                            "Operation number within the call's interface (csvp.<Interface>.opnum names it)", HFILL } },
        { &hf_csvp_revision, { "Spec revision", "csvp.revision", FT_UINT8, BASE_DEC, NULL, 0,
                               "34: a method or interface absent from revision 19.0 of MS-CSVP", HFILL } },
        { &hf_csvp_layout, { "Decoded with layout", "csvp.layout", FT_STRING, BASE_NONE, NULL, 0,
                             "The method's other wire layout, where the spec gives two (csvp/ERRATA.md)", HFILL } },
        { &hf_csvp_request_diskid, { "Request's DiskId", "csvp.request_diskid", FT_NONE, BASE_NONE, NULL, 0,
                                     "The DiskId the request named (2.2.2), shown with the response", HFILL } },
    };
    static gint *ett[] = { &ett_csvp, &ett_csvp_text };
    static ei_register_info ei[] = {
        { &ei_csvp_malformed, { "csvp.expert.malformed", PI_MALFORMED, PI_ERROR,
                                "The stub does not decode as the IDL says", EXPFILL } },
        { &ei_csvp_hresult, { "csvp.expert.hresult", PI_RESPONSE_CODE, PI_WARN,
                              "The call returned a failure status", EXPFILL } },
        { &ei_csvp_opnum, { "csvp.expert.unused_opnum", PI_PROTOCOL, PI_WARN,
                            "An opnum MS-CSVP does not use on the wire", EXPFILL } },
        { &ei_csvp_ndr64, { "csvp.expert.ndr64", PI_UNDECODED, PI_NOTE,
                            "The context was bound with NDR64; the plugin decodes NDR 2.0 only (MS-CSVP 2.1)", EXPFILL } },
        { &ei_csvp_unknown_opnum, { "csvp.expert.unknown_opnum", PI_PROTOCOL, PI_WARN,
                                    "An opnum the interface does not define", EXPFILL } },
    };
    proto_csvp = proto_register_protocol("MS-CSVP (ClusPrep)", "CSVP", "csvp");
    register_init_routine(count_init);
    register_cleanup_routine(count_log);
    keys_by_call = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    proto_register_field_array(proto_csvp, hf, G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
    expert_module_t *expert = expert_register_protocol(proto_csvp);
    expert_register_field_array(expert, ei, G_N_ELEMENTS(ei));
    csvp_fields_register(proto_csvp);
    size_t n;
    const csvp_interface *const *itfs = csvp_interfaces(&n);
    proto_itf = g_new(int, n);
    hf_itf_opnum = g_new(int, n);
    hf_register_info *hf_op = g_new0(hf_register_info, n);
    for (size_t i = 0; i < n; i++) {
        /* Names live as long as the program: Wireshark keeps the pointers. */
        proto_itf[i] = proto_register_protocol_in_name_only(g_strdup_printf("MS-CSVP %s", itfs[i]->name),
                                                            g_strdup_printf("CSVP %s", itfs[i]->name), "csvp",
                                                            proto_csvp, FT_PROTOCOL);
        hf_itf_opnum[i] = -1;
        /* The value names are filled in by dcerpc_init_uuid() from this interface's methods. */
        hf_op[i] = (hf_register_info){ &hf_itf_opnum[i],
            { "Operation", g_strdup_printf("csvp.%s.opnum", itfs[i]->name), FT_UINT16, BASE_DEC, NULL, 0,
              g_strdup_printf("Operation number of %s (MS-CSVP %s)", itfs[i]->name, itfs[i]->section ? itfs[i]->section : "3"),
              HFILL } };
    }
    proto_register_field_array(proto_csvp, hf_op, (int)n);
    csvp_conformance_register(proto_csvp, expert);
    module_t *prefs = prefs_register_protocol(proto_csvp, csvp_infer_prefs_applied);
    prefs_register_bool_preference(prefs, "show_secrets", "Show secrets",
                                   "Show the values the spec calls secrets (IClusterSetup SecretBLOB, CLUSTER_CERT "
                                   "KeyData and ClusterSecret); else only their length and a SHA-256 prefix",
                                   &show_secrets);
    csvp_conformance_prefs(prefs);
    csvp_infer_register(proto_csvp, prefs, hf_csvp_interface, hf_csvp_method, &ei_csvp_malformed, csvp_decoded_here);
    csvp_faults_register(proto_csvp, expert, hf_csvp_interface, hf_csvp_method, hf_csvp_opnum);
    csvp_stats_register();
    csvp_calls_tree_register();
}

void proto_reg_handoff_csvp(void)
{
    size_t n;
    const csvp_interface *const *itfs = csvp_interfaces(&n);
    for (size_t i = 0; i < n; i++) {
        /* One entry per opnum, IUnknown and unused slots included, named from the tables. */
        const csvp_interface *itf = itfs[i];
        dcerpc_sub_dissector *procs = g_new0(dcerpc_sub_dissector, itf->n_methods + 1u);
        for (guint j = 0; j < itf->n_methods; j++)
            procs[j] = (dcerpc_sub_dissector){ itf->methods[j].opnum, itf->methods[j].name, dissect_request,
                                               dissect_response };
        /* The terminator (no name: not a method, not in -G values or SRT rows) still carries the
         * dissectors: DCE/RPC hands a stub whose opnum no entry matches to the terminator's, so
         * an unknown opnum reaches unknown_opnum(). */
        procs[itf->n_methods] = (dcerpc_sub_dissector){ 0, NULL, dissect_request, dissect_response };
        guint8 b[16] = { 0 };
        csvp_guid_parse(itf->uuid, b);
        e_guid_t uuid = csvp_ws_guid_from_bytes(b);
        dcerpc_init_uuid(proto_itf[i], ett_csvp, &uuid, itf->ver_major, procs, hf_itf_opnum[i]);
    }
    csvp_conformance_handoff(proto_csvp);
    csvp_faults_handoff(proto_csvp);
    csvp_infer_handoff(proto_csvp);
    csvp_infer_prefs_applied();   /* a preference read before the handoff */
    hf_dcom_hresult = proto_registrar_get_id_byname("dcom.hresult");
    csvp_fields_handoff();
}
