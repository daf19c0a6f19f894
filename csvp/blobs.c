/* blobs.c - byte buffers with formats of their own (spec 2.2.7 to 2.2.17, 2.2.27),
 * described as tables and decoded into the same tree as the NDR.
 *
 * These are Windows in-memory layouts, not NDR: packed, little-endian
 * whatever the PDU's data representation (ERRATA.md), strings UTF-16LE
 * counted in bytes by the field before them.
 */
#include "blobs.h"
#include "addr_text.h"
#include "cursor.h"
#include "tables_internal.h"

#include <string.h>

typedef enum bkind {
    B_U8, B_U16, B_U32, B_U64,
    B_STR_PREV,     /* UTF-16LE string, byte length in the previous field */
    B_STR_FIXED,    /* UTF-16LE string in `size` bytes, up to the first NUL */
    B_BYTES_PREV,   /* bytes, length in the previous field (or in the field len_from names) */
    B_SOCKADDR,     /* 128-byte sockaddr_in / sockaddr_in6 (RFC 2553) */
    B_STRUCT,       /* a nested blob struct */
    B_ARRAY_PREV,   /* `elem` repeated, count in the previous field */
    B_IDENTIFIERS,  /* STORAGE_IDENTIFIERs chained by NextOffset, count in the previous field */
    B_ASCIIZ_AT,    /* NUL-terminated ASCII at the offset (from the struct's start) in the field len_from; 0: none */
} bkind;

typedef struct blob_struct blob_struct;
typedef struct blob_field {
    csvp_member m;              /* first: the tree's nodes point at it */
    bkind kind;
    guint32 size;               /* B_STR_FIXED */
    gint64 expect;              /* required constant, or -1 */
    const blob_struct *sub;     /* B_STRUCT, B_ARRAY_PREV, B_IDENTIFIERS elements */
    const struct blob_field *elem; /* B_ARRAY_PREV element */
    const char *len_from;       /* B_BYTES_PREV: the sibling holding the length, when not the previous field;
                                 * B_ASCIIZ_AT: the sibling holding the offset */
} blob_field;

struct blob_struct {
    csvp_type type;             /* name and kind for the tree */
    const blob_field *fields;
    guint n;
};

static const csvp_type bt_u8 = { .name = "UCHAR", .kind = CSVP_K_U8 };
static const csvp_type bt_u16 = { .name = "USHORT", .kind = CSVP_K_U16 };
static const csvp_type bt_u32 = { .name = "ULONG", .kind = CSVP_K_U32 };
static const csvp_type bt_u64 = { .name = "ULONGLONG", .kind = CSVP_K_U64 };
static const csvp_type bt_str = { .name = "WCHAR[]", .kind = CSVP_K_STRING };
static const csvp_type bt_bytes = { .name = "BYTE[]", .kind = CSVP_K_ARRAY, .elem = &csvp_t_byte };

#define FLD(o, n, k, t) { .m = { .owner = #o, .name = n, .type = t }, .kind = k, .expect = -1 }
#define U8(o, n) FLD(o, n, B_U8, &bt_u8)
#define U16(o, n) FLD(o, n, B_U16, &bt_u16)
#define U16_IS(o, n, v) { .m = { .owner = #o, .name = n, .type = &bt_u16 }, .kind = B_U16, .expect = v }
#define U32(o, n) FLD(o, n, B_U32, &bt_u32)
#define U32_NAMED(o, n, t) FLD(o, n, B_U32, t)
#define U64(o, n) FLD(o, n, B_U64, &bt_u64)
#define STR(o, n) FLD(o, n, B_STR_PREV, &bt_str)
#define STRUCT_OF(o, n, s) { .m = { .owner = #o, .name = n, .type = &(s).type }, .kind = B_STRUCT, .expect = -1, .sub = &(s) }
/* e's element struct s is named again because C does not make e.m.type a constant expression (clang rejects it). */
#define ARRAY_OF(o, n, e, s) { .m = { .owner = #o, .name = n, .type = &(s).type }, .kind = B_ARRAY_PREV, .expect = -1, .elem = &(e) }
#define BLOB_STRUCT(id, nm, flds) \
    static const blob_struct id = { .type = { .name = nm, .kind = CSVP_K_STRUCT }, .fields = flds, .n = G_N_ELEMENTS(flds) }

