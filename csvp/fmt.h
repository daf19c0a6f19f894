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
        memcpy(s->str + s->len, p, n);
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
