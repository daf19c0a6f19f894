/* scenario_current_cluster.c - current_cluster.pcap: what a Windows Server 2025 cluster adds to the
 * traffic of revision 19.0 (MS-CSVP 34.0, csvp-revisions.md): cluster creation's IClusterSetup calls
 * (functional level, upgrade version, the cluster certificate in both generations), the IClusterLog
 * local-time methods, and Get-ClusterLog's IClusterLogEx family, every method of 34.0 at least once,
 * plus CprepPrepareNodePhase2 with the Flags of 3.2.4.4. Each two-layout method (csvp/ERRATA.md) is
 * called once in each layout. */
#include "synth.h"

#include <string.h>

/* CLUSTER_CERT (2.2.23): a 412-octet DER certificate (SEQUENCE, length 0x0198) and a 1172-octet
 * private key blob (PRIVATEKEYBLOB header 07 02 00 00 00 a4 00 00), deterministic filler after the
 * headers; the cluster secret (3.10.1) is 32 characters. `generated`: the certificate
 * GenerateClusterCert(V2) returns; empty: all zero, as a client sends an [in, out] or an [in] it
 * does not use. */
#define CERT_LEN 412u
#define KEY_LEN 1172u
#define CLUSTER_SECRET "b7Q2vN9xK4mR8tW1zC6pL3sD5fH0jG2e"

static GVariant *cluster_cert(guint8 tag, bool empty)
{
    guint8 *cert = g_malloc0(1024 * 5), *key = g_malloc0(1024 * 10);
    if (!empty) {
        static const guint8 der[] = { 0x30, 0x82, 0x01, 0x98 };
        static const guint8 blob[] = { 0x07, 0x02, 0x00, 0x00, 0x00, 0xa4, 0x00, 0x00 };
        for (guint i = 0; i < CERT_LEN; i++)
            cert[i] = (guint8)(i * 7 + tag);
        memcpy(cert, der, sizeof der);
        for (guint i = 0; i < KEY_LEN; i++)
            key[i] = (guint8)(i * 13 + tag);
        memcpy(key, blob, sizeof blob);
    }
    GVariant *c = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, cert, 1024 * 5, 1);
    GVariant *k = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, key, 1024 * 10, 1);
    g_free(cert);
    g_free(key);
    return g_variant_new_parsed("{'CbCertData': <%u>, 'CbKeyData': <%u>, 'CertData': <%@ay>, 'KeyData': <%@ay>,"
                                " 'ClusterSecret': <%s>}",
                                empty ? 0 : CERT_LEN, empty ? 0 : KEY_LEN, c, k, empty ? "" : CLUSTER_SECRET);
}

static GVariant *ok(void)
{
    return synth_v("{'hresult': <uint32 0>}");
}

static GVariant *none(void)
{
    return synth_v("@a{sv} {}");
}

/* The method's other layout (csvp_method.alt), sent on the connection's own context and IPID. */
static void call_alt(synth_rpc *r, const char *method, GVariant *in, GVariant *out, guint32 server_us)
{
    const csvp_method *m = NULL;
    for (guint i = 0; i < r->itf->n_methods; i++)
        if (strcmp(r->itf->methods[i].name, method) == 0)
            m = &r->itf->methods[i];
    g_assert(m && m->alt);
    synth_rpc_call_other(r, r->ctx_id, r->ipid, m->alt, in, out, server_us);
}

