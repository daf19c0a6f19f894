/* fmt.c - see fmt.h. */
#include "fmt.h"

#include <stdarg.h>
#include <stdio.h>

void csvp_append_printf(GString *out, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof buf) {
        csvp_gs_append(out, buf, (gsize)n);
        return;
    }
    va_start(ap, fmt);
    g_string_append_vprintf(out, fmt, ap);
    va_end(ap);
}

void csvp_append_u64(GString *out, guint64 v)
{
    /* Two digits per division: numbers are most of what JSON mode writes besides strings. */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    /* Written in place, from the last digit back, once the digits are counted (20 at most). */
    gsize n = 1;
    for (guint64 t = v; t >= 10; t /= 10)
        n++;
    if (out->len + n >= out->allocated_len)
        g_string_set_size(out, out->len + n);   /* grows; the digits are written over the tail */
    else
        out->len += n;
    char *d = out->str + out->len;
    *d = '\0';
    while (v >= 100) {
        d -= 2;
        memcpy(d, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        d -= 2;
        memcpy(d, pairs + 2 * v, 2);
    } else {
        *--d = (char)('0' + v);
    }
}

void csvp_append_hex(GString *out, guint64 v, int width, gboolean upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[16];
    int i = sizeof buf;
    do {
        buf[--i] = digits[v & 15];
        v >>= 4;
    } while (v || (int)sizeof buf - i < width);
    csvp_gs_append(out, buf + i, sizeof buf - (gsize)i);
}

void csvp_append_ms(GString *out, gint64 us)
{
    if (us < 0) {
        g_string_append_c(out, '-');
        us = -us;
    }
    csvp_append_u64(out, (guint64)us / 1000);
    char frac[4] = { (char)('0' + us / 100 % 10), (char)('0' + us / 10 % 10), (char)('0' + us % 10), 0 };
    g_string_append_c(out, '.');
    csvp_gs_append(out, frac, 3);
}
