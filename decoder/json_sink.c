/* json_sink.c - a csvp_sink writing parameter values as json-output.md
 * specifies: enums by name, flag words with a "<Field>_names" sibling,
 * 64-bit integers and GUIDs as strings, byte arrays as hex, buffers with a
 * format of their own as {"hex", "decoded"}, NULL pointers as null. */
#include "fmt.h"
#include "json_sink.h"
#include "secret.h"
#include "walker.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SHALLOW 64

typedef struct jctx {
    GString *out;
    bool show_secrets;
    guint hidden;    /* inside a redacted value: its depth (its parts are not written) */
    /* Per open container: nothing written yet. On the stack up to SHALLOW levels (the walker nests
     * at most CSVP_MAX_DEPTH), beyond in `deep`: no allocation per call. */
    guint depth;
    bool shallow[SHALLOW];
    GByteArray *deep;
} jctx;

static bool *top(jctx *j)
{
    guint d = j->depth - 1;
    return d < SHALLOW ? &j->shallow[d] : (bool *)&j->deep->data[d - SHALLOW];
}

static void push(jctx *j, bool first)
{
    if (j->depth >= SHALLOW) {
        if (!j->deep)
            j->deep = g_byte_array_new();
        g_byte_array_set_size(j->deep, j->depth - SHALLOW + 1);
    }
    j->depth++;
    *top(j) = first;
}

/* True when n is a secret to redact: writes its stand-in (json-output.md) and hides its parts. */
static bool redacted(jctx *j, const csvp_node *n, bool container)
{
    if (j->show_secrets || !csvp_node_secret(n))
        return false;
    guint64 len;
    char prefix[9];
    csvp_secret_digest(n, &len, prefix);
    csvp_gs_puts(j->out, "{\"redacted\":true,\"length\":");
    csvp_append_u64(j->out, len);
    csvp_gs_puts(j->out, ",\"sha256_prefix\":\"");
    csvp_gs_puts(j->out, prefix);
    csvp_gs_puts(j->out, "\"}");
    j->hidden = container;
    return true;
}

/* 1 for the bytes json_string must look at: controls, '"', '\\' and non-ASCII (RFC 8259 section 7). */
static const guint8 special[256] = {
    [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 1,
};

void json_string(GString *out, const char *s)
{
    /* Copy runs that need no escape in one go, found by table (strings are most of JSON output). */
    g_string_append_c(out, '"');
    const char *run = s, *p = s;
#ifdef __SSE2__
    /* 16 bytes a step up to the last 16 (blob strings run to tens of bytes). A signed compare below
     * 0x20 takes in the bytes from 0x80 too; the table loop then stops at the byte found. */
    const char *end = s + strlen(s);
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
#endif
    for (;;) {
#ifdef __SSE2__
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)p);
            int hit = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, space),
                                                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash))));
            if (hit) {
                p += __builtin_ctz((unsigned)hit);
                break;
            }
            p += 16;
        }
#endif
        while (!special[(unsigned char)*p])
            p++;
        unsigned char c = (unsigned char)*p;
        if (!c)
            break;
        if (c >= 0x80) {
            /* JSON is UTF-8 (RFC 8259 section 8.1); strings that came from a capture undecoded (a
             * Kerberos principal) may not be: a byte that starts no valid sequence reads \xNN. */
            gunichar ch = g_utf8_get_char_validated(p, -1);
            if (ch != (gunichar)-1 && ch != (gunichar)-2) {
                p = g_utf8_next_char(p);
                continue;
            }
            csvp_gs_append(out, run, (gsize)(p - run));
            csvp_gs_puts(out, "\\\\x");
            csvp_append_hex(out, c, 2, FALSE);
            run = ++p;
            continue;
        }
        csvp_gs_append(out, run, (gsize)(p - run));
        switch (c) {
        case '"': csvp_gs_puts(out, "\\\""); break;
        case '\\': csvp_gs_puts(out, "\\\\"); break;
        case '\n': csvp_gs_puts(out, "\\n"); break;
        case '\r': csvp_gs_puts(out, "\\r"); break;
        case '\t': csvp_gs_puts(out, "\\t"); break;
        default:
            csvp_gs_puts(out, "\\u00");
            csvp_append_hex(out, c, 2, FALSE);
        }
        run = ++p;
    }
    csvp_gs_append(out, run, (gsize)(p - run));
    g_string_append_c(out, '"');
}

