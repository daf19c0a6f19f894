#!/usr/bin/env bash
# Throughput and memory of csvpdump against a bare libpcap read loop.
#   bench/run.sh [SIZE_BYTES]      default 1 GiB; builds an optimised csvpdump in build-release/
# First a table of text, JSON, --audit, -b, --report and sealed (decrypted) modes: wall and CPU
# time, calls/s, the ratio to the bare loop on the same capture and peak RSS (bench/measure.py, best
# of BENCH_RUNS interleaved runs, default 3). Then peak RSS of every mode on the bench capture and
# on 1,000,000 connections that each carry one request never answered (bench/gen_unanswered.py;
# BENCH_UNANSWERED names the file).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1073741824}
B=build-release
cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DCSVP_SANITIZE=OFF >/dev/null
cmake --build $B -j2 --target csvpdump pcap_loop csvp-synth >/dev/null
D=$B/decoder/csvpdump
CAP=${BENCH_CAPTURE:-/tmp/csvp-bench.pcap}
[ -f "$CAP" ] && [ "$(stat -c %s "$CAP")" -ge "$SIZE" ] || $B/samples/csvp-synth --bench "$SIZE" --out "$CAP"
# Sealed: the same traffic, NTLMSSP PKT_PRIVACY per connection, decrypted with the password
# (issue 8); the logons make it hold fewer calls per byte, so compare calls/s.
SCAP=${BENCH_SEALED_CAPTURE:-/tmp/csvp-bench-sealed.pcap}
[ -f "$SCAP" ] && [ "$(stat -c %s "$SCAP")" -ge "$SIZE" ] || $B/samples/csvp-synth --bench-sealed "$SIZE" --out "$SCAP"
PASS='Cluster!2026'

# calls CAPTURE [OPTION...]: the ClusPrep calls csvpdump finds in CAPTURE (its JSON summary)
calls() {
  local cap=$1
  shift
  $D --json "$@" "$cap" | tail -1 | python3 -c "import json,sys;print(json.load(sys.stdin)['csvp_calls'])"
}
CALLS=$(calls "$CAP")
SCALLS=$(calls "$SCAP" --password "$PASS")
echo "capture: $(($(stat -c %s "$CAP") / 1000000)) MB, $CALLS ClusPrep calls;" \
  "sealed: $(($(stat -c %s "$SCAP") / 1000000)) MB, $SCALLS calls"

# row NAME CAPTURE CALLS CMD...: one line for measure.py
row() {
  local IFS=$'\t'
  echo "$*"
}
REPORT=$(mktemp --suffix=.html)
{
  row text "$CAP" "$CALLS" $D -q "$CAP"
  row "text, --threads 2" "$CAP" "$CALLS" $D -q --threads 2 "$CAP"
  row "text, --threads 1" "$CAP" "$CALLS" $D -q --threads 1 "$CAP"
  row --json "$CAP" "$CALLS" $D -q --json "$CAP"
  row "--json --threads 3" "$CAP" "$CALLS" $D -q --json --threads 3 "$CAP"
  row "--json --threads 1" "$CAP" "$CALLS" $D -q --json --threads 1 "$CAP"
  row --audit "$CAP" "$CALLS" $D -q --audit "$CAP"
  row -b "$CAP" "$CALLS" $D -q -b "$CAP"
  row "--report FILE" "$CAP" "$CALLS" $D -q --report "$REPORT" "$CAP"
  row "sealed, --password (text)" "$SCAP" "$SCALLS" $D -q --password "$PASS" "$SCAP"
} | python3 bench/measure.py "${BENCH_RUNS:-3}" $B/bench/pcap_loop
echo "--report wrote $(($(stat -c %s "$REPORT") / 1024)) KB"
rm -f "$REPORT"

# run CMD...: prints wall seconds and peak RSS (KiB) of CMD, output discarded (GNU time: a child of
# Python would count the interpreter's pages)
run() {
  /usr/bin/time -f "%e %M" -o /dev/fd/3 "$@" 3>&1 >/dev/null
}

# Peak RSS in every mode (issue 15: below 64 MB), on the bench capture and on unanswered requests.
UNANS=${BENCH_UNANSWERED:-/tmp/csvp-unanswered.pcap}
[ -f "$UNANS" ] || python3 bench/gen_unanswered.py "$UNANS" 1000000
for cap in "$CAP" "$UNANS"; do
  for mode in "" --json --audit "--audit --json" -b "-b --json"; do
    # shellcheck disable=SC2086
    read -r T R < <(run $D -q $mode "$cap")
    awk -v c="$(basename "$cap")" -v m="${mode:-(default)}" -v t="$T" -v r="$R" \
      'BEGIN { printf "%-24s %-15s %7.2f s  peak RSS %6.1f MB\n", c, m, t, r / 1024 }'
  done
done
