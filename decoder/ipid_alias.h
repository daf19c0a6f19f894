/* ipid_alias.h - the auditor's object key of a call: its IPID, or the IPID an
 * IRemUnknown::RemQueryInterface response in the capture tied it to (MS-DCOM
 * 3.1.1.5.6), so IClusterStorage2 and IClusterStorage3 of one object share
 * state. Used by `--audit` and by `--report`'s own auditor. */
#ifndef CSVP_IPID_ALIAS_H
#define CSVP_IPID_ALIAS_H

#include "rpc_call.h"

typedef struct ipid_alias ipid_alias;

ipid_alias *ipid_alias_new(void);
/* Learns the IPIDs a RemQueryInterface call returned with S_OK (any other call: nothing). */
void ipid_alias_learn(ipid_alias *a, const rpc_call *c);
/* The object key: the IPID text (or the one it shares), "connection CLIENT" without an object UUID. */
char *ipid_alias_key(const ipid_alias *a, const rpc_call *c);
void ipid_alias_free(ipid_alias *a);

#endif
