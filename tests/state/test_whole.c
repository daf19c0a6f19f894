/* test_whole.c - whole-capture reasoning on the Prepare State (csvp/state_prepare.c) of an object whose
 * start the capture missed: backward rules, contradictions with fewest-violation placement and ties.
 * Every call here is on one IClusterStorage2 object whose first call is not an accepted
 * CprepPrepareNode, so its Prepare State requirement is judged by csvp_audit_finish. */
#include "audit_test.h"

#include <string.h>

#define S2 "IClusterStorage2"
#define ISS 0x80070548u   /* ERROR_INVALID_SERVER_STATE (3.2.4) */
#define SIG 0x12345678u

typedef struct late {
    guint32 frame;
    csvp_finding_kind kind;
    csvp_severity sev;
    char rule[16];
    char *message;
    guint32 frames[8];
    guint n_frames;
} late;

static GArray *lates;

static void on_late(void *user, const csvp_audit_late *l)
{
    late x = { l->frame, l->finding.kind, l->finding.severity, "", g_strdup(l->finding.message), { 0 },
               MIN(l->n_frames, 8u) };
    g_strlcpy(x.rule, l->finding.rule, sizeof x.rule);
    if (x.n_frames)
        memcpy(x.frames, l->frames, x.n_frames * sizeof *x.frames);
    g_array_append_val(lates, x);
}

static csvp_prepare_state settled[16];   /* by frame: the Prepare State after the call, as the end settles it */

static void on_settled(void *user, guint32 frame, csvp_prepare_state after)
{
    if (frame < G_N_ELEMENTS(settled))
        settled[frame] = after;
}

static void clear_lates(void)
{
    for (guint i = 0; i < lates->len; i++)
        g_free(g_array_index(lates, late, i).message);
    g_array_set_size(lates, 0);
    memset(settled, 0, sizeof settled);
}

/* Run a call on the object; its own result must hold no Prepare State finding (it is deferred). */
static void call(csvp_audit *a, const char *m, csvp_tree *req, guint32 hr)
{
    csvp_audit_result r;
    t_call(a, (tcall){ .itf = S2, .method = m, .req = req, .hr = hr }, &r);
    for (guint i = 0; i < r.findings->len; i++)
        CHECK(strstr(g_array_index(r.findings, csvp_finding, i).message, "Prepare State") == NULL,
              "%s at frame %u: a Prepare State finding before the end", m, test_frame);
    csvp_audit_result_clear(&r);
}

static void finish(csvp_audit *a)
{
    clear_lates();
    csvp_audit_sink sink = { .finding = on_late, .settled = on_settled };
    csvp_audit_finish(a, &sink);
}

static void dump_lates(void)
{
    for (guint i = 0; i < lates->len; i++) {
        const late *l = &g_array_index(lates, late, i);
        fprintf(stderr, "    late: frame %u %s/%s [%s]: %s\n", l->frame, csvp_finding_kind_name(l->kind),
                csvp_severity_name(l->sev), l->rule, l->message);
    }
}

/* The findings at the end must number n; returns the first. */
static const late *lates_n(guint n, const char *where)
{
    CHECK(lates->len == n, "%s: %u findings at the end, expected %u", where, lates->len, n);
    if (lates->len != n)
        dump_lates();
    return lates->len == n ? &g_array_index(lates, late, 0) : NULL;
}
#define only_late(where) lates_n(1, where)

/* The second finding is PrepareNode's or Phase2's own: only its S_OK says the state was right (no other
 * call fixes it), so it is not judged: unknown_state info. */
static void second_is_unknown(guint32 frame)
{
    const late *u = lates->len == 2 ? &g_array_index(lates, late, 1) : NULL;
    CHECK(u && u->frame == frame && u->kind == CSVP_FINDING_UNKNOWN_STATE && u->sev == CSVP_SEV_INFO,
          "frame %u: unknown_state expected", frame);
}

