/* interfaces.c - the eleven MS-CSVP interfaces of revision 34.0 (spec 2.1 for
 * UUIDs and CLSIDs, section 6 for methods and parameters), one entry per opnum.
 * Methods and interfaces absent from revision 19.0 carry .revision = 34; where
 * revision 34 changed a declaration of 19.0 the tables follow 34 (ERRATA.md).
 *
 * Parameter types are the wire types below the top-level [ref] pointer that
 * every [out] parameter and every pointer parameter has (C706 14.3.10): a
 * top-level [ref] has no wire form. `attrs` and `idl_type` keep the IDL text
 * for the consistency test against csvp/ms-csvp.idl (19.0) and
 * csvp/ms-csvp-rev34.idl (34.0).
 */
#include "tables_internal.h"

#define N(a) (guint16)G_N_ELEMENTS(a)
#define P(meth, d, n, t, idl, at) { .owner = #meth, .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d }
#define PB(meth, d, n, t, idl, at, b)                                                                      \
    { .owner = #meth, .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d, .blob = b }
/* Parameters whose counts are other parameters of the method (..., .size_is = REF(meth, i)):
 * REF(meth, i) is meth's parameter i, the one `at` names (csvp_tables_check compares them). */
#define REF(meth, i) (&meth##_p[i])
#define PR(meth, d, n, t, idl, at, ...)                                                                    \
    { .owner = #meth, .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d, __VA_ARGS__ }
#define PBR(meth, d, n, t, idl, at, b, ...)                                                                \
    { .owner = #meth, .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d, .blob = b, __VA_ARGS__ }
#define DISKID(meth) P(meth, CSVP_IN, "DiskId", &csvp_t_CPREP_DISKID, "CPREP_DISKID", "in")
#define ULONG_IN(meth, n) P(meth, CSVP_IN, n, &csvp_t_ulong, "unsigned long", "in")
#define ULONG_OUT(meth, n) P(meth, CSVP_OUT, n, &csvp_t_ulong, "unsigned long*", "out")
#define KEY_IN(meth, n) P(meth, CSVP_IN, n, &csvp_t_ulonglong, "ULONGLONG", "in")
#define BOOLEAN_OUT(meth, n) P(meth, CSVP_OUT, n, &csvp_t_boolean, "BOOLEAN*", "out")
#define BSTR_OUT(meth, n) P(meth, CSVP_OUT, n, &csvp_t_bstr, "BSTR*", "out")

/* Methods whose only parameter is a CPREP_DISKID. */
#define DISKID_ONLY(meth) static const csvp_member meth##_p[] = { DISKID(meth) }
/* IClusterStorage3 reservation methods: a CPREP_DISKID and one key. */
#define DISKID_KEY(meth) static const csvp_member meth##_p[] = { DISKID(meth), KEY_IN(meth, "Key") }

#define M(op, meth, sec) { .opnum = op, .name = #meth, .section = sec, .params = meth##_p, .n_params = N(meth##_p) }
#define M0(op, meth, sec) { .opnum = op, .name = #meth, .section = sec }
/* Methods of revision 34.0 (csvp-revisions.md, "Methods by opnum"). */
#define M34(op, meth, sec) { .opnum = op, .name = #meth, .section = sec, .params = meth##_p, .n_params = N(meth##_p), \
                             .revision = 34 }
#define UNUSED(op, label) { .opnum = op, .name = label, .not_used_on_wire = true }
#define UNUSED34(op, label) { .opnum = op, .name = label, .not_used_on_wire = true, .revision = 34 }
#define IUNKNOWN                                                                                             \
    { .opnum = 0, .name = "QueryInterface", .iunknown = true }, { .opnum = 1, .name = "AddRef", .iunknown = true }, \
    { .opnum = 2, .name = "Release", .iunknown = true }

/* ---- byte buffers: the array's shape; its counts are facts of the parameter (size_is, length_is) ---- */
static const csvp_type t_bytes = { .name = "byte*", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte, .conformant = true };
static const csvp_type t_bytes_part = { .name = "byte*", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte,
                                        .conformant = true, .varying = true };
/* BYTE** out: a [unique] pointer to a conformant array sized by the following out count. */
static const csvp_type t_out_bytes = { .name = "BYTE*", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte,
                                       .conformant = true };
static const csvp_type t_out_bytes_ptr = { .name = "BYTE**", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                           .elem = &t_out_bytes };
static const csvp_type t_fsname = { .name = "wchar_t[100]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_wchar,
                                    .fixed_count = 100, .text = true };

/* ---- LPWSTR arrays of CprepCreateNewSmbShares3 / CprepConnectToNewSmbShares3 ---- */
static const csvp_type t_share_paths = { .name = "LPWSTR[]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_lpwstr,
                                         .conformant = true };
static const csvp_type t_share_paths_ptr = { .name = "LPWSTR*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                             .elem = &t_share_paths };

/* ======================= IClusterStorage2 (3.2.4) ======================= */
static const csvp_member CprepDiskRawRead_p[] = {
    DISKID(CprepDiskRawRead),
    ULONG_IN(CprepDiskRawRead, "ulSector"),
    ULONG_IN(CprepDiskRawRead, "cbData"),
    PR(CprepDiskRawRead, CSVP_OUT, "pbData", &t_bytes_part, "byte*", "out, size_is(cbData), length_is(*pcbDataRead)",
       .size_is = REF(CprepDiskRawRead, 2), .length_is = REF(CprepDiskRawRead, 4)),
    ULONG_OUT(CprepDiskRawRead, "pcbDataRead"),
    ULONG_OUT(CprepDiskRawRead, "ulLatency"),
};
static const csvp_member CprepDiskRawWrite_p[] = {
    DISKID(CprepDiskRawWrite),
    ULONG_IN(CprepDiskRawWrite, "ulSector"),
    ULONG_IN(CprepDiskRawWrite, "cbData"),
    PR(CprepDiskRawWrite, CSVP_IN, "pbData", &t_bytes, "byte*", "in, size_is(cbData)",
       .size_is = REF(CprepDiskRawWrite, 2)),
    ULONG_OUT(CprepDiskRawWrite, "pcbDataWritten"),
    ULONG_OUT(CprepDiskRawWrite, "ulLatency"),
};
static const csvp_member CprepPrepareNode_p[] = {
    ULONG_OUT(CprepPrepareNode, "pulMajorVersion"),
    ULONG_OUT(CprepPrepareNode, "pulMinorVersion"),
    ULONG_OUT(CprepPrepareNode, "pdwCPrepVersion"),
};
/* Rev 34 renamed AttachDisksOnSystemBus to Flags (3.2.4.4); the old name stays a Wireshark field (ERRATA.md). */
static const csvp_member CprepPrepareNodePhase2_p[] = {
    { .owner = "CprepPrepareNodePhase2", .name = "Flags", .type = &csvp_t_phase2_flags, .idl_type = "unsigned long",
      .attrs = "in", .dir = CSVP_IN, .alias = "AttachDisksOnSystemBus" },
    ULONG_OUT(CprepPrepareNodePhase2, "pulNumDisks"),
};
static const csvp_member CprepDiskGetProps_p[] = {
    DISKID(CprepDiskGetProps),
    P(CprepDiskGetProps, CSVP_OUT, "DiskProps", &csvp_t_DISK_PROPS, "DISK_PROPS*", "out"),
};
DISKID_ONLY(CprepDiskStopDefense);
static const csvp_member CprepDiskOnline_p[] = {
    DISKID(CprepDiskOnline),
    ULONG_OUT(CprepDiskOnline, "MaxPartitionNumber"),
};
DISKID_ONLY(CprepDiskVerifyUnique);
#define FILE_DATA_PARAMS(meth)                                                                                \
    DISKID(meth), ULONG_IN(meth, "ulPartition"),                                                              \
        P(meth, CSVP_IN, "FileName", &csvp_t_string, "wchar_t*", "in, string"), ULONG_IN(meth, "cbDataIn"),   \
        PR(meth, CSVP_IN, "DataIn", &t_bytes, "byte*", "in, size_is(cbDataIn)", .size_is = REF(meth, 3))
static const csvp_member CprepDiskWriteFileData_p[] = { FILE_DATA_PARAMS(CprepDiskWriteFileData) };
static const csvp_member CprepDiskVerifyFileData_p[] = { FILE_DATA_PARAMS(CprepDiskVerifyFileData) };
static const csvp_member CprepDiskDeleteFile_p[] = {
    DISKID(CprepDiskDeleteFile),
    ULONG_IN(CprepDiskDeleteFile, "ulPartition"),
    P(CprepDiskDeleteFile, CSVP_IN, "FileName", &csvp_t_string, "wchar_t*", "in, string"),
};
DISKID_ONLY(CprepDiskOffline);
static const csvp_member CprepDiskGetUniqueIds_p[] = {
    DISKID(CprepDiskGetUniqueIds),
    ULONG_IN(CprepDiskGetUniqueIds, "cbData"),
    PBR(CprepDiskGetUniqueIds, CSVP_OUT, "pbData", &t_bytes_part, "byte*",
        "out, size_is(cbData), length_is(*pcbDataOut)", CSVP_BLOB_STORAGE_DEVICE_ID_DESCRIPTOR,
        .size_is = REF(CprepDiskGetUniqueIds, 1), .length_is = REF(CprepDiskGetUniqueIds, 3)),
    ULONG_OUT(CprepDiskGetUniqueIds, "pcbDataOut"),
    ULONG_OUT(CprepDiskGetUniqueIds, "pcbNeeded"),
};
DISKID_ONLY(CprepDiskAttach);
DISKID_ONLY(CprepDiskPRArbitrate);
DISKID_ONLY(CprepDiskPRRegister);
DISKID_ONLY(CprepDiskPRUnRegister);
DISKID_ONLY(CprepDiskPRReserve);
DISKID_ONLY(CprepDiskPRRelease);
static const csvp_member CprepDiskDiskPartitionIsNtfs_p[] = {
    DISKID(CprepDiskDiskPartitionIsNtfs),
    ULONG_IN(CprepDiskDiskPartitionIsNtfs, "ulPartition"),
};
static const csvp_member CprepDiskGetArbSectors_p[] = {
    DISKID(CprepDiskGetArbSectors),
    ULONG_OUT(CprepDiskGetArbSectors, "SectorX"),
    ULONG_OUT(CprepDiskGetArbSectors, "SectorY"),
};
static const csvp_member CprepDiskIsPRPresent_p[] = {
    DISKID(CprepDiskIsPRPresent),
    ULONG_OUT(CprepDiskIsPRPresent, "Present"),
};
DISKID_ONLY(CprepDiskPRPreempt);
DISKID_ONLY(CprepDiskPRClear);
DISKID_ONLY(CprepDiskIsOnline);
DISKID_ONLY(CprepDiskSetOnline);
static const csvp_member CprepDiskGetFSName_p[] = {
    DISKID(CprepDiskGetFSName),
    ULONG_IN(CprepDiskGetFSName, "Partition"),
    P(CprepDiskGetFSName, CSVP_OUT, "FsName", &t_fsname, "wchar_t[100]", "out"),
};
DISKID_ONLY(CprepDiskIsReadable);
static const csvp_member CprepDiskGetDsms_p[] = {
    ULONG_IN(CprepDiskGetDsms, "Size"),
    ULONG_OUT(CprepDiskGetDsms, "pReserved"),
    PBR(CprepDiskGetDsms, CSVP_OUT, "RegisteredDsms", &t_bytes_part, "byte*",
        "out, size_is(Size), length_is(*pReserved)", CSVP_BLOB_REGISTERED_DSMS,
        .size_is = REF(CprepDiskGetDsms, 0), .length_is = REF(CprepDiskGetDsms, 1)),
};

static const csvp_method storage2_methods[] = {
    IUNKNOWN,
    M(3, CprepDiskRawRead, "3.2.4.1"),
    M(4, CprepDiskRawWrite, "3.2.4.2"),
    M(5, CprepPrepareNode, "3.2.4.3"),
    M(6, CprepPrepareNodePhase2, "3.2.4.4"),
    M(7, CprepDiskGetProps, "3.2.4.5"),
    UNUSED(8, "Opnum8NotUsedOnWire"),
    UNUSED(9, "Opnum9NotUsedOnWire"),
    UNUSED(10, "Opnum10NotUsedOnWire"),
    UNUSED(11, "Opnum11NotUsedOnWire"),
    M(12, CprepDiskStopDefense, "3.2.4.6"),
    M(13, CprepDiskOnline, "3.2.4.7"),
    M(14, CprepDiskVerifyUnique, "3.2.4.8"),
    UNUSED(15, "Opnum15NotUsedOnWire"),
    UNUSED(16, "Opnum16NotUsedOnWire"),
    M(17, CprepDiskWriteFileData, "3.2.4.9"),
    M(18, CprepDiskVerifyFileData, "3.2.4.10"),
    M(19, CprepDiskDeleteFile, "3.2.4.11"),
    M(20, CprepDiskOffline, "3.2.4.12"),
    UNUSED(21, "Opnum21NotUsedOnWire"),
    M(22, CprepDiskGetUniqueIds, "3.2.4.13"),
    M(23, CprepDiskAttach, "3.2.4.14"),
    M(24, CprepDiskPRArbitrate, "3.2.4.15"),
    M(25, CprepDiskPRRegister, "3.2.4.16"),
    M(26, CprepDiskPRUnRegister, "3.2.4.17"),
    M(27, CprepDiskPRReserve, "3.2.4.18"),
    M(28, CprepDiskPRRelease, "3.2.4.19"),
    M(29, CprepDiskDiskPartitionIsNtfs, "3.2.4.20"),
    M(30, CprepDiskGetArbSectors, "3.2.4.21"),
    M(31, CprepDiskIsPRPresent, "3.2.4.22"),
    M(32, CprepDiskPRPreempt, "3.2.4.23"),
    M(33, CprepDiskPRClear, "3.2.4.24"),
    M(34, CprepDiskIsOnline, "3.2.4.25"),
    M(35, CprepDiskSetOnline, "3.2.4.26"),
    M(36, CprepDiskGetFSName, "3.2.4.27"),
    M(37, CprepDiskIsReadable, "3.2.4.28"),
    M(38, CprepDiskGetDsms, "3.2.4.29"),
};

/* ======================= IClusterStorage3 (3.4.4) ======================= */
static const csvp_member CprepDiskGetUniqueIds3_p[] = {
    DISKID(CprepDiskGetUniqueIds3),
    PBR(CprepDiskGetUniqueIds3, CSVP_OUT, "ppbDeviceIdHeader", &t_out_bytes_ptr, "BYTE**",
        "out, size_is( ,*pcbDihSize)", CSVP_BLOB_STORAGE_DEVICE_ID_DESCRIPTOR,
        .size_is = REF(CprepDiskGetUniqueIds3, 2)),
    P(CprepDiskGetUniqueIds3, CSVP_OUT, "pcbDihSize", &csvp_t_ulong, "ULONG*", "out"),
    PBR(CprepDiskGetUniqueIds3, CSVP_OUT, "ppDeviceDescriptor", &t_out_bytes_ptr, "BYTE**",
        "out, size_is( ,*pcbDdSize)", CSVP_BLOB_STORAGE_DEVICE_DESCRIPTOR, .size_is = REF(CprepDiskGetUniqueIds3, 4)),
    P(CprepDiskGetUniqueIds3, CSVP_OUT, "pcbDdSize", &csvp_t_ulong, "ULONG*", "out"),
};
static const csvp_member CprepCsvTestSetup3_p[] = {
    P(CprepCsvTestSetup3, CSVP_IN, "TestShareGuid", &csvp_t_guid, "GUID", "in"),
    P(CprepCsvTestSetup3, CSVP_IN, "Reserved", &csvp_t_string, "LPWSTR", "in, string"),
};
static const csvp_member CprepIsNodeClustered3_p[] = { BOOLEAN_OUT(CprepIsNodeClustered3, "pbIsClusterNode") };
/* Rev 34's size_is(,*pdwNumberOfPaths): [ref] -> [unique] -> conformant array of LPWSTR. Rev 19 wrote
 * size_is(*pdwNumberOfPaths), which sizes the first level: a conformant array of [unique] LPWSTR*, each
 * pointing to an LPWSTR. Both are tried, this one first (ERRATA.md). */
static const csvp_member CprepCreateNewSmbShares3_p[] = {
    PR(CprepCreateNewSmbShares3, CSVP_OUT, "ppwszSharePaths", &t_share_paths_ptr, "LPWSTR**",
       "out, string, size_is(,*pdwNumberOfPaths)", .size_is = REF(CprepCreateNewSmbShares3, 1)),
    P(CprepCreateNewSmbShares3, CSVP_OUT, "pdwNumberOfPaths", &csvp_t_ulong, "DWORD*", "out"),
};
static const csvp_type t_lpwstr_ptr = { .name = "LPWSTR*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                        .elem = &csvp_t_lpwstr };
static const csvp_type t_share_paths_out_r19 = { .name = "LPWSTR*[]", .kind = CSVP_K_ARRAY, .elem = &t_lpwstr_ptr,
                                                 .conformant = true };
static const csvp_member CprepCreateNewSmbShares3_r19_p[] = {
    PR(CprepCreateNewSmbShares3, CSVP_OUT, "ppwszSharePaths", &t_share_paths_out_r19, "LPWSTR**",
       "out, string, size_is(*pdwNumberOfPaths)", .size_is = REF(CprepCreateNewSmbShares3_r19, 1)),
    P(CprepCreateNewSmbShares3, CSVP_OUT, "pdwNumberOfPaths", &csvp_t_ulong, "DWORD*", "out"),
};
static const csvp_method CprepCreateNewSmbShares3_r19 = {
    .opnum = 7, .name = "CprepCreateNewSmbShares3", .section = "3.4.4.5", .params = CprepCreateNewSmbShares3_r19_p,
    .n_params = N(CprepCreateNewSmbShares3_r19_p), .layout = "size_is(*pdwNumberOfPaths), revision 19.0" };
static const csvp_member CprepConnectToNewSmbShares3_p[] = {
    PR(CprepConnectToNewSmbShares3, CSVP_IN, "ppwszSharePaths", &t_share_paths, "LPWSTR*",
       "in, string, size_is(dwNumberOfPaths,)", .size_is = REF(CprepConnectToNewSmbShares3, 1)),
    P(CprepConnectToNewSmbShares3, CSVP_IN, "dwNumberOfPaths", &csvp_t_ulong, "DWORD", "in"),
};
static const csvp_member CprepDiskGetProps3_p[] = {
    DISKID(CprepDiskGetProps3),
    P(CprepDiskGetProps3, CSVP_OUT, "pDiskProps", &csvp_t_DISK_PROPS_EX, "DISK_PROPS_EX*", "out"),
};
static const csvp_member CprepDiskIsReadOnly3_p[] = {
    DISKID(CprepDiskIsReadOnly3),
    BOOLEAN_OUT(CprepDiskIsReadOnly3, "pbReadOnly"),
};
static const csvp_member CprepDiskPRRegister3_p[] = {
    DISKID(CprepDiskPRRegister3),
    KEY_IN(CprepDiskPRRegister3, "OldPrKey"),
    KEY_IN(CprepDiskPRRegister3, "NewPrKey"),
};
static const csvp_member CprepDiskFindKey3_p[] = {
    DISKID(CprepDiskFindKey3),
    KEY_IN(CprepDiskFindKey3, "Key"),
    BOOLEAN_OUT(CprepDiskFindKey3, "pbFound"),
};
static const csvp_member CprepDiskPRPreempt3_p[] = {
    DISKID(CprepDiskPRPreempt3),
    KEY_IN(CprepDiskPRPreempt3, "OwnerKey"),
    KEY_IN(CprepDiskPRPreempt3, "NewKey"),
};
DISKID_KEY(CprepDiskPRReserve3);
DISKID_KEY(CprepDiskIsPRPresent3);
DISKID_KEY(CprepDiskPRRelease3);
DISKID_KEY(CprepDiskPRClear3);

static const csvp_method storage3_methods[] = {
    IUNKNOWN,
    M(3, CprepDiskGetUniqueIds3, "3.4.4.1"),
    M0(4, CprepCheckNetFtBindings3, "3.4.4.2"),
    M(5, CprepCsvTestSetup3, "3.4.4.3"),
    M(6, CprepIsNodeClustered3, "3.4.4.4"),
    { .opnum = 7, .name = "CprepCreateNewSmbShares3", .section = "3.4.4.5", .params = CprepCreateNewSmbShares3_p,
      .n_params = N(CprepCreateNewSmbShares3_p), .alt = &CprepCreateNewSmbShares3_r19 },
    M(8, CprepConnectToNewSmbShares3, "3.4.4.6"),
    M(9, CprepDiskGetProps3, "3.4.4.7"),
    M(10, CprepDiskIsReadOnly3, "3.4.4.8"),
    M(11, CprepDiskPRRegister3, "3.4.4.9"),
    M(12, CprepDiskFindKey3, "3.4.4.10"),
    M(13, CprepDiskPRPreempt3, "3.4.4.11"),
    M(14, CprepDiskPRReserve3, "3.4.4.12"),
    M(15, CprepDiskIsPRPresent3, "3.4.4.13"),
    M(16, CprepDiskPRRelease3, "3.4.4.14"),
    M(17, CprepDiskPRClear3, "3.4.4.15"),
};

/* ======================= IClusterNetwork2 (3.6.4) ======================= */
static const csvp_member SendRTMessage_p[] = {
    P(SendRTMessage, CSVP_IN, "SourceIPAddress", &csvp_t_bstr, "BSTR", "in"),
    P(SendRTMessage, CSVP_IN, "DestIPAddress", &csvp_t_bstr, "BSTR", "in"),
    P(SendRTMessage, CSVP_IN, "DestPort", &csvp_t_ushort, "unsigned short", "in"),
    P(SendRTMessage, CSVP_IN, "AddressFamily", &csvp_t_address_family, "unsigned short", "in"),
    ULONG_IN(SendRTMessage, "MessageSize"),
    ULONG_IN(SendRTMessage, "Timeout"),
    ULONG_OUT(SendRTMessage, "RTElapsedTime"),
};
static const csvp_member InitializeNode_p[] = {
    P(InitializeNode, CSVP_IN, "RequestUDPPort", &csvp_t_ushort, "unsigned short", "in"),
    P(InitializeNode, CSVP_OUT, "BoundUDPPort", &csvp_t_ushort, "unsigned short*", "out"),
    ULONG_OUT(InitializeNode, "NodeMajorVersion"),
    ULONG_OUT(InitializeNode, "NodeMinorVersion"),
    ULONG_OUT(InitializeNode, "ClusprepVersion"),
};
static const csvp_member GetIpConfigSerialized_p[] = {
    P(GetIpConfigSerialized, CSVP_IN, "ApplyClusterFilter", &csvp_t_boolean, "BOOLEAN", "in"),
    PB(GetIpConfigSerialized, CSVP_OUT, "Data", &csvp_t_safearray_byte, "SAFEARRAY(byte)*", "out",
       CSVP_BLOB_ADAPTERLIST_ANY),
    P(GetIpConfigSerialized, CSVP_OUT, "pcbOut", &csvp_t_int, "int*", "out"),
};
static const csvp_member QueryFirewallConfiguration_p[] = {
    BOOLEAN_OUT(QueryFirewallConfiguration, "serverRulesEnabled"),
    BOOLEAN_OUT(QueryFirewallConfiguration, "mgmtRulesEnabled"),
};
static const csvp_member ProcessAddRoutes_p[] = {
    P(ProcessAddRoutes, CSVP_IN, "request", &csvp_t_ADD_ROUTES_REQUEST, "const ADD_ROUTES_REQUEST*", "in"),
};
static const csvp_member GetAddRoutesStatus_p[] = {
    P(GetAddRoutesStatus, CSVP_OUT, "reply", &csvp_t_ADD_ROUTES_REPLY, "ADD_ROUTES_REPLY*", "out"),
};

static const csvp_method network2_methods[] = {
    IUNKNOWN,
    M(3, SendRTMessage, "3.6.4.2"),
    M(4, InitializeNode, "3.6.4.1"),
    M(5, GetIpConfigSerialized, "3.6.4.3"),
    M0(6, CleanupNode, "3.6.4.4"),
    M(7, QueryFirewallConfiguration, "3.6.4.5"),
    M(8, ProcessAddRoutes, "3.6.4.6"),
    M(9, GetAddRoutesStatus, "3.6.4.7"),
    UNUSED(10, "Opnum10Reserved"),
    M0(11, CancelAddRoutesRequest, "3.6.4.8"),
};

/* ======================= IClusterCleanup (3.8.4) ======================= */
static const csvp_member CleanUpEvictedNode_p[] = {
    ULONG_IN(CleanUpEvictedNode, "DelayBeforeCleanup"),
    ULONG_IN(CleanUpEvictedNode, "TimeOut"),
    P(CleanUpEvictedNode, CSVP_IN, "Flags", &csvp_t_cleanup_flags, "unsigned long", "in"),
};
static const csvp_member ClearPR_p[] = { ULONG_IN(ClearPR, "DeviceNumber") };
static const csvp_method cleanup_methods[] = {
    IUNKNOWN,
    M(3, CleanUpEvictedNode, "3.8.4.1"),
    M(4, ClearPR, "3.8.4.2"),
};

/* ======================= IClusterSetup (3.10.4) ======================= */
/* The cluster secret (3.10.1) and CLUSTER_CERT's KeyData and ClusterSecret (2.2.23) are secrets. */
#define SECRET(meth, d, n, t, idl, at) \
    { .owner = #meth, .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d, .secret = true }
static const csvp_member ConfigSvcSecret_p[] = {
    SECRET(ConfigSvcSecret, CSVP_IN, "SecretBLOB", &csvp_t_bstr, "BSTR", "in"),
};
static const csvp_member RetrieveSvcSecret_p[] = {
    SECRET(RetrieveSvcSecret, CSVP_OUT, "SecretBLOB", &csvp_t_bstr, "BSTR*", "out"),
};
static const csvp_member RetrieveHostLabel_p[] = { BSTR_OUT(RetrieveHostLabel, "HostLabel") };
#define WORD_OUT(meth, n) P(meth, CSVP_OUT, n, &csvp_t_ushort, "WORD*", "out")
#define CERT(meth, d, at) P(meth, d, "ClusterCert", &csvp_t_CLUSTER_CERT, "CLUSTER_CERT*", at)
#define CERTTYPE_IN(meth) P(meth, CSVP_IN, "certType", &csvp_t_CLUSTER_CERTTYPE, "CLUSTER_CERTTYPE", "in")
static const csvp_member GetFunctionalLevel_p[] = { WORD_OUT(GetFunctionalLevel, "FunctionalLevel") };
static const csvp_member ConfigClusterCert_p[] = { CERT(ConfigClusterCert, CSVP_IN, "in") };
static const csvp_member RetrieveClusterCert_p[] = { CERT(RetrieveClusterCert, CSVP_OUT, "out") };
static const csvp_member GenerateClusterCert_p[] = { CERT(GenerateClusterCert, CSVP_IN | CSVP_OUT, "in,out") };
static const csvp_member GetUpgradeVersion_p[] = { WORD_OUT(GetUpgradeVersion, "UpgradeVersion") };
/* Section 6 spells it ConfigClusterCerV2; the 3.10.4 table and 3.10.4.9 say ConfigClusterCertV2 (ERRATA.md). */
static const csvp_member ConfigClusterCertV2_p[] = {
    CERT(ConfigClusterCertV2, CSVP_IN, "in"),
    CERTTYPE_IN(ConfigClusterCertV2),
};
/* Section 6: [in] CLUSTER_CERT*, [out] CLUSTER_CERTTYPE*; 3.10.4.10: [out] CLUSTER_CERT*, [in] CLUSTER_CERTTYPE.
 * Section 6 first, the method page as the alternative (ERRATA.md). */
static const csvp_member RetrieveClusterCertV2_p[] = {
    CERT(RetrieveClusterCertV2, CSVP_IN, "in"),
    P(RetrieveClusterCertV2, CSVP_OUT, "certType", &csvp_t_CLUSTER_CERTTYPE, "CLUSTER_CERTTYPE*", "out"),
};
static const csvp_member RetrieveClusterCertV2_page_p[] = {
    CERT(RetrieveClusterCertV2, CSVP_OUT, "out"),
    CERTTYPE_IN(RetrieveClusterCertV2),
};
static const csvp_method RetrieveClusterCertV2_page = {
    .opnum = 15, .name = "RetrieveClusterCertV2", .section = "3.10.4.10", .params = RetrieveClusterCertV2_page_p,
    .n_params = N(RetrieveClusterCertV2_page_p), .revision = 34, .layout = "directions of section 3.10.4.10" };
static const csvp_member GenerateClusterCertV2_p[] = {
    CERT(GenerateClusterCertV2, CSVP_IN | CSVP_OUT, "in, out"),
    CERTTYPE_IN(GenerateClusterCertV2),
};
static const csvp_method setup_methods[] = {
    IUNKNOWN,
    M(3, ConfigSvcSecret, "3.10.4.1"),
    M(4, RetrieveSvcSecret, "3.10.4.2"),
    M(5, RetrieveHostLabel, "3.10.4.3"),
    M34(6, GetFunctionalLevel, "3.10.4.4"),
    UNUSED34(7, "Opnum7Reserved"),
    UNUSED34(8, "Opnum8Reserved"),
    M34(9, ConfigClusterCert, "3.10.4.5"),
    M34(10, RetrieveClusterCert, "3.10.4.6"),
    M34(11, GenerateClusterCert, "3.10.4.7"),
    M34(12, GetUpgradeVersion, "3.10.4.8"),
    UNUSED34(13, "Opnum13Reserved"),
    { .opnum = 14, .name = "ConfigClusterCertV2", .section = "3.10.4.9", .params = ConfigClusterCertV2_p,
      .n_params = N(ConfigClusterCertV2_p), .revision = 34, .idl_name = "ConfigClusterCerV2" },
    { .opnum = 15, .name = "RetrieveClusterCertV2", .section = "3.10.4.10", .params = RetrieveClusterCertV2_p,
      .n_params = N(RetrieveClusterCertV2_p), .revision = 34, .alt = &RetrieveClusterCertV2_page },
    M34(16, GenerateClusterCertV2, "3.10.4.11"),
};

/* ======================= IClusterLog (3.12.4) ======================= */
static const csvp_member GenerateClusterLog_p[] = { BSTR_OUT(GenerateClusterLog, "LogFilePath") };
static const csvp_member GenerateTimeSpanLog_p[] = {
    ULONG_IN(GenerateTimeSpanLog, "SpanMinutes"),
    BSTR_OUT(GenerateTimeSpanLog, "LogFilePath"),
};
static const csvp_member GenerateClusterLogInLocalTime_p[] = { BSTR_OUT(GenerateClusterLogInLocalTime, "LogFilePath") };
static const csvp_member GenerateTimeSpanLogInLocalTime_p[] = {
    P(GenerateTimeSpanLogInLocalTime, CSVP_IN, "SpanMinutes", &csvp_t_ulong, "ULONG", "in"),
    BSTR_OUT(GenerateTimeSpanLogInLocalTime, "LogFilePath"),
};
static const csvp_method log_methods[] = {
    IUNKNOWN,
    M(3, GenerateClusterLog, "3.12.4.1"),
    M(4, GenerateTimeSpanLog, "3.12.4.2"),
    M34(5, GenerateClusterLogInLocalTime, "3.12.4.3"),
    M34(6, GenerateTimeSpanLogInLocalTime, "3.12.4.4"),
};

/* ============ IClusterLogEx (3.18.4), IClusterLogEx2 (3.19.4), IClusterLogEx3 (3.20.4): rev 34 ============
 * IClusterLogEx's GenerateClusterLog has the name of IClusterLog's opnum 3: their LogFilePath share the
 * field csvp.GenerateClusterLog.LogFilePath, a string in both. 3.18.4.1 and 3.19.4.1
 * name the out parameter LongFilePath, section 6 LogFilePath, which the tables use (ERRATA.md). */
#define SPAN_IN(o) { .owner = o, .name = "SpanMinutes", .type = &csvp_t_ulong, .idl_type = "ULONG", \
                         .attrs = "in", .dir = CSVP_IN }
#define LOGFLAGS_IN(o) { .owner = o, .name = "flags", .type = &csvp_t_ClusterLogExFlag, \
                             .idl_type = "ClusterLogExFlag", .attrs = "in", .dir = CSVP_IN }
#define PATH_OUT(o, n) { .owner = o, .name = n, .type = &csvp_t_bstr, .idl_type = "BSTR*", .attrs = "out", \
                             .dir = CSVP_OUT }
#define LOGTYPE_IN(o) { .owner = o, .name = "Type", .type = &csvp_t_ClusterLogType, \
                            .idl_type = "ClusterLogType", .attrs = "in", .dir = CSVP_IN }
#define NOCOLLATE_IN(o) { .owner = o, .name = "NoCollate", .type = &csvp_t_bool_i32, .idl_type = "BOOL", \
                              .attrs = "in", .dir = CSVP_IN }
