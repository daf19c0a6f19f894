#include "synth.h"
void scenario_transport_stress(synth_cap *cap) { (void)cap; }
