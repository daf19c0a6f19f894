/* tables_check.h - the facts the tables state twice, compared (tests call it).
 *
 * A conformant or varying array's size_is/length_is and a union's switch_is name a sibling: the
 * names live on the type (what the walker follows) and, for parameters, again in the member's IDL
 * attribute text. Each name must be a sibling of the member (a parameter of the method, a field of
 * the struct), and for parameters the type's names and the attributes' must agree. A misspelt
 * reference on either side is a reported problem, one line each.
 */
#ifndef CSVP_TABLES_CHECK_H
#define CSVP_TABLES_CHECK_H

#include "ndr.h"

/* Problems of one method (and the struct types its parameters reach); returns how many. */
guint csvp_method_check(const csvp_method *m, GString *out);
/* Every method of every interface, their alternative layouts, and every named type. */
guint csvp_tables_check(GString *out);

#endif
