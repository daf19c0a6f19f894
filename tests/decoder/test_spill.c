/* test_spill.c - decoder/spill.c: key order, equal keys in the order added, runs on file merged in
 * several passes, records larger than a read buffer, and an empty spill. */
#include "spill.h"

#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, ...)                                                                                          \
    do {                                                                                                          \
        if (!(cond)) {                                                                                            \
            failures++;                                                                                           \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                           \
            printf(__VA_ARGS__);                                                                                  \
            printf("\n");                                                                                         \
        }                                                                                                         \
    } while (0)

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

/* Runs of several records each, one record larger than a reader's buffer (64 KiB). */
static void test_large_record(void)
{
    spill *s = spill_new(4096);
    gsize big_len = 300000;
    char *big = g_malloc(big_len);
    for (gsize i = 0; i < big_len; i++)
        big[i] = (char)('a' + i % 26);
    for (guint64 i = 0; i < 3000; i++)
        add_text(s, 3000 - i, 7, "x");
    spill_add(s, (spill_key){ 1500, 7 }, big, big_len);
    CHECK(spill_runs(s) > 1, "written to file: %u runs", spill_runs(s));
    spill_finish(s);
    spill_key k;
    const char *data;
    gsize len;
    guint64 expect = 1;
    bool ok = true, seen_big = false;
    while (spill_next(s, &k, &data, &len)) {
        if (len == big_len) {
            ok &= k.major == 1500 && expect == 1501 && memcmp(data, big, big_len) == 0;
            seen_big = true;
            continue;
        }
        ok &= k.major == expect && k.minor == 7 && len == 1 && data[0] == 'x';
        expect++;
    }
    CHECK(ok && seen_big && expect == 3001, "large record: ok %d seen %d next %" G_GUINT64_FORMAT, ok, seen_big,
          expect);
    g_free(big);
    spill_free(s);
}

int main(void)
{
    test_empty();
    test_memory_order();
    test_many_runs();
    test_large_record();
    printf("%s\n", failures ? "FAILED" : "spill: all passed");
    return failures != 0;
}
