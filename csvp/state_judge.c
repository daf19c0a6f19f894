/* state_judge.c - applying a rule of rules.c to one call.
 *
 * The requirements are checked in the row's order (the order the server
 * checks them, 3.2.4). The first requirement known to be unmet decides: the
 * client broke the ordering (client_sequence) and the server had to fail
 * with the listed error (server_conformance if it did not; product_behavior
 * if it answered as Appendix B says Windows does). A requirement whose state
 * is unknown is not judged (unknown_state); when the server accepts the call
 * the auditor infers the state it must have been in. Only an answered,
 * unfaulted call changes state.
 */
#include "state_disk.h"
#include "state_judge.h"
#include "state.h"
#include "state_prepare.h"

#include <string.h>

typedef enum { ST_MET, ST_UNMET, ST_UNKNOWN, ST_NOT_APPLICABLE } cond_state;
typedef enum { OUT_NONE, OUT_OK, OUT_FAIL } outcome;

static const csvp_node *param(const csvp_tree *t, const char *name)
{
    return t ? csvp_node_child(t->root, name) : NULL;
}

/* The Prepare State of an object the capture joined late is judged at the end (state_prepare.c);
 * call by call it is unknown, and a success only sets the value shown (the inference). */
static bool is_deferred(const csvp_judge_ctx *c, const csvp_cond *k)
{
    return k->kind == CSVP_COND_STATE && k->var == CSVP_VAR_PREPARE && csvp_prep_deferred(c->at.obj);
}

static cond_state cond_eval(const csvp_judge_ctx *c, const csvp_cond *k)
{
    if (k->kind == CSVP_COND_ADAPTER_INDEX) {
        const csvp_node *idx = param(c->call->request, "idx");
        if (!idx || idx->kind != CSVP_N_UINT || csvp_var_get(&c->at, CSVP_VAR_FIREWALL) != CSVP_FLAG_TRUE ||
            !c->at.obj->has_adapters)
            return ST_UNKNOWN;
        return idx->v.u < c->at.obj->adapters ? ST_MET : ST_UNMET;
    }
    if (k->kind == CSVP_COND_LOG_INDEX) {
        const csvp_node *idx = param(c->call->request, "Index");
        if (!idx || idx->kind != CSVP_N_UINT || !c->at.obj->has_log_count)
            return ST_UNKNOWN;
        /* Equal: in range by the words, past the last log by 0-based indexes; not judged (ERRATA.md 27). */
        if (idx->v.u == c->at.obj->log_count)
            return ST_NOT_APPLICABLE;
        return idx->v.u > c->at.obj->log_count ? ST_UNMET : ST_MET;
    }
    if (csvp_var_is_disk(k->var) && c->names_no_disk)
        return ST_NOT_APPLICABLE;
    if (is_deferred(c, k))
        return ST_UNKNOWN;
    int v = csvp_var_get(&c->at, k->var);
    return v == 0 ? ST_UNKNOWN : v == k->required ? ST_MET : ST_UNMET;
}

/* "ClusPrepDisk.OwnedState OwnedByThisServer", "idx below cRetAdapters" */
static char *need_text(const csvp_cond *k)
{
    if (k->kind == CSVP_COND_ADAPTER_INDEX)
        return g_strdup("idx below cRetAdapters");
    if (k->kind == CSVP_COND_LOG_INDEX)
        return g_strdup("Index not greater than the count of logs GetCountLogs returned");
    return g_strdup_printf("%s %s", csvp_state_var_prose(k->var), csvp_state_value_name(k->var, k->required));
}

