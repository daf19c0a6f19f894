/* names.c - status codes and the lookups over the tables.
 *
 * The HRESULT and Win32 codes are those the spec's method sections list
 * (Return Values tables of 3.2.4 to 3.16.4), plus the COM codes a DCOM server
 * commonly returns; the fault codes are C706 Appendix E and MS-RPCE 2.3.1. */
#include "tables_internal.h"

#include <string.h>

static const csvp_name statuses[] = {
    { 0x00000000, "S_OK" },
    { 0x00000001, "S_FALSE" },
    { 0x00000057, "ERROR_INVALID_PARAMETER" },
    { 0x80004001, "E_NOTIMPL" },
    { 0x80004002, "E_NOINTERFACE" },
    { 0x80004003, "E_POINTER" },
    { 0x80004005, "E_FAIL" },
    { 0x8000FFFF, "E_UNEXPECTED" },
    { 0x80070002, "ERROR_FILE_NOT_FOUND" },
    { 0x80070005, "E_ACCESSDENIED" },
    { 0x8007000E, "E_OUTOFMEMORY" },
    { 0x80070015, "ERROR_NOT_READY" },
    { 0x8007001D, "ERROR_WRITE_FAULT" },
    { 0x8007001E, "ERROR_READ_FAULT" },
    { 0x80070022, "ERROR_WRONG_DISK" },
    { 0x80070032, "ERROR_NOT_SUPPORTED" },
    { 0x80070057, "E_INVALIDARG" },
    { 0x8007007A, "ERROR_INSUFFICIENT_BUFFER" },
    { 0x800700EA, "ERROR_MORE_DATA" },
    { 0x80070102, "WAIT_TIMEOUT" },
    { 0x800703ED, "ERROR_UNRECOGNIZED_VOLUME" },
    { 0x80070490, "ERROR_NOT_FOUND" },
    { 0x80070548, "ERROR_INVALID_SERVER_STATE" },
    { 0x800706BA, "RPC_S_SERVER_UNAVAILABLE" },
    { 0x800707DE, "ERROR_DUPLICATE_TAG" },
    { 0x8007139F, "ERROR_INVALID_STATE" },
    { 0x80010108, "RPC_E_DISCONNECTED" },
    { 0x80010114, "RPC_E_INVALID_OBJECT" },
};

static const csvp_name faults[] = {
    { 0x00000005, "nca_s_fault_access_denied" },
    { 0x000006D1, "RPC_S_PROCNUM_OUT_OF_RANGE" },
    { 0x000006F4, "RPC_X_NULL_REF_POINTER" },
    { 0x000006F7, "RPC_X_BAD_STUB_DATA" },
    { 0x1C000001, "nca_s_fault_int_div_by_zero" },
    { 0x1C000002, "nca_s_fault_addr_error" },
    { 0x1C000003, "nca_s_fault_fp_div_zero" },
    { 0x1C000004, "nca_s_fault_fp_underflow" },
    { 0x1C000005, "nca_s_fault_fp_overflow" },
    { 0x1C000006, "nca_s_fault_invalid_tag" },
    { 0x1C000007, "nca_s_fault_invalid_bound" },
    { 0x1C000008, "nca_s_rpc_version_mismatch" },
    { 0x1C000009, "nca_s_unspec_reject" },
    { 0x1C00000A, "nca_s_bad_actid" },
    { 0x1C00000B, "nca_s_who_are_you_failed" },
    { 0x1C00000C, "nca_s_manager_not_entered" },
    { 0x1C00000D, "nca_s_fault_cancel" },
    { 0x1C00000E, "nca_s_fault_ill_inst" },
    { 0x1C00000F, "nca_s_fault_fp_error" },
    { 0x1C000010, "nca_s_fault_int_overflow" },
    { 0x1C000012, "nca_s_fault_unspec" },
    { 0x1C000013, "nca_s_fault_remote_comm_failure" },
    { 0x1C000014, "nca_s_fault_pipe_empty" },
    { 0x1C000015, "nca_s_fault_pipe_closed" },
    { 0x1C000016, "nca_s_fault_pipe_order" },
    { 0x1C000017, "nca_s_fault_pipe_discipline" },
    { 0x1C000018, "nca_s_fault_pipe_comm_error" },
    { 0x1C000019, "nca_s_fault_pipe_memory" },
    { 0x1C00001A, "nca_s_fault_context_mismatch" },
    { 0x1C00001B, "nca_s_fault_remote_no_memory" },
    { 0x1C00001C, "nca_s_invalid_pres_context_id" },
    { 0x1C00001D, "nca_s_unsupported_authn_level" },
    { 0x1C00001F, "nca_s_invalid_checksum" },
    { 0x1C000020, "nca_s_invalid_crc" },
    { 0x1C000021, "nca_s_fault_user_defined" },
    { 0x1C000022, "nca_s_fault_tx_open_failed" },
    { 0x1C000023, "nca_s_fault_codeset_conv_error" },
    { 0x1C000024, "nca_s_fault_object_not_found" },
    { 0x1C000025, "nca_s_fault_no_client_stub" },
    { 0x1C010001, "nca_s_comm_failure" },
    { 0x1C010002, "nca_s_op_rng_error" },
    { 0x1C010003, "nca_s_unk_if" },
    { 0x1C010006, "nca_s_wrong_boot_time" },
    { 0x1C010009, "nca_s_you_crashed" },
    { 0x1C01000B, "nca_s_proto_error" },
    { 0x1C010013, "nca_s_out_args_too_big" },
    { 0x1C010014, "nca_s_server_too_busy" },
    { 0x1C010015, "nca_s_fault_string_too_long" },
    { 0x1C010017, "nca_s_unsupported_type" },
};

