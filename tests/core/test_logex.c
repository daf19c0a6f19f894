/* test_logex.c - decode vectors for every method of IClusterLogEx (3.18.4), IClusterLogEx2
 * (3.19.4) and IClusterLogEx3 (3.20.4), the interfaces revision 34.0 added. IClusterLogEx2
 * derives from IClusterLogEx and IClusterLogEx3 from IClusterLogEx2, so each repeats its base's
 * opnums and every method is checked on every interface that has it.
 *
 * Requests start with ORPCTHIS (32 bytes), responses with ORPCTHAT (8 bytes). ClusterLogExFlag
 * and ClusterLogType are plain enums: 16 bits on the wire, aligned to 2 (C706 14.2.5). An [out]
 * BSTR* is a top-level [ref] (no wire form) to a unique pointer whose FLAGGED_WORD_BLOB follows
 * at once: referent id, max_count, cBytes, clSize, the units (MS-OAUT 2.2.23.1).
 */
#include "vec.h"

#include <string.h>

#define LX "IClusterLogEx"
#define LX2 "IClusterLogEx2"
#define LX3 "IClusterLogEx3"

/* ---- SpanMinutes, flags: GenerateClusterLog (3.18.4.1), GenerateClusterHealthLog (3.18.4.2),
 * GenerateClusterSetLog (3.18.4.3), GenerateNetftLog (3.18.4.6) ----
 * SpanMinutes (ULONG) at 32, flags at 36..38; length 38. arg: the flags (3 = LocalTime|SkipClusterState). */
static void span_flags_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 60);
    put_u16(v, (guint16)arg);
}

static void span_flags_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "SpanMinutes", 60);
    EXPECT_OFF(t, "SpanMinutes", 32);
    EXPECT_U(t, "flags", (guint64)arg);
    EXPECT_OFF(t, "flags", 36);
    if (arg == 1)
        EXPECT_NAME(t, "flags", "ClusterLogFlagLocalTime");
    if (arg == 3) {   /* 3.18.4.1 tests each value as a bit: both are set */
        const csvp_node *f = node_at(t, "flags");
        CHECK(f && f->type->n_flags == 2 && strcmp(f->type->flags[1].name, "ClusterLogFlagSkipClusterState") == 0);
    }
    CHECK(!t->layout);
}

/* [out] BSTR* LogFilePath responses: referent id 8, max_count 12, cBytes 16, clSize 20, units from 24;
 * "Reports\Cluster.log" is 19 units, 24..62, so the hresult is at 64. arg 1: E_FAIL with the NULL pointer at
 * 8, hresult 12. */
#define LOG_PATH "Reports\\Cluster.log"
static void path_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_bstr(v, arg ? NULL : LOG_PATH);
    put_u32(v, arg ? 0x80004005 : 0);
}

static void path_resp_check(const csvp_tree *t, int arg)
{
    if (arg) {
        EXPECT_NULL(t, "LogFilePath");
        EXPECT_OFF(t, "hresult", 12);
        EXPECT_NAME(t, "hresult", "E_FAIL");
        return;
    }
    EXPECT_STR(t, "LogFilePath", LOG_PATH);
    EXPECT_OFF(t, "LogFilePath", 12);
    EXPECT_OFF(t, "hresult", 64);
}

/* ---- GenerateClusterNetworkLog (3.18.4.4) ----
 * Section 6: SpanMinutes 32, int NetworkDiagnosticsLevel 36, flags 40; length 42. */
static void netlog_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 30);
    put_u32(v, (guint32)arg);
    put_u16(v, 0);
}

static void netlog_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "SpanMinutes", 30);
    EXPECT_I(t, "NetworkDiagnosticsLevel", arg);
    EXPECT_OFF(t, "NetworkDiagnosticsLevel", 36);
    EXPECT_NAME(t, "flags", "ClusterLogFlagNone");
    EXPECT_OFF(t, "flags", 40);
    CHECK(!t->layout);
}

/* The method page's parameters (no NetworkDiagnosticsLevel), the alternative layout: SpanMinutes 32,
 * flags 36; length 38, which section 6's layout finds 4 octets short. */
static void netlog_page_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "SpanMinutes", 60);
    EXPECT_U(t, "flags", 2);
    EXPECT_OFF(t, "flags", 36);
    CHECK(!node_at(t, "NetworkDiagnosticsLevel"));
    CHECK(t->layout && strstr(t->layout, "3.18.4.4"));
}

/* ---- ExportClusterPerformanceHistory (3.18.4.5) ----
 * Pattern: referent id 32, max_count 36, cBytes 40, clSize 44, "*" 48..50; 2 padding octets;
 * StreamName: referent id 52, max_count 56, cBytes 60, clSize 64, "Node" 68..76; flags 76..78. */
