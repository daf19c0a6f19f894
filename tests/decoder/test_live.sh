#!/usr/bin/env bash
# Live capture on a real interface (README "csvpdump"): a network namespace with a veth pair,
# tcpreplay sends a sample onto one end while `csvpdump -i` listens on the other; SIGINT or SIGTERM
# ends the run as the end of a file would (pending calls delivered, audit finished, summary
# printed). The calls and values must be those read from the file (times aside: they are the
# replay's). Root only: exit 77 (skipped) otherwise.
# usage: test_live.sh CSVPDUMP SAMPLES_DIR
set -u
CSVPDUMP=$1 SAMPLES=$2
TESTS=$(cd "$(dirname "$0")/.." && pwd)   # checklib.py
[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
for t in ip tcpreplay python3; do command -v $t >/dev/null || { echo "$t missing: skipped"; exit 77; }; done
ns=csvp-live-$$
tmp=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ip netns add "$ns" 2>/dev/null || { echo "cannot create a network namespace: skipped"; exit 77; }
in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link add va type veth peer name vb && in_ns ip link set va up && in_ns ip link set vb up || exit 1
# No IPv6 autoconfiguration chatter on the pair: only the replayed frames are captured.
in_ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null

. "$(dirname "$0")/../checklib.sh"
# live SAMPLE SIGNAL OPTIONS...: replays SAMPLE, stops csvpdump with SIGNAL, compares with the file.
live() {
  local sample=$1 sig=$2; shift 2
  # Not through in_ns: $! must be csvpdump itself (ip netns exec execs it), not a subshell.
  ip netns exec "$ns" "$CSVPDUMP" -i vb "$@" >"$tmp/live.out" 2>"$tmp/live.err" &
  local pid=$!
  for _ in $(seq 100); do grep -q "listening on vb" "$tmp/live.err" && break; sleep 0.1; done
  in_ns tcpreplay -q -i va --pps 500 "$SAMPLES/$sample" >/dev/null 2>&1 || fail "tcpreplay $sample" "exited $?"
  sleep 0.5
  kill -"$sig" "$pid"
  wait "$pid"
  local rc=$?
  "$CSVPDUMP" "$@" "$SAMPLES/$sample" >"$tmp/file.out" 2>"$tmp/file.err"
  local frc=$?
  # The Python checks print their own ok/FAIL lines; this one counts them in.
  check_true "$sample $sig $*: live run as the file" env PYTHONPATH="$TESTS" python3 - "$tmp" "$sample $sig $*" "$rc" "$frc" <<'PY'
import json, re, sys
from checklib import check, done
tmp, name, rc, frc = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
live, file = open(tmp + "/live.out").read(), open(tmp + "/file.out").read()
err = open(tmp + "/live.err").read()
check(f"{name}: exit status as for the file", rc == frc, f"live {rc}, file {frc}\n{err[-800:]}")
if "--json" in name:
    def calls(text):  # times are the replay's: drop them, keep every decoded value and frame number
        out = []
        for line in text.splitlines():
            o = json.loads(line)
            for k in ("time", "rtt_ms"):
                o.pop(k, None)
            if o["type"] == "summary":
                o.pop("bytes", None)
            out.append(o)
        return out
    l, f = calls(live), calls(file)
    check(f"{name}: same JSON objects (calls, findings, verdicts, summary)", l == f,
          f"{len(l)} live vs {len(f)} file objects")
    check(f"{name}: the summary closes the output", l and l[-1]["type"] == "summary", live[-300:])
else:
    strip = lambda t: [re.sub(r"\d\d:\d\d:\d\d\.\d{6} ", "", re.sub(r" [\d.]+ ms$", "", x)) for x in t.splitlines()]
    check(f"{name}: same lines", strip(live) == strip(file), f"\n{live[:600]}\n--- file ---\n{file[:600]}")
check(f"{name}: capture counts reported",
      re.search(r"\d+ packets received by filter, \d+ dropped by kernel", err) is not None, err)
done()
PY
}
live disk_online.pcap INT --json -f tcp
live violations.pcap TERM --audit --json -f tcp
live violations.pcap INT --audit -f tcp
live all_methods.pcap TERM -f tcp
check_done
