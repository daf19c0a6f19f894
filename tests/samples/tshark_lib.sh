# tshark_lib.sh - what the sealed samples' tshark checks share; sourced after f= names the capture.
# Skips (exit 77) without tshark; the checks are tests/checklib.sh's.
command -v tshark >/dev/null 2>&1 || { echo "tshark not installed: skipped"; exit 77; }
. "$(dirname "$0")/../checklib.sh"
ts() { tshark -n -r "$f" "$@" 2>/dev/null; }
calls='dcerpc.pkt_type == 0 || dcerpc.pkt_type == 2'
