#include "synth.h"
void scenario_hostile(synth_cap *cap) { (void)cap; }
