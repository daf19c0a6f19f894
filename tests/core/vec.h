/* vec.h - hand-built NDR stubs for the core tests, and the checks run on them.
 *
 * The emitters write what the NDR rules say (C706 chapter 14, MS-RPCE 2.2.5,
 * MS-DCOM 2.2.13, MS-OAUT 2.2.23 and 2.2.30); each cites its rule. They are
 * written from the rules, not from the walker: a test's expected values and
 * offsets are stated in the test, derived by hand in its comments.
 */
#ifndef CSVP_TEST_VEC_H
#define CSVP_TEST_VEC_H

#include "check.h"
#include "ndr.h"
#include "node.h"
#include "walker.h"

/* ---- byte emitters ---- */
typedef struct vec {
    GByteArray *b;
    bool le;              /* integer byte order: drep[0] = 0x10 (little) or 0x00 (big) */
    guint32 next_refid;   /* referent ids as Windows numbers them: 0x00020000, +4, ... */
} vec;

vec *vec_new(bool le);
void vec_free(vec *v);
guint32 vec_len(const vec *v);
/* C706 14.2.2: a primitive is aligned to its size; padding octets are zero. */
void align(vec *v, guint a);
void put_u8(vec *v, guint8 x);
void put_u16(vec *v, guint16 x);
void put_u32(vec *v, guint32 x);
void put_u64(vec *v, guint64 x);
/* MS-OAUT exceptions (2.2.28.2.1, 2.2.30.6, 2.2.30.10): little-endian whatever the label, still aligned. */
void put_u32_le(vec *v, guint32 x);
void put_bytes(vec *v, const void *p, guint32 n);
/* Overwrite an integer already emitted, in the PDU's byte order (for the negative tests). */
void patch_u16(vec *v, guint32 off, guint16 x);
void patch_u32(vec *v, guint32 off, guint32 x);
/* GUID {u32, u16, u16, u8[8]} from its text form, aligned to 4 (MS-DTYP 2.3.4.1). */
void put_guid(vec *v, const char *text);
/* A non-NULL pointer's referent id (C706 14.3.11); returns it. NULL is put_u32(v, 0). */
guint32 put_ref(vec *v);
/* UTF-16 code units of s in the PDU's byte order, with or without a terminating NUL. */
void put_units(vec *v, const char *s, bool nul);
guint32 units_of(const char *s); /* UTF-16 units of s, without NUL */
/* [string] wchar_t*: conformant varying array (C706 14.3.3.4, 14.3.4.2):
 * max_count, offset 0, actual_count, units including the NUL. */
void put_wstr(vec *v, const char *s);
/* FLAGGED_WORD_BLOB, the referent of a non-NULL BSTR (MS-OAUT 2.2.23.1): a conformant struct,
 * so max_count (= clSize) first, then cBytes = 2*units, clSize = units, the units without NUL. */
void put_bstr_blob(vec *v, const char *s);
/* The blob of a NULL BSTR sent as a referent (MS-OAUT 2.2.23.2): cBytes 0xFFFFFFFF, clSize 0. */
void put_bstr_null_blob(vec *v);
/* A top-level BSTR: unique pointer, referent at once (C706 14.3.12.1). NULL s: the NULL pointer. */
void put_bstr(vec *v, const char *s);

/* CPREP_DISKID (2.2.2): aligned to 4; DiskIdType as a 16-bit enum (C706 14.2.5); the union's
 * discriminant again as 16 bits (the type of switch_is, C706 14.3.8); the arm aligned to 4.
 * value: the ULONG arm; guid: the GUID arm (CprepIdGuid). */
void put_diskid(vec *v, guint16 type, guint32 value, const char *guid);
enum { ID_SIG = 0, ID_GUID = 1, ID_NUMBER = 0xfa0, ID_UNKNOWN = 0x1388 };

/* ORPCTHIS (MS-DCOM 2.2.13.1): version 5.7, flags, reserved1, cid, extensions pointer; with
 * with_ext, the deferred ORPC_EXTENT_ARRAY (size 1, so (1+1)&~1 = 2 slots, the second NULL)
 * and one ORPC_EXTENT of 5 bytes of data padded to 8. ORPCTHAT (2.2.13.3): flags, extensions. */
#define CID "6ba7b814-9dad-11d1-80b4-00c04fd430c8"
#define EXT_ID "f1f19680-4d2a-11ce-a66a-0020af6e72f4"
void put_orpcthis(vec *v, bool with_ext);
void put_orpcthat(vec *v, bool with_ext);

