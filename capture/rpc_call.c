/* rpc_call.c - lifetime of one matched DCE/RPC call record. */
#include "rpc_call.h"

#include <stdarg.h>
#include <string.h>

/* Under AddressSanitizer a kept record is poisoned until it is handed out again, so a use after
 * rpc_call_free is still reported although the memory is not freed. (Not the kept buffers: their
 * headers point at their storage, which LeakSanitizer must see.) */
#if defined(__SANITIZE_ADDRESS__)
#define CSVP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CSVP_ASAN 1
#endif
#endif
#ifdef CSVP_ASAN
#include <sanitizer/asan_interface.h>
#define KEEP(p) ASAN_POISON_MEMORY_REGION((p), sizeof *(p))
#define REUSE(p) ASAN_UNPOISON_MEMORY_REGION((p), sizeof *(p))
#else
#define KEEP(p) ((void)(p))
#define REUSE(p) ((void)(p))
#endif

/* Freed records and stub buffers are kept for the next calls: every call allocates a record and
 * one or two buffers, and malloc and free of them cost as much as the rest of matching it. The
 * lists are bounded in count and buffer size (a kept buffer held at most 4 KiB, so it has at most
 * 8 KiB: 4 MiB in all), sized for the pipeline's 256 calls in flight, and process-wide under a
 * lock, so any thread may free a call (the pipeline hands them back to the capture thread). */
#define POOL_CALLS 256
#define POOL_STUBS 512
#define POOL_STUB_MAX (4 * 1024)

static GMutex pool_lock;
static rpc_call *free_records[POOL_CALLS];
static guint n_free_records;
static GByteArray *free_stubs[POOL_STUBS];
static guint n_free_stubs;

rpc_call *rpc_call_new(void)
{
    rpc_call *c = NULL;
    g_mutex_lock(&pool_lock);
    if (n_free_records)
        c = free_records[--n_free_records];
    g_mutex_unlock(&pool_lock);
    if (!c)
        return g_new0(rpc_call, 1);
    REUSE(c);
    memset(c, 0, sizeof *c);
    return c;
}

rpc_call *rpc_call_take(rpc_call *c)
{
    rpc_call *t = rpc_call_new();
    *t = *c;
    t->budget = NULL;
    t->charged = 0;
    c->request_stub = c->response_stub = NULL;
    c->errors = NULL;
    return t;
}

GByteArray *rpc_call_stub_new(gsize reserve)
{
    GByteArray *b = NULL;
    g_mutex_lock(&pool_lock);
    if (n_free_stubs)
        b = free_stubs[--n_free_stubs];
    g_mutex_unlock(&pool_lock);
    return b ? b : g_byte_array_sized_new((guint)MIN(reserve, POOL_STUB_MAX));
}

static void stub_free(GByteArray *b)
{
    if (!b)
        return;
    if (b->len <= POOL_STUB_MAX) {
        g_byte_array_set_size(b, 0);
        g_mutex_lock(&pool_lock);
        bool kept = n_free_stubs < POOL_STUBS;
        if (kept)
            free_stubs[n_free_stubs++] = b;
        g_mutex_unlock(&pool_lock);
        if (kept)
            return;
    }
    g_byte_array_unref(b);
}

void rpc_call_free(rpc_call *c)
{
    if (!c)
        return;
    if (c->budget)
        c->budget->held -= c->charged;
    stub_free(c->request_stub);
    stub_free(c->response_stub);
    if (c->errors)
        g_ptr_array_unref(c->errors);
    g_mutex_lock(&pool_lock);
    bool kept = n_free_records < POOL_CALLS;
    if (kept) {
        KEEP(c);
        free_records[n_free_records++] = c;
    }
    g_mutex_unlock(&pool_lock);
    if (!kept)
        g_free(c);
}

bool rpc_call_charge(rpc_call *c, rpc_budget *b, gsize n)
{
    if (n > b->limit - b->held)
        return false;
    g_assert(!c->budget || c->budget == b);
    c->budget = b;
    c->charged += n;
    b->held += n;
    if (b->held > b->peak)
        b->peak = b->held;
    return true;
}

void rpc_call_add_error(rpc_call *c, const char *fmt, ...)
{
    if (!c->errors)
        c->errors = g_ptr_array_new_with_free_func(g_free);
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(c->errors, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}
