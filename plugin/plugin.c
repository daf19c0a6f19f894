/* plugin.c - the entry points Wireshark 4.0 looks up in an epan plugin
 * (doc/README.plugins; what tools/make-plugin-reg.py would generate). */
#include "packet-csvp.h"

#include <epan/proto.h>
#include <ws_version.h>

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = CSVP_PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin plug = { .register_protoinfo = proto_register_csvp, .register_handoff = proto_reg_handoff_csvp };
    proto_register_plugin(&plug);
}
