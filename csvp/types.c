/* types.c - the data types of MS-CSVP section 2.2 (and their IDL in section 6),
 * with every enum value, bus type and flag bit named as the spec names it. */
#include "tables_internal.h"

#define N(a) (guint16)G_N_ELEMENTS(a)

/* ---- NDR base types ---- */
const csvp_type csvp_t_byte = { .name = "byte", .kind = CSVP_K_U8 };
const csvp_type csvp_t_uchar = { .name = "unsigned char", .kind = CSVP_K_U8 };
const csvp_type csvp_t_boolean = { .name = "BOOLEAN", .kind = CSVP_K_BOOL8 };
const csvp_type csvp_t_ushort = { .name = "unsigned short", .kind = CSVP_K_U16 };
const csvp_type csvp_t_ulong = { .name = "unsigned long", .kind = CSVP_K_U32 };
const csvp_type csvp_t_long = { .name = "long", .kind = CSVP_K_I32 };
const csvp_type csvp_t_int = { .name = "int", .kind = CSVP_K_I32 };
const csvp_type csvp_t_hresult = { .name = "HRESULT", .kind = CSVP_K_HRESULT };
const csvp_type csvp_t_ulonglong = { .name = "ULONGLONG", .kind = CSVP_K_U64 };
const csvp_type csvp_t_guid = { .name = "GUID", .kind = CSVP_K_GUID };
const csvp_type csvp_t_wchar = { .name = "wchar_t", .kind = CSVP_K_U16 };

/* ---- 2.2.1 CPREP_DISKID_ENUM, 2.2.2 CPREP_DISKID ---- */
static const csvp_name diskid_enum[] = {
    { 0x00000000, "CprepIdSignature" },
    { 0x00000001, "CprepIdGuid" },
    { 0x00000fa0, "CprepIdNumber" },
    { 0x00001388, "CprepIdUnknown" },
};
static const csvp_type t_CPREP_DISKID_ENUM = { .name = "CPREP_DISKID_ENUM", .kind = CSVP_K_ENUM16,
                                               .values = diskid_enum, .n_values = N(diskid_enum) };

#define F(o, n, t) { .owner = #o, .name = n, .type = t }
static const csvp_member diskid_arms[] = {
    { .owner = "CPREP_DISKID", .name = "DiskSignature", .type = &csvp_t_ulong, .arm_case = 0x00000000 },
    { .owner = "CPREP_DISKID", .name = "DiskGuid", .type = &csvp_t_guid, .arm_case = 0x00000001 },
    { .owner = "CPREP_DISKID", .name = "DeviceNumber", .type = &csvp_t_ulong, .arm_case = 0x00000fa0 },
    { .owner = "CPREP_DISKID", .name = "Junk", .type = &csvp_t_ulong, .arm_case = 0x00001388 },
};
/* Non-encapsulated union: NDR sends the discriminant again, as a 16-bit enum, before the arm. */
static const csvp_type t_diskid_union = { .name = "CPREP_DISKID union", .kind = CSVP_K_UNION,
                                          .members = diskid_arms, .n_members = N(diskid_arms) };
static const csvp_member diskid_fields[] = {
    F(CPREP_DISKID, "DiskIdType", &t_CPREP_DISKID_ENUM),
    { .owner = "CPREP_DISKID", .name = "", .type = &t_diskid_union, .switch_is = &diskid_fields[0] },
};
const csvp_type csvp_t_CPREP_DISKID = { .name = "CPREP_DISKID", .kind = CSVP_K_STRUCT, .members = diskid_fields,
                                        .n_members = N(diskid_fields) };

/* ---- 2.2.3 DiskStackType, 2.2.4 CPREP_SCSI_ADDRESS ---- */
static const csvp_name stack_types[] = {
    { 0, "DiskStackScsiPort" }, { 1, "DiskStackStorPort" }, { 2, "DiskStackFullPort" },
};
static const csvp_type t_DiskStackType = { .name = "DiskStackType", .kind = CSVP_K_ENUM16, .values = stack_types,
                                           .n_values = N(stack_types) };
