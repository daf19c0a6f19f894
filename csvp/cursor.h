/* cursor.h - the one bounds-checked reader for bytes that came from a capture.
 *
 * Every parser of hostile bytes (auth verifiers, NTLMSSP, SPNEGO/Kerberos DER, and in time the
 * NDR walker, the blob decoders and the capture layers) reads through a csvp_cursor. Failure is
 * sticky, as in Samba's ndr_pull or tcpdump's GET_* macros: once a read runs past the end every
 * later read returns zero and nothing advances, so a fixed layout is read as a plain sequence of
 * reads followed by one csvp_cur_ok() check, with no offset arithmetic at the call site.
 * The first failure is kept (what was read, where, how many bytes were needed and left) and
 * csvp_cur_error() turns it into the message shown to the user.
 */
#ifndef CSVP_CURSOR_H
#define CSVP_CURSOR_H

#include <glib.h>
#include <stdbool.h>

typedef struct csvp_cursor {
    const guint8 *data;
    gsize len;
    gsize off;
    gsize base;          /* offset of data[0] in the enclosing buffer: messages give base + off */
    bool le;             /* byte order of csvp_cur_u16/u32/u64 */
    /* First failure (what == NULL while all reads succeeded). */
    const char *what;
    gsize fail_at;       /* base-relative offset where the failed read started */
    gsize fail_need;
    gsize fail_left;
} csvp_cursor;

static inline csvp_cursor csvp_cur_make(const void *data, gsize len, bool le, gsize base)
{
    csvp_cursor c = { .data = data, .len = data ? len : 0, .le = le, .base = base };
    return c;
}

static inline bool csvp_cur_ok(const csvp_cursor *c) { return c->what == NULL; }
static inline gsize csvp_cur_left(const csvp_cursor *c) { return c->what ? 0 : c->len - c->off; }
static inline gsize csvp_cur_pos(const csvp_cursor *c) { return c->base + c->off; }

/* Records the first failure; always returns false. Inline, so that a cursor on the stack stays in
 * registers (its address never escapes). */
static inline bool csvp_cur_fail(csvp_cursor *c, gsize need, const char *what)
{
    if (!c->what) {
        c->what = what ? what : "read";
        c->fail_at = c->base + c->off;
        c->fail_need = need;
        c->fail_left = c->len - c->off;
    }
    return false;
}

/* True when n more bytes are there; otherwise records the failure. */
static inline bool csvp_cur_need(csvp_cursor *c, gsize n, const char *what)
{
    if (c->what)
        return false;
    if (n <= c->len - c->off)
        return true;
    return csvp_cur_fail(c, n, what);
}

/* Unsigned integer of size 1, 2, 4 or 8 bytes in the given byte order. Inline: the capture side
 * reads every packet's headers through it. */
static inline guint64 csvp_cur_uint(csvp_cursor *c, guint size, bool le, const char *what)
{
    if (!csvp_cur_need(c, size, what))
        return 0;
    const guint8 *p = c->data + c->off;
    c->off += size;
    guint64 v = 0;
    for (guint i = 0; i < size; i++)
        v |= (guint64)p[i] << (le ? 8 * i : 8 * (size - 1 - i));
    return v;
}

static inline guint8 csvp_cur_u8(csvp_cursor *c, const char *what)
{
    if (!csvp_cur_need(c, 1, what))
        return 0;
    return c->data[c->off++];
}
static inline guint16 csvp_cur_u16(csvp_cursor *c, const char *what)
{
    if (!csvp_cur_need(c, 2, what))
        return 0;
    const guint8 *p = c->data + c->off;
    c->off += 2;
    return c->le ? (guint16)(p[0] | p[1] << 8) : (guint16)(p[0] << 8 | p[1]);
}
static inline guint32 csvp_cur_u32(csvp_cursor *c, const char *what)
{
    if (!csvp_cur_need(c, 4, what))
        return 0;
    const guint8 *p = c->data + c->off;
    c->off += 4;
    return c->le ? (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24
                 : (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}
static inline guint64 csvp_cur_u64(csvp_cursor *c, const char *what) { return csvp_cur_uint(c, 8, c->le, what); }

/* n bytes in place (NULL after a failure). */
static inline const guint8 *csvp_cur_bytes(csvp_cursor *c, gsize n, const char *what)
{
    if (!csvp_cur_need(c, n, what))
        return NULL;
    const guint8 *p = c->data + c->off;
    c->off += n;
    return p;
}
/* Copies n bytes into out (zeroed after a failure). */
bool csvp_cur_copy(csvp_cursor *c, void *out, gsize n, const char *what);
static inline bool csvp_cur_skip(csvp_cursor *c, gsize n, const char *what)
{
    return csvp_cur_bytes(c, n, what) != NULL;
}
/* Pads to a multiple of a (a power of two) counted from the start of data. */
bool csvp_cur_align(csvp_cursor *c, guint a, const char *what);
/* NDR alignment (C706 14.2.2): pads to a multiple of a (a power of two) counted from the start of
 * data; padding the data does not hold moves to the end without a failure, so that the next read
 * reports the shortfall under its own name. */
static inline void csvp_cur_align_clamped(csvp_cursor *c, guint a)
{
    gsize pad = (a - (c->off & (a - 1))) & (a - 1);
    c->off = pad > c->len - c->off ? c->len : c->off + pad;
}
/* Moves to data-relative offset off (at most len). */
bool csvp_cur_seek(csvp_cursor *c, gsize off, const char *what);
/* The next n bytes as a cursor of their own (same byte order, base continued); the parent
 * advances past them. On failure both are failed. */
csvp_cursor csvp_cur_sub(csvp_cursor *c, gsize n, const char *what);
/* A failed sub-cursor passes its failure up (for messages that name the outer position). */
void csvp_cur_adopt(csvp_cursor *c, const csvp_cursor *sub);

/* "what: needs N bytes at offset X, M left", or NULL when no read failed. g_free() it. */
char *csvp_cur_error(const csvp_cursor *c);

/* UTF-16 (of the given byte order) to UTF-8: surrogate pairs joined, lone surrogates as U+FFFD;
 * stops at the first NUL when stop_at_nul. An odd final byte is ignored. csvp_utf16_decode
 * writes at most CSVP_UTF16_MAX_UTF8(bytes) bytes to out (no terminator) and returns the count. */
#define CSVP_UTF16_MAX_UTF8(bytes) (((bytes) / 2) * 3)
gsize csvp_utf16_decode(char *out, const guint8 *p, gsize bytes, bool le, bool stop_at_nul);
char *csvp_utf16_to_utf8(const guint8 *p, gsize bytes, bool le, bool stop_at_nul);

#endif
