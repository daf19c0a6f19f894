/* test_storage2.c - decode vectors for every IClusterStorage2 method (spec 3.2.4).
 *
 * Offsets below are derived by hand. A request starts with ORPCTHIS: 32 bytes
 * (COMVERSION 4, flags 4, reserved1 4, cid 16, extensions pointer 4), or 88
 * with the extension (32 + ORPC_EXTENT_ARRAY 12 + pointer array 4+2*4 + ORPC_EXTENT
 * 4+16+4+8, see vec.c). A response starts with ORPCTHAT: 8 bytes (flags, NULL
 * extensions). CPREP_DISKID: DiskIdType u16 at +0, discriminant u16 at +2, arm
 * at +4: 8 bytes for a ULONG arm, 20 for the GUID arm.
 */
#include "vec.h"

#define DISK_GUID "a1b2c3d4-e5f6-4789-abcd-ef0123456789"

/* ---- the CPREP_DISKID-only methods: one request per method, arms in turn ---- */

static const guint16 arms[] = { ID_SIG, ID_GUID, ID_NUMBER, ID_UNKNOWN };
static const char *const arm_names[] = { "CprepIdSignature", "CprepIdGuid", "CprepIdNumber", "CprepIdUnknown" };
static const char *const arm_fields[] = { "DiskId.DiskSignature", "DiskId.DiskGuid", "DiskId.DeviceNumber",
                                          "DiskId.Junk" };

static void diskid_only_req(vec *v, int arg)
{
    put_orpcthis(v, arg % 2);
    put_diskid(v, arms[arg % 4], 0x12345678u + (guint32)arg, DISK_GUID);
}

static void diskid_only_req_check(const csvp_tree *t, int arg)
{
    guint32 at = arg % 2 ? 88 : 32;
    EXPECT_U(t, "DiskId.DiskIdType", arms[arg % 4]);
    EXPECT_NAME(t, "DiskId.DiskIdType", arm_names[arg % 4]);
    EXPECT_OFF(t, "DiskId.DiskIdType", at);
    EXPECT_OFF(t, arm_fields[arg % 4], at + 4);
    if (arms[arg % 4] == ID_GUID)
        EXPECT_GUID(t, "DiskId.DiskGuid", DISK_GUID);
    else
        EXPECT_U(t, arm_fields[arg % 4], 0x12345678u + (guint32)arg);
    if (arg % 2) {
        EXPECT_U(t, "ORPCTHIS.extensions.size", 1);
        EXPECT_GUID(t, "ORPCTHIS.extensions.extent[0].id", EXT_ID);
        EXPECT_U(t, "ORPCTHIS.extensions.extent[0].size", 5);
        EXPECT_BYTES(t, "ORPCTHIS.extensions.extent[0].data", "\x01\x02\x03\x04\x05\x00\x00\x00", 8);
        EXPECT_OFF(t, "ORPCTHIS.extensions.extent[0].data", 80);
        EXPECT_NULL(t, "ORPCTHIS.extensions.extent[1]");
    } else {
        EXPECT_NULL(t, "ORPCTHIS.extensions");
    }
    EXPECT_U(t, "ORPCTHIS.version.MajorVersion", 5);
    EXPECT_U(t, "ORPCTHIS.version.MinorVersion", 7);
    EXPECT_GUID(t, "ORPCTHIS.cid", CID);
}

/* Responses: ORPCTHAT then the HRESULT at 8 (or at 64 after the extension). */
static const struct { guint32 code; const char *name; } results[] = {
    { 0x00000000, "S_OK" }, { 0x80070015, "ERROR_NOT_READY" }, { 0x80070548, "ERROR_INVALID_SERVER_STATE" },
    { 0x800707DE, "ERROR_DUPLICATE_TAG" }, { 0x8007139F, "ERROR_INVALID_STATE" }, { 0x80070022, "ERROR_WRONG_DISK" },
    { 0x80070057, "E_INVALIDARG" },
};

static void hresult_resp(vec *v, int arg)
{
    put_orpcthat(v, arg % 2);
    put_u32(v, results[arg % G_N_ELEMENTS(results)].code);
}

