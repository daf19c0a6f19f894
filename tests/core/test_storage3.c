/* test_storage3.c - decode vectors for every IClusterStorage3 method (spec 3.4.4).
 *
 * Requests start with ORPCTHIS (32 bytes without extension), responses with
 * ORPCTHAT (8 bytes); offsets below are derived by hand from there. A hyper
 * (ULONGLONG) aligns to 8 (C706 14.2.2); BOOLEAN is one octet.
 */
#include "vec.h"

#include <string.h>

#define DISK_GUID "00112233-4455-6677-8899-aabbccddeeff"
#define POOL_GUID "c0ffee00-1234-5678-9abc-def012345678"
#define SHARE_GUID "9e3f2a1b-7c6d-4e5f-a0b1-c2d3e4f5a6b7"

static const guint16 arms[] = { ID_SIG, ID_GUID, ID_NUMBER, ID_UNKNOWN };

static void orpcthis_only(vec *v, int arg)
{
    put_orpcthis(v, arg);
}

static void orpcthis_only_check(const csvp_tree *t, int arg)
{
    CHECK(t->root->first && t->root->first == t->root->last);
    EXPECT_GUID(t, "ORPCTHIS.cid", CID);
}

static void hresult_resp(vec *v, int arg)
{
    put_orpcthat(v, arg);
    put_u32(v, arg ? 0x80004005 : 0);
}

static void hresult_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_NAME(t, "hresult", arg ? "E_FAIL" : "S_OK");
    EXPECT_OFF(t, "hresult", arg ? 64 : 8);
}

/* ---- CprepDiskGetUniqueIds3 (3.4.4.1) ---- */

static void uid3_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_GUID, 0, DISK_GUID);
}

static void uid3_req_check(const csvp_tree *t, int arg)
{
    EXPECT_GUID(t, "DiskId.DiskGuid", DISK_GUID);
    EXPECT_OFF(t, "DiskId.DiskGuid", 36);
}

/* arg 0: ppbDeviceIdHeader referent id 8, max_count 12 = 64, bytes 16..80; pcbDihSize 80 = 64;
 *        ppDeviceDescriptor referent id 84, max_count 88 = 84, a STORAGE_DEVICE_DESCRIPTOR (2.2.27, vec.h)
 *        92..176; pcbDdSize 176 = 84; hresult 180.
 * arg 1: both pointers NULL: 8, pcbDihSize 12 = 0, 16, pcbDdSize 20 = 0, hresult 24. */
static void uid3_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    if (arg) {
        put_u32(v, 0);
        put_u32(v, 0);
        put_u32(v, 0);
        put_u32(v, 0);
        put_u32(v, 0x8007007A);
        return;
    }
    put_ref(v);
    put_u32(v, 64);
    put_sdid(v);
    put_u32(v, 64);
    put_ref(v);
    put_u32(v, 84);
    put_sdd(v);
    put_u32(v, 84);
    put_u32(v, 0);
}

static void uid3_resp_check(const csvp_tree *t, int arg)
{
    if (arg) {
        EXPECT_NULL(t, "ppbDeviceIdHeader");
        EXPECT_U(t, "pcbDihSize", 0);
        EXPECT_NULL(t, "ppDeviceDescriptor");
        EXPECT_OFF(t, "pcbDdSize", 20);
        EXPECT_NAME(t, "hresult", "ERROR_INSUFFICIENT_BUFFER");
        return;
    }
    EXPECT_OFF(t, "ppbDeviceIdHeader", 16);
    EXPECT_U(t, "ppbDeviceIdHeader.decoded.Size", 64);
    EXPECT_BYTES(t, "ppbDeviceIdHeader.decoded.Identifiers[0].Identifier", "\x60\x05\x08\xb4\x00\x0a\x1b\x2c", 8);
    EXPECT_U(t, "pcbDihSize", 64);
    EXPECT_OFF(t, "pcbDihSize", 80);
    EXPECT_OFF(t, "ppDeviceDescriptor", 92);
    EXPECT_U(t, "ppDeviceDescriptor.decoded.Version", 37);
    EXPECT_NAME(t, "ppDeviceDescriptor.decoded.StorageBusType", "BusTypeiScsi");
    EXPECT_OFF(t, "ppDeviceDescriptor.decoded.StorageBusType", 92 + 28);
    EXPECT_STR(t, "ppDeviceDescriptor.decoded.VendorId", "NETAPP  ");
    EXPECT_OFF(t, "ppDeviceDescriptor.decoded.VendorId", 92 + 40);
    EXPECT_STR(t, "ppDeviceDescriptor.decoded.SerialNumber", "80D-+]JQ0002");
    EXPECT_OFF(t, "ppDeviceDescriptor.decoded.SerialNumber", 92 + 71);
    EXPECT_U(t, "pcbDdSize", 84);
    EXPECT_OFF(t, "pcbDdSize", 176);
}

