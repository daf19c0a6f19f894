#!/bin/sh
# Regenerate every sample with csvp-synth and compare it byte for byte with the
# committed file: the synthesizer is deterministic (fixed seeds, fixed clock).
# The Kerberos samples' keytabs and clear-stub lists are samples too.
# usage: check_determinism.sh CSVP_SYNTH SAMPLES_DIR WORK_DIR
set -eu
synth=$1 samples=$2 work=$3
. "$(dirname "$0")/../checklib.sh"
rm -rf "$work" && mkdir -p "$work"
"$synth" --out "$work"
for f in "$samples"/*.pcap "$samples"/*.keytab "$samples"/*.stubs; do
  name=$(basename "$f")
  check_true "$name: as \`csvp-synth --out samples\` regenerates it" cmp -s "$f" "$work/$name"
done
for f in "$work"/*.pcap "$work"/*.keytab "$work"/*.stubs; do
  [ -e "$samples/$(basename "$f")" ] || fail "$(basename "$f")" "regenerated but not committed"
done
check_done
