/* state_prepare.c - whole-capture reasoning on the Prepare State of one
 * IClusterStorage2/IClusterStorage3 object whose start the capture missed.
 *
 * What is provable backward, and why (3.2.1, 3.2.4):
 * - 3.2.1 "The Prepare State is initialized to Initial"; only CprepPrepareNode moves it, to
 *   Preparing (3.2.4.3), and only CprepPrepareNodePhase2, to Online (3.2.4.4); "Once the server's
 *   Prepare State is Online, it remains Online" (3.2.4). So the state only moves
 *   Initial -> Preparing -> Online, one step per accepted call: a state a later call implies bounds
 *   every earlier one from above (Initial has no incoming transition: a later Initial proves Initial
 *   at every earlier call of the object).
 * - ClusPrepDiskList is built only by CprepPrepareNodePhase2 (3.2.4.4), the call that makes the
 *   object Online, and every disk method requires Online (3.2.4): a disk call before a later accepted
 *   Phase2 is proven to precede the list.
 * - 3.2.4: the server MUST fail with ERROR_INVALID_SERVER_STATE when the Prepare State is wrong for
 *   the method, and only then: S_OK implies the required state, that status implies another one, any
 *   other failure implies the required state (the Prepare State check comes first).
 *
 * The object's calls are kept (at most CSVP_AUDIT_MAX_PREP_CALLS, a few bytes each: method, frame,
 * status), and at the end (or when the object is dropped) each explanation of them is scored: a start
 * state and a run of conformant transitions, counting the answers it says broke 3.2.4. The
 * explanations with the fewest such answers decide: a call is judged on the states they give it
 * without its own answer; answers they disagree on make one server_conformance error naming every call
 * involved, on the call the best explanation blames (all of them when explanations tie).
 */
#include "state.h"
#include "state_prepare.h"

#include <string.h>

#define INF 0x7fff
#define ALL_STATES 0xe    /* bits 1..3: Initial, Preparing, Online */

typedef enum { ANS_OK, ANS_REFUSED, ANS_FAILED, ANS_FAULTED, ANS_NONE } answer;

typedef struct prep_call {
    const csvp_rule *rule;
    guint32 frame, call_id, hresult;
    guint8 required, effect;   /* csvp_prepare_state; effect 0: none */
    guint8 answer;
    char disk[64];             /* the label of the disk the call named, or "": the verdict counts the finding */
} prep_call;

G_STATIC_ASSERT(CSVP_AUDIT_MAX_PREP_CALLS <= 64);   /* a call is a bit of a guint64 (scored.blamed) */

/* Grown as calls come, up to CSVP_AUDIT_MAX_PREP_CALLS: most objects of a capture begun mid-session
 * see a call or two, and thousands of them are held at once. */
struct csvp_prep_log {
    guint n, cap;
    prep_call calls[];
};

enum { PREP_FIRST_CAP = 2 };

csvp_prep_log *csvp_prep_log_new(void)
{
    csvp_prep_log *l = g_malloc0(sizeof *l + PREP_FIRST_CAP * sizeof(prep_call));
    l->cap = PREP_FIRST_CAP;
    return l;
}

bool csvp_prep_deferred(const csvp_audit_object *obj)
{
    return obj->prep && obj->prep->n < CSVP_AUDIT_MAX_PREP_CALLS;
}

void csvp_prep_record(csvp_audit_object *obj, const csvp_audit_call_in *in, const csvp_rule *rule,
                      const csvp_cond *k, const csvp_audit_disk *disk)
{
    csvp_prep_log *l = obj->prep;
    if (l->n == l->cap) {   /* below CSVP_AUDIT_MAX_PREP_CALLS: callers ask csvp_prep_deferred first */
        l->cap = MIN(2 * l->cap, CSVP_AUDIT_MAX_PREP_CALLS);
        l = obj->prep = g_realloc(l, sizeof *l + l->cap * sizeof(prep_call));
    }
    prep_call *p = &l->calls[l->n++];
    memset(p, 0, sizeof *p);
    p->rule = rule;
    p->frame = in->frame;
    p->call_id = in->call_id;
    p->hresult = in->hresult;
    p->required = (guint8)k->required;
    if (disk)
        g_strlcpy(p->disk, disk->label, sizeof p->disk);
    for (size_t i = 0; i < G_N_ELEMENTS(rule->effects); i++)
        if (rule->effects[i].var == CSVP_VAR_PREPARE && rule->effects[i].value)
            p->effect = (guint8)rule->effects[i].value;
    p->answer = in->faulted                                   ? ANS_FAULTED
                : !in->has_hresult                            ? ANS_NONE
                : (gint32)in->hresult >= 0                    ? ANS_OK
                : in->hresult == CSVP_ERROR_INVALID_SERVER_STATE ? ANS_REFUSED
                                                              : ANS_FAILED;
}