void json_plain(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    csvp_gs_puts(out, s);
    g_string_append_c(out, '"');
}

/* A GUID as a JSON string, written in place: its text has nothing to escape. */
static void json_guid(GString *out, const guint8 g[16])
{
    char text[37];
    csvp_guid_text(g, text);
    gsize at = out->len;
    g_string_set_size(out, at + 38);
    out->str[at] = '"';
    memcpy(out->str + at + 1, text, 36);
    out->str[at + 37] = '"';
}

static void hex(GString *out, const guint8 *p, guint32 n)
{
    /* Written in place, 16 bytes a step where SSE2 is there, else two digits per table lookup:
     * buffers (RawRead, WriteFileData) are the bulk of JSON output. */
    static const char digits[] = "0123456789abcdef";
    static char pairs[512];
    if (!pairs[1])
        for (int b = 0; b < 256; b++) {
            pairs[2 * b] = digits[b >> 4];
            pairs[2 * b + 1] = digits[b & 15];
        }
    gsize at = out->len;
    g_string_set_size(out, at + 2 * (gsize)n + 2);
    char *d = out->str + at;
    *d++ = '"';
    guint32 i = 0;
#ifdef __SSE2__
    /* Nibbles split and interleaved high first, then '0' + v, plus 'a' - '0' - 10 where v > 9. */
    const __m128i low = _mm_set1_epi8(0x0f), nine = _mm_set1_epi8(9), zero = _mm_set1_epi8('0'),
                  gap = _mm_set1_epi8('a' - '0' - 10);
    for (; i + 16 <= n; i += 16, d += 32) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), low), lo = _mm_and_si128(v, low);
        __m128i x[2] = { _mm_unpacklo_epi8(hi, lo), _mm_unpackhi_epi8(hi, lo) };
        for (int k = 0; k < 2; k++) {
            x[k] = _mm_add_epi8(_mm_add_epi8(x[k], zero), _mm_and_si128(_mm_cmpgt_epi8(x[k], nine), gap));
            _mm_storeu_si128((__m128i *)(d + 16 * k), x[k]);
        }
    }
#endif
    for (; i < n; i++, d += 2)
        memcpy(d, pairs + 2 * p[i], 2);
    *d = '"';
}

/* Appends "name<suffix>": without an escape pass, as keys are IDL identifiers from the tables. */
static void key(GString *out, const char *name, const char *suffix)
{
    g_string_append_c(out, '"');
    csvp_gs_puts(out, name);
    csvp_gs_puts(out, suffix);
}

/* Separator and key for a node about to be written in its container. */
static void begin(jctx *j, const csvp_node *n)
{
    bool *first = top(j);
    if (!*first)
        g_string_append_c(j->out, ',');
    *first = false;
    if (n->index < 0)
        key(j->out, n->parent && n->parent->kind == CSVP_N_BYTES ? "decoded" : n->member->name, "\":");
}

static void scalar(GString *out, const csvp_node *n)
{
    const char *name;
    switch (n->kind) {
    case CSVP_N_UINT:
        if (n->type && n->type->kind == CSVP_K_HRESULT) {
            csvp_gs_puts(out, "\"0x");
            csvp_append_hex(out, n->v.u, 8, TRUE);
            g_string_append_c(out, '"');
        } else if ((name = csvp_node_value_name(n)) && !(n->type && n->type->flags)) {
            json_plain(out, name);   /* enum and status names come from the tables */
        } else {
            csvp_append_u64(out, n->v.u);
        }
        break;
    case CSVP_N_INT:
        if (n->v.i < 0)
            g_string_append_c(out, '-');
        csvp_append_u64(out, n->v.i < 0 ? (guint64)0 - (guint64)n->v.i : (guint64)n->v.i);
        break;
    case CSVP_N_U64:
        csvp_gs_puts(out, "\"0x");
        csvp_append_hex(out, n->v.u, 16, TRUE);
        g_string_append_c(out, '"');
        break;
    case CSVP_N_GUID:
        json_guid(out, n->v.guid);
        break;
    case CSVP_N_STRING:
        json_string(out, n->v.str ? n->v.str : "");
        break;
    case CSVP_N_BYTES:
        hex(out, n->v.bytes.data, n->v.bytes.len);
        break;
    case CSVP_N_NULL:
        csvp_gs_puts(out, "null");
        break;
    default:
        csvp_gs_puts(out, "null");
    }
}

