/* test_misc_interfaces.c - decode vectors for every method of IClusterCleanup (3.8.4),
 * IClusterSetup (3.10.4, with the opnums 6-16 of revision 34), IClusterLog (3.12.4,
 * with opnums 5-6 of revision 34), IClusterFirewall (3.14.4) and IClusterUpdate (3.16.4). Requests start with ORPCTHIS (32 bytes), responses
 * with ORPCTHAT (8 bytes). An [out] BSTR* is a top-level [ref] (no wire form)
 * to a unique pointer whose FLAGGED_WORD_BLOB follows at once.
 */
#include "vec.h"

#include <string.h>

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
/* 5, 6 (rev 34): GenerateClusterLogInLocalTime (3.12.4.3), GenerateTimeSpanLogInLocalTime (3.12.4.4). */
static const char *const bstr_text[] = {
    "\x01\x02secret", "node1", "C:\\Windows\\Cluster\\Reports\\Cluster.log", "C:\\Windows\\Cluster\\Reports\\Span.log",
    "<updates count=\"2\"/>", "ClusterReports\\Cluster-local.log", "ClusterReports\\Span-local.log",
};
static const char *const bstr_param[] = { "SecretBLOB", "HostLabel", "LogFilePath", "LogFilePath", "updates",
                                          "LogFilePath", "LogFilePath" };

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

/* The cluster secret (3.10.1) is a secret: the tables say so (json-output.md redacts it). */
static void secret_flag_check(const csvp_tree *t, int arg)
{
    secret_req_check(t, arg);
    CHECK(node_at(t, "SecretBLOB") && node_at(t, "SecretBLOB")->member->secret);
}

/* ---- IClusterSetup, revision 34 (3.10.4.4-3.10.4.11) ----
 * GetFunctionalLevel (3.10.4.4) and GetUpgradeVersion (3.10.4.8): [out] WORD* is a top-level [ref] to an
 * unsigned short: ORPCTHAT 0..8, the WORD at 8..10, 2 padding octets, the hresult at 12. arg: the value. */
static void word_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u16(v, (guint16)arg);
    put_u32(v, 0);
}

static void level_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "FunctionalLevel", (guint64)arg);
    EXPECT_OFF(t, "FunctionalLevel", 8);
    EXPECT_OFF(t, "hresult", 12);
}

static void upgrade_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "UpgradeVersion", (guint64)arg);
    EXPECT_OFF(t, "UpgradeVersion", 8);
    EXPECT_OFF(t, "hresult", 12);
}

/* CLUSTER_CERT (2.2.23): ULONG CbCertData, ULONG CbKeyData, BYTE CertData[5120], BYTE KeyData[10240],
 * WCHAR ClusterSecret[33]. Fixed arrays travel whole (C706 14.3.3.1), so the struct is 4 + 4 + 5120 + 10240
 * + 66 = 15434 octets, aligned to 4 (its ULONGs). At offset `at`: CbCertData at, CbKeyData at+4, CertData
 * at+8, KeyData at+5128, ClusterSecret at+15368 .. at+15434. A top-level CLUSTER_CERT* is [ref]: no wire
 * form. The certificate used: 300 octets 0x30 0x82 0x01 0x28 then i & 0xff; the key: 600 octets 0xa5; the
 * secret: "Cl$Secret-0123456789abcdefghijk" (31 units) and NULs. arg 1: all zero (a request to fill in). */
#define CERT_LEN 300u
#define KEY_LEN 600u
#define CL_SECRET "Cl$Secret-0123456789abcdefghijk"
static void put_cluster_cert(vec *v, bool empty)
{
    guint8 *cert = g_malloc0(1024 * 5), *key = g_malloc0(1024 * 10);
    if (!empty) {
        for (guint i = 0; i < CERT_LEN; i++)
            cert[i] = (guint8)i;
        memcpy(cert, "\x30\x82\x01\x28", 4);
        memset(key, 0xa5, KEY_LEN);
    }
    align(v, 4);
    put_u32(v, empty ? 0 : CERT_LEN);
    put_u32(v, empty ? 0 : KEY_LEN);
    put_bytes(v, cert, 1024 * 5);
    put_bytes(v, key, 1024 * 10);
    guint32 units = empty ? 0 : units_of(CL_SECRET);
    if (!empty)
        put_units(v, CL_SECRET, false);
    for (guint32 i = units; i < 33; i++)
        put_u16(v, 0);
    g_free(cert);
    g_free(key);
}