/* ---- scoring explanations ---- */

/* From state s before call p: the states after it (bit mask) at cost 0 and at cost 1 (an answer that
 * breaks 3.2.4). `ignore`: p's answer is not evidence (judging p itself). */
static void step(const prep_call *p, int s, bool ignore, guint *free_next, guint *bad_next)
{
    bool right = s == p->required;
    guint8 a = ignore ? ANS_NONE : p->answer;
    *free_next = *bad_next = 0;
    if (a == ANS_OK && right)
        *free_next = 1u << (p->effect ? p->effect : s);
    else if (a == ANS_OK)
        *bad_next = ALL_STATES;   /* accepted against 3.2.4: what it did is unknown */
    else if (a == ANS_REFUSED || a == ANS_FAILED)
        *(right == (a == ANS_REFUSED) ? bad_next : free_next) = 1u << s;
    else
        *free_next = 1u << s | (a == ANS_NONE && right && p->effect ? 1u << p->effect : 0);
}

typedef struct scored {
    int cost;                        /* fewest broken answers */
    guint8 states[CSVP_AUDIT_MAX_PREP_CALLS + 1]; /* before each call in the best explanations; [n]: after all */
    guint64 blamed;                  /* calls whose answer the best explanations break */
} scored;

/* Forward and backward minimum costs over states 1..3, from the start states `start`. */
static void score(const csvp_prep_log *l, guint start, int ignore, scored *out)
{
    int fwd[CSVP_AUDIT_MAX_PREP_CALLS + 1][4], bwd[CSVP_AUDIT_MAX_PREP_CALLS + 1][4];
    guint n = l->n;
    for (int s = 1; s <= 3; s++) {
        fwd[0][s] = start & 1u << s ? 0 : INF;
        bwd[n][s] = 0;
    }
    for (guint i = 0; i < n; i++) {
        for (int s = 1; s <= 3; s++)
            fwd[i + 1][s] = INF;
        for (int s = 1; s <= 3; s++) {
            guint fr, bad;
            if (fwd[i][s] == INF)
                continue;
            step(&l->calls[i], s, (int)i == ignore, &fr, &bad);
            for (int t = 1; t <= 3; t++) {
                if (fr & 1u << t)
                    fwd[i + 1][t] = MIN(fwd[i + 1][t], fwd[i][s]);
                if (bad & 1u << t)
                    fwd[i + 1][t] = MIN(fwd[i + 1][t], fwd[i][s] + 1);
            }
        }
    }
    for (guint i = n; i-- > 0;)
        for (int s = 1; s <= 3; s++) {
            guint fr, bad;
            step(&l->calls[i], s, (int)i == ignore, &fr, &bad);
            bwd[i][s] = INF;
            for (int t = 1; t <= 3; t++) {
                if (fr & 1u << t)
                    bwd[i][s] = MIN(bwd[i][s], bwd[i + 1][t]);
                if (bad & 1u << t)
                    bwd[i][s] = MIN(bwd[i][s], bwd[i + 1][t] + 1);
            }
        }
    out->cost = INF;
    for (int s = 1; s <= 3; s++)
        out->cost = MIN(out->cost, fwd[n][s]);
    out->blamed = 0;
    for (guint i = 0; i <= n; i++) {
        out->states[i] = 0;
        for (int s = 1; s <= 3; s++) {
            if (fwd[i][s] == INF || fwd[i][s] + bwd[i][s] != out->cost)
                continue;
            out->states[i] |= 1u << s;
            if (i == n)
                continue;
            guint fr, bad;
            step(&l->calls[i], s, (int)i == ignore, &fr, &bad);
            for (int t = 1; t <= 3; t++)
                if (bad & 1u << t && fwd[i][s] + 1 + bwd[i + 1][t] == out->cost)
                    out->blamed |= G_GUINT64_CONSTANT(1) << i;
        }
    }
}

