/* pool_use_after_free.c - reads a call record after rpc_call_free. The record stays in the pool's
 * memory, so only its poisoning (capture/rpc_call.c) lets AddressSanitizer report the read; ctest
 * passes when the report says so (capture_pool_poisoned, sanitizer builds only). */
#include "rpc_call.h"

int main(void)
{
    rpc_call *c = rpc_call_new();
    rpc_call_free(c);
    return (int)c->call_id;   /* the use after free */
}
