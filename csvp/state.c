/* state.c - the auditor's objects: servers, server objects (3.2.1, 3.4.1,
 * 3.6.1, 3.14.1), results, names of states, and the per-server report.
 * The rules live in rules.c and are applied by state_judge.c. */
#include "state_internal.h"

#include <string.h>

struct csvp_audit {
    GPtrArray *servers;         /* of server_priv*, in order of first appearance until one is evicted */
    GHashTable *by_name;        /* name -> server_priv* */
    GQueue lru;                 /* of object_priv*, least recently called first */
    guint64 next_order, next_server_order, evicted;
    guint max_objects;          /* 0: no bound */
    gsize max_bytes, bytes;     /* bound (0: none) and total of object_priv.bytes */
    csvp_audit_evict_fn evict;
    void *evict_user;
    csvp_audit_sink late;       /* an evicted object's whole-capture judgement goes here */
};

typedef struct server_priv {
    csvp_audit_server pub;      /* first: the public view */
    GHashTable *objects;        /* "clsid|key" -> object_priv* */
    guint slot;                 /* in csvp_audit.servers */
} server_priv;

typedef struct object_priv {
    csvp_audit_object pub;      /* first: the public view */
    char *index_key;            /* its key in server_priv.objects (owned by the table) */
    server_priv *server;
    guint slot;                 /* in server->pub.objects */
    GList link;                 /* in csvp_audit.lru */
    gsize bytes;                /* about what it holds: itself, its disks, its timelines */
    gsize *total;               /* csvp_audit.bytes */
} object_priv;

/* ---- names ---- */

static const char *const var_keys[CSVP_VAR_N] = {
    [CSVP_VAR_PREPARE] = "PrepareState",
    [CSVP_VAR_ATTACHED] = "AttachedState",
    [CSVP_VAR_OWNED] = "OwnedState",
    [CSVP_VAR_ONLINE] = "OnlineState",
    [CSVP_VAR_SHARE_TEST_SETUP] = "ClusterFileShareTestSetupState",
    [CSVP_VAR_INITIALIZED] = "InitializationState",
    [CSVP_VAR_ROUTE_MONITORING] = "RouteMonitoringState",
    [CSVP_VAR_FIREWALL] = "FirewallState",
    [CSVP_VAR_CLUSTER_CERT] = "ClusterCertState",
    [CSVP_VAR_CLUSTER_CERT_V2] = "ClusterCertV2State",
};
static const char *const var_prose_names[CSVP_VAR_N] = {
    [CSVP_VAR_PREPARE] = "Prepare State",
    [CSVP_VAR_ATTACHED] = "ClusPrepDisk.AttachedState",
    [CSVP_VAR_OWNED] = "ClusPrepDisk.OwnedState",
    [CSVP_VAR_ONLINE] = "ClusPrepDisk.OnlineState",
    [CSVP_VAR_SHARE_TEST_SETUP] = "ClusterFileShareTestSetupState",
    [CSVP_VAR_INITIALIZED] = "Initialization State",
    [CSVP_VAR_ROUTE_MONITORING] = "Route Monitoring State",
    [CSVP_VAR_FIREWALL] = "Firewall State",
    [CSVP_VAR_CLUSTER_CERT] = "certificate of ConfigClusterCert",
    [CSVP_VAR_CLUSTER_CERT_V2] = "certificate of ConfigClusterCertV2",
};
/* Value names, indexed by the csvp_*_state numbers (0 is Unknown). */
static const char *const value_names[CSVP_VAR_N][4] = {
    [CSVP_VAR_PREPARE] = { "Unknown", "Initial", "Preparing", "Online" },
    [CSVP_VAR_ATTACHED] = { "Unknown", "NotAttached", "Attached" },
    [CSVP_VAR_OWNED] = { "Unknown", "NotOwned", "OwnedButNotByThisServer", "OwnedByThisServer" },
    [CSVP_VAR_ONLINE] = { "Unknown", "NotOnline", "Online" },
    [CSVP_VAR_SHARE_TEST_SETUP] = { "Unknown", "ClusterFileShareTestNotSetup", "ClusterFileShareTestSetup" },
    [CSVP_VAR_INITIALIZED] = { "Unknown", "False", "True" },
    [CSVP_VAR_ROUTE_MONITORING] = { "Unknown", "FALSE", "TRUE" },
    [CSVP_VAR_FIREWALL] = { "Unknown", "NotInitialized", "Initialized" },
    [CSVP_VAR_CLUSTER_CERT] = { "Unknown", "NotConfigured", "Configured" },
    [CSVP_VAR_CLUSTER_CERT_V2] = { "Unknown", "NotConfigured", "Configured" },
};

