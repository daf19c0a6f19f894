/* rules.c - the sequencing rules of MS-CSVP, one row per method.
 *
 * Read each row against the section it cites. Requirements come from the
 * lists of 3.2.4 and 3.4.4 (the same server object: IClusterStorage2 and
 * IClusterStorage3 share one CLSID), 3.6.4 and 3.14.4; errors from the same
 * paragraphs and the methods' Return Values tables; Windows deviations from
 * Appendix B (section 7).
 */
#include "rules.h"

#include <string.h>

#define MUST CSVP_LEVEL_MUST
#define SHOULD CSVP_LEVEL_SHOULD
#define NONE CSVP_LEVEL_NONE

/* ---- requirements ----
 * server: how strongly the server must refuse the call when the requirement is not met;
 * error / error_level: the status it must (or should) refuse it with; client: how strongly the client
 * must not call then (a call the server must refuse is a client sequence error even where the spec
 * words no client rule). */

/* 3.2.4: "The server MUST fail a method with error 0x80070548 (ERROR_INVALID_SERVER_STATE) if the
 * server's Prepare State is not correct for that method"; 3.3.4.1: the client MUST call
 * CprepPrepareNode, then CprepPrepareNodePhase2, before any other method. */
static const csvp_cond PREP_INITIAL = {
    .var = CSVP_VAR_PREPARE, .required = CSVP_PREPARE_INITIAL,
    .server = MUST, .error = CSVP_ERROR_INVALID_SERVER_STATE, .error_level = MUST,
    .client = MUST, .section = "3.2.4" };
static const csvp_cond PREP_PREPARING = {
    .var = CSVP_VAR_PREPARE, .required = CSVP_PREPARE_PREPARING,
    .server = MUST, .error = CSVP_ERROR_INVALID_SERVER_STATE, .error_level = MUST,
    .client = MUST, .section = "3.2.4" };
static const csvp_cond PREP_ONLINE = {
    .var = CSVP_VAR_PREPARE, .required = CSVP_PREPARE_ONLINE,
    .server = MUST, .error = CSVP_ERROR_INVALID_SERVER_STATE, .error_level = MUST,
    .client = MUST, .section = "3.2.4" };

/* 3.2.4: "the server MUST require that the value of ClusPrepDisk.AttachedState is equal to Attached"
 * and SHOULD<16> fail with ERROR_INVALID_STATE; 3.4.4 says SHOULD<22> fail with ERROR_FILE_NOT_FOUND
 * for the same object, so both are accepted. 3.3.4.2: the client MUST call CprepDiskAttach first. */
static const csvp_cond ATTACHED = {
    .var = CSVP_VAR_ATTACHED, .required = CSVP_ATTACHED,
    .server = MUST, .error = CSVP_ERROR_INVALID_STATE, .error_level = SHOULD, .also = CSVP_ERROR_FILE_NOT_FOUND,
    .client = MUST, .section = "3.2.4" };
/* <16>, <22>: CprepDiskIsOnline and CprepDiskSetOnline return ERROR_NOT_FOUND when not Attached. */
static const csvp_cond ATTACHED_WIN = {
    .var = CSVP_VAR_ATTACHED, .required = CSVP_ATTACHED,
    .server = MUST, .error = CSVP_ERROR_INVALID_STATE, .error_level = SHOULD, .also = CSVP_ERROR_FILE_NOT_FOUND,
    .windows = CSVP_ERROR_NOT_FOUND, .windows_note = "<16>, <22>",
    .client = MUST, .section = "3.2.4" };
/* 3.2.4: "the server MUST fail with error 0x8007139F (ERROR_INVALID_STATE) if the matching
 * ClusPrepDisk.OwnedState is not equal to OwnedByThisServer"; 3.3.4.6, 4.1: the client arbitrates first. */
static const csvp_cond OWNED = {
    .var = CSVP_VAR_OWNED, .required = CSVP_OWNED_BY_THIS_SERVER,
    .server = MUST, .error = CSVP_ERROR_INVALID_STATE, .error_level = MUST,
    .client = MUST, .section = "3.2.4" };
/* 3.2.4: the same for OnlineState Online; 3.3.4.4: the client MUST call CprepDiskOnline first. */
static const csvp_cond ONLINE = {
    .var = CSVP_VAR_ONLINE, .required = CSVP_ONLINE,
    .server = MUST, .error = CSVP_ERROR_INVALID_STATE, .error_level = MUST,
    .client = MUST, .section = "3.2.4" };
