/* vec.c - emitters and checks for the core tests (see vec.h). */
#include "vec.h"

#include <stdio.h>
#include <string.h>

/* ---- emitters ---- */

vec *vec_new(bool le)
{
    vec *v = g_new0(vec, 1);
    v->b = g_byte_array_new();
    v->le = le;
    v->next_refid = 0x00020000;
    return v;
}

void vec_free(vec *v)
{
    g_byte_array_free(v->b, TRUE);
    g_free(v);
}

guint32 vec_len(const vec *v)
{
    return v->b->len;
}

void align(vec *v, guint a)
{
    static const guint8 zero[8];
    g_byte_array_append(v->b, zero, (a - (v->b->len % a)) % a);
}

static void put_int(vec *v, guint64 x, guint n, bool le)
{
    align(v, n);
    for (guint i = 0; i < n; i++) {
        guint8 byte = (guint8)(x >> (8 * (le ? i : n - 1 - i)));
        g_byte_array_append(v->b, &byte, 1);
    }
}

void put_u8(vec *v, guint8 x) { put_int(v, x, 1, v->le); }
void put_u16(vec *v, guint16 x) { put_int(v, x, 2, v->le); }
void put_u32(vec *v, guint32 x) { put_int(v, x, 4, v->le); }
void put_u64(vec *v, guint64 x) { put_int(v, x, 8, v->le); }
void put_u32_le(vec *v, guint32 x) { put_int(v, x, 4, true); }

static void patch_int(vec *v, guint32 off, guint32 x, guint n)
{
    g_assert(off + n <= v->b->len);
    for (guint i = 0; i < n; i++)
        v->b->data[off + i] = (guint8)(x >> (8 * (v->le ? i : n - 1 - i)));
}

void patch_u16(vec *v, guint32 off, guint16 x) { patch_int(v, off, x, 2); }
void patch_u32(vec *v, guint32 off, guint32 x) { patch_int(v, off, x, 4); }

void put_bytes(vec *v, const void *p, guint32 n)
{
    g_byte_array_append(v->b, p, n);
}

void put_guid(vec *v, const char *text)
{
    guint8 g[16];
    if (!csvp_guid_parse(text, g))
        g_error("bad GUID text %s", text);
    put_u32(v, (guint32)g[0] << 24 | (guint32)g[1] << 16 | (guint32)g[2] << 8 | g[3]);
    put_u16(v, (guint16)(g[4] << 8 | g[5]));
    put_u16(v, (guint16)(g[6] << 8 | g[7]));
    put_bytes(v, g + 8, 8);
}

guint32 put_ref(vec *v)
{
    guint32 r = v->next_refid;
    v->next_refid += 4;
    put_u32(v, r);
    return r;
}

guint32 units_of(const char *s)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
    g_free(u);
    return (guint32)n;
}

void put_units(vec *v, const char *s, bool nul)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
    for (glong i = 0; i < n + (nul ? 1 : 0); i++)
        put_u16(v, u[i]);
    g_free(u);
}

void put_wstr(vec *v, const char *s)
{
    guint32 n = units_of(s) + 1;
    put_u32(v, n);   /* max_count */
    put_u32(v, 0);   /* offset */
    put_u32(v, n);   /* actual_count, the NUL included */
    put_units(v, s, true);
}

void put_bstr_blob(vec *v, const char *s)
{
    guint32 n = units_of(s);
    put_u32(v, n);       /* max_count of asData */
    put_u32(v, 2 * n);   /* cBytes */
    put_u32(v, n);       /* clSize */
    put_units(v, s, false);
}

void put_bstr_null_blob(vec *v)
{
    put_u32(v, 0);
    put_u32(v, 0xFFFFFFFFu);
    put_u32(v, 0);
}

void put_bstr(vec *v, const char *s)
{
    if (!s) {
        put_u32(v, 0);
        return;
    }
    put_ref(v);
    put_bstr_blob(v, s);
}

