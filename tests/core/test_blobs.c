/* test_blobs.c - the byte buffers with formats of their own (spec 2.2.7-2.2.17, 2.2.27),
 * decoded inside their stubs: ADAPTERLIST2 and ADAPTERLIST in the SAFEARRAY(byte)
 * of GetIpConfigSerialized, STORAGE_DEVICE_ID_DESCRIPTOR in CprepDiskGetUniqueIds,
 * REGISTERED_DSMS in CprepDiskGetDsms, STORAGE_DEVICE_DESCRIPTOR (revision 34) in
 * CprepDiskGetUniqueIds3. Blobs are packed little-endian in both PDU
 * byte orders. Blob node offsets are stub offsets.
 *
 * ADAPTERLIST2 of vec.c, offsets inside the blob (derived from 2.2.16, 2.2.17): 0 identifier length,
 * 2 identifier, 4 ServerNameLength, 6 "node1.contoso.com" (34 bytes), 40 NumberOfAdapter2s, 42 and 44
 * the ADAPTER2 identifier, 46 DescriptionLength, 48 Description (66), 114 FriendlyNameLength, 116
 * "Ethernet" (16), 132 NameLength, 134 Name (76), 210 NumberOfPrefixes, 212 Prefix[0].Endpoint (128),
 * 340 PrefixLength, 344 PhysicalAddressLength, 346 PhysicalAddress (34), 380 NumberOfAddresses,
 * 382 Address[0], 510 Address[1] (its sin6_addr at 518), 638 NumberOfGatewayAddresses, 640
 * GatewayAddress[0], 768 InterfaceIndex, 772 AdapterType, 776 TunnelType, 780 OperStatus, 784..787
 * the four flags, 788 LinkSpeed, 796 RdmaCapable, 797 RssCapable, 798 NumberOfGuids, 800 Guid[0],
 * 874 Guid[1] (its string at 876), 948 the end.
 */
#include "vec.h"

#include <stdio.h>
#include <string.h>

#define AL2_LEN 948

/* GetIpConfigSerialized response around a blob: the data at 52 (test_network2.c), pcbOut, hresult. */
static void ipconfig_around(vec *v, const vec *blob)
{
    guint32 n = vec_len(blob);
    put_orpcthat(v, false);
    put_ref(v);
    put_sa_header(v, SF_I1, 0x0080, 1, n, n, 0);
    put_u32(v, n);
    put_bytes(v, blob->b->data, n);
    put_u32(v, n);
    put_u32(v, 0);
}

static void al2_resp(vec *v, int arg)
{
    vec *b = vec_new(true);
    put_adapterlist2(b);
    ipconfig_around(v, b);
    vec_free(b);
}

