/* conformance.c - feeds decoded calls to the auditor and shows its verdicts. */
#include "conformance.h"
#include "identity_tap.h"
#include "stats.h"
#include "audit.h"
#include "walker.h"
#include "ws_guid.h"

#include <epan/proto_data.h>
#include <epan/to_str.h>
#include <string.h>

typedef struct saved_request {   /* a request stub waiting for its response (first pass) */
    guint8 *data;
    guint len;
    guint8 drep[4];
} saved_request;

typedef struct frame_finding {
    csvp_finding_kind kind;
    csvp_severity severity;
    const char *rule;
    char *message;
} frame_finding;

typedef struct frame_verdict {   /* what the auditor said about the call answered in this frame */
    const char *object;          /* the object key the call was judged on */
    csvp_audit_state state;
    guint n_transitions, n_findings;
    char **transitions;
    frame_finding *findings;
} frame_verdict;

static int proto_csvp = -1;
static int hf_state[CSVP_VAR_N];
static int hf_state_disk = -1;
static int hf_state_transition = -1;
static int hf_state_rule = -1;
static int hf_state_adapters = -1;
static int hf_conformance = -1;
/* The "finding_severity" preference: -1 keeps the auditor's severity, else a csvp_severity for all. */
static gint finding_severity = -1;
static int hf_finding_kind = -1, hf_finding_severity = -1, hf_finding_message = -1;
static gint ett_state = -1;
static gint ett_finding = -1;
/* One expert info per finding kind and auditor severity (csvp_finding_kind, csvp_severity order):
 * Wireshark's severity is the auditor's. A kind's usual severity has the plain name
 * (csvp.expert.client_sequence); the others a suffixed one (csvp.expert.client_sequence.note),
 * and a hidden field of the plain name goes with them, so the plain name filters every severity. */
static expert_field ei_finding[4][3];
static int hf_kind_alias[4] = { -1, -1, -1, -1 };

static csvp_audit *audit;          /* the capture's servers, objects and disks */
/* Findings that need the whole capture (csvp_audit_finish), by request frame: made when a frame is first
 * dissected again after the first pass (GUI redissection, tshark -2), shown on the call's response. */
static GHashTable *late_findings;  /* request frame -> GPtrArray of frame_finding* (file scope) */
static GHashTable *late_prepare;   /* request frame -> the Prepare State after the call, as the end settles it */
static bool finished;
static GHashTable *requests;       /* DCE/RPC call (its dcerpc_call_value) -> saved_request, until answered */

/* Request stubs live on the heap, not in file scope: memory follows the calls still unanswered. */
static void saved_request_free(gpointer p)
{
    saved_request *req = p;
    g_free(req->data);
    g_free(req);
}

static void conformance_init(void)
{
    audit = csvp_audit_new();
    /* Keyed by DCE/RPC's own call record (file scope, one per call): a fragmented request completes
     * in another frame than the first fragment's req_frame, and one segment may carry several calls. */
    requests = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, saved_request_free);
    late_findings = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    late_prepare = g_hash_table_new(g_direct_hash, g_direct_equal);
    finished = false;
    csvp_identity_tap_init();
}

static void conformance_cleanup(void)
{
    if (requests)
        g_hash_table_destroy(requests);
    csvp_audit_free(audit);
    audit = NULL;
    if (late_findings)
        g_hash_table_destroy(late_findings);
    if (late_prepare)
        g_hash_table_destroy(late_prepare);
    late_findings = late_prepare = NULL;
    csvp_identity_tap_cleanup();
    requests = NULL;
}

void csvp_conformance_handoff(int proto)
{
    csvp_identity_tap_handoff(proto);
}

void csvp_conformance_prefs(module_t *prefs)
{
    static const enum_val_t severities[] = {
        { "auditor", "As the auditor judged (error, warning or note)", -1 },
        { "note", "Note", CSVP_SEV_INFO },
        { "warning", "Warning", CSVP_SEV_WARNING },
        { "error", "Error", CSVP_SEV_ERROR },
        { NULL, NULL, 0 },
    };
    prefs_register_enum_preference(prefs, "finding_severity", "Expert severity of findings",
                                   "The severity of the auditor's findings as expert infos: the auditor's own (the "
                                   "spec's MUST, SHOULD or MAY) or one severity for all",
                                   &finding_severity, severities, FALSE);
}

