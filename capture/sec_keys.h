/* sec_keys.h - building the sec_keys (sec_provider.h) from what the user gave. */
#ifndef CSVP_SEC_KEYS_H
#define CSVP_SEC_KEYS_H

#include "sec_provider.h"

sec_keys *sec_keys_new(void);
/* Every key is wiped from memory before it is freed. */
void sec_keys_free(sec_keys *k);
void sec_keys_add_password(sec_keys *k, const char *password);
/* "[USER:]HEX32", the NT hash in hex (MS-NLMP 3.3.1 NTOWFv1). On false *err (g_free) says why,
 * without repeating the value. */
bool sec_keys_add_nt_hash(sec_keys *k, const char *spec, char **err);
/* One password per line (a final CR of a line is dropped, empty lines skipped). */
bool sec_keys_add_password_file(sec_keys *k, const char *path, char **err);
void sec_keys_add_keytab(sec_keys *k, const char *path);
bool sec_keys_empty(const sec_keys *k);

#endif