static void al2_check(const csvp_tree *t, int arg)
{
    const char *a = "Data.decoded.Adapter2[0]";
    char p[128];
#define AT(field) (g_snprintf(p, sizeof p, "%s.%s", a, field), p)
    CHECK(node_at(t, "Data") && node_at(t, "Data")->v.bytes.len == AL2_LEN);
    EXPECT_OFF(t, "Data.decoded", 52);
    EXPECT_U(t, "Data.decoded.AdapterList2Identifier", 0x227A);
    EXPECT_STR(t, "Data.decoded.ServerName", "node1.contoso.com");
    EXPECT_OFF(t, "Data.decoded.ServerName", 52 + 6);
    EXPECT_U(t, "Data.decoded.NumberOfAdapter2s", 1);
    EXPECT_U(t, AT("Adapter2Identifier"), 0x227B);
    EXPECT_STR(t, AT("Description"), "Microsoft Hyper-V Network Adapter");
    EXPECT_STR(t, AT("FriendlyName"), "Ethernet");
    EXPECT_OFF(t, AT("FriendlyName"), 52 + 116);
    EXPECT_STR(t, AT("Name"), "{6B29FC40-CA47-1067-B31D-00DD010662DA}");
    EXPECT_NAME(t, AT("Prefix[0].Endpoint.sa_family"), "AF_INET");
    EXPECT_STR(t, AT("Prefix[0].Endpoint.address"), "10.0.0.1");
    EXPECT_U(t, AT("Prefix[0].PrefixLength"), 24);
    EXPECT_OFF(t, AT("Prefix[0].PrefixLength"), 52 + 340);
    EXPECT_STR(t, AT("PhysicalAddress"), "00-15-5D-01-02-03");
    EXPECT_ELEMS(t, AT("Address"), 2);
    EXPECT_NAME(t, AT("Address[1].sa_family"), "AF_INET6");
    /* sockaddr_in6 (RFC 2553 3.3) at 510: flowinfo 00 01 23 45 at 514 (network order), the address at
     * 518, scope_id 0e 00 00 00 at 534 (little-endian): text with the RFC 4007 zone, "%14". */
    EXPECT_STR(t, AT("Address[1].address"), "fe80::215:5dff:fe01:203%14");
    EXPECT_OFF(t, AT("Address[1].address"), 52 + 518);
    EXPECT_U(t, AT("Address[1].flowinfo"), 0x12345);
    EXPECT_OFF(t, AT("Address[1].flowinfo"), 52 + 514);
    EXPECT_U(t, AT("Address[1].scope_id"), 14);
    EXPECT_OFF(t, AT("Address[1].scope_id"), 52 + 534);
    EXPECT_U(t, AT("Prefix[0].Endpoint.port"), 0);   /* IPv4: no flowinfo or scope_id */
    CHECK(!node_at(t, AT("Prefix[0].Endpoint.scope_id")));
    EXPECT_STR(t, AT("GatewayAddress[0].address"), "10.0.0.254");
    EXPECT_OFF(t, AT("GatewayAddress[0]"), 52 + 640);
    EXPECT_U(t, AT("InterfaceIndex"), 4);
    EXPECT_NAME(t, AT("AdapterType"), "IF_TYPE_ETHERNET_CSMACD");
    EXPECT_NAME(t, AT("TunnelType"), "TUNNEL_TYPE_NONE");
    EXPECT_NAME(t, AT("OperStatus"), "up");
    EXPECT_U(t, AT("InternalNetwork"), 1);
    EXPECT_U(t, AT("LinkSpeed"), 1250000000);
    EXPECT_OFF(t, AT("LinkSpeed"), 52 + 788);
    EXPECT_U(t, AT("RssCapable"), 1);
    EXPECT_U(t, "Data.decoded.NumberOfGuids", 2);
    EXPECT_U(t, "Data.decoded.Guid[1].GuidLength", 0x48);
    EXPECT_STR(t, "Data.decoded.Guid[1].Guid", GUID_B);
    EXPECT_OFF(t, "Data.decoded.Guid[1].Guid", 52 + 876);
    EXPECT_I(t, "pcbOut", AL2_LEN);
    EXPECT_OFF(t, "pcbOut", 52 + AL2_LEN);
#undef AT
}

/* ADAPTERLIST (2.2.11) with one ADAPTER (2.2.13): 0 length 0x2E, 2 "class mscs::AdapterList" (46),
 * 48 ServerNameLength, 50 "node2" (10), 60 NumberOfAdapters, 62 AdapterNameLength 0x26, 64 AdapterName
 * (38), 102 DescriptionLength, 104 "Intel(R) Ethernet" (34), 138 FriendlyNameLength, 140 "Cluster Network 1"
 * (34), 174 NameLength, 176 "eth1" (8), 184 NumberOfPrefixes 0, 186 PhysicalAddressLength, 188
 * "00-1B-21-0A-0B-0C" (34), 222 NumberOfAddresses, 224 Address[0] (2001:db8::5 at 232), 352
 * NumberOfGatewayAddresses 0, 354 AdapterType, 358 TunnelType, 362 OperStatus, 366 DhcpEnabled,
 * 367 InternalNetwork, 368 ClusterAdapter, 369 NumberOfGuids, 371 two SERIALIZEDGUIDs, 519 the end. */
static void al1_resp(vec *v, int arg)
{
    static const guint8 a6[] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 };
    vec *b = vec_new(true);
    blob_u16(b, 0x2E);
    blob_units(b, "class mscs::AdapterList");
    blob_lstr(b, "node2");
    blob_u16(b, 1);
    blob_u16(b, 0x26);
    blob_units(b, "class mscs::Adapter");
    blob_lstr(b, "Intel(R) Ethernet");
    blob_lstr(b, "Cluster Network 1");
    blob_lstr(b, "eth1");
    blob_u16(b, 0);
    blob_lstr(b, "00-1B-21-0A-0B-0C");
    blob_u16(b, 1);
    blob_sockaddr(b, a6, true);
    blob_u16(b, 0);
    blob_u32(b, 6);
    blob_u32(b, 0);
    blob_u32(b, 2);
    put_bytes(b, "\x01\x00\x01", 3);
    blob_u16(b, 2);
    blob_u16(b, 0x48);
    blob_units(b, GUID_A);
    blob_u16(b, 0x48);
    blob_units(b, GUID_B);
    ipconfig_around(v, b);
    vec_free(b);
}