const char *csvp_name_lookup(const csvp_name *names, guint16 n, guint32 value)
{
    for (guint16 i = 0; i < n; i++)
        if (names[i].value == value)
            return names[i].name;
    return NULL;
}

const char *csvp_status_name(guint32 code)
{
    return csvp_name_lookup(statuses, G_N_ELEMENTS(statuses), code);
}

const char *csvp_fault_name(guint32 code)
{
    return csvp_name_lookup(faults, G_N_ELEMENTS(faults), code);
}

const csvp_name *csvp_status_table(size_t *n)
{
    *n = G_N_ELEMENTS(statuses);
    return statuses;
}

const csvp_name *csvp_fault_table(size_t *n)
{
    *n = G_N_ELEMENTS(faults);
    return faults;
}

void csvp_guid_text(const guint8 g[16], char out[37])
{
    static const char digits[] = "0123456789abcdef";
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = digits[g[i] >> 4];
        *p++ = digits[g[i] & 15];
    }
    *p = '\0';
}

bool csvp_guid_parse(const char *text, guint8 out[16])
{
    guint k = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '-')
            continue;
        if (!g_ascii_isxdigit(p[0]) || !g_ascii_isxdigit(p[1]) || k == 16)
            return false;
        out[k++] = (guint8)(g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]));
        p++;
    }
    return k == 16 && strlen(text) == 36;
}

/* ---- lookups ---- */

const csvp_interface *const *csvp_interfaces(size_t *n)
{
    *n = csvp_n_interfaces;
    return csvp_all_interfaces;
}

const csvp_type *const *csvp_named_types(size_t *n)
{
    *n = csvp_n_named_types;
    return csvp_all_named_types;
}

const csvp_interface *csvp_interface_by_name(const char *name)
{
    for (size_t i = 0; i < csvp_n_interfaces; i++)
        if (g_ascii_strcasecmp(csvp_all_interfaces[i]->name, name) == 0)
            return csvp_all_interfaces[i];
    return NULL;
}

const csvp_interface *csvp_interface_by_uuid_text(const char *uuid)
{
    for (size_t i = 0; i < csvp_n_interfaces; i++)
        if (g_ascii_strcasecmp(csvp_all_interfaces[i]->uuid, uuid) == 0)
            return csvp_all_interfaces[i];
    return NULL;
}

const csvp_interface *csvp_interface_by_uuid(const guint8 uuid[16])
{
    /* Called once per call on the capture path: compare bytes, parsed once from the tables' text. */
    static guint8 (*parsed)[16];   /* one per interface, for the life of the process */
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        parsed = g_malloc(csvp_n_interfaces * sizeof *parsed);
        for (size_t i = 0; i < csvp_n_interfaces; i++)
            csvp_guid_parse(csvp_all_interfaces[i]->uuid, parsed[i]);
        g_once_init_leave(&ready, 1);
    }
    for (size_t i = 0; i < csvp_n_interfaces; i++)
        if (memcmp(parsed[i], uuid, 16) == 0)
            return csvp_all_interfaces[i];
    return NULL;
}

const csvp_method *csvp_method_by_opnum(const csvp_interface *itf, guint opnum)
{
    return itf && opnum < itf->n_methods ? &itf->methods[opnum] : NULL;
}

bool csvp_method_named(const csvp_method *m, const char *name)
{
    return strcmp(m->name, name) == 0 || (m->idl_name && strcmp(m->idl_name, name) == 0);
}

const csvp_method *csvp_method_by_name(const char *name, const csvp_interface **itf_out)
{
    for (size_t i = 0; i < csvp_n_interfaces; i++)
        for (guint j = 0; j < csvp_all_interfaces[i]->n_methods; j++)
            if (csvp_method_named(&csvp_all_interfaces[i]->methods[j], name) &&
                !csvp_all_interfaces[i]->methods[j].iunknown) {
                if (itf_out)
                    *itf_out = csvp_all_interfaces[i];
                return &csvp_all_interfaces[i]->methods[j];
            }
    return NULL;
}
