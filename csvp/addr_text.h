/* addr_text.h - IP addresses as text, written by hand: the blob decoders format every ADAPTERLIST2
 * address and the capture side every new connection's endpoints, and inet_ntop plus snprintf cost
 * more than the rest of either. The text is inet_ntop's (glibc): dotted IPv4, RFC 5952 IPv6 with
 * the longest run of zero groups (the first of equals, at least two) as "::", and the last 32
 * bits dotted for IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses. */
#ifndef CSVP_ADDR_TEXT_H
#define CSVP_ADDR_TEXT_H

#include <glib.h>

/* Room for the longest text and its NUL, as INET6_ADDRSTRLEN. */
#define CSVP_ADDR_TEXT_LEN 46

/* Each writes the text at p, NUL-terminated, and returns the position of the NUL. The decimal is
 * inline: an address is four of them. */
static inline char *csvp_decimal_text(char *p, guint32 v)
{
    if (v < 1000) {   /* address bytes: no loop */
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
        *p = '\0';
        return p;
    }
    char t[10];
    int n = 0;
    do
        t[n++] = (char)('0' + v % 10);
    while (v /= 10);
    while (n)
        *p++ = t[--n];
    *p = '\0';
    return p;
}

char *csvp_ipv4_text(char *p, const guint8 a[4]);
char *csvp_ipv6_text(char *p, const guint8 a[16]);

#endif
