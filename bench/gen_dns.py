#!/usr/bin/env python3
"""gen_dns.py OUT [N]: a capture without DCE/RPC, N (default 2000) DNS queries and answers over
UDP/IPv4/Ethernet, for measuring what the csvp plugin costs other traffic (plugin/README.md)."""
import struct
import sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000


def csum(b):
    s = sum(struct.unpack(f'!{len(b) // 2}H', b))
    s = (s >> 16) + (s & 0xFFFF)
    return ~(s + (s >> 16)) & 0xFFFF


def frame(src, dst, sport, dport, dns):
    udp = struct.pack('!HHHH', sport, dport, 8 + len(dns), 0) + dns
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    return b'\x00\x15\x5d\x14\x00\x0b\x00\x15\x5d\x14\x00\x0a\x08\x00' + ip + udp


with open(out, 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i in range(n):
        name = b''.join(bytes([len(p)]) + p for p in [f'host{i % 97}'.encode(), b'contoso', b'local']) + b'\0'
        q = struct.pack('!HHHHHH', i & 0xFFFF, 0x0100, 1, 0, 0, 0) + name + struct.pack('!HH', 1, 1)
        a = (struct.pack('!HHHHHH', i & 0xFFFF, 0x8180, 1, 1, 0, 0) + name + struct.pack('!HH', 1, 1) +
             b'\xc0\x0c' + struct.pack('!HHIH', 1, 1, 300, 4) + bytes([10, 20, 0, i % 250 + 1]))
        for k, pkt in enumerate([frame([10, 20, 0, 10], [10, 20, 0, 1], 50000 + i % 1000, 53, q),
                                 frame([10, 20, 0, 1], [10, 20, 0, 10], 53, 50000 + i % 1000, a)]):
            t = 1700000000 * 1000000 + (2 * i + k) * 1000
            f.write(struct.pack('<IIII', t // 1000000, t % 1000000, len(pkt), len(pkt)) + pkt)