/* What was seen: "disk Signature 0x12345678 was NotOwned", "the Prepare State was Preparing". */
static char *seen_text(const csvp_judge_ctx *c, const csvp_cond *k)
{
    if (k->kind == CSVP_COND_ADAPTER_INDEX)
        return g_strdup_printf("idx was %u and cRetAdapters %u", (guint32)param(c->call->request, "idx")->v.u,
                               c->at.obj->adapters);
    if (k->kind == CSVP_COND_LOG_INDEX)
        return g_strdup_printf("Index was %u and the count %u", (guint32)param(c->call->request, "Index")->v.u,
                               c->at.obj->log_count);
    const char *val = csvp_state_value_name(k->var, csvp_var_get(&c->at, k->var));
    if (csvp_var_is_disk(k->var))
        return g_strdup_printf("disk %s was %s", c->at.disk->label, val);
    return g_strdup_printf("the %s was %s", csvp_state_var_prose(k->var), val);
}

/* What is unknown: "ClusPrepDisk.OwnedState of disk Signature 0x12345678", "the Prepare State". */
static char *unknown_text(const csvp_judge_ctx *c, const csvp_cond *k)
{
    if (k->kind == CSVP_COND_ADAPTER_INDEX)
        return g_strdup("cRetAdapters");
    if (k->kind == CSVP_COND_LOG_INDEX)
        return g_strdup("the count of logs since the last GenerateLogEx");
    if (!csvp_var_is_disk(k->var))
        return g_strdup_printf("the %s", csvp_state_var_prose(k->var));
    if (!c->at.disk)
        return g_strdup_printf("%s of the disk (its DiskId was not decoded, or it is one disk more than the "
                               "auditor tracks)", csvp_state_var_prose(k->var));
    return g_strdup_printf("%s of disk %s", csvp_state_var_prose(k->var), c->at.disk->label);
}

static void add_finding(csvp_judge_ctx *c, csvp_finding_kind k, csvp_severity s, const char *rule, char *message)
{
    csvp_finding f = { k, s, rule, message };
    g_array_append_val(c->findings, f);
    c->server->n_findings[k]++;
    if (c->at.disk)
        c->at.disk->n_findings[k]++;
}

static csvp_severity level_severity(csvp_level l, csvp_severity must, csvp_severity should)
{
    return l == CSVP_LEVEL_MUST ? must : should;
}

static bool two_valued(csvp_state_var v)
{
    return v != CSVP_VAR_PREPARE && v != CSVP_VAR_OWNED;
}

/* Requirements of one rule row (at most CSVP_RULE_MAX_NEEDS), on the stack: a call judges one or two. */
typedef struct cond_list {
    guint len;
    const csvp_cond *at[CSVP_RULE_MAX_NEEDS];
} cond_list;

/* ---- a requirement known to be unmet ---- */

/* Did the server fail as it had to? unknown_before: requirements checked earlier whose state is
 * unknown; their errors are as good an answer. */
static bool failed_as_required(const csvp_cond *k, guint32 hr, const cond_list *unknown_before)
{
    if (!k->error || hr == k->error || (k->also && hr == k->also))
        return true;
    for (guint i = 0; i < unknown_before->len; i++) {
        const csvp_cond *u = unknown_before->at[i];
        if (hr == u->error || (u->also && hr == u->also) || (u->windows && hr == u->windows))
            return true;
    }
    return false;
}

static char *outcome_text(const csvp_judge_ctx *c, outcome out)
{
    char hrs[CSVP_STATUS_TEXT_LEN];
    const char *fault = csvp_fault_name(c->call->fault_status);
    if (c->call->faulted)
        return g_strdup_printf("the call faulted with %s (0x%08X)", fault ? fault : "a fault", c->call->fault_status);
    if (out == OUT_NONE)
        return g_strdup("its response is not readable in the capture");
    return g_strdup_printf("the server returned %s", csvp_status_text(c->call->hresult, hrs));
}

