/* test_misc_interfaces.c - decode vectors for every method of IClusterCleanup (3.8.4),
 * IClusterSetup (3.10.4), IClusterLog (3.12.4), IClusterFirewall (3.14.4) and
 * IClusterUpdate (3.16.4). Requests start with ORPCTHIS (32 bytes), responses
 * with ORPCTHAT (8 bytes). An [out] BSTR* is a top-level [ref] (no wire form)
 * to a unique pointer whose FLAGGED_WORD_BLOB follows at once.
 */
#include "vec.h"

#define ADAPTER_GUID "4d36e972-e325-11ce-bfc1-08002be10318"

static void orpcthis_only(vec *v, int arg)
{
    put_orpcthis(v, arg);
}

static void orpcthis_only_check(const csvp_tree *t, int arg)
{
    CHECK(t->root->first && t->root->first == t->root->last);
}

static void hresult_resp(vec *v, int arg)
{
    put_orpcthat(v, arg);
    put_u32(v, arg ? 0x80004001 : 0);
}

static void hresult_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "hresult", arg ? "E_NOTIMPL" : "S_OK");
}

/* ---- IClusterCleanup: CleanUpEvictedNode (3.8.4.1) 32, 36, 40; ClearPR (3.8.4.2) 32 ---- */

static void cleanup_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 0);
    put_u32(v, 60000);
    put_u32(v, (guint32)arg);
}

static void cleanup_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DelayBeforeCleanup", 0);
    EXPECT_U(t, "TimeOut", 60000);
    EXPECT_U(t, "Flags", (guint64)arg);
    EXPECT_OFF(t, "Flags", 40);
    if (arg == 0)
        EXPECT_NAME(t, "Flags", "CLUSTERCLEANUP_STOP_CLUSTER_SERVICE");
}

static void clearpr_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 3);
}

static void clearpr_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DeviceNumber", 3);
}

/* ---- IClusterSetup ----
 * ConfigSvcSecret (3.10.4.1): arg 0: SecretBLOB referent id 32, max_count 36 = 10, cBytes 40 = 20, clSize 44,
 * "S3cr3t-Blob" ... units 48..68 (10 units, no NUL). arg 1: the NULL pointer at 32.
 * arg 2: the empty BSTR: max_count 0, cBytes 0, clSize 0. */
static void secret_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_bstr(v, arg == 1 ? NULL : arg == 2 ? "" : "S3cr3tBlob");
}

static void secret_req_check(const csvp_tree *t, int arg)
{
    if (arg == 1) {
        EXPECT_NULL(t, "SecretBLOB");
        EXPECT_OFF(t, "SecretBLOB", 32);
        return;
    }
    EXPECT_STR(t, "SecretBLOB", arg == 2 ? "" : "S3cr3tBlob");
    EXPECT_OFF(t, "SecretBLOB", 36);
    CHECK(node_at(t, "SecretBLOB") && node_at(t, "SecretBLOB")->max_count == (arg == 2 ? 0 : 10));
}

/* [out] BSTR responses: referent id 8, blob 12..24, units from 24; hresult aligned after.
 * arg 0: the string s; arg 1: a NULL BSTR sent as a blob with cBytes 0xFFFFFFFF; arg 2: the NULL pointer. */
/* arg / 3 picks the method: RetrieveSvcSecret, RetrieveHostLabel, GenerateClusterLog, GenerateTimeSpanLog,
 * GetUpdates; arg % 3 the form. */
static const char *const bstr_text[] = {
    "\x01\x02secret", "node1", "C:\\Windows\\Cluster\\Reports\\Cluster.log", "C:\\Windows\\Cluster\\Reports\\Span.log",
    "<updates count=\"2\"/>",
};
static const char *const bstr_param[] = { "SecretBLOB", "HostLabel", "LogFilePath", "LogFilePath", "updates" };

static void bstr_resp(vec *v, int arg)
{
    int m = arg / 3, form = arg % 3;
    put_orpcthat(v, false);
    if (m == 4)
        put_u32(v, 2);                           /* GetUpdates: UpdateCount first */
    if (form == 0) {
        put_bstr(v, bstr_text[m]);
    } else if (form == 1) {
        put_ref(v);
        put_bstr_null_blob(v);
    } else {
        put_bstr(v, NULL);
    }
    put_u32(v, 0);
}

static void bstr_resp_check(const csvp_tree *t, int arg)
{
    int m = arg / 3, form = arg % 3;
    guint32 at = m == 4 ? 12 : 8;                /* the BSTR pointer */
    if (form == 0) {
        EXPECT_STR(t, bstr_param[m], bstr_text[m]);
        EXPECT_OFF(t, bstr_param[m], at + 4);
        EXPECT_OFF(t, "hresult", at + 16 + ((2 * units_of(bstr_text[m]) + 3) & ~3u));
    } else {
        EXPECT_NULL(t, bstr_param[m]);
        EXPECT_OFF(t, "hresult", form == 1 ? at + 16 : at + 4);
    }
    if (m == 4)
        EXPECT_U(t, "UpdateCount", 2);
}

/* ---- IClusterLog: GenerateTimeSpanLog (3.12.4.2) SpanMinutes 32 ---- */

static void span_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 15);
}

static void span_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "SpanMinutes", 15);
}

/* ---- IClusterFirewall ---- */