/* ---- sockaddr (RFC 2553), as used by IPPREFIX and ADAPTER/ADAPTER2 ---- */
static const csvp_name families[] = { { 2, "AF_INET" }, { 23, "AF_INET6" } };
static const csvp_type bt_family = { .name = "USHORT", .kind = CSVP_K_U16, .values = families, .n_values = 2 };
static const csvp_member sa_family = { .owner = "sockaddr", .name = "sa_family", .type = &bt_family };
static const csvp_member sa_port = { .owner = "sockaddr", .name = "port", .type = &bt_u16 };
static const csvp_member sa_addr = { .owner = "sockaddr", .name = "address", .type = &bt_str };
/* sockaddr_in6 (RFC 2553 3.3): sin6_flowinfo in network byte order, sin6_scope_id in host order
 * (little-endian, as the rest of these Windows layouts). */
static const csvp_member sa_flowinfo = { .owner = "sockaddr", .name = "flowinfo", .type = &bt_u32 };
static const csvp_member sa_scope_id = { .owner = "sockaddr", .name = "scope_id", .type = &bt_u32 };
static const blob_struct sockaddr_s = { .type = { .name = "sockaddr", .kind = CSVP_K_STRUCT } };

/* ---- 2.2.14 IPPREFIX ---- */
static const blob_field ipprefix_f[] = {
    { .m = { .owner = "IPPREFIX", .name = "Endpoint", .type = &sockaddr_s.type }, .kind = B_SOCKADDR, .expect = -1 },
    U32(IPPREFIX, "PrefixLength"),
};
BLOB_STRUCT(ipprefix_s, "IPPREFIX", ipprefix_f);

/* ---- 2.2.12 SERIALIZEDGUID ---- */
static const blob_field serializedguid_f[] = {
    U16_IS(SERIALIZEDGUID, "GuidLength", 0x0048),
    STR(SERIALIZEDGUID, "Guid"),
};
BLOB_STRUCT(serializedguid_s, "SERIALIZEDGUID", serializedguid_f);

/* Fields shared by ADAPTER (2.2.13) and ADAPTER2 (2.2.17), in their order. */
static const blob_field prefix_elem = STRUCT_OF(ADAPTER, "Prefix", ipprefix_s);
static const blob_field address_elem = { .m = { .owner = "ADAPTER", .name = "Address", .type = &sockaddr_s.type },
                                         .kind = B_SOCKADDR, .expect = -1 };
static const blob_field gateway_elem = { .m = { .owner = "ADAPTER", .name = "GatewayAddress",
                                                .type = &sockaddr_s.type }, .kind = B_SOCKADDR, .expect = -1 };
static const csvp_name tunnel_types[] = { { 0, "TUNNEL_TYPE_NONE" } };
static const csvp_type bt_tunnel = { .name = "ULONG", .kind = CSVP_K_U32, .values = tunnel_types, .n_values = 1 };
static const csvp_name if_types[] = { { 6, "IF_TYPE_ETHERNET_CSMACD" }, { 24, "IF_TYPE_SOFTWARE_LOOPBACK" },
                                      { 71, "IF_TYPE_IEEE80211" }, { 131, "IF_TYPE_TUNNEL" } };
static const csvp_type bt_iftype = { .name = "ULONG", .kind = CSVP_K_U32, .values = if_types, .n_values = 4 };
static const csvp_name oper_status[] = { { 1, "up" }, { 2, "down" }, { 3, "testing" }, { 4, "unknown" },
                                         { 5, "dormant" }, { 6, "notPresent" }, { 7, "lowerLayerDown" } };
static const csvp_type bt_oper = { .name = "ULONG", .kind = CSVP_K_U32, .values = oper_status, .n_values = 7 };

#define ADAPTER_COMMON(o)                                                                                     \
    U16(o, "DescriptionLength"), STR(o, "Description"), U16(o, "FriendlyNameLength"), STR(o, "FriendlyName"), \
        U16(o, "NameLength"), STR(o, "Name"), U16(o, "NumberOfPrefixes"), ARRAY_OF(o, "Prefix", prefix_elem, ipprefix_s), \
        U16(o, "PhysicalAddressLength"), STR(o, "PhysicalAddress"), U16(o, "NumberOfAddresses"),             \
        ARRAY_OF(o, "Address", address_elem, sockaddr_s), U16(o, "NumberOfGatewayAddresses"),                            \
        ARRAY_OF(o, "GatewayAddress", gateway_elem, sockaddr_s)
