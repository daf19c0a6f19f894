/* test_cursor.c - the bounds-checked reader (csvp/cursor.h): values in both byte orders, sticky
 * failure with the first failure's position, sub-cursors, alignment and UTF-16. */
#include "cursor.h"
#include "vec.h"

#include <string.h>

static void test_reads(void)
{
    /* 01 02 03 04 05 06 07 08 09: u8 0x01, then u16 from bytes 02 03, u32 from 04..07 */
    static const guint8 b[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    csvp_cursor c = csvp_cur_make(b, sizeof b, true, 100);
    CHECK(csvp_cur_u8(&c, "a") == 0x01);
    CHECK(csvp_cur_u16(&c, "b") == 0x0302);        /* little-endian: low byte first */
    CHECK(csvp_cur_uint(&c, 4, false, "c") == 0x04050607); /* big-endian override */
    CHECK(csvp_cur_pos(&c) == 107 && csvp_cur_left(&c) == 2);
    /* A 4-byte read with 2 left fails, records where, and nothing advances from then on. */
    CHECK(csvp_cur_u32(&c, "d") == 0);
    CHECK(!csvp_cur_ok(&c));
    CHECK(csvp_cur_u8(&c, "e") == 0);              /* sticky: byte 08 is not returned */
    char *msg = csvp_cur_error(&c);
    CHECK(msg && strcmp(msg, "d: needs 4 bytes at offset 107, 2 left") == 0);
    g_free(msg);
}

static void test_sub_align_seek(void)
{
    static const guint8 b[] = { 0xAA, 0, 0, 0, 0x10, 0x20, 0x30, 0x40, 0x50 };
    csvp_cursor c = csvp_cur_make(b, sizeof b, false, 0);
    csvp_cur_u8(&c, "x");
    CHECK(csvp_cur_align(&c, 4, "pad") && c.off == 4);
    csvp_cursor s = csvp_cur_sub(&c, 2, "sub");
    CHECK(csvp_cur_u16(&s, "v") == 0x1020 && s.base == 4); /* big-endian 10 20 */
    CHECK(csvp_cur_u16(&s, "w") == 0 && !csvp_cur_ok(&s));  /* the sub-cursor ends at its 2 bytes */
    CHECK(csvp_cur_ok(&c) && c.off == 6);
    csvp_cur_adopt(&c, &s);
    CHECK(!csvp_cur_ok(&c) && c.fail_at == 6 && c.fail_need == 2 && c.fail_left == 0);
    csvp_cursor d = csvp_cur_make(b, sizeof b, true, 0);
    CHECK(!csvp_cur_seek(&d, 10, "far") && !csvp_cur_ok(&d));
    csvp_cursor e = csvp_cur_make(b, sizeof b, true, 0);
    CHECK(csvp_cur_seek(&e, 9, "end") && csvp_cur_left(&e) == 0);
    csvp_cursor f = csvp_cur_make(b, sizeof b, true, 0);
    csvp_cursor g = csvp_cur_sub(&f, 10, "too long");
    CHECK(!csvp_cur_ok(&f) && !csvp_cur_ok(&g) && g.len == 0);
}

static void test_utf16(void)
{
    /* "Aé" then U+1F600 as the pair D83D DE00, then a lone low surrogate DC00, then NUL, "B":
     * little-endian 41 00 E9 00 3D D8 00 DE 00 DC 00 00 42 00. UTF-8: 41, C3 A9, F0 9F 98 80,
     * EF BF BD (U+FFFD). */
    static const guint8 le[] = { 0x41, 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE, 0x00, 0xDC, 0, 0, 0x42, 0 };
    char *s = csvp_utf16_to_utf8(le, sizeof le, true, true);
    CHECK(strcmp(s, "A\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD") == 0);
    g_free(s);
    s = csvp_utf16_to_utf8(le, sizeof le, true, false); /* NUL kept as a character, then B */
    CHECK(strlen(s) == 10 && s[11] == 'B');
    g_free(s);
    /* A high surrogate as the last unit has no partner: U+FFFD. Big-endian D8 3D. */
    static const guint8 be[] = { 0x00, 0x5A, 0xD8, 0x3D, 0x01 };
    s = csvp_utf16_to_utf8(be, sizeof be, false, true); /* the odd last byte is ignored */
    CHECK(strcmp(s, "Z\xEF\xBF\xBD") == 0);
    g_free(s);
}

int main(void)
{
    test_reads();
    test_sub_align_seek();
    test_utf16();
    return check_report("cursor");
}
