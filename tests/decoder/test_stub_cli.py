#!/usr/bin/env python3
"""csvpdump stub: exit statuses, text and JSON output of hand-derived stubs.

Each stub below is derived from the NDR rules (C706 ch.14, MS-DCOM 2.2.13):
  ORPCTHIS = COMVERSION {5, 7} (u16 u16) | flags u32 | reserved1 u32 | cid GUID (16) | extensions NULL (u32 0)
  CPREP_DISKID = DiskIdType u16 | union discriminant u16 (same value) | arm aligned to 4
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP = sys.argv[1]
ORPCTHIS = "05000700 00000000 00000000 0102030405060708090a0b0c0d0e0f10 00000000"
ORPCTHAT = "00000000 00000000"  # flags 0, extensions NULL


def run(args, stdin=""):
    p = subprocess.run([CSVPDUMP, "stub"] + args + ["-"], input=stdin.encode(), capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


# CprepDiskAttach (opnum 23, 3.2.4.14) with a Signature DiskId: 0000 0000 then 0x12345678 little-endian.
rc, out, err = run(["--interface", "IClusterStorage2", "--opnum", "23", "--request", "--json"],
                   ORPCTHIS + " 0000 0000 78563412")
j = json.loads(out)
check("attach rc", rc == 0, err)
check("attach DiskIdType", j["request"]["DiskId"]["DiskIdType"] == "CprepIdSignature", out)
check("attach DiskSignature", j["request"]["DiskId"]["DiskSignature"] == 0x12345678, out)
check("attach no ORPCTHIS without -v", "ORPCTHIS" not in j["request"], out)

# Same by UUID, with the GUID arm: DiskIdType 1 (u16), discriminant 1, GUID {01020304-0506-0708-...}:
# Data1 little-endian 04030201, Data2 0605, Data3 0807, then Data4 bytes as they are.
rc, out, err = run(["--interface", "12108a88-6858-4467-b92f-e6cf4568dfb6", "--opnum", "23", "--request",
                    "--json"], ORPCTHIS + " 0100 0100 04030201 0605 0807 090a0b0c0d0e0f10")
j = json.loads(out)
check("guid arm", j["request"]["DiskId"] == {"DiskIdType": "CprepIdGuid",
                                              "DiskGuid": "01020304-0506-0708-090a-0b0c0d0e0f10"}, out)

# CprepDiskOnline response (opnum 13, 3.2.4.7): ORPCTHAT, MaxPartitionNumber u32 = 2, HRESULT 0x8007139F.
rc, out, err = run(["-I", "IClusterStorage2", "-o", "13", "--response", "--json"],
                   ORPCTHAT + " 02000000 9f130780")
j = json.loads(out)
check("online response rc", rc == 0, err)
check("online MaxPartitionNumber", j["response"] == {"MaxPartitionNumber": 2}, out)
check("online hresult", j["hresult"] == "0x8007139F" and j["status"] == "ERROR_INVALID_STATE", out)

# Big-endian: CprepDiskOnline request with a Number DiskId: DiskIdType 0x0fa0 as 0f a0, discriminant again,
# DeviceNumber 3 as 00000003. ORPCTHIS integers big-endian too: 0005 0007.
rc, out, err = run(["-I", "IClusterStorage2", "-o", "13", "--request", "--big-endian"],
                   "00050007 00000000 00000000 0102030405060708090a0b0c0d0e0f10 00000000 0fa0 0fa0 00000003")
check("big-endian text", rc == 0 and "DiskIdType = CprepIdNumber (0xfa0)" in out and "DeviceNumber = 3" in out,
      out + err)

# Text mode shows the HRESULT by name.
rc, out, err = run(["-I", "IClusterStorage2", "-o", "13", "--response"], ORPCTHAT + " 02000000 00000000")
check("text hresult", "hresult = S_OK" in out, out)

# Truncated: the DiskSignature is cut after 2 of its 4 bytes -> exit 1, the problem names the field and offset 36.
rc, out, err = run(["-I", "IClusterStorage2", "-o", "23", "--request", "--json"], ORPCTHIS + " 0000 0000 7856")
j = json.loads(out)
check("truncated rc", rc == 1, str(rc))
check("truncated error names field", any("DiskId" in e and "36" in e for e in j["errors"]), out)

# Unknown discriminant 7 -> exit 1 with a problem naming DiskId.
rc, out, err = run(["-I", "IClusterStorage2", "-o", "23", "--request"], ORPCTHIS + " 0700 0700 00000000")
check("unknown discriminant", rc == 1 and "DiskId" in out and "discriminant" in out, out)

# Usage errors: exit 2 and one line on stderr.
for args, stdin, what in [
    (["-I", "IClusterBogus", "-o", "3", "--request"], ORPCTHIS, "unknown interface"),
    (["-I", "IClusterStorage2", "-o", "99", "--request"], ORPCTHIS, "no method"),
    (["-I", "IClusterStorage2", "-o", "8", "--request"], ORPCTHIS, "NotUsedOnWire"),
    (["-I", "IClusterStorage2", "-o", "23", "--request"], "05 00 zz", "bad hex"),
    (["-I", "IClusterStorage2", "-o", "23", "--request"], "050", "odd digits"),
    (["-I", "IClusterStorage2", "-o", "23"], ORPCTHIS, "no direction"),
]:
    rc, out, err = run(args, stdin)
    check("usage: " + what, rc == 2 and err.count("\n") == 1, f"rc={rc} err={err!r}")

# An unreadable file.
p = subprocess.run([CSVPDUMP, "stub", "-I", "IClusterLog", "-o", "3", "--request", "/nonexistent/x"],
                   capture_output=True)
check("unreadable file", p.returncode == 2 and "cannot read" in p.stderr.decode(), p.stderr.decode())

# ConfigSvcSecret (opnum 3, 3.10.4.1): SecretBLOB is a BSTR, a [unique] FLAGGED_WORD_BLOB* (MS-OAUT 2.2.23.2):
# referent id 0x00020000, max_count 3, cBytes 6, clSize 3, "abc" in UTF-16LE. A secret: redacted as its length
# (3 UTF-8 bytes) and SHA-256 prefix (FIPS 180-2's "abc" example: ba7816bf...), shown with --show-secrets.
SECRET_REQ = ORPCTHIS + " 00000200 03000000 06000000 03000000 610062006300"
rc, out, err = run(["--interface", "IClusterSetup", "--opnum", "3", "--request", "--json"], SECRET_REQ)
check("secret redacted in JSON", rc == 0 and json.loads(out)["request"]["SecretBLOB"] ==
      {"redacted": True, "length": 3, "sha256_prefix": "ba7816bf"}, out + err)
rc, out, err = run(["--interface", "IClusterSetup", "--opnum", "3", "--request"], SECRET_REQ)
check("secret redacted in text", rc == 0 and "SecretBLOB = <redacted: 3 bytes, sha256 ba7816bf...>" in out and
      '"abc"' not in out, out + err)
rc, out, err = run(["--interface", "IClusterSetup", "--opnum", "3", "--request", "--json", "--show-secrets"], SECRET_REQ)
check("secret shown with --show-secrets", rc == 0 and json.loads(out)["request"]["SecretBLOB"] == "abc", out + err)

# Revision 34. GenerateLogEx2 (IClusterLogEx3 opnum 12 by inheritance, ERRATA.md 21), by UUID: ORPCTHIS,
# Type u16 = 4 (ClusterLogTypeNetft) + 2 padding, SpanMinutes u32 = 60, flags u16 = 3 + 2 padding, NoCollate = 1.
rc, out, err = run(["-I", "e6d3c166-560f-4b58-b31a-fdea05fb606f", "-o", "12", "--request", "--json"],
                   ORPCTHIS + " 0400 0000 3c000000 0300 0000 01000000")
j = json.loads(out)
check("GenerateLogEx2 request", rc == 0 and j["method"] == "GenerateLogEx2" and j["request"] == {
    "Type": "ClusterLogTypeNetft", "SpanMinutes": 60, "flags": 3,
    "flags_names": ["ClusterLogFlagLocalTime", "ClusterLogFlagSkipClusterState"], "NoCollate": 1}, out + err)

# RetrieveClusterCertV2 (IClusterSetup opnum 15) with 3.10.4.10's directions: the request is certType alone,
# a u16 = 2 (Cluster_PKU2U); section 6's CLUSTER_CERT would need 15434 bytes, so the other layout decodes it.
rc, out, err = run(["-I", "IClusterSetup", "-o", "15", "--request", "--json"], ORPCTHIS + " 0200")
j = json.loads(out)
check("RetrieveClusterCertV2 page layout", rc == 0 and j["request"] == {"certType": "Cluster_PKU2U"} and
      j.get("layout") == "directions of section 3.10.4.10", out + err)
rc, out, err = run(["-I", "IClusterSetup", "-o", "15", "--request"], ORPCTHIS + " 0200")
check("layout line in text", rc == 0 and "  layout: directions of section 3.10.4.10" in out, out)

done()
