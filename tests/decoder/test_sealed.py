#!/usr/bin/env python3
"""csvpdump on NTLMSSP-protected captures (issue 8).

sealed.pcap (PKT_PRIVACY) decrypted with the password must give the calls and values of its clear
twin signed.pcap (PKT_INTEGRITY, stubs in clear on the wire, decoded without any key): the expected
values come from an independent decode path, not from pasted output. Without a key or with a wrong
one the calls stay sealed, with no values, and the summary says why once. Altered bytes give an error
on that call only. Usage: test_sealed.py CSVPDUMP SAMPLES_DIR
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, SAMPLES = sys.argv[1], sys.argv[2]
SEALED, SIGNED = os.path.join(SAMPLES, "sealed.pcap"), os.path.join(SAMPLES, "signed.pcap")
SPNEGO = os.path.join(SAMPLES, "sealed_spnego.pcap")
PASSWORD = "Cluster!2026"
ASSOC = "10.20.0.10:51301 -> 10.20.0.11:49154"


def run(*args, env=None):
    e = dict(os.environ)
    e.pop("CSVP_PASSWORD", None)
    e.update(env or {})
    p = subprocess.run([CSVPDUMP, *args], capture_output=True, env=e)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def jrun(*args, env=None):
    rc, out, err = run("--json", *args, env=env)
    objs = [json.loads(line) for line in out.splitlines()]
    return rc, [o for o in objs if o["type"] == "call"], [o for o in objs if o["type"] == "summary"][0], err, objs


def md4(msg):
    """RFC 1320 MD4, for NT hashes (OpenSSL 3 no longer offers it to hashlib)."""
    def f(x, y, z): return (x & y) | (~x & z)
    def g(x, y, z): return (x & y) | (x & z) | (y & z)
    def h(x, y, z): return x ^ y ^ z
    def rol(v, s): return ((v << s) | (v >> (32 - s))) & 0xffffffff
    n = len(msg)
    msg = msg + b"\x80" + b"\x00" * ((55 - n) % 64) + struct.pack("<Q", n * 8)
    a, b, c, d = 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476
    for off in range(0, len(msg), 64):
        x = struct.unpack("<16I", msg[off:off + 64])
        aa, bb, cc, dd = a, b, c, d
        for i in range(16):
            k, s = i, (3, 7, 11, 19)[i % 4]
            a, b, c, d = d, rol((a + f(b, c, d) + x[k]) & 0xffffffff, s), b, c
        for i in range(16):
            k, s = (i % 4) * 4 + i // 4, (3, 5, 9, 13)[i % 4]
            a, b, c, d = d, rol((a + g(b, c, d) + x[k] + 0x5a827999) & 0xffffffff, s), b, c
        for i in range(16):
            k, s = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)[i], (3, 9, 11, 15)[i % 4]
            a, b, c, d = d, rol((a + h(b, c, d) + x[k] + 0x6ed9eba1) & 0xffffffff, s), b, c
        a, b, c, d = (a + aa) & 0xffffffff, (b + bb) & 0xffffffff, (c + cc) & 0xffffffff, (d + dd) & 0xffffffff
    return struct.pack("<4I", a, b, c, d).hex()


# RFC 1320 A.5 test suite, so that the NT hash below is trustworthy.
check("md4 (RFC 1320)", md4(b"") == "31d6cfe0d16ae931b73c59d7e0c089c0" and
      md4(b"abc") == "a448017aaf21d8525fc10ae87aa6729d" and
      md4(b"12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
      "e33b4ddc9c38f2199c3e7b164fcc0536")
NT_HASH = md4(PASSWORD.encode("utf-16-le"))   # MS-NLMP 3.3.1 NTOWFv1


# The two sessions differ only where the synthesizer draws at random (the logon, the object's IPID, the
# ORPCTHIS causality ids) and in capture times; every other key must agree.
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def values(c):
    return {k: c[k] for k in ("interface", "method", "opnum", "call_id", "hresult", "status", "fault",
                              "request", "response", "errors", "client", "server")}


# ---- the clear twin ----
rc, twin, twin_summ, err, _ = jrun(SIGNED)
check("signed.pcap without a key: rc 0, 4 calls with values", rc == 0 and len(twin) == 4 and
      all(c["request"] is not None and c["response"] is not None and not c["sealed"] for c in twin), (rc, err, twin))
check("signed.pcap is the sealed session's twin", [c["method"] for c in twin] == [
    "CprepPrepareNode", "CprepPrepareNodePhase2", "CprepDiskGetProps", "CprepDiskAttach"])

# ---- decrypted with the password: the twin's values ----
rc, cs, summ, err, _ = jrun("--password", PASSWORD, SEALED)
check("sealed.pcap --password: rc 0", rc == 0, err)
check("sealed.pcap --password: the twin's calls and values", [values(c) for c in cs] == [values(c) for c in twin],
      ([values(c) for c in cs], [values(c) for c in twin]))
check("sealed.pcap --password: sealed, decrypted, not encrypted",
      all(c["sealed"] and c["decrypted"] and not c["encrypted"] for c in cs), cs)
check("sealed.pcap --password: no sealed association left", summ["sealed_associations"] == [] and
      summ["decode_errors"] == 0, summ)
for mode in (["-v"], ["--json", "-v"], ["--audit"], ["--audit", "--json"], ["-b"]):
    a = run(*mode, "--password", PASSWORD, SEALED)
    b = run(*mode, SIGNED)
    strip = lambda s: re.sub(r'\d\d:\d\d:\d\d\.\d{6}|"time":[0-9.]+|,"sealed":\w+,"decrypted":\w+|'
                             r'"bytes":\d+|' + UUID, "X", s)
    check(f"sealed.pcap --password {' '.join(mode)} decodes as the clear twin", a[0] == b[0] and
          strip(a[1]) == strip(b[1]), (a, b))

# ---- the same session with SPNEGO (auth type 9) around the NTLMSSP logon ----
rc, cs, summ, err, _ = jrun("--password", PASSWORD, SPNEGO)
check("sealed_spnego.pcap --password: the twin's calls and values", rc == 0 and
      [values(c) for c in cs] == [values(c) for c in twin] and all(c["decrypted"] for c in cs), (rc, err, cs))
rc, cs, summ, err, _ = jrun(SPNEGO)
check("sealed_spnego.pcap without a key: NTLMSSP named inside SPNEGO", summ["sealed_associations"] == [{
    "client": "10.20.0.10:51301", "server": "10.20.0.11:49154", "mechanism": "NTLMSSP for CONTOSO\\Administrator",
    "reason": "no key (give --password or --nt-hash)"}] and all(c["encrypted"] for c in cs), summ)

# ---- other ways to give the key ----
for name, args, env in (
        ("--nt-hash", ["--nt-hash", NT_HASH], None),
        ("--nt-hash USER:", ["--nt-hash", "administrator:" + NT_HASH.upper()], None),
        ("CSVP_PASSWORD", [], {"CSVP_PASSWORD": PASSWORD}),
        ("several passwords", ["--password", "nope", "--password", PASSWORD], None)):
    rc, cs, summ, err, _ = jrun(*args, SEALED, env=env)
    check(f"key from {name}", rc == 0 and [values(c) for c in cs] == [values(c) for c in twin] and
          summ["sealed_associations"] == [], (rc, err, summ))
with tempfile.TemporaryDirectory() as tmp:
    pf = os.path.join(tmp, "pw")
    with open(pf, "w") as f:
        f.write("first-wrong\r\n\r\n" + PASSWORD + "\r\n")
    rc, cs, summ, err, _ = jrun("--password-file", pf, SEALED)
    check("key from --password-file (CRLF, empty line)", rc == 0 and all(c["decrypted"] for c in cs), (rc, err))
    rc, out, err = run("--password-file", os.path.join(tmp, "missing"), SEALED)
    check("--password-file missing: usage error", rc == 2 and "--password-file" in err, err)
rc, out, err = run("--nt-hash", "Administrator:1234", SEALED)
check("--nt-hash malformed: usage error that does not echo the value", rc == 2 and "1234" not in err, err)
rc, cs, summ, err, _ = jrun("--nt-hash", "bob:" + NT_HASH, SEALED)
check("--nt-hash of another user is not tried", all(c["encrypted"] for c in cs) and
      summ["sealed_associations"][0]["reason"] == "no key (give --password or --nt-hash)", summ)

# ---- no key, wrong key: sealed, no values, one reason per association ----
NO_KEY = "no key (give --password or --nt-hash)"
WRONG = "wrong password: the NTLMv2 response does not verify for CONTOSO\\Administrator"
for name, args, reason in (("no key", [], NO_KEY), ("wrong password", ["--password", "Cluster!2025"], WRONG)):
    rc, cs, summ, err, _ = jrun(*args, SEALED)
    check(f"{name}: 4 calls sealed, encrypted, no values", rc == 0 and len(cs) == 4 and
          all(c["sealed"] and c["encrypted"] and not c["decrypted"] and c["request"] is None and
              c["response"] is None and c["hresult"] is None for c in cs), cs)
    check(f"{name}: summary sealed_associations", summ["sealed_associations"] == [{
        "client": "10.20.0.10:51301", "server": "10.20.0.11:49154",
        "mechanism": "NTLMSSP for CONTOSO\\Administrator", "reason": reason}], summ)
    rc, out, err = run(*args, SEALED)
    line = f"{ASSOC}: sealed with NTLMSSP for CONTOSO\\Administrator: {reason}"
    check(f"{name}: text summary says why, once", err.count(line) == 1 and err.count("sealed with") == 1, err)
    check(f"{name}: text calls stay (encrypted)", out.count("(encrypted) -> encrypted") == 4, out)
    rc, out, err = run(*args, "--json", SEALED)
    check(f"{name}: no key material printed", PASSWORD not in out + err and NT_HASH not in (out + err).lower())

# ---- altered bytes: an error on that call, the rest decoded ----
def altered(path, find, replace):
    data = open(path, "rb").read()
    check(f"{os.path.basename(path)}: bytes to alter found once", data.count(find) == 1)
    fd, out = tempfile.mkstemp(suffix=".pcap")
    os.write(fd, data.replace(find, replace))
    os.close(fd)
    return out


# CprepPrepareNode's response stub in clear (samples/README.md): ORPCTHAT (8 zero bytes), pulMajorVersion 10,
# pulMinorVersion 0, pdwCPrepVersion 0x00020003; signed.pcap carries it as is. Make the major version 11.
RESP = bytes.fromhex("00000000000000000a000000000000000300020000000000")
p = altered(SIGNED, RESP, RESP.replace(b"\x0a", b"\x0b", 1))
rc, cs, summ, err, _ = jrun("--password", PASSWORD, p)
check("signed, altered, with the key: the call has the error and no response values",
      rc == 1 and cs[0]["response"] is None and
      any("response call_id 2: NTLMSSP signature does not verify" in e for e in cs[0]["errors"]), cs[0])
check("signed, altered, with the key: the other calls verify", [values(c) for c in cs[1:]] ==
      [values(c) for c in twin[1:]], cs[1:])
rc, cs, summ, err, _ = jrun(p)
check("signed, altered, without a key: the clear values are shown", cs[0]["response"]["pulMajorVersion"] == 11, cs[0])
os.unlink(p)

# In sealed.pcap flip one bit of the last response's ciphertext (the PDU ends with the 16-byte verifier after the
# 8-byte sec_trailer: take the byte before the trailer, the last byte of the padded stub).
data = open(SEALED, "rb").read()
trailer = bytes([10, 6])    # auth_type WINNT, auth_level PKT_PRIVACY
last = data.rfind(trailer)
fd, p = tempfile.mkstemp(suffix=".pcap")
os.write(fd, data[:last - 1] + bytes([data[last - 1] ^ 1]) + data[last:])
os.close(fd)
rc, cs, summ, err, _ = jrun("--password", PASSWORD, p)
check("sealed, altered, with the key: error on that call, still encrypted, no values",
      rc == 1 and cs[3]["encrypted"] and cs[3]["response"] is None and
      any("NTLMSSP signature does not verify" in e for e in cs[3]["errors"]), cs[3])
# The one bad signature is one decode error: attached to its call and counted once (it was twice).
check("sealed, altered, with the key: one decode error in the summary",
      summ["decode_errors"] == 1 and sum(len(c["errors"]) for c in cs) == 1, summ)
check("sealed, altered, with the key: the request and the other calls decrypt",
      [values(c) for c in cs[:3]] == [values(c) for c in twin[:3]] and cs[3]["request"] == twin[3]["request"], cs)
rc, out, err = run("-v", "--password", PASSWORD, p)
check("sealed, altered, -v: the error under the call", "    error: frame 14: response call_id 5: NTLMSSP signature "
      "does not verify" in out, out)
os.unlink(p)

# auth_length of CprepPrepareNode's response (frame 8, call_id 2) larger than its PDU: the header is
# 05 00 02 03 10 00 00 00, frag_length, auth_length 16 (10 00), call_id 2.
data = open(SEALED, "rb").read()
hdr = re.search(rb"\x05\x00\x02\x03\x10\x00\x00\x00..\x10\x00\x02\x00\x00\x00", data, re.S)
fd, p = tempfile.mkstemp(suffix=".pcap")
os.write(fd, data[:hdr.start() + 10] + b"\xf0\x00" + data[hdr.start() + 12:])
os.close(fd)
rc, cs, summ, err, _ = jrun("--password", PASSWORD, p)
check("auth_length 240 past the PDU: reported, that response dropped",
      rc == 1 and "auth_length 240 does not fit in frag_length" in err and cs[0]["response"] is None, (err, cs[0]))
check("auth_length past the PDU: later requests still decrypt",
      [c["request"] for c in cs[1:]] == [c["request"] for c in twin[1:]], cs)
os.unlink(p)

# ---- Kerberos (issue 8 item 3): the Kerberos twins of sealed.pcap with their keytabs ----
# sealed_krb5_aes.pcap: SPNEGO + aes256 with header signing and the alter_context third leg, client port
# 51302; sealed_krb5_rc4.pcap: raw Kerberos (auth type 16) rc4 with auth3, client port 51303
# (samples/README.md). Both make signed.pcap's four calls with its values.
def twin_values(c):
    v = values(c)
    v.pop("client")
    return v


for name, port, enctype, kvno in (("sealed_krb5_aes", 51302, "aes256-cts-hmac-sha1-96", 3),
                                  ("sealed_krb5_rc4", 51303, "arcfour-hmac", 2)):
    cap, keytab = os.path.join(SAMPLES, name + ".pcap"), os.path.join(SAMPLES, name + ".keytab")
    rc, cs, summ, err, _ = jrun("--keytab", keytab, cap)
    check(f"{name} --keytab: the twin's calls and values", rc == 0 and
          [twin_values(c) for c in cs] == [twin_values(c) for c in twin] and
          all(c["sealed"] and c["decrypted"] and not c["encrypted"] for c in cs) and
          summ["sealed_associations"] == [], (rc, err, cs))
    for mode in (["-v"], ["--audit"], ["--audit", "--json"], ["-b"]):
        a = run(*mode, "--keytab", keytab, cap)
        b = run(*mode, SIGNED)
        # Beyond sealed.pcap's differences: the Kerberos sessions have their own frame numbers (the aes one
        # an alter_context more) and response times 1 us apart.
        strip = lambda s: re.sub(r'\d\d:\d\d:\d\d\.\d{6}|"time":[0-9.]+|,"sealed":\w+,"decrypted":\w+|'
                                 r'"bytes":\d+|:5130[123]|(?m:^ *\d+ )|frame \d+ *|frame":\d+|"rtt_ms":[0-9.]+|'
                                 r'\d+\.\d{3}( ms)?$|\d+\.\d{3} ms|\d+ packets|"packets":\d+|"dcerpc_pdus":\d+|'
                                 + UUID, "X", s, flags=re.M)
        check(f"{name} --keytab {' '.join(mode)} decodes as the clear twin", a[0] == b[0] and
              strip(a[1]) == strip(b[1]), (a, b))
    mech = f"Kerberos {enctype} for RPCSS/NODE1.contoso.local@CONTOSO.LOCAL kvno {kvno}"
    rc, cs, summ, err, _ = jrun(cap)
    check(f"{name} without a keytab: sealed, no values, the reason once", all(
        c["encrypted"] and c["request"] is None and c["response"] is None for c in cs) and
          summ["sealed_associations"] == [{"client": f"10.20.0.10:{port}", "server": "10.20.0.11:49154",
                                            "mechanism": mech, "reason": "no key (give --keytab)"}], summ)
# The aes sample's keytab holds kvno 3 aes keys only: the rc4 ticket (kvno 2) finds nothing to open it.
rc, cs, summ, err, _ = jrun("--keytab", os.path.join(SAMPLES, "sealed_krb5_aes.keytab"),
                            os.path.join(SAMPLES, "sealed_krb5_rc4.pcap"))
check("rc4 sample with the aes keytab: no values, the keytab named as the reason",
      all(c["encrypted"] for c in cs) and len(summ["sealed_associations"]) == 1 and
      "kvno 2" in summ["sealed_associations"][0]["mechanism"] and
      "keytab" in summ["sealed_associations"][0]["reason"], summ)

done()
