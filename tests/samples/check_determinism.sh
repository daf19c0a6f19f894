#!/bin/sh
# Regenerate every sample with csvp-synth and compare it byte for byte with the
# committed file: the synthesizer is deterministic (fixed seeds, fixed clock).
# The Kerberos samples' keytabs and clear-stub lists are samples too.
# usage: check_determinism.sh CSVP_SYNTH SAMPLES_DIR WORK_DIR
set -eu
synth=$1 samples=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$synth" --out "$work"
n=0 bad=0
for f in "$samples"/*.pcap "$samples"/*.keytab "$samples"/*.stubs; do
  name=$(basename "$f")
  n=$((n + 1))
  if ! cmp -s "$f" "$work/$name"; then
    echo "DIFFERS: $name (regenerate with: csvp-synth --out samples)"
    bad=$((bad + 1))
  fi
done
for f in "$work"/*.pcap "$work"/*.keytab "$work"/*.stubs; do
  [ -e "$samples/$(basename "$f")" ] || { echo "NOT COMMITTED: $(basename "$f")"; bad=$((bad + 1)); }
done
echo "$((n - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
