/* test_encode.c - csvp_encode_stub against csvp_decode_stub, and against
 * bytes derived by hand from the NDR rules.
 *
 * Round trips: values for methods covering every wire kind (the CPREP_DISKID
 * union, DISK_PROPS/DISK_PROPS_EX with LPWSTRs and a NULL one, BSTRs,
 * SAFEARRAY(byte) with an ADAPTERLIST2, SAFEARRAYs of records, LPWSTR arrays,
 * varying arrays, hypers) are encoded in both byte orders, decoded, and every
 * decoded value is compared with the input; the decode must raise no problem.
 */
#include "check.h"
#include "ndr.h"
#include "ndr_encode.h"
#include "walker.h"

#include <stdio.h>
#include <string.h>

/* The test's decoding context (one thread), kept for the whole run. */
static csvp_decoder *decoder(void)
{
    static csvp_decoder *dec;
    if (!dec)
        dec = csvp_decoder_new();
    return dec;
}

static const guint8 drep_le[4] = { 0x10, 0, 0, 0 }, drep_be[4] = { 0x00, 0, 0, 0 };

/* ---- the decoded tree compared with the value that was encoded ---- */

static GVariant *unbox(GVariant *v)
{
    while (v && (g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT) || g_variant_is_of_type(v, G_VARIANT_TYPE_MAYBE))) {
        GVariant *in = g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT) ? g_variant_get_variant(v)
                                                                       : g_variant_get_maybe(v);
        g_variant_unref(v);
        v = in;
    }
    return v;
}

static void compare(const csvp_node *n, GVariant *v, const char *path);

static void compare_children(const csvp_node *n, GVariant *v, const char *path)
{
    guint k = 0;
    for (const csvp_node *c = n->first; c; c = c->next) {
        if (c->member && c->member->meta && n->kind == CSVP_N_ARRAY)
            continue;   /* SAFEARRAY header fields */
        if (c->index < 0)
            continue;
        CHECK(k < g_variant_n_children(v), "%s: more elements decoded than encoded", path);
        if (k >= g_variant_n_children(v))
            return;
        char *p = g_strdup_printf("%s[%u]", path, k);
        compare(c, unbox(g_variant_get_child_value(v, k)), p);
        g_free(p);
        k++;
    }
    CHECK(k == g_variant_n_children(v), "%s: %u elements decoded, %zu encoded", path, k, g_variant_n_children(v));
}

static void compare(const csvp_node *n, GVariant *v, const char *path)
{
    if (!v) {
        CHECK(n->kind == CSVP_N_NULL, "%s: NULL encoded, kind %d decoded", path, n->kind);
        return;
    }
    switch (n->kind) {
    case CSVP_N_STRUCT: {
        GVariantIter it;
        const char *key;
        GVariant *val;
        g_variant_iter_init(&it, v);
        while (g_variant_iter_next(&it, "{&sv}", &key, &val)) {
            const csvp_node *c = csvp_node_child(n, key);
            char *p = g_strdup_printf("%s.%s", path, key);
            if (c)
                compare(c, unbox(val), p);
            else
                g_variant_unref(val);   /* keys that are not fields (size_is helpers) */
            g_free(p);
        }
        break;
    }
    case CSVP_N_ARRAY:
        compare_children(n, v, path);
        break;
    case CSVP_N_UINT: case CSVP_N_U64:
        if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
            const char *name = csvp_node_value_name(n);
            CHECK(name && strcmp(name, g_variant_get_string(v, NULL)) == 0, "%s: %s encoded, %s decoded", path,
                  g_variant_get_string(v, NULL), name ? name : "(no name)");
        } else {
            guint64 x = g_variant_is_of_type(v, G_VARIANT_TYPE_UINT64)   ? g_variant_get_uint64(v)
                        : g_variant_is_of_type(v, G_VARIANT_TYPE_UINT32) ? g_variant_get_uint32(v)
                        : g_variant_is_of_type(v, G_VARIANT_TYPE_UINT16) ? g_variant_get_uint16(v)
                                                                         : g_variant_get_byte(v);
            CHECK(n->v.u == x, "%s: %" G_GUINT64_FORMAT " encoded, %" G_GUINT64_FORMAT " decoded", path, x, n->v.u);
        }
        break;
    case CSVP_N_INT: {
        gint64 x = g_variant_is_of_type(v, G_VARIANT_TYPE_INT32) ? g_variant_get_int32(v) : (gint8)g_variant_get_byte(v);
        CHECK(n->v.i == x, "%s: %" G_GINT64_FORMAT " encoded, %" G_GINT64_FORMAT " decoded", path, x, n->v.i);
        break;
    }
    case CSVP_N_GUID: {
        char text[37];
        csvp_guid_text(n->v.guid, text);
        CHECK(strcmp(text, g_variant_get_string(v, NULL)) == 0, "%s: GUID %s decoded", path, text);
        break;
    }
    case CSVP_N_STRING:
        CHECK(strcmp(n->v.str, g_variant_get_string(v, NULL)) == 0, "%s: \"%s\" encoded, \"%s\" decoded", path,
              g_variant_get_string(v, NULL), n->v.str);
        break;
    case CSVP_N_BYTES: {
        gsize len;
        const guint8 *p = g_variant_get_fixed_array(v, &len, 1);
        CHECK(n->v.bytes.len == len && (len == 0 || memcmp(n->v.bytes.data, p, len) == 0),
              "%s: bytes differ (%u vs %zu)", path, n->v.bytes.len, len);
        break;
    }
    case CSVP_N_NULL:
        CHECK(false, "%s: a value encoded, NULL decoded", path);
        break;
    }
    g_variant_unref(v);
}