void put_diskid(vec *v, guint16 type, guint32 value, const char *guid)
{
    align(v, 4);
    put_u16(v, type);   /* DiskIdType */
    put_u16(v, type);   /* the union's discriminant */
    align(v, 4);
    if (type == ID_GUID)
        put_guid(v, guid);
    else
        put_u32(v, value);
}

/* The extensions pointer and, when present, its deferred referents (MS-DCOM 2.2.13.2). */
static void put_extensions(vec *v, bool with_ext)
{
    if (!with_ext) {
        put_u32(v, 0);              /* extensions: NULL */
        return;
    }
    put_ref(v);                     /* extensions */
    /* deferred ORPC_EXTENT_ARRAY */
    put_u32(v, 1);                  /* size */
    put_u32(v, 0);                  /* reserved */
    put_ref(v);                     /* extent */
    /* deferred: conformant array of (1+1)&~1 = 2 unique pointers */
    put_u32(v, 2);
    put_ref(v);
    put_u32(v, 0);
    /* deferred ORPC_EXTENT: conformant struct, max_count (5+7)&~7 = 8 first */
    put_u32(v, 8);
    put_guid(v, EXT_ID);            /* id */
    put_u32(v, 5);                  /* size */
    put_bytes(v, "\x01\x02\x03\x04\x05\x00\x00\x00", 8);
}

void put_orpcthis(vec *v, bool with_ext)
{
    put_u16(v, 5);                  /* version.MajorVersion */
    put_u16(v, 7);                  /* version.MinorVersion */
    put_u32(v, 0);                  /* flags */
    put_u32(v, 0);                  /* reserved1 */
    put_guid(v, CID);               /* cid */
    put_extensions(v, with_ext);
}

void put_orpcthat(vec *v, bool with_ext)
{
    put_u32(v, 0);                  /* flags */
    put_extensions(v, with_ext);
}

void put_sa_header(vec *v, guint32 sftype, guint16 features, guint32 cb, guint32 size, guint32 count, gint32 lbound)
{
    put_u32(v, 1);                  /* max_count of rgsabound = cDims */
    put_u16(v, 1);                  /* cDims */
    put_u16(v, features);           /* fFeatures */
    put_u32(v, cb);                 /* cbElements */
    put_u32(v, 0);                  /* cLocks */
    put_u32_le(v, sftype);          /* sfType, the union's discriminant */
    if (sftype == SF_RECORD)
        put_u32_le(v, size);        /* SAFEARR_BRECORD.Size */
    else
        put_u32(v, size);           /* clSize */
    put_ref(v);                     /* the data pointer */
    put_u32(v, count);              /* rgsabound[0].cElements */
    put_u32(v, (guint32)lbound);    /* rgsabound[0].lLbound */
}

void put_sa_bstr_data(vec *v, const char *const *s, guint32 n)
{
    put_u32(v, n);
    for (guint32 i = 0; i < n; i++)
        put_ref(v);
    for (guint32 i = 0; i < n; i++)
        put_bstr_blob(v, s[i]);
}

void put_sa_ulong_data(vec *v, const guint32 *x, guint32 n)
{
    put_u32(v, n);
    for (guint32 i = 0; i < n; i++)
        put_u32(v, x[i]);
}

void put_sa_record_data(vec *v, const vec *rec, guint32 objref_len)
{
    guint32 cl = 4 + vec_len(rec);
    put_u32(v, 1);                  /* aRecord max_count = Size = 1 */
    put_ref(v);                     /* aRecord[0] */
    put_u32_le(v, 1);               /* fFlags */
    put_u32_le(v, cl);              /* clSize */
    if (objref_len)
        put_ref(v);                 /* pRecInfo */
    else
        put_u32(v, 0);
    put_ref(v);                     /* pRecord */
    if (objref_len) {
        put_u32(v, objref_len);     /* MInterfacePointer: max_count, ulCntData, abData */
        put_u32(v, objref_len);
        for (guint32 i = 0; i < objref_len; i++)
            put_u8(v, (guint8)(0x4D + i));
    }
    put_u32(v, cl);                 /* pRecord max_count */
    put_int(v, cl, 4, true);        /* the size prefix, LE; pRecord starts 4-aligned here */
    put_bytes(v, rec->b->data, rec->b->len);
}

