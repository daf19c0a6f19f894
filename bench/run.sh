#!/usr/bin/env bash
# Throughput and memory of csvpdump against a bare libpcap read loop (and of
# tshark with and without the plugin, when bench/plugin_bench.sh exists).
#   bench/run.sh [SIZE_BYTES]      default 1 GiB; needs an optimised build in build-release/
# Then peak RSS of every mode on the bench capture and on 1,000,000 connections that each carry one
# request never answered (bench/gen_unanswered.py; BENCH_UNANSWERED names the file).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1073741824}
B=build-release
cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DCSVP_SANITIZE=OFF >/dev/null
cmake --build $B -j2 --target csvpdump pcap_loop csvp-synth >/dev/null
CAP=${BENCH_CAPTURE:-/tmp/csvp-bench.pcap}
[ -f "$CAP" ] && [ "$(stat -c %s "$CAP")" -ge "$SIZE" ] || $B/samples/csvp-synth --bench "$SIZE" --out "$CAP"
MB=$(python3 -c "import os;print(os.path.getsize('$CAP')/1e6)")

# run CMD...: prints wall seconds and peak RSS (KiB) of CMD, output discarded
run() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
dt = time.monotonic() - t
print(f"{dt:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}
read -r T_LOOP R_LOOP < <(run $B/bench/pcap_loop "$CAP")
read -r T_TEXT R_TEXT < <(run $B/decoder/csvpdump -q "$CAP")
read -r T_JSON R_JSON < <(run $B/decoder/csvpdump -q --json "$CAP")
CALLS=$($B/decoder/csvpdump --json "$CAP" | tail -1 | python3 -c "import json,sys;print(json.load(sys.stdin)['csvp_calls'])")
python3 - "$MB" "$CALLS" "$T_LOOP" "$T_TEXT" "$R_TEXT" "$T_JSON" "$R_JSON" <<'PY'
import sys
mb, calls, loop, text, rtext, js, rjs = map(float, sys.argv[1:])
print(f"capture: {mb:.0f} MB, {calls:.0f} ClusPrep calls")
print(f"bare libpcap loop : {loop:6.2f} s  {mb/loop:7.1f} MB/s")
print(f"csvpdump text     : {text:6.2f} s  {mb/text:7.1f} MB/s  {calls/text:9.0f} calls/s  {text/loop:4.2f}x loop  peak RSS {rtext/1024:.1f} MB")
print(f"csvpdump --json   : {js:6.2f} s  {mb/js:7.1f} MB/s  {calls/js:9.0f} calls/s  {js/loop:4.2f}x loop  peak RSS {rjs/1024:.1f} MB")
PY

# --report (issue 13): time, peak RSS and the size of the HTML it writes.
REPORT=$(mktemp --suffix=.html)
read -r T_REP R_REP < <(run $B/decoder/csvpdump -q --report "$REPORT" "$CAP")
echo "csvpdump --report : $(printf %6.2f "$T_REP") s  peak RSS $((R_REP / 1024)) MB  report $(($(stat -c %s "$REPORT") / 1024)) KB"
rm -f "$REPORT"

# Sealed: the same traffic, NTLMSSP PKT_PRIVACY per connection, decrypted with the password
# (issue 8); compared per call with the clear capture (the logons make it hold fewer calls per byte).
SCAP=${BENCH_SEALED_CAPTURE:-/tmp/csvp-bench-sealed.pcap}
[ -f "$SCAP" ] && [ "$(stat -c %s "$SCAP")" -ge "$SIZE" ] || $B/samples/csvp-synth --bench-sealed "$SIZE" --out "$SCAP"
read -r T_SEAL R_SEAL < <(run $B/decoder/csvpdump -q --password 'Cluster!2026' "$SCAP")
SCALLS=$($B/decoder/csvpdump --json --password 'Cluster!2026' "$SCAP" | tail -1 | python3 -c "import json,sys;print(json.load(sys.stdin)['csvp_calls'])")
python3 - "$CALLS" "$T_TEXT" "$SCALLS" "$T_SEAL" "$R_SEAL" <<'PY'
import sys
calls, text, scalls, seal, rseal = map(float, sys.argv[1:])
print(f"csvpdump --password (sealed, text): {seal:6.2f} s  {scalls/seal:9.0f} calls/s  "
      f"{(seal/scalls)/(text/calls):4.2f}x the clear time per call  peak RSS {rseal/1024:.1f} MB")
PY

# Peak RSS in every mode (issue 15: below 64 MB), on the bench capture and on unanswered requests.
UNANS=${BENCH_UNANSWERED:-/tmp/csvp-unanswered.pcap}
[ -f "$UNANS" ] || python3 bench/gen_unanswered.py "$UNANS" 1000000
for cap in "$CAP" "$UNANS"; do
  for mode in "" --json --audit "--audit --json" -b "-b --json"; do
    # shellcheck disable=SC2086
    read -r T R < <(run $B/decoder/csvpdump -q $mode "$cap")
    awk -v c="$(basename "$cap")" -v m="${mode:-(default)}" -v t="$T" -v r="$R" \
      'BEGIN { printf "%-24s %-15s %7.2f s  peak RSS %6.1f MB\n", c, m, t, r / 1024 }'
  done
done
