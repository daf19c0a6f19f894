# tshark_lib.sh - what the sealed samples' tshark checks share; sourced after f= names the capture.
# Skips (exit 77) without tshark; check NAME GOT WANT records a failure in $fail.
command -v tshark >/dev/null 2>&1 || { echo "tshark not installed: skipped"; exit 77; }
ts() { tshark -n -r "$f" "$@" 2>/dev/null; }
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAILED: $1: got '$2', want '$3'"; fail=1; fi; }
calls='dcerpc.pkt_type == 0 || dcerpc.pkt_type == 2'
