/* synth_blobs.c - the byte buffers with formats of their own (spec 2.2.7 to
 * 2.2.17), built packed and little-endian as a Windows server lays them out
 * in memory. Each returns a floating 'ay'. */
#include "synth.h"

#include <string.h>

static void u8(GByteArray *b, guint v) { guint8 x = (guint8)v; g_byte_array_append(b, &x, 1); }
static void u16(GByteArray *b, guint v) { u8(b, v & 0xff); u8(b, v >> 8); }
static void u32(GByteArray *b, guint32 v) { u16(b, v & 0xffff); u16(b, v >> 16); }
static void u64(GByteArray *b, guint64 v) { u32(b, (guint32)v); u32(b, (guint32)(v >> 32)); }
static void zeros(GByteArray *b, guint n) { while (n--) u8(b, 0); }

/* UTF-16LE without a terminating NUL, optionally preceded by its byte length. */
static void wstr(GByteArray *b, const char *s, bool with_length)
{
    glong n;
    gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
    if (with_length)
        u16(b, (guint)(2 * n));
    for (glong i = 0; i < n; i++)
        u16(b, u[i]);
    g_free(u);
}

static GVariant *as_ay(GByteArray *b)
{
    GVariant *v = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, b->data, b->len, 1);
    g_byte_array_free(b, TRUE);
    return v;
}

guint32 synth_blob_size(GVariant *ay)
{
    return (guint32)g_variant_n_children(ay);
}

/* sockaddr_in / sockaddr_in6 in a 128-byte slot (RFC 2553), rest zero. */
static void sockaddr4(GByteArray *b, const guint8 a[4])
{
    u16(b, 2);
    u16(b, 0);
    g_byte_array_append(b, a, 4);
    zeros(b, 120);
}

static void sockaddr6(GByteArray *b, const guint8 a[16], guint32 scope)
{
    u16(b, 23);
    u16(b, 0);
    u32(b, 0);   /* flowinfo */
    g_byte_array_append(b, a, 16);
    u32(b, scope);
    zeros(b, 100);
}

typedef struct adapter_desc {
    const char *description, *friendly, *name, *mac;
    guint8 ip4[4];
    guint32 prefix4;
    guint8 link_local[16];
    bool gateway, cluster_adapter, internal;
    guint32 if_index;
    guint64 link_speed;
} adapter_desc;

static void adapter_common(GByteArray *b, const adapter_desc *a)
{
    static const guint8 gw[4] = { 10, 20, 0, 1 };
    wstr(b, a->description, true);
    wstr(b, a->friendly, true);
    wstr(b, a->name, true);
    u16(b, 2);                         /* NumberOfPrefixes: IPv4 and link-local IPv6 (2.2.14) */
    sockaddr4(b, a->ip4);
    u32(b, a->prefix4);
    sockaddr6(b, a->link_local, a->if_index);
    u32(b, 64);
    wstr(b, a->mac, true);             /* PhysicalAddress "AA-BB-CC-DD-EE-FF" */
    u16(b, 2);                         /* NumberOfAddresses */
    sockaddr4(b, a->ip4);
    sockaddr6(b, a->link_local, a->if_index);
    u16(b, a->gateway ? 1 : 0);        /* NumberOfGatewayAddresses */
    if (a->gateway)
        sockaddr4(b, gw);
}

static void adapter_tail(GByteArray *b, const adapter_desc *a)
{
    u32(b, 6);                         /* AdapterType IF_TYPE_ETHERNET_CSMACD */
    u32(b, 0);                         /* TunnelType TUNNEL_TYPE_NONE */
    u32(b, 1);                         /* OperStatus up (RFC 2863) */
    u8(b, 0);                          /* DhcpEnabled */
    u8(b, a->internal);                /* InternalNetwork */
    u8(b, a->cluster_adapter);         /* ClusterAdapter */
}

