/* by_server.h - `--by-server`: calls grouped per server and per object (IPID),
 * in the order the validation ran, with per-method counts, failures and time. */
#ifndef CSVP_BY_SERVER_H
#define CSVP_BY_SERVER_H

#include "call_format.h"

typedef struct by_server by_server;

by_server *by_server_new(void);
void by_server_add(by_server *b, const decoded_call *d);
void by_server_print(const by_server *b, GString *out, bool json);
void by_server_free(by_server *b);

#endif
