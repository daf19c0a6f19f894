/* ntlmssp.h - the NTLMSSP security provider (MS-NLMP): NTLMv2 logons verified with the keys
 * given, then NTLM2 session security (extended session security, with or without KEY_EXCH). */
#ifndef CSVP_NTLMSSP_H
#define CSVP_NTLMSSP_H

#include "sec_provider.h"

extern const sec_provider sec_provider_ntlmssp;

#endif
