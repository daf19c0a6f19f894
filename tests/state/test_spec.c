/* test_spec.c - the rule table against the text of the spec (argv[1]: MS-CSVP.txt, revision 19.0;
 * argv[2]: MS-CSVP-rev34.md, revision 34.0, whose "#" heading marks are dropped).
 *
 * - The method lists of 3.2.4 and 3.4.4 ("MUST accept ... regardless",
 *   "MUST require ... AttachedState", "additionally ... OwnedState",
 *   "additionally ... OnlineState") match the rows' disk requirements, both ways.
 * - Every status a row's requirement names is written in the method's section
 *   or in the section the requirement cites (of 34.0 for methods 34.0 added).
 * - Every method whose Return Values table lists ERROR_INVALID_SERVER_STATE
 *   has a Prepare State requirement.
 * - Every Appendix B note a row cites names the method and what the row says.
 */
#include "audit_test.h"

#include <string.h>

/* The text being read: revision 19.0, or 34.0 for the rows of the methods it added. */
typedef struct spec_text {
    gchar **lines;
    GArray *headings;      /* indices of heading lines ("3.2.4 Message Processing ..."), in order */
} spec_text;
static spec_text rev19, rev34;
static gchar **lines;
static GArray *headings;

static bool load(const char *path, spec_text *t)
{
    gchar *text;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return false;
    t->lines = g_strsplit(text, "\n", -1);
    g_free(text);
    for (guint i = 0; t->lines[i]; i++)   /* markdown headings: "#### 3.10.4.6 RetrieveClusterCert (Opnum 10)" */
        if (t->lines[i][0] == '#')
            memmove(t->lines[i], t->lines[i] + strspn(t->lines[i], "# "), strlen(t->lines[i] + strspn(t->lines[i], "# ")) + 1);
    GRegex *heading = g_regex_new("^[0-9]+(\\.[0-9]+)* [A-Z]", 0, 0, NULL);
    t->headings = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; t->lines[i]; i++)
        if (g_regex_match(heading, t->lines[i], 0, NULL))
            g_array_append_val(t->headings, i);
    g_regex_unref(heading);
    return true;
}

static void use(const spec_text *t)
{
    lines = t->lines;
    headings = t->headings;
}

/* The lines of section `sec`: from its heading to the next heading of any level. */
static GPtrArray *section(const char *sec)
{
    GPtrArray *out = g_ptr_array_new();
    char *start = g_strdup_printf("%s ", sec);
    for (guint h = 0; h < headings->len; h++) {
        guint from = g_array_index(headings, guint, h);
        if (!g_str_has_prefix(lines[from], start))
            continue;
        guint to = h + 1 < headings->len ? g_array_index(headings, guint, h + 1) : g_strv_length(lines);
        for (guint i = from; i < to; i++)
            g_ptr_array_add(out, lines[i]);
        break;
    }
    g_free(start);
    return out;
}

static bool section_has(const char *sec, const char *needle)
{
    GPtrArray *s = section(sec);
    bool found = false;
    for (guint i = 0; i < s->len && !found; i++)
        found = strstr(g_ptr_array_index(s, i), needle) != NULL;
    g_ptr_array_free(s, TRUE);
    return found;
}

typedef enum { L_ANY, L_ATTACHED, L_OWNED, L_ONLINE, L_N } list_kind;
static const char *const list_names[L_N] = { "regardless", "AttachedState", "OwnedState", "OnlineState" };

static bool rule_has(const csvp_rule *r, csvp_state_var v)
{
    for (int i = 0; i < CSVP_RULE_MAX_NEEDS && r->needs[i]; i++)
        if (r->needs[i]->kind == CSVP_COND_STATE && r->needs[i]->var == v && r->needs[i]->server != CSVP_LEVEL_NONE)
            return true;
    return false;
}

