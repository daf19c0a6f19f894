#!/usr/bin/env python3
"""csvpdump ends cleanly when its output cannot be written (README "Exit status"): a full disk
(/dev/full) gives one line on stderr and exit 2; a reader that goes away (csvpdump ... | head -1)
ends it promptly, silently, with exit 2; what was written is whole records only.
Usage: test_output_errors.py CSVPDUMP CSVP_SYNTH"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, SYNTH = sys.argv[1], sys.argv[2]


with tempfile.TemporaryDirectory() as tmp:
    cap = os.path.join(tmp, "many.pcap")
    # About 3 MB of bench traffic: some thousands of calls, far more JSON than a pipe buffer holds.
    subprocess.run([SYNTH, "--bench", "3000000", "--out", cap], check=True, capture_output=True)

    for mode in ([], ["--json"], ["-b"], ["--audit"]):   # -b and --audit stream their listings from spill files
        with open("/dev/full", "wb") as full:
            p = subprocess.run([CSVPDUMP, *mode, cap], stdout=full, stderr=subprocess.PIPE, timeout=300)
        err = p.stderr.decode().strip().splitlines()
        check(f"/dev/full {mode}: exit 2", p.returncode == 2, str(p.returncode))
        check(f"/dev/full {mode}: one line saying why",
              len([l for l in err if "cannot write" in l]) == 1 and
              "csvpdump: cannot write the output: No space left on device" in err, str(err[-3:]))

    # The reader takes one line and closes the pipe.
    p = subprocess.Popen([CSVPDUMP, "--json", cap], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    rc = p.wait(timeout=300)
    err = p.stderr.read().decode()
    check("closed pipe: exit 2", rc == 2, str(rc))
    check("closed pipe: nothing on stderr", err == "", err[-500:])
    check("closed pipe: the line read is a whole call object", json.loads(first)["type"] == "call", first[:200])

done()
