/* audit.c - the auditor (audit.h): servers and their objects (3.2.1, 3.4.1,
 * 3.6.1, 3.14.1), the bound on what they hold, and each call's result.
 * The top layer: it drives the model (state_model.h, state_disk.h), the judge
 * (state_judge.h, applying the rule table of rules.h) and the whole-capture
 * Prepare State reasoning (state_prepare.h). */
#include "audit.h"
#include "state_disk.h"
#include "state_judge.h"
#include "state_prepare.h"

#include <string.h>

struct csvp_audit {
    GPtrArray *servers;         /* of server_priv*, in order of first appearance until one is evicted */
    GHashTable *by_name;        /* name -> server_priv* */
    GQueue lru;                 /* of object_priv*, least recently called first */
    guint64 next_order, next_server_order, evicted;
    guint max_objects;          /* 0: no bound */
    gsize max_bytes, bytes;     /* bound (0: none) and total of csvp_model_object.bytes */
    csvp_audit_evict_fn evict;
    void *evict_user;
    csvp_audit_sink late;       /* an evicted object's whole-capture judgement goes here */
    /* The rule and object class of recent (interface, method) pairs, by their table pointers:
     * csvp_rule_find and class_of compare names, and a capture calls few methods. */
    struct rule_slot {
        const csvp_interface *itf;
        const csvp_method *method;
        const csvp_rule *rule;
        const void *cls;        /* object_class */
    } rule_cache[64];
};

typedef struct server_priv {
    csvp_audit_server pub;      /* first: the public view */
    GHashTable *objects;        /* "clsid|key" -> object_priv* */
    guint slot;                 /* in csvp_audit.servers */
} server_priv;

typedef struct object_priv {
    csvp_model_object m;        /* first: the model's object, whose first is the public view */
    char *index_key;            /* its key in server_priv.objects (owned by the table) */
    server_priv *server;
    guint slot;                 /* in server->pub.objects */
    GList link;                 /* in csvp_audit.lru */
} object_priv;

/* ---- the object classes: which variables an object has, and their initial values ---- */

typedef struct object_class {
    const char *itf[2];               /* interfaces implemented by the class (2.1: one CLSID) */
    const char *name;
    csvp_state_var vars[2];
    int initial[2];                   /* 3.2.3 and 3.4.3; 3.6.1; 3.14.4.1 */
    guint8 n_vars;
    const char *server_wide;          /* state kept by the server, not the object: the one object's key */
} object_class;

static const object_class classes[] = {
    { { "IClusterStorage2", "IClusterStorage3" }, "IClusterStorage2/IClusterStorage3",
      { CSVP_VAR_PREPARE, CSVP_VAR_SHARE_TEST_SETUP }, { CSVP_PREPARE_INITIAL, CSVP_FLAG_FALSE }, 2, NULL },
    { { "IClusterNetwork2" }, "IClusterNetwork2",
      { CSVP_VAR_INITIALIZED, CSVP_VAR_ROUTE_MONITORING }, { CSVP_FLAG_FALSE, CSVP_FLAG_FALSE }, 2, NULL },
    { { "IClusterFirewall" }, "IClusterFirewall", { CSVP_VAR_FIREWALL }, { CSVP_FLAG_FALSE }, 1, NULL },
    /* Revision 34. 3.10.4.5, 3.10.4.9: the certificates persist across reboots, so across objects; no
     * initial value. 3.19.4.2, 3.19.4.3: the log count of the object's last GenerateLogEx; IClusterLogEx3
     * derives from IClusterLogEx2 (section 6). */
    { { "IClusterSetup" }, "IClusterSetup", { CSVP_VAR_CLUSTER_CERT, CSVP_VAR_CLUSTER_CERT_V2 }, { 0, 0 }, 2,
      "(server-wide: stored across activations and reboots, 3.10.4.5)" },
    { { "IClusterLogEx2", "IClusterLogEx3" }, "IClusterLogEx2/IClusterLogEx3", { 0 }, { 0 }, 0, NULL },
};

static const object_class *class_of(const char *itf)
{
    for (size_t i = 0; i < G_N_ELEMENTS(classes); i++)
        for (int j = 0; j < 2; j++)
            if (classes[i].itf[j] && strcmp(classes[i].itf[j], itf) == 0)
                return &classes[i];
    return NULL;
}

static const csvp_rule *rule_of(csvp_audit *a, const csvp_interface *itf, const csvp_method *m,
                               const object_class **cls)
{
    struct rule_slot *slot = &a->rule_cache[((guintptr)itf ^ (guintptr)m) / sizeof(void *) % G_N_ELEMENTS(a->rule_cache)];
    if (slot->itf != itf || slot->method != m)
        *slot = (struct rule_slot){ itf, m, csvp_rule_find(itf->name, m->name), class_of(itf->name) };
    *cls = slot->cls;
    return slot->rule;
}

/* ---- servers and objects ---- */

