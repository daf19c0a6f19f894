/* test_sessions.c - call sequences through the auditor: the examples of spec
 * sections 4.1-4.3, a capture begun mid-session, disk identity through
 * CprepDiskGetProps(3), IClusterStorage2/3 sharing one object, faulted calls,
 * and the responses that reveal state (3.2.4.15, 3.2.4.25, 3.6.4.7, 3.14.4.2); for
 * revision 34, the cluster certificates of IClusterSetup (3.10.4.5-3.10.4.10)
 * and IClusterLogEx2's log count (3.19.4.1-3.19.4.3).
 */
#include "audit_test.h"

#include <string.h>

#define SIG 0x12345678u
#define S2 "IClusterStorage2"
#define S3 "IClusterStorage3"
#define N2 "IClusterNetwork2"
#define FW "IClusterFirewall"

static const guint8 GUID_A[16] = { 0x6b, 0x29, 0xfc, 0x40, 0xca, 0x47, 0x10, 0x67,
                                   0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda };

static tcall on(const char *obj, const char *itf, const char *m, csvp_tree *req, csvp_tree *resp, guint32 hr)
{
    return (tcall){ .itf = itf, .method = m, .object = obj, .req = req, .resp = resp, .hr = hr };
}

/* A CprepDiskGetProps(3) response: the properties' DiskNumber and DiskId (2.2.5, 2.2.6). */
static csvp_tree *props_resp(const char *param, guint32 number, guint32 sig, const guint8 *guid)
{
    csvp_tree *t = t_new();
    csvp_node *p = t_struct(t, NULL, param);
    t_uint(t, p, "DiskNumber", number);
    if (guid)
        t_diskid_guid(t, p, guid);
    else
        t_diskid(t, p, 0, sig);
    return t;
}

static csvp_tree *req_guid(const guint8 g[16])
{
    csvp_tree *t = t_new();
    t_diskid_guid(t, NULL, g);
    return t;
}

static csvp_tree *route_reply(bool unavailable)
{
    csvp_tree *t = t_new();
    t_uint(t, t_struct(t, NULL, "reply"), "routeUnavailable", unavailable);
    return t;
}

/* Run a call, check its transitions are exactly `want` (NULL-terminated) and it raised no finding. */
static void step(csvp_audit *a, tcall c, const char *const *want)
{
    csvp_audit_result r;
    t_call(a, c, &r);
    guint n = 0;
    for (; want && want[n]; n++)
        CHECK(has_transition(&r, want[n]), "%s: missing transition '%s'", c.method, want[n]);
    CHECK(r.transitions->len == n, "%s: %u transitions, expected %u", c.method, r.transitions->len, n);
    CHECK(r.findings->len == 0, "%s: %u findings", c.method, r.findings->len);
    if (r.transitions->len != n || r.findings->len)
        dump_result(&r);
    csvp_audit_result_clear(&r);
}
#define T(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* 3.2.4.3 and 3.2.4.4 on IClusterStorage2: Prepare State Initial -> Preparing -> Online, every disk of
 * the new ClusPrepDiskList NotAttached, NotOwned, NotOnline. */
static void bring_online(csvp_audit *a)
{
    step(a, on(NULL, S2, "CprepPrepareNode", NULL, NULL, 0), T("PrepareState Initial -> Preparing"));
    step(a, on(NULL, S2, "CprepPrepareNodePhase2", NULL, NULL, 0),
         T("PrepareState Preparing -> Online", "ClusPrepDiskList: each disk NotAttached, NotOwned, NotOnline"));
}

static void expect_state(const csvp_audit_result *r, csvp_state_var v, int value)
{
    CHECK(r->state.has[v] && r->state.value[v] == value, "state %s: has %d, %s (want %s)", csvp_state_var_name(v),
          r->state.has[v], csvp_state_value_name(v, r->state.value[v]), csvp_state_value_name(v, value));
}

