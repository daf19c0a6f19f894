/* test_spill.c - decoder/spill.c: key order, equal keys in the order added, runs on file merged in
 * several passes, records larger than a read buffer, and an empty spill. */
#include "check.h"
#include "spill.h"

#include <stdio.h>
#include <string.h>

static void add_text(spill *s, guint64 major, guint64 minor, const char *text)
{
    spill_add(s, (spill_key){ major, minor }, text, strlen(text));
}

/* All records as "major.minor=data;" */
static char *read_all(spill *s)
{
    GString *out = g_string_new(NULL);
    spill_key k;
    const char *data;
    gsize len;
    spill_finish(s);
    while (spill_next(s, &k, &data, &len))
        g_string_append_printf(out, "%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT "=%.*s;", k.major, k.minor, (int)len,
                               data);
    return g_string_free(out, FALSE);
}

static void test_empty(void)
{
    spill *s = spill_new(1024);
    char *all = read_all(s);
    CHECK(strcmp(all, "") == 0 && spill_runs(s) == 0 && !spill_error(s), "empty: '%s'", all);
    g_free(all);
    spill_free(s);
}

/* In memory: sorted by major then minor; the two (1,5) records keep the order they were added in. */
static void test_memory_order(void)
{
    spill *s = spill_new(1 << 20);
    add_text(s, 2, 0, "a");
    add_text(s, 1, 5, "b");
    add_text(s, 1, 2, "c");
    add_text(s, 1, 5, "d");
    add_text(s, 0, G_MAXUINT64, "e");
    char *all = read_all(s);
    CHECK(strcmp(all, "0.18446744073709551615=e;1.2=c;1.5=b;1.5=d;2.0=a;") == 0, "memory order: '%s'", all);
    CHECK(spill_runs(s) == 0, "nothing written: %u runs", spill_runs(s));
    g_free(all);
    spill_free(s);
}

/* A budget below one record: every record is a run of its own, 2000 runs, more than SPILL_FAN_IN^2, so the
 * merge takes three passes. Key major = i % 10: each major lists its i ascending, the order they were added. */
static void test_many_runs(void)
{
    spill *s = spill_new(8);
    for (int i = 0; i < 2000; i++) {
        char text[16];
        g_snprintf(text, sizeof text, "%d", i);
        add_text(s, (guint64)(i % 10), 0, text);
    }
    CHECK(spill_runs(s) == 2000, "runs: %u", spill_runs(s));
    GString *want = g_string_new(NULL);
    for (int m = 0; m < 10; m++)
        for (int i = m; i < 2000; i += 10)
            g_string_append_printf(want, "%d.0=%d;", m, i);
    char *all = read_all(s);
    CHECK(strcmp(all, want->str) == 0, "many runs: got %.200s...", all);
    CHECK(!spill_error(s), "error %s", spill_error(s));
    g_free(all);
    g_string_free(want, TRUE);
    spill_free(s);
}

/* Runs of several records each, and three records larger than a reader's buffer (64 KiB), each in a run of
 * its own, merged with the small ones: each comes back whole, after the small record of equal key. */
static void test_large_records(void)
{
    spill *s = spill_new(4096);
    gsize big_len = 300000;
    char *big[3];
    for (guint64 i = 0; i < 3000; i++) {
        add_text(s, 3000 - i, 7, "x");
        if (i % 1000 == 500) {                       /* keys 2500, 1500, 500 */
            guint b = (guint)(i / 1000);
            big[b] = g_malloc(big_len);
            for (gsize j = 0; j < big_len; j++)
                big[b][j] = (char)('a' + (j + b) % 26);
            spill_add(s, (spill_key){ 3000 - i, 7 }, big[b], big_len);
        }
    }
    CHECK(spill_runs(s) > 3, "written to file: %u runs", spill_runs(s));
    spill_finish(s);
    spill_key k;
    const char *data;
    gsize len;
    guint64 expect = 1, seen_big = 0;
    bool ok = true;
    while (spill_next(s, &k, &data, &len)) {
        if (len == big_len) {
            guint b = (guint)((3000 - k.major) / 1000);
            ok &= k.major % 1000 == 500 && expect == k.major + 1 && memcmp(data, big[b], big_len) == 0;
            seen_big++;
            continue;
        }
        ok &= k.major == expect && k.minor == 7 && len == 1 && data[0] == 'x';
        expect++;
    }
    CHECK(ok && seen_big == 3 && expect == 3001 && !spill_error(s),
          "large records: ok %d seen %" G_GUINT64_FORMAT " next %" G_GUINT64_FORMAT, ok, seen_big, expect);
    for (int b = 0; b < 3; b++)
        g_free(big[b]);
    spill_free(s);
}

int main(void)
{
    test_empty();
    test_memory_order();
    test_many_runs();
    test_large_records();
    return check_report("spill");
}
