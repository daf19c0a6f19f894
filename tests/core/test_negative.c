/* test_negative.c - malformed stubs: each must give one clean problem naming the
 * field and the byte where it is, and (for fatal ones) stop decoding; never a
 * crash or a sanitizer report. Each vector is a valid one (layout derived in
 * its comment) with a few bytes patched.
 */
#include "vec.h"

#include <stdio.h>
#include <string.h>

typedef struct neg {
    const char *what;
    const char *itf, *method;
    int dir;
    void (*build)(vec *v);
    const char *path;     /* the problem's field path: from the parameter down, "" for the stub as a whole */
    guint32 offset;       /* the problem's stub offset */
    bool stopped;         /* decoding stopped (fatal) */
    guint n_problems;
} neg;

/* ---- oversized counts ---- */

/* CprepDiskRawWrite: DiskId 32..40, ulSector 40, cbData 44, pbData max_count 48, bytes 52..56. */
static void rawwrite(vec *v)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 1, NULL);
    put_u32(v, 0);
    put_u32(v, 4);
    put_u32(v, 4);
    put_bytes(v, "abcd", 4);
}

static void bytes_huge(vec *v)
{
    rawwrite(v);
    patch_u32(v, 48, 0xFFFFFFF0);
}

/* CprepDiskDeleteFile: DiskId 32..40, ulPartition 40, FileName max_count 44, offset 48, actual_count 52,
 * units from 56. */
static void deletefile(vec *v, const char *name)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 1, NULL);
    put_u32(v, 0);
    put_wstr(v, name);
}

static void string_huge(vec *v)
{
    deletefile(v, "abc");
    patch_u32(v, 44, 0xFFFFFFF0);
    patch_u32(v, 52, 0xFFFFFFF0);
}

/* GetIpConfigSerialized response: Data referent id 8, max_count(cDims) 12, cDims 16, fFeatures 18,
 * cbElements 20, cLocks 24, sfType 28, clSize 32, pData 36, cElements 40, lLbound 44, data max_count 48,
 * bytes 52..56, pcbOut 56. Every patch below stops decoding before the bytes (not a valid ADAPTERLIST). */
static void safearray_bytes(vec *v)
{
    put_orpcthat(v, false);
    put_ref(v);
    put_sa_header(v, SF_I1, 0x0080, 1, 4, 4, 0);
    put_u32(v, 4);
    put_bytes(v, "\0\0\0\0", 4);
    put_u32(v, 4);
    put_u32(v, 0);
}

static void sa_cdims_huge(vec *v)
{
    safearray_bytes(v);
    patch_u32(v, 12, 0xFFFFFFF0);
}

static void sa_data_huge(vec *v)
{
    safearray_bytes(v);
    patch_u32(v, 48, 0xFFFFFFF0);
}

static void sa_wrong_sftype(vec *v)
{
    safearray_bytes(v);
    v->b->data[28] = SF_I4;   /* sfType is little-endian whatever the label */
}

/* ---- CPREP_DISKID discriminants: DiskIdType 32, the union's discriminant 34 ---- */

static void diskid_unknown(vec *v)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 1, NULL);
    patch_u16(v, 32, 7);
    patch_u16(v, 34, 7);
}

static void diskid_disagree(vec *v)
{
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 1, NULL);
    patch_u16(v, 34, ID_GUID);
}

/* ---- strings and varying arrays ---- */

static void string_unterminated(vec *v)
{
    deletefile(v, "abcd");          /* actual_count 5: "abcd" + NUL at 64 */
    patch_u16(v, 64, 'e');
}

static void string_varying_over(vec *v)
{
    deletefile(v, "abc");           /* max_count 4 */
    patch_u32(v, 48, 1);            /* offset 1 + actual_count 4 > 4 */
}

