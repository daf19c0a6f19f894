/* test_rules.c - every row of the rule table (csvp/rules.c), every requirement.
 *
 * For each method and each requirement it has, the test drives a fresh server
 * object into the state where the earlier requirements hold and this one does
 * not (by playing the calls the spec defines: CprepPrepareNode,
 * CprepPrepareNodePhase2, CprepDiskAttach, ...), then answers the call:
 *   - with the error the spec names: client_sequence only;
 *   - with S_OK: server_conformance (when the spec gives the server a rule);
 *   - with an unrelated error: server_conformance (wrong error);
 *   - with the other error the spec allows / Windows' Appendix B error.
 * And with every requirement met: S_OK gives no finding; the requirement's own
 * error gives server_conformance (the status claims a state that is not so).
 */
#include "audit_test.h"

#include <string.h>

#define SIG 0x1234ABCDu
#define E_ACCESSDENIED 0x80070005u

static tcall call(const char *itf, const char *m, csvp_tree *req, csvp_tree *resp, guint32 hr)
{
    return (tcall){ .itf = itf, .method = m, .req = req, .resp = resp, .hr = hr };
}

#define S2 "IClusterStorage2"
#define S3 "IClusterStorage3"
#define N2 "IClusterNetwork2"
#define FW "IClusterFirewall"
#define SE "IClusterSetup"
#define LX2 "IClusterLogEx2"

/* A setup call: it must raise no finding, except (relaxed) the client_sequence of a requirement the
 * scenario broke on purpose earlier. */
static void setup(csvp_audit *a, tcall c, const char *w, bool relaxed)
{
    if (!relaxed) {
        t_ok(a, c, w);
        return;
    }
    csvp_audit_result r;
    t_call(a, c, &r);
    CHECK(r.findings->len == n_kind(&r, CSVP_FINDING_CLIENT_SEQUENCE), "%s: %s", w, c.method);
    csvp_audit_result_clear(&r);
}

/* Play calls that make requirement k hold (met) or not (!met), given the earlier ones hold. */
static void play(csvp_audit *a, const csvp_cond *k, bool met, bool relaxed)
{
    const char *w = met ? "setup (met)" : "setup (unmet)";
    if (k->kind == CSVP_COND_ADAPTER_INDEX)
        return;                                         /* decided by the request's idx */
    if (k->kind == CSVP_COND_LOG_INDEX) {
        /* GetCountLogs says 2 logs (3.19.4.2); the request's Index decides. */
        setup(a, call(LX2, "GetCountLogs", NULL, tree_uint("Count", 2), 0), w, relaxed);
        return;
    }
    switch (k->var) {
    case CSVP_VAR_PREPARE: {
        /* how many of PrepareNode, PrepareNodePhase2 to play */
        int steps = met ? k->required - CSVP_PREPARE_INITIAL
                        : (k->required == CSVP_PREPARE_ONLINE ? 1 : 2);
        if (steps >= 1)
            setup(a, call(S2, "CprepPrepareNode", NULL, NULL, 0), w, relaxed);
        if (steps >= 2)
            setup(a, call(S2, "CprepPrepareNodePhase2", tree_uint("Flags", 1),
                         tree_uint("pulNumDisks", 2), 0), w, relaxed);
        break;
    }
    case CSVP_VAR_ATTACHED:
        if (met)
            setup(a, call(S2, "CprepDiskAttach", req_sig(SIG), NULL, 0), w, relaxed);
        break;
    case CSVP_VAR_OWNED:
        if (met)
            setup(a, call(S2, "CprepDiskPRArbitrate", req_sig(SIG), NULL, 0), w, relaxed);
        break;
    case CSVP_VAR_ONLINE:
        if (met == (k->required == CSVP_ONLINE))
            setup(a, call(S2, "CprepDiskOnline", req_sig(SIG), tree_uint("MaxPartitionNumber", 1), 0), w, relaxed);
        break;
    case CSVP_VAR_SHARE_TEST_SETUP:
        if (met)
            setup(a, call(S3, "CprepCsvTestSetup3", NULL, NULL, 0), w, relaxed);
        break;
    case CSVP_VAR_INITIALIZED:
        setup(a, call(N2, "InitializeNode", tree_uint("RequestUDPPort", 0), NULL, 0), w, relaxed);
        if (!met)
            setup(a, call(N2, "CleanupNode", NULL, NULL, 0), w, relaxed);
        break;
    case CSVP_VAR_ROUTE_MONITORING:
        if (met == (k->required == CSVP_FLAG_TRUE))
            setup(a, call(N2, "ProcessAddRoutes", NULL, NULL, 0), w, relaxed);
        break;
    case CSVP_VAR_CLUSTER_CERT:
    case CSVP_VAR_CLUSTER_CERT_V2: {
        /* Stored across reboots, so unknown at first (3.10.4.5): configured by ConfigClusterCert(V2); known
         * not configured only from a retrieve refused with ERROR_FILE_NOT_FOUND, itself not judged. */
        bool v2 = k->var == CSVP_VAR_CLUSTER_CERT_V2;
        if (met) {
            setup(a, call(SE, v2 ? "ConfigClusterCertV2" : "ConfigClusterCert", NULL, NULL, 0), w, relaxed);
            break;
        }
        csvp_audit_result r;
        t_call(a, call(SE, v2 ? "RetrieveClusterCertV2" : "RetrieveClusterCert", NULL, NULL, CSVP_ERROR_FILE_NOT_FOUND),
               &r);
        CHECK(r.findings->len == 1 && n_kind(&r, CSVP_FINDING_UNKNOWN_STATE) == 1 &&
              has_transition(&r, v2 ? "ClusterCertV2State Unknown -> NotConfigured (inferred from ERROR_FILE_NOT_FOUND "
                                      "(0x80070002))"
                                    : "ClusterCertState Unknown -> NotConfigured (inferred from ERROR_FILE_NOT_FOUND "
                                      "(0x80070002))"),
              "%s: a retrieve refused before any configure", w);
        csvp_audit_result_clear(&r);
        break;
    }
    case CSVP_VAR_FIREWALL:
        /* First call on the object: Firewall State starts not initialized; a failed call leaves it so. */
        setup(a, call(FW, "InitializeAdapterConfiguration", NULL, tree_uint("cRetAdapters", 2),
                     met ? 0 : 0x80004005u), w, relaxed);
        break;
    default:
        g_assert_not_reached();
    }
}

