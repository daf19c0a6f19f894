#!/bin/sh
# sealed.pcap in real tshark (samples/README.md): without the password every
# request and response stub is "Encrypted stub data"; with
# -o ntlmssp.nt_password:Cluster!2026 tshark verifies the NTLMv2 response and
# decrypts all eight stubs.
# usage: check_sealed.sh SAMPLES_DIR      (exit 77: tshark not installed)
set -eu
f=$1/sealed.pcap
. "$(dirname "$0")/tshark_lib.sh"
pw='ntlmssp.nt_password:Cluster!2026'
check "encrypted stubs without the password" "$(ts -Y "($calls) && dcerpc.encrypted_stub_data" | wc -l)" 8
check "no decrypted stub without the password" "$(ts -Y dcerpc.decrypted_stub_data | wc -l)" 0
check "NTLMv2 response verified with the password" \
      "$(ts -o "$pw" -Y '_ws.expert.message contains "NTLMv2 authenticated"' | wc -l)" 1
check "decrypted stubs with the password" "$(ts -o "$pw" -Y "($calls) && dcerpc.decrypted_stub_data" | wc -l)" 8
# Every request stub starts with ORPCTHIS.version 5.7: two little-endian ushorts 05 00 07 00 (MS-DCOM 2.2.13.1).
check "request stubs open with ORPCTHIS 5.7" \
      "$(ts -o "$pw" -Y 'dcerpc.pkt_type == 0' -T fields -e dcerpc.decrypted_stub_data | cut -c1-8 | sort -u)" 05000700
# CprepPrepareNode's response (frame 8): ORPCTHAT flags 0 and a NULL extensions pointer (8 zero bytes),
# pulMajorVersion 10 = 0a000000, pulMinorVersion 0, pdwCPrepVersion 0x00020003 = 03000200, HRESULT S_OK.
check "CprepPrepareNode response decrypted" \
      "$(ts -o "$pw" -Y 'frame.number == 8' -T fields -e dcerpc.decrypted_stub_data)" \
      00000000000000000a000000000000000300020000000000
# CprepDiskAttach's response (frame 14): ORPCTHAT (8 zero bytes) and S_OK.
check "CprepDiskAttach response decrypted" \
      "$(ts -o "$pw" -Y 'frame.number == 14' -T fields -e dcerpc.decrypted_stub_data)" 000000000000000000000000
check "no malformed frame with the password" "$(ts -o "$pw" -Y _ws.malformed | wc -l)" 0
check_done
