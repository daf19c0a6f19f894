/* packet-csvp.h - registration entry points called by plugin.c. */
#ifndef CSVP_PLUGIN_PACKET_CSVP_H
#define CSVP_PLUGIN_PACKET_CSVP_H

void proto_register_csvp(void);
void proto_reg_handoff_csvp(void);

#endif