#define SPAN_FLAGS_PATH(meth) SPAN_IN(#meth), LOGFLAGS_IN(#meth), PATH_OUT(#meth, "LogFilePath")
static const csvp_member LogExGenerateClusterLog_p[] = { SPAN_FLAGS_PATH(GenerateClusterLog) };
static const csvp_member GenerateClusterHealthLog_p[] = { SPAN_FLAGS_PATH(GenerateClusterHealthLog) };
static const csvp_member GenerateClusterSetLog_p[] = { SPAN_FLAGS_PATH(GenerateClusterSetLog) };
/* Section 6 has NetworkDiagnosticsLevel between SpanMinutes and flags; 3.18.4.4 does not. Section 6 first,
 * the method page as the alternative; the request's length tells them apart (ERRATA.md). */
static const csvp_member GenerateClusterNetworkLog_p[] = {
    SPAN_IN("GenerateClusterNetworkLog"),
    P(GenerateClusterNetworkLog, CSVP_IN, "NetworkDiagnosticsLevel", &csvp_t_int, "int", "in"),
    LOGFLAGS_IN("GenerateClusterNetworkLog"),
    PATH_OUT("GenerateClusterNetworkLog", "LogFilePath"),
};
static const csvp_member GenerateClusterNetworkLog_page_p[] = { SPAN_FLAGS_PATH(GenerateClusterNetworkLog) };
static const csvp_method GenerateClusterNetworkLog_page = {
    .opnum = 6, .name = "GenerateClusterNetworkLog", .section = "3.18.4.4", .params = GenerateClusterNetworkLog_page_p,
    .n_params = N(GenerateClusterNetworkLog_page_p), .revision = 34,
    .layout = "parameters of section 3.18.4.4 (no NetworkDiagnosticsLevel)" };