/* CprepDiskRawRead response: pbData max_count 8 = 16, offset 12, actual_count 16 = 14, bytes 20..34. */
static void array_varying_over(vec *v)
{
    put_orpcthat(v, false);
    put_u32(v, 16);
    put_u32(v, 4);
    put_u32(v, 14);
    put_bytes(v, "0123456789abcd", 14);
    put_u32(v, 14);
    put_u32(v, 0);
    put_u32(v, 0);
}

/* The same response, valid (offset 0, actual_count 6, bytes 20..26, pcbDataRead 28), with pcbDataRead 7:
 * length_is(*pcbDataRead) disagrees with actual_count; reported at the array's data, decoding goes on. */
static void length_is_differs(vec *v)
{
    put_orpcthat(v, false);
    put_u32(v, 16);
    put_u32(v, 0);
    put_u32(v, 6);
    put_bytes(v, "012345", 6);
    put_u32(v, 7);
    put_u32(v, 0);
    put_u32(v, 0);
}

/* size_is(*pdwNumberOfPaths) (csvp/ERRATA.md 4): CprepCreateNewSmbShares3 response of test_storage3.c
 * (referent id 8, max_count 12 = 2, element referent ids 16 and 20, strings 24..104) with
 * pdwNumberOfPaths 104 = 3; reported at the array (its elements start at 16). */
static void share_count_differs(vec *v)
{
    put_orpcthat(v, false);
    put_ref(v);
    put_u32(v, 2);
    put_ref(v);
    put_ref(v);
    put_wstr(v, "\\\\node1\\csvp$");
    put_wstr(v, "\\\\node2\\csvp$");
    put_u32(v, 3);
    put_u32(v, 0);
}

/* size_is(,*pcbDihSize) (csvp/ERRATA.md 3): CprepDiskGetUniqueIds3 response, ppbDeviceIdHeader referent
 * id 8, max_count 12 = 64, the descriptor 16..80, pcbDihSize 80 = 60, ppDeviceDescriptor NULL 84,
 * pcbDdSize 88 = 0; reported at the buffer (16). */
static void dih_size_differs(vec *v)
{
    put_orpcthat(v, false);
    put_ref(v);
    put_u32(v, 64);
    put_sdid(v);
    put_u32(v, 60);
    put_u32(v, 0);
    put_u32(v, 0);
    put_u32(v, 0);
}

/* ---- BSTRs: SendRTMessage SourceIPAddress referent id 32, max_count 36, cBytes 40, clSize 44 ---- */

static void rt_message(vec *v)
{
    put_orpcthis(v, false);
    put_bstr(v, "10.0.0.1");
    put_bstr(v, "10.0.0.2");
    put_u16(v, 3343);
    put_u16(v, 2);
    put_u32(v, 1);
    put_u32(v, 1);
}

static void bstr_clsize(vec *v)
{
    rt_message(v);
    patch_u32(v, 44, 9);
}

static void bstr_cbytes(vec *v)
{
    rt_message(v);
    patch_u32(v, 40, 17);
}

/* ---- SAFEARRAY(BSTR) with a NULL aBstr ([ref], MS-OAUT SAFEARR_BSTR) ----
 * ProcessAddRoutes: request referent ids 32, 36; "169.254.1.10" blob 40..76; header 76..112; aRecord
 * max_count 112, referent id 116; fFlags 120, clSize 124, pRecInfo NULL 128, pRecord 132; max_count 136,
 * prefix 140; the record from 144: remoteVirtualIP NULL 0, localUnicastIPs 4, remoteUnicastIPs NULL 8,
 * indices NULL 12; localUnicastIPs header 16..52 with Size 0, aBstr NULL at 40, cElements 0: at 184. */
static void null_ref_abstr(vec *v)
{
    vec *rec = vec_new(v->le);
    put_u32(rec, 0);
    put_ref(rec);
    put_u32(rec, 0);
    put_u32(rec, 0);
    put_sa_header(rec, SF_BSTR, 0x0100, 4, 0, 0, 0);
    patch_u32(rec, 40, 0);
    put_orpcthis(v, false);
    put_ref(v);
    put_ref(v);
    put_bstr_blob(v, "169.254.1.10");
    put_sa_header(v, SF_RECORD, 0x0020, 16, 1, 1, 0);
    put_sa_record_data(v, rec, 0);
    vec_free(rec);
}

