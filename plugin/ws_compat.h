/* ws_compat.h - the one place where the plugin meets differences between Wireshark releases.
 *
 * Built and tested against 4.0 (Debian 12) and 4.4 (Debian 13); 4.6 has the 4.4 interface for
 * everything used here (checked against Debian's 4.6.9 headers). The differences, keyed on
 * ws_version.h:
 *   - 4.2 moved callbacks from gboolean to C99 bool (wmem_user_cb_t returns bool), and boolean
 *     preferences with them (prefs_register_bool_preference takes a bool *);
 *   - 4.2 made field_info's value a pointer (fvalue_t *value, was an embedded fvalue_t);
 *   - 4.2 added the optional plugin_describe() export: without it `tshark -G plugins` and
 *     About > Plugins do not list the plugin as a dissector.
 * The entry points keep the 4.0-4.6 form (plugin_version, plugin_want_major/minor,
 * plugin_register): the ws_module / WIRESHARK_PLUGIN_REGISTER_EPAN interface of Wireshark's
 * development branch is in no release up to 4.6. */
#ifndef CSVP_PLUGIN_WS_COMPAT_H
#define CSVP_PLUGIN_WS_COMPAT_H

#include <epan/proto.h>
#include <stdbool.h>
#include <ws_symbol_export.h>
#include <ws_version.h>

#define CSVP_WS_AT_LEAST(major, minor)                                                                  \
    (WIRESHARK_VERSION_MAJOR > (major) || (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

#if CSVP_WS_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
typedef bool csvp_ws_bool;                    /* what wmem_user_cb_t returns, a boolean preference's type */
#define CSVP_WS_FVALUE(fi) ((fi)->value)      /* field_info's fvalue_t * */
#define CSVP_WS_PLUGIN_DESCRIBE                                                                         \
    WS_DLL_PUBLIC uint32_t plugin_describe(void);                                                       \
    uint32_t plugin_describe(void) { return WS_PLUGIN_DESC_DISSECTOR; }
#else
typedef gboolean csvp_ws_bool;
#define CSVP_WS_FVALUE(fi) (&(fi)->value)
#define CSVP_WS_PLUGIN_DESCRIBE               /* 4.0 has no plugin_describe */
#endif

/* CSVP_WS_EPAN_PLUGIN(VERSION, REGISTER_FN): the exports Wireshark looks up in an epan plugin
 * (what tools/make-plugin-reg.py generates), REGISTER_FN being a void (void) function that calls
 * proto_register_plugin(). */
#define CSVP_WS_EPAN_PLUGIN(version, register_fn)                                                       \
    WS_DLL_PUBLIC_DEF const char plugin_version[] = version;                                            \
    WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;                            \
    WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;                            \
    WS_DLL_PUBLIC void plugin_register(void);                                                           \
    void plugin_register(void) { register_fn(); }                                                       \
    CSVP_WS_PLUGIN_DESCRIBE

#endif