static void cert_check(const csvp_tree *t, guint32 at, bool empty)
{
    EXPECT_U(t, "ClusterCert.CbCertData", empty ? 0 : CERT_LEN);
    EXPECT_OFF(t, "ClusterCert.CbCertData", at);
    EXPECT_U(t, "ClusterCert.CbKeyData", empty ? 0 : KEY_LEN);
    EXPECT_OFF(t, "ClusterCert.CertData", at + 8);
    EXPECT_OFF(t, "ClusterCert.KeyData", at + 5128);
    EXPECT_OFF(t, "ClusterCert.ClusterSecret", at + 15368);
    EXPECT_STR(t, "ClusterCert.ClusterSecret", empty ? "" : CL_SECRET);
    const csvp_node *cd = node_at(t, "ClusterCert.CertData"), *kd = node_at(t, "ClusterCert.KeyData");
    CHECK(cd && cd->kind == CSVP_N_BYTES && cd->v.bytes.len == 5120 && cd->length == 5120);
    CHECK(kd && kd->kind == CSVP_N_BYTES && kd->v.bytes.len == 10240);
    if (cd && cd->kind == CSVP_N_BYTES && !empty)
        CHECK(cd->v.bytes.data[0] == 0x30 && cd->v.bytes.data[3] == 0x28 && cd->v.bytes.data[299] == 299 % 256 &&
              cd->v.bytes.data[300] == 0);
    if (kd && kd->kind == CSVP_N_BYTES)
        CHECK(kd->v.bytes.data[0] == (empty ? 0 : 0xa5) && kd->v.bytes.data[KEY_LEN] == 0);
    /* The private key and the cluster secret are secrets (2.2.23); the certificate is not. */
    CHECK(kd && kd->member->secret);
    CHECK(node_at(t, "ClusterCert.ClusterSecret") && node_at(t, "ClusterCert.ClusterSecret")->member->secret);
    CHECK(cd && !cd->member->secret);
}

/* ConfigClusterCert (3.10.4.5), GenerateClusterCert (3.10.4.7) requests: the cert at 32; length 15466.
 * arg 2, 3: ConfigClusterCertV2 (3.10.4.9), GenerateClusterCertV2 (3.10.4.11): certType, a 16-bit enum
 * (C706 14.2.5) aligned to 2, follows at 15466; length 15468. arg & 1: the empty cert. */
static void cert_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_cluster_cert(v, arg & 1);
    if (arg >= 2)
        put_u16(v, 2);    /* Cluster_PKU2U */
}

static void cert_req_check(const csvp_tree *t, int arg)
{
    cert_check(t, 32, arg & 1);
    if (arg >= 2) {
        EXPECT_NAME(t, "certType", "Cluster_PKU2U");
        EXPECT_OFF(t, "certType", 15466);
    }
    CHECK(!t->layout);
}

/* RetrieveClusterCert (3.10.4.6), GenerateClusterCert, GenerateClusterCertV2 responses: the cert at 8..15442,
 * two padding octets, the hresult at 15444. arg 1: ERROR_FILE_NOT_FOUND with an empty cert. */
static void cert_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_cluster_cert(v, arg & 1);
    put_u32(v, arg & 1 ? 0x80070002 : 0);
}

static void cert_resp_check(const csvp_tree *t, int arg)
{
    cert_check(t, 8, arg & 1);
    EXPECT_OFF(t, "hresult", 15444);
    EXPECT_NAME(t, "hresult", arg & 1 ? "ERROR_FILE_NOT_FOUND" : "S_OK");
    CHECK(!t->layout);
}

/* RetrieveClusterCertV2 (3.10.4.10), section 6's directions: request the cert at 32 (15466 octets);
 * response certType at 8, hresult at 12. */
static void certv2_retr_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u16(v, 1);        /* ClusterSet_SChannel */
    put_u32(v, 0);
}

static void certv2_retr_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "certType", "ClusterSet_SChannel");
    EXPECT_OFF(t, "certType", 8);
    EXPECT_OFF(t, "hresult", 12);
    CHECK(!t->layout);
}

/* ... and the method page's directions, the alternative layout: request certType at 32 (34 octets, which
 * section 6's 15434-octet cert cannot be); response the cert at 8, hresult at 15444 (section 6's reading
 * leaves 15436 trailing octets). */
static void certv2_page_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u16(v, 3);        /* ClusterSet_PKU2U */
}

static void certv2_page_req_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "certType", "ClusterSet_PKU2U");
    EXPECT_OFF(t, "certType", 32);
    CHECK(t->layout && strcmp(t->layout, "directions of section 3.10.4.10") == 0);
}

