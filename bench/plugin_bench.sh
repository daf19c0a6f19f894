#!/usr/bin/env bash
# TShark with and without the csvp plugin: what decoding ClusPrep costs (a csvp-synth --bench
# capture) and what the plugin costs other traffic (a DNS-only capture, bench/gen_dns.py), for
# `tshark -r` (list), `-T fields` and `-V` (detail).
#   bench/plugin_bench.sh [SIZE_BYTES]   bench capture size, default 100 MB; DNS frames: DNS_FRAMES (200000)
#   MEASURE=time       (default) wall seconds, the fastest of RUNS (3) runs
#   MEASURE=callgrind  instructions per packet (valgrind --tool=callgrind), counted only inside
#                      Wireshark's per-packet work (dissection, taps, columns, printing the tree or
#                      fields, freeing the packet's memory), so start-up (registering every
#                      dissector) is left out; one run each.
#                      Slow (about 50x): use a small SIZE and DNS_FRAMES, e.g. 2000000 and 10000.
# An optimised build in build-release-plugin/. Not a test; never run by ctest. tshark runs through
# tests/plugin/run_tshark.sh (staged plugin, as `nobody` when root) in both cases.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-100000000}
DNS_FRAMES=${DNS_FRAMES:-200000}
MEASURE=${MEASURE:-time}
B=build-release-plugin
cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DCSVP_SANITIZE=OFF -DCSVP_BUILD_PLUGIN=ON >/dev/null
cmake --build $B -j2 --target csvp_plugin csvp-synth >/dev/null
CAP=${BENCH_CAPTURE:-/tmp/csvp-plugin-bench-$SIZE.pcap}
[ -f "$CAP" ] || $B/samples/csvp-synth --bench "$SIZE" --out "$CAP"
DNS=/tmp/csvp-plugin-bench-dns-$DNS_FRAMES.pcap
[ -f "$DNS" ] || python3 bench/gen_dns.py "$DNS" $((DNS_FRAMES / 2))   # a query and an answer each
TS=tests/plugin/run_tshark.sh
SO=$PWD/$B/plugin/csvp.so

RUNS=${RUNS:-3}
# secs PLUGIN CAPTURE ARGS...: wall seconds of the fastest of $RUNS tshark runs, output discarded
secs() {
  local so=$1 cap=$2; shift 2
  local best= t0 t
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    sh $TS "$so" "$cap" -- "$@" >/dev/null
    t=$(python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$t0" "$(date +%s.%N)")
    best=$(python3 -c "import sys;print(min(float(x) for x in sys.argv[1:] if x))" "$t" "$best")
  done
  echo "$best"
}

# ir PLUGIN CAPTURE ARGS...: instructions callgrind counts inside the per-packet functions of libwireshark
work=$(mktemp -d /tmp/csvp-bench.XXXXXX)
chmod 777 "$work"
trap 'rm -rf "$work"' EXIT
cat >"$work/tshark" <<SH
#!/bin/sh
# tshark under callgrind; --version (run_tshark.sh asks it for the plugin folder) runs plain.
[ "\$1" = --version ] && exec tshark "\$@"
exec valgrind --tool=callgrind --callgrind-out-file=$work/out.%p --collect-atstart=no \
  --toggle-collect='epan_dissect_run*' --toggle-collect=epan_dissect_fill_in_columns \
  --toggle-collect=proto_tree_print --toggle-collect=write_fields_proto_tree \
  --toggle-collect=epan_dissect_reset --toggle-collect=epan_dissect_cleanup tshark "\$@"
SH
chmod 755 "$work/tshark"
ir() {
  local so=$1 cap=$2; shift 2
  rm -f "$work"/out.*
  TSHARK=$work/tshark sh $TS "$so" "$cap" -- "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  sed -n 's/^summary: *//p' "$work"/out.* | head -1
}

frames() { capinfos -Mc "$1" 2>/dev/null | sed -n 's/^Number of packets: *//p'; }
CALLS=$(sh $TS "$SO" "$CAP" -- -Y 'csvp && dcerpc.pkt_type == 0' -T fields -e frame.number | wc -l)
echo "bench capture: $(($(stat -c %s "$CAP") / 1000000)) MB, $(frames "$CAP") frames, $CALLS ClusPrep requests"
echo "DNS capture: $(frames "$DNS") frames, no DCE/RPC"
for cap in "$CAP" "$DNS"; do
  n=$(frames "$cap")
  for mode in "list:" "fields:-T fields -e frame.number -e _ws.col.Info" "detail:-V"; do
    name=${mode%%:*}; read -r -a args <<<"${mode#*:}"
    if [ "$MEASURE" = callgrind ]; then
      without=$(ir none "$cap" "${args[@]}"); with=$(ir "$SO" "$cap" "${args[@]}")
      python3 - "$(basename "$cap")" "$name" "$n" "$without" "$with" <<'PY'
import sys
cap, name, n, wo, w = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
print(f"{cap:34s} tshark {name:6s}: without plugin {wo/n:9.0f} instructions/packet, with {w/n:9.0f} ({(w-wo)/wo*100:+.1f}%)")
PY
    else
      without=$(secs none "$cap" "${args[@]}"); with=$(secs "$SO" "$cap" "${args[@]}")
      python3 - "$(basename "$cap")" "$name" "$without" "$with" <<'PY'
import sys
cap, name, wo, w = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:])
print(f"{cap:34s} tshark {name:6s}: without plugin {wo:7.2f} s, with {w:7.2f} s ({(w-wo)/wo*100:+.1f}%)")
PY
    fi
  done
done