#define ADAPTER_TAIL(o)                                                                                       \
    U32_NAMED(o, "AdapterType", &bt_iftype), U32_NAMED(o, "TunnelType", &bt_tunnel),                          \
        U32_NAMED(o, "OperStatus", &bt_oper), U8(o, "DhcpEnabled"), U8(o, "InternalNetwork"), U8(o, "ClusterAdapter")

static const blob_field adapter_f[] = {
    U16_IS(ADAPTER, "AdapterNameLength", 0x0026), STR(ADAPTER, "AdapterName"),
    ADAPTER_COMMON(ADAPTER), ADAPTER_TAIL(ADAPTER),
};
BLOB_STRUCT(adapter_s, "ADAPTER", adapter_f);
static const blob_field adapter2_f[] = {
    U16_IS(ADAPTER2, "Adapter2IdentifierLength", 0x0002), U16_IS(ADAPTER2, "Adapter2Identifier", 0x227B),
    ADAPTER_COMMON(ADAPTER2), U32(ADAPTER2, "InterfaceIndex"), ADAPTER_TAIL(ADAPTER2),
    U8(ADAPTER2, "ConnectedToiSCSI"), U64(ADAPTER2, "LinkSpeed"), U8(ADAPTER2, "RdmaCapable"),
    U8(ADAPTER2, "RssCapable"),
};
BLOB_STRUCT(adapter2_s, "ADAPTER2", adapter2_f);

/* ---- 2.2.11 ADAPTERLIST, 2.2.16 ADAPTERLIST2 ---- */
static const blob_field adapter_elem = STRUCT_OF(ADAPTERLIST, "Adapter", adapter_s);
static const blob_field adapter2_elem = STRUCT_OF(ADAPTERLIST2, "Adapter2", adapter2_s);
static const blob_field guid_elem = STRUCT_OF(ADAPTERLIST, "Guid", serializedguid_s);
static const blob_field adapterlist_f[] = {
    U16_IS(ADAPTERLIST, "AdapterListNameLength", 0x002E), STR(ADAPTERLIST, "AdapterListName"),
    U16(ADAPTERLIST, "ServerNameLength"), STR(ADAPTERLIST, "ServerName"),
    U16(ADAPTERLIST, "NumberOfAdapters"), ARRAY_OF(ADAPTERLIST, "Adapter", adapter_elem, adapter_s),
    U16(ADAPTERLIST, "NumberOfGuids"), ARRAY_OF(ADAPTERLIST, "Guid", guid_elem, serializedguid_s),
};
BLOB_STRUCT(adapterlist_s, "ADAPTERLIST", adapterlist_f);
static const blob_field adapterlist2_f[] = {
    U16_IS(ADAPTERLIST2, "AdapterList2IdentifierLength", 0x0002),
    U16_IS(ADAPTERLIST2, "AdapterList2Identifier", 0x227A),
    U16(ADAPTERLIST2, "ServerNameLength"), STR(ADAPTERLIST2, "ServerName"),
    U16(ADAPTERLIST2, "NumberOfAdapter2s"), ARRAY_OF(ADAPTERLIST2, "Adapter2", adapter2_elem, adapter2_s),
    U16(ADAPTERLIST2, "NumberOfGuids"), ARRAY_OF(ADAPTERLIST2, "Guid", guid_elem, serializedguid_s),
};
BLOB_STRUCT(adapterlist2_s, "ADAPTERLIST2", adapterlist2_f);

/* ---- 2.2.9 STORAGE_DEVICE_ID_DESCRIPTOR, 2.2.10 STORAGE_IDENTIFIER (SPC-3 7.6.3.1 values) ---- */
static const csvp_name code_sets[] = { { 1, "StorageIdCodeSetBinary" }, { 2, "StorageIdCodeSetAscii" },
                                       { 3, "StorageIdCodeSetUtf8" } };
static const csvp_type bt_codeset = { .name = "ULONG", .kind = CSVP_K_U32, .values = code_sets, .n_values = 3 };
static const csvp_name id_types[] = {
    { 0, "StorageIdTypeVendorSpecific" }, { 1, "StorageIdTypeVendorId" }, { 2, "StorageIdTypeEUI64" },
    { 3, "StorageIdTypeFCPHName" }, { 4, "StorageIdTypePortRelative" }, { 5, "StorageIdTypeTargetPortGroup" },
    { 6, "StorageIdTypeLogicalUnitGroup" }, { 7, "StorageIdTypeMD5LogicalUnitIdentifier" },
    { 8, "StorageIdTypeScsiNameString" },
};
static const csvp_type bt_idtype = { .name = "ULONG", .kind = CSVP_K_U32, .values = id_types, .n_values = 9 };
static const csvp_name associations[] = { { 0, "StorageIdAssocDevice" }, { 1, "StorageIdAssocPort" },
                                          { 2, "StorageIdAssocTarget" } };
