/* faults.h - DCE/RPC faults answering ClusPrep calls, shown as csvp (faults.c). */
#ifndef CSVP_PLUGIN_FAULTS_H
#define CSVP_PLUGIN_FAULTS_H

#include "ndr.h"

#include <epan/dissectors/packet-dcerpc.h>
#include <epan/expert.h>
#include <epan/packet.h>

/* Fields csvp.fault.*, the expert info csvp.expert.fault; hf_itf, hf_meth and hf_op are
 * csvp.interface, csvp.method and csvp.opnum. */
void csvp_faults_register(int proto, expert_module_t *expert, int hf_itf, int hf_meth, int hf_op);
void csvp_faults_handoff(int proto);
/* A ClusPrep request (request != 0) or response seen by the plugin; m is NULL for an opnum the
 * interface does not define. First pass only. */
void csvp_faults_call(packet_info *pinfo, dcerpc_info *di, const csvp_interface *itf, const csvp_method *m,
                      int request);

#endif