static void judge_unmet(csvp_judge_ctx *c, outcome out, const csvp_cond *k, const cond_list *unknown_before)
{
    const csvp_rule *r = c->rule;
    guint32 hr = c->call->hresult;
    char hrs[CSVP_STATUS_TEXT_LEN], want[2 * CSVP_STATUS_TEXT_LEN], also[CSVP_STATUS_TEXT_LEN];
    char *need = need_text(k), *seen = seen_text(c, k);
    if (k->error)
        csvp_status_text(k->error, want);
    else
        g_strlcpy(want, "failing", sizeof want);
    if (k->also)
        g_snprintf(want + strlen(want), sizeof want - strlen(want), " or %s", csvp_status_text(k->also, also));

    if (k->client != CSVP_LEVEL_NONE) {
        char *what = outcome_text(c, out);
        add_finding(c, CSVP_FINDING_CLIENT_SEQUENCE, level_severity(k->client, CSVP_SEV_WARNING, CSVP_SEV_INFO),
                    r->section, g_strdup_printf("%s requires %s (%s); the client called it when %s, and %s",
                                                r->method, need, r->section, seen, what));
        g_free(what);
    }
    bool judged = k->server != CSVP_LEVEL_NONE && out != OUT_NONE;
    if (judged && out == OUT_FAIL && k->windows && hr == k->windows)
        add_finding(c, CSVP_FINDING_PRODUCT_BEHAVIOR, CSVP_SEV_INFO, r->section,
                    g_strdup_printf("%s requires %s (%s); %s and the server returned %s as Windows does "
                                    "(Appendix B %s), where %s says %s",
                                    r->method, need, r->section, seen, csvp_status_text(hr, hrs), k->windows_note,
                                    k->section, want));
    else if (judged && (out == OUT_OK || !failed_as_required(k, hr, unknown_before)))
        add_finding(c, CSVP_FINDING_SERVER_CONFORMANCE,
                    level_severity(out == OUT_OK ? k->server : k->error_level, CSVP_SEV_ERROR, CSVP_SEV_WARNING),
                    r->section,
                    g_strdup_printf("%s requires %s (%s); %s and the server returned %s instead of %s", r->method,
                                    need, r->section, seen, csvp_status_text(hr, hrs), want));
    g_free(need);
    g_free(seen);
}

/* ---- no requirement known to be unmet ---- */

static char *join_texts(const csvp_judge_ctx *c, const cond_list *conds,
                        char *(*text)(const csvp_judge_ctx *, const csvp_cond *))
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < conds->len; i++) {
        char *t = text(c, conds->at[i]);
        g_string_append_printf(s, "%s%s", i ? " and " : "", t);
        g_free(t);
    }
    return g_string_free(s, FALSE);
}

static char *need_text_c(const csvp_judge_ctx *c, const csvp_cond *k)
{
    return need_text(k);
}

static void report_unknown(csvp_judge_ctx *c, outcome out, const cond_list *unknown)
{
    char hrs[CSVP_STATUS_TEXT_LEN];
    char *needs = join_texts(c, unknown, need_text_c), *what = join_texts(c, unknown, unknown_text);
    char *tail = out == OUT_OK ? g_strdup_printf("; the server's %s implies %s",
                                                 csvp_status_text(c->call->hresult, hrs), needs)
                               : g_strdup_printf("; the server returned %s", csvp_status_text(c->call->hresult, hrs));
    add_finding(c, CSVP_FINDING_UNKNOWN_STATE, CSVP_SEV_INFO, c->rule->section,
                g_strdup_printf("%s requires %s (%s); not judged: %s %s unknown, as no earlier call in the "
                                "capture fixes %s%s",
                                c->rule->method, needs, c->rule->section, what, unknown->len > 1 ? "are" : "is",
                                unknown->len > 1 ? "them" : "it", tail));
    g_free(needs);
    g_free(what);
    g_free(tail);
}

/* " (inferred from ERROR_NOT_READY (0x80070015))": why a transition the answer hr implies is recorded. */
static char *inferred_from(guint32 hr)
{
    char hrs[CSVP_STATUS_TEXT_LEN];
    return g_strconcat(" (inferred from ", csvp_status_text(hr, hrs), ")", NULL);
}

