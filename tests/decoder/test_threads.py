#!/usr/bin/env python3
"""--threads 2 (capture on one thread, decoding and output on another, decoder/pipeline.c) writes
byte for byte what --threads 1 writes, in every output mode, on every sample and on a few thousand
calls of bench traffic (more than the 64-call batches and the 256-call queue hold).
Usage: test_threads.py CSVPDUMP CSVP_SYNTH SAMPLES_DIR"""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, SYNTH, SAMPLES = sys.argv[1:4]
MODES = [[], ["--json", "-v"], ["--audit"], ["--audit", "--json"], ["-b"], ["-b", "--json"], ["-e", "--all"]]
runs = 0
with tempfile.TemporaryDirectory() as tmp:
    bench = os.path.join(tmp, "bench.pcap")
    subprocess.run([SYNTH, "--bench", "3000000", "--out", bench], check=True, capture_output=True)
    for path in sorted(glob.glob(os.path.join(SAMPLES, "*.pcap"))) + [bench]:
        for mode in MODES:
            one = subprocess.run([CSVPDUMP, "--threads", "1", *mode, path], capture_output=True)
            two = subprocess.run([CSVPDUMP, "--threads", "2", *mode, path], capture_output=True)
            runs += 1
            check(f"{os.path.basename(path)} {' '.join(mode)}",
                  one.returncode == two.returncode and one.stdout == two.stdout and (one.stdout or one.stderr),
                  f"rc {one.returncode}/{two.returncode}, {len(one.stdout)}/{len(two.stdout)} bytes", quiet=True)
    # The bench capture's call lines: one per call, so the comparison above covered thousands of calls.
    n = subprocess.run([CSVPDUMP, "--threads", "2", "-q", bench], capture_output=True).stdout.count(b"\n")
    check("at least 1000 calls in the bench capture", n >= 1000, f"only {n}")
print(f"{runs} comparisons")
done()