static void hresult_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "hresult", results[arg % G_N_ELEMENTS(results)].code);
    EXPECT_NAME(t, "hresult", results[arg % G_N_ELEMENTS(results)].name);
    EXPECT_OFF(t, "hresult", arg % 2 ? 64 : 8);
    EXPECT_U(t, "ORPCTHAT.flags", 0);
}

/* ---- CprepDiskRawRead (3.2.4.1) ---- */

/* ORPCTHIS+ext 0..88; DiskId 88 (type 88, discriminant 90, DiskSignature 92); ulSector 96; cbData 100. */
static void rawread_req(vec *v, int arg)
{
    put_orpcthis(v, true);
    put_diskid(v, ID_SIG, 0x12345678, NULL);
    put_u32(v, 2048);
    put_u32(v, 512);
}

static void rawread_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskId.DiskSignature", 0x12345678);
    EXPECT_OFF(t, "DiskId.DiskSignature", 92);
    EXPECT_U(t, "ulSector", 2048);
    EXPECT_OFF(t, "ulSector", 96);
    EXPECT_U(t, "cbData", 512);
    EXPECT_OFF(t, "cbData", 100);
}

/* arg 0: ORPCTHAT 0..8; pbData: max_count 8 = 16, offset 12 = 0, actual_count 16 = 6, bytes 20..26;
 * pcbDataRead aligned to 28 = 6; ulLatency 32 = 17; hresult 36.
 * arg 1 (a failed read): actual_count 0, no bytes: pcbDataRead 20 = 0, ulLatency 24, hresult 28. */
static void rawread_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 16);
    put_u32(v, 0);
    put_u32(v, arg ? 0 : 6);
    if (!arg)
        put_bytes(v, "\xde\xad\xbe\xef\x55\xaa", 6);
    put_u32(v, arg ? 0 : 6);
    put_u32(v, 17);
    put_u32(v, arg ? 0x8007001E : 0);
}

static void rawread_resp_check(const csvp_tree *t, int arg)
{
    const csvp_node *d = node_at(t, "pbData");
    CHECK(d && d->max_count == 16 && d->actual_count == (arg ? 0u : 6u));
    if (arg) {
        CHECK(d && d->kind == CSVP_N_BYTES && d->v.bytes.len == 0);
        EXPECT_OFF(t, "pcbDataRead", 20);
        EXPECT_NAME(t, "hresult", "ERROR_READ_FAULT");
        EXPECT_OFF(t, "hresult", 28);
        return;
    }
    EXPECT_BYTES(t, "pbData", "\xde\xad\xbe\xef\x55\xaa", 6);
    EXPECT_OFF(t, "pbData", 20);
    EXPECT_U(t, "pcbDataRead", 6);
    EXPECT_OFF(t, "pcbDataRead", 28);
    EXPECT_U(t, "ulLatency", 17);
    EXPECT_OFF(t, "hresult", 36);
}

/* ---- CprepDiskRawWrite (3.2.4.2) ---- */

/* DiskId 32 with the GUID arm 36..52; ulSector 52; cbData 56 = 4; pbData max_count 60, bytes 64..68. */
static void rawwrite_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_GUID, 0, DISK_GUID);
    put_u32(v, 7);
    put_u32(v, 4);
    put_u32(v, 4);
    put_bytes(v, "CSVP", 4);
}

static void rawwrite_req_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "DiskId.DiskIdType", "CprepIdGuid");
    EXPECT_GUID(t, "DiskId.DiskGuid", DISK_GUID);
    EXPECT_OFF(t, "DiskId.DiskGuid", 36);
    EXPECT_U(t, "ulSector", 7);
    EXPECT_OFF(t, "ulSector", 52);
    EXPECT_BYTES(t, "pbData", "CSVP", 4);
    EXPECT_OFF(t, "pbData", 64);
}

static void rawwrite_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 4);
    put_u32(v, 3);
    put_u32(v, 0x8007001D);
}

static void rawwrite_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pcbDataWritten", 4);
    EXPECT_U(t, "ulLatency", 3);
    EXPECT_NAME(t, "hresult", "ERROR_WRITE_FAULT");
    EXPECT_OFF(t, "hresult", 16);
}

