/* fuzz_check.c - see fuzz_check.h. */
#include "fuzz_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *who, const char *what, const GString *out)
{
    fprintf(stderr, "%s: %s:\n%s\n", who, what, out->str);
    abort();
}

void fuzz_check_text(const char *who, const GString *out, guint lines)
{
    if (!g_utf8_validate_len(out->str, out->len, NULL))
        fail(who, "text output is not UTF-8", out);
    guint newlines = 0;
    for (const char *p = out->str; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        newlines += ch == '\n';
        if ((ch < 0x20 && ch != '\n') || (ch >= 0x7f && ch < 0xa0))
            fail(who, "control character in text output", out);
    }
    if (lines && newlines != lines)
        fail(who, "the call line is not one line per call and per error", out);
}

void fuzz_check_json(const char *who, const GString *out)
{
    if (!g_utf8_validate_len(out->str, out->len, NULL))
        fail(who, "JSON output is not UTF-8", out);
    gchar **lines = g_strsplit(out->str, "\n", -1);
    for (gchar **l = lines; *l; l++) {
        size_t n = strlen(*l);
        if (n && ((*l)[0] != '{' || (*l)[n - 1] != '}'))
            fail(who, "JSON line is not one object", out);
        for (size_t i = 0; i < n; i++)
            if ((guchar)(*l)[i] < 0x20)
                fail(who, "unescaped control character in JSON", out);
    }
    g_strfreev(lines);
}
