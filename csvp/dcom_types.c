/* dcom_types.c - the DCOM headers every MS-CSVP stub carries (spec 2.1):
 * ORPCTHIS before the [in] parameters, ORPCTHAT before the [out] ones
 * (MS-DCOM 2.2.13), and the HRESULT that ends every response. */
#include "tables_internal.h"
#include "walker.h"

#define N(a) (guint16)G_N_ELEMENTS(a)
#define F(o, n, t) { .owner = #o, .name = n, .type = t, .meta = true }

/* MS-DCOM 2.2.11 COMVERSION */
static const csvp_member comversion_fields[] = {
    F(COMVERSION, "MajorVersion", &csvp_t_ushort),
    F(COMVERSION, "MinorVersion", &csvp_t_ushort),
};
static const csvp_type t_COMVERSION = { .name = "COMVERSION", .kind = CSVP_K_STRUCT, .members = comversion_fields,
                                        .n_members = N(comversion_fields) };

/* MS-DCOM 2.2.13.2 ORPC_EXTENT: conformant struct, data[(size+7)&~7] */
static const csvp_type t_extent_data = { .name = "byte[]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte,
                                         .conformant = true };
static const csvp_member extent_fields[] = {
    F(ORPC_EXTENT, "id", &csvp_t_guid),
    F(ORPC_EXTENT, "size", &csvp_t_ulong),
    F(ORPC_EXTENT, "data", &t_extent_data),
};
static const csvp_type t_ORPC_EXTENT = { .name = "ORPC_EXTENT", .kind = CSVP_K_STRUCT, .members = extent_fields,
                                         .n_members = N(extent_fields) };
