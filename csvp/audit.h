/* audit.h - the conformance auditor: the server state machines of MS-CSVP (audit.c).
 *
 * The auditor takes decoded calls (server, object, interface, method,
 * request and response trees, status) in capture order and keeps, per server
 * object, the abstract data model of spec sections 3.2.1, 3.4.1, 3.6.1 and
 * 3.14.1: Prepare State, ClusPrepDiskList with each disk's AttachedState,
 * OwnedState and OnlineState, ClusterFileShareTestSetupState, the
 * IClusterNetwork2 Initialization State and Route Monitoring State, the
 * IClusterFirewall Firewall State, and for revision 34 the IClusterSetup
 * cluster certificates (3.10.4.5-3.10.4.10, per server: they persist across
 * activations and reboots) and the IClusterLogEx2 log count (3.19.4.2-3). Each call yields the state transitions it
 * caused and findings that cite the rule (csvp/rules.c) they judge.
 *
 * State the capture does not show stays Unknown: a call whose required state
 * is unknown is not judged (at most an unknown_state info), and a successful
 * call lets the auditor infer the state the server must have been in. The
 * Prepare State of an object whose start the capture missed is judged at the
 * end on all of the object's calls (csvp_audit_finish, state_prepare.c).
 * Nothing here knows about packets or Wireshark. Layers, bottom up: state.h (vocabulary), rules.h,
 * state_model.h, state_disk.h, state_prepare.h, state_judge.h, then this one.
 */
#ifndef CSVP_AUDIT_H
#define CSVP_AUDIT_H

#include "state.h"

typedef struct csvp_audit csvp_audit;

csvp_audit *csvp_audit_new(void);
void csvp_audit_free(csvp_audit *a);
/* Judge one call and apply its effects. `out` is (re)initialised; release it with csvp_audit_result_clear. */
void csvp_audit_call(csvp_audit *a, const csvp_audit_call_in *call, csvp_audit_result *out);
void csvp_audit_result_clear(csvp_audit_result *r);

/* Servers in order of first appearance (with a bound on objects: the servers that have objects, in no
 * particular order once one was evicted; sort by order). */
guint csvp_audit_n_servers(const csvp_audit *a);
const csvp_audit_server *csvp_audit_server_at(const csvp_audit *a, guint i);

/* ---- bounded memory ----
 * At most max_objects objects are kept, holding about max_bytes together (0, the default, keeps every
 * object: the Wireshark plugin needs them for any frame it is asked about). Beyond either bound, after a
 * call, the object whose last call is the oldest (the object of that call last of all) is
 * handed to evict (which may report it, and must not keep pointers into it) and freed, and so is its server
 * when no object of it is left. A later call on its key starts a new object (and server, with a new order),
 * whose state is Unknown as in a capture begun mid-session. */
typedef void (*csvp_audit_evict_fn)(void *user, const csvp_audit_server *server, const csvp_audit_object *obj);
void csvp_audit_set_limits(csvp_audit *a, guint max_objects, gsize max_bytes, csvp_audit_evict_fn evict,
                           void *user);
guint64 csvp_audit_n_evicted(const csvp_audit *a);

/* Judge what needs the whole capture. Call once, at the end of the capture. */
void csvp_audit_finish(csvp_audit *a, const csvp_audit_sink *sink);
/* With csvp_audit_set_limits: where an evicted object's whole-capture judgement goes (its findings, as
 * csvp_audit_finish would give them, right before the evict callback). */
void csvp_audit_set_late_sink(csvp_audit *a, const csvp_audit_sink *sink);

#endif