/* ---- CprepCsvTestSetup3 (3.4.4.3): TestShareGuid 32..48; Reserved: counts 48..60, "unused"+NUL 60..74 ---- */

static void testsetup_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_guid(v, SHARE_GUID);
    put_wstr(v, "unused");
}

static void testsetup_req_check(const csvp_tree *t, int arg)
{
    EXPECT_GUID(t, "TestShareGuid", SHARE_GUID);
    EXPECT_OFF(t, "TestShareGuid", 32);
    EXPECT_STR(t, "Reserved", "unused");
    EXPECT_OFF(t, "Reserved", 48);
}

/* ---- CprepIsNodeClustered3 (3.4.4.4): pbIsClusterNode 8, hresult aligned to 12 ---- */

static void boolean_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u8(v, (guint8)arg);
    put_u32(v, 0);
}

static void clustered_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pbIsClusterNode", 1);
    EXPECT_OFF(t, "pbIsClusterNode", 8);
    EXPECT_OFF(t, "hresult", 12);
}

/* ---- CprepCreateNewSmbShares3 (3.4.4.5) ----
 * arg 0: referent id 8; max_count 12 = 2; element referent ids 16, 20; "\\node1\csvp$" (14 units)
 *        24..64; "\\node2\csvp$" 64..104; pdwNumberOfPaths 104 = 2; hresult 108.
 * arg 1: NULL 8; pdwNumberOfPaths 12 = 0; hresult 16.
 * arg 2: max_count 2, referent id then NULL; one string 24..64; pdwNumberOfPaths 64. */
static void newshares_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    if (arg == 1) {
        put_u32(v, 0);
        put_u32(v, 0);
        put_u32(v, 0x8007000E);
        return;
    }
    put_ref(v);
    put_u32(v, 2);
    put_ref(v);
    if (arg == 2)
        put_u32(v, 0);
    else
        put_ref(v);
    put_wstr(v, "\\\\node1\\csvp$");
    if (arg == 0)
        put_wstr(v, "\\\\node2\\csvp$");
    put_u32(v, 2);
    put_u32(v, 0);
}

static void newshares_resp_check(const csvp_tree *t, int arg)
{
    if (arg == 1) {
        EXPECT_NULL(t, "ppwszSharePaths");
        EXPECT_U(t, "pdwNumberOfPaths", 0);
        EXPECT_NAME(t, "hresult", "E_OUTOFMEMORY");
        return;
    }
    EXPECT_ELEMS(t, "ppwszSharePaths", 2);
    EXPECT_STR(t, "ppwszSharePaths[0]", "\\\\node1\\csvp$");
    EXPECT_OFF(t, "ppwszSharePaths[0]", 24);
    if (arg == 0) {
        EXPECT_STR(t, "ppwszSharePaths[1]", "\\\\node2\\csvp$");
        EXPECT_OFF(t, "ppwszSharePaths[1]", 64);
        EXPECT_OFF(t, "pdwNumberOfPaths", 104);
    } else {
        EXPECT_NULL(t, "ppwszSharePaths[1]");
        EXPECT_OFF(t, "pdwNumberOfPaths", 64);
    }
    EXPECT_U(t, "pdwNumberOfPaths", 2);
}

/* The same response as 19.0's size_is(*pdwNumberOfPaths) writes it (ERRATA.md 4): the count sizes the first
 * level, a conformant array of [unique] LPWSTR*, each pointing to an LPWSTR, each pointing to its string.
 * max_count 8 = 2; element referent ids 12, 16; element 0's LPWSTR referent id 20 and its string (counts
 * 24..36, "\\a$" 4 units + NUL 36..46, 2 padding octets); element 1's LPWSTR referent id 48 and its string
 * (counts 52..64, "\\b$" 64..74, 2 padding octets); pdwNumberOfPaths 76 = 2; hresult 80. Referents follow
 * depth first, as for every deferred pointer (C706 14.3.12.3). Read as 34.0's layout the first referent
 * id would be 2 and the max_count 0x00020000, far more than the 76 octets left: only 19.0's layout fits. */
static void newshares_r19_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 2);
    put_ref(v);
    put_ref(v);
    put_ref(v);
    put_wstr(v, "\\\\a$");
    put_ref(v);
    put_wstr(v, "\\\\b$");
    put_u32(v, 2);
    put_u32(v, 0);
}