/* A fresh audit in the state where needs[i] does not hold and the others checked with it do (all hold,
 * if all_met). The server checks its requirements in order and stops at the first unmet one, so those
 * after an unmet server requirement are left alone; one that binds only the client does not stop it. */
static csvp_audit *reach(const csvp_rule *r, int i, bool all_met)
{
    csvp_audit *a = csvp_audit_new();
    bool relaxed = false;
    for (int j = 0; j < CSVP_RULE_MAX_NEEDS && r->needs[j]; j++) {
        bool unmet = j == i && !all_met;
        play(a, r->needs[j], !unmet, relaxed);
        if (unmet && r->needs[j]->server != CSVP_LEVEL_NONE)
            break;
        relaxed |= unmet;
    }
    return a;
}

static csvp_tree *request(const csvp_rule *r, bool index_unmet)
{
    csvp_tree *t = t_new();
    if (r->names_disk)
        t_diskid(t, NULL, 0, SIG);
    if (strcmp(r->method, "GetNextAdapterFirewallConfiguration") == 0)
        t_uint(t, NULL, "idx", index_unmet ? 2 : 0);      /* cRetAdapters is 2 */
    if (strcmp(r->method, "GetLogFilePath") == 0)
        t_uint(t, NULL, "Index", index_unmet ? 3 : 1);    /* Count is 2: 3 is greater; 1 names a log (ERRATA.md 27) */
    return t;
}

static csvp_audit_result answer(const csvp_rule *r, int i, bool all_met, guint32 hr)
{
    csvp_audit *a = reach(r, i, all_met);
    csvp_audit_result res;
    bool index_unmet = !all_met && (r->needs[i]->kind == CSVP_COND_ADAPTER_INDEX ||
                                    r->needs[i]->kind == CSVP_COND_LOG_INDEX);
    t_call(a, call(r->itf, r->method, request(r, index_unmet), NULL, hr), &res);
    csvp_audit_free(a);
    return res;
}

static int scenarios;

