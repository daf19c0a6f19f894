#!/usr/bin/env python3
"""Input that is not a regular file (a pipe, as from `tcpdump -U -w - | csvpdump -`) is read as live
capture is: on one thread, each call printed as soon as it is complete (README "Options", --threads).

The pcap header and the frames of disk_online.pcap up to the response of its first call are written
to csvpdump's stdin; its first call line must come out before anything more is written. Then the
rest goes in, and the whole output equals that of the same file read as a file.
Usage: test_stream.py CSVPDUMP SAMPLES_DIR"""
import os
import select
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, SAMPLES = sys.argv[1:3]
path = os.path.join(SAMPLES, "disk_online.pcap")
data = open(path, "rb").read()

# Split at record boundaries (pcap: a 24-byte file header, then per frame a 16-byte header whose
# third word is the captured length, little-endian in the samples' magic 0xa1b2c3d4).
check("disk_online.pcap is little-endian pcap", data[:4] == b"\xd4\xc3\xb2\xa1", data[:4])
ends = []
off = 24
while off < len(data):
    caplen = struct.unpack_from("<I", data, off + 8)[0]
    off += 16 + caplen
    ends.append(off)

whole = subprocess.run([CSVPDUMP, path], capture_output=True)
first_line = whole.stdout.split(b"\n")[0]
first_frame = int(first_line.split()[0])   # the frame holding the first call's request
check("the file's first line is a call", first_line and b"(" in first_line, first_line)

# The first call is complete once its response arrives: find the smallest prefix of frames after which
# csvpdump, reading the prefix as a whole file, prints that line; then stream exactly that prefix.
prefix = None
for n in range(first_frame, len(ends) + 1):
    p = subprocess.run([CSVPDUMP, "-"], input=data[:ends[n - 1]], capture_output=True)
    if p.stdout.startswith(first_line + b"\n"):
        prefix = ends[n - 1]
        break
check("a prefix of the capture completes the first call", prefix is not None and prefix < len(data), prefix)

proc = subprocess.Popen([CSVPDUMP, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
proc.stdin.write(data[:prefix])
proc.stdin.flush()
got = b""
ready, _, _ = select.select([proc.stdout], [], [], 30)
if ready:
    got = os.read(proc.stdout.fileno(), 65536)
check("the first call line comes out while the pipe is still open", got.startswith(first_line + b"\n"), got[:200])
proc.stdin.write(data[prefix:])
proc.stdin.close()
rest = proc.stdout.read()
proc.wait(timeout=60)
err = proc.stderr.read()
check("streamed, the output is that of the file", got + rest == whole.stdout and proc.returncode == whole.returncode,
      (len(got + rest), len(whole.stdout), proc.returncode, err[:200]))
done()