static const csvp_member ExportClusterPerformanceHistory_p[] = {
    P(ExportClusterPerformanceHistory, CSVP_IN, "Pattern", &csvp_t_bstr, "BSTR", "in"),
    P(ExportClusterPerformanceHistory, CSVP_IN, "StreamName", &csvp_t_bstr, "BSTR", "in"),
    LOGFLAGS_IN("ExportClusterPerformanceHistory"),
    PATH_OUT("ExportClusterPerformanceHistory", "LogFilePath"),
};
static const csvp_member GenerateNetftLog_p[] = { SPAN_FLAGS_PATH(GenerateNetftLog) };
static const csvp_member GenerateLogEx_p[] = {
    LOGTYPE_IN("GenerateLogEx"), SPAN_IN("GenerateLogEx"), LOGFLAGS_IN("GenerateLogEx"),
    PATH_OUT("GenerateLogEx", "LogFilePath"), NOCOLLATE_IN("GenerateLogEx"),
};
static const csvp_member GetCountLogs_p[] = { P(GetCountLogs, CSVP_OUT, "Count", &csvp_t_ulong, "ULONG*", "out") };
static const csvp_member GetLogFilePath_p[] = {
    P(GetLogFilePath, CSVP_IN, "Index", &csvp_t_ulong, "ULONG", "in"),
    PATH_OUT("GetLogFilePath", "LogFilePath"),
};
/* Both 3.20.4.1 and section 6 name the first out parameter LongFilePath. */
static const csvp_member GenerateLogEx2_p[] = {
    LOGTYPE_IN("GenerateLogEx2"), SPAN_IN("GenerateLogEx2"), LOGFLAGS_IN("GenerateLogEx2"),
    PATH_OUT("GenerateLogEx2", "LongFilePath"), NOCOLLATE_IN("GenerateLogEx2"),
    PATH_OUT("GenerateLogEx2", "SemicolonSeperatedLogFilesPath"),
};
/* GenerateLogEx2 is opnum 12 by inheritance; 3.20.4.1's text says 9, where IClusterLogEx3 inherits
 * GenerateLogEx, whose request is GenerateLogEx2's. So IClusterLogEx3's opnum 9 decodes a response with
 * the second path as GenerateLogEx2's (ERRATA.md). */