void csvp_conformance_register(int proto, expert_module_t *expert)
{
    static hf_register_info hf[CSVP_VAR_N + 5];
    static gint *ett[] = { &ett_state };
    static ei_register_info ei[] = {
        { &ei_finding[CSVP_FINDING_CLIENT_SEQUENCE][CSVP_SEV_WARNING], { "csvp.expert.client_sequence", PI_SEQUENCE,
          PI_WARN, "The client called out of the order the spec requires", EXPFILL } },
        { &ei_finding[CSVP_FINDING_CLIENT_SEQUENCE][CSVP_SEV_INFO], { "csvp.expert.client_sequence.note", PI_SEQUENCE,
          PI_NOTE, "The client called out of the order the spec recommends", EXPFILL } },
        { &ei_finding[CSVP_FINDING_CLIENT_SEQUENCE][CSVP_SEV_ERROR], { "csvp.expert.client_sequence.error",
          PI_SEQUENCE, PI_ERROR, "The client called out of the order the spec requires", EXPFILL } },
        { &ei_finding[CSVP_FINDING_SERVER_CONFORMANCE][CSVP_SEV_ERROR], { "csvp.expert.server_conformance",
          PI_PROTOCOL, PI_ERROR, "The server answered against the spec", EXPFILL } },
        { &ei_finding[CSVP_FINDING_SERVER_CONFORMANCE][CSVP_SEV_WARNING], { "csvp.expert.server_conformance.warning",
          PI_PROTOCOL, PI_WARN, "The server answered against a SHOULD of the spec", EXPFILL } },
        { &ei_finding[CSVP_FINDING_SERVER_CONFORMANCE][CSVP_SEV_INFO], { "csvp.expert.server_conformance.note",
          PI_PROTOCOL, PI_NOTE, "The server answered otherwise than the spec suggests", EXPFILL } },
        { &ei_finding[CSVP_FINDING_PRODUCT_BEHAVIOR][CSVP_SEV_INFO], { "csvp.expert.product_behavior", PI_PROTOCOL,
          PI_NOTE, "Windows behaviour documented in Appendix B", EXPFILL } },
        { &ei_finding[CSVP_FINDING_PRODUCT_BEHAVIOR][CSVP_SEV_WARNING], { "csvp.expert.product_behavior.warning",
          PI_PROTOCOL, PI_WARN, "Windows behaviour documented in Appendix B", EXPFILL } },
        { &ei_finding[CSVP_FINDING_PRODUCT_BEHAVIOR][CSVP_SEV_ERROR], { "csvp.expert.product_behavior.error",
          PI_PROTOCOL, PI_ERROR, "Windows behaviour documented in Appendix B", EXPFILL } },
        { &ei_finding[CSVP_FINDING_UNKNOWN_STATE][CSVP_SEV_INFO], { "csvp.expert.unknown_state", PI_SEQUENCE, PI_CHAT,
          "Not judged: the state is unknown (the capture began mid-session)", EXPFILL } },
        { &ei_finding[CSVP_FINDING_UNKNOWN_STATE][CSVP_SEV_WARNING], { "csvp.expert.unknown_state.warning",
          PI_SEQUENCE, PI_WARN, "Not judged: the state is unknown", EXPFILL } },
        { &ei_finding[CSVP_FINDING_UNKNOWN_STATE][CSVP_SEV_ERROR], { "csvp.expert.unknown_state.error", PI_SEQUENCE,
          PI_ERROR, "Not judged: the state is unknown", EXPFILL } },
    };
    static hf_register_info hf_alias[] = {
        { &hf_kind_alias[CSVP_FINDING_CLIENT_SEQUENCE], { "Client sequence finding", "csvp.expert.client_sequence",
          FT_NONE, BASE_NONE, NULL, 0, "A client_sequence finding of any severity", HFILL } },
        { &hf_kind_alias[CSVP_FINDING_SERVER_CONFORMANCE], { "Server conformance finding",
          "csvp.expert.server_conformance", FT_NONE, BASE_NONE, NULL, 0,
          "A server_conformance finding of any severity", HFILL } },
        { &hf_kind_alias[CSVP_FINDING_PRODUCT_BEHAVIOR], { "Product behavior finding", "csvp.expert.product_behavior",
          FT_NONE, BASE_NONE, NULL, 0, "A product_behavior finding of any severity", HFILL } },
        { &hf_kind_alias[CSVP_FINDING_UNKNOWN_STATE], { "Unknown state finding", "csvp.expert.unknown_state", FT_NONE,
          BASE_NONE, NULL, 0, "An unknown_state finding of any severity", HFILL } },
        { &hf_finding_kind, { "Kind", "csvp.finding.kind", FT_STRING, BASE_NONE, NULL, 0,
          "client_sequence, server_conformance, product_behavior or unknown_state (json-output.md)", HFILL } },
        { &hf_finding_severity, { "Severity", "csvp.finding.severity", FT_STRING, BASE_NONE, NULL, 0,
          "The auditor's severity: error, warning or info", HFILL } },
        { &hf_finding_message, { "Message", "csvp.finding.message", FT_STRING, BASE_NONE, NULL, 0,
          "What the spec expects and what the capture shows", HFILL } },
    };
    static gint *ett_f[] = { &ett_finding };
    proto_register_field_array(proto, hf_alias, G_N_ELEMENTS(hf_alias));
    proto_register_subtree_array(ett_f, G_N_ELEMENTS(ett_f));
    for (int k = 0; k < 4; k++)
        for (int sv = 0; sv < 3; sv++)
            ei_finding[k][sv] = (expert_field)EI_INIT;
    proto_csvp = proto;
    for (int v = 0; v < CSVP_VAR_N; v++) {
        hf_state[v] = -1;
        const char *name = csvp_state_var_name((csvp_state_var)v);
        hf[v] = (hf_register_info){ &hf_state[v], { name, g_strdup_printf("csvp.state.%s", name), FT_STRING,
                                    BASE_NONE, NULL, 0, "State after this call, as the auditor sees it", HFILL } };
    }
    hf[CSVP_VAR_N] = (hf_register_info){ &hf_state_disk, { "Disk", "csvp.state.disk", FT_STRING, BASE_NONE, NULL,
                                         0, "The disk the state belongs to", HFILL } };
    hf[CSVP_VAR_N + 1] = (hf_register_info){ &hf_state_transition, { "Transition", "csvp.state.transition",
                                             FT_STRING, BASE_NONE, NULL, 0,
                                             "A state variable this call changed: variable, old -> new value", HFILL } };
    hf[CSVP_VAR_N + 2] = (hf_register_info){ &hf_state_rule, { "Rule", "csvp.state.rule", FT_STRING, BASE_NONE,
                                             NULL, 0, "Spec section a finding cites", HFILL } };
    hf[CSVP_VAR_N + 3] = (hf_register_info){ &hf_state_adapters, { "cRetAdapters", "csvp.state.cRetAdapters",
                                             FT_UINT32, BASE_DEC, NULL, 0,
                                             "Adapters InitializeAdapterConfiguration reported (3.14.4.1)", HFILL } };
    hf[CSVP_VAR_N + 4] = (hf_register_info){ &hf_conformance, { "Conformance (MS-CSVP state machine)",
                                             "csvp.conformance", FT_NONE, BASE_NONE, NULL, 0,
                                             "The auditor's view of this call: states, transitions, findings", HFILL } };
    proto_register_field_array(proto, hf, G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
    expert_register_field_array(expert, ei, G_N_ELEMENTS(ei));
    register_init_routine(conformance_init);
    register_cleanup_routine(conformance_cleanup);
}

static frame_verdict *keep(const csvp_audit_result *r)
{
    wmem_allocator_t *scope = wmem_file_scope();
    frame_verdict *v = wmem_new0(scope, frame_verdict);
    v->state = r->state;
    v->n_transitions = r->transitions->len;
    v->transitions = wmem_alloc0_array(scope, char *, v->n_transitions);
    for (guint i = 0; i < v->n_transitions; i++)
        v->transitions[i] = wmem_strdup(scope, g_ptr_array_index(r->transitions, i));
    v->n_findings = r->findings->len;
    v->findings = wmem_alloc0_array(scope, frame_finding, v->n_findings);
    for (guint i = 0; i < v->n_findings; i++) {
        const csvp_finding *f = &g_array_index(r->findings, csvp_finding, i);
        v->findings[i] = (frame_finding){ f->kind, f->severity, f->rule, wmem_strdup(scope, f->message) };
    }
    return v;
}

/* First pass, response: the call is complete; judge it. */
static frame_verdict *judge(packet_info *pinfo, dcerpc_info *di, const csvp_interface *itf, const csvp_method *m,
                            const csvp_tree *resp)
{
    saved_request *req = g_hash_table_lookup(requests, di->call_data);
    static csvp_decoder *dec;   /* the auditor's decoding context (dissection runs on one thread) */
    if (!dec)
        dec = csvp_decoder_new();
    csvp_tree *rq = req ? csvp_decode_stub_flags(dec, m, CSVP_IN, req->data, req->len, req->drep, CSVP_DECODE_NO_BLOBS | CSVP_DECODE_NO_META) : NULL;
    /* A stub that did not decode tells the auditor nothing it could rely on. */
    const csvp_tree *request = rq && rq->complete ? rq : NULL;
    const csvp_node *hr = csvp_node_child(resp->root, csvp_return_member.name);
    guint8 ipid[16];
    char object[37];
    csvp_ws_guid_to_bytes(&di->call_data->object_uuid, ipid);
    csvp_guid_text(ipid, object);
    csvp_audit_call_in in = {
        .server = address_to_str(pinfo->pool, &pinfo->src),   /* the response comes from the server */
        .object = csvp_object_key(object),   /* the IPID this one was queried from, if any */
        .itf = itf,
        .method = m,
        .request = request,
        .response = resp->complete ? resp : NULL,
        .has_hresult = resp->complete && hr && hr->kind == CSVP_N_UINT && hr->length,
        .hresult = hr ? (guint32)hr->v.u : 0,
        .frame = di->call_data->req_frame,
        .call_id = di->call_id,
    };
    csvp_audit_result r;
    csvp_audit_call(audit, &in, &r);
    frame_verdict *v = keep(&r);
    v->object = wmem_strdup(wmem_file_scope(), in.object);
    csvp_audit_result_clear(&r);
    csvp_tree_free(rq);
    g_hash_table_remove(requests, di->call_data);
    return v;
}

static void on_late(void *user, const csvp_audit_late *l)
{
    GPtrArray *list = g_hash_table_lookup(late_findings, GUINT_TO_POINTER(l->frame));
    if (!list) {
        list = g_ptr_array_new();
        g_hash_table_insert(late_findings, GUINT_TO_POINTER(l->frame), list);
    }
    frame_finding *f = wmem_new(wmem_file_scope(), frame_finding);
    *f = (frame_finding){ l->finding.kind, l->finding.severity, l->finding.rule,
                          wmem_strdup(wmem_file_scope(), l->finding.message) };
    g_ptr_array_add(list, f);
}

static void on_settled(void *user, guint32 frame, csvp_prepare_state after)
{
    g_hash_table_insert(late_prepare, GUINT_TO_POINTER(frame), GINT_TO_POINTER(after));
}

static const char *csvp_state_short(csvp_finding_kind k)
{
    switch (k) {
    case CSVP_FINDING_CLIENT_SEQUENCE: return "Client sequence";
    case CSVP_FINDING_SERVER_CONFORMANCE: return "Server conformance";
    case CSVP_FINDING_PRODUCT_BEHAVIOR: return "Product behavior (Appendix B)";
    default: return "Not judged (state unknown)";
    }
}

static void add_finding(tvbuff_t *tvb, packet_info *pinfo, proto_tree *st, const frame_finding *f)
{
    /* The expert summary stays short (Wireshark cuts it at 240 characters); the message, kind and
     * severity are items under the rule. */
    proto_item *ri = proto_tree_add_string(st, hf_state_rule, tvb, 0, 0, f->rule);
    proto_item_set_generated(ri);
    proto_tree *ft = proto_item_add_subtree(ri, ett_finding);
    proto_item_set_generated(proto_tree_add_string(ft, hf_finding_kind, tvb, 0, 0, csvp_finding_kind_name(f->kind)));
    proto_item_set_generated(proto_tree_add_string(ft, hf_finding_severity, tvb, 0, 0,
                                                   csvp_severity_name(f->severity)));
    proto_item_set_generated(proto_tree_add_string(ft, hf_finding_message, tvb, 0, 0, f->message));
    int sev = finding_severity >= 0 ? finding_severity : f->severity <= CSVP_SEV_ERROR ? (int)f->severity
                                                                                         : CSVP_SEV_ERROR;
    expert_field *ei = &ei_finding[f->kind][sev];
    bool usual = ei == &ei_finding[CSVP_FINDING_CLIENT_SEQUENCE][CSVP_SEV_WARNING] ||
                 ei == &ei_finding[CSVP_FINDING_SERVER_CONFORMANCE][CSVP_SEV_ERROR] ||
                 ei == &ei_finding[CSVP_FINDING_PRODUCT_BEHAVIOR][CSVP_SEV_INFO] ||
                 ei == &ei_finding[CSVP_FINDING_UNKNOWN_STATE][CSVP_SEV_INFO];
    if (!usual)
        proto_item_set_hidden(proto_tree_add_item(ft, hf_kind_alias[f->kind], tvb, 0, 0, ENC_NA));
    size_t len = strlen(f->message);
    expert_add_info_format(pinfo, ri, ei, "%s %s, section %s: %.*s%s", csvp_state_short(f->kind),
                           csvp_severity_name(f->severity), f->rule, len > 100 ? 100 : (int)len, f->message,
                           len > 100 ? "..." : "");
}

static void show(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const frame_verdict *v, guint32 req_frame)
{
    proto_item *ti = proto_tree_add_item(tree, hf_conformance, tvb, 0, 0, ENC_NA);
    proto_tree *st = proto_item_add_subtree(ti, ett_state);
    proto_item_set_generated(ti);
    if (v->state.disk[0])
        proto_item_set_generated(proto_tree_add_string(st, hf_state_disk, tvb, 0, 0, v->state.disk));
    gpointer settled;
    bool whole = finished && g_hash_table_lookup_extended(late_prepare, GUINT_TO_POINTER(req_frame), NULL, &settled);
    for (int i = 0; i < CSVP_VAR_N; i++)
        if (v->state.has[i])
            proto_item_set_generated(proto_tree_add_string(st, hf_state[i], tvb, 0, 0,
                                     csvp_state_value_name((csvp_state_var)i, whole && i == CSVP_VAR_PREPARE
                                                                                   ? GPOINTER_TO_INT(settled)
                                                                                   : v->state.value[i])));
    if (v->state.has_adapters)
        proto_item_set_generated(proto_tree_add_uint(st, hf_state_adapters, tvb, 0, 0, v->state.adapters));
    for (guint i = 0; i < v->n_transitions; i++)
        proto_item_set_generated(proto_tree_add_string(st, hf_state_transition, tvb, 0, 0, v->transitions[i]));
    for (guint i = 0; i < v->n_findings; i++)
        add_finding(tvb, pinfo, st, &v->findings[i]);
    const GPtrArray *late = finished ? g_hash_table_lookup(late_findings, GUINT_TO_POINTER(req_frame)) : NULL;
    for (guint i = 0; late && i < late->len; i++)
        add_finding(tvb, pinfo, st, g_ptr_array_index(late, i));
}

void csvp_conformance_call(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                           const csvp_interface *itf, const csvp_method *m, int dir, const csvp_tree *t,
                           const guint8 *stub, guint len, const guint8 drep[4])
{
    if (!PINFO_FD_VISITED(pinfo)) {
        if (dir == CSVP_IN) {
            saved_request *req = g_new(saved_request, 1);
            req->data = g_memdup2(stub, len);
            req->len = len;
            memcpy(req->drep, drep, 4);
            g_hash_table_replace(requests, di->call_data, req);
        } else {
            /* Per call: two responses in one segment each keep their own verdict. */
            p_add_proto_data(wmem_file_scope(), pinfo, proto_csvp, di->call_id, judge(pinfo, di, itf, m, t));
        }
    } else if (!finished) {
        /* The first pass is over: judge what needs the whole capture, once. */
        csvp_audit_sink sink = { .finding = on_late, .settled = on_settled };
        csvp_audit_finish(audit, &sink);
        finished = true;
    }
    const frame_verdict *v = dir == CSVP_OUT ? p_get_proto_data(wmem_file_scope(), pinfo, proto_csvp, di->call_id) : NULL;
    if (v) {
        show(tvb, pinfo, tree, v, di->call_data->req_frame);
        csvp_stats_states(pinfo, v->object, v->state.disk, (const char *const *)v->transitions, v->n_transitions);
    }
}