/* ---- findings ---- */

static const char *prep_name(int s)
{
    return csvp_state_value_name(CSVP_VAR_PREPARE, s);
}

/* "frame 14 CprepDiskGetProps S_OK implies Online" */
static void implies_text(GString *s, const prep_call *p)
{
    char hrs[CSVP_STATUS_TEXT_LEN];
    g_string_append_printf(s, "frame %u %s %s implies %s%s", p->frame, p->rule->method,
                           csvp_status_text(p->hresult, hrs), p->answer == ANS_REFUSED ? "not " : "",
                           prep_name(p->required));
}

/* A finding at the end counts on the disk its call named, for the verdict. */
static void count_on_disk(const csvp_audit_object *o, const char *label, csvp_finding_kind k)
{
    for (guint i = 0; label[0] && i < o->disks->len; i++) {
        csvp_audit_disk *d = g_ptr_array_index(o->disks, i);
        if (strcmp(d->label, label) == 0) {
            d->n_findings[k]++;
            return;
        }
    }
}

static void emit(const csvp_audit_server *srv, const csvp_audit_object *o, const prep_call *p, csvp_finding_kind k,
                 csvp_severity sev, char *msg, const guint32 *frames, guint n_frames, const csvp_audit_sink *sink)
{
    if (!n_frames)
        count_on_disk(o, p->disk, k);
    csvp_audit_late f = { srv->name, o->key, p->rule->itf, p->rule->method, p->frame, p->call_id,
                          frames, n_frames, { k, sev, p->rule->section, msg } };
    ((csvp_audit_server *)srv)->n_findings[k]++;
    sink->finding(sink->user, &f);
    g_free(msg);
}

/* A later (else earlier) accepted call whose state the explanations fix: what proves the state here. */
static const prep_call *witness(const csvp_prep_log *l, const scored *best, guint i)
{
    for (guint j = i + 1; j < l->n; j++)
        if (l->calls[j].answer == ANS_OK && best->states[j] == 1u << l->calls[j].required)
            return &l->calls[j];
    for (guint j = i; j-- > 0;)
        if (l->calls[j].answer == ANS_OK && best->states[j] == 1u << l->calls[j].required)
            return &l->calls[j];
    return NULL;
}

static void judge_one(const csvp_audit_server *srv, const csvp_audit_object *o, const csvp_prep_log *l, guint i,
                      const csvp_audit_sink *sink)
{
    const prep_call *p = &l->calls[i];
    scored *alone = g_new(scored, 1);
    score(l, ALL_STATES, (int)i, alone);
    guint states = alone->states[i];
    char hrs[CSVP_STATUS_TEXT_LEN];
    const char *what = p->answer == ANS_FAULTED ? "the call faulted"
                       : p->answer == ANS_NONE  ? "its response is not readable in the capture"
                                                : NULL;
    char *outcome =
        what ? g_strdup(what) : g_strdup_printf("the server returned %s", csvp_status_text(p->hresult, hrs));
    if (states && !(states & 1u << p->required)) {
        GString *was = g_string_new(NULL);   /* "Initial", or "Initial or Online" */
        for (int s = 1; s <= 3; s++)
            if (states & 1u << s)
                g_string_append_printf(was, "%s%s", was->len ? " or " : "", prep_name(s));
        GString *why = g_string_new(NULL);
        const prep_call *w = witness(l, alone, i);
        if (w)
            implies_text(why, w);
        emit(srv, o, p, CSVP_FINDING_CLIENT_SEQUENCE, CSVP_SEV_WARNING,
             g_strdup_printf("%s requires Prepare State %s (%s); the client called it when the Prepare State was "
                             "%s, and %s (whole capture: %s%sthe Prepare State only moves Initial -> Preparing -> "
                             "Online, 3.2.1, 3.2.4)",
                             p->rule->method, prep_name(p->required), p->rule->section, was->str, outcome,
                             why->str, w ? "; " : ""),
             NULL, 0, sink);
        g_string_free(why, TRUE);
        g_string_free(was, TRUE);
    } else if (states != 1u << p->required && p->answer != ANS_NONE) {
        /* As judged forward (state_judge.c): a call whose answer the capture does not show is not even
         * reported as unjudged. */
        emit(srv, o, p, CSVP_FINDING_UNKNOWN_STATE, CSVP_SEV_INFO,
             g_strdup_printf("%s requires Prepare State %s (%s); not judged: the Prepare State is unknown, as no "
                             "other call of the object in the capture fixes it; %s",
                             p->rule->method, prep_name(p->required), p->rule->section, outcome),
             NULL, 0, sink);
    }
    g_free(outcome);
    g_free(alone);
}