static const csvp_method GenerateLogEx2_at9 = {
    .opnum = 9, .name = "GenerateLogEx2", .section = "3.20.4.1", .params = GenerateLogEx2_p,
    .n_params = N(GenerateLogEx2_p), .revision = 34, .layout = "GenerateLogEx2 at opnum 9 (3.20.4.1's text)" };

#define LOGEX_METHODS                                                                                          \
    IUNKNOWN,                                                                                                  \
    { .opnum = 3, .name = "GenerateClusterLog", .section = "3.18.4.1", .params = LogExGenerateClusterLog_p,   \
      .n_params = N(LogExGenerateClusterLog_p), .revision = 34 },                                              \
    M34(4, GenerateClusterHealthLog, "3.18.4.2"),                                                              \
    M34(5, GenerateClusterSetLog, "3.18.4.3"),                                                                 \
    { .opnum = 6, .name = "GenerateClusterNetworkLog", .section = "3.18.4.4", .params = GenerateClusterNetworkLog_p, \
      .n_params = N(GenerateClusterNetworkLog_p), .revision = 34, .idl_name = "GenerateClusterNetworkhLog",     \
      .alt = &GenerateClusterNetworkLog_page },                                                                \
    M34(7, ExportClusterPerformanceHistory, "3.18.4.5"),                                                       \
    M34(8, GenerateNetftLog, "3.18.4.6")
