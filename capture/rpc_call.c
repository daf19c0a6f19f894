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
 * 8 KiB: 4 MiB in all) and sized for the pipeline's 256 calls in flight. They belong to the thread
 * that frees, without a lock: the pipeline hands decoded calls back to the capture thread, which
 * allocates the next ones (a lock here cost that thread a tenth of its time). A thread's lists are
 * freed when it ends (pool_owner's destructor; the main thread's live until exit). */
#define POOL_CALLS 256
#define POOL_STUBS 512
#define POOL_STUB_MAX (4 * 1024)

static _Thread_local rpc_call *free_records[POOL_CALLS];
static _Thread_local guint n_free_records;
static _Thread_local GByteArray *free_stubs[POOL_STUBS];
static _Thread_local guint n_free_stubs;
static _Thread_local bool pool_owned;

static void pool_release(gpointer unused)
{
    while (n_free_records) {
        rpc_call *c = free_records[--n_free_records];
        REUSE(c);
        g_free(c);
    }
    while (n_free_stubs)
        g_byte_array_unref(free_stubs[--n_free_stubs]);
}

static GPrivate pool_owner = G_PRIVATE_INIT(pool_release);

/* Called before a thread keeps its first record or buffer: its exit will free them. */
static void own_pool(void)
{
    if (!pool_owned) {
        pool_owned = true;
        g_private_set(&pool_owner, &pool_owned);
    }
}

rpc_call *rpc_call_new(void)
{
    if (!n_free_records)
        return g_new0(rpc_call, 1);
    rpc_call *c = free_records[--n_free_records];
    REUSE(c);
    memset(c, 0, sizeof *c);
    return c;
}

void rpc_call_uncharge(rpc_call *c)
{
    if (c->budget)
        c->budget->held -= c->charged;
    c->budget = NULL;
    c->charged = 0;
}

GByteArray *rpc_call_stub_new(gsize reserve)
{
    if (n_free_stubs)
        return free_stubs[--n_free_stubs];
    return g_byte_array_sized_new((guint)MIN(reserve, POOL_STUB_MAX));
}

static void stub_free(GByteArray *b)
{
    if (!b)
        return;
    if (b->len <= POOL_STUB_MAX && n_free_stubs < POOL_STUBS) {
        own_pool();
        g_byte_array_set_size(b, 0);
        free_stubs[n_free_stubs++] = b;
        return;
    }
    g_byte_array_unref(b);
}

void rpc_call_free(rpc_call *c)
{
    if (!c)
        return;
    rpc_call_uncharge(c);
    stub_free(c->request_stub);
    stub_free(c->response_stub);
    if (c->errors)
        g_ptr_array_unref(c->errors);
    if (n_free_records < POOL_CALLS) {
        own_pool();
        KEEP(c);
        free_records[n_free_records++] = c;
        return;
    }
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