static void object_free(gpointer p)
{
    csvp_audit_object *o = p;
    g_free(o->key);
    g_free(o->prep);
    g_ptr_array_free(o->disks, TRUE);
    g_array_free(o->timeline, TRUE);
    g_free(o);
}

static void server_free(gpointer p)
{
    server_priv *s = p;
    g_free(s->pub.name);
    g_ptr_array_free(s->pub.objects, TRUE);
    g_hash_table_destroy(s->objects);
    g_free(s);
}

csvp_audit *csvp_audit_new(void)
{
    csvp_audit *a = g_new0(csvp_audit, 1);
    a->servers = g_ptr_array_new_with_free_func(server_free);
    a->by_name = g_hash_table_new(g_str_hash, g_str_equal);
    return a;
}

void csvp_audit_free(csvp_audit *a)
{
    if (!a)
        return;
    g_hash_table_destroy(a->by_name);
    g_ptr_array_free(a->servers, TRUE);
    g_free(a);
}

static server_priv *server_get(csvp_audit *a, const char *name)
{
    server_priv *s = g_hash_table_lookup(a->by_name, name);
    if (s)
        return s;
    s = g_new0(server_priv, 1);
    s->pub.name = g_strdup(name);
    s->pub.order = a->next_server_order++;
    s->slot = a->servers->len;
    s->pub.objects = g_ptr_array_new_with_free_func(object_free);
    s->objects = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_ptr_array_add(a->servers, s);
    g_hash_table_insert(a->by_name, s->pub.name, s);
    return s;
}

/* One object per (class, key): IClusterStorage2 and IClusterStorage3 calls share it (2.1, 3.4.4).
 * The object becomes the most recently called. */
static csvp_audit_object *object_get(csvp_audit *a, server_priv *s, const object_class *cls, const char *key,
                                     bool *created)
{
    /* "class|key", on the stack for the lookup: an object is found on most calls, made on few */
    gsize nl = strlen(cls->name), kl = strlen(key);
    char small[256], *k = nl + kl + 2 <= sizeof small ? small : g_malloc(nl + kl + 2);
    memcpy(k, cls->name, nl);
    k[nl] = '|';
    memcpy(k + nl + 1, key, kl + 1);
    object_priv *p = g_hash_table_lookup(s->objects, k);
    *created = p == NULL;
    if (p) {
        if (k != small)
            g_free(k);
        g_queue_unlink(&a->lru, &p->link);
        g_queue_push_tail_link(&a->lru, &p->link);
        return &p->m.pub;
    }
    if (k == small)
        k = g_strdup(small);
    p = g_new0(object_priv, 1);
    csvp_audit_object *o = &p->m.pub;
    o->key = g_strdup(key);
    o->order = a->next_order++;
    o->class_name = cls->name;
    o->disks = g_ptr_array_new_with_free_func(csvp_disk_free);
    o->timeline = csvp_timeline_new();
    p->index_key = k;
    p->server = s;
    p->slot = s->pub.objects->len;
    p->link.data = p;
    p->m.total = &a->bytes;
    g_ptr_array_add(s->pub.objects, o);
    g_hash_table_insert(s->objects, k, p);
    g_queue_push_tail_link(&a->lru, &p->link);
    csvp_object_grew(o, sizeof *p + 2 * strlen(k) + 128);   /* the key twice, the table entry, the arrays */
    return o;
}

void csvp_audit_set_limits(csvp_audit *a, guint max_objects, gsize max_bytes, csvp_audit_evict_fn evict,
                           void *user)
{
    a->max_objects = max_objects;
    a->max_bytes = max_bytes;
    a->evict = evict;
    a->evict_user = user;
}

guint64 csvp_audit_n_evicted(const csvp_audit *a)
{
    return a->evicted;
}

/* A server left without objects goes too, so that memory does not grow with the number of servers. */
static void server_drop(csvp_audit *a, server_priv *s)
{
    guint slot = s->slot;
    g_hash_table_remove(a->by_name, s->pub.name);
    g_ptr_array_remove_index_fast(a->servers, slot);            /* frees s; the last server moves to slot */
    if (slot < a->servers->len)
        ((server_priv *)g_ptr_array_index(a->servers, slot))->slot = slot;
}

static bool over_limit(const csvp_audit *a)
{
    return (a->max_objects && a->lru.length > a->max_objects) || (a->max_bytes && a->bytes > a->max_bytes);
}

/* Hand the least recently called objects over the bounds to the caller, and free them. The object of the
 * call just judged is the most recent: it goes last, only if it alone holds more than max_bytes (hostile
 * input: 1024 disks of 256 events each). */
static void evict_over_limit(csvp_audit *a)
{
    while (over_limit(a)) {
        object_priv *p = a->lru.head->data;
        server_priv *s = p->server;
        a->bytes -= p->m.bytes;
        /* Its reasoning ends here: what its calls imply is judged on what was seen of it. */
        if (a->late.finding)
            csvp_prep_finish(&s->pub, &p->m.pub, &a->late);
        if (a->evict)
            a->evict(a->evict_user, &s->pub, &p->m.pub);
        g_queue_unlink(&a->lru, &p->link);
        g_hash_table_remove(s->objects, p->index_key);
        guint slot = p->slot;
        g_ptr_array_remove_index_fast(s->pub.objects, slot);   /* frees p; the last object moves to slot */
        if (slot < s->pub.objects->len)
            ((object_priv *)g_ptr_array_index(s->pub.objects, slot))->slot = slot;
        if (!s->pub.objects->len)
            server_drop(a, s);
        a->evicted++;
    }
}