static void al1_check(const csvp_tree *t, int arg)
{
    CHECK(node_at(t, "Data") && node_at(t, "Data")->v.bytes.len == 519);
    EXPECT_STR(t, "Data.decoded.AdapterListName", "class mscs::AdapterList");
    EXPECT_STR(t, "Data.decoded.ServerName", "node2");
    EXPECT_STR(t, "Data.decoded.Adapter[0].AdapterName", "class mscs::Adapter");
    EXPECT_STR(t, "Data.decoded.Adapter[0].FriendlyName", "Cluster Network 1");
    EXPECT_ELEMS(t, "Data.decoded.Adapter[0].Prefix", 0);
    EXPECT_STR(t, "Data.decoded.Adapter[0].Address[0].address", "2001:db8::5");
    EXPECT_OFF(t, "Data.decoded.Adapter[0].Address[0].address", 52 + 232);
    EXPECT_ELEMS(t, "Data.decoded.Adapter[0].GatewayAddress", 0);
    EXPECT_NAME(t, "Data.decoded.Adapter[0].OperStatus", "down");
    EXPECT_U(t, "Data.decoded.Adapter[0].ClusterAdapter", 1);
    EXPECT_OFF(t, "Data.decoded.Adapter[0].ClusterAdapter", 52 + 368);
    EXPECT_STR(t, "Data.decoded.Guid[0].Guid", GUID_A);
    EXPECT_OFF(t, "Data.decoded.Guid[0].Guid", 52 + 373);
}

/* CprepDiskGetUniqueIds response, pbData from 20 (test_storage2.c): a descriptor whose first identifier
 * (at 12) has NextOffset 28 for 16 + 8 bytes, so 4 padding bytes and the second at 12 + 28 = 40, which
 * ends at 40 + 16 + 6 = 62; Size 62. */
static void sdid_resp(vec *v, int arg)
{
    vec *b = vec_new(true);
    blob_u32(b, 0x28);
    blob_u32(b, 62);
    blob_u32(b, 2);
    blob_u32(b, 1);
    blob_u32(b, 2);                 /* EUI-64 */
    blob_u16(b, 8);
    blob_u16(b, 28);
    blob_u32(b, 0);
    put_bytes(b, "\x00\x11\x22\x33\x44\x55\x66\x77\xee\xee\xee\xee", 12);
    blob_u32(b, 3);                 /* UTF-8 */
    blob_u32(b, 8);                 /* SCSI name string */
    blob_u16(b, 6);
    blob_u16(b, 0);
    blob_u32(b, 2);                 /* target */
    put_bytes(b, "iqn.1a", 6);
    put_orpcthat(v, false);
    put_u32(v, 64);
    put_u32(v, 0);
    put_u32(v, 62);
    put_bytes(v, b->b->data, 62);
    put_u32(v, 62);
    put_u32(v, 62);
    put_u32(v, 0);
    vec_free(b);
}

static void sdid_check(const csvp_tree *t, int arg)
{
    EXPECT_U(t, "pbData.decoded.Version", 0x28);
    EXPECT_ELEMS(t, "pbData.decoded.Identifiers", 2);
    EXPECT_NAME(t, "pbData.decoded.Identifiers[0].Type", "StorageIdTypeEUI64");
    EXPECT_BYTES(t, "pbData.decoded.Identifiers[0].Identifier", "\x00\x11\x22\x33\x44\x55\x66\x77", 8);
    EXPECT_OFF(t, "pbData.decoded.Identifiers[1]", 20 + 40);
    EXPECT_NAME(t, "pbData.decoded.Identifiers[1].CodeSet", "StorageIdCodeSetUtf8");
    EXPECT_NAME(t, "pbData.decoded.Identifiers[1].Type", "StorageIdTypeScsiNameString");
    EXPECT_NAME(t, "pbData.decoded.Identifiers[1].Association", "StorageIdAssocTarget");
    EXPECT_BYTES(t, "pbData.decoded.Identifiers[1].Identifier", "iqn.1a", 6);
    EXPECT_OFF(t, "pbData.decoded.Identifiers[1].Identifier", 20 + 56);
}

