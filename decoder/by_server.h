/* by_server.h - `--by-server`: calls grouped per server and per object (IPID),
 * in the order the validation ran, with per-method counts, failures and time.
 * Memory is bounded: call lines wait in a spill (spill.h), and at most
 * max_live sequences are open at once (the least recently called is closed;
 * a later call of its object opens a new sequence, listed after it). */
#ifndef CSVP_BY_SERVER_H
#define CSVP_BY_SERVER_H

#include "call_format.h"

#include <stdio.h>

typedef struct by_server by_server;

by_server *by_server_new(bool json, guint max_live);
void by_server_add(by_server *b, const decoded_call *d);
/* Writes every sequence to out; false on a temporary-file error (by_server_error). */
bool by_server_print(by_server *b, FILE *out);
const char *by_server_error(const by_server *b);
/* Sequences closed early because more than max_live were open. */
guint64 by_server_evicted(const by_server *b);
void by_server_free(by_server *b);

#endif