static const csvp_type bt_assoc = { .name = "ULONG", .kind = CSVP_K_U32, .values = associations, .n_values = 3 };
static const blob_field storage_identifier_f[] = {
    U32_NAMED(STORAGE_IDENTIFIER, "CodeSet", &bt_codeset),
    U32_NAMED(STORAGE_IDENTIFIER, "Type", &bt_idtype),
    U16(STORAGE_IDENTIFIER, "IdentifierSize"),
    U16(STORAGE_IDENTIFIER, "NextOffset"),
    U32_NAMED(STORAGE_IDENTIFIER, "Association", &bt_assoc),
    /* The length is IdentifierSize, two fields back (2.2.10). */
    { .m = { .owner = "STORAGE_IDENTIFIER", .name = "Identifier", .type = &bt_bytes }, .kind = B_BYTES_PREV,
      .expect = -1, .len_from = "IdentifierSize" },
};
BLOB_STRUCT(storage_identifier_s, "STORAGE_IDENTIFIER", storage_identifier_f);
static const blob_field sdid_f[] = {
    U32(STORAGE_DEVICE_ID_DESCRIPTOR, "Version"),
    U32(STORAGE_DEVICE_ID_DESCRIPTOR, "Size"),
    U32(STORAGE_DEVICE_ID_DESCRIPTOR, "NumberOfIdentifiers"),
    { .m = { .owner = "STORAGE_DEVICE_ID_DESCRIPTOR", .name = "Identifiers", .type = &storage_identifier_s.type },
      .kind = B_IDENTIFIERS, .expect = -1, .sub = &storage_identifier_s },
};
BLOB_STRUCT(sdid_s, "STORAGE_DEVICE_ID_DESCRIPTOR", sdid_f);

/* ---- 2.2.27 STORAGE_DEVICE_DESCRIPTOR (rev 34): the header, the bus-specific bytes, then the four
 * strings its offsets point to (ASCII, NUL-terminated, anywhere in the buffer). Version "MUST be set to
 * 37"; Windows' structure is padded to 40: the value is shown, not required (ERRATA.md 28). ---- */
static const csvp_type bt_bool8 = { .name = "BOOLEAN", .kind = CSVP_K_U8 };
static const csvp_type bt_ascii = { .name = "CHAR[]", .kind = CSVP_K_STRING };
#define ASCIIZ_AT(o, n, from) { .m = { .owner = #o, .name = n, .type = &bt_ascii }, .kind = B_ASCIIZ_AT, .expect = -1, \
                                .len_from = from }
static const blob_field sdd_f[] = {
    U32(STORAGE_DEVICE_DESCRIPTOR, "Version"),
    U32(STORAGE_DEVICE_DESCRIPTOR, "Size"),
    U8(STORAGE_DEVICE_DESCRIPTOR, "DeviceType"),
    U8(STORAGE_DEVICE_DESCRIPTOR, "Reserved"),
    FLD(STORAGE_DEVICE_DESCRIPTOR, "RemovableMedia", B_U8, &bt_bool8),
    FLD(STORAGE_DEVICE_DESCRIPTOR, "CommandQueueing", B_U8, &bt_bool8),
    U32(STORAGE_DEVICE_DESCRIPTOR, "VendorIdOffset"),
    U32(STORAGE_DEVICE_DESCRIPTOR, "ProductIdOffset"),
    U32(STORAGE_DEVICE_DESCRIPTOR, "ProductRevisionOffset"),
    U32(STORAGE_DEVICE_DESCRIPTOR, "SerialNumberOffset"),
    U32_NAMED(STORAGE_DEVICE_DESCRIPTOR, "StorageBusType", &csvp_t_bus_type),
    U32(STORAGE_DEVICE_DESCRIPTOR, "RawPropertiesLength"),
    FLD(STORAGE_DEVICE_DESCRIPTOR, "RawDeviceProperties", B_BYTES_PREV, &bt_bytes),
    ASCIIZ_AT(STORAGE_DEVICE_DESCRIPTOR, "VendorId", "VendorIdOffset"),
    ASCIIZ_AT(STORAGE_DEVICE_DESCRIPTOR, "ProductId", "ProductIdOffset"),
    ASCIIZ_AT(STORAGE_DEVICE_DESCRIPTOR, "ProductRevision", "ProductRevisionOffset"),
    ASCIIZ_AT(STORAGE_DEVICE_DESCRIPTOR, "SerialNumber", "SerialNumberOffset"),
};
BLOB_STRUCT(sdd_s, "STORAGE_DEVICE_DESCRIPTOR", sdd_f);

