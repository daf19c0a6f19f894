/* spill.c - sorted runs in a temporary file, merged on reading (spill.h).
 * A record on file: key (16 bytes, host order), length (4 bytes), data. */
#include "spill.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define HEADER (sizeof(spill_key) + sizeof(guint32))
#define READ_BUF (64 * 1024)

typedef struct rec_index {
    spill_key key;
    gsize off;                 /* of the data in spill.mem */
    guint32 len;
} rec_index;

typedef struct run {
    guint64 off, end;          /* bytes of the file */
} run;

typedef struct reader {        /* one run being read */
    guint64 pos, end;          /* next file byte to load, end of the run */
    guint8 *buf;
    gsize cap, lo, hi;         /* loaded bytes are buf[lo, hi) */
    spill_key key;             /* the current record; its data, len bytes, starts at buf[lo] or later in the */
    guint32 len;               /* file, and is loaded only when the record is returned (reader_data), so that a */
} reader;                      /* merge holds at most one large record */

typedef struct merger {        /* a min-heap of readers by (key, run order) */
    reader *readers;
    guint *heap, n;
    gint last;                 /* reader whose record was returned last: advanced on the next call */
} merger;

struct spill {
    gsize budget;
    GByteArray *mem;
    GArray *index;             /* of rec_index, for the records in mem */
    FILE *file;
    guint64 file_end;
    GArray *runs;              /* of run, in the order they were written */
    guint runs_written;        /* before any merging */
    char *error;
    bool reading;
    guint mem_next;            /* reading from memory: the next index entry */
    merger m;                  /* reading from the file */
};

spill *spill_new(gsize budget)
{
    spill *s = g_new0(spill, 1);
    s->budget = budget;
    s->mem = g_byte_array_new();
    s->index = g_array_new(FALSE, FALSE, sizeof(rec_index));
    s->runs = g_array_new(FALSE, FALSE, sizeof(run));
    s->m.last = -1;
    return s;
}

static int key_cmp(const spill_key *a, const spill_key *b)
{
    if (a->major != b->major)
        return a->major < b->major ? -1 : 1;
    return a->minor < b->minor ? -1 : a->minor > b->minor;
}

static gint index_cmp(gconstpointer a, gconstpointer b)
{
    return key_cmp(&((const rec_index *)a)->key, &((const rec_index *)b)->key);
}

static void fail(spill *s, const char *what)
{
    if (!s->error)
        s->error = g_strdup_printf("temporary file: %s", what ? what : g_strerror(errno));
}

static void put(spill *s, const void *p, gsize n)
{
    if (!s->error && n && fwrite(p, 1, n, s->file) != n)
        fail(s, NULL);
    s->file_end += n;
}

static void put_record(spill *s, const spill_key *key, const void *data, guint32 len)
{
    put(s, key, sizeof *key);
    put(s, &len, sizeof len);
    put(s, data, len);
}

/* An unnamed file in $TMPDIR (tmpfile() would ignore it), gone when closed. */
static FILE *open_temp(spill *s)
{
    GError *err = NULL;
    char *name = NULL;
    int fd = g_file_open_tmp("csvpdump-XXXXXX", &name, &err);
    if (fd < 0) {
        fail(s, err->message);
        g_error_free(err);
        return NULL;
    }
    unlink(name);
    g_free(name);
    FILE *f = fdopen(fd, "w+b");
    if (!f) {
        fail(s, NULL);
        close(fd);
    }
    return f;
}

/* The records held in memory, sorted, as one more run. */
static void write_run(spill *s)
{
    if (!s->index->len)
        return;
    if (!s->file && !s->error)
        s->file = open_temp(s);
    if (!s->error) {
        g_array_sort(s->index, index_cmp);   /* stable: equal keys keep their order */
        run r = { s->file_end, 0 };
        for (guint i = 0; i < s->index->len; i++) {
            const rec_index *x = &g_array_index(s->index, rec_index, i);
            put_record(s, &x->key, s->mem->data + x->off, x->len);
        }
        r.end = s->file_end;
        g_array_append_val(s->runs, r);
        s->runs_written++;
    }
    g_byte_array_set_size(s->mem, 0);
    g_array_set_size(s->index, 0);
}

void spill_add(spill *s, spill_key key, const void *data, gsize len)
{
    if (s->error || s->reading)
        return;
    if (len > G_MAXUINT32) {
        fail(s, "record too large");
        return;
    }
    rec_index x = { key, s->mem->len, (guint32)len };
    g_byte_array_append(s->mem, data, (guint)len);
    g_array_append_val(s->index, x);
    if (s->mem->len + s->index->len * sizeof(rec_index) >= s->budget)
        write_run(s);
}

/* ---- reading runs ---- */

/* At least n bytes loaded from r's run; false at its end or on a short read. */
static bool reader_fill(spill *s, reader *r, gsize n)
{
    if (r->hi - r->lo >= n)
        return true;
    memmove(r->buf, r->buf + r->lo, r->hi - r->lo);
    r->hi -= r->lo;
    r->lo = 0;
    if (r->cap < n) {
        r->cap = MAX(n, r->cap * 2);
        r->buf = g_realloc(r->buf, r->cap);
    }
    while (r->hi < n) {
        gsize want = (gsize)MIN((guint64)(r->cap - r->hi), r->end - r->pos);
        if (!want)
            return false;
        ssize_t got = pread(fileno(s->file), r->buf + r->hi, want, (off_t)r->pos);
        if (got <= 0) {
            fail(s, got < 0 ? NULL : "short read");
            return false;
        }
        r->hi += (gsize)got;
        r->pos += (guint64)got;
    }
    return true;
}

/* Move past the current record's data (loaded by reader_data); a buffer grown for a large record shrinks
 * back. */