static void adapters_of(const synth_host *h, adapter_desc out[3])
{
    memset(out, 0, 3 * sizeof *out);
    guint8 ll[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x4d, 0x1a, 0x77, 0x02, 0x9b, 0x3c, 0, h->ip4[3] };
    static char macs[3][3][18];
    guint k = h->ip4[3] % 3;
    for (guint i = 0; i < 3; i++)
        g_snprintf(macs[k][i], 18, "%02X-%02X-%02X-%02X-%02X-%02X", h->mac[0], h->mac[1], h->mac[2], h->mac[3],
                   h->mac[4] + (guint8)(0x10 * i), h->mac[5]);
    out[0] = (adapter_desc){ "Microsoft Hyper-V Network Adapter", "Public", "{8F3A5C21-7B4E-4D0A-9C61-2E5B7D9F0A14}",
                             macs[k][0], { h->ip4[0], h->ip4[1], h->ip4[2], h->ip4[3] }, 24, { 0 }, true, false,
                             false, 4, G_GUINT64_CONSTANT(10000000000) };
    out[1] = (adapter_desc){ "Microsoft Hyper-V Network Adapter #2", "Cluster",
                             "{2C6D9E04-1A3B-4F7C-8E25-9B0D4A6C3E71}", macs[k][1], { 172, 16, 1, h->ip4[3] }, 24,
                             { 0 }, false, false, true, 7, G_GUINT64_CONSTANT(10000000000) };
    out[2] = (adapter_desc){ "Microsoft Failover Cluster Virtual Adapter", "Local Area Connection* 11",
                             "{5E8B1F37-0C92-4A6D-B3F4-71C8D2E09A55}", macs[k][2], { 169, 254, 2, h->ip4[3] }, 16,
                             { 0 }, false, true, false, 12, G_GUINT64_CONSTANT(100000000000) };
    for (guint i = 0; i < 3; i++) {
        memcpy(out[i].link_local, ll, 16);
        out[i].link_local[14] = (guint8)(0x10 + i);
    }
}

static void serialized_guids(GByteArray *b, guint n)
{
    static const char *guids[] = {
        "8f3a5c21-7b4e-4d0a-9c61-2e5b7d9f0a14", "d41e7b90-3c5a-4e62-a8f1-0b9c2d7e4f36",
        "2c6d9e04-1a3b-4f7c-8e25-9b0d4a6c3e71", "a7c3f5e8-6d21-4b09-9e4a-5f1b8c0d2e93",
        "5e8b1f37-0c92-4a6d-b3f4-71c8d2e09a55", "c09d2a6e-84f1-47b3-a25c-e6f3091b7d48",
    };
    u16(b, n);
    for (guint i = 0; i < n; i++) {   /* SERIALIZEDGUID (2.2.12): 0x0048 and 36 characters */
        u16(b, 0x0048);
        wstr(b, guids[i % G_N_ELEMENTS(guids)], false);
    }
}

/* ADAPTERLIST2 (2.2.16) of ADAPTER2s (2.2.17): the public adapter, the cluster network
 * adapter, and (second_adapter) the failover cluster virtual adapter. */
GVariant *synth_adapterlist2(const synth_host *server, bool second_adapter)
{
    adapter_desc a[3];
    adapters_of(server, a);
    guint n = second_adapter ? 3 : 2;
    GByteArray *b = g_byte_array_new();
    u16(b, 0x0002);
    u16(b, 0x227A);
    wstr(b, server->name, true);
    u16(b, n);
    for (guint i = 0; i < n; i++) {
        u16(b, 0x0002);
        u16(b, 0x227B);
        adapter_common(b, &a[i]);
        u32(b, a[i].if_index);            /* InterfaceIndex */
        adapter_tail(b, &a[i]);
        u8(b, 0);                         /* ConnectedToiSCSI */
        u64(b, a[i].link_speed);          /* LinkSpeed, bits per second */
        u8(b, i == 1);                    /* RdmaCapable */
        u8(b, i < 2);                     /* RssCapable */
    }
    serialized_guids(b, 2 * n);
    return as_ay(b);
}

