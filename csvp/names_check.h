/* names_check.h - the names the JSON writer copies without escaping, proven safe (tests call it).
 *
 * json_plain and the JSON keys write interface, method, member, enum value, flag, status and fault
 * names from the tables as they are, with no escape scan: each must hold only printable ASCII
 * other than '"' and '\\'. A name that does not is a reported problem, one line each.
 */
#ifndef CSVP_NAMES_CHECK_H
#define CSVP_NAMES_CHECK_H

#include "ndr.h"

/* Whether s can be written between JSON quotes as it is. */
bool csvp_name_json_safe(const char *s);
/* Problems of one method: its name, its parameters' names and the types they reach. */
guint csvp_method_names_check(const csvp_method *m, GString *out);
/* Every interface, method, named type, status and fault name. */
guint csvp_names_check(GString *out);

#endif
