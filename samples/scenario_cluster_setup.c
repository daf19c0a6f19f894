#include "synth.h"
void scenario_cluster_setup(synth_cap *cap) { (void)cap; }