static void cluster_setup(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 51401, &synth_node1, SYNTH_SERVER_PORT, "IClusterSetup", NULL);
    /* <31>, <35>: Windows Server 2025 reports functional level 12 and upgrade version 4. */
    synth_rpc_call(&r, "GetFunctionalLevel", none(), synth_v("{'FunctionalLevel': <uint16 12>, 'hresult': <uint32 0>}"),
                   900);
    synth_rpc_call(&r, "GetUpgradeVersion", none(), synth_v("{'UpgradeVersion': <uint16 4>, 'hresult': <uint32 0>}"),
                   700);
    /* Before any ConfigClusterCert on this node: ERROR_FILE_NOT_FOUND (3.10.4.6), an empty cert. */
    synth_rpc_call(&r, "RetrieveClusterCert", none(),
                   synth_v("{'ClusterCert': <%@a{sv}>, 'hresult': <'ERROR_FILE_NOT_FOUND'>}", cluster_cert(0, true)),
                   2300);
    synth_rpc_call(&r, "GenerateClusterCert", synth_v("{'ClusterCert': <%@a{sv}>}", cluster_cert(0, true)),
                   synth_v("{'ClusterCert': <%@a{sv}>, 'hresult': <uint32 0>}", cluster_cert(1, false)), 187000);
    synth_rpc_call(&r, "ConfigClusterCert", synth_v("{'ClusterCert': <%@a{sv}>}", cluster_cert(1, false)), ok(),
                   41000);
    synth_rpc_call(&r, "RetrieveClusterCert", none(),
                   synth_v("{'ClusterCert': <%@a{sv}>, 'hresult': <uint32 0>}", cluster_cert(1, false)), 3100);
    /* The PKU2U certificate (CLIUSR, 3.10.4.11), then stored and read back both ways. */
    synth_rpc_call(&r, "GenerateClusterCertV2",
                   synth_v("{'ClusterCert': <%@a{sv}>, 'certType': <'Cluster_PKU2U'>}", cluster_cert(0, true)),
                   synth_v("{'ClusterCert': <%@a{sv}>, 'hresult': <uint32 0>}", cluster_cert(2, false)), 164000);
    synth_rpc_call(&r, "ConfigClusterCertV2",
                   synth_v("{'ClusterCert': <%@a{sv}>, 'certType': <'Cluster_PKU2U'>}", cluster_cert(2, false)), ok(),
                   52000);
    /* Section 6's directions: the client sends an (empty) cert, the server answers a CLUSTER_CERTTYPE. */
    synth_rpc_call(&r, "RetrieveClusterCertV2", synth_v("{'ClusterCert': <%@a{sv}>}", cluster_cert(0, true)),
                   synth_v("{'certType': <'Cluster_PKU2U'>, 'hresult': <uint32 0>}"), 2800);
    /* 3.10.4.10's directions: certType in, the cert out. */
    call_alt(&r, "RetrieveClusterCertV2", synth_v("{'certType': <'Cluster_PKU2U'>}"),
             synth_v("{'ClusterCert': <%@a{sv}>, 'hresult': <uint32 0>}", cluster_cert(2, false)), 2900);
    synth_rpc_close(&r);
}

static void storage(synth_cap *cap)
{
    synth_rpc r;
    synth_rpc_open(&r, cap, &synth_client, 51402, &synth_node1, SYNTH_SERVER_PORT, "IClusterStorage2", NULL);
    synth_prepare_node(&r, 1900);
    /* 3.2.4.4 (34.0): ForceOfflineNonClusteredDisks | SkipNonClusteredPools. */
    synth_rpc_call(&r, "CprepPrepareNodePhase2", synth_v("{'Flags': <uint32 3>}"),
                   synth_v("{'pulNumDisks': <uint32 4>, 'hresult': <uint32 0>}"), 301000);
    synth_rpc_close(&r);
}

static GVariant *path(const char *p)
{
    return synth_v("{'LogFilePath': <%s>, 'hresult': <uint32 0>}", p);
}

/* flags: ClusterLogExFlag bits (2.2.25). */
static void span_flags_log(synth_rpc *r, const char *method, guint32 span, guint16 flags, const char *file,
                           guint32 us)
{
    synth_rpc_call(r, method, synth_v("{'SpanMinutes': <%u>, 'flags': <%q>}", span, flags), path(file), us);
}