/* ---- blobs ---- */

static void blob_int(vec *v, guint64 x, guint n)
{
    for (guint i = 0; i < n; i++) {
        guint8 byte = (guint8)(x >> (8 * i));
        g_byte_array_append(v->b, &byte, 1);
    }
}

void blob_u16(vec *v, guint16 x) { blob_int(v, x, 2); }
void blob_u32(vec *v, guint32 x) { blob_int(v, x, 4); }
void blob_u64(vec *v, guint64 x) { blob_int(v, x, 8); }

void blob_units(vec *v, const char *s)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
    for (glong i = 0; i < n; i++)
        blob_u16(v, u[i]);
    g_free(u);
}

void blob_lstr(vec *v, const char *s)
{
    blob_u16(v, (guint16)(2 * units_of(s)));
    blob_units(v, s);
}

void put_sdid(vec *v)
{
    blob_u32(v, 1);                   /* Version */
    blob_u32(v, 64);                  /* Size: 12 + 24 + 28 */
    blob_u32(v, 2);                   /* NumberOfIdentifiers */
    blob_u32(v, 1);                   /* [0] CodeSet: binary */
    blob_u32(v, 3);                   /* Type: FCPH name (NAA) */
    blob_u16(v, 8);                   /* IdentifierSize */
    blob_u16(v, 24);                  /* NextOffset: 16 + 8 */
    blob_u32(v, 0);                   /* Association: device */
    put_bytes(v, "\x60\x05\x08\xb4\x00\x0a\x1b\x2c", 8);
    blob_u32(v, 2);                   /* [1] CodeSet: ASCII */
    blob_u32(v, 1);                   /* Type: vendor id */
    blob_u16(v, 12);
    blob_u16(v, 28);                  /* 16 + 12 */
    blob_u32(v, 0);
    put_bytes(v, "MSFTVirtDisk", 12);
}

void put_sdd(vec *v)
{
    blob_u32(v, 37);                  /* Version: "MUST be set to 37" */
    blob_u32(v, 84);                  /* Size: the header and the four strings */
    put_u8(v, 0x00);                  /* DeviceType: direct access (SPC-3 6.4.2) */
    put_u8(v, 0);                     /* Reserved */
    put_u8(v, 0);                     /* RemovableMedia */
    put_u8(v, 1);                     /* CommandQueueing */
    blob_u32(v, 40);                  /* VendorIdOffset */
    blob_u32(v, 49);                  /* ProductIdOffset: 40 + 9 */
    blob_u32(v, 66);                  /* ProductRevisionOffset: 49 + 17 */
    blob_u32(v, 71);                  /* SerialNumberOffset: 66 + 5 */
    blob_u32(v, 9);                   /* StorageBusType: BusTypeiScsi (2.2.5) */
    blob_u32(v, 0);                   /* RawPropertiesLength */
    put_bytes(v, "\0\0\0\0", 4);      /* 36..40: RawDeviceProperties[1] and padding */
    put_bytes(v, "NETAPP  \0", 9);
    put_bytes(v, "LUN C-Mode      \0", 17);
    put_bytes(v, "9600\0", 5);
    put_bytes(v, "80D-+]JQ0002\0", 13);
}

static void dsm(vec *v, const char *name, guint32 major, guint32 minor, guint32 build, guint32 qfe)
{
    guint32 start = vec_len(v);
    blob_units(v, name);
    while (vec_len(v) < start + 128)
        put_u8(v, 0);
    blob_u32(v, major);
    blob_u32(v, minor);
    blob_u32(v, build);
    blob_u32(v, qfe);
}

void put_dsms(vec *v)
{
    blob_u32(v, 2);                   /* NumDsms */
    dsm(v, "Microsoft DSM", 6, 3, 9600, 17031);
    dsm(v, "Contoso MPIO DSM", 2, 1, 100, 0);
}