/* SAFEARRAY (MS-OAUT 2.2.30.10), one dimension: the caller has put the unique pointer.
 * max_count (cDims = 1), cDims, fFeatures, cbElements, cLocks 0, sfType (LE), the arm's
 * Size/clSize (LE for SF_RECORD, 2.2.30.6) and data pointer, rgsabound {cElements, lLbound}. */
enum { SF_I1 = 16, SF_I4 = 3, SF_BSTR = 8, SF_RECORD = 36 };
void put_sa_header(vec *v, guint32 sftype, guint16 features, guint32 cb, guint32 size, guint32 count, gint32 lbound);
/* Deferred data: SF_BSTR: max_count, one referent id per string, then each FLAGGED_WORD_BLOB. */
void put_sa_bstr_data(vec *v, const char *const *s, guint32 n);
void put_sa_ulong_data(vec *v, const guint32 *x, guint32 n);
/* SF_RECORD data (2.2.30.6, 2.2.28.2.1): aRecord max_count 1, one wireBRECORD referent id,
 * {fFlags 1 (LE), clSize (LE), pRecInfo, pRecord}, the MInterfacePointer {max_count, ulCntData,
 * abData} (when objref_len > 0), then pRecord: max_count clSize, LE prefix clSize, the records'
 * NDR (rec, built with offsets counted from its own start). */
void put_sa_record_data(vec *v, const vec *rec, guint32 objref_len);

/* ---- blobs (2.2.7-2.2.17): Windows memory layouts, packed and little-endian whatever the label ---- */
void blob_u16(vec *v, guint16 x);
void blob_u32(vec *v, guint32 x);
void blob_u64(vec *v, guint64 x);
void blob_units(vec *v, const char *s);   /* UTF-16LE, no NUL */
/* sockaddr_in (family 2, port, 4 address bytes) or sockaddr_in6 (family 23, port, flowinfo, 16 address
 * bytes) in a 128-byte field, the rest zero (RFC 2553; 2.2.13, 2.2.14). */
void blob_sockaddr(vec *v, const guint8 *addr, bool v6);
/* sockaddr_in6 with sin6_flowinfo (network order) and sin6_scope_id (little-endian) set. */
void blob_sockaddr6(vec *v, const guint8 *addr, bool v6, guint32 flowinfo, guint32 scope_id);
/* A length-prefixed string: u16 byte length, then UTF-16LE units without NUL (2.2.11, 2.2.16). */
void blob_lstr(vec *v, const char *s);
/* STORAGE_DEVICE_ID_DESCRIPTOR (2.2.9), 64 bytes: Version 1, Size 64, 2 identifiers: [0] at 12,
 * CodeSet 1, Type 3, IdentifierSize 8, NextOffset 24, Association 0, 60 05 08 b4 00 0a 1b 2c;
 * [1] at 36, CodeSet 2, Type 1, IdentifierSize 12, NextOffset 28, Association 0, "MSFTVirtDisk". */
void put_sdid(vec *v);
/* STORAGE_DEVICE_DESCRIPTOR (2.2.27, rev 34), 84 bytes: Version 37, Size 84, DeviceType 0, Reserved 0,
 * RemovableMedia 0, CommandQueueing 1, VendorIdOffset 40, ProductIdOffset 49, ProductRevisionOffset 66,
 * SerialNumberOffset 71, StorageBusType 9 (BusTypeiScsi), RawPropertiesLength 0, 4 zero bytes, then
 * "NETAPP  " 40..49, "LUN C-Mode      " 49..66, "9600" 66..71, "80D-+]JQ0002" 71..84, each with its NUL. */
void put_sdd(vec *v);
/* REGISTERED_DSMS (2.2.8), 292 bytes: NumDsms 2; "Microsoft DSM" 6.3 build 9600 QFE 17031;
 * "Contoso MPIO DSM" 2.1 build 100 QFE 0 (DsmName: 128 bytes, UTF-16LE padded with NULs). */