/* ---- CprepPrepareNode (3.2.4.3): no [in] parameters ---- */

static void orpcthis_only(vec *v, int arg)
{
    put_orpcthis(v, arg);
}

static void orpcthis_only_check(const csvp_tree *t, int arg)
{
    /* ORPCTHIS alone: the root has that one child. */
    CHECK(t->root->first && t->root->first == t->root->last);
    EXPECT_U(t, "ORPCTHIS.version.MajorVersion", 5);
    if (arg)
        EXPECT_U(t, "ORPCTHIS.extensions.extent[0].size", 5);
}

static void prepare_resp(vec *v, int arg)
{
    put_orpcthat(v, true);
    put_u32(v, 6);
    put_u32(v, 2);
    put_u32(v, 0x00010003);
    put_u32(v, 0);
}

/* ORPCTHAT with the extension: 4 + 4 + 12 + 12 + 32 = 64; the three ULONGs at 64, 68, 72; hresult 76. */
static void prepare_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pulMajorVersion", 6);
    EXPECT_OFF(t, "pulMajorVersion", 64);
    EXPECT_U(t, "pulMinorVersion", 2);
    EXPECT_U(t, "pdwCPrepVersion", 0x00010003);
    EXPECT_NAME(t, "hresult", "S_OK");
    EXPECT_OFF(t, "hresult", 76);
    EXPECT_GUID(t, "ORPCTHAT.extensions.extent[0].id", EXT_ID);
}

/* ---- CprepPrepareNodePhase2 (3.2.4.4) ---- */

static void phase2_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 1);
}

static void phase2_req_check(const csvp_tree *t, int arg)
{
    /* 1 = ForceOfflineNonClusteredDisks (3.2.4.4 of rev 34, which renamed AttachDisksOnSystemBus to Flags) */
    EXPECT_U(t, "Flags", 1);
    EXPECT_OFF(t, "Flags", 32);
}

static void phase2_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 3);
    put_u32(v, 0);
}

static void phase2_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pulNumDisks", 3);
    EXPECT_OFF(t, "pulNumDisks", 8);
}

/* ---- CprepDiskGetProps (3.2.4.5) ---- */

static void getprops_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_NUMBER, 2, NULL);
}

static void getprops_req_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "DiskId.DiskIdType", "CprepIdNumber");
    EXPECT_U(t, "DiskId.DeviceNumber", 2);
    EXPECT_OFF(t, "DiskId.DeviceNumber", 36);
}

/* DISK_PROPS at 8: DiskNumber 8; DiskId 12 (GUID arm 16..32); DiskBusType 32; StackType 36 (u16);
 * ScsiAddress aligned to 40: Length 40, PortNumber 44, PathId 45, TargetId 46, Lun 47; DiskIsClusterable 48;
 * AdapterDesc 52..572 (260 wchar_t); NumPaths 572; Flags 576; hresult 580. */
static void getprops_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 2);
    put_diskid(v, ID_GUID, 0, DISK_GUID);
    put_u32(v, 0x0A);
    put_u16(v, 1);
    put_u32(v, 8);
    put_u8(v, 1);
    put_u8(v, 0);
    put_u8(v, 3);
    put_u8(v, 0);
    put_u32(v, 1);
    guint32 start = vec_len(v);
    put_units(v, "LSI Adapter, SAS2 2308", true);
    while (vec_len(v) < start + 520)
        put_u16(v, 0);
    put_u32(v, 2);
    put_u32(v, 0x00082000);
    put_u32(v, 0);
}

