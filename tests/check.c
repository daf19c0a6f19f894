/* check.c - the one counter of a C test's checks (check.h). */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int n_failed;

void check_fail(const char *file, int line, const char *fmt, ...)
{
    n_failed++;
    fprintf(stderr, "%s:%d: FAILED: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* "<head>: <message>", or "<head>" when fmt is " " (the macros put a space in front of the message). */
static void vfailed(const char *file, int line, const char *head, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    check_fail(file, line, "%s%s%s", head, msg[1] ? ":" : "", msg[1] ? msg : "");
}

bool check_at(bool ok, const char *file, int line, const char *what, const char *fmt, ...)
{
    if (ok)
        return true;
    va_list ap;
    va_start(ap, fmt);
    vfailed(file, line, what, fmt, ap);
    va_end(ap);
    return false;
}

bool check_eq(long long a, long long b, const char *what_a, const char *what_b, const char *file, int line)
{
    if (a != b)
        check_fail(file, line, "%s is %lld, expected %lld (%s)", what_a, a, b, what_b);
    return a == b;
}

bool check_str(const char *a, const char *b, const char *what_a, const char *file, int line, const char *fmt, ...)
{
    if (a && strcmp(a, b) == 0)
        return true;
    char head[2048];
    snprintf(head, sizeof head, "%s is \"%s\", expected \"%s\"", what_a, a ? a : "(null)", b);
    va_list ap;
    va_start(ap, fmt);
    vfailed(file, line, head, fmt, ap);
    va_end(ap);
    return false;
}

int check_failures(void)
{
    return n_failed;
}

int check_report(const char *name)
{
    if (n_failed)
        printf("%s: %d failed\n", name, n_failed);
    else
        printf("%s: all passed\n", name);
    return n_failed ? 1 : 0;
}