/* ---- 2.2.7 REGISTERED_DSM, 2.2.8 REGISTERED_DSMS ---- */
static const blob_field dsm_f[] = {
    { .m = { .owner = "REGISTERED_DSM", .name = "DsmName", .type = &bt_str }, .kind = B_STR_FIXED, .size = 128,
      .expect = -1 },
    U32(REGISTERED_DSM, "MajorVersion"), U32(REGISTERED_DSM, "MinorVersion"),
    U32(REGISTERED_DSM, "ProductBuild"), U32(REGISTERED_DSM, "QfeNumber"),
};
BLOB_STRUCT(dsm_s, "REGISTERED_DSM", dsm_f);
static const blob_field dsm_elem = STRUCT_OF(REGISTERED_DSMS, "Dms", dsm_s);
static const blob_field dsms_f[] = {
    U32(REGISTERED_DSMS, "NumDsms"),
    ARRAY_OF(REGISTERED_DSMS, "Dms", dsm_elem, dsm_s),
};
BLOB_STRUCT(dsms_s, "REGISTERED_DSMS", dsms_f);

/* The node under a byte buffer that holds its decoded contents. */
static const csvp_member blob_decoded_member = { .owner = "csvp", .name = "decoded" };

/* ---- the reader: a cursor over the buffer, little-endian whatever the PDU's label ---- */

typedef struct breader {
    csvp_tree *t;
    csvp_cursor cur;        /* base: the buffer's offset in the stub */
    bool fatal;
    guint depth;
} breader;

/* The cursor's first failure becomes the buffer's fatal problem. */
static bool short_of(breader *r, const csvp_node *at)
{
    const csvp_cursor *c = &r->cur;
    csvp_tree_problem(r->t, at, (guint32)c->fail_at, "%s needs %u bytes, %u left in the buffer", c->what,
                      (guint)c->fail_need, (guint)c->fail_left);
    r->fatal = true;
    return false;
}

static guint32 pos(const csvp_cursor *c) { return (guint32)csvp_cur_pos(c); }

static const char *utf16le(breader *r, const guint8 *p, guint32 bytes, bool stop_at_nul)
{
    /* On the stack when it fits, as the walker's strings: adapter names and addresses are short. */
    char small[256], *s = CSVP_UTF16_MAX_UTF8(bytes) <= sizeof small ? small : g_malloc(CSVP_UTF16_MAX_UTF8(bytes));
    gsize len = csvp_utf16_decode(s, p, bytes, true, stop_at_nul);
    const char *out = g_string_chunk_insert_len(csvp_tree_strings(r->t), s, (gssize)len);
    if (s != small)
        g_free(s);
    return out;
}

static void read_struct(breader *r, csvp_node *n, const blob_struct *s);

static csvp_node *sockaddr_u32(breader *r, csvp_node *n, const csvp_member *m, guint32 at, guint32 v)
{
    csvp_node *x = csvp_tree_add(r->t, n, m, m->type, CSVP_N_UINT, at);
    x->v.u = v;
    x->length = m == &sa_family || m == &sa_port ? 2 : 4;
    return x;
}

/* SOCKADDR_STORAGE-sized: sockaddr_in {family, port, addr[4]} or sockaddr_in6 {family, port,
 * flowinfo, addr[16], scope_id} (RFC 2553 3.3), the rest padding. */