static void newshares_r19_resp_check(const csvp_tree *t, int arg)
{
    CHECK(t->layout && strcmp(t->layout, "size_is(*pdwNumberOfPaths), revision 19.0") == 0);
    EXPECT_ELEMS(t, "ppwszSharePaths", 2);
    EXPECT_STR(t, "ppwszSharePaths[0]", "\\\\a$");
    EXPECT_OFF(t, "ppwszSharePaths[0]", 24);
    EXPECT_STR(t, "ppwszSharePaths[1]", "\\\\b$");
    EXPECT_OFF(t, "ppwszSharePaths[1]", 52);
    EXPECT_U(t, "pdwNumberOfPaths", 2);
    EXPECT_OFF(t, "pdwNumberOfPaths", 76);
    EXPECT_OFF(t, "hresult", 80);
}

/* ---- CprepConnectToNewSmbShares3 (3.4.4.6): max_count 32 = 2; referent ids 36, 40; strings 44..84,
 * 84..124; dwNumberOfPaths 124 ---- */

static void connect_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_u32(v, 2);
    put_ref(v);
    put_ref(v);
    put_wstr(v, "\\\\node1\\csvp$");
    put_wstr(v, "\\\\node2\\csvp$");
    put_u32(v, 2);
}

static void connect_req_check(const csvp_tree *t, int arg)
{
    EXPECT_ELEMS(t, "ppwszSharePaths", 2);
    EXPECT_STR(t, "ppwszSharePaths[1]", "\\\\node2\\csvp$");
    EXPECT_OFF(t, "ppwszSharePaths[1]", 84);
    EXPECT_U(t, "dwNumberOfPaths", 2);
    EXPECT_OFF(t, "dwNumberOfPaths", 124);
}

/* ---- CprepDiskGetProps3 (3.4.4.7): DISK_PROPS_EX ----
 * arg 0, little-endian, signature arm: DiskNumber 8; DiskId 12..20; DiskBusType 20; StackType 24;
 *   ScsiAddress 28..36; DiskIsClusterable 36; AdapterDesc 40..560; pwszFriendlyName 560; NumPaths 564;
 *   Flags 568; ExtendedFlags 572; pwszPoolName 576 (NULL); pwszPage83Id 580; pwszSerialNumber 584;
 *   guidPoolId 588..604; deferred: "Msft Virtual Disk" (18 units) 604..652, the 32-digit page 83 id
 *   (33 units) 652..730, "SN-0042" aligned to 732..760; hresult 760.
 * arg 1, big-endian, GUID arm: DiskId 12..32; DiskBusType 32; StackType 36; ScsiAddress 40..48;
 *   DiskIsClusterable 48; AdapterDesc 52..572; pwszFriendlyName 572; NumPaths 576; Flags 580;
 *   ExtendedFlags 584; pwszPoolName 588; pwszPage83Id 592 (NULL); pwszSerialNumber 596;
 *   guidPoolId 600..616; deferred: friendly name 616..664, "Pool 1" (7 units) 664..690,
 *   serial aligned to 692..720; hresult 720. */
#define PAGE83 "60022480a1b2c3d4e5f6a7b8c9d0e1f2"

static void props3_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 0xcafe0001, NULL);
}

static void props3_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskId.DiskSignature", 0xcafe0001);
}

static void props3_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 7);                                   /* DiskNumber */
    put_diskid(v, arg ? ID_GUID : ID_SIG, 0xcafe0001, DISK_GUID);
    put_u32(v, 0x10);                                /* DiskBusType: spaces */
    put_u16(v, 2);                                   /* StackType */
    put_u32(v, 8);                                   /* ScsiAddress */
    put_bytes(v, "\x02\x00\x01\x05", 4);
    put_u32(v, 1);                                   /* DiskIsClusterable */
    guint32 start = vec_len(v);
    put_units(v, "Microsoft Storage Spaces Controller", true);
    while (vec_len(v) < start + 520)
        put_u16(v, 0);
    put_ref(v);                                      /* pwszFriendlyName */
    put_u32(v, 1);                                   /* NumPaths */
    put_u32(v, 0xE0002000);                          /* Flags */
    put_u32(v, 3);                                   /* ExtendedFlags */
    if (arg)
        put_ref(v);                                  /* pwszPoolName */
    else
        put_u32(v, 0);
    if (arg)
        put_u32(v, 0);                               /* pwszPage83Id */
    else
        put_ref(v);
    put_ref(v);                                      /* pwszSerialNumber */
    put_guid(v, POOL_GUID);
    put_wstr(v, "Msft Virtual Disk");
    if (arg)
        put_wstr(v, "Pool 1");
    else
        put_wstr(v, PAGE83);
    put_wstr(v, "SN-0042");
    put_u32(v, 0);
}