static void perf_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_bstr(v, "*");
    put_bstr(v, "Node");
    put_u16(v, 1);
}

static void perf_req_check(const csvp_tree *t, int arg)
{
    EXPECT_STR(t, "Pattern", "*");
    EXPECT_OFF(t, "Pattern", 36);
    EXPECT_STR(t, "StreamName", "Node");
    EXPECT_OFF(t, "StreamName", 56);
    EXPECT_NAME(t, "flags", "ClusterLogFlagLocalTime");
    EXPECT_OFF(t, "flags", 76);
}

/* ---- GenerateLogEx (3.19.4.1) and GenerateLogEx2 (3.20.4.1) requests ----
 * Type 32..34, 2 padding octets, SpanMinutes 36, flags 40..42, 2 padding octets, BOOL NoCollate 44;
 * length 48. arg: the ClusterLogType. */
static void logex_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u16(v, (guint16)arg);
    put_u32(v, 1440);
    put_u16(v, 2);
    put_u32(v, 1);
}

static void logex_req_check(const csvp_tree *t, int arg)
{
    static const char *const types[] = { "ClusterLogTypeCluster", "ClusterLogTypeHealth", "ClusterLogTypeClusterSet",
                                         "ClusterLogTypeNetwork", "ClusterLogTypeNetft" };
    EXPECT_NAME(t, "Type", types[arg]);
    EXPECT_OFF(t, "Type", 32);
    EXPECT_U(t, "SpanMinutes", 1440);
    EXPECT_OFF(t, "SpanMinutes", 36);
    EXPECT_NAME(t, "flags", "ClusterLogFlagSkipClusterState");
    EXPECT_OFF(t, "flags", 40);
    EXPECT_I(t, "NoCollate", 1);
    EXPECT_OFF(t, "NoCollate", 44);
}

/* ---- GetCountLogs (3.19.4.2): Count 8, hresult 12 ---- */
static void count_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 3);
    put_u32(v, 0);
}

static void count_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "Count", 3);
    EXPECT_OFF(t, "Count", 8);
    EXPECT_OFF(t, "hresult", 12);
}

/* ---- GetLogFilePath (3.19.4.3): Index 32 ---- */
static void index_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, (guint32)arg);
}

static void index_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "Index", (guint64)arg);
    EXPECT_OFF(t, "Index", 32);
}

/* GetLogFilePath's E_OUTOFMEMORY (Index out of range): the NULL pointer at 8, hresult 12. */
static void path_oom_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 0);
    put_u32(v, 0x8007000E);
}

static void path_oom_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NULL(t, "LogFilePath");
    EXPECT_NAME(t, "hresult", "E_OUTOFMEMORY");
    EXPECT_OFF(t, "hresult", 12);
}

/* ---- GenerateLogEx2 (3.20.4.1) response ----
 * LongFilePath: referent id 8, max_count 12, cBytes 16, clSize 20, "Reports\Logs" (12 units) 24..48;
 * SemicolonSeperatedLogFilesPath: referent id 48, max_count 52, cBytes 56, clSize 60, "a.log;b.log"
 * (11 units) 64..86; 2 padding octets; hresult 88. */
static void logex2_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_bstr(v, "Reports\\Logs");
    put_bstr(v, "a.log;b.log");
    put_u32(v, 0);
}

static void logex2_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_STR(t, "LongFilePath", "Reports\\Logs");
    EXPECT_OFF(t, "LongFilePath", 12);
    EXPECT_STR(t, "SemicolonSeperatedLogFilesPath", "a.log;b.log");
    EXPECT_OFF(t, "SemicolonSeperatedLogFilesPath", 52);
    EXPECT_OFF(t, "hresult", 88);
    /* arg 1: decoded on IClusterLogEx3's opnum 9 (GenerateLogEx by inheritance), where 3.20.4.1's text puts
     * GenerateLogEx2: GenerateLogEx's layout leaves 28 trailing octets, GenerateLogEx2's fits. */
    if (arg)
        CHECK(t->layout && strstr(t->layout, "GenerateLogEx2 at opnum 9"));
    else
        CHECK(!t->layout);
}