guint csvp_audit_n_servers(const csvp_audit *a)
{
    return a->servers->len;
}

const csvp_audit_server *csvp_audit_server_at(const csvp_audit *a, guint i)
{
    return i < a->servers->len ? &((server_priv *)g_ptr_array_index(a->servers, i))->pub : NULL;
}

/* ---- results ---- */

static void finding_clear(gpointer p)
{
    g_free(((csvp_finding *)p)->message);
}

void csvp_audit_result_clear(csvp_audit_result *r)
{
    if (r->transitions)
        g_ptr_array_free(r->transitions, TRUE);
    if (r->findings)
        g_array_free(r->findings, TRUE);
    memset(r, 0, sizeof *r);
}

static void snapshot(const csvp_model_call *m, const object_class *cls, csvp_audit_state *st)
{
    for (guint i = 0; i < cls->n_vars; i++) {
        st->has[cls->vars[i]] = true;
        st->value[cls->vars[i]] = m->obj->value[cls->vars[i]];
    }
    if (m->disk) {
        g_strlcpy(st->disk, m->disk->label, sizeof st->disk);
        for (csvp_state_var v = CSVP_VAR_ATTACHED; v <= CSVP_VAR_ONLINE; v++) {
            st->has[v] = true;
            st->value[v] = csvp_var_get(m, v);
        }
    }
    st->has_adapters = m->obj->has_adapters;
    st->adapters = m->obj->adapters;
}

/* A fresh object starts in its initial state only when the first call seen on it is the one the
 * spec says comes first, and the server did not reject that call for its state. */
static bool starts_fresh(const csvp_audit_call_in *call, const csvp_rule *rule)
{
    if (!rule->starts_session)
        return false;
    if (call->has_hresult && !call->faulted)
        for (int i = 0; i < CSVP_RULE_MAX_NEEDS && rule->needs[i]; i++)
            if (rule->needs[i]->error && call->hresult == rule->needs[i]->error)
                return false;
    return true;
}

void csvp_audit_call(csvp_audit *a, const csvp_audit_call_in *call, csvp_audit_result *out)
{
    memset(out, 0, sizeof *out);
    out->transitions = g_ptr_array_new_with_free_func(g_free);
    out->findings = g_array_new(FALSE, FALSE, sizeof(csvp_finding));
    g_array_set_clear_func(out->findings, finding_clear);
    if (!call->itf || !call->method)
        return;
    const object_class *cls;
    const csvp_rule *rule = rule_of(a, call->itf, call->method, &cls);
    if (!rule || !cls)
        return;

    server_priv *s = server_get(a, call->server ? call->server : "(unknown server)");
    bool created;
    csvp_judge_ctx c = { .at = { .frame = call->frame, .transitions = out->transitions }, .call = call, .rule = rule,
                         .server = &s->pub, .findings = out->findings };
    c.at.obj = object_get(a, s, cls, cls->server_wide ? cls->server_wide : call->object ? call->object : "(no object)",
                          &created);
    if (created && starts_fresh(call, rule))
        for (guint i = 0; i < cls->n_vars; i++)
            c.at.obj->value[cls->vars[i]] = cls->initial[i];
    else if (created && cls->n_vars && cls->vars[0] == CSVP_VAR_PREPARE)
        c.at.obj->prep = csvp_prep_log_new();   /* began before the capture: judged at the end (state_prepare.c) */
    if (rule->names_disk) {
        disk_name name;
        const csvp_node *id = call->request ? csvp_node_child(call->request->root, "DiskId") : NULL;
        bool ok = csvp_disk_name_read(id, &name);
        if (ok && name.kind == DISK_ID_NONE)
            c.names_no_disk = true;
        else if (ok)
            c.at.disk = csvp_disk_get(c.at.obj, &name);
    }
    csvp_judge_call(&c);
    if (c.at.disk)
        csvp_disk_progress(c.at.disk, call, rule->method);
    snapshot(&c.at, cls, &out->state);
    evict_over_limit(a);
}

void csvp_audit_set_late_sink(csvp_audit *a, const csvp_audit_sink *sink)
{
    a->late = *sink;
}

void csvp_audit_finish(csvp_audit *a, const csvp_audit_sink *sink)
{
    for (guint i = 0; i < a->servers->len; i++) {
        const csvp_audit_server *s = &((server_priv *)g_ptr_array_index(a->servers, i))->pub;
        for (guint j = 0; j < s->objects->len; j++)
            csvp_prep_finish(s, g_ptr_array_index(s->objects, j), sink);
    }
}