void put_dsms(vec *v);
/* ADAPTERLIST2 (2.2.16) of server "node1.contoso.com" with one ADAPTER2 (2.2.17): Description
 * "Microsoft Hyper-V Network Adapter", FriendlyName "Ethernet", Name "{6B29FC40-CA47-1067-B31D-00DD010662DA}",
 * one prefix 10.0.0.1/24, PhysicalAddress "00-15-5D-01-02-03", addresses 10.0.0.1 and fe80::215:5dff:fe01:203%14 (flowinfo 0x12345),
 * gateway 10.0.0.254, InterfaceIndex 4, AdapterType 6, TunnelType 0, OperStatus 1, DhcpEnabled 0,
 * InternalNetwork 1, ClusterAdapter 0, ConnectedToiSCSI 0, LinkSpeed 1250000000, RdmaCapable 0, RssCapable 1;
 * then two SERIALIZEDGUIDs (GUID_A, GUID_B). */
#define GUID_A "6b29fc40-ca47-1067-b31d-00dd010662da"
#define GUID_B "0f6e8b2c-1d2e-4f5a-8b9c-0d1e2f3a4b5c"
void put_adapterlist2(vec *v);

/* ---- test cases ---- */
typedef struct vec_case {
    const char *itf, *method;
    int dir;                          /* CSVP_IN request, CSVP_OUT response */
    bool le;
    void (*build)(vec *v, int arg);
    void (*check)(const csvp_tree *t, int arg);
    int arg;
} vec_case;

/* Decode every case, require a complete tree without problems, run its check, then truncate it at
 * every length and require an incomplete tree or a problem. */
void vec_run(const vec_case *cases, size_t n);
/* Every method of the interface that is on the wire has a request and a response case. */
void vec_coverage(const vec_case *cases, size_t n, const char *itf);

/* The cases of one interface test file (test_storage2.c, ...), run by vec_main.c and test_mutate.c. */
typedef struct vec_suite {
    const char *name;                 /* "storage2": the ctest core_test_storage2 */
    const vec_case *cases;
    size_t n;
    const char *itfs[5];              /* the interfaces every method of which the cases cover */
    void (*more)(void);               /* the file's other checks, or NULL */
} vec_suite;
extern const vec_suite storage2_suite, storage3_suite, network2_suite, misc_interfaces_suite, logex_suite;
/* Build a case's stub; the caller frees it. */
guint8 *vec_case_bytes(const vec_case *c, guint32 *len);
/* The tests' decoding context (they decode on one thread), kept for the whole run. */
csvp_decoder *vec_decoder(void);
csvp_tree *vec_decode(const vec_case *c, const guint8 *data, guint32 len);
const csvp_method *vec_method(const char *itf, const char *method);

/* ---- checks: paths are member names from the root, "name[i]" for array elements ---- */
const csvp_node *node_at(const csvp_tree *t, const char *path);
#define EXPECT_U(t, p, x) expect_u((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_I(t, p, x) expect_i((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_STR(t, p, x) expect_str((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_NAME(t, p, x) expect_name((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_GUID(t, p, x) expect_guid((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_NULL(t, p) expect_kind((t), (p), CSVP_N_NULL, __FILE__, __LINE__)
#define EXPECT_OFF(t, p, x) expect_off((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_ELEMS(t, p, x) expect_elems((t), (p), (x), __FILE__, __LINE__)
#define EXPECT_BYTES(t, p, x, n) expect_bytes((t), (p), (x), (n), __FILE__, __LINE__)
void expect_u(const csvp_tree *t, const char *p, guint64 x, const char *file, int line);
void expect_i(const csvp_tree *t, const char *p, gint64 x, const char *file, int line);
void expect_str(const csvp_tree *t, const char *p, const char *x, const char *file, int line);
void expect_name(const csvp_tree *t, const char *p, const char *x, const char *file, int line);
void expect_guid(const csvp_tree *t, const char *p, const char *x, const char *file, int line);
void expect_kind(const csvp_tree *t, const char *p, csvp_node_kind k, const char *file, int line);
void expect_off(const csvp_tree *t, const char *p, guint32 x, const char *file, int line);
void expect_elems(const csvp_tree *t, const char *p, guint32 x, const char *file, int line);
void expect_bytes(const csvp_tree *t, const char *p, const void *x, guint32 n, const char *file, int line);
/* A tree's n problems, the first at path and stub offset, and that decoding stopped or not. */
#define EXPECT_PROBLEM(t, path, off, stopped, n) expect_problem((t), (path), (off), (stopped), (n), __FILE__, __LINE__)
void expect_problem(const csvp_tree *t, const char *path, guint32 off, bool stopped, guint n, const char *file,
                    int line);

#endif