static const csvp_type t_extent_ptr = { .name = "ORPC_EXTENT*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                        .elem = &t_ORPC_EXTENT };
static const csvp_type t_extent_ptrs = { .name = "ORPC_EXTENT*[]", .kind = CSVP_K_ARRAY, .elem = &t_extent_ptr,
                                         .conformant = true };
static const csvp_type t_extent_ptrs_ptr = { .name = "ORPC_EXTENT**", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                             .elem = &t_extent_ptrs };
/* MS-DCOM 2.2.13.2 ORPC_EXTENT_ARRAY */
static const csvp_member extent_array_fields[] = {
    F(ORPC_EXTENT_ARRAY, "size", &csvp_t_ulong),
    F(ORPC_EXTENT_ARRAY, "reserved", &csvp_t_ulong),
    F(ORPC_EXTENT_ARRAY, "extent", &t_extent_ptrs_ptr),
};
static const csvp_type t_ORPC_EXTENT_ARRAY = { .name = "ORPC_EXTENT_ARRAY", .kind = CSVP_K_STRUCT,
                                               .members = extent_array_fields, .n_members = N(extent_array_fields) };
static const csvp_type t_extents_ptr = { .name = "ORPC_EXTENT_ARRAY*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                         .elem = &t_ORPC_EXTENT_ARRAY };

/* MS-DCOM 2.2.13.1 ORPCTHIS.flags */
static const csvp_name orpc_flags[] = {
    { 0x01, "ORPCF_LOCAL" }, { 0x02, "ORPCF_RESERVED1" }, { 0x04, "ORPCF_RESERVED2" },
    { 0x08, "ORPCF_RESERVED3" }, { 0x10, "ORPCF_RESERVED4" },
};
static const csvp_type t_orpc_flags = { .name = "unsigned long", .kind = CSVP_K_U32, .flags = orpc_flags,
                                        .n_flags = N(orpc_flags) };

static const csvp_member orpcthis_fields[] = {
    F(ORPCTHIS, "version", &t_COMVERSION),
    F(ORPCTHIS, "flags", &t_orpc_flags),
    F(ORPCTHIS, "reserved1", &csvp_t_ulong),
    F(ORPCTHIS, "cid", &csvp_t_guid),
    F(ORPCTHIS, "extensions", &t_extents_ptr),
};
const csvp_type csvp_t_ORPCTHIS = { .name = "ORPCTHIS", .kind = CSVP_K_STRUCT, .members = orpcthis_fields,
                                    .n_members = N(orpcthis_fields) };
/* MS-DCOM 2.2.13.3 ORPCTHAT */
static const csvp_member orpcthat_fields[] = {
    F(ORPCTHAT, "flags", &t_orpc_flags),
    F(ORPCTHAT, "extensions", &t_extents_ptr),
};
const csvp_type csvp_t_ORPCTHAT = { .name = "ORPCTHAT", .kind = CSVP_K_STRUCT, .members = orpcthat_fields,
                                    .n_members = N(orpcthat_fields) };

const csvp_member csvp_orpcthis_member = { .owner = "csvp", .name = "ORPCTHIS", .type = &csvp_t_ORPCTHIS,
                                           .meta = true };
const csvp_member csvp_orpcthat_member = { .owner = "csvp", .name = "ORPCTHAT", .type = &csvp_t_ORPCTHAT,
                                           .meta = true };
const csvp_member csvp_return_member = { .owner = "csvp", .name = "hresult", .type = &csvp_t_hresult,
                                         .idl_type = "HRESULT", .dir = CSVP_OUT };

/* ---- IRemUnknown::RemQueryInterface (MS-DCOM 3.1.1.5.6.1.1), for object identity:
 * the IPIDs it returns name other interfaces of the object that ripid names. */
static const csvp_type t_iid_array = { .name = "IID[]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_guid,
                                       .conformant = true };
static const csvp_member stdobjref_fields[] = {   /* MS-DCOM 2.2.18.2 STDOBJREF */
    F(STDOBJREF, "flags", &csvp_t_ulong),
    F(STDOBJREF, "cPublicRefs", &csvp_t_ulong),
    F(STDOBJREF, "oxid", &csvp_t_ulonglong),
    F(STDOBJREF, "oid", &csvp_t_ulonglong),
    F(STDOBJREF, "ipid", &csvp_t_guid),
};
static const csvp_type t_STDOBJREF = { .name = "STDOBJREF", .kind = CSVP_K_STRUCT, .members = stdobjref_fields,
                                       .n_members = N(stdobjref_fields) };
static const csvp_member remqiresult_fields[] = {  /* MS-DCOM 2.2.22.2.1 REMQIRESULT */
    F(REMQIRESULT, "hResult", &csvp_t_hresult),
    F(REMQIRESULT, "std", &t_STDOBJREF),
};
static const csvp_type t_REMQIRESULT = { .name = "REMQIRESULT", .kind = CSVP_K_STRUCT, .members = remqiresult_fields,
                                         .n_members = N(remqiresult_fields) };
static const csvp_type t_qi_results = { .name = "REMQIRESULT[]", .kind = CSVP_K_ARRAY, .elem = &t_REMQIRESULT,
                                        .conformant = true };
static const csvp_type t_qi_results_ptr = { .name = "REMQIRESULT*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE,
                                            .elem = &t_qi_results };
#define RQ(n, d, t, idl, at) { .owner = "RemQueryInterface", .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d }
#define RQ_SIZED(n, d, t, idl, at, sz)                                                                      \
    { .owner = "RemQueryInterface", .name = n, .type = t, .idl_type = idl, .attrs = at, .dir = d,              \
      .size_is = &remqueryinterface_params[sz] }
static const csvp_member remqueryinterface_params[] = {
    RQ("ripid", CSVP_IN, &csvp_t_guid, "REFIPID", "in"),
    RQ("cRefs", CSVP_IN, &csvp_t_ulong, "unsigned long", "in"),
    RQ("cIids", CSVP_IN, &csvp_t_ushort, "unsigned short", "in"),
    RQ_SIZED("iids", CSVP_IN, &t_iid_array, "IID*", "in, size_is(cIids)", 2),
    RQ_SIZED("ppQIResults", CSVP_OUT, &t_qi_results_ptr, "REMQIRESULT**", "out, size_is(,cIids)", 2),
};
const csvp_method csvp_remqueryinterface = { .opnum = 3, .name = "RemQueryInterface", .section = "MS-DCOM 3.1.1.5.6.1.1",
                                             .params = remqueryinterface_params,
                                             .n_params = N(remqueryinterface_params) };