static void logs(synth_cap *cap)
{
    synth_rpc r;
    /* IClusterLog's local-time methods (3.12.4.3, 3.12.4.4). */
    synth_rpc_open(&r, cap, &synth_client, 51403, &synth_node1, SYNTH_SERVER_PORT, "IClusterLog", NULL);
    synth_rpc_call(&r, "GenerateClusterLogInLocalTime", none(), path("ClusterReports\\Cluster.log"), 3900000);
    synth_rpc_call(&r, "GenerateTimeSpanLogInLocalTime", synth_v("{'SpanMinutes': <uint32 15>}"),
                   path("ClusterReports\\Cluster.log"), 1200000);
    synth_rpc_close(&r);

    /* A 2022 23H2-era client on IClusterLogEx. */
    synth_rpc_open(&r, cap, &synth_client, 51404, &synth_node1, SYNTH_SERVER_PORT, "IClusterLogEx", NULL);
    span_flags_log(&r, "GenerateClusterLog", 60, 1, "ClusterReports\\Cluster.log", 2700000);
    synth_rpc_close(&r);

    /* IClusterLogEx2: GetCountLogs before any GenerateLogEx is 0 (3.19.4.2). */
    synth_rpc_open(&r, cap, &synth_client, 51405, &synth_node1, SYNTH_SERVER_PORT, "IClusterLogEx2", NULL);
    synth_rpc_call(&r, "GetCountLogs", none(), synth_v("{'Count': <uint32 0>, 'hresult': <uint32 0>}"), 400);
    synth_rpc_close(&r);

    /* Get-ClusterLog of Windows Server 2025 on IClusterLogEx3: every method, inherited ones included. */
    synth_rpc_open(&r, cap, &synth_client, 51406, &synth_node1, SYNTH_SERVER_PORT, "IClusterLogEx3", NULL);
    span_flags_log(&r, "GenerateClusterLog", 60, 3, "ClusterReports\\Cluster.log", 2600000);
    span_flags_log(&r, "GenerateClusterHealthLog", 60, 0, "ClusterReports\\ClusterHealth.log",
                   900000);
    span_flags_log(&r, "GenerateClusterSetLog", 60, 0, "ClusterReports\\ClusterSet.log", 300000);
    synth_rpc_call(&r, "GenerateClusterNetworkLog",
                   synth_v("{'SpanMinutes': <uint32 60>, 'NetworkDiagnosticsLevel': <int32 1>,"
                           " 'flags': <'ClusterLogFlagNone'>}"),
                   path("ClusterReports\\ClusterNetwork.log"), 700000);
    /* 3.18.4.4's parameter list (no NetworkDiagnosticsLevel). */
    call_alt(&r, "GenerateClusterNetworkLog", synth_v("{'SpanMinutes': <uint32 30>, 'flags': <'ClusterLogFlagLocalTime'>}"),
             path("ClusterReports\\ClusterNetwork.log"), 650000);
    synth_rpc_call(&r, "ExportClusterPerformanceHistory",
                   synth_v("{'Pattern': <'*'>, 'StreamName': <'ClusterNode.Cpu.Usage'>, 'flags': <'ClusterLogFlagNone'>}"),
                   path("ClusterReports\\ClusterPerformanceHistory.zip"), 5400000);
    span_flags_log(&r, "GenerateNetftLog", 60, 0, "ClusterReports\\Netft.log", 200000);
    synth_rpc_call(&r, "GenerateLogEx",
                   synth_v("{'Type': <'ClusterLogTypeCluster'>, 'SpanMinutes': <uint32 1440>,"
                           " 'flags': <'ClusterLogFlagSkipClusterState'>, 'NoCollate': <int32 1>}"),
                   path("ClusterReports\\Cluster"), 3300000);
    synth_rpc_call(&r, "GetCountLogs", none(), synth_v("{'Count': <uint32 3>, 'hresult': <uint32 0>}"), 300);
    static const char *const files[] = { "ClusterReports\\Cluster\\Cluster.log",
                                         "ClusterReports\\Cluster\\ClusterHealth.log",
                                         "ClusterReports\\Cluster\\Netft.log" };
    for (guint i = 0; i < G_N_ELEMENTS(files); i++)
        synth_rpc_call(&r, "GetLogFilePath", synth_v("{'Index': <%u>}", i), path(files[i]), 350);
    /* Index 4 > Count 3: E_OUTOFMEMORY, rightly (3.19.4.3). */
    synth_rpc_call(&r, "GetLogFilePath", synth_v("{'Index': <uint32 4>}"),
                   synth_v("{'hresult': <'E_OUTOFMEMORY'>}"), 300);
    synth_rpc_call(&r, "GenerateLogEx2",
                   synth_v("{'Type': <'ClusterLogTypeNetft'>, 'SpanMinutes': <uint32 60>, 'flags': <'ClusterLogFlagNone'>,"
                           " 'NoCollate': <int32 1>}"),
                   synth_v("{'LongFilePath': <'ClusterReports\\\\Netft'>,"
                           " 'SemicolonSeperatedLogFilesPath': <'Netft-0.log;Netft-1.log'>, 'hresult': <uint32 0>}"),
                   1800000);
    /* GenerateLogEx2 where 3.20.4.1's text puts it (opnum 9, GenerateLogEx by inheritance). */
    call_alt(&r, "GenerateLogEx",
             synth_v("{'Type': <'ClusterLogTypeHealth'>, 'SpanMinutes': <uint32 60>, 'flags': <'ClusterLogFlagNone'>,"
                     " 'NoCollate': <int32 0>}"),
             synth_v("{'LongFilePath': <'ClusterReports\\\\Health'>,"
                     " 'SemicolonSeperatedLogFilesPath': <'ClusterHealth.log'>, 'hresult': <uint32 0>}"),
             900000);
    synth_rpc_close(&r);
}

void scenario_current_cluster(synth_cap *cap)
{
    cluster_setup(cap);
    storage(cap);
    logs(cap);
}
