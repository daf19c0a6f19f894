#!/usr/bin/env bash
# TShark with and without the csvp plugin on one large capture: the cost of
# decoding every ClusPrep stub, in list mode (-T fields) and full detail (-V).
#   bench/plugin_bench.sh [SIZE_BYTES]   default 100 MB; an optimised build in build-release-plugin/
# Not a test; never run by ctest. Each figure is the fastest of RUNS (default 3) runs. tshark runs through tests/plugin/run_tshark.sh
# (staged plugin, as `nobody` when root) in both cases, so both pay the same start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-100000000}
B=build-release-plugin
cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DCSVP_SANITIZE=OFF -DCSVP_BUILD_PLUGIN=ON >/dev/null
cmake --build $B -j2 --target csvp_plugin csvp-synth >/dev/null
CAP=${BENCH_CAPTURE:-/tmp/csvp-plugin-bench.pcap}
[ -f "$CAP" ] && [ "$(stat -c %s "$CAP")" -ge "$SIZE" ] || $B/samples/csvp-synth --bench "$SIZE" --out "$CAP"
MB=$(python3 -c "import os;print(os.path.getsize('$CAP')/1e6)")
TS=tests/plugin/run_tshark.sh

RUNS=${RUNS:-3}
# secs PLUGIN ARGS...: wall seconds of the fastest of $RUNS tshark runs, output discarded
secs() {
  local so=$1; shift
  local best= t0 t
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    sh $TS "$so" "$CAP" -- "$@" >/dev/null
    t=$(python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$t0" "$(date +%s.%N)")
    best=$(python3 -c "import sys;print(min(float(x) for x in sys.argv[1:] if x))" "$t" "$best")
  done
  echo "$best"
}
CALLS=$(sh $TS $B/plugin/csvp.so "$CAP" -- -Y 'csvp && dcerpc.pkt_type == 0' -T fields -e frame.number | wc -l)
echo "capture: ${MB%.*} MB, $CALLS ClusPrep requests"
for mode in "fields:-T fields -e frame.number -e _ws.col.Info" "detail:-V"; do
  name=${mode%%:*}; read -r -a args <<<"${mode#*:}"
  without=$(secs none "${args[@]}")
  with=$(secs $B/plugin/csvp.so "${args[@]}")
  python3 - "$name" "$MB" "$without" "$with" <<'PY'
import sys
name, mb, wo, w = sys.argv[1], *map(float, sys.argv[2:])
print(f"tshark {name:6s}: without plugin {wo:7.2f} s ({mb/wo:6.1f} MB/s), with {w:7.2f} s ({mb/w:6.1f} MB/s), x{w/wo:.2f}")
PY
done