#define LOGEX2_METHODS_AFTER_9                                                                                 \
    M34(10, GetCountLogs, "3.19.4.2"),                                                                         \
    M34(11, GetLogFilePath, "3.19.4.3")
static const csvp_method logex_methods[] = { LOGEX_METHODS };
static const csvp_method logex2_methods[] = {
    LOGEX_METHODS,
    M34(9, GenerateLogEx, "3.19.4.1"),
    LOGEX2_METHODS_AFTER_9,
};
static const csvp_method logex3_methods[] = {
    LOGEX_METHODS,
    { .opnum = 9, .name = "GenerateLogEx", .section = "3.19.4.1", .params = GenerateLogEx_p,
      .n_params = N(GenerateLogEx_p), .revision = 34, .alt = &GenerateLogEx2_at9 },
    LOGEX2_METHODS_AFTER_9,
    M34(12, GenerateLogEx2, "3.20.4.1"),
};

/* ======================= IClusterFirewall (3.14.4) ======================= */
static const csvp_member InitializeAdapterConfiguration_p[] = {
    ULONG_OUT(InitializeAdapterConfiguration, "cRetAdapters"),
};
static const csvp_member GetNextAdapterFirewallConfiguration_p[] = {
    ULONG_IN(GetNextAdapterFirewallConfiguration, "idx"),
    P(GetNextAdapterFirewallConfiguration, CSVP_OUT, "adapterId", &csvp_t_guid, "GUID*", "out"),
    P(GetNextAdapterFirewallConfiguration, CSVP_OUT, "adapterProfile", &csvp_t_CLUSTER_NETWORK_PROFILE,
      "CLUSTER_NETWORK_PROFILE*", "out"),
    BOOLEAN_OUT(GetNextAdapterFirewallConfiguration, "serverRulesEnabled"),
    BOOLEAN_OUT(GetNextAdapterFirewallConfiguration, "managementRulesEnabled"),
    BOOLEAN_OUT(GetNextAdapterFirewallConfiguration, "commonRulesEnabled"),
};
static const csvp_method firewall_methods[] = {
    IUNKNOWN,
    M(3, InitializeAdapterConfiguration, "3.14.4.1"),
    M(4, GetNextAdapterFirewallConfiguration, "3.14.4.2"),
};