static void reader_skip(reader *r)
{
    r->lo += r->len;
    r->len = 0;
    if (r->cap > READ_BUF && r->hi - r->lo <= READ_BUF) {
        memmove(r->buf, r->buf + r->lo, r->hi - r->lo);
        r->hi -= r->lo;
        r->lo = 0;
        r->cap = READ_BUF;
        r->buf = g_realloc(r->buf, r->cap);
    }
}

/* Load r's next record's key and length; false at the end of its run. */
static bool reader_next(spill *s, reader *r)
{
    reader_skip(r);
    if (r->lo == r->hi && r->pos == r->end)
        return false;
    if (!reader_fill(s, r, HEADER))
        return false;
    memcpy(&r->key, r->buf + r->lo, sizeof r->key);
    memcpy(&r->len, r->buf + r->lo + sizeof r->key, sizeof r->len);
    r->lo += HEADER;
    return true;
}

/* The current record's data, valid until r moves on; NULL on a read error. */
static const char *reader_data(spill *s, reader *r)
{
    return reader_fill(s, r, r->len) ? (const char *)r->buf + r->lo : NULL;
}

static bool heap_less(const merger *m, guint a, guint b)
{
    int c = key_cmp(&m->readers[a].key, &m->readers[b].key);
    return c < 0 || (c == 0 && a < b);  /* an earlier run holds the earlier-added records */
}

static void heap_down(merger *m, guint i)
{
    for (;;) {
        guint l = 2 * i + 1, r = l + 1, min = i;
        if (l < m->n && heap_less(m, m->heap[l], m->heap[min]))
            min = l;
        if (r < m->n && heap_less(m, m->heap[r], m->heap[min]))
            min = r;
        if (min == i)
            return;
        guint t = m->heap[i];
        m->heap[i] = m->heap[min];
        m->heap[min] = t;
        i = min;
    }
}

static void merger_start(spill *s, merger *m, const run *runs, guint n)
{
    m->readers = g_new0(reader, n);
    m->heap = g_new(guint, n);
    m->n = 0;
    m->last = -1;
    for (guint i = 0; i < n; i++) {
        reader *r = &m->readers[i];
        r->pos = runs[i].off;
        r->end = runs[i].end;
        r->cap = READ_BUF;
        r->buf = g_malloc(r->cap);
        if (reader_next(s, r))
            m->heap[m->n++] = i;
    }
    for (guint i = m->n / 2; i-- > 0;)
        heap_down(m, i);
}

static reader *merger_next(spill *s, merger *m)
{
    if (s->error)                        /* the last record's data may not have been loaded */
        return NULL;
    if (m->last >= 0) {                  /* the record returned last is no longer needed */
        if (!reader_next(s, &m->readers[m->last]))
            m->heap[0] = m->heap[--m->n];
        heap_down(m, 0);
        m->last = -1;
    }
    if (!m->n)
        return NULL;
    m->last = (gint)m->heap[0];
    return &m->readers[m->heap[0]];
}

static void merger_end(merger *m, guint n)
{
    for (guint i = 0; i < n && m->readers; i++)
        g_free(m->readers[i].buf);
    g_free(m->readers);
    g_free(m->heap);
    memset(m, 0, sizeof *m);
    m->last = -1;
}

void spill_finish(spill *s)
{
    if (s->reading)
        return;
    s->reading = true;
    if (!s->runs->len) {                 /* everything fits in memory */
        g_array_sort(s->index, index_cmp);
        return;
    }
    write_run(s);
    /* Merge groups of SPILL_FAN_IN consecutive runs into one until at most SPILL_FAN_IN are left. */
    while (s->runs->len > SPILL_FAN_IN && !s->error) {
        GArray *merged = g_array_new(FALSE, FALSE, sizeof(run));
        for (guint first = 0; first < s->runs->len; first += SPILL_FAN_IN) {
            guint n = MIN(SPILL_FAN_IN, s->runs->len - first);
            if (fflush(s->file) != 0)
                fail(s, NULL);
            merger m;
            merger_start(s, &m, &g_array_index(s->runs, run, first), n);
            run out = { s->file_end, 0 };
            for (reader *r; (r = merger_next(s, &m)) != NULL;) {
                const char *data = reader_data(s, r);
                if (data)
                    put_record(s, &r->key, data, r->len);
            }
            out.end = s->file_end;
            merger_end(&m, n);
            g_array_append_val(merged, out);
        }
        g_array_free(s->runs, TRUE);
        s->runs = merged;
    }
    if (!s->error && fflush(s->file) != 0)
        fail(s, NULL);
    if (!s->error)
        merger_start(s, &s->m, (const run *)s->runs->data, s->runs->len);
}

bool spill_next(spill *s, spill_key *key, const char **data, gsize *len)
{
    if (!s->reading || s->error)
        return false;
    if (!s->runs->len) {
        if (s->mem_next >= s->index->len)
            return false;
        const rec_index *x = &g_array_index(s->index, rec_index, s->mem_next++);
        *key = x->key;
        *data = (const char *)s->mem->data + x->off;
        *len = x->len;
        return true;
    }
    reader *r = merger_next(s, &s->m);
    if (!r || !(*data = reader_data(s, r)))
        return false;
    *key = r->key;
    *len = r->len;
    return true;
}

guint spill_runs(const spill *s)
{
    return s->runs_written;
}

const char *spill_error(const spill *s)
{
    return s->error;
}

void spill_free(spill *s)
{
    if (!s)
        return;
    merger_end(&s->m, s->runs->len);
    if (s->file)
        fclose(s->file);
    g_byte_array_free(s->mem, TRUE);
    g_array_free(s->index, TRUE);
    g_array_free(s->runs, TRUE);
    g_free(s->error);
    g_free(s);
}
