#!/usr/bin/env python3
"""csvpdump's memory bounds (--max-objects, the spill to a temporary file): output complete and in order.

A capture of unanswered CprepDiskAttach requests (bench/gen_unanswered.py), frames 1-5 on objects
X, Y, X, Z, Y. With --max-objects 2 the least recently called goes first: at frame 4, Y (last called at
frame 2; X at 3); at frame 5, Y comes back as a new sequence/object and X (frame 3; Z at 4) goes.
So -b lists X [1, 3], Y [2], Z [4], Y [5], and the audit lists X, Y, Z, Y, each with its disks.
A sequence of 70 methods keeps 64 rows in its method table and counts the rest together.
Then 120,000 calls cycling over three objects: more than the 8 MiB held in memory, so the listing
comes back from sorted runs on file, merged.
Usage: test_audit_limits.py CSVPDUMP BENCH_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, BENCH = sys.argv[1], sys.argv[2]
sys.path.insert(0, BENCH)
from gen_unanswered import write_capture  # noqa: E402


def run(*args):
    p = subprocess.run([CSVPDUMP, *args], capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


X, Y, Z = (bytes([b]) * 16 for b in (0x11, 0x22, 0x33))
NAME = {X: "1" * 8 + "-1111-1111-1111-" + "1" * 12, Y: "2" * 8 + "-2222-2222-2222-" + "2" * 12,
        Z: "3" * 8 + "-3333-3333-3333-" + "3" * 12}
tmp = tempfile.mkdtemp()
small = os.path.join(tmp, "small.pcap")
write_capture(small, [(0, X, 1), (1, Y, 2), (0, X, 3), (2, Z, 4), (1, Y, 5)])
# The five requests are never answered: the capture side says so after the counts (README "Limits").
SUMMARY = ("5 packets, 3 TCP connections, 5 DCE/RPC calls, 5 ClusPrep calls (5 shown), 0 decode errors\n"
           "5 calls never answered\n")


def sequence(obj, frames):
    lines = [f"Server 10.200.0.1  object {NAME[obj]}  (IClusterStorage2)\n"]
    lines += [f"  {i + 1:4}  frame {f:<7} {'CprepDiskAttach':<40} -> no response\n" for i, f in enumerate(frames)]
    lines.append(f"  {'method':<40} {'calls':>7} {'failed':>7} {'total ms':>12}\n")
    lines.append(f"  {'CprepDiskAttach':<40} {len(frames):>7} {len(frames):>7} {'0.000':>12}\n\n")
    return "".join(lines)


rc, out, err = run("-b", small)
check("-b unbounded: X, Y, Z", rc == 0 and out == sequence(X, [1, 3]) + sequence(Y, [2, 5]) + sequence(Z, [4]) +
      SUMMARY, out)
rc, out, err = run("-b", "--max-objects", "2", small)
check("-b --max-objects 2: X, Y, Z, then Y again", rc == 0 and out == sequence(X, [1, 3]) + sequence(Y, [2]) +
      sequence(Z, [4]) + sequence(Y, [5]) + SUMMARY + "2 sequences closed early (over --max-objects 2 open at once)\n",
      out)
rc, out, err = run("-b", "--json", "--max-objects", "2", small)
objs = [json.loads(line) for line in out.splitlines()]
check("-b --json --max-objects 2", [(o["object"], [c["frame"] for c in o["calls"]]) for o in objs[:-1]] ==
      [(NAME[X], [1, 3]), (NAME[Y], [2]), (NAME[Z], [4]), (NAME[Y], [5])] and objs[-1]["type"] == "summary" and
      objs[-1]["sequences_evicted"] == 2, out)
rc, out, err = run("-b", "--json", small)
check("-b --json unbounded: no sequences_evicted", "sequences_evicted" not in json.loads(out.splitlines()[-1]), out)


def audit_object(obj, signatures):
    return f"  IClusterStorage2/IClusterStorage3 object {NAME[obj]}\n" + "".join(
        f"    disk Signature 0x{s:08X}: Unknown, Unknown, Unknown\n" for s in signatures)


FINDINGS = "\nFindings: 0 client_sequence, 0 server_conformance, 0 product_behavior, 0 unknown_state (0 errors)\n"


# Verdicts (issue 10) for the disks of the objects still held at the end: each disk was named by one
# CprepDiskAttach never answered, so it reached nothing, no call failed (no answer is no failure) and no
# finding rests on it (an unanswered call is not even reported as unjudged).
def verdicts(pairs):
    return "\nVerdicts:\n" + "".join(
        f"  disk Signature 0x{s:08X} on 10.200.0.1 (object {NAME[o]}): reached nothing (never Attached); "
        "no call failed; findings: none\n" for o, s in pairs)
rc, out, err = run("--audit", small)
check("--audit unbounded", rc == 0 and out == "Server 10.200.0.1\n" + audit_object(X, [1, 3]) +
      audit_object(Y, [2, 5]) + audit_object(Z, [4]) + FINDINGS +
      verdicts([(X, 1), (X, 3), (Y, 2), (Y, 5), (Z, 4)]) and err == SUMMARY, out + err)
rc, out, err = run("--audit", "--max-objects", "2", small)
check("--audit --max-objects 2: X, Y, Z, then Y again", rc == 0 and out == "Server 10.200.0.1\n" +
      audit_object(X, [1, 3]) + audit_object(Y, [2]) + audit_object(Z, [4]) + audit_object(Y, [5]) + FINDINGS +
      # Held at the end: the auditor's object slots after two evictions (the last object fills the freed
      # slot): frame 4 evicts Y, Z takes its slot: [X, Z]; frame 5 evicts X, the new Y takes slot 0: [Y, Z].
      verdicts([(Y, 5), (Z, 4)]) and
      err == SUMMARY + "2 audit objects evicted (over --max-objects 2 or 16 MiB held at once)\n", out + err)
rc, out, err = run("--audit", "--json", "--max-objects", "2", small)
check("--audit --json --max-objects 2", json.loads(out.splitlines()[-1])["audit_objects_evicted"] == 2, out)
rc, out, err = run("--max-objects", "0", small)
check("--max-objects 0 refused", rc == 2 and "at least 1" in err, err)

# 70 methods of one object (opnums 100-169, no MS-CSVP method: listed with --all): every call is listed, the
# method table has 64 rows, then one for the 6 calls of the methods beyond them.
ops = os.path.join(tmp, "ops.pcap")
write_capture(ops, [(0, X, i, 100 + i) for i in range(70)])
rc, out, err = run("-b", "-a", "-q", ops)
calls = [f"  {i + 1:4}  frame {i + 1:<7} {f'opnum {100 + i}':<40} -> no response\n" for i in range(70)]
rows = [f"  {f'opnum {100 + i}':<40} {1:>7} {1:>7} {'0.000':>12}\n" for i in range(64)]
rows.append(f"  {'(other methods)':<40} {6:>7} {6:>7} {'0.000':>12}\n")
check("-b: 64 method rows, then the others together", out == f"Server 10.200.0.1  object {NAME[X]}  (other)\n" +
      "".join(calls) + f"  {'method':<40} {'calls':>7} {'failed':>7} {'total ms':>12}\n" + "".join(rows) + "\n",
      out[-600:])

# 120,000 calls, frame i on object (X, Y, Z)[(i - 1) % 3] with signature i: about 11 MB of -b lines.
N = 120000
big = os.path.join(tmp, "big.pcap")
write_capture(big, [(i % 3, (X, Y, Z)[i % 3], i + 1) for i in range(N)])
rc, out, err = run("-b", "-q", big)
want = "".join(sequence(o, list(range(k + 1, N + 1, 3))) for k, o in enumerate((X, Y, Z)))
check("-b from runs on file: every call, in order", rc == 0 and out == want, f"{len(out)} vs {len(want)} bytes")
p = subprocess.run([CSVPDUMP, "-b", "-q", big], capture_output=True, env={**os.environ, "TMPDIR": "/nonexistent"})
check("-b: no temporary file, exit 2", p.returncode == 2 and p.stderr.decode().startswith(
      "csvpdump: temporary file: ") and p.stdout == b"", p.stderr.decode())
# --max-objects 1: every call evicts the object before it, so the audit lists 120,000 one-disk blocks (about
# 13 MB), in frame order.
rc, out, err = run("--audit", "--max-objects", "1", big)
want = ("Server 10.200.0.1\n" + "".join(audit_object((X, Y, Z)[i % 3], [i + 1]) for i in range(N)) + FINDINGS +
        verdicts([((X, Y, Z)[(N - 1) % 3], N)]))
check("--audit from runs on file: every object, in order", rc == 0 and out == want and
      err.endswith(f"{N - 1} audit objects evicted (over --max-objects 1 or 16 MiB held at once)\n"),
      f"{len(out)} vs {len(want)} bytes; {err}")

done()
