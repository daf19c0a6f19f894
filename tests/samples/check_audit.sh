#!/bin/sh
# Golden audits: csvpdump --audit --json on a sample must give exactly the
# findings listed in tests/samples/<sample>.audit, one "frame kind severity
# rule" line each, in order (samples/README.md explains every one).
# usage: check_audit.sh CSVPDUMP SAMPLES_DIR GOLDEN_DIR
set -eu
dump=$1 samples=$2 golden=$3
. "$(dirname "$0")/../checklib.sh"
for g in "$golden"/*.audit; do
  name=$(basename "$g" .audit)
  got=$("$dump" --audit --json "$samples/$name.pcap" | grep '^{"type":"finding"' |
        sed 's/.*"frame":\([0-9]*\),.*"kind":"\([a-z_]*\)","severity":"\([a-z]*\)","rule":"\([0-9.]*\)".*/\1 \2 \3 \4/' ||
        true)
  want=$(grep -v '^#' "$g" || true)   # an audit with no finding lists none
  check "$name.pcap: the $(printf '%s' "$want" | grep -c . || true) findings of $name.audit" "$got" "$want"
done
check_done