/* 3.2.4.6, 3.3.4.6: CprepDiskOffline MUST be called before CprepDiskStopDefense (no server rule). */
static const csvp_cond OFFLINE_FIRST = {
    .var = CSVP_VAR_ONLINE, .required = CSVP_NOT_ONLINE,
    .server = NONE,
    .client = MUST, .section = "3.2.4.6" };

/* 3.4.4.3: CprepCsvTestSetup3 sets up what CprepCreateNewSmbShares3 and CprepConnectToNewSmbShares3
 * use; the spec gives the server no error for calls made before it. */
static const csvp_cond SHARES_SET_UP = {
    .var = CSVP_VAR_SHARE_TEST_SETUP, .required = CSVP_FLAG_TRUE,
    .server = NONE,
    .client = SHOULD, .section = "3.4.4.3" };

/* 3.6.4: InitializeNode SHOULD be called before the other methods; SendRTMessage (3.6.4.2) and
 * CleanupNode (3.6.4.4) SHOULD fail when the Initialization State is False (no error is named). */
static const csvp_cond NET_INITIALIZED = {
    .var = CSVP_VAR_INITIALIZED, .required = CSVP_FLAG_TRUE,
    .server = SHOULD,
    .client = SHOULD, .section = "3.6.4" };
/* GetIpConfigSerialized and QueryFirewallConfiguration SHOULD work anyway (3.6.4.3, 3.6.4.5). */
static const csvp_cond NET_INITIALIZED_CLIENT = {
    .var = CSVP_VAR_INITIALIZED, .required = CSVP_FLAG_TRUE,
    .server = NONE,
    .client = SHOULD, .section = "3.6.4" };
/* 3.6.4.6: MUST fail with E_FAIL if Route Monitoring State is TRUE; 3.6.4.8: ... if it is FALSE. */
static const csvp_cond NOT_MONITORING = {
    .var = CSVP_VAR_ROUTE_MONITORING, .required = CSVP_FLAG_FALSE,
    .server = MUST, .error = CSVP_E_FAIL, .error_level = MUST,
    .client = MUST, .section = "3.6.4.6" };
static const csvp_cond MONITORING = {
    .var = CSVP_VAR_ROUTE_MONITORING, .required = CSVP_FLAG_TRUE,
    .server = MUST, .error = CSVP_E_FAIL, .error_level = MUST,
    .client = MUST, .section = "3.6.4.8" };

/* 3.14.4: InitializeAdapterConfiguration MUST be called first; 3.14.4.2 returns E_UNEXPECTED when it
 * was not, and MUST return E_INVALIDARG if idx >= cRetAdapters. */
static const csvp_cond FIREWALL_INITIALIZED = {
    .var = CSVP_VAR_FIREWALL, .required = CSVP_FLAG_TRUE,
    .server = MUST, .error = CSVP_E_UNEXPECTED, .error_level = MUST,
    .client = MUST, .section = "3.14.4" };
static const csvp_cond ADAPTER_INDEX = {
    .kind = CSVP_COND_ADAPTER_INDEX, .var = CSVP_VAR_FIREWALL,
    .server = MUST, .error = CSVP_E_INVALIDARG, .error_level = MUST,
    .client = MUST, .section = "3.14.4.2" };

/* Revision 34. 3.10.4.6: "If the certificate or cluster secret was not previously set by a call to
 * ConfigClusterCert, the server MUST return 0x80070002 (ERROR_FILE_NOT_FOUND)" (its Return Values table
 * says RetrieveClusterCert; ERRATA.md 26); 3.10.4.10 the same for ConfigClusterCertV2. No client rule:
 * asking whether a certificate is stored is what the call is for. */
static const csvp_cond CERT_CONFIGURED = {
    .var = CSVP_VAR_CLUSTER_CERT, .required = CSVP_FLAG_TRUE,
    .server = MUST, .error = CSVP_ERROR_FILE_NOT_FOUND, .error_level = MUST,
    .client = NONE, .section = "3.10.4.6" };