static void read_sockaddr(breader *r, csvp_node *n)
{
    n->kind = CSVP_N_STRUCT;
    csvp_cursor c = csvp_cur_sub(&r->cur, 128, "sockaddr");
    if (!csvp_cur_ok(&r->cur)) {
        short_of(r, n);
        return;
    }
    guint32 at = pos(&c);
    guint32 fam = csvp_cur_u16(&c, "sa_family");
    csvp_node *f = sockaddr_u32(r, n, &sa_family, at, fam);
    at = pos(&c);
    sockaddr_u32(r, n, &sa_port, at, (guint32)csvp_cur_uint(&c, 2, false, "port"));  /* network byte order */
    if (fam == 23) {   /* flowinfo in network byte order */
        at = pos(&c);
        sockaddr_u32(r, n, &sa_flowinfo, at, (guint32)csvp_cur_uint(&c, 4, false, "flowinfo"));
    }
    char text[80] = "";
    guint32 addr_at = pos(&c), addr_len = 0, scope_at = 0, scope = 0;
    if (fam == 2) {
        const guint8 *a = csvp_cur_bytes(&c, 4, "address");
        csvp_ipv4_text(text, a);
        addr_len = 4;
    } else if (fam == 23) {
        /* The scope tells which adapter a link-local address belongs to: "fe80::1%14" (RFC 4007 11). */
        const guint8 *a = csvp_cur_bytes(&c, 16, "address");
        scope_at = pos(&c);
        scope = csvp_cur_u32(&c, "scope_id");
        char *end = csvp_ipv6_text(text, a);
        if (scope) {
            *end++ = '%';
            csvp_decimal_text(end, scope);
        }
        addr_len = 16;
    } else if (fam != 0) {
        csvp_tree_problem(r->t, f, f->offset, "unknown address family %u", fam);
    }
    csvp_node *a = csvp_tree_add(r->t, n, &sa_addr, sa_addr.type, CSVP_N_STRING, addr_at);
    a->length = addr_len;
    a->v.str = g_string_chunk_insert(csvp_tree_strings(r->t), text);
    if (fam == 23)
        sockaddr_u32(r, n, &sa_scope_id, scope_at, scope);
    n->length = 128;
}

static void read_field(breader *r, csvp_node *parent, const blob_field *f, guint64 prev, gint32 index);

static void read_elements(breader *r, csvp_node *arr, const blob_field *f, guint64 count)
{
    /* Each element takes at least one byte: a count beyond the buffer is rejected before looping. */
    if (count > csvp_cur_left(&r->cur)) {
        csvp_tree_problem(r->t, arr, pos(&r->cur), "count %" G_GUINT64_FORMAT " exceeds the %u bytes left",
                          count, (guint)csvp_cur_left(&r->cur));
        r->fatal = true;
        return;
    }
    for (guint64 i = 0; i < count && !r->fatal; i++)
        read_field(r, arr, f->elem, 0, (gint32)i);
}

static void read_identifiers(breader *r, csvp_node *arr, const blob_struct *s, guint64 count)
{
    if (count > csvp_cur_left(&r->cur) / 16 + 1) {
        csvp_tree_problem(r->t, arr, pos(&r->cur), "NumberOfIdentifiers %" G_GUINT64_FORMAT
                          " exceeds what %u bytes can hold", count, (guint)csvp_cur_left(&r->cur));
        r->fatal = true;
        return;
    }
    for (guint64 i = 0; i < count && !r->fatal; i++) {
        csvp_cursor start = r->cur;
        csvp_node *e = csvp_tree_add(r->t, arr, arr->member, &s->type, CSVP_N_STRUCT, pos(&start));
        e->index = (gint32)i;
        read_struct(r, e, s);
        const csvp_node *next = csvp_node_child(e, "NextOffset");
        if (r->fatal || !next || i + 1 == count)
            break;
        /* NextOffset is from the start of this identifier (2.2.9): the next one starts after this one's
         * Identifier bytes and inside the buffer. Overlapping identifiers would let a few bytes be shown
         * NumberOfIdentifiers times over. */
        if (next->v.u < e->length) {
            csvp_tree_problem(r->t, next, next->offset, "NextOffset %" G_GUINT64_FORMAT " overlaps the identifier's "
                              "%u bytes", next->v.u, e->length);
            r->fatal = true;
            break;
        }
        if (!csvp_cur_skip(&start, next->v.u, "NextOffset")) {
            csvp_tree_problem(r->t, next, next->offset, "NextOffset %" G_GUINT64_FORMAT " leaves the buffer",
                              next->v.u);
            r->fatal = true;
            break;
        }
        r->cur = start;
    }
}

