#!/usr/bin/env python3
"""Deterministic mutation fuzzing of whole captures through csvpdump (built with ASan+UBSan in CI).

Every sample is mutated (byte flips, truncations, duplicated and dropped byte ranges inside the
packet records) with a fixed seed; csvpdump must exit 0, 1 or 2 with no sanitizer report, in every
output mode. Usage: test_fuzz_captures.py CSVPDUMP SAMPLES_DIR [ROUNDS]
"""
import glob
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, SAMPLES = sys.argv[1], sys.argv[2]
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 12
rng = random.Random(20261129)
runs = 0
MODES = [[], ["--json", "-v"], ["--audit", "--json"], ["-v", "--all"], ["--by-server"],
         ["--audit", "--by-server", "--max-objects", "1"]]  # every call evicts: the bounds' paths
# The NTLMSSP-protected samples also with their password, so that mutants reach the logon parser, the
# sec_trailer, SPNEGO and the unwrap of every PDU (samples/README.md: sealed.pcap, signed.pcap,
# sealed_spnego.pcap).
# The Kerberos samples with their keytabs: mutants reach the AP-REQ/AP-REP DER, the ticket and
# authenticator decryption and the RFC 4121 / RFC 4757 tokens.
PASSWORD = ["--password", "Cluster!2026"]
KEYED = {name: PASSWORD for name in ("sealed.pcap", "signed.pcap", "sealed_spnego.pcap")}
KEYED.update({name + ".pcap": ["--keytab", os.path.join(SAMPLES, name + ".keytab")]
              for name in ("sealed_krb5_aes", "sealed_krb5_rc4")})


def mutate(data):
    b = bytearray(data)
    body = 24  # keep the pcap file header so that most mutants are read as captures
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        if op < 0.6:
            for _ in range(rng.randint(1, 16)):
                b[rng.randrange(body, len(b))] = rng.randrange(256)
        elif op < 0.75:
            del b[rng.randrange(body, len(b)):]
        elif op < 0.9:
            a = rng.randrange(body, len(b))
            n = rng.randint(1, 64)
            b[a:a] = b[a:a + n]
        else:
            a = rng.randrange(body, len(b))
            del b[a:a + rng.randint(1, 64)]
        if len(b) <= body:  # keep a record's worth of bytes for the next operation
            b += bytes(8)
    return bytes(b)


with tempfile.TemporaryDirectory() as tmp:
    for path in sorted(glob.glob(os.path.join(SAMPLES, "*.pcap"))):
        data = open(path, "rb").read()
        for i in range(ROUNDS):
            mpath = os.path.join(tmp, f"m{i}.pcap")
            with open(mpath, "wb") as f:
                f.write(mutate(data))
            mode = MODES[i % len(MODES)]
            if os.path.basename(path) in KEYED and i % 3 != 2:
                mode = KEYED[os.path.basename(path)] + mode
            p = subprocess.run([CSVPDUMP, *mode, mpath], capture_output=True)
            runs += 1
            err = p.stderr.decode(errors="replace")
            ok = p.returncode in (0, 1, 2) and "Sanitizer" not in err and "runtime error" not in err
            keep = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"csvp-fuzz-{os.path.basename(path)}-{i}")
            if not ok:
                with open(keep, "wb") as f:
                    f.write(open(mpath, "rb").read())
            check(f"{os.path.basename(path)} mutant {i} {mode}", ok,
                  f"rc={p.returncode}, kept as {keep}\n{err[-2000:]}", quiet=True)

print(f"{runs} mutants run")
done()
