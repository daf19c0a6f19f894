#!/usr/bin/env python3
"""Captures of DCE/RPC requests that are never answered: the memory bound's worst case (issue 15).

    bench/gen_unanswered.py OUT N      N TCP connections to 10.200.0.1:135, each carrying one
                                       IClusterStorage2 CprepDiskAttach request (opnum 23, no bind:
                                       the interface is inferred), never answered; 1,000 per second.

write_capture(path, calls) is also used by tests/decoder/test_limits.py: calls is a list of
(connection, object_uuid_bytes_or_None, disk_signature[, opnum]), one packet (frame) each, in that order;
connection k is 10.<k>:40000+k%20000 -> 10.200.0.1:135, its TCP sequence numbers continuing.
"""
import struct
import sys

ETH = b"\x00\x15\x5d\x14\x00\x0b\x00\x15\x5d\x14\x00\x0a\x08\x00"
SERVER = bytes([10, 200, 0, 1])
T0 = 1772442000


def request_pdu(call_id, obj, signature, opnum=23):
    # ORPCTHIS (32 bytes, zero), then CPREP_DISKID: DiskIdType CprepIdSignature (0), union arm, DiskSignature.
    stub = bytes(36) + struct.pack("<I", signature)
    flags = 0x03 | (0x80 if obj else 0)            # first and last fragment, object UUID present
    body = struct.pack("<IHH", len(stub), 0, opnum) + (obj or b"") + stub
    return struct.pack("<BBBB4sHHI", 5, 0, 0, flags, b"\x10\x00\x00\x00", 16 + len(body), 0, call_id) + body


def write_capture(path, calls):
    seq = {}
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, (k, obj, *call) in enumerate(calls):
            pdu = request_pdu(seq.get(k, (0, 0))[1] + 1, obj, *call)
            s, n = seq.get(k, (1000, 0))
            seq[k] = (s + len(pdu), n + 1)
            src = bytes([10, (k >> 16) & 255, (k >> 8) & 255, k & 255])
            tcph = struct.pack("!HHIIBBHHH", 40000 + k % 20000, 135, s, 0, 5 << 4, 0x18, 65535, 0, 0)
            iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(pdu), 0, 0, 64, 6, 0, src, SERVER)
            frame = ETH + iph + tcph + pdu
            f.write(struct.pack("<IIII", T0 + i // 1000, (i % 1000) * 1000, len(frame), len(frame)) + frame)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n = int(sys.argv[2])
    write_capture(sys.argv[1], ((k, None, 0) for k in range(n)))


if __name__ == "__main__":
    main()