static void adapters_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 2);
    put_u32(v, 0);
}

static void adapters_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "cRetAdapters", 2);
}

static void nextfw_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 1);
}

static void nextfw_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "idx", 1);
}

/* GetNextAdapterFirewallConfiguration (3.14.4.2): adapterId 8..24; adapterProfile 24 (16-bit enum);
 * the three smalls 26, 27, 28; hresult 32. arg 1 is big-endian. */
static void nextfw_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_guid(v, ADAPTER_GUID);
    put_u16(v, 2);
    put_u8(v, 1);
    put_u8(v, 0);
    put_u8(v, 1);
    put_u32(v, 0);
}

static void nextfw_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_GUID(t, "adapterId", ADAPTER_GUID);
    EXPECT_OFF(t, "adapterId", 8);
    EXPECT_NAME(t, "adapterProfile", "ClusterNetworkProfileDomainAuthenticated");
    EXPECT_OFF(t, "adapterProfile", 24);
    EXPECT_I(t, "serverRulesEnabled", 1);
    EXPECT_I(t, "managementRulesEnabled", 0);
    EXPECT_I(t, "commonRulesEnabled", 1);
    EXPECT_OFF(t, "commonRulesEnabled", 28);
    EXPECT_OFF(t, "hresult", 32);
}

/* ---- IClusterUpdate: Count (3.16.4.2) LONG at 8 ---- */

static void count_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, (guint32)-3);
    put_u32(v, 0);
}

static void count_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_I(t, "Count", -3);
}

#define C(i, m, d, le, b, c, a) { i, m, d, le, b, c, a }
#define CU "IClusterCleanup"
#define SE "IClusterSetup"
#define LG "IClusterLog"
#define FW "IClusterFirewall"
#define UP "IClusterUpdate"

const vec_case misc_interfaces_cases[] = {
    C(CU, "CleanUpEvictedNode", CSVP_IN, true, cleanup_req, cleanup_req_check, 0),
    C(CU, "CleanUpEvictedNode", CSVP_IN, false, cleanup_req, cleanup_req_check, 1),
    C(CU, "CleanUpEvictedNode", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C(CU, "ClearPR", CSVP_IN, true, clearpr_req, clearpr_req_check, 0),
    C(CU, "ClearPR", CSVP_OUT, true, hresult_resp, hresult_resp_check, 1),
    C(SE, "ConfigSvcSecret", CSVP_IN, true, secret_req, secret_req_check, 0),
    C(SE, "ConfigSvcSecret", CSVP_IN, true, secret_req, secret_req_check, 1),
    C(SE, "ConfigSvcSecret", CSVP_IN, false, secret_req, secret_req_check, 2),
    C(SE, "ConfigSvcSecret", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C(SE, "RetrieveSvcSecret", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(SE, "RetrieveSvcSecret", CSVP_OUT, true, bstr_resp, bstr_resp_check, 0),
    C(SE, "RetrieveSvcSecret", CSVP_OUT, true, bstr_resp, bstr_resp_check, 1),
    C(SE, "RetrieveHostLabel", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 1),
    C(SE, "RetrieveHostLabel", CSVP_OUT, false, bstr_resp, bstr_resp_check, 3),
    C(SE, "RetrieveHostLabel", CSVP_OUT, true, bstr_resp, bstr_resp_check, 5),
    C(LG, "GenerateClusterLog", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(LG, "GenerateClusterLog", CSVP_OUT, true, bstr_resp, bstr_resp_check, 6),
    C(LG, "GenerateTimeSpanLog", CSVP_IN, true, span_req, span_req_check, 0),
    C(LG, "GenerateTimeSpanLog", CSVP_OUT, true, bstr_resp, bstr_resp_check, 9),
    C(LG, "GenerateTimeSpanLog", CSVP_OUT, true, bstr_resp, bstr_resp_check, 10),
    C(FW, "InitializeAdapterConfiguration", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(FW, "InitializeAdapterConfiguration", CSVP_OUT, true, adapters_resp, adapters_resp_check, 0),
    C(FW, "GetNextAdapterFirewallConfiguration", CSVP_IN, true, nextfw_req, nextfw_req_check, 0),
    C(FW, "GetNextAdapterFirewallConfiguration", CSVP_OUT, true, nextfw_resp, nextfw_resp_check, 0),
    C(FW, "GetNextAdapterFirewallConfiguration", CSVP_OUT, false, nextfw_resp, nextfw_resp_check, 1),
    C(UP, "GetUpdates", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(UP, "GetUpdates", CSVP_OUT, true, bstr_resp, bstr_resp_check, 12),
    C(UP, "GetUpdates", CSVP_OUT, true, bstr_resp, bstr_resp_check, 14),
    C(UP, "Count", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(UP, "Count", CSVP_OUT, true, count_resp, count_resp_check, 0),
};
const size_t misc_interfaces_n = G_N_ELEMENTS(misc_interfaces_cases);

#ifndef VEC_NO_MAIN
int main(void)
{
    static const char *const itfs[] = { CU, SE, LG, FW, UP };
    for (size_t i = 0; i < G_N_ELEMENTS(itfs); i++)
        vec_coverage(misc_interfaces_cases, misc_interfaces_n, itfs[i]);
    return vec_run(misc_interfaces_cases, misc_interfaces_n) ? 1 : 0;
}
#endif