static const csvp_cond CERT_V2_CONFIGURED = {
    .var = CSVP_VAR_CLUSTER_CERT_V2, .required = CSVP_FLAG_TRUE,
    .server = MUST, .error = CSVP_ERROR_FILE_NOT_FOUND, .error_level = MUST,
    .client = NONE, .section = "3.10.4.10" };
/* 3.19.4.3: "If Index is greater than the count of logs generated by a preceding call to GenerateLogEx,
 * return E_OUTOFMEMORY" (ERRATA.md 27: equal is not judged); the client SHOULD ask only for the logs
 * GetCountLogs counted (Index: "the index of the log file generated by a preceding call"). */
static const csvp_cond LOG_INDEX = {
    .kind = CSVP_COND_LOG_INDEX,
    .server = MUST, .error = CSVP_E_OUTOFMEMORY, .error_level = MUST,
    .client = SHOULD, .section = "3.19.4.3" };

/* ---- rows ---- */
#define S2 "IClusterStorage2"
#define S3 "IClusterStorage3"
#define N2 "IClusterNetwork2"
#define FW "IClusterFirewall"
#define SE "IClusterSetup"
#define SET(v, val) { CSVP_VAR_##v, val }
#define WS2012R2 "Windows Server 2012 R2"

/* Shorthands for the disk requirement lists of 3.2.4 / 3.4.4. */
#define NEEDS_ATTACHED { &PREP_ONLINE, &ATTACHED }
#define NEEDS_OWNED { &PREP_ONLINE, &ATTACHED, &OWNED }
#define NEEDS_ONLINE { &PREP_ONLINE, &ATTACHED, &OWNED, &ONLINE }
#define DISK(itf, m, sec, reqs) { itf, m, sec, .names_disk = true, .needs = reqs }

