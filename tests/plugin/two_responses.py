#!/usr/bin/env python3
"""two_responses.py OUT.pcap

Writes a capture whose one TCP segment carries two DCE/RPC responses (issue 14 item 4): one
IClusterStorage2 association CLIENT 10.20.0.5:50990 -> NODE1 10.20.0.11:49154, a bind and two
CprepDiskAttach requests (call_ids 2 and 3, disks 0x11111111 and 0x22222222) sent back to back,
then both responses in frame 8: call 2 S_OK, call 3 ERROR_NOT_FOUND (0x80070490).
Byte layouts: DCE/RPC connection-oriented PDUs per C706 12.6 (little-endian data
representation), stubs in NDR 2.0 per MS-CSVP 3.2.4.x and MS-DCOM 2.2.13."""
import struct
import sys
import uuid

CLIENT, SERVER = bytes([10, 20, 0, 5]), bytes([10, 20, 0, 11])
CPORT, SPORT = 50990, 49154
ICLUSTERSTORAGE2 = uuid.UUID('12108a88-6858-4467-b92f-e6cf4568dfb6')   # MS-CSVP 2.1
NDR = uuid.UUID('8a885d04-1ceb-11c9-9fe8-08002b104860')                # NDR 2.0 transfer syntax, version 2
IPID = uuid.UUID('0000f1ea-0c70-4a8b-9e3a-6c2d5b7e1a90')               # the object UUID of both requests
OPNUM_ATTACH = 23                                                      # CprepDiskAttach (3.2.4.5)


def pdu(ptype, flags, call_id, body):
    """C706 12.6.3.1 common header: rpc_vers 5.0, PTYPE, pfc_flags, drep (little-endian, ASCII,
    IEEE), frag_length, auth_length 0, call_id; then the PDU's own fields."""
    return struct.pack('<BBBB4sHHI', 5, 0, ptype, flags, b'\x10\0\0\0', 16 + len(body), 0, call_id) + body


def syntax(u, version):
    return u.bytes_le + struct.pack('<I', version)                      # p_syntax_id_t: uuid, version


def bind():   # PTYPE 11, PFC_FIRST_FRAG | PFC_LAST_FRAG; one context: IClusterStorage2 v0.0 over NDR 2.0
    body = struct.pack('<HHI', 5840, 5840, 0)                          # max_xmit/recv_frag, assoc_group_id
    body += struct.pack('<BBH', 1, 0, 0)                               # n_context_elem, reserved
    body += struct.pack('<HBB', 0, 1, 0) + syntax(ICLUSTERSTORAGE2, 0) + syntax(NDR, 2)
    return pdu(11, 0x03, 1, body)


def bind_ack():   # PTYPE 12: sec_addr "49154" (ends at offset 32, already 4-aligned), one result: NDR 2.0 accepted
    body = struct.pack('<HHI', 5840, 5840, 0x1234)
    body += struct.pack('<H', 6) + b'49154\0'                            # port_any_t
    body += struct.pack('<BBH', 1, 0, 0) + struct.pack('<HH', 0, 0) + syntax(NDR, 2)
    return pdu(12, 0x03, 1, body)


def orpcthis(cid):   # MS-DCOM 2.2.13.1: COMVERSION 5.7, flags 0, reserved1 0, cid, extensions NULL
    return struct.pack('<HHII', 5, 7, 0, 0) + cid.bytes_le + struct.pack('<I', 0)


def attach_request(call_id, signature):
    # CprepDiskAttach([in] CPREP_DISKID DiskId): DiskIdType CprepIdSignature (0, an enum sent as 4
    # bytes with its padding), DiskSignature (2.2.2).
    stub = orpcthis(uuid.UUID(int=call_id)) + struct.pack('<II', 0, signature)
    # PTYPE 0, PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_OBJECT_UUID: alloc_hint, p_cont_id, opnum, object
    return pdu(0, 0x83, call_id, struct.pack('<IHH', len(stub), 0, OPNUM_ATTACH) + IPID.bytes_le + stub)


def response(call_id, hresult):
    stub = struct.pack('<II', 0, 0) + struct.pack('<I', hresult)      # ORPCTHAT (flags, NULL extensions), HRESULT
    return pdu(2, 0x03, call_id, struct.pack('<IHBB', len(stub), 0, 0, 0) + stub)   # alloc_hint, p_cont_id, cancel_count


def checksum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(src, dst, sport, dport, seq, ack, flags, payload):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    tcp = tcp[:16] + struct.pack('!H', checksum(src + dst + struct.pack('!BBH', 0, 6, len(tcp)) + tcp)) + tcp[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0x4000, 128, 6, 0, src, dst)
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return b'\0\x15\x5d\0\0\x0b' + b'\0\x15\x5d\0\0\x05' + b'\x08\x00' + ip + tcp   # Ethernet II, IPv4


def main():
    c, s = 1000, 5000   # initial sequence numbers
    out = []
    def send(to_server, flags, payload=b''):
        nonlocal c, s
        if to_server:
            out.append(frame(CLIENT, SERVER, CPORT, SPORT, c, s, flags, payload))
            c += len(payload) + (1 if flags & 0x02 else 0)
        else:
            out.append(frame(SERVER, CLIENT, SPORT, CPORT, s, c, flags, payload))
            s += len(payload) + (1 if flags & 0x02 else 0)
    SYN, ACK, PSH = 0x02, 0x10, 0x08
    out.append(frame(CLIENT, SERVER, CPORT, SPORT, c, 0, SYN, b'')); c += 1           # 1
    send(False, SYN | ACK)                                                            # 2
    send(True, ACK)                                                                   # 3
    send(True, PSH | ACK, bind())                                                     # 4
    send(False, PSH | ACK, bind_ack())                                                # 5
    send(True, PSH | ACK, attach_request(2, 0x11111111))                              # 6
    send(True, PSH | ACK, attach_request(3, 0x22222222))                              # 7
    send(False, PSH | ACK, response(2, 0) + response(3, 0x80070490))                  # 8: both answers
    send(True, ACK)                                                                   # 9
    with open(sys.argv[1], 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))           # pcap, Ethernet
        for i, data in enumerate(out):
            f.write(struct.pack('<IIII', 1767225600 + i, 0, len(data), len(data)) + data)


main()