/* "Flags_names": the set bits' names (json-output.md, flag words). */
static void flag_names(jctx *j, const csvp_node *n)
{
    const csvp_type *t = n->type;
    if (n->kind != CSVP_N_UINT || !t || !t->flags || n->index >= 0)
        return;
    g_string_append_c(j->out, ',');
    key(j->out, n->member->name, "_names\":[");
    bool first = true;
    for (guint i = 0; i < t->n_flags; i++) {
        if (!t->flags[i].value || (n->v.u & t->flags[i].value) != t->flags[i].value)
            continue;
        if (!first)
            g_string_append_c(j->out, ',');
        first = false;
        json_plain(j->out, t->flags[i].name);
    }
    g_string_append_c(j->out, ']');
}

static void on_value(void *user, const csvp_node *n)
{
    jctx *j = user;
    if (j->hidden)
        return;
    begin(j, n);
    if (redacted(j, n, false))
        return;
    scalar(j->out, n);
    flag_names(j, n);
}

static void on_enter(void *user, const csvp_node *n)
{
    jctx *j = user;
    if (j->hidden) {
        j->hidden++;
        return;
    }
    begin(j, n);
    if (redacted(j, n, true))
        return;
    if (n->kind == CSVP_N_BYTES) {
        csvp_gs_puts(j->out, "{\"hex\":");
        hex(j->out, n->v.bytes.data, n->v.bytes.len);
        push(j, false);
        return;
    }
    g_string_append_c(j->out, n->kind == CSVP_N_ARRAY ? '[' : '{');
    push(j, true);
}

static void on_leave(void *user, const csvp_node *n)
{
    jctx *j = user;
    if (j->hidden) {
        j->hidden--;
        return;
    }
    j->depth--;
    g_string_append_c(j->out, n->kind == CSVP_N_ARRAY ? ']' : '}');
    /* "<Field>_record_layout" beside a SAFEARRAY of records (json-output.md). */
    const char *layout = n->kind == CSVP_N_ARRAY && n->index < 0 ? csvp_safearray_record_layout(n) : NULL;
    if (layout) {
        g_string_append_c(j->out, ',');
        key(j->out, n->member->name, "_record_layout\":");
        json_string(j->out, layout);
    }
}

void json_params(GString *out, const csvp_tree *t, bool verbose, bool show_secrets)
{
    jctx j = { .out = out, .show_secrets = show_secrets };
    csvp_sink s = { .enter = on_enter, .value = on_value, .leave = on_leave, .user = &j, .with_meta = verbose,
                    .without_return = true };
    g_string_append_c(out, '{');
    push(&j, true);
    csvp_tree_emit(t, &s);
    g_string_append_c(out, '}');
    if (j.deep)
        g_byte_array_unref(j.deep);
}

void json_layout(GString *out, const char *key, const csvp_tree *t)
{
    if (!t || !t->layout)
        return;
    g_string_append_c(out, ',');
    json_string(out, key);
    g_string_append_c(out, ':');
    json_string(out, t->layout);
}

void json_problems(GString *out, const csvp_tree *t, bool *first)
{
    for (guint i = 0; t && i < t->problems->len; i++) {
        const csvp_problem *p = g_ptr_array_index(t->problems, i);
        gchar *s = g_strdup_printf("%s at offset %u: %s", *p->path ? p->path : "stub", p->offset, p->message);
        if (!*first)
            g_string_append_c(out, ',');
        *first = false;
        json_string(out, s);
        g_free(s);
    }
}
