/* check.h - the assertion helper of every C test (check.c, library csvp_test_check).
 *
 * A failed check prints where and what to stderr and is counted; the test goes on, and main ends
 * with `return check_report("name");`, which fails the test's exit status if any check failed.
 * Each check is an expression whose value is whether it held.
 */
#ifndef CSVP_TEST_CHECK_H
#define CSVP_TEST_CHECK_H

#include <stdbool.h>

/* CHECK(cond) or CHECK(cond, "printf format", args...): the message says what was seen. */
#define CHECK(cond, ...) check_at(!!(cond), __FILE__, __LINE__, #cond, " " __VA_ARGS__)
/* Two integers (compared as long long) printed when they differ. */
#define CHECK_EQ(a, b) check_eq((long long)(a), (long long)(b), #a, #b, __FILE__, __LINE__)
/* CHECK_STR(a, b) or CHECK_STR(a, b, "printf format", args...): a (may be NULL) equals b, printed if not. */
#define CHECK_STR(a, b, ...) check_str((a), (b), #a, __FILE__, __LINE__, " " __VA_ARGS__)

bool check_at(bool ok, const char *file, int line, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
bool check_eq(long long a, long long b, const char *what_a, const char *what_b, const char *file, int line);
bool check_str(const char *a, const char *b, const char *what_a, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A failure a test's own helper found at file:line (expected values of decoded trees, ...). */
void check_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Failures so far: a helper compares it before and after to add context to what failed. */
int check_failures(void);
/* The end of main: prints "<name>: all passed" or "<name>: <n> failed"; returns the exit status (1 if any failed). */
int check_report(const char *name);

#endif
