/* audit_test.c - see audit_test.h. */
#include "audit_test.h"

#include <string.h>

guint32 test_frame;

/* Members by name: the auditor reads trees by member name only. Names are string literals. */
static csvp_member members[64];
static guint n_members;

static const csvp_member *member(const char *name)
{
    for (guint i = 0; i < n_members; i++)
        if (strcmp(members[i].name, name) == 0)
            return &members[i];
    g_assert(n_members < G_N_ELEMENTS(members));
    members[n_members].owner = "test";
    members[n_members].name = name;
    return &members[n_members++];
}

csvp_tree *t_new(void)
{
    csvp_tree *t = csvp_tree_new();
    t->root = csvp_tree_add(t, NULL, NULL, NULL, CSVP_N_STRUCT, 0);
    t->complete = true;
    return t;
}

csvp_node *t_struct(csvp_tree *t, csvp_node *parent, const char *name)
{
    return csvp_tree_add(t, parent ? parent : t->root, member(name), NULL, CSVP_N_STRUCT, 0);
}

csvp_node *t_uint(csvp_tree *t, csvp_node *parent, const char *name, guint64 v)
{
    csvp_node *n = csvp_tree_add(t, parent ? parent : t->root, member(name), NULL, CSVP_N_UINT, 0);
    n->v.u = v;
    return n;
}

csvp_node *t_guid(csvp_tree *t, csvp_node *parent, const char *name, const guint8 g[16])
{
    csvp_node *n = csvp_tree_add(t, parent ? parent : t->root, member(name), NULL, CSVP_N_GUID, 0);
    memcpy(n->v.guid, g, 16);
    return n;
}

/* As the walker shows a CPREP_DISKID: the discriminant, then the selected arm as a field. */
void t_diskid(csvp_tree *t, csvp_node *parent, guint32 type, guint32 value)
{
    csvp_node *id = t_struct(t, parent, "DiskId");
    t_uint(t, id, "DiskIdType", type);
    t_uint(t, id, type == 0 ? "DiskSignature" : type == 0xFA0 ? "DeviceNumber" : "Junk", value);
}

void t_diskid_guid(csvp_tree *t, csvp_node *parent, const guint8 g[16])
{
    csvp_node *id = t_struct(t, parent, "DiskId");
    t_uint(t, id, "DiskIdType", 1);
    t_guid(t, id, "DiskGuid", g);
}

csvp_tree *req_sig(guint32 signature)
{
    csvp_tree *t = t_new();
    t_diskid(t, NULL, 0, signature);
    return t;
}

csvp_tree *req_num(guint32 number)
{
    csvp_tree *t = t_new();
    t_diskid(t, NULL, 0xFA0, number);
    return t;
}

csvp_tree *tree_uint(const char *name, guint64 v)
{
    csvp_tree *t = t_new();
    t_uint(t, NULL, name, v);
    return t;
}

void t_call(csvp_audit *a, tcall c, csvp_audit_result *out)
{
    const csvp_interface *itf = NULL;
    const csvp_method *m = NULL;
    if (c.itf) {
        itf = csvp_interface_by_name(c.itf);
        for (guint i = 0; itf && i < itf->n_methods; i++)
            if (strcmp(itf->methods[i].name, c.method) == 0)
                m = &itf->methods[i];
    } else {
        m = csvp_method_by_name(c.method, &itf);
    }
    g_assert(itf && m);
    csvp_audit_call_in in = {
        .server = c.server ? c.server : "10.20.0.11", .object = c.object ? c.object : "obj-1", .itf = itf, .method = m,
        .request = c.req, .response = c.resp, .has_hresult = !c.no_response && !c.faulted, .hresult = c.hr,
        .faulted = c.faulted, .fault_status = c.faulted ? 0x1C010002 : 0, .frame = ++test_frame,
    };
    csvp_audit_call(a, &in, out);
    csvp_tree_free(c.req);
    csvp_tree_free(c.resp);
}

void t_ok(csvp_audit *a, tcall c, const char *where)
{
    csvp_audit_result r;
    t_call(a, c, &r);
    CHECK(r.findings->len == 0, "%s: %s: expected no finding, got %u", where, c.method, r.findings->len);
    if (r.findings->len)
        dump_result(&r);
    csvp_audit_result_clear(&r);
}

guint n_kind(const csvp_audit_result *r, csvp_finding_kind k)
{
    guint n = 0;
    for (guint i = 0; i < r->findings->len; i++)
        n += g_array_index(r->findings, csvp_finding, i).kind == k;
    return n;
}

guint n_kind_sev(const csvp_audit_result *r, csvp_finding_kind k, csvp_severity s)
{
    guint n = 0;
    for (guint i = 0; i < r->findings->len; i++) {
        const csvp_finding *f = &g_array_index(r->findings, csvp_finding, i);
        n += f->kind == k && f->severity == s;
    }
    return n;
}

bool has_transition(const csvp_audit_result *r, const char *text)
{
    for (guint i = 0; i < r->transitions->len; i++)
        if (strcmp(g_ptr_array_index(r->transitions, i), text) == 0)
            return true;
    return false;
}

void dump_result(const csvp_audit_result *r)
{
    for (guint i = 0; i < r->transitions->len; i++)
        fprintf(stderr, "    transition: %s\n", (const char *)g_ptr_array_index(r->transitions, i));
    for (guint i = 0; i < r->findings->len; i++) {
        const csvp_finding *f = &g_array_index(r->findings, csvp_finding, i);
        fprintf(stderr, "    finding %s/%s [%s]: %s\n", csvp_finding_kind_name(f->kind),
                csvp_severity_name(f->severity), f->rule, f->message);
    }
}
