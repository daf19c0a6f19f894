#!/bin/sh
# signed.pcap in real tshark (samples/README.md): the calls of sealed.pcap at
# RPC_C_AUTHN_LEVEL_PKT_INTEGRITY. Every request and response carries an NTLMSSP
# verifier at level 5 and its stub in clear; with -o ntlmssp.nt_password:Cluster!2026
# tshark verifies the NTLMv2 response of the logon. (tshark 4.0 does not check
# integrity checksums; csvpdump's do, in tests/decoder/test_sealed.py.)
# usage: check_signed.sh SAMPLES_DIR      (exit 77: tshark not installed)
set -eu
f=$1/signed.pcap
. "$(dirname "$0")/tshark_lib.sh"
pw='ntlmssp.nt_password:Cluster!2026'
check "every request and response at Packet integrity (5) with NTLMSSP (10)" \
      "$(ts -Y "($calls) && dcerpc.auth_level == 5 && dcerpc.auth_type == 10" | wc -l)" 8
check "no encrypted stub" "$(ts -Y dcerpc.encrypted_stub_data | wc -l)" 0
check "NTLMv2 response verified with the password" \
      "$(ts -o "$pw" -Y '_ws.expert.message contains "NTLMv2 authenticated"' | wc -l)" 1
# Every request stub starts with ORPCTHIS.version 5.7: two little-endian ushorts 05 00 07 00 (MS-DCOM 2.2.13.1).
check "request stubs open with ORPCTHIS 5.7" \
      "$(ts -Y 'dcerpc.pkt_type == 0' -T fields -e dcerpc.stub_data | cut -c1-8 | sort -u)" 05000700
# CprepPrepareNode's response (frame 8): ORPCTHAT flags 0 and a NULL extensions pointer (8 zero bytes),
# pulMajorVersion 10 = 0a000000, pulMinorVersion 0, pdwCPrepVersion 0x00020003 = 03000200, HRESULT S_OK.
check "CprepPrepareNode response in clear" \
      "$(ts -Y 'frame.number == 8' -T fields -e dcerpc.stub_data)" 00000000000000000a000000000000000300020000000000
check "no malformed frame" "$(ts -o "$pw" -Y _ws.malformed | wc -l)" 0
check_done