/* Issue case 1. Phase2 refused with ERROR_INVALID_SERVER_STATE, then PrepareNode S_OK on the same object.
 * PrepareNode requires Initial (3.2.4) and only PrepareNode (3.2.4.3) and Phase2 (3.2.4.4) move the
 * Prepare State, forward; the refused Phase2 moved nothing, so the state at Phase2 was the state at
 * PrepareNode: Initial. Phase2 requires Preparing: a client_sequence warning (3.3.4.1: MUST) at Phase2,
 * and the server's refusal was right (no server finding). PrepareNode itself is proven Initial only by its
 * own S_OK (the refused Phase2 allows Initial or Online): unknown_state info. */
static void refused_phase2_then_prepare(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepPrepareNodePhase2", NULL, ISS);          /* frame 1 */
    call(a, "CprepPrepareNode", NULL, 0);                  /* frame 2 */
    finish(a);
    const late *l = lates_n(2, "refused Phase2 then PrepareNode");
    second_is_unknown(2);
    /* The refused Phase2 changed nothing: Initial after it; PrepareNode: Preparing (3.2.4.3). */
    CHECK(settled[1] == CSVP_PREPARE_INITIAL && settled[2] == CSVP_PREPARE_PREPARING, "settled %d, %d", settled[1],
          settled[2]);
    if (l) {
        CHECK(l->frame == 1 && l->kind == CSVP_FINDING_CLIENT_SEQUENCE && l->sev == CSVP_SEV_WARNING &&
                  strcmp(l->rule, "3.2.4.4") == 0,
              "frame %u %s %s", l->frame, csvp_finding_kind_name(l->kind), l->rule);
        CHECK(strstr(l->message, "when the Prepare State was Initial") &&
                  strstr(l->message, "frame 2 CprepPrepareNode S_OK implies Initial"),
              "%s", l->message);
    }
    csvp_audit_free(a);
}

/* Issue case 2. GetProps S_OK implies Online (3.2.4: all other methods require Online), then PrepareNode
 * S_OK implies Initial; no transition leads from Online back to Initial (3.2.4: "it remains Online").
 * Explanations: start Initial, GetProps wrongly accepted (1 violation, frame 1); start Online, PrepareNode
 * wrongly accepted (1 violation, frame 2); start Preparing, GetProps wrongly accepted (1, frame 1).
 * They tie at one violation: one server_conformance error naming frames 1 and 2, on the later one. */
static void online_then_initial_tie(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepDiskGetProps", req_sig(SIG), 0);         /* frame 1 */
    call(a, "CprepPrepareNode", NULL, 0);                  /* frame 2 */
    finish(a);
    const late *l = only_late("GetProps then PrepareNode");
    if (l) {
        CHECK(l->frame == 2 && l->kind == CSVP_FINDING_SERVER_CONFORMANCE && l->sev == CSVP_SEV_ERROR &&
                  l->n_frames == 2 && l->frames[0] == 1 && l->frames[1] == 2,
              "frame %u %s, %u frames", l->frame, csvp_finding_kind_name(l->kind), l->n_frames);
        CHECK(strstr(l->message, "frame 1 CprepDiskGetProps S_OK implies Online; frame 2 CprepPrepareNode S_OK "
                                 "implies Initial; no transition leads from Online back to Initial") &&
                  strstr(l->message, "tie, on frames 1, 2"),
              "%s", l->message);
    }
    /* After GetProps: Initial (start Initial or Preparing, GetProps wrongly accepted, then PrepareNode right)
     * or Online (start Online): not settled; after PrepareNode: Preparing, or anything after a wrong success. */
    CHECK(settled[1] == CSVP_PREPARE_UNKNOWN && settled[2] == CSVP_PREPARE_UNKNOWN, "settled %d, %d", settled[1],
          settled[2]);
    csvp_audit_free(a);
}