/* The server accepted the call: each unknown requirement held (3.2.4: it MUST have failed otherwise). */
static void infer_met(csvp_judge_ctx *c, const cond_list *unknown, const char *why)
{
    for (guint i = 0; i < unknown->len; i++) {
        const csvp_cond *k = unknown->at[i];
        if (k->kind == CSVP_COND_STATE)
            csvp_var_set(&c->at, k->var, k->required, why);
    }
}

/* The server failed with the status that means exactly one unknown two-valued requirement was unmet. */
static void infer_unmet(csvp_judge_ctx *c, const cond_list *unknown, guint32 hr)
{
    const csvp_cond *only = NULL;
    for (guint i = 0; i < unknown->len; i++) {
        const csvp_cond *k = unknown->at[i];
        if ((k->error && hr == k->error) || (k->windows && hr == k->windows)) {
            if (only)
                return;
            only = k;
        }
    }
    if (!only || only->kind != CSVP_COND_STATE || !two_valued(only->var))
        return;
    char *why = inferred_from(hr);
    csvp_var_set(&c->at, only->var, 3 - only->required, why);
    g_free(why);
}

/* Every requirement held, yet the server returned the status that says one did not. */
static void judge_contradiction(csvp_judge_ctx *c, guint32 hr)
{
    const csvp_rule *r = c->rule;
    for (int i = 0; i < CSVP_RULE_MAX_NEEDS && r->needs[i]; i++) {
        const csvp_cond *k = r->needs[i];
        if (!k->error || hr != k->error || k->server == CSVP_LEVEL_NONE || cond_eval(c, k) != ST_MET)
            continue;
        char hrs[CSVP_STATUS_TEXT_LEN], *need = need_text(k), *seen = seen_text(c, k);
        add_finding(c, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR, r->section,
                    g_strdup_printf("%s returned %s, which means %s is not met (%s), but %s", r->method,
                                    csvp_status_text(hr, hrs), need, r->section, seen));
        g_free(need);
        g_free(seen);
        return;
    }
}

/* ---- what responses tell ---- */

static void server_error(csvp_judge_ctx *c, char *message)
{
    add_finding(c, CSVP_FINDING_SERVER_CONFORMANCE, CSVP_SEV_ERROR, c->rule->section, message);
}

/* 3.2.4.25: S_OK if OnlineState is Online, ERROR_NOT_READY if it is Not Online. */
static void observe_is_online(csvp_judge_ctx *c, outcome out)
{
    guint32 hr = c->call->hresult;
    if (!c->at.disk || (out == OUT_FAIL && hr != CSVP_ERROR_NOT_READY))
        return;
    int seen = out == OUT_OK ? CSVP_ONLINE : CSVP_NOT_ONLINE;
    int known = c->at.disk->online;
    char hrs[CSVP_STATUS_TEXT_LEN];
    if (known && known != seen) {
        server_error(c, g_strdup_printf("CprepDiskIsOnline MUST return %s when ClusPrepDisk.OnlineState is %s "
                                        "(3.2.4.25); disk %s was %s and the server returned %s",
                                        known == CSVP_ONLINE ? "S_OK" : "ERROR_NOT_READY (0x80070015)",
                                        csvp_state_value_name(CSVP_VAR_ONLINE, known), c->at.disk->label,
                                        csvp_state_value_name(CSVP_VAR_ONLINE, known), csvp_status_text(hr, hrs)));
        return;
    }
    char *why = inferred_from(hr);
    csvp_var_set(&c->at, CSVP_VAR_ONLINE, seen, why);
    /* 3.2.4: OwnedState MUST be OwnedByThisServer for OnlineState to be Online. */
    if (seen == CSVP_ONLINE && !c->at.disk->owned)
        csvp_var_set(&c->at, CSVP_VAR_OWNED, CSVP_OWNED_BY_THIS_SERVER, why);
    g_free(why);
}

