#include "synth.h"
void scenario_mid_session(synth_cap *cap) { (void)cap; }