static void props3_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pDiskProps.DiskNumber", 7);
    EXPECT_NAME(t, "pDiskProps.DiskId.DiskIdType", arg ? "CprepIdGuid" : "CprepIdSignature");
    if (arg)
        EXPECT_GUID(t, "pDiskProps.DiskId.DiskGuid", DISK_GUID);
    else
        EXPECT_U(t, "pDiskProps.DiskId.DiskSignature", 0xcafe0001);
    EXPECT_NAME(t, "pDiskProps.DiskBusType", "BusTypeSpaces");
    EXPECT_NAME(t, "pDiskProps.StackType", "DiskStackFullPort");
    EXPECT_OFF(t, "pDiskProps.StackType", arg ? 36 : 24);
    EXPECT_U(t, "pDiskProps.ScsiAddress.Lun", 5);
    EXPECT_I(t, "pDiskProps.DiskIsClusterable", 1);
    EXPECT_STR(t, "pDiskProps.AdapterDesc", "Microsoft Storage Spaces Controller");
    EXPECT_OFF(t, "pDiskProps.AdapterDesc", arg ? 52 : 40);
    EXPECT_STR(t, "pDiskProps.pwszFriendlyName", "Msft Virtual Disk");
    EXPECT_OFF(t, "pDiskProps.pwszFriendlyName", arg ? 616 : 604);
    EXPECT_U(t, "pDiskProps.NumPaths", 1);
    EXPECT_U(t, "pDiskProps.Flags", 0xE0002000);
    EXPECT_U(t, "pDiskProps.ExtendedFlags", 3);
    EXPECT_GUID(t, "pDiskProps.guidPoolId", POOL_GUID);
    EXPECT_OFF(t, "pDiskProps.guidPoolId", arg ? 600 : 588);
    EXPECT_STR(t, "pDiskProps.pwszSerialNumber", "SN-0042");
    EXPECT_OFF(t, "pDiskProps.pwszSerialNumber", arg ? 692 : 732);
    if (arg) {
        EXPECT_STR(t, "pDiskProps.pwszPoolName", "Pool 1");
        EXPECT_OFF(t, "pDiskProps.pwszPoolName", 664);
        EXPECT_NULL(t, "pDiskProps.pwszPage83Id");
        EXPECT_OFF(t, "pDiskProps.pwszPage83Id", 592);
    } else {
        EXPECT_NULL(t, "pDiskProps.pwszPoolName");
        EXPECT_OFF(t, "pDiskProps.pwszPoolName", 576);
        EXPECT_STR(t, "pDiskProps.pwszPage83Id", PAGE83);
        EXPECT_OFF(t, "pDiskProps.pwszPage83Id", 652);
    }
    EXPECT_OFF(t, "hresult", arg ? 720 : 760);
}

/* ---- CprepDiskIsReadOnly3 (3.4.4.8), CprepDiskFindKey3 (3.4.4.10) ---- */

static void readonly_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_NUMBER, 9, NULL);
}

static void readonly_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskId.DeviceNumber", 9);
}

static void readonly_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pbReadOnly", 0);
    EXPECT_OFF(t, "hresult", 12);
}

static void findkey_resp_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pbFound", 1);
}

/* ---- two-key methods: CprepDiskPRRegister3 (3.4.4.9), CprepDiskPRPreempt3 (3.4.4.11) ----
 * arg 0: GUID arm, DiskId 32..52, first key aligned to 56, second 64..72.
 * arg 1 (big-endian): signature arm 32..40, keys 40 and 48. */
static void twokeys_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, arg ? ID_SIG : ID_GUID, 0x5eed5eed, DISK_GUID);
    put_u64(v, 0x0123456789abcdefull);
    put_u64(v, 0xfedcba9876543210ull);
}

static void twokeys_check(const csvp_tree *t, const char *k1, const char *k2, int arg)
{
    EXPECT_U(t, k1, 0x0123456789abcdefull);
    EXPECT_OFF(t, k1, arg ? 40 : 56);
    EXPECT_U(t, k2, 0xfedcba9876543210ull);
    EXPECT_OFF(t, k2, arg ? 48 : 64);
}

static void register3_req_check(const csvp_tree *t, int arg)
{
    twokeys_check(t, "OldPrKey", "NewPrKey", arg);
}

static void preempt3_req_check(const csvp_tree *t, int arg)
{
    twokeys_check(t, "OwnerKey", "NewKey", arg);
}

