#!/usr/bin/env python3
"""Inputs that once broke csvpdump (tests/decoder/regress/, from ../shared/repro), run in every
output mode under the sanitizer build: no sanitizer report, exit 0 or 1, and the facts each input
is about. Usage: test_regress.py CSVPDUMP REGRESS_DIR"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, DIR = sys.argv[1], sys.argv[2]
MODES = [[], ["--json", "-v"], ["--audit", "--json"], ["-v", "--all"], ["--by-server"], ["--audit"]]


def run(args):
    p = subprocess.run([CSVPDUMP, *args], capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def clean_everywhere(path):
    for mode in MODES:
        rc, _, err = run([*mode, path])
        bad = "Sanitizer" in err or "runtime error" in err
        check(f"{os.path.basename(path)} {' '.join(mode) or 'default'}: exit {rc}, no sanitizer report",
              rc in (0, 1) and not bad, err[-1500:])


def summary(path):
    rc, out, _ = run(["--json", path])
    import json
    return json.loads(out.strip().splitlines()[-1])


for f in sorted(os.listdir(DIR)):
    clean_everywhere(os.path.join(DIR, f))

# queue_uaf.pcap (gen_queue_uaf.py OUT 5 3): connection 1 sends request call_id 5 (first fragment
# only), connections 2 and 3 send 8192 + 1807 complete requests, then connection 1 sends call_id 3
# complete. 1 + 8192 + 1807 + 1 = 10001 calls pass the 10000-call queue: all are delivered, the
# unfinished call_id 5 as incomplete when its connection ends.
s = summary(os.path.join(DIR, "queue_uaf.pcap"))
check("queue_uaf: 10001 DCE/RPC calls delivered", s.get("calls") == 10001, str(s))

# ts_overflow_min.pcapng: its first timestamp is 14665127788649 s (if_tsresol 10^0), past the
# 2^61 us the capture side keeps: clamped and reported once, naming the frame.
rc, _, err = run([os.path.join(DIR, "ts_overflow_min.pcapng")])
check("ts_overflow_min: the clamped timestamp is reported",
      re.search(r"frame 1: timestamp 14665127788649 s \+ \d+ us out of range; clamped to 2305843009213693952 us", err)
      is not None, err)
# ts_far_apart.pcapng: -9e12 s and +9e12 s; the first clamps to the epoch.
rc, _, err = run([os.path.join(DIR, "ts_far_apart.pcapng")])
check("ts_far_apart: negative timestamp clamped to the epoch",
      "timestamp -9000000000000 s + 0 us out of range; clamped to 0 us" in err, err)

done()