void blob_sockaddr(vec *v, const guint8 *addr, bool v6)
{
    blob_sockaddr6(v, addr, v6, 0, 0);
}

void blob_sockaddr6(vec *v, const guint8 *addr, bool v6, guint32 flowinfo, guint32 scope_id)
{
    guint32 start = vec_len(v);
    blob_u16(v, v6 ? 23 : 2);         /* family */
    blob_u16(v, 0);                   /* port */
    if (v6) {                         /* sin6_flowinfo: network byte order (RFC 2553 3.3) */
        guint8 fl[4] = { (guint8)(flowinfo >> 24), (guint8)(flowinfo >> 16), (guint8)(flowinfo >> 8), (guint8)flowinfo };
        put_bytes(v, fl, 4);
    }
    put_bytes(v, addr, v6 ? 16 : 4);
    if (v6)
        blob_u32(v, scope_id);        /* sin6_scope_id at 24: host (little-endian) order */
    while (vec_len(v) < start + 128)
        put_u8(v, 0);
}

void put_adapterlist2(vec *v)
{
    static const guint8 a4[] = { 10, 0, 0, 1 }, gw[] = { 10, 0, 0, 254 };
    static const guint8 a6[] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x15, 0x5d, 0xff, 0xfe, 0x01, 0x02, 0x03 };
    blob_u16(v, 2);                   /* AdapterList2IdentifierLength */
    blob_u16(v, 0x227A);              /* AdapterList2Identifier */
    blob_lstr(v, "node1.contoso.com");
    blob_u16(v, 1);                   /* NumberOfAdapter2s */
    blob_u16(v, 2);                   /* Adapter2IdentifierLength */
    blob_u16(v, 0x227B);              /* Adapter2Identifier */
    blob_lstr(v, "Microsoft Hyper-V Network Adapter");
    blob_lstr(v, "Ethernet");
    blob_lstr(v, "{6B29FC40-CA47-1067-B31D-00DD010662DA}");
    blob_u16(v, 1);                   /* NumberOfPrefixes */
    blob_sockaddr(v, a4, false);
    blob_u32(v, 24);                  /* PrefixLength */
    blob_lstr(v, "00-15-5D-01-02-03");
    blob_u16(v, 2);                   /* NumberOfAddresses */
    blob_sockaddr(v, a4, false);
    blob_sockaddr6(v, a6, true, 0x00012345, 14);   /* flowinfo 0x12345, scope: interface 14 */
    blob_u16(v, 1);                   /* NumberOfGatewayAddresses */
    blob_sockaddr(v, gw, false);
    blob_u32(v, 4);                   /* InterfaceIndex */
    blob_u32(v, 6);                   /* AdapterType */
    blob_u32(v, 0);                   /* TunnelType */
    blob_u32(v, 1);                   /* OperStatus */
    put_bytes(v, "\x00\x01\x00\x00", 4); /* DhcpEnabled, InternalNetwork, ClusterAdapter, ConnectedToiSCSI */
    blob_u64(v, 1250000000);          /* LinkSpeed */
    put_bytes(v, "\x00\x01", 2);     /* RdmaCapable, RssCapable */
    blob_u16(v, 2);                   /* NumberOfGuids */
    blob_u16(v, 0x48);
    blob_units(v, GUID_A);
    blob_u16(v, 0x48);
    blob_units(v, GUID_B);
}

/* ---- running cases ---- */

const csvp_method *vec_method(const char *itf, const char *method)
{
    const csvp_interface *i = csvp_interface_by_name(itf);
    for (guint k = 0; i && k < i->n_methods; k++)
        if (strcmp(i->methods[k].name, method) == 0)
            return &i->methods[k];
    return NULL;
}

guint8 *vec_case_bytes(const vec_case *c, guint32 *len)
{
    vec *v = vec_new(c->le);
    c->build(v, c->arg);
    *len = vec_len(v);
    guint8 *out = g_memdup2(v->b->data, v->b->len ? v->b->len : 1);
    vec_free(v);
    return out;
}

csvp_decoder *vec_decoder(void)
{
    static csvp_decoder *dec;
    if (!dec)
        dec = csvp_decoder_new();
    return dec;
}