static const csvp_member scsi_fields[] = {
    F(CPREP_SCSI_ADDRESS, "Length", &csvp_t_ulong),
    F(CPREP_SCSI_ADDRESS, "PortNumber", &csvp_t_uchar),
    F(CPREP_SCSI_ADDRESS, "PathId", &csvp_t_uchar),
    F(CPREP_SCSI_ADDRESS, "TargetId", &csvp_t_uchar),
    F(CPREP_SCSI_ADDRESS, "Lun", &csvp_t_uchar),
};
static const csvp_type t_CPREP_SCSI_ADDRESS = { .name = "CPREP_SCSI_ADDRESS", .kind = CSVP_K_STRUCT,
                                                .members = scsi_fields, .n_members = N(scsi_fields) };

/* ---- 2.2.5 DISK_PROPS: DiskBusType values and Flags bits ---- */
static const csvp_name bus_types[] = {
    { 0x00, "BusTypeUnknown" }, { 0x01, "BusTypeScsi" }, { 0x02, "BusTypeAtapi" }, { 0x03, "BusTypeAta" },
    { 0x04, "BusType1394" }, { 0x05, "BusTypeSsa" }, { 0x06, "BusTypeFibre" }, { 0x07, "BusTypeUsb" },
    { 0x08, "BusTypeRAID" }, { 0x09, "BusTypeiScsi" }, { 0x0A, "BusTypeSas" }, { 0x0B, "BusTypeSata" },
    { 0x0C, "BusTypeSd" }, { 0x0D, "BusTypeMmc" }, { 0x0E, "BusTypeVirtual" },
    { 0x0F, "BusTypeFileBackedVirtual" }, { 0x10, "BusTypeSpaces" },
};
const csvp_type csvp_t_bus_type = { .name = "unsigned long", .kind = CSVP_K_U32, .values = bus_types,
                                      .n_values = N(bus_types) };
static const csvp_name disk_flags[] = {
    { 0x00000001, "DISK_BOOT" }, { 0x00000002, "DISK_SYSTEM" }, { 0x00000004, "DISK_PAGEFILE" },
    { 0x00000008, "DISK_HIBERNATE" }, { 0x00000010, "DISK_CRASHDUMP" }, { 0x00000020, "DISK_REMOVABLE" },
    { 0x00000040, "DISK_CLUSTERNOSUPP" }, { 0x00000100, "DISK_BUSNOSUPP" }, { 0x00000200, "DISK_SYSTEMBUS" },
    { 0x00000400, "DISK_ALREADY_CLUSTERED" }, { 0x00001000, "DISK_SYTLE_MBR" }, { 0x00002000, "DISK_STYLE_GPT" },
    { 0x00004000, "DISK_STYLE_RAW" }, { 0x00008000, "DISK_PART_BASIC" }, { 0x00010000, "DISK_PART_DYNAMIC" },
    { 0x00020000, "DISK_CLUSTERED_ONLINE" }, { 0x00040000, "DISK_UNREADABLE" }, { 0x00080000, "DISK_MPIO" },
    { 0x00100000, "DISK_CLUSTERED_OTHER" }, { 0x00200000, "DISK_MISSING" }, { 0x00400000, "DISK_REDUNDANT" },
    { 0x00800000, "DISK_SNAPSHOT" }, { 0x02000000, "DISK_FAILING_IO" }, { 0x04000000, "DISK_NO_PAGE83" },
    { 0x08000000, "DISK_COLLISION" }, { 0x10000000, "DISK_OUTOFSPACE" }, { 0x20000000, "DISK_POOL_DRIVE" },
    { 0x40000000, "DISK_POOL_DRIVE_NOT_TESTABLE" }, { 0x80000000, "DISK_POOL_CLUSTERED" },
};
static const csvp_type t_disk_flags = { .name = "unsigned long", .kind = CSVP_K_U32, .flags = disk_flags,
                                        .n_flags = N(disk_flags) };
