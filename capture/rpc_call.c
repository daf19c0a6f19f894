/* rpc_call.c - lifetime of one matched DCE/RPC call record. */
#include "rpc_call.h"

#include <stdarg.h>

rpc_call *rpc_call_new(void)
{
    return g_new0(rpc_call, 1);
}

void rpc_call_free(rpc_call *c)
{
    if (!c)
        return;
    if (c->budget)
        c->budget->held -= c->charged;
    if (c->request_stub)
        g_byte_array_unref(c->request_stub);
    if (c->response_stub)
        g_byte_array_unref(c->response_stub);
    if (c->errors)
        g_ptr_array_unref(c->errors);
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