static void getprops_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskProps.DiskNumber", 2);
    EXPECT_GUID(t, "DiskProps.DiskId.DiskGuid", DISK_GUID);
    EXPECT_OFF(t, "DiskProps.DiskId.DiskGuid", 16);
    EXPECT_NAME(t, "DiskProps.DiskBusType", "BusTypeSas");
    EXPECT_NAME(t, "DiskProps.StackType", "DiskStackStorPort");
    EXPECT_OFF(t, "DiskProps.StackType", 36);
    EXPECT_U(t, "DiskProps.ScsiAddress.Length", 8);
    EXPECT_OFF(t, "DiskProps.ScsiAddress.Length", 40);
    EXPECT_U(t, "DiskProps.ScsiAddress.TargetId", 3);
    EXPECT_OFF(t, "DiskProps.ScsiAddress.TargetId", 46);
    EXPECT_I(t, "DiskProps.DiskIsClusterable", 1);
    EXPECT_STR(t, "DiskProps.AdapterDesc", "LSI Adapter, SAS2 2308");
    EXPECT_OFF(t, "DiskProps.AdapterDesc", 52);
    EXPECT_U(t, "DiskProps.NumPaths", 2);
    EXPECT_OFF(t, "DiskProps.NumPaths", 572);
    EXPECT_U(t, "DiskProps.Flags", 0x00082000);
    EXPECT_OFF(t, "hresult", 580);
}

/* ---- CprepDiskOnline (3.2.4.7) ---- */

static void online_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_UNKNOWN, 0xdeadbeef, NULL);
}

static void online_req_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "DiskId.DiskIdType", "CprepIdUnknown");
    EXPECT_U(t, "DiskId.Junk", 0xdeadbeef);
}

static void online_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 4);
    put_u32(v, 0);
}

static void online_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "MaxPartitionNumber", 4);
}

/* ---- CprepDiskWriteFileData (3.2.4.9), CprepDiskVerifyFileData (3.2.4.10) ----
 * DiskId 32..40 (signature); ulPartition 40; FileName: max_count 44 = 12, offset 48, actual_count 52 = 12,
 * "CsvTest.dat" + NUL 56..80; cbDataIn 80 = 10; DataIn max_count 84, bytes 88..98. Big-endian for arg 1,
 * with the DeviceNumber arm (same layout). */
static void filedata_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, arg ? ID_NUMBER : ID_SIG, arg ? 5 : 0x0badf00d, NULL);
    put_u32(v, 1);
    put_wstr(v, "CsvTest.dat");
    put_u32(v, 10);
    put_u32(v, 10);
    put_bytes(v, "0123456789", 10);
}

static void filedata_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, arg ? "DiskId.DeviceNumber" : "DiskId.DiskSignature", arg ? 5 : 0x0badf00d);
    EXPECT_U(t, "ulPartition", 1);
    EXPECT_STR(t, "FileName", "CsvTest.dat");
    EXPECT_OFF(t, "FileName", 44);
    CHECK(node_at(t, "FileName") && node_at(t, "FileName")->actual_count == 12);
    EXPECT_U(t, "cbDataIn", 10);
    EXPECT_OFF(t, "cbDataIn", 80);
    EXPECT_BYTES(t, "DataIn", "0123456789", 10);
    EXPECT_OFF(t, "DataIn", 88);
}

/* ---- CprepDiskDeleteFile (3.2.4.11): DiskId 32..52 (GUID); ulPartition 52; FileName 56.. ---- */

static void deletefile_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_GUID, 0, DISK_GUID);
    put_u32(v, 2);
    put_wstr(v, "Ünïcode-𝄞.tmp");
}

static void deletefile_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "ulPartition", 2);
    EXPECT_OFF(t, "FileName", 56);
    EXPECT_STR(t, "FileName", "Ünïcode-𝄞.tmp");   /* a surrogate pair inside */
}

static void deletefile_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 0x80070002);
}

static void deletefile_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "hresult", "ERROR_FILE_NOT_FOUND");
}

/* ---- CprepDiskGetUniqueIds (3.2.4.13) ---- */

static void uniqueids_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 0x0a0b0c0d, NULL);
    put_u32(v, 80);
}

static void uniqueids_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskId.DiskSignature", 0x0a0b0c0d);
    EXPECT_U(t, "cbData", 80);
    EXPECT_OFF(t, "cbData", 40);
}

/* pbData: max_count 8 = 80, offset 12, actual_count 16 = 64, the descriptor 20..84; pcbDataOut 84 = 64;
 * pcbNeeded 88 = 64; hresult 92. */
