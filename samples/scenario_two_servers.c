#include "synth.h"
void scenario_two_servers(synth_cap *cap) { (void)cap; }
