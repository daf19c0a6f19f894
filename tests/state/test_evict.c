/* test_evict.c - the auditor's bounds on objects and their bytes (csvp_audit_set_limits): the least
 * recently called object is handed to the callback whole and freed, the others stay reachable, a server
 * left without objects goes too, and a later call on the evicted key starts a new object whose state is
 * Unknown. */
#include "audit_test.h"

#include <string.h>

#define S2 "IClusterStorage2"


/* What the callback saw: "key#order:PrepareState:timeline length;" per evicted object. */
static void on_evict(void *user, const csvp_audit_server *s, const csvp_audit_object *o)
{
    g_string_append_printf(user, "%s/%s#%" G_GUINT64_FORMAT ":%s:%u;", s->name, o->key, o->order,
                           csvp_state_value_name(CSVP_VAR_PREPARE, o->value[CSVP_VAR_PREPARE]), o->timeline->len);
}

static tcall on(const char *obj, const char *m)
{
    return (tcall){ .itf = S2, .method = m, .object = obj };
}

static csvp_audit_result run(csvp_audit *a, tcall c)
{
    csvp_audit_result r;
    t_call(a, c, &r);
    return r;
}

static bool has_object(const csvp_audit_server *s, const char *key, guint64 order)
{
    for (guint i = 0; i < s->objects->len; i++) {
        const csvp_audit_object *o = g_ptr_array_index(s->objects, i);
        if (strcmp(o->key, key) == 0 && o->order == order)
            return true;
    }
    return false;
}

int main(void)
{
    csvp_audit *a = csvp_audit_new();
    GString *seen = g_string_new(NULL);
    csvp_audit_set_limits(a, 2, 0, on_evict, seen);

    /* A and B start sessions (Initial -> Preparing); A goes on to Online, so B is now the least recent. */
    csvp_audit_result r = run(a, on("A", "CprepPrepareNode"));
    csvp_audit_result_clear(&r);
    r = run(a, on("B", "CprepPrepareNode"));
    csvp_audit_result_clear(&r);
    r = run(a, on("A", "CprepPrepareNodePhase2"));
    csvp_audit_result_clear(&r);
    CHECK(seen->len == 0 && csvp_audit_n_evicted(a) == 0, "nothing evicted at the bound: '%s'", seen->str);

    /* A third object: B goes, whole, with its one transition. */
    r = run(a, on("C", "CprepPrepareNode"));
    csvp_audit_result_clear(&r);
    CHECK(strcmp(seen->str, "10.20.0.11/B#1:Preparing:1;") == 0, "evicted B: '%s'", seen->str);
    CHECK(csvp_audit_n_evicted(a) == 1, "one eviction");
    const csvp_audit_server *s = csvp_audit_server_at(a, 0);
    CHECK(s->objects->len == 2 && has_object(s, "A", 0) && has_object(s, "C", 2), "A and C remain");

    /* B again: a new object (order 3) whose Prepare State is Unknown, not the evicted Preparing, so Phase2
     * (which needs Preparing, 3.2.4.4) is not judged now: the object's first call is not PrepareNode, so its
     * Prepare State requirement waits for the whole capture (csvp_audit_finish, state_prepare.c), and S_OK
     * lets the auditor infer Unknown -> Preparing before Preparing -> Online. A, least recent now, goes with
     * its three transitions (Initial -> Preparing, Preparing -> Online, the disk list). */
    r = run(a, on("B", "CprepPrepareNodePhase2"));
    CHECK(r.findings->len == 0, "B's Phase2 not judged call by call (%u findings)", r.findings->len);
    CHECK(has_transition(&r, "PrepareState Unknown -> Preparing (inferred from S_OK)"), "B starts Unknown");
    csvp_audit_result_clear(&r);
    CHECK(strcmp(seen->str, "10.20.0.11/B#1:Preparing:1;10.20.0.11/A#0:Online:3;") == 0, "then A: '%s'",
          seen->str);
    CHECK(s->objects->len == 2 && has_object(s, "C", 2) && has_object(s, "B", 3), "C and the new B remain");

    /* A server left without objects goes too; one that comes back gets a new order. */
    csvp_audit *two = csvp_audit_new();
    g_string_truncate(seen, 0);
    csvp_audit_set_limits(two, 1, 0, on_evict, seen);
    const csvp_interface *itf = csvp_interface_by_name(S2);
    const csvp_method *m = csvp_method_by_name("CprepPrepareNode", NULL);
    const char *servers[] = { "10.0.0.1", "10.0.0.2", "10.0.0.1" };
    for (guint i = 0; i < 3; i++) {
        csvp_audit_call_in in = { .server = servers[i], .object = "A", .itf = itf, .method = m, .has_hresult = true,
                                  .frame = i + 1 };
        csvp_audit_call(two, &in, &r);
        csvp_audit_result_clear(&r);
    }
    CHECK(strcmp(seen->str, "10.0.0.1/A#0:Preparing:1;10.0.0.2/A#1:Preparing:1;") == 0, "servers: '%s'", seen->str);
    CHECK(csvp_audit_n_servers(two) == 1 && strcmp(csvp_audit_server_at(two, 0)->name, "10.0.0.1") == 0 &&
              csvp_audit_server_at(two, 0)->order == 2,
          "one server left, the returning one");
    csvp_audit_free(two);

    /* A bound of 1 byte: every object goes right after its call, servers too. */
    csvp_audit *tight = csvp_audit_new();
    g_string_truncate(seen, 0);
    csvp_audit_set_limits(tight, 0, 1, on_evict, seen);
    const char *keys[] = { "A", "B", "C" };
    for (guint i = 0; i < 3; i++) {
        r = run(tight, on(keys[i], "CprepPrepareNode"));
        csvp_audit_result_clear(&r);
    }
    CHECK(strcmp(seen->str, "10.20.0.11/A#0:Preparing:1;10.20.0.11/B#1:Preparing:1;10.20.0.11/C#2:Preparing:1;") ==
              0,
          "bytes: '%s'", seen->str);
    CHECK(csvp_audit_n_servers(tight) == 0 && csvp_audit_n_evicted(tight) == 3, "nothing left");
    csvp_audit_free(tight);

    /* No bound: nothing is evicted. */
    csvp_audit *all = csvp_audit_new();
    for (int i = 0; i < 100; i++) {
        char key[16];
        g_snprintf(key, sizeof key, "o%d", i);
        r = run(all, on(key, "CprepPrepareNode"));
        csvp_audit_result_clear(&r);
    }
    CHECK(csvp_audit_server_at(all, 0)->objects->len == 100 && csvp_audit_n_evicted(all) == 0, "unbounded");

    csvp_audit_free(all);
    csvp_audit_free(a);
    g_string_free(seen, TRUE);
    return check_report("evict");
}
