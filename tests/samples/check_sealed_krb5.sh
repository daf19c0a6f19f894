#!/bin/sh
# The Kerberos-sealed samples in real tshark, an implementation independent of
# ours (samples/README.md): without the keytab every request and response stub
# is "Encrypted stub data"; with -o kerberos.decrypt:TRUE -o kerberos.file:KEYTAB
# tshark opens the ticket, the authenticator and the AP-REP itself and decrypts
# every stub to exactly the bytes the synthesizer sealed (NAME.stubs, one
# "request|response HEX" line per PDU in capture order).
# usage: check_sealed_krb5.sh SAMPLES_DIR      (exit 77: tshark not installed)
set -eu
dir=$1
. "$(dirname "$0")/tshark_lib.sh"
for name in sealed_krb5_aes sealed_krb5_rc4; do
    f=$dir/$name.pcap
    kt="kerberos.file:$dir/$name.keytab"
    tsk() { tshark -n -r "$f" -o kerberos.decrypt:TRUE -o "$kt" "$@" 2>/dev/null; }
    check "$name: encrypted stubs without the keytab" "$(ts -Y "($calls) && dcerpc.encrypted_stub_data" | wc -l)" 8
    check "$name: no decrypted stub without the keytab" "$(ts -Y dcerpc.decrypted_stub_data | wc -l)" 0
    want=$(cut -d' ' -f2 "$dir/$name.stubs")
    check "$name: $(wc -l <"$dir/$name.stubs") sealed stubs listed" "$(wc -l <"$dir/$name.stubs")" 8
    check "$name: request/response order of the list" "$(cut -d' ' -f1 "$dir/$name.stubs" | paste -sd' ' -)" \
          "request response request response request response request response"
    # tshark opens the ticket with the keytab's key (usage 2), then both AP-REPs with the session key
    # it found there (usage 12): the logon is consistent, not only the sealing.
    check "$name: ticket opened with the keytab, AP-REPs with its session key" \
          "$(tsk -Y '_ws.expert.message contains "usage 2 using keytab principal RPCSS/NODE1.contoso.local@CONTOSO.LOCAL"
                     || _ws.expert.message contains "usage 12 using learnt encTicketPart_key"' -T fields -e frame.number |
             paste -sd, -)" "4,5,6"
    check "$name: tshark decrypts every stub to the bytes sealed" \
          "$(tsk -Y "$calls" -T fields -e dcerpc.decrypted_stub_data)" "$want"
    check "$name: no malformed frame, warning or error with the keytab" \
          "$(tsk -Y "_ws.malformed || _ws.expert.severity >= 0x600000" | wc -l)" 0
done
# sealed_krb5_aes: SPNEGO (auth_type 9) on every authenticated PDU, header signing asked in the bind and
# granted in the bind_ack (PFC_SUPPORT_HEADER_SIGN 0x04), the third leg in alter_context, and tshark
# reading the ticket with the keytab (the AP-REQ's encrypted part opens).
f=$dir/sealed_krb5_aes.pcap
check "aes: auth_type 9 throughout" "$(tshark -n -r "$f" -Y dcerpc.auth_type -T fields -e dcerpc.auth_type 2>/dev/null | sort -u)" 9
check "aes: header signing in bind and bind_ack" \
      "$(tshark -n -r "$f" -Y '(dcerpc.pkt_type == 11 || dcerpc.pkt_type == 12) && dcerpc.cn_flags.cancel_pending == 1' 2>/dev/null | wc -l)" 2
check "aes: the third leg is an alter_context with a token" \
      "$(tshark -n -r "$f" -Y 'dcerpc.pkt_type == 14 && dcerpc.cn_auth_len > 0' 2>/dev/null | wc -l)" 1
check "aes: aes256 ticket kvno 3 for RPCSS/NODE1.contoso.local" \
      "$(tshark -n -r "$f" -Y 'frame.number == 4' -T fields -e kerberos.etype -e kerberos.kvno -e kerberos.SNameString 2>/dev/null | head -1)" \
      "18,18	3	RPCSS,NODE1.contoso.local"
f=$dir/sealed_krb5_rc4.pcap
check "rc4: auth_type 16 throughout" "$(tshark -n -r "$f" -Y dcerpc.auth_type -T fields -e dcerpc.auth_type 2>/dev/null | sort -u)" 16
check "rc4: the third leg is an auth3" "$(tshark -n -r "$f" -Y 'dcerpc.pkt_type == 16 && dcerpc.cn_auth_len > 0' 2>/dev/null | wc -l)" 1
check_done
