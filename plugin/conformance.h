/* conformance.h - the shared state machine (csvp/state.h) inside Wireshark.
 *
 * On the first sequential pass each request stub is kept until its response
 * arrives; the call (server address + object UUID, both trees, status) then
 * goes to the auditor, and its transitions, findings and resulting state are
 * stored with the response frame. Every pass shows them as csvp.state.*
 * fields and csvp.expert.* expert infos.
 */
#ifndef CSVP_PLUGIN_CONFORMANCE_H
#define CSVP_PLUGIN_CONFORMANCE_H

#include "node.h"

#include <epan/dissectors/packet-dcerpc.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>

#ifdef CSVP_PLUGIN_AUDITOR
void csvp_conformance_register(int proto, expert_module_t *expert);
/* The preference "finding_severity" in the plugin's module. */
void csvp_conformance_prefs(module_t *prefs);
void csvp_conformance_handoff(int proto);
void csvp_conformance_call(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                           const csvp_interface *itf, const csvp_method *m, int dir, const csvp_tree *t,
                           const guint8 *stub, guint len, const guint8 drep[4]);
#else
/* HOOK: csvp_core has no auditor (csvp/state.c) yet; plugin/CMakeLists.txt builds
 * conformance.c as soon as it does. Until then calls are decoded but not judged. */
static inline void csvp_conformance_register(int proto, expert_module_t *expert) {}
static inline void csvp_conformance_prefs(module_t *prefs) {}
static inline void csvp_conformance_handoff(int proto) {}
static inline void csvp_conformance_call(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, dcerpc_info *di,
                                         const csvp_interface *itf, const csvp_method *m, int dir,
                                         const csvp_tree *t, const guint8 *stub, guint len, const guint8 drep[4])
{
}
#endif

#endif