/* Methods listed under each "the following methods" paragraph of 3.2.4 and 3.4.4. */
static void read_lists(const char *sec, GHashTable *lists[L_N])
{
    GPtrArray *s = section(sec);
    GRegex *bullet = g_regex_new("^- \\[?([A-Za-z0-9]+)", 0, 0, NULL);
    int cur = -1;
    for (guint i = 0; i < s->len; i++) {
        const char *l = g_ptr_array_index(s, i);
        GMatchInfo *mi = NULL;
        if (strstr(l, "the following methods")) {
            cur = strstr(l, "regardless")    ? L_ANY
                  : strstr(l, "OnlineState") ? L_ONLINE
                  : strstr(l, "OwnedState")  ? L_OWNED
                                             : L_ATTACHED;
            continue;
        }
        if (cur >= 0 && g_regex_match(bullet, l, 0, &mi)) {
            g_hash_table_add(lists[cur], g_match_info_fetch(mi, 1));
        } else if (l[0] != '\0') {
            cur = -1;
        }
        g_match_info_free(mi);
    }
    g_regex_unref(bullet);
    g_ptr_array_free(s, TRUE);
}

static const csvp_rule *storage_rule(const char *method)
{
    const csvp_rule *r = csvp_rule_find("IClusterStorage2", method);
    return r ? r : csvp_rule_find("IClusterStorage3", method);
}

static void test_lists(void)
{
    GHashTable *lists[L_N];
    for (int k = 0; k < L_N; k++)
        lists[k] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    read_lists("3.2.4", lists);
    read_lists("3.4.4", lists);
    CHECK(g_hash_table_size(lists[L_ANY]) == 5 && g_hash_table_size(lists[L_ATTACHED]) == 22 &&
              g_hash_table_size(lists[L_OWNED]) == 5 && g_hash_table_size(lists[L_ONLINE]) == 8,
          "list sizes %u %u %u %u", g_hash_table_size(lists[L_ANY]), g_hash_table_size(lists[L_ATTACHED]),
          g_hash_table_size(lists[L_OWNED]), g_hash_table_size(lists[L_ONLINE]));

    static const csvp_state_var vars[L_N] = { 0, CSVP_VAR_ATTACHED, CSVP_VAR_OWNED, CSVP_VAR_ONLINE };
    for (int k = 0; k < L_N; k++) {
        GHashTableIter it;
        gpointer name;
        g_hash_table_iter_init(&it, lists[k]);
        while (g_hash_table_iter_next(&it, &name, NULL)) {
            const csvp_rule *r = storage_rule(name);
            CHECK(r != NULL, "%s (listed under %s) has no rule", (char *)name, list_names[k]);
            if (!r)
                continue;
            if (k == L_ANY) {
                CHECK(r->names_disk && !rule_has(r, CSVP_VAR_ATTACHED), "%s is accepted in any disk state", r->method);
            } else if (r->names_disk) {
                CHECK(rule_has(r, vars[k]), "%s: listed under %s, the row lacks it", r->method, list_names[k]);
            } else {
                /* CprepCsvTestSetup3 and CprepConnectToNewSmbShares3 name no disk (see rules.c). */
                CHECK(k != L_ATTACHED, "%s names no disk", r->method);
            }
        }
    }
    /* Conversely, every disk requirement of a row comes from a list. */
    size_t n;
    const csvp_rule *rules = csvp_rules(&n);
    for (size_t i = 0; i < n; i++)
        for (int k = L_ATTACHED; k < L_N; k++)
            if (rule_has(&rules[i], vars[k]))
                CHECK(g_hash_table_contains(lists[k], rules[i].method) ||
                          (k == L_ATTACHED && (g_hash_table_contains(lists[L_OWNED], rules[i].method) ||
                                               g_hash_table_contains(lists[L_ONLINE], rules[i].method))) ||
                          (k == L_OWNED && g_hash_table_contains(lists[L_ONLINE], rules[i].method)),
                      "%s requires %s but no list of 3.2.4/3.4.4 says so", rules[i].method, list_names[k]);
    for (int k = 0; k < L_N; k++)
        g_hash_table_destroy(lists[k]);
}