/* Fewest violations. GetProps S_OK (frames 1, 2) then PrepareNode S_OK (3). Start Online: 1 and 2 right,
 * PrepareNode wrongly accepted: 1 violation (frame 3). Start Initial or Preparing: GetProps 1 wrongly
 * accepted (what a wrong success did is unknown, 3.2.4 says nothing of it), then 2 implies Online and 3
 * Initial, so one more is broken: 2 violations ({1, 2} or {1, 3}). The error goes on frame 3 alone and
 * names every call some start state's explanation blames: 1, 2, 3. */
static void fewest_violations(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepDiskGetProps", req_sig(SIG), 0);         /* frame 1 */
    call(a, "CprepDiskGetProps", req_sig(SIG), 0);         /* frame 2 */
    call(a, "CprepPrepareNode", NULL, 0);                  /* frame 3 */
    finish(a);
    const late *l = only_late("two GetProps then PrepareNode");
    if (l) {
        CHECK(l->frame == 3 && l->kind == CSVP_FINDING_SERVER_CONFORMANCE && l->n_frames == 3 &&
                  l->frames[0] == 1 && l->frames[1] == 2 && l->frames[2] == 3,
              "frame %u, %u frames", l->frame, l->n_frames);
        CHECK(strstr(l->message, "no run of Prepare State transitions") &&
                  strstr(l->message, "the explanation with the fewest violations (1) puts it on frame 3"),
              "%s", l->message);
    }
    csvp_audit_free(a);
}

/* Backward through ClusPrepDiskList (3.2.4.4): a disk call refused with ERROR_INVALID_SERVER_STATE, then
 * Phase2 S_OK. Phase2 implies Preparing; nothing between moved the state, so the disk call (which
 * requires Online, 3.2.4) came before the list existed: a client_sequence warning; the refusal was right.
 * Phase2 is proven Preparing only by its own S_OK (the refusal allows Initial or Preparing): unknown_state. */
static void disk_call_before_phase2(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepDiskAttach", req_sig(SIG), ISS);         /* frame 1 */
    call(a, "CprepPrepareNodePhase2", NULL, 0);            /* frame 2 */
    finish(a);
    const late *l = lates_n(2, "Attach refused, then Phase2");
    second_is_unknown(2);
    if (l)
        CHECK(l->frame == 1 && l->kind == CSVP_FINDING_CLIENT_SEQUENCE && strcmp(l->rule, "3.2.4.14") == 0 &&
                  strstr(l->message, "the Prepare State was Preparing"),
              "frame %u %s: %s", l->frame, csvp_finding_kind_name(l->kind), l->message);
    csvp_audit_free(a);
}

/* Only forward from an unknown start: a refused Phase2 alone leaves Initial or Online (3.2.4), so the
 * capture cannot tell whether the client erred: one unknown_state info, at the end. */
static void truly_unknown(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepPrepareNodePhase2", NULL, ISS);
    finish(a);
    const late *l = only_late("a refused Phase2 alone");
    if (l)
        CHECK(l->frame == 1 && l->kind == CSVP_FINDING_UNKNOWN_STATE && l->sev == CSVP_SEV_INFO, "%s",
              csvp_finding_kind_name(l->kind));
    csvp_audit_free(a);
}

/* A later success proves an earlier one's state without its own answer: GetProps S_OK twice. Each, without
 * its own answer, is fixed Online by the other (no Phase2 in between, and Online is kept, 3.2.4), so neither
 * is unknown_state: no finding. A single GetProps S_OK has only its own answer: unknown_state. */
static void successes_prove_each_other(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepDiskGetProps", req_sig(SIG), 0);
    call(a, "CprepDiskGetProps", req_sig(SIG), 0);
    finish(a);
    CHECK(lates->len == 0, "two GetProps: %u findings", lates->len);
    csvp_audit_free(a);

    a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepDiskGetProps", req_sig(SIG), 0);
    finish(a);
    const late *l = only_late("one GetProps");
    if (l)
        CHECK(l->kind == CSVP_FINDING_UNKNOWN_STATE, "%s", csvp_finding_kind_name(l->kind));
    csvp_audit_free(a);
}