static void uniqueids_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 80);
    put_u32(v, 0);
    put_u32(v, 64);
    put_sdid(v);
    put_u32(v, 64);
    put_u32(v, 64);
    put_u32(v, 0);
}

static void uniqueids_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_OFF(t, "pbData", 20);
    EXPECT_U(t, "pbData.decoded.NumberOfIdentifiers", 2);
    EXPECT_NAME(t, "pbData.decoded.Identifiers[1].Type", "StorageIdTypeVendorId");
    EXPECT_OFF(t, "pbData.decoded.Identifiers[1]", 20 + 36);
    EXPECT_U(t, "pcbDataOut", 64);
    EXPECT_OFF(t, "pcbDataOut", 84);
    EXPECT_U(t, "pcbNeeded", 64);
}

/* ---- CprepDiskDiskPartitionIsNtfs (3.2.4.20) ---- */

static void isntfs_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_NUMBER, 1, NULL);
    put_u32(v, 3);
}

static void isntfs_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskId.DeviceNumber", 1);
    EXPECT_U(t, "ulPartition", 3);
    EXPECT_OFF(t, "ulPartition", 40);
}

static void isntfs_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 0x800703ED);
}

static void isntfs_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "hresult", "ERROR_UNRECOGNIZED_VOLUME");
}

/* ---- CprepDiskGetArbSectors (3.2.4.21), CprepDiskIsPRPresent (3.2.4.22) ---- */

static void sectors_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 11);
    put_u32(v, 12);
    put_u32(v, 0);
}

static void sectors_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "SectorX", 11);
    EXPECT_U(t, "SectorY", 12);
    EXPECT_OFF(t, "SectorY", 12);
}

static void prpresent_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 1);
    put_u32(v, 0);
}

static void prpresent_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "Present", 1);
}

/* ---- CprepDiskGetFSName (3.2.4.27): FsName wchar_t[100] at 8..208, hresult 208 ---- */

static void fsname_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 0x11111111, NULL);
    put_u32(v, 1);
}

static void fsname_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "Partition", 1);
}

static void fsname_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_units(v, "NTFS", true);
    for (int i = 5; i < 100; i++)
        put_u16(v, 0);
    put_u32(v, 0);
}

static void fsname_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_STR(t, "FsName", "NTFS");
    EXPECT_OFF(t, "FsName", 8);
    EXPECT_OFF(t, "hresult", 208);
}

/* ---- CprepDiskGetDsms (3.2.4.29) ---- */

static void dsms_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 300);
}

static void dsms_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "Size", 300);
}

/* pReserved 8 = 292; RegisteredDsms max_count 12 = 300, offset 16, actual_count 20 = 292, bytes 24..316;
 * hresult 316. */
static void dsms_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 292);
    put_u32(v, 300);
    put_u32(v, 0);
    put_u32(v, 292);
    put_dsms(v);
    put_u32(v, 0);
}

static void dsms_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pReserved", 292);
    EXPECT_OFF(t, "RegisteredDsms", 24);
    EXPECT_U(t, "RegisteredDsms.decoded.NumDsms", 2);
    EXPECT_STR(t, "RegisteredDsms.decoded.Dms[1].DsmName", "Contoso MPIO DSM");
    EXPECT_OFF(t, "hresult", 316);
}

#define S2 "IClusterStorage2"
#define REQ(m, b, c) { S2, m, CSVP_IN, true, b, c, 0 }
#define RESP(m, b, c) { S2, m, CSVP_OUT, true, b, c, 0 }
/* The method name is a literal: an element of a const array is not a constant initialiser for clang. */
#define DISKID_ONLY_CASES(i, m)                                                                           \
    { S2, m, CSVP_IN, true, diskid_only_req, diskid_only_req_check, i },                                  \
    { S2, m, CSVP_OUT, true, hresult_resp, hresult_resp_check, i }