/* The older ADAPTERLIST (2.2.11) of ADAPTERs (2.2.13). */
GVariant *synth_adapterlist(const synth_host *server)
{
    adapter_desc a[3];
    adapters_of(server, a);
    GByteArray *b = g_byte_array_new();
    wstr(b, "class mscs::AdapterList", true);
    wstr(b, server->name, true);
    u16(b, 2);
    for (guint i = 0; i < 2; i++) {
        wstr(b, "class mscs::Adapter", true);   /* 0x0026 bytes: the spec's "mscls" spelling would be 0x28 */
        adapter_common(b, &a[i]);
        adapter_tail(b, &a[i]);
    }
    serialized_guids(b, 4);
    return as_ay(b);
}

/* One STORAGE_IDENTIFIER (2.2.10) padded so NextOffset lands on `align`. */
static void identifier(GByteArray *b, guint32 code_set, guint32 type, guint32 assoc, const guint8 *id, guint len,
                       guint align, bool last)
{
    guint next = (16 + len + align - 1) / align * align;   /* 16-byte header, then the identifier */
    u32(b, code_set);
    u32(b, type);
    u16(b, len);
    u16(b, last ? 0 : next);
    u32(b, assoc);
    g_byte_array_append(b, id, len);
    if (!last)
        zeros(b, next - 16 - len);
}

/* STORAGE_DEVICE_ID_DESCRIPTOR (2.2.9) for a SAN LUN: NAA IEEE Registered Extended,
 * EUI-64, and a SCSI name string (SPC-3 7.6.3), each unique to the disk. */
GVariant *synth_storage_device_id(guint32 sig, bool eight_aligned)
{
    guint align = eight_aligned ? 8 : 4;
    guint8 naa[16] = { 0x60, 0x0a, 0x09, 0x80, 0x38, 0x30, 0x44, 0x2d, 0x2b, 0x5d, 0x4a, 0x51,
                       (guint8)(sig >> 24), (guint8)(sig >> 16), (guint8)(sig >> 8), (guint8)sig };
    guint8 eui[8] = { 0x00, 0xa0, 0x98, 0x38, (guint8)(sig >> 24), (guint8)(sig >> 16), (guint8)(sig >> 8),
                      (guint8)sig };
    char name[64];
    int nlen = g_snprintf(name, sizeof name, "iqn.1992-08.com.netapp:sn.4082367740:lun%08x", sig);
    GByteArray *ids = g_byte_array_new();
    identifier(ids, 1, 3, 0, naa, 16, align, false);   /* binary, NAA (type 3), associated with the LU */
    identifier(ids, 1, 2, 0, eui, 8, align, false);    /* binary, EUI-64 */
    identifier(ids, 3, 8, 0, (const guint8 *)name, (guint)nlen + 1, align, true);  /* UTF-8 SCSI name string */
    GByteArray *b = g_byte_array_new();
    u32(b, 1);                  /* Version */
    u32(b, 12 + ids->len);      /* Size */
    u32(b, 3);                  /* NumberOfIdentifiers */
    g_byte_array_append(b, ids->data, ids->len);
    g_byte_array_free(ids, TRUE);
    return as_ay(b);
}

/* REGISTERED_DSMS (2.2.8): the in-box Microsoft DSM and a vendor DSM. */
GVariant *synth_registered_dsms(void)
{
    static const struct { const char *name; guint32 major, minor, build, qfe; } dsms[] = {
        { "Microsoft DSM", 10, 0, 20348, 1 },
        { "NetApp ONTAP DSM for MPIO", 4, 2, 1503, 0 },
    };
    GByteArray *b = g_byte_array_new();
    u32(b, G_N_ELEMENTS(dsms));
    for (guint i = 0; i < G_N_ELEMENTS(dsms); i++) {
        guint start = b->len;
        wstr(b, dsms[i].name, false);
        zeros(b, 128 - (b->len - start));   /* DsmName: 128 bytes, NUL padded */
        u32(b, dsms[i].major);
        u32(b, dsms[i].minor);
        u32(b, dsms[i].build);
        u32(b, dsms[i].qfe);
    }
    return as_ay(b);
}
