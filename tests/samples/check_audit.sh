#!/bin/sh
# Golden audits: csvpdump --audit --json on a sample must give exactly the
# findings listed in tests/samples/<sample>.audit, one "frame kind severity
# rule" line each, in order (samples/README.md explains every one).
# usage: check_audit.sh CSVPDUMP SAMPLES_DIR GOLDEN_DIR
set -eu
dump=$1 samples=$2 golden=$3
passed=0 failed=0
for g in "$golden"/*.audit; do
  name=$(basename "$g" .audit)
  got=$("$dump" --audit --json "$samples/$name.pcap" | grep '^{"type":"finding"' |
        sed 's/.*"frame":\([0-9]*\),.*"kind":"\([a-z_]*\)","severity":"\([a-z]*\)","rule":"\([0-9.]*\)".*/\1 \2 \3 \4/' ||
        true)
  if [ "$got" = "$(grep -v '^#' "$g")" ]; then
    echo "$name.pcap: $(printf '%s' "$got" | grep -c . || true) findings as expected"
    passed=$((passed + 1))
  else
    echo "$name.pcap: findings differ from $g; got:"
    printf '%s\n' "$got"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
