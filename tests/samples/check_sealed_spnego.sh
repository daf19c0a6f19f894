#!/bin/sh
# sealed_spnego.pcap in real tshark (samples/README.md): sealed.pcap's session with
# RPC_C_AUTHN_GSS_NEGOTIATE (9), the NTLMSSP logon inside SPNEGO. tshark reads the
# SPNEGO tokens, verifies the NTLMv2 response given -o ntlmssp.nt_password:Cluster!2026
# and decrypts all eight stubs.
# usage: check_sealed_spnego.sh SAMPLES_DIR      (exit 77: tshark not installed)
set -eu
f=$1/sealed_spnego.pcap
. "$(dirname "$0")/tshark_lib.sh"
pw='ntlmssp.nt_password:Cluster!2026'
check "every PDU with a verifier has auth_type 9 (SPNEGO)" "$(ts -Y 'dcerpc.auth_type' -T fields -e dcerpc.auth_type | sort -u)" 9
check "bind: NegTokenInit offering NTLMSSP" \
      "$(ts -Y 'dcerpc.pkt_type == 11' -T fields -e spnego.MechType)" 1.3.6.1.4.1.311.2.2.10
check "bind_ack: supportedMech NTLMSSP" \
      "$(ts -Y 'dcerpc.pkt_type == 12' -T fields -e spnego.supportedMech)" 1.3.6.1.4.1.311.2.2.10
check "encrypted stubs without the password" "$(ts -Y "($calls) && dcerpc.encrypted_stub_data" | wc -l)" 8
check "NTLMv2 response verified with the password" \
      "$(ts -o "$pw" -Y '_ws.expert.message contains "NTLMv2 authenticated"' | wc -l)" 1
check "decrypted stubs with the password" "$(ts -o "$pw" -Y "($calls) && dcerpc.decrypted_stub_data" | wc -l)" 8
# CprepPrepareNode's response (frame 8): ORPCTHAT flags 0 and a NULL extensions pointer (8 zero bytes),
# pulMajorVersion 10 = 0a000000, pulMinorVersion 0, pdwCPrepVersion 0x00020003 = 03000200, HRESULT S_OK.
check "CprepPrepareNode response decrypted" \
      "$(ts -o "$pw" -Y 'frame.number == 8' -T fields -e dcerpc.decrypted_stub_data)" \
      00000000000000000a000000000000000300020000000000
check "no malformed frame with the password" "$(ts -o "$pw" -Y _ws.malformed | wc -l)" 0
check_done