/* ---- SF_RECORD: GetAddRoutesStatus, one ROUTE_LOSS_AND_STATE record ----
 * reply referent ids 8, 12 (indices NULL), routeUnavailable 16; replies header 20..56; aRecord max_count 56,
 * referent id 60; fFlags 64, clSize 68 (= 4 + 6), pRecInfo NULL 72, pRecord 76; max_count 80, prefix 84,
 * record 88..94; hresult 96. */
static void record_clsize(vec *v)
{
    vec *rec = vec_new(v->le);
    put_u32(rec, 3);
    put_u16(rec, 1);
    put_orpcthat(v, false);
    put_u32(v, 0);
    put_ref(v);
    put_u8(v, 1);
    put_sa_header(v, SF_RECORD, 0x0020, 8, 1, 1, 0);
    put_sa_record_data(v, rec, 0);
    put_u32(v, 0);
    vec_free(rec);
    v->b->data[68] = 11;            /* clSize (LE) 11 where pRecord holds 10 */
}

/* ---- trailing bytes after the HRESULT (at 12) ---- */

static void trailing(vec *v)
{
    put_orpcthat(v, false);
    put_u32(v, 1);
    put_u32(v, 0);
    put_u32(v, 0xdeadbeef);
}

/* ---- the element budget: CprepDiskRawWrite with 2^20 + 1 bytes at 52 ---- */

static void too_many_elements(vec *v)
{
    guint32 n = (1u << 20) + 1;
    put_orpcthis(v, false);
    put_diskid(v, ID_SIG, 1, NULL);
    put_u32(v, 0);
    put_u32(v, n);
    put_u32(v, n);
    guint8 *zero = g_malloc0(n);
    put_bytes(v, zero, n);
    g_free(zero);
}

#define S2 "IClusterStorage2"
static const neg negs[] = {
    { "byte array max_count 0xFFFFFFF0", S2, "CprepDiskRawWrite", CSVP_IN, bytes_huge, "pbData", 52,
      true, 1 },
    { "string counts 0xFFFFFFF0", S2, "CprepDiskDeleteFile", CSVP_IN, string_huge, "FileName", 56,
      true, 1 },
    { "SAFEARRAY max_count(cDims) 0xFFFFFFF0", "IClusterNetwork2", "GetIpConfigSerialized", CSVP_OUT, sa_cdims_huge,
      "Data", 12, true, 1 },
    { "SAFEARRAY data max_count 0xFFFFFFF0", "IClusterNetwork2", "GetIpConfigSerialized", CSVP_OUT, sa_data_huge,
      "Data", 52, true, 1 },
    { "SAFEARRAY sfType SF_I4 for SAFEARRAY(byte)", "IClusterNetwork2", "GetIpConfigSerialized", CSVP_OUT,
      sa_wrong_sftype, "Data", 28, true, 1 },
    { "CPREP_DISKID discriminant 7", S2, "CprepDiskOffline", CSVP_IN, diskid_unknown, "DiskId", 34,
      true, 1 },
    { "union discriminant differs from DiskIdType", S2, "CprepDiskOffline", CSVP_IN, diskid_disagree,
      "DiskId", 34, true, 1 },
    /* The problem points at the last character, the one that should have been the NUL. */
    { "unterminated string", S2, "CprepDiskDeleteFile", CSVP_IN, string_unterminated, "FileName",
      64, false, 1 },
    { "string offset + actual_count > max_count", S2, "CprepDiskDeleteFile", CSVP_IN, string_varying_over,
      "FileName", 44, true, 1 },
    { "array offset + actual_count > max_count", S2, "CprepDiskRawRead", CSVP_OUT, array_varying_over,
      "pbData", 12, true, 1 },
    { "length_is differs from actual_count", S2, "CprepDiskRawRead", CSVP_OUT, length_is_differs, "pbData", 20,
      false, 1 },
    { "size_is(*pdwNumberOfPaths) differs from max_count", "IClusterStorage3", "CprepCreateNewSmbShares3", CSVP_OUT,
      share_count_differs, "ppwszSharePaths", 16, false, 1 },
    { "size_is(,*pcbDihSize) differs from max_count", "IClusterStorage3", "CprepDiskGetUniqueIds3", CSVP_OUT,
      dih_size_differs, "ppbDeviceIdHeader", 16, false, 1 },
    { "BSTR clSize differs from max_count", "IClusterNetwork2", "SendRTMessage", CSVP_IN, bstr_clsize,
      "SourceIPAddress", 36, true, 1 },
    { "BSTR cBytes > 2 * clSize", "IClusterNetwork2", "SendRTMessage", CSVP_IN, bstr_cbytes,
      "SourceIPAddress", 40, false, 1 },
    { "NULL [ref] aBstr in a SAFEARRAY(BSTR)", "IClusterNetwork2", "ProcessAddRoutes", CSVP_IN, null_ref_abstr,
      "request.nodeRouteInfos[0].localUnicastIPs", 184, false, 1 },
    { "SF_RECORD clSize differs from the pRecord size", "IClusterNetwork2", "GetAddRoutesStatus", CSVP_OUT,
      record_clsize, "reply.replies.wireBRECORD", 80, true, 1 },
    { "trailing bytes", S2, "CprepDiskOnline", CSVP_OUT, trailing, "", 16, false, 1 },
    { "more than CSVP_MAX_ELEMENTS elements", S2, "CprepDiskRawWrite", CSVP_IN, too_many_elements,
      "pbData", 52, true, 1 },
};

