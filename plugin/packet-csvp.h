/* packet-csvp.h - registration entry points called by plugin.c. */
#ifndef CSVP_PLUGIN_PACKET_CSVP_H
#define CSVP_PLUGIN_PACKET_CSVP_H

#include <epan/packet.h>
#include <stdbool.h>

void proto_register_csvp(void);
void proto_reg_handoff_csvp(void);
/* Whether DCE/RPC handed a ClusPrep stub of this frame to the plugin in this dissection. */
bool csvp_decoded_here(packet_info *pinfo);
/* Append s with the control characters a terminal or a one-line column must not get escaped. */
void csvp_column_escape(GString *out, const char *s);

#endif