/* A session the capture saw begin is judged forward, call by call, and nothing waits for the end:
 * PrepareNode S_OK first (3.2.1: the object starts Initial), then PrepareNode again is a client_sequence
 * warning on the spot (3.2.4.3). */
static void fresh_is_forward(void)
{
    csvp_audit *a = csvp_audit_new();
    csvp_audit_result r;
    test_frame = 0;
    t_ok(a, (tcall){ .itf = S2, .method = "CprepPrepareNode" }, "fresh");
    t_call(a, (tcall){ .itf = S2, .method = "CprepPrepareNode", .hr = ISS }, &r);
    CHECK(r.findings->len == 1 && n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1,
          "second PrepareNode: %u findings", r.findings->len);
    csvp_audit_result_clear(&r);
    finish(a);
    CHECK(lates->len == 0, "fresh session: %u findings at the end", lates->len);
    csvp_audit_free(a);
}

/* Forward from a refusal: PrepareNode refused with ERROR_INVALID_SERVER_STATE (frame 1) means not Initial
 * (3.2.4), and nothing leads back to Initial (3.2.1), so the second PrepareNode (frame 2) was called in
 * Preparing or Online, the capture cannot say which: a client_sequence warning naming both. Frame 1 itself,
 * without its own answer, could have been Initial (had it succeeded, 2 would be refused in Preparing):
 * unknown_state, listed first (frame order). */
static void refusal_proves_not_initial(void)
{
    csvp_audit *a = csvp_audit_new();
    test_frame = 0;
    call(a, "CprepPrepareNode", NULL, ISS);                /* frame 1 */
    call(a, "CprepPrepareNode", NULL, ISS);                /* frame 2 */
    finish(a);
    const late *u = lates_n(2, "two refused PrepareNode");
    if (u) {
        const late *l = &g_array_index(lates, late, 1);
        CHECK(u->frame == 1 && u->kind == CSVP_FINDING_UNKNOWN_STATE, "frame %u %s", u->frame,
              csvp_finding_kind_name(u->kind));
        CHECK(l->frame == 2 && l->kind == CSVP_FINDING_CLIENT_SEQUENCE && strcmp(l->rule, "3.2.4.3") == 0 &&
                  strstr(l->message, "when the Prepare State was Preparing or Online"),
              "frame %u %s: %s", l->frame, csvp_finding_kind_name(l->kind), l->message);
    }
    csvp_audit_free(a);
}

/* The bound (state.h): CSVP_AUDIT_MAX_PREP_CALLS calls are kept; the next is judged forward, on the state the
 * kept ones inferred. 64 GetProps S_OK (each proven Online by the others: no finding at the end), then
 * PrepareNode S_OK: forward, the Prepare State was Online (inferred) and PrepareNode requires Initial (3.2.4):
 * a client_sequence warning and a server_conformance error on the call itself. */
static void bounded(void)
{
    csvp_audit *a = csvp_audit_new();
    csvp_audit_result r;
    test_frame = 0;
    for (int i = 0; i < CSVP_AUDIT_MAX_PREP_CALLS; i++)
        call(a, "CprepDiskGetProps", req_sig(SIG), 0);
    t_call(a, (tcall){ .itf = S2, .method = "CprepPrepareNode" }, &r);
    CHECK(r.findings->len == 2 && n_kind_sev(&r, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING) == 1 &&
              n_kind_sev(&r, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR) == 1,
          "the call past the bound: %u findings", r.findings->len);
    csvp_audit_result_clear(&r);
    finish(a);
    lates_n(0, "64 GetProps");
    csvp_audit_free(a);
}

int main(void)
{
    lates = g_array_new(FALSE, FALSE, sizeof(late));
    refused_phase2_then_prepare();
    online_then_initial_tie();
    fewest_violations();
    disk_call_before_phase2();
    truly_unknown();
    successes_prove_each_other();
    fresh_is_forward();
    refusal_proves_not_initial();
    bounded();
    clear_lates();
    g_array_free(lates, TRUE);
    return check_report("whole");
}