/* ---- one-key methods: the DiskId arm in turn; the key at 40 after a ULONG arm, at 56 after the GUID arm ---- */

static void onekey_req(vec *v, int arg)
{
    put_orpcthis(v, false);
    put_diskid(v, arms[arg % 4], 0x40000000u + (guint32)arg, DISK_GUID);
    put_u64(v, 0x1122334455667788ull + (guint64)arg);
}

static void onekey_req_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "DiskId.DiskIdType", arms[arg % 4]);
    EXPECT_U(t, "Key", 0x1122334455667788ull + (guint64)arg);
    EXPECT_OFF(t, "Key", arms[arg % 4] == ID_GUID ? 56 : 40);
}

#define S3 "IClusterStorage3"
#define C(m, d, le, b, c, a) { S3, m, d, le, b, c, a }

static const vec_case storage3_cases[] = {
    C("CprepDiskGetUniqueIds3", CSVP_IN, true, uid3_req, uid3_req_check, 0),
    C("CprepDiskGetUniqueIds3", CSVP_OUT, true, uid3_resp, uid3_resp_check, 0),
    C("CprepDiskGetUniqueIds3", CSVP_OUT, true, uid3_resp, uid3_resp_check, 1),
    C("CprepCheckNetFtBindings3", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C("CprepCheckNetFtBindings3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 1),
    C("CprepCsvTestSetup3", CSVP_IN, true, testsetup_req, testsetup_req_check, 0),
    C("CprepCsvTestSetup3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C("CprepIsNodeClustered3", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 1),
    C("CprepIsNodeClustered3", CSVP_OUT, true, boolean_resp, clustered_resp_check, 1),
    C("CprepCreateNewSmbShares3", CSVP_IN, true, orpcthis_only, orpcthis_only_check, 0),
    C("CprepCreateNewSmbShares3", CSVP_OUT, true, newshares_resp, newshares_resp_check, 0),
    C("CprepCreateNewSmbShares3", CSVP_OUT, true, newshares_resp, newshares_resp_check, 1),
    C("CprepCreateNewSmbShares3", CSVP_OUT, true, newshares_resp, newshares_resp_check, 2),
    C("CprepCreateNewSmbShares3", CSVP_OUT, true, newshares_r19_resp, newshares_r19_resp_check, 0),
    C("CprepCreateNewSmbShares3", CSVP_OUT, false, newshares_r19_resp, newshares_r19_resp_check, 0),
    C("CprepConnectToNewSmbShares3", CSVP_IN, true, connect_req, connect_req_check, 0),
    C("CprepConnectToNewSmbShares3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C("CprepDiskGetProps3", CSVP_IN, true, props3_req, props3_req_check, 0),
    C("CprepDiskGetProps3", CSVP_OUT, true, props3_resp, props3_resp_check, 0),
    C("CprepDiskGetProps3", CSVP_OUT, false, props3_resp, props3_resp_check, 1),
    C("CprepDiskIsReadOnly3", CSVP_IN, true, readonly_req, readonly_req_check, 0),
    C("CprepDiskIsReadOnly3", CSVP_OUT, true, boolean_resp, readonly_resp_check, 0),
    C("CprepDiskPRRegister3", CSVP_IN, true, twokeys_req, register3_req_check, 0),
    C("CprepDiskPRRegister3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C("CprepDiskFindKey3", CSVP_IN, true, onekey_req, onekey_req_check, 3),
    C("CprepDiskFindKey3", CSVP_OUT, true, boolean_resp, findkey_resp_check, 1),
    C("CprepDiskPRPreempt3", CSVP_IN, false, twokeys_req, preempt3_req_check, 1),
    C("CprepDiskPRPreempt3", CSVP_OUT, false, hresult_resp, hresult_resp_check, 1),
    C("CprepDiskPRReserve3", CSVP_IN, true, onekey_req, onekey_req_check, 0),
    C("CprepDiskPRReserve3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C("CprepDiskIsPRPresent3", CSVP_IN, true, onekey_req, onekey_req_check, 1),
    C("CprepDiskIsPRPresent3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 1),
    C("CprepDiskPRRelease3", CSVP_IN, true, onekey_req, onekey_req_check, 2),
    C("CprepDiskPRRelease3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
    C("CprepDiskPRClear3", CSVP_IN, true, onekey_req, onekey_req_check, 3),
    C("CprepDiskPRClear3", CSVP_OUT, true, hresult_resp, hresult_resp_check, 0),
};
const vec_suite storage3_suite = { "storage3", storage3_cases, G_N_ELEMENTS(storage3_cases), { S3 }, NULL };
