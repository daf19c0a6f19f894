#!/usr/bin/env python3
"""csvpdump --audit on the samples: state timelines and findings.

Expected transitions follow spec 3.2.4.3 (PrepareNode: Initial -> Preparing), 3.2.4.4 (Phase2: -> Online,
disk list NotAttached/NotOwned/NotOnline), 3.2.4.14 (Attach), 3.2.4.15 (PRArbitrate), 3.2.4.7 (Online),
applied to the calls samples/README.md lists; clean samples must give no error finding, a mid-session
capture only unknown_state infos (issue: "never guessed").
Usage: test_audit.py CSVPDUMP SAMPLES_DIR
"""
import json
import os
import subprocess
import sys

CSVPDUMP, SAMPLES = sys.argv[1], sys.argv[2]
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f"  {detail}"[:3000]))
    failures += not cond


def audit(name, *extra):
    p = subprocess.run([CSVPDUMP, "--audit", *extra, os.path.join(SAMPLES, name)], capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def audit_json(name):
    rc, out, err = audit(name, "--json")
    objs = [json.loads(l) for l in out.splitlines()]
    return rc, objs


# 4.1 on NODE1: the disk goes NotAttached -> Attached -> OwnedByThisServer -> Online, no findings.
rc, out, err = audit("disk_online.pcap")
check("disk_online exit 0", rc == 0, err)
order = ["PrepareState Initial -> Preparing", "PrepareState Preparing -> Online",
         "disk Number 2 is disk Signature 0x7A3C9E51",
         "disk Signature 0x7A3C9E51: AttachedState NotAttached -> Attached",
         "disk Signature 0x7A3C9E51: OwnedState NotOwned -> OwnedByThisServer",
         "disk Signature 0x7A3C9E51: OnlineState NotOnline -> Online"]
pos = [out.find(t) for t in order]
check("disk_online timeline in order", all(p >= 0 for p in pos) and pos == sorted(pos), out)
check("disk_online final disk state", "disk Signature 0x7A3C9E51: Attached, OwnedByThisServer, Online" in out, out)
check("disk_online no findings", "Findings: 0 client_sequence, 0 server_conformance, 0 product_behavior, "
      "0 unknown_state (0 errors)" in out, out)

rc, objs = audit_json("disk_online.pcap")
calls = [o for o in objs if o["type"] == "call"]
online = [c for c in calls if c["method"] == "CprepDiskOnline"][0]
check("JSON state after CprepDiskOnline", online["state"].get("OnlineState") == "Online" and
      online["state"].get("OwnedState") == "OwnedByThisServer" and online["state"].get("PrepareState") == "Online"
      and online["state"].get("disk") == "Signature 0x7A3C9E51", online.get("state"))
check("JSON state after CprepPrepareNode", calls[0]["state"].get("PrepareState") == "Preparing", calls[0]["state"])
check("JSON summary findings", objs[-1]["type"] == "summary" and objs[-1]["findings"] == {
    "client_sequence": 0, "server_conformance": 0, "product_behavior": 0, "unknown_state": 0}, objs[-1])

# Every clean sample: no error finding, exit 0.
for name in ["all_methods.pcap", "network_validation.pcap", "cluster_setup.pcap", "transport_stress.pcap",
             "two_servers.pcap", "ipv6.pcap", "mid_session.pcap", "big_endian.pcap"]:
    rc, objs = audit_json(name)
    errs = [o for o in objs if o["type"] == "finding" and o["severity"] == "error"]
    check(f"{name}: no error finding, exit 0", rc == 0 and not errs, errs)

# all_methods: the firewall enumeration past cRetAdapters (3.14.4.2) is the client's doing, rightly refused.
rc, objs = audit_json("all_methods.pcap")
fw = [o for o in objs if o["type"] == "finding" and o["method"] == "GetNextAdapterFirewallConfiguration"]
check("idx == cRetAdapters is client_sequence", len(fw) == 1 and fw[0]["kind"] == "client_sequence" and
      fw[0]["severity"] == "warning" and fw[0]["rule"] == "3.14.4.2" and "cRetAdapters 2" in fw[0]["message"], fw)
check("finding keys", all({"frame", "call_id", "server", "interface", "method", "kind", "severity", "rule",
                           "message"} <= set(o) for o in objs if o["type"] == "finding"))

# mid_session: the first connection's state is unknown: infos only, never an error.
rc, objs = audit_json("mid_session.pcap")
fs = [o for o in objs if o["type"] == "finding"]
check("mid_session: unknown_state infos only", fs and all(o["kind"] == "unknown_state" and o["severity"] == "info"
                                                         for o in fs), fs)
attach = [o for o in objs if o["type"] == "call" and o["method"] == "CprepDiskAttach"][0]
check("mid_session: state inferred from success", attach["state"].get("AttachedState") == "Attached", attach)

# object_identity: IClusterStorage3 reached through IRemUnknown::RemQueryInterface shares the object's state
# (MS-DCOM 3.1.1.5.6.1.1), so its calls are judged, not left unknown.
rc, objs = audit_json("object_identity.pcap")
s3 = [o for o in objs if o["type"] == "call" and o["interface"] == "IClusterStorage3"]
check("object_identity: Storage3 calls see the object's state", rc == 0 and len(s3) == 2 and
      all(c["state"].get("PrepareState") == "Online" and c["state"].get("AttachedState") == "Attached" for c in s3) and
      not [o for o in objs if o["type"] == "finding"], s3)

# sealed: the answers cannot be read, so nothing is judged and the state becomes Unknown, not a guess.
rc, objs = audit_json("sealed.pcap")
calls = [o for o in objs if o["type"] == "call"]
check("sealed: encrypted calls, no findings", rc == 0 and calls and all(c["encrypted"] for c in calls) and
      not [o for o in objs if o["type"] == "finding"], objs)

print(f"{failures} failed")
sys.exit(1 if failures else 0)
