/* plugin.c - the entry points Wireshark looks up in an epan plugin (doc/README.plugins); their
 * form per Wireshark release is in ws_compat.h. */
#include "packet-csvp.h"
#include "ws_compat.h"

static void register_csvp(void)
{
    static proto_plugin plug = { .register_protoinfo = proto_register_csvp, .register_handoff = proto_reg_handoff_csvp };
    proto_register_plugin(&plug);
}

CSVP_WS_EPAN_PLUGIN(CSVP_PLUGIN_VERSION, register_csvp)