/* ======================= IClusterUpdate (3.16.4) ======================= */
static const csvp_member GetUpdates_p[] = {
    P(GetUpdates, CSVP_OUT, "UpdateCount", &csvp_t_ulong, "ULONG*", "out"),
    BSTR_OUT(GetUpdates, "updates"),
};
static const csvp_member Count_p[] = { P(Count, CSVP_OUT, "Count", &csvp_t_long, "LONG*", "out") };
static const csvp_method update_methods[] = {
    IUNKNOWN,
    M(3, GetUpdates, "3.16.4.1"),
    M(4, Count, "3.16.4.2"),
};

/* ---- the interfaces (2.1); IClusterFirewall's UUID per ERRATA.md ---- */
#define ITF(id, nm, u, cls, sec, meths)                                                                      \
    static const csvp_interface id = { .name = nm, .uuid = u, .clsid = cls, .section = sec, .methods = meths, \
                                       .n_methods = N(meths) }
/* Rev 34 gives no CLSID for the IClusterLogEx family (1.9, 2.1): clsid is NULL. */
#define ITF34(id, nm, u, sec, meths)                                                                         \
    static const csvp_interface id = { .name = nm, .uuid = u, .section = sec, .methods = meths,               \
                                       .n_methods = N(meths), .revision = 34 }
