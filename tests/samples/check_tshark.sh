#!/bin/sh
# Every sample except hostile.pcap must dissect in real tshark with no malformed
# packet and no warning or error expert info; transport_stress.pcap may carry
# only its deliberate TCP notes (one out-of-order segment, with the "previous
# segment not captured" warning it causes, and one retransmission); context_faults.pcap
# only its out-of-order segment (frame 9) and its deliberately malformed request (frame 13).
# usage: check_tshark.sh SAMPLES_DIR      (exit 77: tshark not installed)
set -eu
dir=$1
command -v tshark >/dev/null 2>&1 || { echo "tshark not installed: skipped"; exit 77; }
. "$(dirname "$0")/../checklib.sh"
ts() { tshark -n -r "$@" 2>/dev/null; }
count() { ts "$1" -Y "$2" -T fields -e frame.number | wc -l; }
# _ws.expert.severity: 0x600000 is warning, 0x800000 error.
bad_filter='_ws.malformed || _ws.expert.severity >= 0x600000 || (tcp.analysis.flags && !tcp.analysis.window_update)'
deliberate='tcp.analysis.out_of_order || tcp.analysis.lost_segment || tcp.analysis.retransmission'
for f in "$dir"/*.pcap; do
  name=$(basename "$f")
  [ "$name" = hostile.pcap ] && continue
  frames=$(ts "$f" | wc -l)
  pdus=$(ts "$f" -Y dcerpc -T fields -e dcerpc.pkt_type | tr ',' '\n' | grep -c . || true)
  filter=$bad_filter
  [ "$name" = transport_stress.pcap ] && filter="($bad_filter) && !($deliberate)"
  [ "$name" = context_faults.pcap ] && filter="($bad_filter) && !($deliberate) && frame.number != 13"
  check_true "$name: $frames frames, $pdus DCE/RPC PDUs" [ "$pdus" -gt 0 ]
  # The first five unexpected frames are the failure's detail.
  check "$name: no unexpected malformed/warning/TCP-analysis frame" "$(ts "$f" -Y "$filter" | head -5)" ""
  if [ "$name" = transport_stress.pcap ]; then
    check "$name: out-of-order segments" "$(count "$f" tcp.analysis.out_of_order)" 1
    check "$name: retransmissions" "$(count "$f" tcp.analysis.retransmission)" 1
    check "$name: op_rng_error faults" "$(count "$f" 'dcerpc.cn_status == 0x1c010002')" 1
    frags=$(count "$f" 'dcerpc.cn_flags.first_frag == 0 || dcerpc.cn_flags.last_frag == 0')
    check_true "$name: $frags partial fragments, at least 4" [ "$frags" -ge 4 ]
  fi
  if [ "$name" = context_faults.pcap ]; then
    check "$name: out-of-order frames" "$(ts "$f" -Y tcp.analysis.out_of_order -T fields -e frame.number | paste -sd' ' -)" 9
    check "$name: malformed frames" "$(ts "$f" -Y _ws.malformed -T fields -e frame.number | paste -sd' ' -)" 13
  fi
done
check_done
