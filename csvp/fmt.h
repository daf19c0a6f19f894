/* fmt.h - printf into a GString without the temporary allocation that
 * g_string_append_printf makes each time: output formatting is on the hot
 * path of csvpdump (one line per call). */
#ifndef CSVP_FMT_H
#define CSVP_FMT_H

#include <glib.h>
#include <string.h>

/* Appends without g_string_insert_len's generality when the buffer already has room (the common case
 * on the output path, where one GString is reused for every line). */
static inline void csvp_gs_append(GString *s, const char *p, gsize n)
{
    if (s->len + n < s->allocated_len) {
        char *d = s->str + s->len;
        /* Most pieces (keys, numbers, names) are short: two fixed-size copies that may overlap cost
         * less than a call to memcpy. */
        if (n >= 8 && n <= 16) {
            memcpy(d, p, 8);
            memcpy(d + n - 8, p + n - 8, 8);
        } else if (n >= 4 && n < 8) {
            memcpy(d, p, 4);
            memcpy(d + n - 4, p + n - 4, 4);
        } else if (n && n < 4) {   /* bytes 0, n/2 and n-1 cover 1 to 3 */
            d[0] = p[0];
            d[n / 2] = p[n / 2];
            d[n - 1] = p[n - 1];
        } else {
            memcpy(d, p, n);
        }
        s->len += n;
        s->str[s->len] = '\0';
    } else {
        g_string_append_len(s, p, (gssize)n);
    }
}

static inline void csvp_gs_puts(GString *s, const char *p)
{
    csvp_gs_append(s, p, strlen(p));
}

void csvp_append_printf(GString *out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Decimal, and hexadecimal zero-padded to `width` digits (uppercase when asked). */
void csvp_append_u64(GString *out, guint64 v);
void csvp_append_hex(GString *out, guint64 v, int width, gboolean upper);
/* Microseconds as milliseconds with three decimals: 2112 -> "2.112". */
void csvp_append_ms(GString *out, gint64 us);

#endif
