/* tables_check.h - the member references the tables state, proven (tests call it).
 *
 * A member's size_is, length_is and switch_is point at siblings (csvp_member): what the walker and
 * the encoder follow. Each must be a sibling (a parameter of the same method, a field of the same
 * struct), the member's type must need it (a conformant or varying array, a union), a parameter's
 * conformant or varying array and every union must have it, and for parameters it must be the
 * name the IDL attribute text gives. A wrong reference or a misspelt attribute is a reported
 * problem, one line each.
 */
#ifndef CSVP_TABLES_CHECK_H
#define CSVP_TABLES_CHECK_H

#include "ndr.h"

/* Problems of one method (and the struct types its parameters reach); returns how many. */
guint csvp_method_check(const csvp_method *m, GString *out);
/* Every method of every interface, their alternative layouts, and every named type. */
guint csvp_tables_check(GString *out);

#endif