static void round_trip(const char *method, int dir, const char *text, ...)
{
    va_list ap;
    va_start(ap, text);
    GVariant *params = g_variant_ref_sink(g_variant_new_parsed_va(text, &ap));
    va_end(ap);
    const csvp_method *m = csvp_method_by_name(method, NULL);
    CHECK(m, "no method %s", method);
    for (int be = 0; be < 2 && m; be++) {
        const guint8 *drep = be ? drep_be : drep_le;
        GError *err = NULL;
        GByteArray *stub = csvp_encode_stub(m, dir, params, drep, &err);
        CHECK(stub, "%s: encode failed: %s", method, err ? err->message : "?");
        if (!stub) {
            g_clear_error(&err);
            continue;
        }
        csvp_tree *t = csvp_decode_stub(decoder(), m, dir, stub->data, stub->len, drep);
        CHECK(t->complete && t->consumed == stub->len, "%s %s: decode incomplete (%u of %u bytes)", method,
              be ? "BE" : "LE", t->consumed, stub->len);
        for (guint i = 0; i < t->problems->len; i++) {
            const csvp_problem *p = g_ptr_array_index(t->problems, i);
            CHECK(false, "%s %s: problem at %s (+%u): %s", method, be ? "BE" : "LE", p->path, p->offset, p->message);
        }
        char *path = g_strdup_printf("%s/%s", method, be ? "BE" : "LE");
        compare(t->root, g_variant_ref(params), path);
        g_free(path);
        csvp_tree_free(t);
        g_byte_array_free(stub, TRUE);
    }
    g_variant_unref(params);
}