/* 3.6.4.7: routeUnavailable is TRUE exactly when Route Monitoring State is FALSE. */
static void observe_route_reply(csvp_judge_ctx *c)
{
    const csvp_node *u = csvp_node_child(param(c->call->response, c->rule->param), "routeUnavailable");
    if (!u || u->kind != CSVP_N_UINT)
        return;
    int monitoring = csvp_var_get(&c->at, CSVP_VAR_ROUTE_MONITORING);
    int implied = u->v.u ? CSVP_FLAG_FALSE : CSVP_FLAG_TRUE;
    if (!monitoring) {
        csvp_var_set(&c->at, CSVP_VAR_ROUTE_MONITORING, implied, " (inferred from routeUnavailable)");
    } else if (monitoring != implied) {
        server_error(c, g_strdup_printf("GetAddRoutesStatus MUST set routeUnavailable to %s when the Route "
                                        "Monitoring State is %s (3.6.4.7); it was %s and the reply had "
                                        "routeUnavailable %s",
                                        monitoring == CSVP_FLAG_FALSE ? "TRUE" : "FALSE",
                                        csvp_state_value_name(CSVP_VAR_ROUTE_MONITORING, monitoring),
                                        csvp_state_value_name(CSVP_VAR_ROUTE_MONITORING, monitoring),
                                        u->v.u ? "TRUE" : "FALSE"));
    }
}

/* 3.2.4.4: ClusPrepDiskList is built; every ClusPrepDisk starts NotAttached, NotOwned, NotOnline. */
static void observe_disk_list(csvp_judge_ctx *c)
{
    const csvp_node *n = param(c->call->response, c->rule->param);
    c->at.obj->disk_list_known = true;
    for (guint i = 0; i < c->at.obj->disks->len; i++)
        csvp_disk_reset(g_ptr_array_index(c->at.obj->disks, i));
    if (n && n->kind == CSVP_N_UINT) {
        c->at.obj->n_disks_reported = (guint32)n->v.u;
        csvp_record_event(&c->at, NULL,
                          g_strdup_printf("ClusPrepDiskList: %u disks, each NotAttached, NotOwned, NotOnline",
                                          (guint32)n->v.u));
    } else {
        csvp_record_event(&c->at, NULL, g_strdup("ClusPrepDiskList: each disk NotAttached, NotOwned, NotOnline"));
    }
}

/* 3.2.4.5, 3.4.4.7: the properties name the disk by number and by its DiskId. */
static void observe_disk_props(csvp_judge_ctx *c)
{
    const csvp_node *props = param(c->call->response, c->rule->param);
    const csvp_node *number = csvp_node_child(props, "DiskNumber");
    disk_name name;
    if (number && number->kind == CSVP_N_UINT && csvp_disk_name_read(csvp_node_child(props, "DiskId"), &name) &&
        name.kind != DISK_ID_NUMBER && name.kind != DISK_ID_NONE)
        csvp_disk_link(&c->at, (guint32)number->v.u, &name, c->rule->method);
}

/* A counter the response reports (the rule's parameter): a transition when it changes what was known. */
static void observe_count(csvp_judge_ctx *c, bool *known, guint32 *value, const char *name)
{
    const csvp_node *n = param(c->call->response, c->rule->param);
    if (!n || n->kind != CSVP_N_UINT || (*known && *value == n->v.u))
        return;
    char old[16];
    if (*known)
        g_snprintf(old, sizeof old, "%u", *value);
    else
        g_strlcpy(old, "Unknown", sizeof old);
    csvp_record_event(&c->at, NULL, g_strdup_printf("%s %s -> %u", name, old, (guint32)n->v.u));
    *value = (guint32)n->v.u;
    *known = true;
}

static void observe_adapters(csvp_judge_ctx *c)
{
    observe_count(c, &c->at.obj->has_adapters, &c->at.obj->adapters, "cRetAdapters");
}

/* 3.19.4.2: Count is the number of logs of the last successful GenerateLogEx (0 if none). */
static void observe_log_count(csvp_judge_ctx *c)
{
    observe_count(c, &c->at.obj->has_log_count, &c->at.obj->log_count, "log Count");
}