csvp_tree *vec_decode(const vec_case *c, const guint8 *data, guint32 len)
{
    const guint8 drep[4] = { c->le ? 0x10 : 0x00, 0, 0, 0 };
    return csvp_decode_stub(vec_decoder(), vec_method(c->itf, c->method), c->dir, data, len, drep);
}

static void count_cb(void *user, const csvp_node *n)
{
    char *p = csvp_node_path(n);
    (*(guint *)user)++;
    g_free(p);
}

static void count_problem(void *user, const csvp_problem *p)
{
    (*(guint *)user)++;
}

/* Replay a tree to a sink with everything shown: exercises paths and emit on any tree. */
static guint replay(const csvp_tree *t)
{
    guint n = 0;
    csvp_sink s = { .enter = count_cb, .value = count_cb, .leave = count_cb, .problem = count_problem,
                    .user = &n, .with_meta = true };
    csvp_tree_emit(t, &s);
    return n;
}

static void dump_problems(const csvp_tree *t)
{
    for (guint i = 0; i < t->problems->len; i++) {
        const csvp_problem *p = g_ptr_array_index(t->problems, i);
        fprintf(stderr, "    problem at %u: %s: %s\n", p->offset, p->path, p->message);
    }
}

void vec_run(const vec_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const vec_case *c = &cases[i];
        int before = check_failures();
        if (!CHECK(vec_method(c->itf, c->method), "%s.%s", c->itf, c->method))
            continue;
        guint32 len;
        guint8 *data = vec_case_bytes(c, &len);
        csvp_tree *t = vec_decode(c, data, len);
        CHECK(t->complete);
        CHECK(t->problems->len == 0);
        CHECK(t->consumed == len);
        c->check(t, c->arg);
        CHECK(replay(t) > 0);
        if (check_failures() != before) {
            fprintf(stderr, "  in %s.%s %s%s arg %d (%u bytes)\n", c->itf, c->method,
                    c->dir == CSVP_IN ? "request" : "response", c->le ? "" : " big-endian", c->arg, len);
            dump_problems(t);
        }
        const char *layout = t->layout;
        csvp_tree_free(t);
        /* Every truncation stops cleanly, or, for a method with two layouts (csvp_method.alt), is a whole
         * stub of the other layout: that is the ambiguity ERRATA.md describes. */
        for (guint32 cut = 0; cut < len; cut++) {
            guint8 *part = g_memdup2(data, cut ? cut : 1);
            csvp_tree *tt = vec_decode(c, part, cut);
            bool flagged = !tt->complete || tt->problems->len > 0 || tt->layout != layout;
            if (!CHECK(flagged, "truncated stub flagged"))
                fprintf(stderr, "  %s.%s cut at %u of %u\n", c->itf, c->method, cut, len);
            replay(tt);
            csvp_tree_free(tt);
            g_free(part);
        }
        g_free(data);
    }
}

void vec_coverage(const vec_case *cases, size_t n, const char *itf)
{
    const csvp_interface *i = csvp_interface_by_name(itf);
    CHECK(i != NULL);
    for (guint k = 0; i && k < i->n_methods; k++) {
        const csvp_method *m = &i->methods[k];
        if (m->iunknown || m->not_used_on_wire)
            continue;
        bool req = false, resp = false;
        for (size_t c = 0; c < n; c++)
            if (strcmp(cases[c].itf, itf) == 0 && strcmp(cases[c].method, m->name) == 0) {
                req |= cases[c].dir == CSVP_IN;
                resp |= cases[c].dir == CSVP_OUT;
            }
        CHECK(req && resp, "a request and a response vector for %s.%s", itf, m->name);
    }
}

/* ---- checks ---- */