static void round_trips(void)
{
    round_trip("CprepDiskGetProps", CSVP_OUT,
               "{'DiskProps': <{'DiskNumber': <uint32 2>, 'DiskId': <{'DiskIdType': <'CprepIdSignature'>,"
               " 'DiskSignature': <uint32 0x7a3c9e51>}>, 'DiskBusType': <'BusTypeiScsi'>,"
               " 'StackType': <'DiskStackStorPort'>, 'ScsiAddress': <{'Length': <uint32 8>, 'PortNumber': <byte 3>,"
               " 'PathId': <byte 0>, 'TargetId': <byte 0>, 'Lun': <byte 2>}>, 'DiskIsClusterable': <int32 1>,"
               " 'AdapterDesc': <'NETAPP LUN C-Mode Multi-Path Disk Device'>, 'NumPaths': <uint32 2>,"
               " 'Flags': <uint32 0x00089000>}>, 'hresult': <uint32 0>}");
    round_trip("CprepDiskGetProps3", CSVP_OUT,
               "{'pDiskProps': <{'DiskNumber': <uint32 2>, 'DiskId': <{'DiskIdType': <'CprepIdGuid'>,"
               " 'DiskGuid': <'6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46'>}>, 'DiskBusType': <'BusTypeSas'>,"
               " 'StackType': <'DiskStackStorPort'>, 'ScsiAddress': <{'Length': <uint32 8>, 'PortNumber': <byte 1>,"
               " 'PathId': <byte 0>, 'TargetId': <byte 4>, 'Lun': <byte 0>}>, 'DiskIsClusterable': <int32 1>,"
               " 'AdapterDesc': <'SAS'>, 'pwszFriendlyName': <'HGST HUH721010AL5200'>, 'NumPaths': <uint32 2>,"
               " 'Flags': <uint32 0x0008a000>, 'ExtendedFlags': <uint32 1>, 'pwszPoolName': <@ms nothing>,"
               " 'pwszPage83Id': <'5000cca26f2a1b3c'>, 'pwszSerialNumber': <'7JH4K2XC'>,"
               " 'guidPoolId': <'1b4e28ba-2fa1-41d2-883f-0016d3cca427'>}>, 'hresult': <uint32 0>}");
    round_trip("CprepDiskAttach", CSVP_IN,
               "{'ORPCTHIS': <{'cid': <'0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'>}>,"
               " 'DiskId': <{'DiskIdType': <'CprepIdNumber'>, 'DeviceNumber': <uint32 4000>}>}");
    round_trip("CprepDiskPRRegister3", CSVP_IN,
               "{'DiskId': <{'DiskIdType': <'CprepIdUnknown'>, 'Junk': <uint32 7>}>, 'OldPrKey': <uint64 0>,"
               " 'NewPrKey': <uint64 0x0000a3c4b2d1e0f1>}");
    round_trip("CprepDiskRawRead", CSVP_OUT,
               "{'cbData': <uint32 16>, 'pbData': <[byte 1, 2, 3, 4, 5, 6, 7, 8]>, 'pcbDataRead': <uint32 8>,"
               " 'ulLatency': <uint32 2>, 'hresult': <'S_OK'>}");
    round_trip("CprepDiskGetFSName", CSVP_OUT, "{'FsName': <'NTFS'>, 'hresult': <uint32 0>}");
    round_trip("SendRTMessage", CSVP_IN,
               "{'SourceIPAddress': <'10.20.0.11'>, 'DestIPAddress': <'10.20.0.12'>, 'DestPort': <uint16 3343>,"
               " 'AddressFamily': <'AF_INET'>, 'MessageSize': <uint32 1024>, 'Timeout': <uint32 1000>}");
    round_trip("GetIpConfigSerialized", CSVP_OUT,
               "{'Data': <[byte 0x02, 0x00, 0x7a, 0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]>, 'pcbOut': <int32 10>,"
               " 'hresult': <uint32 0>}");
    round_trip("ProcessAddRoutes", CSVP_IN,
               "{'request': <{'localVirtualIP': <'fe80::1'>, 'nodeRouteInfos': <[<{'remoteVirtualIP': <'fe80::2'>,"
               " 'localUnicastIPs': <[<'10.20.0.11'>, <'172.16.1.11'>]>, 'remoteUnicastIPs': <[<'10.20.0.12'>]>,"
               " 'indices': <[<uint32 0>, <uint32 1>]>}>, <{'remoteVirtualIP': <@ms nothing>,"
               " 'localUnicastIPs': <[<'10.20.0.11'>]>, 'remoteUnicastIPs': <[<'10.20.0.13'>]>,"
               " 'indices': <[<uint32 2>]>}>]>}>}");
    round_trip("GetAddRoutesStatus", CSVP_OUT,
               "{'reply': <{'indices': <[<uint32 0>, <uint32 1>]>, 'replies': <[<{'packetLoss': <uint32 0>,"
               " 'status': <'UP'>}>, <{'packetLoss': <uint32 100>, 'status': <'DOWN'>}>]>,"
               " 'routeUnavailable': <byte 0>}>, 'hresult': <uint32 0>}");
    round_trip("CprepCreateNewSmbShares3", CSVP_OUT,
               "{'ppwszSharePaths': <[<'\\\\\\\\10.20.0.11\\\\share$'>, <'\\\\\\\\172.16.1.11\\\\share$'>]>,"
               " 'pdwNumberOfPaths': <uint32 2>, 'hresult': <uint32 0>}");
    round_trip("CprepConnectToNewSmbShares3", CSVP_IN,
               "{'ppwszSharePaths': <[<'\\\\\\\\10.20.0.12\\\\s$'>]>, 'dwNumberOfPaths': <uint32 1>}");
    round_trip("CprepDiskGetUniqueIds3", CSVP_OUT,
               "{'ppbDeviceIdHeader': <@ms nothing>, 'pcbDihSize': <uint32 0>, 'ppDeviceDescriptor': <@ay []>,"
               " 'pcbDdSize': <uint32 0>, 'hresult': <'E_FAIL'>}");   /* empty: no 2.2.27 layout */
    round_trip("GenerateClusterLog", CSVP_OUT, "{'LogFilePath': <'C:\\\\Windows\\\\Cluster\\\\Reports\\\\Cluster.log'>,"
                                               " 'hresult': <uint32 0>}");
    round_trip("RetrieveHostLabel", CSVP_OUT, "{'HostLabel': <@ms nothing>, 'hresult': <uint32 0x80004005>}");
    round_trip("GetNextAdapterFirewallConfiguration", CSVP_OUT,
               "{'adapterId': <'8f3a5c21-7b4e-4d0a-9c61-2e5b7d9f0a14'>, 'adapterProfile': <'ClusterNetworkProfilePrivate'>,"
               " 'serverRulesEnabled': <byte 1>, 'managementRulesEnabled': <byte 0>, 'commonRulesEnabled': <byte 1>,"
               " 'hresult': <uint32 0>}");
    round_trip("Count", CSVP_OUT, "{'ORPCTHAT': <{'flags': <uint32 1>}>, 'Count': <int32 -1>, 'hresult': <uint32 0>}");
}

