/* infer_post.h - the interface of calls whose bind the capture missed (infer_post.c; the rule is
 * csvp/infer.h). */
#ifndef CSVP_PLUGIN_INFER_POST_H
#define CSVP_PLUGIN_INFER_POST_H

#include <epan/expert.h>
#include <epan/prefs.h>
#include <stdbool.h>

/* The field csvp.interface_inferred and the preference csvp.infer_interface (off by default).
 * stub_decoded_here: whether DCE/RPC already handed this frame's stub to the plugin. */
void csvp_infer_register(int proto, module_t *prefs, int hf_itf, int hf_meth, expert_field *ei_malformed,
                         bool (*stub_decoded_here)(packet_info *pinfo));
void csvp_infer_handoff(int proto);
/* Registers the postdissector once the preference is on (the prefs module's apply callback). */
void csvp_infer_prefs_applied(void);

#endif