/* 2.2.6 DISK_PROPS_EX.ExtendedFlags */
static const csvp_name disk_ex_flags[] = {
    { 0x00000001, "DISK_EX_SPLITPOOLCONFIG" }, { 0x00000002, "DISK_EX_POOL_NOT_CLUSTERABLE" },
};
static const csvp_type t_disk_ex_flags = { .name = "ULONG", .kind = CSVP_K_U32, .flags = disk_ex_flags,
                                           .n_flags = N(disk_ex_flags) };
/* wchar_t AdapterDesc[260]: a fixed array shown as text up to its NUL. */
static const csvp_type t_adapter_desc = { .name = "wchar_t[260]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_wchar,
                                          .fixed_count = 260, .text = true };

static const csvp_member disk_props_fields[] = {
    F(DISK_PROPS, "DiskNumber", &csvp_t_ulong),
    F(DISK_PROPS, "DiskId", &csvp_t_CPREP_DISKID),
    F(DISK_PROPS, "DiskBusType", &csvp_t_bus_type),
    F(DISK_PROPS, "StackType", &t_DiskStackType),
    F(DISK_PROPS, "ScsiAddress", &t_CPREP_SCSI_ADDRESS),
    F(DISK_PROPS, "DiskIsClusterable", &csvp_t_long),
    F(DISK_PROPS, "AdapterDesc", &t_adapter_desc),
    F(DISK_PROPS, "NumPaths", &csvp_t_ulong),
    F(DISK_PROPS, "Flags", &t_disk_flags),
};
const csvp_type csvp_t_DISK_PROPS = { .name = "DISK_PROPS", .kind = CSVP_K_STRUCT, .members = disk_props_fields,
                                      .n_members = N(disk_props_fields) };

/* ---- 2.2.6 DISK_PROPS_EX ---- */
const csvp_type csvp_t_string = { .name = "wchar_t*", .kind = CSVP_K_STRING };
const csvp_type csvp_t_lpwstr = { .name = "LPWSTR", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                    .elem = &csvp_t_string };
const csvp_type csvp_t_bool_i32 = { .name = "BOOL", .kind = CSVP_K_I32 };
static const csvp_member disk_props_ex_fields[] = {
    F(DISK_PROPS_EX, "DiskNumber", &csvp_t_ulong),
    F(DISK_PROPS_EX, "DiskId", &csvp_t_CPREP_DISKID),
    F(DISK_PROPS_EX, "DiskBusType", &csvp_t_bus_type),
    F(DISK_PROPS_EX, "StackType", &t_DiskStackType),
    F(DISK_PROPS_EX, "ScsiAddress", &t_CPREP_SCSI_ADDRESS),
    F(DISK_PROPS_EX, "DiskIsClusterable", &csvp_t_bool_i32),
    F(DISK_PROPS_EX, "AdapterDesc", &t_adapter_desc),
    F(DISK_PROPS_EX, "pwszFriendlyName", &csvp_t_lpwstr),
    F(DISK_PROPS_EX, "NumPaths", &csvp_t_ulong),
    F(DISK_PROPS_EX, "Flags", &t_disk_flags),
    F(DISK_PROPS_EX, "ExtendedFlags", &t_disk_ex_flags),
    F(DISK_PROPS_EX, "pwszPoolName", &csvp_t_lpwstr),
    F(DISK_PROPS_EX, "pwszPage83Id", &csvp_t_lpwstr),
    F(DISK_PROPS_EX, "pwszSerialNumber", &csvp_t_lpwstr),
    F(DISK_PROPS_EX, "guidPoolId", &csvp_t_guid),
};
const csvp_type csvp_t_DISK_PROPS_EX = { .name = "DISK_PROPS_EX", .kind = CSVP_K_STRUCT,
                                         .members = disk_props_ex_fields, .n_members = N(disk_props_ex_fields) };

