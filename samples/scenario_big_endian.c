#include "synth.h"
void scenario_big_endian(synth_cap *cap) { (void)cap; }