static const vec_case storage2_cases[] = {
    REQ("CprepDiskRawRead", rawread_req, rawread_req_check),
    RESP("CprepDiskRawRead", rawread_resp, rawread_resp_check),
    { S2, "CprepDiskRawRead", CSVP_OUT, true, rawread_resp, rawread_resp_check, 1 },
    REQ("CprepDiskRawWrite", rawwrite_req, rawwrite_req_check),
    RESP("CprepDiskRawWrite", rawwrite_resp, rawwrite_resp_check),
    REQ("CprepPrepareNode", orpcthis_only, orpcthis_only_check),
    { S2, "CprepPrepareNode", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 1 },
    RESP("CprepPrepareNode", prepare_resp, prepare_resp_check),
    REQ("CprepPrepareNodePhase2", phase2_req, phase2_req_check),
    RESP("CprepPrepareNodePhase2", phase2_resp, phase2_resp_check),
    REQ("CprepDiskGetProps", getprops_req, getprops_req_check),
    RESP("CprepDiskGetProps", getprops_resp, getprops_resp_check),
    REQ("CprepDiskOnline", online_req, online_req_check),
    RESP("CprepDiskOnline", online_resp, online_resp_check),
    REQ("CprepDiskWriteFileData", filedata_req, filedata_req_check),
    { S2, "CprepDiskWriteFileData", CSVP_IN, false, filedata_req, filedata_req_check, 1 },
    { S2, "CprepDiskWriteFileData", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0 },
    { S2, "CprepDiskVerifyFileData", CSVP_IN, false, filedata_req, filedata_req_check, 1 },
    { S2, "CprepDiskVerifyFileData", CSVP_OUT, false, hresult_resp, hresult_resp_check, 1 },
    REQ("CprepDiskDeleteFile", deletefile_req, deletefile_req_check),
    RESP("CprepDiskDeleteFile", deletefile_resp, deletefile_resp_check),
    REQ("CprepDiskGetUniqueIds", uniqueids_req, uniqueids_req_check),
    RESP("CprepDiskGetUniqueIds", uniqueids_resp, uniqueids_resp_check),
    REQ("CprepDiskDiskPartitionIsNtfs", isntfs_req, isntfs_req_check),
    RESP("CprepDiskDiskPartitionIsNtfs", isntfs_resp, isntfs_resp_check),
    { S2, "CprepDiskGetArbSectors", CSVP_IN, true, diskid_only_req, diskid_only_req_check, 2 },
    RESP("CprepDiskGetArbSectors", sectors_resp, sectors_resp_check),
    { S2, "CprepDiskIsPRPresent", CSVP_IN, true, diskid_only_req, diskid_only_req_check, 3 },
    RESP("CprepDiskIsPRPresent", prpresent_resp, prpresent_resp_check),
    REQ("CprepDiskGetFSName", fsname_req, fsname_req_check),
    RESP("CprepDiskGetFSName", fsname_resp, fsname_resp_check),
    REQ("CprepDiskGetDsms", dsms_req, dsms_req_check),
    RESP("CprepDiskGetDsms", dsms_resp, dsms_resp_check),
    DISKID_ONLY_CASES(0, "CprepDiskStopDefense"), DISKID_ONLY_CASES(1, "CprepDiskVerifyUnique"),
    DISKID_ONLY_CASES(2, "CprepDiskOffline"), DISKID_ONLY_CASES(3, "CprepDiskAttach"),
    DISKID_ONLY_CASES(4, "CprepDiskPRArbitrate"), DISKID_ONLY_CASES(5, "CprepDiskPRRegister"),
    DISKID_ONLY_CASES(6, "CprepDiskPRUnRegister"), DISKID_ONLY_CASES(7, "CprepDiskPRReserve"),
    DISKID_ONLY_CASES(8, "CprepDiskPRRelease"), DISKID_ONLY_CASES(9, "CprepDiskPRPreempt"),
    DISKID_ONLY_CASES(10, "CprepDiskPRClear"), DISKID_ONLY_CASES(11, "CprepDiskIsOnline"),
    DISKID_ONLY_CASES(12, "CprepDiskSetOnline"), DISKID_ONLY_CASES(13, "CprepDiskIsReadable"),
};
const vec_suite storage2_suite = { "storage2", storage2_cases, G_N_ELEMENTS(storage2_cases), { S2 }, NULL };
