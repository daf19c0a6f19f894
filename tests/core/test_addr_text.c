/* test_addr_text.c - the hand-written address text (csvp/addr_text.h) is inet_ntop's, byte for
 * byte: every run of zero groups at every place and length, the IPv4 tails, and random addresses
 * whose groups are often zero. */
#include "addr_text.h"
#include "check.h"

#include <arpa/inet.h>
#include <string.h>

static bool same6(const guint8 a[16])
{
    char want[INET6_ADDRSTRLEN], got[CSVP_ADDR_TEXT_LEN + 8];
    inet_ntop(AF_INET6, a, want, sizeof want);
    char *end = csvp_ipv6_text(got, a);
    return CHECK_STR(got, want) && CHECK_EQ(end - got, strlen(want));
}

int main(void)
{
    guint8 a[16];
    /* Each of the 256 patterns of zero and non-zero groups, with small and large group values. */
    for (guint mask = 0; mask < 256; mask++)
        for (guint v = 0; v < 3; v++) {
            static const guint16 vals[] = { 0x1, 0xffff, 0x0a0b };
            for (int i = 0; i < 8; i++) {
                guint16 w = mask & (1u << i) ? vals[v] : 0;
                a[2 * i] = (guint8)(w >> 8);
                a[2 * i + 1] = (guint8)w;
            }
            same6(a);
        }
    /* IPv4-compatible and IPv4-mapped, and the near misses. */
    static const guint8 tails[][16] = {
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 0, 1 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 192, 168, 0, 1 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 192, 168, 0, 1 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
        { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x15, 0x5d, 0xff, 0xfe, 0x14, 0x00, 0x0a },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(tails); i++)
        same6(tails[i]);
    GRand *r = g_rand_new_with_seed(16);
    for (int n = 0; n < 100000; n++) {
        for (int i = 0; i < 8; i++) {
            guint32 x = g_rand_int(r);
            guint16 w = x & 1 ? 0 : (guint16)(x >> 16 >> (x >> 8 & 12));
            a[2 * i] = (guint8)(w >> 8);
            a[2 * i + 1] = (guint8)w;
        }
        same6(a);
    }
    g_rand_free(r);

    char want[INET_ADDRSTRLEN], got[CSVP_ADDR_TEXT_LEN];
    static const guint8 v4[][4] = { { 0, 0, 0, 0 }, { 255, 255, 255, 255 }, { 10, 20, 0, 9 }, { 1, 100, 99, 10 } };
    for (size_t i = 0; i < G_N_ELEMENTS(v4); i++) {
        inet_ntop(AF_INET, v4[i], want, sizeof want);
        csvp_ipv4_text(got, v4[i]);
        CHECK_STR(got, want);
    }
    for (guint32 v = 0; v < 100000; v++) {
        char num[16];
        g_snprintf(num, sizeof num, "%u", v);
        CHECK_STR((csvp_decimal_text(got, v), got), num);
    }
    csvp_decimal_text(got, 4294967295u);
    CHECK_STR(got, "4294967295");
    return check_report("addr_text");
}
