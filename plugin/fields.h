/* fields.h - Wireshark header fields generated from the csvp tables.
 *
 * Every parameter is registered as csvp.<Method>.<param>, every struct, blob
 * and DCOM header field as csvp.<TYPE>.<Field> (json-output.md, "Wireshark
 * fields"), with the field type, value names and flag bits the tables give.
 */
#ifndef CSVP_PLUGIN_FIELDS_H
#define CSVP_PLUGIN_FIELDS_H

#include "ndr.h"

typedef struct csvp_field {
    int hf;                   /* registered header field */
    int ett;                  /* subtree of a container or a flag word */
    int ftype;                /* enum ftenum */
    int **bits;               /* flag words: NULL-terminated hf ids of the flag bits, else NULL */
    int hf_alias;             /* csvp.<owner>.<alias>: the 19.0 name of a renamed parameter, or -1 */
    int hf_ipv4, hf_ipv6;     /* an address held as text, as FT_IPv4/FT_IPv6 (hidden), or -1 */
    int hf_array;             /* an array of scalars or strings: the container's field, or -1 */
    int hf_dcom;              /* Wireshark's DCOM field for the same ORPCTHIS/ORPCTHAT value (hidden), or -1 */
    int bit_alias_hf;         /* a flag bit's corrected spelling (DISK_STYLE_MBR for the spec's DISK_SYTLE_MBR), or -1 */
} csvp_field;

/* Build and register the fields of every member the tables can produce. */
void csvp_fields_register(int proto);
/* Look up Wireshark's DCOM fields (dcom.this.flags, ...) the ORPC header fields also fill. */
void csvp_fields_handoff(void);
/* The field of a member, or NULL for a member the tables do not list. */
const csvp_field *csvp_field_of(const csvp_member *m);

#endif