static void certv2_page_resp_check(const csvp_tree *t, int arg)
{
    cert_check(t, 8, false);
    EXPECT_OFF(t, "hresult", 15444);
    CHECK(t->layout && strcmp(t->layout, "directions of section 3.10.4.10") == 0);
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
    EXPECT_U(t, "serverRulesEnabled", 1);
    EXPECT_U(t, "managementRulesEnabled", 0);
    EXPECT_U(t, "commonRulesEnabled", 1);
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

static const vec_case misc_interfaces_cases[] = {
    C(CU, "CleanUpEvictedNode", CSVP_IN, true, cleanup_req, cleanup_req_check, 0),
    C(CU, "CleanUpEvictedNode", CSVP_IN, false, cleanup_req, cleanup_req_check, 1),
    C(CU, "CleanUpEvictedNode", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C(CU, "ClearPR", CSVP_IN, true, clearpr_req, clearpr_req_check, 0),
    C(CU, "ClearPR", CSVP_OUT, true, hresult_resp, hresult_resp_check, 1),
    C(SE, "ConfigSvcSecret", CSVP_IN, true, secret_req, secret_flag_check, 0),
    C(SE, "ConfigSvcSecret", CSVP_IN, true, secret_req, secret_req_check, 1),
    C(SE, "ConfigSvcSecret", CSVP_IN, false, secret_req, secret_req_check, 2),
    C(SE, "ConfigSvcSecret", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C(SE, "RetrieveSvcSecret", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(SE, "RetrieveSvcSecret", CSVP_OUT, true, bstr_resp, bstr_resp_check, 0),
    C(SE, "RetrieveSvcSecret", CSVP_OUT, true, bstr_resp, bstr_resp_check, 1),
    C(SE, "RetrieveHostLabel", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 1),
    C(SE, "RetrieveHostLabel", CSVP_OUT, false, bstr_resp, bstr_resp_check, 3),
    C(SE, "RetrieveHostLabel", CSVP_OUT, true, bstr_resp, bstr_resp_check, 5),
    /* revision 34: Windows Server 2025 reports functional level 12 and upgrade version 4 (<31>, <35>) */
    C(SE, "GetFunctionalLevel", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(SE, "GetFunctionalLevel", CSVP_OUT, true, word_resp, level_resp_check, 12),
    C(SE, "GetFunctionalLevel", CSVP_OUT, false, word_resp, level_resp_check, 9),
    C(SE, "ConfigClusterCert", CSVP_IN, true, cert_req, cert_req_check, 0),
    C(SE, "ConfigClusterCert", CSVP_IN, false, cert_req, cert_req_check, 0),
    C(SE, "ConfigClusterCert", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C(SE, "RetrieveClusterCert", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(SE, "RetrieveClusterCert", CSVP_OUT, true, cert_resp, cert_resp_check, 0),
    C(SE, "RetrieveClusterCert", CSVP_OUT, true, cert_resp, cert_resp_check, 1),
    C(SE, "GenerateClusterCert", CSVP_IN, true, cert_req, cert_req_check, 1),
    C(SE, "GenerateClusterCert", CSVP_OUT, true, cert_resp, cert_resp_check, 0),
    C(SE, "GetUpgradeVersion", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(SE, "GetUpgradeVersion", CSVP_OUT, true, word_resp, upgrade_resp_check, 4),
    C(SE, "ConfigClusterCertV2", CSVP_IN, true, cert_req, cert_req_check, 2),
    C(SE, "ConfigClusterCertV2", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C(SE, "RetrieveClusterCertV2", CSVP_IN, true, cert_req, cert_req_check, 1),
    C(SE, "RetrieveClusterCertV2", CSVP_OUT, true, certv2_retr_resp, certv2_retr_resp_check, 0),
    C(SE, "RetrieveClusterCertV2", CSVP_IN, true, certv2_page_req, certv2_page_req_check, 0),
    C(SE, "RetrieveClusterCertV2", CSVP_OUT, true, cert_resp, certv2_page_resp_check, 0),
    C(SE, "RetrieveClusterCertV2", CSVP_OUT, false, cert_resp, certv2_page_resp_check, 0),
    C(SE, "GenerateClusterCertV2", CSVP_IN, true, cert_req, cert_req_check, 3),
    C(SE, "GenerateClusterCertV2", CSVP_OUT, true, cert_resp, cert_resp_check, 0),
    C(LG, "GenerateClusterLog", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(LG, "GenerateClusterLog", CSVP_OUT, true, bstr_resp, bstr_resp_check, 6),
    C(LG, "GenerateTimeSpanLog", CSVP_IN, true, span_req, span_req_check, 0),
    C(LG, "GenerateTimeSpanLog", CSVP_OUT, true, bstr_resp, bstr_resp_check, 9),
    C(LG, "GenerateTimeSpanLog", CSVP_OUT, true, bstr_resp, bstr_resp_check, 10),
    C(LG, "GenerateClusterLogInLocalTime", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C(LG, "GenerateClusterLogInLocalTime", CSVP_OUT, true, bstr_resp, bstr_resp_check, 15),
    C(LG, "GenerateTimeSpanLogInLocalTime", CSVP_IN, false, span_req, span_req_check, 0),
    C(LG, "GenerateTimeSpanLogInLocalTime", CSVP_OUT, true, bstr_resp, bstr_resp_check, 18),
    C(LG, "GenerateTimeSpanLogInLocalTime", CSVP_OUT, false, bstr_resp, bstr_resp_check, 19),
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
const vec_suite misc_interfaces_suite = { "misc_interfaces", misc_interfaces_cases,
                                          G_N_ELEMENTS(misc_interfaces_cases), { CU, SE, LG, FW, UP }, NULL };
