/* pool_thread_exit.c - a thread that frees calls keeps up to 256 records and 512 stub buffers for
 * its next ones (rpc_call.c); they are freed when it ends. Under LeakSanitizer, a pool left behind
 * by an ended thread is a leak, reported at exit, and this test fails. */
#include "rpc_call.h"

static gpointer free_some_calls(gpointer unused)
{
    /* More than the pool keeps, each with two stubs: the pool fills. */
    rpc_call *calls[300];
    for (guint i = 0; i < G_N_ELEMENTS(calls); i++) {
        calls[i] = rpc_call_new();
        calls[i]->request_stub = rpc_call_stub_new(64);
        calls[i]->response_stub = rpc_call_stub_new(64);
        g_byte_array_append(calls[i]->request_stub, (const guint8 *)"stub", 4);
    }
    for (guint i = 0; i < G_N_ELEMENTS(calls); i++)
        rpc_call_free(calls[i]);
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        g_thread_join(g_thread_new("frees-calls", free_some_calls, NULL));
    return 0;
}