/* CprepDiskGetDsms response (test_storage2.c layout): REGISTERED_DSMS at 24: NumDsms 24, Dms[0] 28
 * (DsmName 28..156, MajorVersion 156, MinorVersion 160, ProductBuild 164, QfeNumber 168), Dms[1] 172. */
static void dsms_resp(vec *v, int arg)
{
    put_orpcthat(v, false);
    put_u32(v, 292);
    put_u32(v, 292);
    put_u32(v, 0);
    put_u32(v, 292);
    put_dsms(v);
    put_u32(v, 0);
}

static void dsms_check(const csvp_tree *t, int arg)
{
    EXPECT_STR(t, "RegisteredDsms.decoded.Dms[0].DsmName", "Microsoft DSM");
    EXPECT_U(t, "RegisteredDsms.decoded.Dms[0].MajorVersion", 6);
    EXPECT_U(t, "RegisteredDsms.decoded.Dms[0].ProductBuild", 9600);
    EXPECT_OFF(t, "RegisteredDsms.decoded.Dms[0].ProductBuild", 164);
    EXPECT_U(t, "RegisteredDsms.decoded.Dms[0].QfeNumber", 17031);
    EXPECT_OFF(t, "RegisteredDsms.decoded.Dms[1]", 172);
    EXPECT_STR(t, "RegisteredDsms.decoded.Dms[1].DsmName", "Contoso MPIO DSM");
    EXPECT_U(t, "RegisteredDsms.decoded.Dms[1].MinorVersion", 1);
}

/* CprepDiskGetUniqueIds3 response: ppbDeviceIdHeader NULL 8, pcbDihSize 12 = 0, ppDeviceDescriptor referent id
 * 16, max_count 20 = 84, the descriptor of vec.h 24..108 (its offsets count from 24), pcbDdSize 108, hresult 112.
 * arg 1: the device has no serial number (SerialNumberOffset 0, 2.2.27) and 3 bytes of bus properties. */
static void sdd_resp(vec *v, int arg)
{
    vec *b = vec_new(true);
    put_sdd(b);
    if (arg) {
        memset(b->b->data + 24, 0, 4);                  /* SerialNumberOffset */
        memcpy(b->b->data + 32, "\x03\x00\x00\x00\xaa\xbb\xcc", 7);   /* RawPropertiesLength 3, the bytes */
    }
    put_orpcthat(v, false);
    put_u32(v, 0);
    put_u32(v, 0);
    put_ref(v);
    put_u32(v, 84);
    put_bytes(v, b->b->data, 84);
    put_u32(v, 84);
    put_u32(v, 0);
    vec_free(b);
}

static void sdd_check(const csvp_tree *t, int arg)
{
    const char *d = "ppDeviceDescriptor.decoded";
    char p[96];
#define AT(field) (g_snprintf(p, sizeof p, "%s.%s", d, field), p)
    EXPECT_OFF(t, d, 24);
    EXPECT_U(t, AT("Size"), 84);
    EXPECT_U(t, AT("CommandQueueing"), 1);
    EXPECT_OFF(t, AT("CommandQueueing"), 24 + 11);
    EXPECT_NAME(t, AT("StorageBusType"), "BusTypeiScsi");
    EXPECT_STR(t, AT("VendorId"), "NETAPP  ");
    EXPECT_OFF(t, AT("VendorId"), 24 + 40);
    EXPECT_STR(t, AT("ProductId"), "LUN C-Mode      ");
    EXPECT_OFF(t, AT("ProductId"), 24 + 49);
    EXPECT_STR(t, AT("ProductRevision"), "9600");
    EXPECT_OFF(t, AT("ProductRevision"), 24 + 66);
    if (arg) {
        EXPECT_NULL(t, AT("SerialNumber"));
        EXPECT_BYTES(t, AT("RawDeviceProperties"), "\xaa\xbb\xcc", 3);
        EXPECT_OFF(t, AT("RawDeviceProperties"), 24 + 36);
    } else {
        EXPECT_STR(t, AT("SerialNumber"), "80D-+]JQ0002");
        EXPECT_OFF(t, AT("SerialNumber"), 24 + 71);
        EXPECT_BYTES(t, AT("RawDeviceProperties"), "", 0);
    }
#undef AT
}

