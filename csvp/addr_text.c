/* addr_text.c - see addr_text.h. */
#include "addr_text.h"

char *csvp_ipv4_text(char *p, const guint8 a[4])
{
    for (int i = 0; i < 4; i++) {
        if (i)
            *p++ = '.';
        p = csvp_decimal_text(p, a[i]);
    }
    return p;
}

static char *hex_group(char *p, guint v)
{
    static const char digits[] = "0123456789abcdef";
    for (int shift = v >= 0x1000 ? 12 : v >= 0x100 ? 8 : v >= 0x10 ? 4 : 0; shift >= 0; shift -= 4)
        *p++ = digits[(v >> shift) & 15];
    return p;
}

char *csvp_ipv6_text(char *p, const guint8 a[16])
{
    guint w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (guint)a[2 * i] << 8 | a[2 * i + 1];
    /* The longest run of zero groups, the first when runs tie; one group alone stays "0". */
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (w[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && !w[j])
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    if (best_len < 2)
        best = -1;
    for (int i = 0; i < 8; i++) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best)
                *p++ = ':';
            continue;
        }
        if (i)
            *p++ = ':';
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)))
            return csvp_ipv4_text(p, a + 12);
        p = hex_group(p, w[i]);
    }
    if (best >= 0 && best + best_len == 8)
        *p++ = ':';
    *p = '\0';
    return p;
}