static void read_field(breader *r, csvp_node *parent, const blob_field *f, guint64 prev, gint32 index)
{
    static const guint8 sizes[] = { [B_U8] = 1, [B_U16] = 2, [B_U32] = 4, [B_U64] = 8 };
    csvp_node *n = csvp_tree_add(r->t, parent, &f->m, f->m.type, CSVP_N_UINT, pos(&r->cur));
    n->index = index;
    if (++r->depth > CSVP_MAX_DEPTH) {
        csvp_tree_problem(r->t, n, n->offset, "nesting deeper than %d", CSVP_MAX_DEPTH);
        r->fatal = true;
        return;
    }
    switch (f->kind) {
    case B_U8: case B_U16: case B_U32: case B_U64:
        n->v.u = csvp_cur_uint(&r->cur, sizes[f->kind], true, f->m.name);
        if (!csvp_cur_ok(&r->cur)) {
            short_of(r, n);
            break;
        }
        n->kind = f->kind == B_U64 ? CSVP_N_U64 : CSVP_N_UINT;
        n->length = sizes[f->kind];
        if (f->expect >= 0 && n->v.u != (guint64)f->expect)
            csvp_tree_problem(r->t, n, n->offset, "%s is 0x%" G_GINT64_MODIFIER "x, the spec requires 0x%"
                              G_GINT64_MODIFIER "x", f->m.name, n->v.u, f->expect);
        break;
    case B_STR_PREV: case B_STR_FIXED: {
        guint32 bytes = f->kind == B_STR_FIXED ? f->size : (guint32)prev;
        n->kind = CSVP_N_STRING;
        const guint8 *p = csvp_cur_bytes(&r->cur, bytes, f->m.name);
        if (!p) {
            short_of(r, n);
            break;
        }
        if (f->kind == B_STR_PREV && (bytes & 1))
            csvp_tree_problem(r->t, n, n->offset, "odd byte length %u for a UTF-16 string", bytes);
        n->v.str = utf16le(r, p, bytes, f->kind == B_STR_FIXED);
        n->length = bytes;
        break;
    }
    case B_BYTES_PREV:
        if (f->len_from) {
            const csvp_node *l = csvp_node_child(parent, f->len_from);
            prev = l ? l->v.u : 0;
        }
        n->kind = CSVP_N_BYTES;
        n->v.bytes.data = csvp_cur_bytes(&r->cur, (guint32)prev, f->m.name);
        if (!n->v.bytes.data) {
            short_of(r, n);
            break;
        }
        n->v.bytes.len = (guint32)prev;
        n->length = (guint32)prev;
        break;
    case B_ASCIIZ_AT: {
        /* The string does not move the reader: it sits where the offset says, from the struct's start. */
        const csvp_node *o = csvp_node_child(parent, f->len_from);
        csvp_cursor at = r->cur;
        csvp_cur_seek(&at, parent->offset - at.base, f->m.name);   /* the struct's start */
        n->kind = CSVP_N_STRING;
        if (!o || o->v.u == 0) {        /* "If the device has no vendor ID, this member is zero." */
            n->kind = CSVP_N_NULL;
            n->offset = o ? o->offset : n->offset;
            break;
        }
        if (o->v.u >= csvp_cur_left(&at)) {
            csvp_tree_problem(r->t, o, o->offset, "%s %" G_GUINT64_FORMAT " is outside the %u-byte buffer",
                              f->len_from, o->v.u, (guint)at.len);
            n->kind = CSVP_N_NULL;
            break;
        }
        csvp_cur_skip(&at, o->v.u, f->m.name);
        n->offset = pos(&at);
        guint32 room = (guint32)csvp_cur_left(&at);
        const guint8 *p = csvp_cur_bytes(&at, room, f->m.name);
        const guint8 *nul = memchr(p, 0, room);
        n->length = nul ? (guint32)(nul - p) + 1 : room;
        if (!nul)
            csvp_tree_problem(r->t, n, n->offset + room, "%s has no NUL before the end of the buffer", f->m.name);
        /* ASCII by the spec; any other byte becomes U+FFFD so that the text stays valid UTF-8. */
        char *text = g_utf8_make_valid((const char *)p, nul ? nul - p : (gssize)room);
        n->v.str = g_string_chunk_insert(csvp_tree_strings(r->t), text);
        g_free(text);
        break;
    }
    case B_SOCKADDR:
        read_sockaddr(r, n);
        break;
    case B_STRUCT:
        n->kind = CSVP_N_STRUCT;
        read_struct(r, n, f->sub);
        break;
    case B_ARRAY_PREV:
        n->kind = CSVP_N_ARRAY;
        read_elements(r, n, f, prev);
        n->length = pos(&r->cur) - n->offset;
        break;
    case B_IDENTIFIERS:
        n->kind = CSVP_N_ARRAY;
        read_identifiers(r, n, f->sub, prev);
        n->length = pos(&r->cur) - n->offset;
        break;
    }
    r->depth--;
}

