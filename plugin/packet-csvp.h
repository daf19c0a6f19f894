/* packet-csvp.h - registration entry points called by plugin.c. */
#ifndef CSVP_PLUGIN_PACKET_CSVP_H
#define CSVP_PLUGIN_PACKET_CSVP_H

#include <epan/packet.h>
#include <stdbool.h>

void proto_register_csvp(void);
void proto_reg_handoff_csvp(void);
/* Whether DCE/RPC handed a ClusPrep stub of this frame to the plugin in this dissection. */
bool csvp_decoded_here(packet_info *pinfo);

#endif
