/* sec_kerberos.h - the Kerberos security provider (RFC 4120, RFC 4121 DCE style, RFC 4757,
 * MS-KILE 3.4.5, MS-RPCE 3.3.1.5.2), for RPC_C_AUTHN_GSS_KERBEROS and Kerberos inside SPNEGO. */
#ifndef CSVP_SEC_KERBEROS_H
#define CSVP_SEC_KERBEROS_H

#include "sec_provider.h"

extern const sec_provider sec_provider_kerberos;

#endif