static void expect(const csvp_rule *r, const char *what, guint32 hr, csvp_audit_result *res, guint client,
                   csvp_severity client_sev, guint server, csvp_severity server_sev, guint product)
{
    scenarios++;
    bool ok = n_kind(res, CSVP_FINDING_CLIENT_SEQUENCE) == client &&
              n_kind_sev(res, CSVP_FINDING_CLIENT_SEQUENCE, client_sev) == client &&
              n_kind(res, CSVP_FINDING_SERVER_CONFORMANCE) == server &&
              n_kind_sev(res, CSVP_FINDING_SERVER_CONFORMANCE, server_sev) == server &&
              n_kind(res, CSVP_FINDING_PRODUCT_BEHAVIOR) == product && n_kind(res, CSVP_FINDING_UNKNOWN_STATE) == 0;
    CHECK(ok, "%s %s answered 0x%08X: expected %u client_sequence/%s, %u server_conformance/%s, %u product_behavior",
          r->method, what, hr, client, csvp_severity_name(client_sev), server, csvp_severity_name(server_sev),
          product);
    if (!ok)
        dump_result(res);
    /* Every finding cites the method's section and says what was seen. */
    for (guint f = 0; f < res->findings->len; f++) {
        const csvp_finding *fd = &g_array_index(res->findings, csvp_finding, f);
        CHECK(strcmp(fd->rule, r->section) == 0, "%s: finding cites %s", r->method, fd->rule);
        CHECK(strstr(fd->message, r->method) && strstr(fd->message, r->section), "%s: message '%s'", r->method,
              fd->message);
    }
    csvp_audit_result_clear(res);
}

static csvp_severity sev(csvp_level l, csvp_severity must, csvp_severity should)
{
    return l == CSVP_LEVEL_MUST ? must : should;
}

static void test_requirement(const csvp_rule *r, int i)
{
    const csvp_cond *k = r->needs[i];
    guint client = k->client != CSVP_LEVEL_NONE;
    guint server = k->server != CSVP_LEVEL_NONE;
    csvp_severity cs = sev(k->client, CSVP_SEV_WARNING, CSVP_SEV_INFO);
    csvp_severity ss = sev(k->server, CSVP_SEV_ERROR, CSVP_SEV_WARNING);
    char what[96];
    g_snprintf(what, sizeof what, "when %s is not %s",
               k->kind == CSVP_COND_LOG_INDEX ? "Index" : csvp_state_var_name(k->var),
               k->kind != CSVP_COND_STATE ? "in range" : csvp_state_value_name(k->var, k->required));

    /* Conformant: the error the spec names (any unrelated failure where it names none). */
    guint32 conformant = k->error ? k->error : E_ACCESSDENIED;
    csvp_audit_result res = answer(r, i, false, conformant);
    expect(r, what, conformant, &res, client, cs, 0, ss, 0);

    /* Non-conformant: success. */
    res = answer(r, i, false, CSVP_S_OK);
    expect(r, what, CSVP_S_OK, &res, client, cs, server, ss, 0);

    /* Non-conformant: an unrelated error where the spec names one. */
    if (k->error) {
        res = answer(r, i, false, E_ACCESSDENIED);
        expect(r, what, E_ACCESSDENIED, &res, client, cs, server, sev(k->error_level, CSVP_SEV_ERROR, CSVP_SEV_WARNING),
               0);
    }
    if (k->also) {
        res = answer(r, i, false, k->also);
        expect(r, what, k->also, &res, client, cs, 0, ss, 0);
    }
    if (k->windows) {
        res = answer(r, i, false, k->windows);
        expect(r, what, k->windows, &res, client, cs, 0, ss, 1);
    }
}

static void test_all_met(const csvp_rule *r)
{
    /* CprepDiskIsOnline on a disk that is not Online answers ERROR_NOT_READY (3.2.4.25). */
    guint32 ok = r->observe == CSVP_OBS_IS_ONLINE ? CSVP_ERROR_NOT_READY : CSVP_S_OK;
    csvp_audit_result res = answer(r, 0, true, ok);
    expect(r, "with every requirement met", ok, &res, 0, CSVP_SEV_WARNING, 0, CSVP_SEV_ERROR, 0);

    for (int i = 0; i < CSVP_RULE_MAX_NEEDS && r->needs[i]; i++) {
        const csvp_cond *k = r->needs[i];
        if (!k->error || k->server == CSVP_LEVEL_NONE)
            continue;
        res = answer(r, 0, true, k->error);
        if (r->starts_session) {
            /* The first call on an object, refused for its state: the object was not fresh after all,
             * so its Prepare State is judged on the whole capture, at the end (test_whole.c), and the
             * call itself carries no finding. */
            CHECK(res.findings->len == 0, "%s", r->method);
            csvp_audit_result_clear(&res);
            scenarios++;
        } else {
            expect(r, "with every requirement met", k->error, &res, 0, CSVP_SEV_WARNING, 1, CSVP_SEV_ERROR, 0);
        }
        break;
    }
    if (r->not_found_windows) {
        res = answer(r, 0, true, r->not_found_windows);
        expect(r, "for a disk not in the list", r->not_found_windows, &res, 0, CSVP_SEV_WARNING, 0,
               CSVP_SEV_ERROR, 1);
    }
}