#define C(i, m, d, le, b, c, a) { i, m, d, le, b, c, a }
/* IClusterLogEx's six methods, on an interface that has them. */
#define LOGEX_CASES(itf)                                                                           \
    C(itf, "GenerateClusterLog", CSVP_IN, true, span_flags_req, span_flags_req_check, 3),          \
    C(itf, "GenerateClusterLog", CSVP_OUT, true, path_resp, path_resp_check, 0),                   \
    C(itf, "GenerateClusterHealthLog", CSVP_IN, false, span_flags_req, span_flags_req_check, 1),   \
    C(itf, "GenerateClusterHealthLog", CSVP_OUT, false, path_resp, path_resp_check, 0),            \
    C(itf, "GenerateClusterSetLog", CSVP_IN, true, span_flags_req, span_flags_req_check, 0),       \
    C(itf, "GenerateClusterSetLog", CSVP_OUT, true, path_resp, path_resp_check, 1),                \
    C(itf, "GenerateClusterNetworkLog", CSVP_IN, true, netlog_req, netlog_req_check, 2),           \
    C(itf, "GenerateClusterNetworkLog", CSVP_IN, true, span_flags_req, netlog_page_req_check, 2),  \
    C(itf, "GenerateClusterNetworkLog", CSVP_OUT, true, path_resp, path_resp_check, 0),            \
    C(itf, "ExportClusterPerformanceHistory", CSVP_IN, true, perf_req, perf_req_check, 0),         \
    C(itf, "ExportClusterPerformanceHistory", CSVP_OUT, true, path_resp, path_resp_check, 0),      \
    C(itf, "GenerateNetftLog", CSVP_IN, true, span_flags_req, span_flags_req_check, 1),            \
    C(itf, "GenerateNetftLog", CSVP_OUT, true, path_resp, path_resp_check, 0)
/* IClusterLogEx2's three. */
#define LOGEX2_CASES(itf)                                                                          \
    C(itf, "GenerateLogEx", CSVP_IN, true, logex_req, logex_req_check, 4),                         \
    C(itf, "GenerateLogEx", CSVP_OUT, true, path_resp, path_resp_check, 0),                        \
    C(itf, "GetCountLogs", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),                  \
    C(itf, "GetCountLogs", CSVP_OUT, true, count_resp, count_resp_check, 0),                       \
    C(itf, "GetLogFilePath", CSVP_IN, true, index_req, index_req_check, 2),                        \
    C(itf, "GetLogFilePath", CSVP_OUT, true, path_resp, path_resp_check, 0),                       \
    C(itf, "GetLogFilePath", CSVP_OUT, false, path_oom_resp, path_oom_resp_check, 0)

static void orpcthis_only(vec *v, int arg)
{
    put_orpcthis(v, arg);
}

static void orpcthis_only_check(const csvp_tree *t, int arg)
{
    CHECK(t->root->first && t->root->first == t->root->last);
}

static const vec_case logex_cases[] = {
    LOGEX_CASES(LX),
    LOGEX_CASES(LX2),
    LOGEX2_CASES(LX2),
    LOGEX_CASES(LX3),
    LOGEX2_CASES(LX3),
    C(LX3, "GenerateLogEx", CSVP_OUT, true, logex2_resp, logex2_resp_check, 1),
    C(LX3, "GenerateLogEx2", CSVP_IN, true, logex_req, logex_req_check, 0),
    C(LX3, "GenerateLogEx2", CSVP_IN, false, logex_req, logex_req_check, 3),
    C(LX3, "GenerateLogEx2", CSVP_OUT, true, logex2_resp, logex2_resp_check, 0),
    C(LX3, "GenerateLogEx2", CSVP_OUT, false, logex2_resp, logex2_resp_check, 0),
};

/* Inheritance of the IClusterLogEx interfaces, and the spelling of section 6. */
static void logex_inheritance(void)
{
    /* Inheritance (csvp-revisions.md): IClusterLogEx2 repeats opnums 3-8, IClusterLogEx3 opnums 3-11, and
     * GenerateLogEx2 is opnum 12 (IUnknown 0-2, IClusterLogEx 3-8, IClusterLogEx2 9-11). */
    const csvp_method *m = csvp_method_by_opnum(csvp_interface_by_name(LX3), 12);
    CHECK(m && strcmp(m->name, "GenerateLogEx2") == 0 && m->revision == 34);
    m = csvp_method_by_opnum(csvp_interface_by_name(LX2), 6);
    CHECK(m && strcmp(m->name, "GenerateClusterNetworkLog") == 0);
    CHECK(csvp_method_by_opnum(csvp_interface_by_name(LX), 9) == NULL);
    CHECK(csvp_method_by_opnum(csvp_interface_by_name(LX2), 12) == NULL);
    /* Section 6's spelling finds the method too (--method). */
    CHECK(csvp_method_by_name("GenerateClusterNetworkhLog", NULL) == csvp_method_by_opnum(csvp_interface_by_name(LX), 6));
}

const vec_suite logex_suite = { "logex", logex_cases, G_N_ELEMENTS(logex_cases), { LX, LX2, LX3 },
                                logex_inheritance };
