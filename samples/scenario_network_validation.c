#include "synth.h"
void scenario_network_validation(synth_cap *cap) { (void)cap; }