const char *csvp_state_var_name(csvp_state_var v)
{
    return (unsigned)v < CSVP_VAR_N ? var_keys[v] : "?";
}

const char *csvp_state_value_name(csvp_state_var v, int value)
{
    if ((unsigned)v >= CSVP_VAR_N || value < 0 || value > 3 || !value_names[v][value])
        return "?";
    return value_names[v][value];
}

const char *var_prose(csvp_state_var v)
{
    return (unsigned)v < CSVP_VAR_N ? var_prose_names[v] : "?";
}

bool var_is_disk(csvp_state_var v)
{
    return v == CSVP_VAR_ATTACHED || v == CSVP_VAR_OWNED || v == CSVP_VAR_ONLINE;
}

const char *csvp_finding_kind_name(csvp_finding_kind k)
{
    static const char *const names[] = { "client_sequence", "server_conformance", "product_behavior",
                                         "unknown_state" };
    return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "?";
}

const char *csvp_severity_name(csvp_severity s)
{
    static const char *const names[] = { "info", "warning", "error" };
    return (unsigned)s < G_N_ELEMENTS(names) ? names[s] : "?";
}

const char *status_text(guint32 hr, char buf[STATUS_TEXT_LEN])
{
    const char *name = csvp_status_name(hr);
    if (hr == CSVP_S_OK)
        g_strlcpy(buf, "S_OK", STATUS_TEXT_LEN);
    else if (name)
        g_snprintf(buf, STATUS_TEXT_LEN, "%s (0x%08X)", name, hr);
    else
        g_snprintf(buf, STATUS_TEXT_LEN, "0x%08X", hr);
    return buf;
}

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

/* ---- servers and objects ---- */

static void event_clear(gpointer p)
{
    g_free(((csvp_audit_event *)p)->text);
}

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
    char *k = g_strdup_printf("%s|%s", cls->name, key);
    object_priv *p = g_hash_table_lookup(s->objects, k);
    *created = p == NULL;
    if (p) {
        g_free(k);
        g_queue_unlink(&a->lru, &p->link);
        g_queue_push_tail_link(&a->lru, &p->link);
        return &p->pub;
    }
    p = g_new0(object_priv, 1);
    csvp_audit_object *o = &p->pub;
    o->key = g_strdup(key);
    o->order = a->next_order++;
    o->class_name = cls->name;
    o->disks = g_ptr_array_new_with_free_func(disk_free);
    o->timeline = g_array_new(FALSE, FALSE, sizeof(csvp_audit_event));
    g_array_set_clear_func(o->timeline, event_clear);
    p->index_key = k;
    p->server = s;
    p->slot = s->pub.objects->len;
    p->link.data = p;
    p->total = &a->bytes;
    g_ptr_array_add(s->pub.objects, o);
    g_hash_table_insert(s->objects, k, p);
    g_queue_push_tail_link(&a->lru, &p->link);
    object_grew(o, sizeof *p + 2 * strlen(k) + 128);   /* the key twice, the table entry, the arrays */
    return o;
}

