/* cursor.c - the bounds-checked reader (cursor.h). */
#include "cursor.h"

#include <string.h>

bool csvp_cur_copy(csvp_cursor *c, void *out, gsize n, const char *what)
{
    const guint8 *p = csvp_cur_bytes(c, n, what);
    if (p)
        memcpy(out, p, n);
    else
        memset(out, 0, n);
    return p != NULL;
}

bool csvp_cur_align(csvp_cursor *c, guint a, const char *what)
{
    gsize pad = (a - (c->off & (a - 1))) & (a - 1);
    return csvp_cur_skip(c, pad, what);
}

bool csvp_cur_seek(csvp_cursor *c, gsize off, const char *what)
{
    if (c->what)
        return false;
    if (off > c->len)
        return csvp_cur_fail(c, off - c->off, what);
    c->off = off;
    return true;
}

csvp_cursor csvp_cur_sub(csvp_cursor *c, gsize n, const char *what)
{
    gsize at = csvp_cur_pos(c);
    const guint8 *p = csvp_cur_bytes(c, n, what);
    csvp_cursor s = csvp_cur_make(p, p ? n : 0, c->le, at);
    if (!p) {
        s.what = c->what;
        s.fail_at = c->fail_at;
        s.fail_need = c->fail_need;
        s.fail_left = c->fail_left;
    }
    return s;
}

void csvp_cur_adopt(csvp_cursor *c, const csvp_cursor *sub)
{
    if (c->what || !sub->what)
        return;
    c->what = sub->what;
    c->fail_at = sub->fail_at;
    c->fail_need = sub->fail_need;
    c->fail_left = sub->fail_left;
}

char *csvp_cur_error(const csvp_cursor *c)
{
    if (!c->what)
        return NULL;
    return g_strdup_printf("%s: needs %" G_GSIZE_FORMAT " bytes at offset %" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT
                           " left", c->what, c->fail_need, c->fail_at, c->fail_left);
}

static gunichar u16(const guint8 *p, bool le)
{
    return le ? (gunichar)(p[0] | (p[1] << 8)) : (gunichar)((p[0] << 8) | p[1]);
}

gsize csvp_utf16_decode(char *out, const guint8 *p, gsize bytes, bool le, bool stop_at_nul)
{
    gsize len = 0;
    for (gsize i = 0; i + 1 < bytes; i += 2) {
        /* Four little-endian ASCII units at a step (no bit above 0x7F, and no NUL where one stops the
         * string): most strings (names, paths, adapter fields) are nothing else. */
        while (le && i + 8 <= bytes) {
            guint64 w;
            memcpy(&w, p + i, 8);
            w = GUINT64_FROM_LE(w);
            if ((w & G_GUINT64_CONSTANT(0xFF80FF80FF80FF80)) ||
                (stop_at_nul && ((w + G_GUINT64_CONSTANT(0x007F007F007F007F)) & G_GUINT64_CONSTANT(0x0080008000800080))
                                    != G_GUINT64_CONSTANT(0x0080008000800080)))
                break;
            out[len] = (char)w;
            out[len + 1] = (char)(w >> 16);
            out[len + 2] = (char)(w >> 32);
            out[len + 3] = (char)(w >> 48);
            len += 4;
            i += 8;
        }
        if (i + 1 >= bytes)
            break;
        gunichar ch = u16(p + i, le);
        if (ch == 0 && stop_at_nul)
            break;
        if (ch < 0x80) { /* most strings are ASCII */
            out[len++] = (char)ch;
            continue;
        }
        if (ch >= 0xD800 && ch <= 0xDBFF && i + 3 < bytes) {
            gunichar lo = u16(p + i + 2, le);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                ch = 0x10000 + ((ch - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            } else {
                ch = 0xFFFD;
            }
        } else if (ch >= 0xD800 && ch <= 0xDFFF) {
            ch = 0xFFFD;
        }
        len += (gsize)g_unichar_to_utf8(ch, out + len);
    }
    return len;
}

char *csvp_utf16_to_utf8(const guint8 *p, gsize bytes, bool le, bool stop_at_nul)
{
    char *s = g_malloc(CSVP_UTF16_MAX_UTF8(bytes) + 1);
    s[csvp_utf16_decode(s, p, bytes, le, stop_at_nul)] = '\0';
    return s;
}
