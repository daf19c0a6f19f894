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

CSVPDUMP, SYNTH, SAMPLES = sys.argv[1:4]
MODES = [[], ["--json", "-v"], ["--audit"], ["--audit", "--json"], ["-b"], ["-b", "--json"], ["-e", "--all"]]
failures = runs = 0
with tempfile.TemporaryDirectory() as tmp:
    bench = os.path.join(tmp, "bench.pcap")
    subprocess.run([SYNTH, "--bench", "3000000", "--out", bench], check=True, capture_output=True)
    for path in sorted(glob.glob(os.path.join(SAMPLES, "*.pcap"))) + [bench]:
        for mode in MODES:
            one = subprocess.run([CSVPDUMP, "--threads", "1", *mode, path], capture_output=True)
            two = subprocess.run([CSVPDUMP, "--threads", "2", *mode, path], capture_output=True)
            runs += 1
            if one.returncode != two.returncode or one.stdout != two.stdout or not one.stdout and not one.stderr:
                failures += 1
                print(f"FAILED: {os.path.basename(path)} {' '.join(mode)}: rc {one.returncode}/{two.returncode}, "
                      f"{len(one.stdout)}/{len(two.stdout)} bytes")
    # The bench capture's call lines: one per call, so the comparison above covered thousands of calls.
    n = subprocess.run([CSVPDUMP, "--threads", "2", "-q", bench], capture_output=True).stdout.count(b"\n")
    if n < 1000:
        failures += 1
        print(f"FAILED: only {n} calls in the bench capture")
print(f"{runs - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