static void run_neg(const neg *n, bool le)
{
    const guint8 drep[4] = { le ? 0x10 : 0x00, 0, 0, 0 };
    vec *v = vec_new(le);
    n->build(v);
    csvp_tree *t = csvp_decode_stub(vec_decoder(), vec_method(n->itf, n->method), n->dir, v->b->data, vec_len(v), drep);
    int before = check_failures();
    EXPECT_PROBLEM(t, n->path, n->offset, n->stopped, n->n_problems);
    if (check_failures() != before)
        fprintf(stderr, "  in \"%s\"%s\n", n->what, le ? "" : " (big-endian)");
    csvp_tree_free(t);
    vec_free(v);
}

/* ---- types built here for the limits the MS-CSVP tables cannot reach ---- */

static const csvp_type t_ulong = { .name = "unsigned long", .kind = CSVP_K_U32 };

/* A struct with an embedded [ref] pointer: {unsigned long a; [ref] unsigned long *p;} */
static const csvp_type t_ref = { .name = "unsigned long*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_REF, .elem = &t_ulong };
static const csvp_member ref_fields[] = {
    { .owner = "S", .name = "a", .type = &t_ulong },
    { .owner = "S", .name = "p", .type = &t_ref },
};
static const csvp_type t_s = { .name = "S", .kind = CSVP_K_STRUCT, .members = ref_fields, .n_members = 2 };
static const csvp_member m_s = { .owner = "test", .name = "s", .type = &t_s };

/* A linked list: struct L {unsigned long value; [unique] struct L *next;}. Node k sits at 8k (its referent
 * follows the node before it); node k is decoded at depth k + 1 and its fields at k + 2, so the value of
 * node 47 (at 8 * 47 = 376) is the first past CSVP_MAX_DEPTH = 48. */
static const csvp_type t_list;
static const csvp_type t_next = { .name = "L*", .kind = CSVP_K_PTR, .ptr = CSVP_PTR_UNIQUE, .elem = &t_list };
static const csvp_member list_fields[] = {
    { .owner = "L", .name = "value", .type = &t_ulong },
    { .owner = "L", .name = "next", .type = &t_next },
};
static const csvp_type t_list = { .name = "L", .kind = CSVP_K_STRUCT, .members = list_fields, .n_members = 2 };
static const csvp_member m_list = { .owner = "test", .name = "list", .type = &t_list };

static void limits(void)
{
    const guint8 le[4] = { 0x10, 0, 0, 0 };
    vec *v = vec_new(true);
    put_u32(v, 5);
    put_u32(v, 0);
    csvp_tree *t = csvp_decode_type(vec_decoder(), &t_s, &m_s, v->b->data, vec_len(v), le);
    EXPECT_PROBLEM(t, "s.p", 4, false, 1);
    EXPECT_NULL(t, "s.p");
    csvp_tree_free(t);
    vec_free(v);

    v = vec_new(true);
    for (guint32 k = 0; k < 60; k++) {
        put_u32(v, k);
        if (k == 59)
            put_u32(v, 0);
        else
            put_ref(v);
    }
    t = csvp_decode_type(vec_decoder(), &t_list, &m_list, v->b->data, vec_len(v), le);
    GString *path = g_string_new("list");
    for (int k = 0; k < 47; k++)
        g_string_append(path, ".next");
    g_string_append(path, ".value");
    EXPECT_PROBLEM(t, path->str, 376, true, 1);
    g_string_free(path, TRUE);
    csvp_tree_free(t);
    vec_free(v);
}

/* A stub cut where a deferred referent starts: the pointer's node now stands for the referent, so its
 * range starts there and is empty, never the 4 bytes of the pointer past the end. CprepPrepareNode
 * request with the ORPCTHIS extension (vec.c): the extent array's referent starts at 44. */
static void cut_referent(void)
{
    const guint8 le[4] = { 0x10, 0, 0, 0 };
    vec *v = vec_new(true);
    put_orpcthis(v, true);
    csvp_tree *t = csvp_decode_stub(vec_decoder(), vec_method("IClusterStorage2", "CprepPrepareNode"), CSVP_IN, v->b->data, 44, le);
    EXPECT_PROBLEM(t, "ORPCTHIS.extensions.extent", 44, true, 1);
    EXPECT_OFF(t, "ORPCTHIS.extensions.extent", 44);
    CHECK(node_at(t, "ORPCTHIS.extensions.extent") && node_at(t, "ORPCTHIS.extensions.extent")->length == 0);
    csvp_tree_free(t);
    vec_free(v);
}

/* A SAFEARRAY(byte) whose clSize (32) and bounds (40) say 3 while its data array's max_count (48) says 4:
 * MS-OAUT 2.2.30.4 ties them, so the walker reports the data count against Size (found after decoding). */
static void sa_size_mismatch(void)
{
    const guint8 drep[4] = { 0x10, 0, 0, 0 };
    vec *v = vec_new(true);
    safearray_bytes(v);
    patch_u32(v, 32, 3);
    patch_u32(v, 40, 3);
    csvp_tree *t = csvp_decode_stub(vec_decoder(), vec_method("IClusterNetwork2", "GetIpConfigSerialized"), CSVP_OUT, v->b->data,
                                    vec_len(v), drep);
    bool found = false;
    for (guint i = 0; i < t->problems->len; i++) {
        const csvp_problem *p = g_ptr_array_index(t->problems, i);
        found |= strcmp(p->path, "Data") == 0 && strstr(p->message, "data max_count 4 differs from Size 3") != NULL;
    }
    CHECK(found, "no 'data max_count 4 differs from Size 3' problem on Data");
    csvp_tree_free(t);
    vec_free(v);
}

int main(void)
{
    cut_referent();
    sa_size_mismatch();
    for (size_t i = 0; i < G_N_ELEMENTS(negs); i++) {
        run_neg(&negs[i], true);
        run_neg(&negs[i], false);
    }
    limits();
    return check_report("negative");
}
