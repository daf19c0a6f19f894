/* sec_kerberos.h - the Kerberos security provider (RFC 4121 DCE style, RFC 4757, MS-KILE),
 * implemented in decoder/krb5_*.c. */
#ifndef CSVP_SEC_KERBEROS_H
#define CSVP_SEC_KERBEROS_H

#include "sec_provider.h"

extern const sec_provider sec_provider_kerberos;

#endif