/* Answers no conformant run explains: one error on the blamed call, naming every call involved. */
static void judge_contradiction(const csvp_audit_server *srv, const csvp_audit_object *o, const csvp_prep_log *l,
                                const scored *best, guint64 involved, const csvp_audit_sink *sink)
{
    guint32 frames[CSVP_AUDIT_MAX_PREP_CALLS];
    guint n = 0, n_blamed = 0, last = 0, first = 0, second = 0;
    GString *s = g_string_new(NULL), *blamed = g_string_new(NULL);
    for (guint i = 0; i < l->n; i++) {
        if (!(involved >> i & 1))
            continue;
        if (n < 2)
            *(n ? &second : &first) = i;
        frames[n++] = l->calls[i].frame;
        count_on_disk(o, l->calls[i].disk, CSVP_FINDING_SERVER_CONFORMANCE);
        if (s->len)
            g_string_append(s, "; ");
        implies_text(s, &l->calls[i]);
        if (best->blamed >> i & 1) {
            g_string_append_printf(blamed, "%s%u", n_blamed ? ", " : "", l->calls[i].frame);
            n_blamed++;
            last = i;
        }
    }
    const prep_call *a = n == 2 ? &l->calls[first] : NULL, *b = n == 2 ? &l->calls[second] : NULL;
    if (a && a->answer == ANS_OK && b->answer == ANS_OK && b->required < a->required)
        g_string_append_printf(s, "; no transition leads from %s back to %s (3.2.1, 3.2.4)", prep_name(a->required),
                               prep_name(b->required));
    else
        g_string_append(s, "; no run of Prepare State transitions (Initial -> Preparing -> Online, 3.2.1) "
                           "explains them all");
    g_string_append(s, ": one of these answers violates 3.2.4");
    if (n_blamed == 1)
        g_string_append_printf(s, "; the explanation with the fewest violations (%d) puts it on frame %s",
                               best->cost, blamed->str);
    else
        g_string_append_printf(s, "; explanations with %d violation%s each tie, on frames %s", best->cost,
                               best->cost > 1 ? "s" : "", blamed->str);
    emit(srv, o, &l->calls[last], CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR, g_string_free(s, FALSE), frames,
         n, sink);
    g_string_free(blamed, TRUE);
}

void csvp_prep_finish(const csvp_audit_server *srv, csvp_audit_object *o, const csvp_audit_sink *sink)
{
    csvp_prep_log *l = o->prep;
    if (!l)
        return;
    o->prep = NULL;
    scored *best = g_new(scored, 1), *from = g_new(scored, 1);
    score(l, ALL_STATES, -1, best);
    /* The calls involved: those some start state's best explanation says broke 3.2.4. */
    guint64 involved = 0;
    for (int s = 1; s <= 3 && best->cost; s++) {
        score(l, 1u << s, -1, from);
        if (from->cost < INF)
            involved |= from->blamed;
    }
    guint64 done = 0;
    for (guint i = 0; i < l->n; i++) {
        if (best->cost && (involved >> i & 1)) {
            if (!done)
                judge_contradiction(srv, o, l, best, involved, sink);
            done = 1;
            continue;
        }
        judge_one(srv, o, l, i, sink);
    }
    /* The state after each call is the state before the next (or after the last). */
    for (guint i = 0; sink->settled && i < l->n; i++) {
        guint after = best->states[i + 1];
        int s = after == 1u << CSVP_PREPARE_INITIAL     ? CSVP_PREPARE_INITIAL
                : after == 1u << CSVP_PREPARE_PREPARING ? CSVP_PREPARE_PREPARING
                : after == 1u << CSVP_PREPARE_ONLINE    ? CSVP_PREPARE_ONLINE
                                                        : CSVP_PREPARE_UNKNOWN;
        sink->settled(sink->user, l->calls[i].frame, (csvp_prepare_state)s);
    }
    g_free(from);
    g_free(best);
    g_free(l);
}
