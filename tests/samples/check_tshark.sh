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
ts() { tshark -n -r "$@" 2>/dev/null; }
count() { ts "$1" -Y "$2" -T fields -e frame.number | wc -l; }
# _ws.expert.severity: 0x600000 is warning, 0x800000 error.
bad_filter='_ws.malformed || _ws.expert.severity >= 0x600000 || (tcp.analysis.flags && !tcp.analysis.window_update)'
deliberate='tcp.analysis.out_of_order || tcp.analysis.lost_segment || tcp.analysis.retransmission'
passed=0 failed=0
for f in "$dir"/*.pcap; do
  name=$(basename "$f")
  [ "$name" = hostile.pcap ] && continue
  frames=$(ts "$f" | wc -l)
  pdus=$(ts "$f" -Y dcerpc -T fields -e dcerpc.pkt_type | tr ',' '\n' | grep -c . || true)
  filter=$bad_filter
  [ "$name" = transport_stress.pcap ] && filter="($bad_filter) && !($deliberate)"
  [ "$name" = context_faults.pcap ] && filter="($bad_filter) && !($deliberate) && frame.number != 13"
  bad=$(count "$f" "$filter")
  ok=1
  [ "$bad" -eq 0 ] || ok=0
  [ "$pdus" -gt 0 ] || ok=0
  extra=""
  if [ "$name" = transport_stress.pcap ]; then
    ooo=$(count "$f" tcp.analysis.out_of_order)
    retx=$(count "$f" tcp.analysis.retransmission)
    faults=$(count "$f" 'dcerpc.cn_status == 0x1c010002')
    frags=$(count "$f" 'dcerpc.cn_flags.first_frag == 0 || dcerpc.cn_flags.last_frag == 0')
    extra=" out-of-order=$ooo retransmissions=$retx op_rng_error faults=$faults partial fragments=$frags"
    [ "$ooo" -eq 1 ] && [ "$retx" -eq 1 ] && [ "$faults" -eq 1 ] && [ "$frags" -ge 4 ] || ok=0
  fi
  if [ "$name" = context_faults.pcap ]; then
    ooo=$(ts "$f" -Y tcp.analysis.out_of_order -T fields -e frame.number | tr '\n' ' ')
    mal=$(ts "$f" -Y _ws.malformed -T fields -e frame.number | tr '\n' ' ')
    extra=" out-of-order frames: $ooo malformed frames: $mal"
    [ "$ooo" = "9 " ] && [ "$mal" = "13 " ] || ok=0
  fi
  echo "$name: $frames frames, $pdus DCE/RPC PDUs, $bad unexpected malformed/warning/TCP-analysis frames$extra"
  if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); ts "$f" -Y "$filter" | head -5; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
