/* object_identity.h - which IPIDs name one DCOM object.
 *
 * IClusterStorage2 and IClusterStorage3 are two interfaces of one object (spec 2.1, 3.4.4), each
 * with its own IPID. A capture shows that two IPIDs share an object when
 * IRemUnknown::RemQueryInterface on one returns the other (MS-DCOM 3.1.1.5.6.1.1). csvpdump's
 * auditors and the plugin's both key their per-object state by csvp_object_identity_key().
 */
#ifndef CSVP_OBJECT_IDENTITY_H
#define CSVP_OBJECT_IDENTITY_H

#include <glib.h>
#include <stdbool.h>

typedef struct csvp_object_identity csvp_object_identity;

/* Each owns a decoding context (walker.h): use one from one thread at a time. */
csvp_object_identity *csvp_object_identity_new(void);
void csvp_object_identity_free(csvp_object_identity *oi);

/* The ripid of a RemQueryInterface request stub (drep as in walker.h); false when the stub does
 * not decode completely. */
bool csvp_object_identity_ripid(csvp_object_identity *oi, const guint8 *stub, guint32 len, const guint8 drep[4],
                                guint8 ripid[16]);
/* Learns from the response stub to a RemQueryInterface on ripid: every REMQIRESULT with S_OK
 * names an IPID of ripid's object. A stub that does not decode teaches nothing. */
void csvp_object_identity_learn(csvp_object_identity *oi, const guint8 ripid[16], const guint8 *stub,
                                guint32 len, const guint8 drep[4]);
/* The object key of an IPID in text form: the first IPID of its object seen in the capture, else
 * the IPID itself. Valid until the next learn or free. */
const char *csvp_object_identity_key(const csvp_object_identity *oi, const char *ipid);

#endif