/* 3.19.4.1: a GenerateLogEx that succeeded made logs the auditor has not counted. */
static void observe_logs_generated(csvp_judge_ctx *c)
{
    if (!c->at.obj->has_log_count)
        return;
    csvp_record_event(&c->at, NULL, g_strdup_printf("log Count %u -> Unknown (GenerateLogEx)", c->at.obj->log_count));
    c->at.obj->has_log_count = false;
}

/* 3.2.4.15: a failed arbitration that is not a state or lookup error means another server owns the disk. */
static void observe_arbitrate_failure(csvp_judge_ctx *c)
{
    static const guint32 not_arbitration[] = { CSVP_ERROR_INVALID_SERVER_STATE, CSVP_ERROR_INVALID_STATE,
                                               CSVP_ERROR_FILE_NOT_FOUND, CSVP_ERROR_NOT_FOUND };
    for (size_t i = 0; i < G_N_ELEMENTS(not_arbitration); i++)
        if (c->call->hresult == not_arbitration[i])
            return;
    char hrs[CSVP_STATUS_TEXT_LEN], *why = g_strdup_printf(" (arbitration failed with %s: owned by another server)",
                                                           csvp_status_text(c->call->hresult, hrs));
    csvp_var_set(&c->at, CSVP_VAR_OWNED, CSVP_OWNED_BUT_NOT_BY_THIS_SERVER, why);
    g_free(why);
}

/* ---- one call ---- */

/* Check the row's requirements in order; returns the unmet one with a server rule, if any. Requirements
 * with a server rule stop at the first one unmet (the server checks in this order); those that only
 * bind the client are each reported and do not stop the check. */
static const csvp_cond *judge_requirements(csvp_judge_ctx *c, outcome out)
{
    const csvp_rule *r = c->rule;
    guint32 hr = c->call->hresult;
    cond_list unknown = { 0 };
    const csvp_cond *unmet = NULL;
    for (int i = 0; i < CSVP_RULE_MAX_NEEDS && r->needs[i] && !unmet; i++) {
        const csvp_cond *k = r->needs[i];
        cond_state st = cond_eval(c, k);
        if (st == ST_UNMET) {
            judge_unmet(c, out, k, &unknown);
            if (k->server != CSVP_LEVEL_NONE)
                unmet = k;
        } else if (st == ST_UNKNOWN && k->server != CSVP_LEVEL_NONE) {
            unknown.at[unknown.len++] = k;
        }
    }
    if (!unmet && out != OUT_NONE) {
        /* CprepDiskIsOnline's ERROR_NOT_READY comes after every check passed (3.2.4.25). */
        bool passed = out == OUT_OK || (r->observe == CSVP_OBS_IS_ONLINE && hr == CSVP_ERROR_NOT_READY);
        cond_list shown = { 0 };
        for (guint i = 0; i < unknown.len; i++)
            if (!is_deferred(c, unknown.at[i]))
                shown.at[shown.len++] = unknown.at[i];
        if (shown.len)
            report_unknown(c, out, &shown);
        if (passed) {
            if (unknown.len) {   /* nothing to infer on most calls: no text to make */
                char *why = inferred_from(hr);
                infer_met(c, &unknown, why);
                g_free(why);
            }
        } else if (unknown.len) {
            infer_unmet(c, &unknown, hr);
        } else {
            judge_contradiction(c, hr);
        }
    }
    return unmet;
}