static void test_statuses(void)
{
    size_t n;
    const csvp_rule *rules = csvp_rules(&n);
    for (size_t i = 0; i < n; i++) {
        const csvp_rule *r = &rules[i];
        const csvp_interface *itf = csvp_interface_by_name(r->itf);
        const csvp_method *m = NULL;
        for (guint op = 0; itf && op < itf->n_methods; op++)
            if (strcmp(itf->methods[op].name, r->method) == 0)
                m = &itf->methods[op];
        CHECK(m != NULL, "%s::%s is not in the tables", r->itf, r->method);
        bool added = m && m->revision == 34;
        CHECK(!added || rev34.lines, "%s: the 34.0 text is needed to check it", r->method);
        use(added && rev34.lines ? &rev34 : &rev19);
        for (int j = 0; j < CSVP_RULE_MAX_NEEDS && r->needs[j]; j++) {
            const csvp_cond *k = r->needs[j];
            guint32 codes[] = { k->error, k->also };
            for (size_t c = 0; c < G_N_ELEMENTS(codes); c++) {
                if (!codes[c])
                    continue;
                char hex[16];
                g_snprintf(hex, sizeof hex, "0x%08X", codes[c]);
                CHECK(section_has(r->section, hex) || section_has(k->section, hex), "%s: %s is in neither %s nor %s",
                      r->method, hex, r->section, k->section);
            }
            if (k->windows) {
                /* Appendix B notes read "<16> [Section 3.2.4](#): ... return 0x80070490 (ERROR_NOT_FOUND)". */
                char hex[16];
                g_snprintf(hex, sizeof hex, "0x%08X", k->windows);
                CHECK(section_has("7", hex), "%s: %s not in Appendix B", r->method, hex);
            }
        }
        if (section_has(r->section, "0x80070548"))
            CHECK(rule_has(r, CSVP_VAR_PREPARE), "%s lists ERROR_INVALID_SERVER_STATE but has no Prepare State rule",
                  r->method);
    }
    use(&rev19);
}

/* The Appendix B line of note "<N>" (section 7). */
static const char *note_line(const char *note)
{
    GPtrArray *s = section("7");
    const char *found = NULL;
    char *start = g_strdup_printf("[%s", note), *plain = g_strdup_printf("%s ", note);
    for (guint i = 0; i < s->len && !found; i++) {
        const char *l = g_ptr_array_index(s, i);
        if (g_str_has_prefix(l, start) || g_str_has_prefix(l, plain))
            found = l;
    }
    g_free(start);
    g_free(plain);
    g_ptr_array_free(s, TRUE);
    return found;
}

/* Every note a row cites ("<16>, <22>") is an Appendix B note about that method saying `what`. */
static void check_notes(const csvp_rule *r, const char *notes, const char *what)
{
    gchar **list = g_strsplit(notes, ", ", -1);
    for (gchar **n = list; *n; n++) {
        const char *l = note_line(*n);
        CHECK(l && strstr(l, r->method) && strstr(l, what), "%s: Appendix B %s does not say %s about it", r->method,
              *n, what);
    }
    g_strfreev(list);
}

static void test_notes(void)
{
    size_t n;
    const csvp_rule *rules = csvp_rules(&n);
    for (size_t i = 0; i < n; i++) {
        const csvp_rule *r = &rules[i];
        if (r->not_found_note)
            check_notes(r, r->not_found_note, csvp_status_name(r->not_found_windows));
        if (r->only_in_note)
            check_notes(r, r->only_in_note, r->only_in);
        for (int j = 0; j < CSVP_RULE_MAX_NEEDS && r->needs[j]; j++)
            if (r->needs[j]->windows_note)
                check_notes(r, r->needs[j]->windows_note, csvp_status_name(r->needs[j]->windows));
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || !load(argv[1], &rev19) || !load(argv[2], &rev34)) {
        fprintf(stderr, "usage: %s MS-CSVP.txt MS-CSVP-rev34.md\n", argv[0]);
        return 2;
    }
    use(&rev19);
    test_lists();
    test_statuses();
    test_notes();
    const spec_text *texts[] = { &rev19, &rev34 };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        g_array_free(texts[i]->headings, TRUE);
        g_strfreev(texts[i]->lines);
    }
    return check_report("spec");
}
