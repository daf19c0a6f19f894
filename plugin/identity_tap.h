/* identity_tap.h - which IPIDs name the same DCOM object, learnt from DCE/RPC's tap.
 *
 * IClusterStorage2 and IClusterStorage3 are two interfaces of one object
 * (spec 2.1, 3.4.4) but each has its own IPID. A capture shows that two IPIDs
 * share an object when IRemUnknown::RemQueryInterface on one returns the other
 * (MS-DCOM 3.1.1.5.6). A listener on DCE/RPC's tap reads that call's stub on the
 * first pass (no fields asked for: no tree built for it, no cost to other traffic).
 */
#ifndef CSVP_PLUGIN_IDENTITY_TAP_H
#define CSVP_PLUGIN_IDENTITY_TAP_H

#include <epan/packet.h>

/* In the handoff: register the tap listener. */
void csvp_identity_tap_handoff(int proto);
/* Per capture file. */
void csvp_identity_tap_init(void);
void csvp_identity_tap_cleanup(void);
/* The object key of an IPID (its text): the IPID it was queried from, recursively, else itself. */
const char *csvp_object_key(const char *ipid);

#endif
