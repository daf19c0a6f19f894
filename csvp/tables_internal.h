/* tables_internal.h - types shared between the table files (types.c,
 * interfaces.c, dcom_types.c, safearray.c). Not part of the public API. */
#ifndef CSVP_TABLES_INTERNAL_H
#define CSVP_TABLES_INTERNAL_H

#include "ndr.h"

/* NDR base types (C706 14.2, MS-DTYP). */
extern const csvp_type csvp_t_byte, csvp_t_uchar, csvp_t_boolean, csvp_t_ushort, csvp_t_ulong,
    csvp_t_long, csvp_t_int, csvp_t_bool_i32, csvp_t_hresult, csvp_t_ulonglong, csvp_t_guid;

/* MS-CSVP types (section 2.2). */
extern const csvp_type csvp_t_CPREP_DISKID, csvp_t_DISK_PROPS, csvp_t_DISK_PROPS_EX, csvp_t_CLUSTER_NETWORK_PROFILE,
    csvp_t_ADD_ROUTES_REQUEST, csvp_t_ADD_ROUTES_REPLY;
/* Types added by revision 34.0 (2.2.23-2.2.28). */
extern const csvp_type csvp_t_CLUSTER_CERT, csvp_t_CLUSTER_CERTTYPE, csvp_t_ClusterLogExFlag, csvp_t_ClusterLogType;
/* Method-specific value names; DISK_PROPS.DiskBusType's (2.2.5), also STORAGE_DEVICE_DESCRIPTOR's (2.2.27). */
extern const csvp_type csvp_t_bus_type;
extern const csvp_type csvp_t_address_family, csvp_t_cleanup_flags, csvp_t_phase2_flags;

/* Wire forms used by parameters. */
extern const csvp_type csvp_t_wchar;           /* wchar_t: a UTF-16 code unit */
extern const csvp_type csvp_t_string;          /* [string] wchar_t*, below a top-level [ref] */
extern const csvp_type csvp_t_lpwstr;          /* [string, unique] LPWSTR embedded in a struct or array */
extern const csvp_type csvp_t_bstr;            /* BSTR: [unique] FLAGGED_WORD_BLOB* */
extern const csvp_type csvp_t_safearray_byte;  /* SAFEARRAY(byte) */

/* MS-DCOM (dcom_types.c). */
extern const csvp_type csvp_t_ORPCTHIS, csvp_t_ORPCTHAT;

/* All named struct and enum types (types.c). */
extern const csvp_type *const csvp_all_named_types[];
extern const size_t csvp_n_named_types;

/* The eleven interfaces (interfaces.c). */
extern const csvp_interface *const csvp_all_interfaces[];
extern const size_t csvp_n_interfaces;

#endif