static void read_struct(breader *r, csvp_node *n, const blob_struct *s)
{
    guint32 start = pos(&r->cur);
    guint64 prev = 0;
    for (guint i = 0; i < s->n && !r->fatal; i++) {
        read_field(r, n, &s->fields[i], prev, -1);
        const csvp_node *last = n->last;
        prev = last && (last->kind == CSVP_N_UINT || last->kind == CSVP_N_U64) ? last->v.u : 0;
    }
    n->length = pos(&r->cur) - start;
}

static const blob_struct *pick(csvp_blob_kind kind, const guint8 *p, guint32 len)
{
    switch (kind) {
    case CSVP_BLOB_ADAPTERLIST_ANY:
        /* ADAPTERLIST2 starts 02 00 7A 22; ADAPTERLIST starts with its name length 0x002E (3.6.4.3, note 35). */
    {
        csvp_cursor c = csvp_cur_make(p, len, true, 0);
        guint16 id_length = csvp_cur_u16(&c, "identifier length"), id = csvp_cur_u16(&c, "identifier");
        return csvp_cur_ok(&c) && id_length == 0x0002 && id == 0x227A ? &adapterlist2_s : &adapterlist_s;
    }
    case CSVP_BLOB_STORAGE_DEVICE_ID_DESCRIPTOR:
        return &sdid_s;
    case CSVP_BLOB_REGISTERED_DSMS:
        return &dsms_s;
    case CSVP_BLOB_STORAGE_DEVICE_DESCRIPTOR:
        return &sdd_s;
    default:
        return NULL;
    }
}

void csvp_blob_decode(csvp_tree *t, csvp_node *bytes, csvp_blob_kind kind)
{
    if (bytes->v.bytes.len == 0)
        return;   /* an empty buffer (a failed call) has nothing to decode */
    const blob_struct *s = pick(kind, bytes->v.bytes.data, bytes->v.bytes.len);
    if (!s)
        return;
    breader r = { .t = t, .cur = csvp_cur_make(bytes->v.bytes.data, bytes->v.bytes.len, true, bytes->offset) };
    csvp_node *n = csvp_tree_add(t, bytes, &blob_decoded_member, &s->type, CSVP_N_STRUCT, bytes->offset);
    read_struct(&r, n, s);
    /* Identifiers end where the last one's size says; a device descriptor's strings follow its header. */
    if (!r.fatal && csvp_cur_left(&r.cur) && kind != CSVP_BLOB_STORAGE_DEVICE_ID_DESCRIPTOR &&
        kind != CSVP_BLOB_STORAGE_DEVICE_DESCRIPTOR)
        csvp_tree_problem(t, n, pos(&r.cur), "%u bytes after the %s", (guint)csvp_cur_left(&r.cur), s->type.name);
}

const csvp_member *const *csvp_blob_members(size_t *n)
{
    /* Every member a blob can produce, for field registration in the plugin. */
    static GPtrArray *all;
    if (!all) {
        const blob_struct *structs[] = { &ipprefix_s, &serializedguid_s, &adapter_s, &adapter2_s, &adapterlist_s,
                                         &adapterlist2_s, &storage_identifier_s, &sdid_s, &dsm_s, &dsms_s,
                                         &sdd_s };
        const blob_field *elements[] = { &prefix_elem, &address_elem, &gateway_elem, &adapter_elem,
                                         &adapter2_elem, &guid_elem, &dsm_elem };
        all = g_ptr_array_new();
        g_ptr_array_add(all, (gpointer)&blob_decoded_member);
        for (size_t i = 0; i < G_N_ELEMENTS(elements); i++)
            g_ptr_array_add(all, (gpointer)&elements[i]->m);
        g_ptr_array_add(all, (gpointer)&sa_family);
        g_ptr_array_add(all, (gpointer)&sa_port);
        g_ptr_array_add(all, (gpointer)&sa_addr);
        g_ptr_array_add(all, (gpointer)&sa_flowinfo);
        g_ptr_array_add(all, (gpointer)&sa_scope_id);
        for (size_t i = 0; i < G_N_ELEMENTS(structs); i++)
            for (guint j = 0; j < structs[i]->n; j++)
                g_ptr_array_add(all, (gpointer)&structs[i]->fields[j].m);
    }
    *n = all->len;
    return (const csvp_member *const *)all->pdata;
}