#define N2 "IClusterNetwork2"
#define S2 "IClusterStorage2"
#define S3 "IClusterStorage3"
static const vec_case blob_cases[] = {
    { N2, "GetIpConfigSerialized", CSVP_OUT, true, al2_resp, al2_check, 0 },
    { N2, "GetIpConfigSerialized", CSVP_OUT, false, al2_resp, al2_check, 1 },
    { N2, "GetIpConfigSerialized", CSVP_OUT, true, al1_resp, al1_check, 0 },
    { S2, "CprepDiskGetUniqueIds", CSVP_OUT, false, sdid_resp, sdid_check, 0 },
    { S2, "CprepDiskGetDsms", CSVP_OUT, true, dsms_resp, dsms_check, 0 },
    { S2, "CprepDiskGetDsms", CSVP_OUT, false, dsms_resp, dsms_check, 1 },
    { S3, "CprepDiskGetUniqueIds3", CSVP_OUT, true, sdd_resp, sdd_check, 0 },
    { S3, "CprepDiskGetUniqueIds3", CSVP_OUT, false, sdd_resp, sdd_check, 1 },
};

/* ---- malformed blobs: the stub decodes completely, the blob gives one problem ---- */

typedef struct bad {
    const char *what;
    const vec_case *base;
    guint32 patch_at;     /* stub offset of a little-endian value to overwrite */
    guint32 value, size;
    const char *path;
    guint32 offset;
} bad;

static const bad bads[] = {
    { "ServerNameLength past the end", &blob_cases[0], 52 + 4, 0x4000, 2, "Data.decoded.ServerName", 52 + 6 },
    { "unknown address family", &blob_cases[0], 52 + 640, 99, 2,
      "Data.decoded.Adapter2[0].GatewayAddress[0].sa_family", 52 + 640 },
    { "Adapter2Identifier not 0x227B", &blob_cases[0], 52 + 44, 0x227C, 2,
      "Data.decoded.Adapter2[0].Adapter2Identifier", 52 + 44 },
    { "NextOffset past the buffer", &blob_cases[3], 20 + 22, 0x100, 2,
      "pbData.decoded.Identifiers[0].NextOffset", 20 + 22 },
    /* The first identifier is 16 + IdentifierSize 8 = 24 bytes: NextOffset 20 would start the second
     * inside its Identifier (overlapping identifiers let a few bytes be shown any number of times). */
    { "NextOffset inside the identifier", &blob_cases[3], 20 + 22, 20, 2,
      "pbData.decoded.Identifiers[0].NextOffset", 20 + 22 },
    { "NumDsms beyond the buffer", &blob_cases[4], 24, 0x10000000, 4, "RegisteredDsms.decoded.Dms", 28 },
    { "SerialNumberOffset past the buffer", &blob_cases[6], 24 + 24, 0x100, 4,
      "ppDeviceDescriptor.decoded.SerialNumberOffset", 24 + 24 },
    /* The serial number's NUL (its last byte, 24 + 83) overwritten: the string runs to the buffer's end, 24 + 84. */
    { "SerialNumber without NUL", &blob_cases[6], 24 + 83, 'X', 1, "ppDeviceDescriptor.decoded.SerialNumber", 24 + 84 },
    { "RawPropertiesLength past the buffer", &blob_cases[6], 24 + 32, 0x1000, 4,
      "ppDeviceDescriptor.decoded.RawDeviceProperties", 24 + 36 },
};

static void run_bad(const bad *b)
{
    guint32 len;
    guint8 *d = vec_case_bytes(b->base, &len);
    for (guint32 i = 0; i < b->size; i++)
        d[b->patch_at + i] = (guint8)(b->value >> (8 * i));
    csvp_tree *t = vec_decode(b->base, d, len);
    int before = check_failures();
    EXPECT_PROBLEM(t, b->path, b->offset, false, 1);
    if (check_failures() != before)
        fprintf(stderr, "  in \"%s\"\n", b->what);
    csvp_tree_free(t);
    g_free(d);
}

int main(void)
{
    vec *v = vec_new(true);
    put_adapterlist2(v);
    CHECK(vec_len(v) == AL2_LEN);
    vec_free(v);
    vec_run(blob_cases, G_N_ELEMENTS(blob_cases));
    for (size_t i = 0; i < G_N_ELEMENTS(bads); i++)
        run_bad(&bads[i]);
    return check_report("blobs");
}
