#!/usr/bin/env python3
"""measure.py - time commands against the bare libpcap loop of the same run, as a table.

    measure.py RUNS LOOP_BIN < ROWS

Each ROWS line is tab-separated: name, capture file, ClusPrep calls in it, then the command (its
words separated by tabs). The loop runs on every capture named; all commands run RUNS times,
interleaved, so a busy moment of a shared machine hits all of them alike. Printed per row: the
best wall time, the best CPU time (user+sys), calls/s at the best wall time, the ratio to the
best wall time of the loop on the same capture, and the highest peak RSS (a Markdown table).
"""
import os
import subprocess
import sys
import tempfile
import time


def run(cmd):
    """Wall seconds, CPU seconds and peak RSS (KiB) of cmd, its output discarded. GNU time reports
    CPU and RSS: a child of this Python would count the interpreter's pages in its peak RSS."""
    with tempfile.NamedTemporaryFile("r") as f:
        t = time.monotonic()
        status = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", f.name, *cmd],
                                stdout=subprocess.DEVNULL).returncode
        wall = time.monotonic() - t
        user, sys_, rss = f.read().split()[-3:]
    if status not in (0, 1):   # 1: decode errors, still a full run
        sys.exit(f"measure.py: {' '.join(cmd)} failed with status {status}")
    return wall, float(user) + float(sys_), int(rss)


def main():
    runs, loop = int(sys.argv[1]), sys.argv[2]
    rows = []
    for line in sys.stdin:
        name, cap, calls, *cmd = line.rstrip("\n").split("\t")
        rows.append((name, cap, int(calls), cmd))
    caps = list(dict.fromkeys(cap for _, cap, _, _ in rows))
    jobs = [("bare loop", cap, 0, [loop, cap]) for cap in caps] + rows
    best = {}
    for _ in range(runs):
        for name, cap, _, cmd in jobs:
            wall, cpu, rss = run(cmd)
            w, c, r = best.get((name, cap), (wall, cpu, rss))
            best[(name, cap)] = (min(w, wall), min(c, cpu), max(r, rss))
    print(f"best of {runs} interleaved runs")
    print("| mode | capture | wall s | CPU s (user+sys) | calls/s | x loop (wall) | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for name, cap, calls, _ in jobs:
        wall, cpu, rss = best[(name, cap)]
        loop_wall = best[("bare loop", cap)][0]
        rate = f"{calls / wall:,.0f}" if calls else ""
        print(f"| {name} | {os.path.basename(cap)} | {wall:.2f} | {cpu:.2f} | {rate} | "
              f"{wall / loop_wall:.2f} | {rss / 1024:.1f} |")


main()
