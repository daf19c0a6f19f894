#!/usr/bin/env python3
"""The memory limits (README "Limits") end what they must and count it: 20 TCP connections, the
k-th (k = 0..19) carrying one complete request (PFC_FIRST_FRAG|PFC_LAST_FRAG, C706 12.6.4.9) at
capture time k x 0.1 s, none answered. Usage: test_limits.py CSVPDUMP"""
import json
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP = sys.argv[1]


def write_capture(path, n):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
        stub = bytes(8)
        # request: common header (16), alloc_hint, p_cont_id 0, opnum 4, then the stub
        body = struct.pack("<IHH", len(stub), 0, 4) + stub
        pdu = struct.pack("<BBBB4sHHI", 5, 0, 0, 3, b"\x10\0\0\0", 16 + len(body), 0, 7) + body
        for k in range(n):
            tcp = struct.pack("!HHIIBBHHH", 50000 + k, 49154, 1000, 0, 5 << 4, 0x18, 65535, 0, 0)
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(pdu), 0, 0, 64, 6, 0,
                             bytes([10, 0, 0, 10]), bytes([10, 0, 0, 11]))
            frame = b"\0" * 12 + b"\x08\x00" + ip + tcp + pdu
            ts = k * 100000  # microseconds
            f.write(struct.pack("<IIII", 1772442000 + ts // 10**6, ts % 10**6, len(frame), len(frame)) + frame)


def summary(path, *opts):
    p = subprocess.run([CSVPDUMP, "--json", "-a", *opts, path], capture_output=True, timeout=60)
    return json.loads(p.stdout.decode().strip().splitlines()[-1]), p.stderr.decode()


with tempfile.TemporaryDirectory() as tmp:
    cap = os.path.join(tmp, "limits.pcap")
    write_capture(cap, 20)

    # Caps. --max-connections 8: connections 8..19 each evict the least recently active one: 12.
    # --max-pending-calls 5: the pushes of calls 5..19 each give up the oldest waiting call: 15.
    # Calls 15..19 are still waiting at the end: delivered, unanswered, not evicted. No timeout fires
    # (the oldest waits 0.5 s at most, under the default 60 s).
    s, err = summary(cap, "--max-connections", "8", "--max-pending-calls", "5")
    check("caps: 20 calls never answered", s["calls_unanswered"] == 20, str(s))
    check("caps: 15 calls evicted", s["calls_evicted"] == 15, str(s))
    check("caps: none expired", s["calls_expired"] == 0 and s["connections_expired"] == 0, str(s))
    check("caps: 12 connections evicted", s["connections_evicted"] == 12, str(s))
    p = subprocess.run([CSVPDUMP, "--max-connections", "8", "--max-pending-calls", "5", cap],
                       capture_output=True, timeout=60)
    err = p.stderr.decode()
    check("caps: text summary says what was evicted",
          "15 calls evicted by the limits (5 calls waiting" in err and
          "12 TCP connections evicted (8 tracked at once)" in err, err)

    # Timeouts. --call-timeout 0.25: at call k's packet (t = 0.1k s) every call j with
    # 0.1k - 0.1j > 0.25 has expired, so by the last packet (k = 19) calls 0..16: 17; 17..19 are
    # flushed at the end. --idle-timeout 0.5: connections are swept once per second of capture time,
    # at t = 0 and t = 1.0; at t = 1.0 connections 0..4 (last seen at t <= 0.4) are idle > 0.5 s: 5.
    s, err = summary(cap, "--call-timeout", "0.25", "--idle-timeout", "0.5")
    check("timeouts: 17 calls expired", s["calls_expired"] == 17, str(s))
    check("timeouts: 5 connections expired", s["connections_expired"] == 5, str(s))
    check("timeouts: nothing evicted", s["calls_evicted"] == 0 and s["connections_evicted"] == 0, str(s))
    p = subprocess.run([CSVPDUMP, "--call-timeout", "0.25", "--idle-timeout", "0.5", cap],
                       capture_output=True, timeout=60)
    err = p.stderr.decode()
    check("timeouts: text summary",
          "20 calls never answered (17 given up after 0.25 s of capture time)" in err and
          "5 TCP connections expired after 0.5 s idle" in err, err)

    rc = subprocess.run([CSVPDUMP, "--max-connections", "-1", cap], capture_output=True).returncode
    check("a negative limit is a usage error", rc == 2, str(rc))

done()