/* csvp_encode_type is csvp_decode_type's inverse: a CPREP_DISKID by itself, both byte orders. */
static void type_round_trip(void)
{
    size_t n;
    const csvp_type *const *types = csvp_named_types(&n), *diskid = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(types[i]->name, "CPREP_DISKID") == 0)
            diskid = types[i];
    CHECK(diskid, "no CPREP_DISKID type");
    if (!diskid)
        return;
    static const csvp_member as = { .owner = "test", .name = "DiskId" };
    GVariant *v = g_variant_ref_sink(g_variant_new_parsed("{'DiskIdType': <'CprepIdSignature'>,"
                                                          " 'DiskSignature': <uint32 0x7a3c9e51>}"));
    for (int be = 0; be < 2; be++) {
        const guint8 *drep = be ? drep_be : drep_le;
        GByteArray *b = csvp_encode_type(diskid, v, drep, NULL);
        /* 2 (DiskIdType) + 2 (discriminant) + 4 (DiskSignature, aligned to 4 already) */
        CHECK(b && b->len == 8, "CPREP_DISKID: %u bytes", b ? b->len : 0);
        if (!b)
            continue;
        csvp_tree *t = csvp_decode_type(decoder(), diskid, &as, b->data, b->len, drep);
        CHECK(t->complete && t->problems->len == 0, "CPREP_DISKID: decode problems");
        compare(csvp_node_child(t->root, "DiskId"), g_variant_ref(v), "CPREP_DISKID");
        csvp_tree_free(t);
        g_byte_array_free(b, TRUE);
    }
    g_variant_unref(v);
}

/* ---- hand-derived vectors ---- */

static void expect_bytes(const char *what, const GByteArray *got, const guint8 *want, guint len)
{
    CHECK(got && got->len == len, "%s: %u bytes encoded, %u expected", what, got ? got->len : 0, len);
    if (!got || got->len != len)
        return;
    for (guint i = 0; i < len; i++)
        if (got->data[i] != want[i]) {
            CHECK(false, "%s: byte %u is 0x%02x, expected 0x%02x", what, i, got->data[i], want[i]);
            return;
        }
}

/* CprepDiskAttach request, little-endian, DiskId by GUID 6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46.
 *   0  ORPCTHIS (MS-DCOM 2.2.13.1): version 5.7 as two u16 (05 00 07 00), flags 0, reserved1 0,
 *      cid 00112233-4455-6677-8899-aabbccddeeff as a GUID: data1 LE 33 22 11 00, data2 55 44,
 *      data3 77 66, data4 as bytes 88..ff; extensions: unique pointer, NULL = 0 (32 bytes)
 *  32  DiskIdType: a plain enum is 16 bits (C706 14.2.5): CprepIdGuid = 01 00
 *  34  the non-encapsulated union's discriminant, sent again with the switch type (u16): 01 00
 *  36  the arm, aligned to the union's alignment 4 (already aligned): DiskGuid
 *      data1 2e 3b 1c 6f, data2 47 9a, data3 85 4d, data4 b0 e3 5c 2a 7f 91 8d 46
 *  52  end; the top-level [ref] of nothing: CPREP_DISKID is passed by value. */
static void vector_attach_guid_le(void)
{
    static const guint8 want[] = {
        0x05, 0x00, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
        0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
        0, 0, 0, 0,
        0x01, 0x00, 0x01, 0x00,
        0x2e, 0x3b, 0x1c, 0x6f, 0x47, 0x9a, 0x85, 0x4d, 0xb0, 0xe3, 0x5c, 0x2a, 0x7f, 0x91, 0x8d, 0x46,
    };
    GVariant *p = g_variant_ref_sink(g_variant_new_parsed(
        "{'ORPCTHIS': <{'cid': <'00112233-4455-6677-8899-aabbccddeeff'>}>,"
        " 'DiskId': <{'DiskIdType': <'CprepIdGuid'>, 'DiskGuid': <'6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46'>}>}"));
    GByteArray *got = csvp_encode_stub(csvp_method_by_name("CprepDiskAttach", NULL), CSVP_IN, p, drep_le, NULL);
    expect_bytes("CprepDiskAttach LE", got, want, sizeof want);
    if (got)
        g_byte_array_free(got, TRUE);
    g_variant_unref(p);
}