/* 4.1 A Shared Disk Online, then the validation calls that use the online disk and give it back. */
static void test_shared_disk_online(void)
{
    csvp_audit *a = csvp_audit_new();
    step(a, on(NULL, S2, "CprepPrepareNode", NULL, NULL, 0), T("PrepareState Initial -> Preparing"));
    step(a,
         on(NULL, S2, "CprepPrepareNodePhase2", tree_uint("Flags", 1), tree_uint("pulNumDisks", 3), 0),
         T("PrepareState Preparing -> Online", "ClusPrepDiskList: 3 disks, each NotAttached, NotOwned, NotOnline"));
    step(a, on(NULL, S2, "CprepDiskGetProps", req_num(1), props_resp("DiskProps", 1, SIG, NULL), 0),
         T("disk Number 1 is disk Signature 0x12345678 (CprepDiskGetProps)"));
    step(a, on(NULL, S2, "CprepDiskAttach", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: AttachedState NotAttached -> Attached"));
    step(a, on(NULL, S2, "CprepDiskPRArbitrate", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: OwnedState NotOwned -> OwnedByThisServer"));

    csvp_audit_result r;
    t_call(a, on(NULL, S2, "CprepDiskOnline", req_num(1), tree_uint("MaxPartitionNumber", 1), 0), &r);
    CHECK(r.findings->len == 0 && r.transitions->len == 1 &&
              has_transition(&r, "disk Signature 0x12345678: OnlineState NotOnline -> Online"),
          "CprepDiskOnline by number reaches the same disk");
    expect_state(&r, CSVP_VAR_PREPARE, CSVP_PREPARE_ONLINE);
    expect_state(&r, CSVP_VAR_ATTACHED, CSVP_ATTACHED);
    expect_state(&r, CSVP_VAR_OWNED, CSVP_OWNED_BY_THIS_SERVER);
    expect_state(&r, CSVP_VAR_ONLINE, CSVP_ONLINE);
    CHECK(strcmp(r.state.disk, "Signature 0x12345678") == 0, "snapshot disk '%s'", r.state.disk);
    CHECK(!r.state.has[CSVP_VAR_INITIALIZED], "a storage object has no Initialization State");
    csvp_audit_result_clear(&r);

    step(a, on(NULL, S2, "CprepDiskDiskPartitionIsNtfs", req_sig(SIG), NULL, 0), NULL);
    step(a, on(NULL, S2, "CprepDiskWriteFileData", req_sig(SIG), NULL, 0), NULL);
    step(a, on(NULL, S2, "CprepDiskRawRead", req_sig(SIG), NULL, 0), NULL);
    step(a, on(NULL, S2, "CprepDiskOffline", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: OnlineState Online -> NotOnline"));
    step(a, on(NULL, S2, "CprepDiskStopDefense", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: OwnedState OwnedByThisServer -> NotOwned"));

    /* The per-server report: one server, one object, one disk named two ways, its timeline in order. */
    CHECK(csvp_audit_n_servers(a) == 1, "servers");
    const csvp_audit_server *s = csvp_audit_server_at(a, 0);
    CHECK(strcmp(s->name, "10.20.0.11") == 0 && s->objects->len == 1, "server %s", s->name);
    const csvp_audit_object *o = g_ptr_array_index(s->objects, 0);
    CHECK(o->disks->len == 1 && o->n_disks_reported == 3 && o->value[CSVP_VAR_PREPARE] == CSVP_PREPARE_ONLINE,
          "object");
    CHECK(o->timeline->len == 3, "object timeline %u", o->timeline->len);
    const csvp_audit_disk *d = g_ptr_array_index(o->disks, 0);
    CHECK(d->has_signature && d->signature == SIG && d->has_number && d->number == 1 && !d->has_guid, "disk names");
    CHECK(d->timeline->len == 6, "disk timeline %u", d->timeline->len);
    for (guint i = 1; i < d->timeline->len; i++)
        CHECK(g_array_index(d->timeline, csvp_audit_event, i - 1).frame <
                  g_array_index(d->timeline, csvp_audit_event, i).frame,
              "timeline order");
    csvp_audit_free(a);
}

/* 4.2 Validate Network Configuration. */
static void test_network_validation(void)
{
    csvp_audit *a = csvp_audit_new();
    step(a, on(NULL, N2, "InitializeNode", tree_uint("RequestUDPPort", 0), NULL, 0),
         T("InitializationState False -> True"));
    step(a, on(NULL, N2, "SendRTMessage", NULL, NULL, 0), NULL);
    csvp_audit_result r;
    t_call(a, on(NULL, N2, "QueryFirewallConfiguration", NULL, NULL, 0), &r);
    CHECK(r.findings->len == 0 && r.transitions->len == 0, "QueryFirewallConfiguration");
    expect_state(&r, CSVP_VAR_INITIALIZED, CSVP_FLAG_TRUE);
    expect_state(&r, CSVP_VAR_ROUTE_MONITORING, CSVP_FLAG_FALSE);
    CHECK(!r.state.has[CSVP_VAR_PREPARE] && r.state.disk[0] == 0, "no storage state");
    csvp_audit_result_clear(&r);
    step(a, on(NULL, N2, "CleanupNode", NULL, NULL, 0), T("InitializationState True -> False"));
    csvp_audit_free(a);
}

/* 4.3 Cluster Setup: IClusterSetup has no sequencing rules; the auditor says nothing. */
static void test_cluster_setup(void)
{
    csvp_audit *a = csvp_audit_new();
    step(a, on(NULL, "IClusterSetup", "ConfigSvcSecret", NULL, NULL, 0), NULL);
    step(a, on(NULL, "IClusterSetup", "RetrieveSvcSecret", NULL, NULL, 0), NULL);
    step(a, on(NULL, "IClusterSetup", "RetrieveHostLabel", NULL, NULL, 0), NULL);
    CHECK(csvp_audit_n_servers(a) == 0, "no state kept for IClusterSetup");
    csvp_audit_free(a);
}

/* A capture that begins mid-session: only unknown_state infos, and successes reveal the state. */
static void test_mid_session(void)
{
    csvp_audit *a = csvp_audit_new();
    csvp_audit_result r;
    struct {
        tcall c;
        guint infos;               /* unknown_state infos expected */
        const char *transition;    /* one transition expected, or NULL */
    } seq[] = {
        { on(NULL, S2, "CprepDiskRawRead", req_sig(SIG), NULL, 0), 1,
          "disk Signature 0x12345678: AttachedState Unknown -> Attached (inferred from S_OK)" },
        { on(NULL, S2, "CprepDiskOnline", req_sig(SIG), NULL, 0), 1,
          "disk Signature 0x12345678: OwnedState Unknown -> OwnedByThisServer (inferred from S_OK)" },
        /* Judged now: every state it needs is known. */
        { on(NULL, S2, "CprepDiskWriteFileData", req_sig(SIG), NULL, 0), 0, NULL },
        /* Another disk: its states are unknown until IsOnline answers. */
        { on(NULL, S2, "CprepDiskIsOnline", req_sig(0x0BADF00D), NULL, 0x80070015), 1,
          "disk Signature 0x0BADF00D: OnlineState Unknown -> NotOnline (inferred from ERROR_NOT_READY (0x80070015))" },
        /* Failures whose meaning is ambiguous are not judged either. */
        { on(NULL, S2, "CprepDiskPRReserve", req_sig(0x0000BEEF), NULL, 0x80070002), 1, NULL },
        { on(NULL, S2, "CprepDiskSetOnline", req_sig(0x0000CAFE), NULL, 0x8007139F), 1, NULL },
        /* Routes: E_FAIL from ProcessAddRoutes says monitoring was already on (3.6.4.6). */
        { on("net-1", N2, "ProcessAddRoutes", NULL, NULL, 0x80004005), 1,
          "RouteMonitoringState Unknown -> TRUE (inferred from E_FAIL (0x80004005))" },
        { on("fw-1", FW, "GetNextAdapterFirewallConfiguration", tree_uint("idx", 0), NULL, 0), 1,
          "FirewallState Unknown -> Initialized (inferred from S_OK)" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(seq); i++) {
        t_call(a, seq[i].c, &r);
        CHECK(n_kind_sev(&r, CSVP_FINDING_UNKNOWN_STATE, CSVP_SEV_INFO) == seq[i].infos &&
                  r.findings->len == seq[i].infos,
              "mid-session step %zu (%s): %u findings, expected %u unknown_state infos", i, seq[i].c.method,
              r.findings->len, seq[i].infos);
        if (seq[i].transition)
            CHECK(has_transition(&r, seq[i].transition), "step %zu: missing '%s'", i, seq[i].transition);
        if (r.findings->len != seq[i].infos || (seq[i].transition && !has_transition(&r, seq[i].transition)))
            dump_result(&r);
        csvp_audit_result_clear(&r);
    }
    /* The inferred states are used: offlining the disk IsOnline reported Not Online breaks 3.2.4.12. */
    t_call(a, on(NULL, S2, "CprepDiskOffline", req_sig(0x0BADF00D), NULL, 0x8007139F), &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1,
          "judged after inference");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* Disk names: a GUID and a number used separately, then joined by CprepDiskGetProps3. */
static void test_disk_identity(void)
{
    csvp_audit *a = csvp_audit_new();
    bring_online(a);
    step(a, on(NULL, S2, "CprepDiskAttach", req_guid(GUID_A), NULL, 0),
         T("disk Guid 6b29fc40-ca47-1067-b31d-00dd010662da: AttachedState NotAttached -> Attached"));
    step(a, on(NULL, S2, "CprepDiskGetUniqueIds", req_num(5), NULL, 0), NULL);
    step(a, on(NULL, S3, "CprepDiskGetProps3", req_num(5), props_resp("pDiskProps", 5, 0, GUID_A), 0),
         T("disk Number 5 is disk Guid 6b29fc40-ca47-1067-b31d-00dd010662da (CprepDiskGetProps3)"));
    /* By number, the disk is the attached one now. */
    step(a, on(NULL, S2, "CprepDiskPRArbitrate", req_num(5), NULL, 0),
         T("disk Guid 6b29fc40-ca47-1067-b31d-00dd010662da: OwnedState NotOwned -> OwnedByThisServer"));
    const csvp_audit_object *o = g_ptr_array_index(csvp_audit_server_at(a, 0)->objects, 0);
    CHECK(o->disks->len == 1, "merged into one disk: %u", o->disks->len);
    const csvp_audit_disk *d = g_ptr_array_index(o->disks, 0);
    CHECK(d->has_guid && d->has_number && d->number == 5 && !d->has_signature && d->attached == CSVP_ATTACHED &&
              d->owned == CSVP_OWNED_BY_THIS_SERVER && d->timeline->len == 3,
          "merged disk");
    csvp_audit_free(a);
}

/* IClusterStorage2 and IClusterStorage3 share one CLSID: one object, one state, per object key. */
static void test_storage2_storage3_share(void)
{
    csvp_audit *a = csvp_audit_new();
    step(a, on("obj-A", S2, "CprepPrepareNode", NULL, NULL, 0), T("PrepareState Initial -> Preparing"));
    step(a, on("obj-A", S2, "CprepPrepareNodePhase2", NULL, NULL, 0),
         T("PrepareState Preparing -> Online", "ClusPrepDiskList: each disk NotAttached, NotOwned, NotOnline"));
    step(a, on("obj-A", S3, "CprepIsNodeClustered3", NULL, NULL, 0), NULL);
    step(a, on("obj-A", S3, "CprepCsvTestSetup3", NULL, NULL, 0),
         T("ClusterFileShareTestSetupState ClusterFileShareTestNotSetup -> ClusterFileShareTestSetup"));
    step(a, on("obj-A", S3, "CprepCreateNewSmbShares3", NULL, NULL, 0), NULL);
    step(a, on("obj-A", S2, "CprepDiskAttach", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: AttachedState NotAttached -> Attached"));
    step(a, on("obj-A", S3, "CprepDiskPRRegister3", req_sig(SIG), NULL, 0), NULL);

    /* Another object key is another object: its state is unknown. */
    csvp_audit_result r;
    t_call(a, on("obj-B", S3, "CprepDiskPRRegister3", req_sig(SIG), NULL, 0x8007139F), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1, "obj-B is unknown");
    csvp_audit_result_clear(&r);
    CHECK(csvp_audit_server_at(a, 0)->objects->len == 2, "two objects");
    csvp_audit_free(a);
}

/* Faulted calls change no state; a call whose answer is not in the capture (none seen, or sealed) makes what
 * it would change Unknown; the client's order is still judged. */
static void test_faulted(void)
{
    csvp_audit *a = csvp_audit_new();
    bring_online(a);
    tcall c = on(NULL, S2, "CprepDiskAttach", req_sig(SIG), NULL, 0);
    c.faulted = true;
    csvp_audit_result r;
    t_call(a, c, &r);
    CHECK(r.transitions->len == 0 && r.findings->len == 0, "faulted Attach");
    expect_state(&r, CSVP_VAR_ATTACHED, CSVP_NOT_ATTACHED);
    csvp_audit_result_clear(&r);
    c = on(NULL, S2, "CprepDiskAttach", req_sig(SIG + 1), NULL, 0);   /* another disk of the list */
    c.no_response = true;
    t_call(a, c, &r);
    CHECK(r.transitions->len == 1 && r.findings->len == 0 &&
              has_transition(&r, "disk Signature 0x12345679: AttachedState NotAttached -> Unknown "
                                 "(the call's outcome is not in the capture)"),
          "unanswered Attach makes AttachedState Unknown");
    expect_state(&r, CSVP_VAR_ATTACHED, CSVP_ATTACHED_UNKNOWN);
    csvp_audit_result_clear(&r);
    /* That disk's AttachedState is now unknown: a disk call on it is not judged on a guess. */
    c = on(NULL, S2, "CprepDiskPRArbitrate", req_sig(SIG + 1), NULL, 0x8007139F);
    t_call(a, c, &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_UNKNOWN_STATE, CSVP_SEV_INFO) == 1,
          "PRArbitrate after an unanswered Attach: unknown_state only");
    csvp_audit_result_clear(&r);
    c = on(NULL, S2, "CprepDiskPRArbitrate", req_sig(SIG), NULL, 0);
    c.faulted = true;
    t_call(a, c, &r);
    CHECK(r.transitions->len == 0 && r.findings->len == 1 &&
              n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1 &&
              strstr(g_array_index(r.findings, csvp_finding, 0).message,
                     "the call faulted with nca_s_op_rng_error (0x1C010002)"),
          "faulted PRArbitrate on a disk not attached");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* 3.2.4.15: an arbitration that fails means another server owns the disk; the messages say so. */
static void test_arbitration_lost(void)
{
    csvp_audit *a = csvp_audit_new();
    bring_online(a);
    step(a, on(NULL, S2, "CprepDiskAttach", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: AttachedState NotAttached -> Attached"));
    step(a, on(NULL, S2, "CprepDiskPRArbitrate", req_sig(SIG), NULL, 0x800700AA),
         T("disk Signature 0x12345678: OwnedState NotOwned -> OwnedButNotByThisServer (arbitration failed with "
           "0x800700AA: owned by another server)"));
    csvp_audit_result r;
    t_call(a, on(NULL, S2, "CprepDiskOnline", req_sig(SIG), NULL, 0), &r);
    CHECK(r.findings->len == 2, "client_sequence and server_conformance");
    const csvp_finding *f = &g_array_index(r.findings, csvp_finding, 1);
    CHECK(f->kind == CSVP_FINDING_SERVER_CONFORMANCE && f->severity == CSVP_SEV_ERROR &&
              strcmp(f->rule, "3.2.4.7") == 0 &&
              strcmp(f->message, "CprepDiskOnline requires ClusPrepDisk.OwnedState OwnedByThisServer (3.2.4.7); "
                                 "disk Signature 0x12345678 was OwnedButNotByThisServer and the server returned S_OK "
                                 "instead of ERROR_INVALID_STATE (0x8007139F)") == 0,
          "message: %s", f->message);
    f = &g_array_index(r.findings, csvp_finding, 0);
    CHECK(f->kind == CSVP_FINDING_CLIENT_SEQUENCE && f->severity == CSVP_SEV_WARNING, "client finding");
    /* The server's success proves nothing about the disk: its OnlineState becomes unknown. */
    CHECK(has_transition(&r, "disk Signature 0x12345678: OnlineState NotOnline -> Unknown (the server accepted a "
                             "call it had to refuse)"),
          "no guess after a non-conformant success");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* 3.2.4.25: CprepDiskIsOnline's answer must match OnlineState. */
static void test_is_online_answer(void)
{
    csvp_audit *a = csvp_audit_new();
    bring_online(a);
    step(a, on(NULL, S2, "CprepDiskAttach", req_sig(SIG), NULL, 0),
         T("disk Signature 0x12345678: AttachedState NotAttached -> Attached"));
    csvp_audit_result r;
    t_call(a, on(NULL, S2, "CprepDiskIsOnline", req_sig(SIG), NULL, 0), &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1,
          "S_OK for a disk that is not online");
    csvp_audit_result_clear(&r);
    step(a, on(NULL, S2, "CprepDiskIsOnline", req_sig(SIG), NULL, 0x80070015), NULL);
    /* CprepIdUnknown (2.2.1) names no disk: the disk requirements do not apply, nothing is judged or kept. */
    csvp_tree *junk = t_new();
    t_diskid(junk, NULL, 0x1388, 0);
    t_call(a, on(NULL, S2, "CprepDiskIsOnline", junk, NULL, 0x8007139F), &r);
    CHECK(r.findings->len == 0 && r.transitions->len == 0 && r.state.disk[0] == 0 &&
              r.state.value[CSVP_VAR_PREPARE] == CSVP_PREPARE_ONLINE,
          "CprepIdUnknown");
    csvp_audit_result_clear(&r);
    /* A request that was not decoded leaves the disk unknown. */
    t_call(a, on(NULL, S2, "CprepDiskIsOnline", NULL, NULL, 0), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1, "no request tree");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* 3.6.4.6-3.6.4.8: Route Monitoring State and GetAddRoutesStatus' routeUnavailable. */
static void test_routes(void)
{
    csvp_audit *a = csvp_audit_new();
    step(a, on(NULL, N2, "InitializeNode", NULL, NULL, 0), T("InitializationState False -> True"));
    csvp_audit_result r;
    t_call(a, on(NULL, N2, "GetAddRoutesStatus", NULL, route_reply(false), 0), &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1 &&
              strcmp(g_array_index(r.findings, csvp_finding, 0).rule, "3.6.4.7") == 0,
          "routeUnavailable FALSE while not monitoring");
    csvp_audit_result_clear(&r);
    step(a, on(NULL, N2, "GetAddRoutesStatus", NULL, route_reply(true), 0), NULL);
    step(a, on(NULL, N2, "ProcessAddRoutes", NULL, NULL, 0), T("RouteMonitoringState FALSE -> TRUE"));
    step(a, on(NULL, N2, "GetAddRoutesStatus", NULL, route_reply(false), 0), T("RouteMonitoringState TRUE -> FALSE"));
    t_call(a, on(NULL, N2, "CancelAddRoutesRequest", NULL, NULL, 0x80004005), &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1,
          "cancel without monitoring");
    csvp_audit_result_clear(&r);
    step(a, on(NULL, N2, "ProcessAddRoutes", NULL, NULL, 0), T("RouteMonitoringState FALSE -> TRUE"));
    step(a, on(NULL, N2, "CancelAddRoutesRequest", NULL, NULL, 0), T("RouteMonitoringState TRUE -> FALSE"));
    /* A requirement that binds only the client (InitializeNode first, 3.6.4) does not hide the server's. */
    step(a, on(NULL, N2, "ProcessAddRoutes", NULL, NULL, 0), T("RouteMonitoringState FALSE -> TRUE"));
    step(a, on(NULL, N2, "CleanupNode", NULL, NULL, 0), T("InitializationState True -> False"));
    t_call(a, on(NULL, N2, "ProcessAddRoutes", NULL, NULL, 0), &r);
    CHECK(r.findings->len == 3 && n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_INFO) == 1 &&
              n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1 &&
              n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1,
          "ProcessAddRoutes before InitializeNode while monitoring, answered S_OK");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);

    /* <37>: a server older than Windows Server 2012 R2 has no such opnum. */
    a = csvp_audit_new();
    step(a, on(NULL, N2, "InitializeNode", NULL, NULL, 0), T("InitializationState False -> True"));
    tcall c = on(NULL, N2, "ProcessAddRoutes", NULL, NULL, 0);
    c.faulted = true;                                   /* t_call faults with nca_s_op_rng_error */
    t_call(a, c, &r);
    CHECK(r.transitions->len == 0 && r.findings->len == 1 &&
              n_kind_sev(&r, CSVP_FINDING_PRODUCT_BEHAVIOR, CSVP_SEV_INFO) == 1 &&
              strcmp(g_array_index(r.findings, csvp_finding, 0).message,
                     "ProcessAddRoutes (3.6.4.6) faulted with nca_s_op_rng_error (0x1C010002): only Windows Server "
                     "2012 R2 implements it (Appendix B <37>)") == 0,
          "route method on an older server");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* 3.14.4: enumeration after InitializeAdapterConfiguration, idx below cRetAdapters. */
static void test_firewall(void)
{
    csvp_audit *a = csvp_audit_new();
    step(a, on(NULL, FW, "InitializeAdapterConfiguration", NULL, tree_uint("cRetAdapters", 3), 0),
         T("FirewallState NotInitialized -> Initialized", "cRetAdapters Unknown -> 3"));
    for (guint idx = 0; idx < 3; idx++)
        step(a, on(NULL, FW, "GetNextAdapterFirewallConfiguration", tree_uint("idx", idx), NULL, 0), NULL);
    csvp_audit_result r;
    t_call(a, on(NULL, FW, "GetNextAdapterFirewallConfiguration", tree_uint("idx", 3), NULL, 0x80070057), &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1 &&
              strstr(g_array_index(r.findings, csvp_finding, 0).message, "idx was 3 and cRetAdapters 3"),
          "idx 3 of 3");
    expect_state(&r, CSVP_VAR_FIREWALL, CSVP_FLAG_TRUE);
    CHECK(r.state.has_adapters && r.state.adapters == 3, "snapshot cRetAdapters");
    csvp_audit_result_clear(&r);
    /* Reinitialised with fewer adapters (3.14.4.1): the new count applies. */
    step(a, on(NULL, FW, "InitializeAdapterConfiguration", NULL, tree_uint("cRetAdapters", 1), 0),
         T("cRetAdapters 3 -> 1"));
    t_call(a, on(NULL, FW, "GetNextAdapterFirewallConfiguration", tree_uint("idx", 1), NULL, 0), &r);
    CHECK(n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1, "idx 1 of 1 answered S_OK");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* A non-conformant success of CprepPrepareNode does not cascade: the state becomes Unknown, then is inferred. */
static void test_no_cascade(void)
{
    csvp_audit *a = csvp_audit_new();
    bring_online(a);
    csvp_audit_result r;
    t_call(a, on(NULL, S2, "CprepPrepareNode", NULL, NULL, 0), &r);
    CHECK(r.findings->len == 2 && n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1 &&
              has_transition(&r, "PrepareState Online -> Unknown (the server accepted a call it had to refuse)"),
          "second PrepareNode answered S_OK");
    csvp_audit_result_clear(&r);
    t_call(a, on(NULL, S2, "CprepDiskAttach", req_sig(SIG), NULL, 0), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1 &&
              has_transition(&r, "PrepareState Unknown -> Online (inferred from S_OK)"),
          "then inferred again");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* Memory per object is bounded: disks beyond CSVP_AUDIT_MAX_DISKS are not tracked (and not judged),
 * timelines keep CSVP_AUDIT_MAX_EVENTS events and count the rest. */
static void test_limits(void)
{
    csvp_audit *a = csvp_audit_new();
    bring_online(a);
    for (guint32 i = 0; i < CSVP_AUDIT_MAX_DISKS; i++)
        step(a, on(NULL, S2, "CprepDiskGetUniqueIds", req_sig(0x10000 + i), NULL, 0), NULL);
    csvp_audit_result r;
    t_call(a, on(NULL, S2, "CprepDiskRawRead", req_sig(0xFFFF), NULL, 0x8007139F), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1 && r.state.disk[0] == 0,
          "disk over the limit is unknown");
    csvp_audit_result_clear(&r);
    const csvp_audit_object *o = g_ptr_array_index(csvp_audit_server_at(a, 0)->objects, 0);
    CHECK(o->disks->len == CSVP_AUDIT_MAX_DISKS && o->disks_dropped == 1, "%u disks, %u dropped", o->disks->len,
          o->disks_dropped);

    step(a, on(NULL, S2, "CprepDiskAttach", req_sig(0x10000), NULL, 0),
         T("disk Signature 0x00010000: AttachedState NotAttached -> Attached"));
    step(a, on(NULL, S2, "CprepDiskPRArbitrate", req_sig(0x10000), NULL, 0),
         T("disk Signature 0x00010000: OwnedState NotOwned -> OwnedByThisServer"));
    for (int i = 0; i < 200; i++) {
        step(a, on(NULL, S2, "CprepDiskOnline", req_sig(0x10000), NULL, 0),
             T("disk Signature 0x00010000: OnlineState NotOnline -> Online"));
        step(a, on(NULL, S2, "CprepDiskOffline", req_sig(0x10000), NULL, 0),
             T("disk Signature 0x00010000: OnlineState Online -> NotOnline"));
    }
    const csvp_audit_disk *d = g_ptr_array_index(o->disks, 0);
    CHECK(d->timeline->len == CSVP_AUDIT_MAX_EVENTS && d->events_dropped == 402 - CSVP_AUDIT_MAX_EVENTS,
          "timeline %u kept, %u dropped", d->timeline->len, d->events_dropped);
    csvp_audit_free(a);
}

/* 3.10.4.5-3.10.4.10: a certificate stored by ConfigClusterCert(V2) persists across activations and
 * reboots, so the state is the server's: a second IClusterSetup object (another IPID) sees it, and before
 * any configure in the capture it is unknown. */
static void test_cluster_cert(void)
{
    csvp_audit *a = csvp_audit_new();
    csvp_audit_result r;
    /* Refused before any configure in the capture: not judged (a configure may predate the capture), but
     * the refusal says it is not configured (inferred, 3.10.4.6). */
    t_call(a, on("setup-1", "IClusterSetup", "RetrieveClusterCert", NULL, NULL, 0x80070002u), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1 &&
              has_transition(&r, "ClusterCertState Unknown -> NotConfigured (inferred from ERROR_FILE_NOT_FOUND "
                                 "(0x80070002))"),
          "RetrieveClusterCert refused first");
    csvp_audit_result_clear(&r);
    step(a, on("setup-1", "IClusterSetup", "GenerateClusterCert", NULL, NULL, 0), NULL);   /* no state (3.10.4.7) */
    step(a, on("setup-1", "IClusterSetup", "ConfigClusterCert", NULL, NULL, 0),
         T("ClusterCertState NotConfigured -> Configured"));
    /* Another activation of IClusterSetup on the same server: the certificate is still there. */
    t_call(a, on("setup-2", "IClusterSetup", "RetrieveClusterCert", NULL, NULL, 0), &r);
    CHECK(r.findings->len == 0 && r.transitions->len == 0, "RetrieveClusterCert on a second object");
    expect_state(&r, CSVP_VAR_CLUSTER_CERT, CSVP_FLAG_TRUE);
    expect_state(&r, CSVP_VAR_CLUSTER_CERT_V2, 0);
    csvp_audit_result_clear(&r);
    /* The V2 pair has its own store (3.10.4.9): ConfigClusterCert does not configure it. A success of
     * RetrieveClusterCertV2 while it is unknown implies it was configured before the capture. */
    t_call(a, on("setup-2", "IClusterSetup", "RetrieveClusterCertV2", NULL, NULL, 0), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1 &&
              has_transition(&r, "ClusterCertV2State Unknown -> Configured (inferred from S_OK)"),
          "RetrieveClusterCertV2 succeeds before any ConfigClusterCertV2 in the capture");
    csvp_audit_result_clear(&r);
    /* On another server, a success while the state is known NotConfigured is the server's error. */
    tcall c = on("setup-3", "IClusterSetup", "RetrieveClusterCertV2", NULL, NULL, 0x80070002u);
    c.server = "10.20.0.12";
    t_call(a, c, &r);
    csvp_audit_result_clear(&r);
    c.hr = 0;
    t_call(a, c, &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1 &&
              strstr(g_array_index(r.findings, csvp_finding, 0).message, "3.10.4.10"),
          "RetrieveClusterCertV2 S_OK when not configured");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

/* 3.19.4.2, 3.19.4.3: GetLogFilePath's Index against the Count of GetCountLogs, until the next GenerateLogEx. */
static void test_log_index(void)
{
    csvp_audit *a = csvp_audit_new();
    csvp_audit_result r;
    step(a, on("logex", "IClusterLogEx3", "GenerateLogEx", NULL, NULL, 0), NULL);
    step(a, on("logex", "IClusterLogEx3", "GetCountLogs", NULL, tree_uint("Count", 3), 0), T("log Count Unknown -> 3"));
    step(a, on("logex", "IClusterLogEx3", "GetLogFilePath", tree_uint("Index", 2), NULL, 0), NULL);
    /* Index equal to the count: not "greater than" (ERRATA.md 27), so not judged either way. */
    step(a, on("logex", "IClusterLogEx3", "GetLogFilePath", tree_uint("Index", 3), NULL, 0x8007000Eu), NULL);
    /* Index 4 > 3 answered S_OK: the server had to return E_OUTOFMEMORY. */
    t_call(a, on("logex", "IClusterLogEx3", "GetLogFilePath", tree_uint("Index", 4), NULL, 0), &r);
    CHECK(n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1 &&
              n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_INFO) == 1 && r.findings->len == 2,
          "GetLogFilePath(4) after Count 3 answered S_OK");
    csvp_audit_result_clear(&r);
    /* A new GenerateLogEx: its count is unknown until asked, so Index 4 is not judged. */
    step(a, on("logex", "IClusterLogEx3", "GenerateLogEx", NULL, NULL, 0), T("log Count 3 -> Unknown (GenerateLogEx)"));
    t_call(a, on("logex", "IClusterLogEx3", "GetLogFilePath", tree_uint("Index", 4), NULL, 0), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1, "Index after a new GenerateLogEx");
    csvp_audit_result_clear(&r);
    /* The count is per object: IClusterLogEx2 on another IPID knows nothing of it. */
    t_call(a, on("other", "IClusterLogEx2", "GetLogFilePath", tree_uint("Index", 0), NULL, 0), &r);
    CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1, "another object");
    csvp_audit_result_clear(&r);
    csvp_audit_free(a);
}

int main(void)
{
    test_shared_disk_online();
    test_network_validation();
    test_cluster_setup();
    test_mid_session();
    test_disk_identity();
    test_storage2_storage3_share();
    test_faulted();
    test_arbitration_lost();
    test_is_online_answer();
    test_routes();
    test_firewall();
    test_no_cascade();
    test_limits();
    test_cluster_cert();
    test_log_index();
    return check_report("sessions");
}