void object_grew(csvp_audit_object *obj, gsize bytes)
{
    object_priv *p = (object_priv *)obj;
    p->bytes += bytes;
    *p->total += bytes;
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
        a->bytes -= p->bytes;
        /* Its reasoning ends here: what its calls imply is judged on what was seen of it. */
        if (a->late.finding)
            prep_finish(&s->pub, &p->pub, &a->late);
        if (a->evict)
            a->evict(a->evict_user, &s->pub, &p->pub);
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

/* ---- state access and recording ---- */

int var_get(const audit_ctx *c, csvp_state_var v)
{
    if (!var_is_disk(v))
        return c->obj->value[v];
    if (!c->disk)
        return 0;
    return v == CSVP_VAR_ATTACHED ? (int)c->disk->attached : v == CSVP_VAR_OWNED ? (int)c->disk->owned
                                                                                : (int)c->disk->online;
}

void record_event(audit_ctx *c, csvp_audit_disk *d, char *text)
{
    g_ptr_array_add(c->out->transitions, g_strdup(text));
    GArray *timeline = d ? d->timeline : c->obj->timeline;
    if (timeline->len >= CSVP_AUDIT_MAX_EVENTS) {
        (*(d ? &d->events_dropped : &c->obj->events_dropped))++;
        g_free(text);
        return;
    }
    csvp_audit_event e = { c->call->frame, text };
    g_array_append_val(timeline, e);
    object_grew(c->obj, sizeof e + strlen(text) + 1);
}

void var_set(audit_ctx *c, csvp_state_var v, int value, const char *why)
{
    int old = var_get(c, v);
    if (old == value || (var_is_disk(v) && !c->disk))
        return;
    if (!var_is_disk(v))
        c->obj->value[v] = value;
    else if (v == CSVP_VAR_ATTACHED)
        c->disk->attached = value;
    else if (v == CSVP_VAR_OWNED)
        c->disk->owned = value;
    else
        c->disk->online = value;
    bool disk = var_is_disk(v);
    char *text = g_strdup_printf("%s%s%s%s %s -> %s%s", disk ? "disk " : "", disk ? c->disk->label : "",
                                 disk ? ": " : "", csvp_state_var_name(v), csvp_state_value_name(v, old),
                                 csvp_state_value_name(v, value), why ? why : "");
    record_event(c, disk ? c->disk : NULL, text);
}

void add_finding(audit_ctx *c, csvp_finding_kind k, csvp_severity s, const char *rule, char *message)
{
    csvp_finding f = { k, s, rule, message };
    g_array_append_val(c->out->findings, f);
    c->server->n_findings[k]++;
    if (c->disk)
        c->disk->n_findings[k]++;
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

static void snapshot(const audit_ctx *c, const object_class *cls, csvp_audit_state *st)
{
    for (guint i = 0; i < cls->n_vars; i++) {
        st->has[cls->vars[i]] = true;
        st->value[cls->vars[i]] = c->obj->value[cls->vars[i]];
    }
    if (c->disk) {
        g_strlcpy(st->disk, c->disk->label, sizeof st->disk);
        for (csvp_state_var v = CSVP_VAR_ATTACHED; v <= CSVP_VAR_ONLINE; v++) {
            st->has[v] = true;
            st->value[v] = var_get(c, v);
        }
    }
    st->has_adapters = c->obj->has_adapters;
    st->adapters = c->obj->adapters;
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
    const csvp_rule *rule = csvp_rule_find(call->itf->name, call->method->name);
    const object_class *cls = class_of(call->itf->name);
    if (!rule || !cls)
        return;

    server_priv *s = server_get(a, call->server ? call->server : "(unknown server)");
    bool created;
    audit_ctx c = { .call = call, .rule = rule, .server = &s->pub, .out = out };
    c.obj = object_get(a, s, cls, cls->server_wide ? cls->server_wide : call->object ? call->object : "(no object)",
                       &created);
    if (created && starts_fresh(call, rule))
        for (guint i = 0; i < cls->n_vars; i++)
            c.obj->value[cls->vars[i]] = cls->initial[i];
    else if (created && cls->n_vars && cls->vars[0] == CSVP_VAR_PREPARE)
        c.obj->prep = prep_log_new();   /* began before the capture: judged at the end (state_prepare.c) */
    if (rule->names_disk) {
        disk_name name;
        const csvp_node *id = call->request ? csvp_node_child(call->request->root, "DiskId") : NULL;
        bool ok = disk_name_read(id, &name);
        if (ok && name.kind == DISK_ID_NONE)
            c.names_no_disk = true;
        else if (ok)
            c.disk = disk_get(c.obj, &name);
    }
    judge_call(&c);
    if (c.disk)
        disk_progress(c.disk, call, rule);
    snapshot(&c, cls, &out->state);
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
            prep_finish(s, g_ptr_array_index(s->objects, j), sink);
    }
}