ITF(storage2, "IClusterStorage2", "12108a88-6858-4467-b92f-e6cf4568dfb6", "c72b09db-4d53-4f41-8dcc-2d752ab56f7c",
    "3.2", storage2_methods);
ITF(storage3, "IClusterStorage3", "11942d87-a1de-4e7f-83fb-a840d9c5928d", "c72b09db-4d53-4f41-8dcc-2d752ab56f7c",
    "3.4", storage3_methods);
ITF(network2, "IClusterNetwork2", "2931c32c-f731-4c56-9feb-3d5f1c5e72bf", "e1568352-586d-43e4-933f-8e6dc4de317a",
    "3.6", network2_methods);
ITF(cleanup, "IClusterCleanup", "d6105110-8917-41a5-aa32-8e0aa2933dc9", "a6d3e32b-9814-4409-8de3-cfa673e6d3de",
    "3.8", cleanup_methods);
ITF(setup, "IClusterSetup", "491260b5-05c9-40d9-b7f2-1f7bdae0927f", "04d55210-b6ac-4248-9e69-2a569d1d2ab6",
    "3.10", setup_methods);
ITF(logitf, "IClusterLog", "85923ca7-1b6b-4e83-a2e4-f5ba3bfbb8a3", "88e7ac6d-c561-4f03-9a60-39dd768f867d",
    "3.12", log_methods);
ITF34(logex, "IClusterLogEx", "bd7c23c2-c805-457c-8f86-d17fe6b9d19f", "3.18", logex_methods);
ITF34(logex2, "IClusterLogEx2", "2510ea7d-c355-40c9-852c-e3b1b1338d67", "3.19", logex2_methods);
ITF34(logex3, "IClusterLogEx3", "e6d3c166-560f-4b58-b31a-fdea05fb606f", "3.20", logex3_methods);
ITF(firewall, "IClusterFirewall", "f1d6c29c-8fbe-4691-8724-f6d8deaeafc8", "3cfee98c-fb4b-44c6-bd98-a1db14abca3f",
    "3.14", firewall_methods);
ITF(update, "IClusterUpdate", "e3c9b851-c442-432b-8fc6-a7faafc09d3b", "4142dd5d-3472-4370-8641-de7856431fb0",
    "3.16", update_methods);

const csvp_interface *const csvp_all_interfaces[] = {
    &storage2, &storage3, &network2, &cleanup, &setup, &logitf, &logex, &logex2, &logex3, &firewall, &update,
};
const size_t csvp_n_interfaces = G_N_ELEMENTS(csvp_all_interfaces);