/* ---- 2.2.15 CLUSTER_NETWORK_PROFILE ---- */
static const csvp_name profiles[] = {
    { 0, "ClusterNetworkProfilePublic" },
    { 1, "ClusterNetworkProfilePrivate" },
    { 2, "ClusterNetworkProfileDomainAuthenticated" },
};
const csvp_type csvp_t_CLUSTER_NETWORK_PROFILE = { .name = "CLUSTER_NETWORK_PROFILE", .kind = CSVP_K_ENUM16,
                                                   .values = profiles, .n_values = N(profiles) };

/* ---- MS-OAUT wire types: BSTR (2.2.23) and SAFEARRAY (2.2.30.10) ---- */
static const csvp_type t_flagged_word_blob = { .name = "FLAGGED_WORD_BLOB", .kind = CSVP_K_BSTR };
const csvp_type csvp_t_bstr = { .name = "BSTR", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                .elem = &t_flagged_word_blob };
/* A SAFEARRAY is a [unique] pointer to _wireSAFEARRAY; elem of the referent is the data array. */
#define SAFEARRAY_OF(id, label, et)                                                                         \
    static const csvp_type id##_data = { .name = label " data", .kind = CSVP_K_ARRAY, .elem = et,           \
                                         .conformant = true };                                               \
    static const csvp_type id##_sa = { .name = label, .kind = CSVP_K_SAFEARRAY, .elem = &id##_data };       \
    static const csvp_type id = { .name = label, .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE, .elem = &id##_sa }

SAFEARRAY_OF(t_sa_bstr, "SAFEARRAY(BSTR)", &csvp_t_bstr);
SAFEARRAY_OF(t_sa_ulong, "SAFEARRAY(ULONG)", &csvp_t_ulong);
static const csvp_type t_sa_byte_data = { .name = "SAFEARRAY(byte) data", .kind = CSVP_K_ARRAY,
                                         .elem = &csvp_t_byte, .conformant = true };
static const csvp_type t_sa_byte_sa = { .name = "SAFEARRAY(byte)", .kind = CSVP_K_SAFEARRAY,
                                        .elem = &t_sa_byte_data };
const csvp_type csvp_t_safearray_byte = { .name = "SAFEARRAY(byte)", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                          .elem = &t_sa_byte_sa };

/* ---- 2.2.18 NODE_ROUTE_INFO, 2.2.19 ADD_ROUTES_REQUEST ---- */
static const csvp_member node_route_info_fields[] = {
    F(NODE_ROUTE_INFO, "remoteVirtualIP", &csvp_t_bstr),
    F(NODE_ROUTE_INFO, "localUnicastIPs", &t_sa_bstr),
    F(NODE_ROUTE_INFO, "remoteUnicastIPs", &t_sa_bstr),
    F(NODE_ROUTE_INFO, "indices", &t_sa_ulong),
};
static const csvp_type t_NODE_ROUTE_INFO = { .name = "NODE_ROUTE_INFO", .kind = CSVP_K_STRUCT,
                                             .members = node_route_info_fields,
                                             .n_members = N(node_route_info_fields) };
SAFEARRAY_OF(t_sa_node_route_info, "SAFEARRAY(NODE_ROUTE_INFO)", &t_NODE_ROUTE_INFO);
/* The IDL of section 6 calls the first field remoteVirtualIP; 2.2.19 says localVirtualIP (ERRATA.md). */
static const csvp_member add_routes_request_fields[] = {
    F(ADD_ROUTES_REQUEST, "localVirtualIP", &csvp_t_bstr),
    F(ADD_ROUTES_REQUEST, "nodeRouteInfos", &t_sa_node_route_info),
};
const csvp_type csvp_t_ADD_ROUTES_REQUEST = { .name = "ADD_ROUTES_REQUEST", .kind = CSVP_K_STRUCT,
                                              .members = add_routes_request_fields,
                                              .n_members = N(add_routes_request_fields) };

/* ---- 2.2.20 ROUTE_STATUS, 2.2.21 ROUTE_LOSS_AND_STATE, 2.2.22 ADD_ROUTES_REPLY ---- */
static const csvp_name route_status[] = { { 0, "DOWN" }, { 1, "UP" }, { 2, "UP_DOWN" } };
static const csvp_type t_ROUTE_STATUS = { .name = "ROUTE_STATUS", .kind = CSVP_K_ENUM16, .values = route_status,
                                          .n_values = N(route_status) };
static const csvp_member route_loss_fields[] = {
    F(ROUTE_LOSS_AND_STATE, "packetLoss", &csvp_t_ulong),
    F(ROUTE_LOSS_AND_STATE, "status", &t_ROUTE_STATUS),
};
static const csvp_type t_ROUTE_LOSS_AND_STATE = { .name = "ROUTE_LOSS_AND_STATE", .kind = CSVP_K_STRUCT,
                                                  .members = route_loss_fields, .n_members = N(route_loss_fields) };
SAFEARRAY_OF(t_sa_route_loss, "SAFEARRAY(ROUTE_LOSS_AND_STATE)", &t_ROUTE_LOSS_AND_STATE);
static const csvp_member add_routes_reply_fields[] = {
    F(ADD_ROUTES_REPLY, "indices", &t_sa_ulong),
    F(ADD_ROUTES_REPLY, "replies", &t_sa_route_loss),
    F(ADD_ROUTES_REPLY, "routeUnavailable", &csvp_t_boolean),
};
const csvp_type csvp_t_ADD_ROUTES_REPLY = { .name = "ADD_ROUTES_REPLY", .kind = CSVP_K_STRUCT,
                                            .members = add_routes_reply_fields,
                                            .n_members = N(add_routes_reply_fields) };

/* ---- 2.2.23 CLUSTER_CERT (rev 34) ----
 * Three fixed arrays: the wire carries all 15434 bytes whatever CbCertData and CbKeyData say.
 * KeyData is the certificate's private key and ClusterSecret the cluster secret (3.10.1): secrets. */
static const csvp_type t_cert_data = { .name = "BYTE[5120]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte,
                                       .fixed_count = 1024 * 5 };
static const csvp_type t_key_data = { .name = "BYTE[10240]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte,
                                      .fixed_count = 1024 * 10 };
static const csvp_type t_cluster_secret = { .name = "WCHAR[33]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_wchar,
                                            .fixed_count = 32 + 1, .text = true };
static const csvp_member cluster_cert_fields[] = {
    F(CLUSTER_CERT, "CbCertData", &csvp_t_ulong),
    F(CLUSTER_CERT, "CbKeyData", &csvp_t_ulong),
    F(CLUSTER_CERT, "CertData", &t_cert_data),
    { .owner = "CLUSTER_CERT", .name = "KeyData", .type = &t_key_data, .secret = true },
    { .owner = "CLUSTER_CERT", .name = "ClusterSecret", .type = &t_cluster_secret, .secret = true },
};
const csvp_type csvp_t_CLUSTER_CERT = { .name = "CLUSTER_CERT", .kind = CSVP_K_STRUCT, .members = cluster_cert_fields,
                                        .n_members = N(cluster_cert_fields) };

/* ---- 2.2.24 DiskMediaType (rev 34; no method carries it) ---- */
static const csvp_name media_types[] = {
    { 0, "DiskMediaTypeUnknown" }, { 1, "DiskMediaTypeHDD" }, { 2, "DiskMediaTypeSSD" }, { 3, "DiskMediaTypeSCM" },
};
static const csvp_type t_DiskMediaType = { .name = "DiskMediaType", .kind = CSVP_K_ENUM16, .values = media_types,
                                           .n_values = N(media_types) };

/* ---- 2.2.25 ClusterLogExFlag (rev 34) ----
 * An enum on the wire (16 bits), but the method sections test each value as a bit ("If
 * ClusterLogFlagLocalTime is set in Flags", 3.18.4.1), so the two nonzero values are also flag bits. */
static const csvp_name log_ex_flags[] = {
    { 0, "ClusterLogFlagNone" }, { 1, "ClusterLogFlagLocalTime" }, { 2, "ClusterLogFlagSkipClusterState" },
};
const csvp_type csvp_t_ClusterLogExFlag = { .name = "ClusterLogExFlag", .kind = CSVP_K_ENUM16,
                                            .values = log_ex_flags, .n_values = N(log_ex_flags),
                                            .flags = log_ex_flags + 1, .n_flags = N(log_ex_flags) - 1 };

/* ---- 2.2.26 CLUSTER_CERTTYPE (rev 34) ---- */
static const csvp_name cert_types[] = {
    { 0, "Cluster_SChannel" }, { 1, "ClusterSet_SChannel" }, { 2, "Cluster_PKU2U" }, { 3, "ClusterSet_PKU2U" },
};
const csvp_type csvp_t_CLUSTER_CERTTYPE = { .name = "CLUSTER_CERTTYPE", .kind = CSVP_K_ENUM16, .values = cert_types,
                                            .n_values = N(cert_types) };

/* ---- 2.2.28 ClusterLogType (rev 34) ---- */
static const csvp_name log_types[] = {
    { 0, "ClusterLogTypeCluster" }, { 1, "ClusterLogTypeHealth" }, { 2, "ClusterLogTypeClusterSet" },
    { 3, "ClusterLogTypeNetwork" }, { 4, "ClusterLogTypeNetft" },
};
const csvp_type csvp_t_ClusterLogType = { .name = "ClusterLogType", .kind = CSVP_K_ENUM16, .values = log_types,
                                          .n_values = N(log_types) };

/* ---- values named by method sections ---- */
static const csvp_name address_families[] = { { 0x0002, "AF_INET" }, { 0x0017, "AF_INET6" } }; /* 3.6.4.2 */
const csvp_type csvp_t_address_family = { .name = "unsigned short", .kind = CSVP_K_U16, .values = address_families,
                                          .n_values = N(address_families) };
static const csvp_name cleanup_flags[] = {  /* 3.8.4.1 */
    { 0x00000000, "CLUSTERCLEANUP_STOP_CLUSTER_SERVICE" },
    { 0x00000001, "CLUSTERCLEANUP_DONT_STOP_CLUSTER_SERVICE" },
    { 0x00000002, "CLUSTERCLEANUP_DONT_WAIT_CLUSTER_SERVICE_STOP" },
};
const csvp_type csvp_t_cleanup_flags = { .name = "unsigned long", .kind = CSVP_K_U32, .flags = cleanup_flags + 1,
                                         .n_flags = N(cleanup_flags) - 1, .values = cleanup_flags, .n_values = 1 };
/* 3.2.4.4 (rev 34): CprepPrepareNodePhase2's Flags; rev 19 called the parameter AttachDisksOnSystemBus and
 * required the value 1. */
static const csvp_name phase2_flags[] = {
    { 0x00000001, "ForceOfflineNonClusteredDisks" },
    { 0x00000002, "SkipNonClusteredPools" },
};
const csvp_type csvp_t_phase2_flags = { .name = "unsigned long", .kind = CSVP_K_U32, .flags = phase2_flags,
                                        .n_flags = N(phase2_flags) };

const csvp_type *const csvp_all_named_types[] = {
    &t_CPREP_DISKID_ENUM, &csvp_t_CPREP_DISKID, &t_DiskStackType, &t_CPREP_SCSI_ADDRESS, &csvp_t_DISK_PROPS,
    &csvp_t_DISK_PROPS_EX, &csvp_t_CLUSTER_NETWORK_PROFILE, &t_NODE_ROUTE_INFO, &csvp_t_ADD_ROUTES_REQUEST,
    &t_ROUTE_STATUS, &t_ROUTE_LOSS_AND_STATE, &csvp_t_ADD_ROUTES_REPLY, &t_DiskMediaType, &csvp_t_ClusterLogExFlag,
    &csvp_t_ClusterLogType, &csvp_t_CLUSTER_CERTTYPE, &csvp_t_CLUSTER_CERT,
};
const size_t csvp_n_named_types = G_N_ELEMENTS(csvp_all_named_types);