static const csvp_rule rules[] = {
    /* IClusterStorage2 (3.2.4) */
    DISK(S2, "CprepDiskRawRead", "3.2.4.1", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskRawWrite", "3.2.4.2", NEEDS_ATTACHED),
    { S2, "CprepPrepareNode", "3.2.4.3", .starts_session = true, .needs = { &PREP_INITIAL },
      .effects = { SET(PREPARE, CSVP_PREPARE_PREPARING) } },
    { S2, "CprepPrepareNodePhase2", "3.2.4.4", .needs = { &PREP_PREPARING },
      .effects = { SET(PREPARE, CSVP_PREPARE_ONLINE) }, .observe = CSVP_OBS_DISK_LIST, .param = "pulNumDisks" },
    { S2, "CprepDiskGetProps", "3.2.4.5", .names_disk = true, .needs = { &PREP_ONLINE },
      .observe = CSVP_OBS_DISK_PROPS, .param = "DiskProps" },
    { S2, "CprepDiskStopDefense", "3.2.4.6", .names_disk = true,
      .needs = { &PREP_ONLINE, &ATTACHED, &OWNED, &OFFLINE_FIRST }, .effects = { SET(OWNED, CSVP_NOT_OWNED) } },
    { S2, "CprepDiskOnline", "3.2.4.7", .names_disk = true, .needs = NEEDS_OWNED,
      .effects = { SET(ONLINE, CSVP_ONLINE) } },
    DISK(S2, "CprepDiskVerifyUnique", "3.2.4.8", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskWriteFileData", "3.2.4.9", NEEDS_ONLINE),
    DISK(S2, "CprepDiskVerifyFileData", "3.2.4.10", NEEDS_ONLINE),
    DISK(S2, "CprepDiskDeleteFile", "3.2.4.11", NEEDS_ONLINE),
    { S2, "CprepDiskOffline", "3.2.4.12", .names_disk = true, .needs = NEEDS_ONLINE,
      .effects = { SET(ONLINE, CSVP_NOT_ONLINE) } },
    DISK(S2, "CprepDiskGetUniqueIds", "3.2.4.13", { &PREP_ONLINE }),
    /* <15>, <21>: for CprepDiskAttach, Windows returns ERROR_NOT_FOUND for a disk not in the list. */
    { S2, "CprepDiskAttach", "3.2.4.14", .names_disk = true, .needs = { &PREP_ONLINE },
      .effects = { SET(ATTACHED, CSVP_ATTACHED) }, .not_found_windows = CSVP_ERROR_NOT_FOUND,
      .not_found_note = "<15>, <21>" },
    { S2, "CprepDiskPRArbitrate", "3.2.4.15", .names_disk = true, .needs = NEEDS_ATTACHED,
      .effects = { SET(OWNED, CSVP_OWNED_BY_THIS_SERVER) }, .observe = CSVP_OBS_ARBITRATE },
    DISK(S2, "CprepDiskPRRegister", "3.2.4.16", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskPRUnRegister", "3.2.4.17", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskPRReserve", "3.2.4.18", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskPRRelease", "3.2.4.19", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskDiskPartitionIsNtfs", "3.2.4.20", NEEDS_ONLINE),
    DISK(S2, "CprepDiskGetArbSectors", "3.2.4.21", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskIsPRPresent", "3.2.4.22", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskPRPreempt", "3.2.4.23", NEEDS_ATTACHED),
    DISK(S2, "CprepDiskPRClear", "3.2.4.24", NEEDS_ATTACHED),
    { S2, "CprepDiskIsOnline", "3.2.4.25", .names_disk = true, .needs = { &PREP_ONLINE, &ATTACHED_WIN },
      .observe = CSVP_OBS_IS_ONLINE },
    /* 3.2.4.26 does not wait for the volumes; the rule still reads OnlineState Online afterwards (3.2.1). */
    { S2, "CprepDiskSetOnline", "3.2.4.26", .names_disk = true, .needs = { &PREP_ONLINE, &ATTACHED_WIN, &OWNED },
      .effects = { SET(ONLINE, CSVP_ONLINE) } },
    DISK(S2, "CprepDiskGetFSName", "3.2.4.27", NEEDS_ONLINE),
    DISK(S2, "CprepDiskIsReadable", "3.2.4.28", NEEDS_ATTACHED),
    /* 3.2.4: "All other methods require Prepare State Online", although 3.2.4.29's table omits the error. */
    { S2, "CprepDiskGetDsms", "3.2.4.29", .needs = { &PREP_ONLINE } },

    /* IClusterStorage3 (3.4.4) */
    DISK(S3, "CprepDiskGetUniqueIds3", "3.4.4.1", { &PREP_ONLINE }),
    { S3, "CprepCheckNetFtBindings3", "3.4.4.2", .needs = { &PREP_ONLINE } },
    /* 3.4.4 also lists CprepCsvTestSetup3 and CprepConnectToNewSmbShares3 as requiring OwnedByThisServer
     * and Online, but they name no disk, so no ClusPrepDisk can be checked. */
    { S3, "CprepCsvTestSetup3", "3.4.4.3", .needs = { &PREP_ONLINE },
      .effects = { SET(SHARE_TEST_SETUP, CSVP_FLAG_TRUE) } },
    { S3, "CprepIsNodeClustered3", "3.4.4.4", .needs = { &PREP_ONLINE } },
    { S3, "CprepCreateNewSmbShares3", "3.4.4.5", .needs = { &PREP_ONLINE, &SHARES_SET_UP } },
    { S3, "CprepConnectToNewSmbShares3", "3.4.4.6", .needs = { &PREP_ONLINE, &SHARES_SET_UP } },
    { S3, "CprepDiskGetProps3", "3.4.4.7", .names_disk = true, .needs = { &PREP_ONLINE },
      .observe = CSVP_OBS_DISK_PROPS, .param = "pDiskProps" },
    /* Attached per the list of 3.4.4. */
    DISK(S3, "CprepDiskIsReadOnly3", "3.4.4.8", NEEDS_ATTACHED),
    /* Attached per the list of 3.2.4 and each method's Return Values table. */
    DISK(S3, "CprepDiskPRRegister3", "3.4.4.9", NEEDS_ATTACHED),
    DISK(S3, "CprepDiskFindKey3", "3.4.4.10", NEEDS_ATTACHED),
    DISK(S3, "CprepDiskPRPreempt3", "3.4.4.11", NEEDS_ATTACHED),
    DISK(S3, "CprepDiskPRReserve3", "3.4.4.12", NEEDS_ATTACHED),
    DISK(S3, "CprepDiskIsPRPresent3", "3.4.4.13", NEEDS_ATTACHED),
    DISK(S3, "CprepDiskPRRelease3", "3.4.4.14", NEEDS_ATTACHED),
    DISK(S3, "CprepDiskPRClear3", "3.4.4.15", NEEDS_ATTACHED),

    /* IClusterNetwork2 (3.6.4) */
    { N2, "SendRTMessage", "3.6.4.2", .needs = { &NET_INITIALIZED } },
    /* 3.6.1: Initialization State starts False; Route Collection starts empty (not monitoring). */
    { N2, "InitializeNode", "3.6.4.1", .starts_session = true, .effects = { SET(INITIALIZED, CSVP_FLAG_TRUE) } },
    { N2, "GetIpConfigSerialized", "3.6.4.3", .needs = { &NET_INITIALIZED_CLIENT } },
    { N2, "CleanupNode", "3.6.4.4", .needs = { &NET_INITIALIZED }, .effects = { SET(INITIALIZED, CSVP_FLAG_FALSE) } },
    { N2, "QueryFirewallConfiguration", "3.6.4.5", .needs = { &NET_INITIALIZED_CLIENT } },
    /* <37>, <38>, <39>: the route methods are implemented in Windows Server 2012 R2 only. */
    { N2, "ProcessAddRoutes", "3.6.4.6", .needs = { &NET_INITIALIZED_CLIENT, &NOT_MONITORING },
      .effects = { SET(ROUTE_MONITORING, CSVP_FLAG_TRUE) }, .only_in = WS2012R2, .only_in_note = "<37>" },
    { N2, "GetAddRoutesStatus", "3.6.4.7", .needs = { &NET_INITIALIZED_CLIENT },
      .effects = { SET(ROUTE_MONITORING, CSVP_FLAG_FALSE) }, .observe = CSVP_OBS_ROUTE_REPLY, .param = "reply",
      .only_in = WS2012R2, .only_in_note = "<38>" },
    { N2, "CancelAddRoutesRequest", "3.6.4.8", .needs = { &NET_INITIALIZED_CLIENT, &MONITORING },
      .effects = { SET(ROUTE_MONITORING, CSVP_FLAG_FALSE) }, .only_in = WS2012R2, .only_in_note = "<39>" },

    /* IClusterFirewall (3.14.4) */
    { FW, "InitializeAdapterConfiguration", "3.14.4.1", .starts_session = true,
      .effects = { SET(FIREWALL, CSVP_FLAG_TRUE) }, .observe = CSVP_OBS_ADAPTERS, .param = "cRetAdapters" },
    { FW, "GetNextAdapterFirewallConfiguration", "3.14.4.2", .needs = { &FIREWALL_INITIALIZED, &ADAPTER_INDEX } },

    /* IClusterSetup (3.10.4), revision 34; GetFunctionalLevel, GenerateClusterCert(V2) and GetUpgradeVersion
     * have no state (3.10.4.4, .7, .8, .11). */
    { SE, "ConfigClusterCert", "3.10.4.5", .effects = { SET(CLUSTER_CERT, CSVP_FLAG_TRUE) } },
    { SE, "RetrieveClusterCert", "3.10.4.6", .needs = { &CERT_CONFIGURED } },
    { SE, "ConfigClusterCertV2", "3.10.4.9", .effects = { SET(CLUSTER_CERT_V2, CSVP_FLAG_TRUE) } },
    { SE, "RetrieveClusterCertV2", "3.10.4.10", .needs = { &CERT_V2_CONFIGURED } },

    /* IClusterLogEx2 (3.19.4), revision 34, and IClusterLogEx3 which inherits it. */
#define LOGEX2_ROWS(itf)                                                                                    \
    { itf, "GenerateLogEx", "3.19.4.1", .observe = CSVP_OBS_LOGS_GENERATED },                             \
    { itf, "GetCountLogs", "3.19.4.2", .observe = CSVP_OBS_LOG_COUNT, .param = "Count" },                 \
    { itf, "GetLogFilePath", "3.19.4.3", .needs = { &LOG_INDEX } }
    LOGEX2_ROWS("IClusterLogEx2"),
    LOGEX2_ROWS("IClusterLogEx3"),
};

const csvp_rule *csvp_rule_find(const char *itf, const char *method)
{
    if (!itf || !method)
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++)
        if (strcmp(rules[i].itf, itf) == 0 && strcmp(rules[i].method, method) == 0)
            return &rules[i];
    return NULL;
}

const csvp_rule *csvp_rules(size_t *n)
{
    *n = G_N_ELEMENTS(rules);
    return rules;
}