/* Every method of the four stateful interfaces of revision 19 has exactly one row, citing the method's section;
 * of revision 34, the methods whose sections state a dependency (csvp-revisions.md "State and sequencing
 * rules"): the certificate pairs of IClusterSetup and IClusterLogEx2's three, on IClusterLogEx3 too. */
static const struct { const char *itf, *method; } rev34_rows[] = {
    { SE, "ConfigClusterCert" }, { SE, "RetrieveClusterCert" }, { SE, "ConfigClusterCertV2" },
    { SE, "RetrieveClusterCertV2" }, { LX2, "GenerateLogEx" }, { LX2, "GetCountLogs" }, { LX2, "GetLogFilePath" },
    { "IClusterLogEx3", "GenerateLogEx" }, { "IClusterLogEx3", "GetCountLogs" }, { "IClusterLogEx3", "GetLogFilePath" },
};

static void test_coverage(void)
{
    static const char *const itfs[] = { S2, S3, N2, FW };
    size_t n;
    csvp_rules(&n);
    size_t methods = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(itfs); i++) {
        const csvp_interface *itf = csvp_interface_by_name(itfs[i]);
        CHECK(itf != NULL, "%s", itfs[i]);
        for (guint m = 0; itf && m < itf->n_methods; m++) {
            const csvp_method *me = &itf->methods[m];
            if (me->iunknown || me->not_used_on_wire)
                continue;
            methods++;
            const csvp_rule *r = csvp_rule_find(itf->name, me->name);
            CHECK(r != NULL, "no rule for %s::%s", itf->name, me->name);
            if (!r)
                continue;
            CHECK(strcmp(r->section, me->section) == 0, "%s: rule cites %s, method is %s", me->name, r->section,
                  me->section);
            for (int j = 0; j < CSVP_RULE_MAX_NEEDS && r->needs[j]; j++) {
                const csvp_cond *k = r->needs[j];
                CHECK(k->section && (k->server != CSVP_LEVEL_NONE || k->client != CSVP_LEVEL_NONE), "%s", me->name);
                CHECK(!k->error || (k->server != CSVP_LEVEL_NONE && k->error_level != CSVP_LEVEL_NONE),
                      "%s: a status without a server rule", me->name);
                CHECK(!k->windows == !k->windows_note, "%s: Appendix B status and note go together", me->name);
            }
        }
    }
    for (size_t i = 0; i < G_N_ELEMENTS(rev34_rows); i++) {
        const csvp_interface *itf;
        const csvp_method *me = csvp_method_by_name(rev34_rows[i].method, &itf);
        const csvp_rule *r = csvp_rule_find(rev34_rows[i].itf, rev34_rows[i].method);
        CHECK(r && me && me->revision == 34 && strcmp(r->section, me->section) == 0, "no rule for %s::%s",
              rev34_rows[i].itf, rev34_rows[i].method);
        methods++;
    }
    CHECK(n == methods, "%zu rules for %zu methods", n, methods);
    /* 29 IClusterStorage2 + 15 IClusterStorage3 + 8 IClusterNetwork2 + 2 IClusterFirewall methods, and 10 rows
     * of revision 34. */
    CHECK(n == 64, "%zu rules", n);
    CHECK(csvp_rule_find(SE, "ConfigSvcSecret") == NULL, "no state rule for IClusterSetup's rev-19 methods");
    CHECK(csvp_rule_find(SE, "GetFunctionalLevel") == NULL && csvp_rule_find("IClusterLogEx", "GenerateClusterLog") ==
          NULL, "no state rule for the rev-34 methods without dependencies (3.10.4.4, 3.18.4)");
}

int main(void)
{
    test_coverage();
    size_t n;
    const csvp_rule *rules = csvp_rules(&n);
    int requirements = 0;
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < CSVP_RULE_MAX_NEEDS && rules[i].needs[j]; j++, requirements++)
            test_requirement(&rules[i], j);
        test_all_met(&rules[i]);
    }
    printf("%zu rules, %d requirements, %d scenarios\n", n, requirements, scenarios);
    return check_report("rules");
}
