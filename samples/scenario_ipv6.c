#include "synth.h"
void scenario_ipv6(synth_cap *cap) { (void)cap; }
