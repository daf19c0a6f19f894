/* infer.h - the interface of calls whose bind the capture missed (infer.c). */
#ifndef CSVP_PLUGIN_INFER_H
#define CSVP_PLUGIN_INFER_H

#include <epan/expert.h>
#include <epan/prefs.h>

/* The field csvp.interface_inferred and the preference csvp.infer_interface (off by default). */
void csvp_infer_register(int proto, module_t *prefs, int hf_itf, int hf_meth, expert_field *ei_malformed);
void csvp_infer_handoff(int proto);
/* Registers the postdissector once the preference is on (the prefs module's apply callback). */
void csvp_infer_prefs_applied(void);

#endif