const csvp_node *node_at(const csvp_tree *t, const char *path)
{
    const csvp_node *n = t->root;
    gchar **parts = g_strsplit(path, ".", -1);
    for (gchar **p = parts; n && *p; p++) {
        char *br = strchr(*p, '[');
        int idx = br ? atoi(br + 1) : -1;
        if (br)
            *br = 0;
        n = csvp_node_child(n, *p);
        if (n && idx >= 0) {
            const csvp_node *e = n->first;
            while (e && e->index != idx)
                e = e->next;
            n = e;
        }
    }
    g_strfreev(parts);
    return n;
}

static const csvp_node *need(const csvp_tree *t, const char *p, const char *file, int line)
{
    const csvp_node *n = node_at(t, p);
    if (!n)
        check_fail(file, line, "no node %s", p);
    return n;
}

void expect_u(const csvp_tree *t, const char *p, guint64 x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    if (n && !((n->kind == CSVP_N_UINT || n->kind == CSVP_N_U64) && n->v.u == x))
        check_fail(file, line, "%s = 0x%" G_GINT64_MODIFIER "x (kind %d), expected 0x%" G_GINT64_MODIFIER
                   "x", p, n->v.u, n->kind, x);
}

void expect_i(const csvp_tree *t, const char *p, gint64 x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    if (n && !(n->kind == CSVP_N_INT && n->v.i == x))
        check_fail(file, line, "%s = %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, p, n->v.i, x);
}

void expect_str(const csvp_tree *t, const char *p, const char *x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    if (n && !(n->kind == CSVP_N_STRING && n->v.str && strcmp(n->v.str, x) == 0))
        check_fail(file, line, "%s = \"%s\" (kind %d), expected \"%s\"", p,
                   n->kind == CSVP_N_STRING && n->v.str ? n->v.str : "", n->kind, x);
}

void expect_name(const csvp_tree *t, const char *p, const char *x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    const char *name = csvp_node_value_name(n);
    if (n && !(name && strcmp(name, x) == 0))
        check_fail(file, line, "%s named %s, expected %s", p, name ? name : "(none)", x);
}

void expect_guid(const csvp_tree *t, const char *p, const char *x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    char text[37] = "";
    if (n && n->kind == CSVP_N_GUID)
        csvp_guid_text(n->v.guid, text);
    if (n && strcmp(text, x) != 0)
        check_fail(file, line, "%s = {%s}, expected {%s}", p, text, x);
}

void expect_kind(const csvp_tree *t, const char *p, csvp_node_kind k, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    if (n && n->kind != k)
        check_fail(file, line, "%s has kind %d, expected %d", p, n->kind, k);
}

void expect_off(const csvp_tree *t, const char *p, guint32 x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    if (n && n->offset != x)
        check_fail(file, line, "%s at offset %u, expected %u", p, n->offset, x);
}

void expect_elems(const csvp_tree *t, const char *p, guint32 x, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    guint32 k = 0;
    for (const csvp_node *c = n ? n->first : NULL; c; c = c->next)
        k += c->index >= 0;
    if (n && k != x)
        check_fail(file, line, "%s has %u elements, expected %u", p, k, x);
}

void expect_bytes(const csvp_tree *t, const char *p, const void *x, guint32 len, const char *file, int line)
{
    const csvp_node *n = need(t, p, file, line);
    if (n && !(n->kind == CSVP_N_BYTES && n->v.bytes.len == len && memcmp(n->v.bytes.data, x, len) == 0))
        check_fail(file, line, "%s bytes (kind %d, %u long) differ from the expected %u", p,
                   n->kind, n->kind == CSVP_N_BYTES ? n->v.bytes.len : 0, len);
}

void expect_problem(const csvp_tree *t, const char *path, guint32 off, bool stopped, guint n, const char *file,
                    int line)
{
    const csvp_problem *p = t->problems->len ? g_ptr_array_index(t->problems, 0) : NULL;
    bool ok = t->problems->len == n && strcmp(p->path, path) == 0 && p->offset == off && t->complete == !stopped;
    if (!ok) {
        check_fail(file, line, "expected %u problem(s), the first at %s offset %u (%s); got %u, complete=%d",
                   n, path, off, stopped ? "stopping" : "not stopping", t->problems->len, t->complete);
        dump_problems(t);
    }
}
