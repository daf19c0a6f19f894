#!/usr/bin/env python3
"""--threads 2 (capture on one thread, decoding and output on another, decoder/pipeline.c) and
--threads 3 (and the files read on a third, capture/frame_ahead.c) write byte for byte what
--threads 1 writes, on stdout and on stderr, in every output mode, on every sample, on a few thousand
calls of bench traffic (more than the 64-call batches and the 256-call queue hold) and on that
capture cut short and merged with a sample (problems reported between the calls).
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
    cut = os.path.join(tmp, "cut.pcap")
    with open(bench, "rb") as f, open(cut, "wb") as out:
        out.write(f.read(1000000))   # ends inside a frame: libpcap reports it
    inputs = [[p] for p in sorted(glob.glob(os.path.join(SAMPLES, "*.pcap")))]
    inputs += [[bench], [cut, os.path.join(SAMPLES, "two_servers.pcap")]]
    for paths in inputs:
        for mode in MODES:
            one = subprocess.run([CSVPDUMP, "--threads", "1", *mode, *paths], capture_output=True)
            for threads in ("2", "3"):
                more = subprocess.run([CSVPDUMP, "--threads", threads, *mode, *paths], capture_output=True)
                runs += 1
                check(f"{' '.join(os.path.basename(p) for p in paths)} {' '.join(mode)} --threads {threads}",
                      one.returncode == more.returncode and one.stdout == more.stdout and
                      one.stderr == more.stderr and (one.stdout or one.stderr),
                      f"rc {one.returncode}/{more.returncode}, stdout {len(one.stdout)}/{len(more.stdout)} bytes, "
                      f"stderr {len(one.stderr)}/{len(more.stderr)} bytes", quiet=True)
    # The cut capture's problem is on stderr: the comparison above covered a report.
    err = subprocess.run([CSVPDUMP, "--threads", "3", "-q", cut], capture_output=True).stderr
    check("the cut capture's problem is reported", b"truncated" in err, err.decode(errors="replace"))
    # The bench capture's call lines: one per call, so the comparison above covered thousands of calls.
    n = subprocess.run([CSVPDUMP, "--threads", "2", "-q", bench], capture_output=True).stdout.count(b"\n")
    check("at least 1000 calls in the bench capture", n >= 1000, f"only {n}")
print(f"{runs} comparisons")
done()