/* Windows behaviour that Appendix B documents and no requirement covers. */
static void judge_appendix_b(csvp_judge_ctx *c, outcome out)
{
    const csvp_rule *r = c->rule;
    const csvp_audit_call_in *call = c->call;
    char hrs[CSVP_STATUS_TEXT_LEN], want[CSVP_STATUS_TEXT_LEN];
    if (out == OUT_FAIL && r->not_found_windows && call->hresult == r->not_found_windows)
        add_finding(c, CSVP_FINDING_PRODUCT_BEHAVIOR, CSVP_SEV_INFO, r->section,
                    g_strdup_printf("%s (%s) returned %s for a disk not in ClusPrepDiskList, as Windows does "
                                    "(Appendix B %s), where 3.2.4 says %s",
                                    r->method, r->section, csvp_status_text(call->hresult, hrs), r->not_found_note,
                                    csvp_status_text(CSVP_ERROR_FILE_NOT_FOUND, want)));
    if (call->faulted && r->only_in &&
        (call->fault_status == CSVP_NCA_S_OP_RNG_ERROR || call->fault_status == CSVP_RPC_S_PROCNUM_OUT_OF_RANGE))
        add_finding(c, CSVP_FINDING_PRODUCT_BEHAVIOR, CSVP_SEV_INFO, r->section,
                    g_strdup_printf("%s (%s) faulted with %s (0x%08X): only %s implements it (Appendix B %s)",
                                    r->method, r->section, csvp_fault_name(call->fault_status), call->fault_status,
                                    r->only_in, r->only_in_note));
}

/* What the answer tells about the state before the call, then the call's effects, then the rest. */
static void apply(csvp_judge_ctx *c, outcome out, const csvp_cond *unmet)
{
    const csvp_rule *r = c->rule;
    if (r->observe == CSVP_OBS_IS_ONLINE && out != OUT_NONE && !unmet)
        observe_is_online(c, out);
    if (r->observe == CSVP_OBS_ROUTE_REPLY && out == OUT_OK)
        observe_route_reply(c);
    if (r->observe == CSVP_OBS_ARBITRATE && out == OUT_FAIL && !unmet)
        observe_arbitrate_failure(c);
    if (out == OUT_NONE && !c->call->faulted) {
        /* No readable answer (none captured, or sealed): the server may have done what the call asks,
         * or not. What the call would change becomes Unknown rather than a guess (3.2.1). */
        for (size_t i = 0; i < G_N_ELEMENTS(r->effects); i++)
            if (r->effects[i].value)
                csvp_var_set(&c->at, r->effects[i].var, 0, " (the call's outcome is not in the capture)");
        return;
    }
    if (out != OUT_OK)
        return;
    /* A success the server had to refuse proves nothing about what it did: its effects become Unknown. */
    for (size_t i = 0; i < G_N_ELEMENTS(r->effects); i++)
        if (r->effects[i].value)
            csvp_var_set(&c->at, r->effects[i].var, unmet ? 0 : r->effects[i].value,
                         unmet ? " (the server accepted a call it had to refuse)" : NULL);
    if (r->observe == CSVP_OBS_DISK_LIST && !unmet)
        observe_disk_list(c);
    else if (r->observe == CSVP_OBS_DISK_PROPS)
        observe_disk_props(c);
    else if (r->observe == CSVP_OBS_ADAPTERS)
        observe_adapters(c);
    else if (r->observe == CSVP_OBS_LOG_COUNT)
        observe_log_count(c);
    else if (r->observe == CSVP_OBS_LOGS_GENERATED)
        observe_logs_generated(c);
}

void csvp_judge_call(csvp_judge_ctx *c)
{
    const csvp_audit_call_in *call = c->call;
    /* Only an answered, unfaulted call has an outcome; a negative HRESULT is a failure (MS-ERREF 2.1). */
    outcome out = (!call->has_hresult || call->faulted) ? OUT_NONE
                  : (gint32)call->hresult >= 0        ? OUT_OK
                                                      : OUT_FAIL;
    const csvp_cond *unmet = judge_requirements(c, out);
    judge_appendix_b(c, out);
    apply(c, out, unmet);
    for (int i = 0; i < CSVP_RULE_MAX_NEEDS && c->rule->needs[i]; i++)
        if (is_deferred(c, c->rule->needs[i])) {
            csvp_prep_record(c->at.obj, c->call, c->rule, c->rule->needs[i], c->at.disk);
            break;
        }
}