/* SendRTMessage request, big-endian (drep[0] = 0x00), SourceIPAddress "ab", DestIPAddress "c",
 * DestPort 3343, AddressFamily AF_INET, MessageSize 1024, Timeout 1000.
 *   0  ORPCTHIS: 00 05 00 07, flags, reserved1, cid all-zero GUID, extensions NULL (32 bytes)
 *  32  SourceIPAddress: BSTR = [unique] pointer to FLAGGED_WORD_BLOB (MS-OAUT 2.2.23); a
 *      top-level user-marshaled pointer: referent id 0x72657355 ("User") as Windows writes it,
 *      big-endian 72 65 73 55; the referent follows at once (top-level, C706 14.3.12.1):
 *  36  max_count 2 (conformant struct: count first), 40 cBytes 4, 44 clSize 2, 48 'a' 'b' as
 *      big-endian UTF-16 00 61 00 62, no terminator
 *  52  DestIPAddress: 72 65 73 55; 56 max_count 1, 60 cBytes 2, 64 clSize 1, 68 00 63
 *  70  DestPort u16 aligned to 2: 3343 = 0d 0f
 *  72  AddressFamily u16: 00 02
 *  74  two pad octets to align MessageSize to 4; 76 MessageSize 00 00 04 00; 80 Timeout 00 00 03 e8
 *  84  end. */
static void vector_send_rt_be(void)
{
    static const guint8 want[] = {
        0x00, 0x05, 0x00, 0x07, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0,
        0x72, 0x65, 0x73, 0x55, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 2, 0x00, 0x61, 0x00, 0x62,
        0x72, 0x65, 0x73, 0x55, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0x00, 0x63,
        0x0d, 0x0f,
        0x00, 0x02,
        0, 0, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03, 0xe8,
    };
    GVariant *p = g_variant_ref_sink(g_variant_new_parsed(
        "{'SourceIPAddress': <'ab'>, 'DestIPAddress': <'c'>, 'DestPort': <uint16 3343>, 'AddressFamily': <'AF_INET'>,"
        " 'MessageSize': <uint32 1024>, 'Timeout': <uint32 1000>}"));
    GByteArray *got = csvp_encode_stub(csvp_method_by_name("SendRTMessage", NULL), CSVP_IN, p, drep_be, NULL);
    expect_bytes("SendRTMessage BE", got, want, sizeof want);
    if (got)
        g_byte_array_free(got, TRUE);
    g_variant_unref(p);
}

/* Values that cannot be encoded are errors, not guesses: unknown enum names, discriminants without
 * an arm, bad GUIDs, missing parameters, and keys naming no parameter or field. */
static void errors(void)
{
    const csvp_method *m = csvp_method_by_name("CprepDiskAttach", NULL);
    const char *bad[] = {
        "{'DiskId': <{'DiskIdType': <'CprepIdBogus'>, 'DiskSignature': <uint32 1>}>}",
        "{'DiskId': <{'DiskIdType': <uint16 0x0bad>, 'DiskSignature': <uint32 1>}>}",
        "{'DiskId': <{'DiskIdType': <'CprepIdGuid'>, 'DiskGuid': <'not-a-guid'>}>}",
        "@a{sv} {}",
        "{'DiskId': <{'DiskIdType': <'CprepIdSignature'>, 'DiskSignature': <uint32 1>}>, 'Bogus': <1>}",
        "{'DiskId': <{'DiskIdType': <'CprepIdSignature'>, 'DiskSignature': <uint32 1>, 'DiskGuidd': <''>}>}",
    };
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        GVariant *p = g_variant_ref_sink(g_variant_new_parsed(bad[i]));
        GError *err = NULL;
        GByteArray *got = csvp_encode_stub(m, CSVP_IN, p, drep_le, &err);
        CHECK(!got && err, "bad value %u encoded", i);
        g_clear_error(&err);
        if (got)
            g_byte_array_free(got, TRUE);
        g_variant_unref(p);
    }
}

int main(void)
{
    round_trips();
    type_round_trip();
    vector_attach_guid_le();
    vector_send_rt_be();
    errors();
    return check_report("test_encode");
}
