#!/usr/bin/env python3
"""csvpdump --report: the HTML/SVG of the samples, element by element.

Marks per server, their outcomes and colours equal the calls `csvpdump --json` lists; titles carry frame,
method, arguments, status and response time as the text output prints them; disk bands follow the
transitions of samples/README.md (disk_online: spec 4.1; violations: frames 10-28); findings link to marks;
a capture with more calls than can be drawn is bucketed and says so.
Usage: test_report.py CSVPDUMP CSVP_SYNTH SAMPLES_DIR
"""
import json
import os
import stat
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_dom import parse  # noqa: E402

CSVPDUMP, SYNTH, SAMPLES = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="csvp-report-")
FILL = {"o-ok": "#43a047", "o-error": "#e53935", "o-fault": "#8e24aa", "o-noresp": "#757575",
        "o-encrypted": "#1e88e5"}


def report(*args):
    out = os.path.join(TMP, "r.html")
    if os.path.exists(out):
        os.unlink(out)
    p = subprocess.run([CSVPDUMP, "-q", "--report", out, *args], capture_output=True)
    html = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
    return p.returncode, html, p.stderr.decode()


def expected_calls(*args):
    """(server host, frame, outcome) of each call csvpdump --json lists, the outcome derived from its JSON."""
    p = subprocess.run([CSVPDUMP, "--json", *args], capture_output=True)
    calls = []
    for line in p.stdout.decode().splitlines():
        o = json.loads(line)
        if o["type"] == "fault":
            calls.append((o["server"].rsplit(":", 1)[0].strip("[]"), o["frame"], "o-fault"))
        elif o["type"] == "call":
            if o["fault"]:
                out = "o-fault"
            elif not o["response_frame"]:
                out = "o-noresp"
            elif o["encrypted"]:
                out = "o-encrypted"
            elif (o["hresult"] and int(o["hresult"], 16) & 0x80000000) or o["errors"] or o["status"] == "unverified":
                out = "o-error"
            else:
                out = "o-ok"
            calls.append((o["server"].rsplit(":", 1)[0].strip("[]"), o["frame"], out))
    return calls


def marks(root):
    """(server, frame, outcome) of every mark, checking each mark's fill against its outcome."""
    got, bad = [], []
    for sec in root.all("section", "server"):
        for m in sec.all("rect", "mark"):
            got.append((sec.attrs["data-server"], int(m.attrs["data-frame"]), m.attrs["data-outcome"]))
            if m.attrs["fill"] != FILL[m.attrs["data-outcome"]] or m.attrs["data-outcome"] not in m.classes():
                bad.append(m.attrs)
    return got, bad


def header_row(root, key):
    return next(tr for tr in root.all("tr") if tr.attrs.get("data-key") == key)


def check_sample(name, *extra):
    cap = os.path.join(SAMPLES, name)
    rc, html, err = report(*extra, cap)
    root, unclosed = parse(html)
    check(f"{name}: report written, well nested", rc in (0, 1) and html and not unclosed, (rc, err, unclosed[:5]))
    got, bad = marks(root)
    want = expected_calls(*extra, cap)
    check(f"{name}: marks per server, frames and outcomes are the listed calls", sorted(got) == sorted(want),
          (sorted(got), sorted(want)))
    check(f"{name}: mark fill is its outcome's colour", not bad, bad[:3])
    calls = header_row(root, "calls").first("td")
    check(f"{name}: header call count", int(calls.attrs["data-n"]) == len(want), calls.full_text())
    for span in calls.all("span"):
        n = sum(1 for c in want if c[2] == span.attrs["data-outcome"])
        check(f"{name}: header {span.attrs['data-outcome']} count", span.full_text().startswith(f"{n} "),
              span.full_text())
    ids = {m.attrs["id"] for m in root.all("rect", "mark")}
    links = [a.attrs["href"][1:] for a in root.all("a", "frame")]
    check(f"{name}: every finding link names a mark", all(l in ids for l in links), links)
    check(f"{name}: nothing fetched: no src or external href", not any(
        "src" in n.attrs or n.attrs.get("href", "#").startswith(("http", "//")) for n in root.all()))
    return root


# ---- disk_online (spec 4.1): seven successful calls, one disk through Attached, Owned, Online ----
root = check_sample("disk_online.pcap")
sec = root.first("section", "server")
check("disk_online: one server 10.20.0.11", [s.attrs["data-server"] for s in root.all("section", "server")] ==
      ["10.20.0.11"])
lanes = [g.attrs["data-lane"] for g in sec.all("g", "lane")]
check("disk_online: one lane IClusterStorage2", lanes == ["IClusterStorage2"], lanes)
m12 = next(m for m in sec.all("rect", "mark") if m.attrs["data-frame"] == "12")
check("disk_online: title of frame 12", m12.title() ==
      "frame 12: IClusterStorage2.CprepDiskAttach(DiskId=Signature 0x7A3C9E51) -> S_OK, 47.312 ms", m12.title())
m14 = next(m for m in sec.all("rect", "mark") if m.attrs["data-frame"] == "14")
check("disk_online: PRArbitrate's 3.12 s is the longest mark", float(m14.attrs["width"]) == max(
    float(m.attrs["width"]) for m in sec.all("rect", "mark")), m14.attrs)
disk = sec.first("g", "disk")
check("disk_online: disk Signature 0x7A3C9E51", disk and disk.attrs["data-disk"] == "Signature 0x7A3C9E51")


def bands(disk):
    out = {}
    for g in disk.all("g", "seg"):
        out.setdefault(g.attrs["data-var"], []).append(
            (g.attrs["data-value"], "frame" if "data-frame" in g.attrs else "seen",
             int(g.attrs.get("data-frame", g.attrs.get("data-seen")))))
    return out


# Frame 10 (GetProps Number 2, after Phase2) shows the disk NotAttached/NotOwned/NotOnline; Attach at 12,
# PRArbitrate at 14 (owned), Online at 16.
check("disk_online: state bands with transition frames", bands(disk) == {
    "AttachedState": [("NotAttached", "seen", 10), ("Attached", "frame", 12)],
    "OwnedState": [("NotOwned", "seen", 10), ("OwnedByThisServer", "frame", 14)],
    "OnlineState": [("NotOnline", "seen", 10), ("Online", "frame", 16)]}, bands(disk))
att = [g for g in disk.all("g", "seg") if g.attrs["data-var"] == "AttachedState"]
rect_end = float(m12.attrs["x"]) + float(m12.attrs["width"])
check("disk_online: Attached starts where CprepDiskAttach's mark ends (its response)",
      abs(float(att[1].first("rect").attrs["x"]) - rect_end) < 0.2, (att[1].first("rect").attrs, rect_end))
check("disk_online: no findings", [int(s.attrs["data-n"]) for s in header_row(root, "findings").all("span")] ==
      [0, 0, 0, 0] and not list(root.all("tr", "finding")))
rts = [(r.attrs["data-method"], int(r.first("td", "num").full_text())) for r in root.all("tr", "rtrow")]
check("disk_online: response times of the seven methods, one call each", len(rts) == 7 and all(n == 1 for _, n in rts)
      and ("IClusterStorage2.CprepDiskPRArbitrate", 1) in rts, rts)
arb = next(r for r in root.all("tr", "rtrow") if r.attrs["data-method"] == "IClusterStorage2.CprepDiskPRArbitrate")
check("disk_online: PRArbitrate's 3.120 s in the 2.097-4.194 s bin", [b.title() for b in arb.all("rect", "rtbin")] ==
      ["1 call from 2.097 s to 4.194 s"], [b.title() for b in arb.all("rect", "rtbin")])

# ---- violations: five failures, eight findings linked to their marks, disk A's bands ----
root = check_sample("violations.pcap")
# The per-disk verdicts (issue 10), the lines --audit prints: disk A (0x6E2B9C41) reached Online (frame 28) after
# the refused early CprepDiskOnline of frame 24, (a) in samples/README.md; B (0x19D4A7E3) stopped at GetArbSectors'
# E_FAIL (frame 18, (c)), X (0x0C7E3B95) at Attach's ERROR_NOT_FOUND (frame 20, (d)); and one more disk on the
# second object. The report runs its own auditor: its lines must be --audit's.
p = subprocess.run([CSVPDUMP, "--audit", os.path.join(SAMPLES, "violations.pcap")], capture_output=True, text=True)
want = [l.strip() for l in p.stdout.split("Verdicts:\n", 1)[1].splitlines() if l.startswith("  disk ")]
got = [li.full_text().strip() for li in root.all("li", "verdict")]
check("violations: the report lists the audit's per-disk verdicts", got == want and len(got) == 4 and
      got[0].startswith("disk Signature 0x6E2B9C41 on 10.20.0.11") and "reached Online; first failure at frame 24 "
      "CprepDiskOnline ERROR_INVALID_STATE" in got[0] and "first failure at frame 18 CprepDiskGetArbSectors E_FAIL" in
      got[1] and "first failure at frame 20 CprepDiskAttach ERROR_NOT_FOUND" in got[2], (got, want))
fails = {s.attrs["data-status"]: int(s.attrs["data-n"]) for s in header_row(root, "failures").all("span")}
# samples/README.md: (f) adds frame 44's refusal (ERROR_INVALID_SERVER_STATE) to the five failures.
check("violations: failures by status", fails == {"ERROR_INVALID_SERVER_STATE": 2, "ERROR_INVALID_STATE": 2,
                                                  "ERROR_NOT_FOUND": 1, "E_FAIL": 1}, fails)
kinds = {s.attrs["data-kind"]: int(s.attrs["data-n"]) for s in header_row(root, "findings").all("span")}
# Totals of samples/README.md: (f) one more client_sequence (frame 44), (g) one more server_conformance (frame 60).
check("violations: findings by kind", kinds == {"client_sequence": 6, "server_conformance": 3, "product_behavior": 1,
                                                "unknown_state": 0}, kinds)
rows = [(a.full_text(), tr.attrs["data-kind"]) for tr in root.all("tr", "finding") for a in tr.all("a", "frame")]
check("violations: finding rows link frames 8 10 10 18 18 20 24 34, then the whole-capture 44 and 60",
      [r[0] for r in rows] == ["8", "10", "10", "18", "18", "20", "24", "34", "44", "60"], rows)
flagged = sorted(int(m.attrs["data-frame"]) for m in root.all("rect", "mark") if m.attrs.get("data-finding"))
check("violations: marks with findings carry the flag", flagged == [8, 10, 18, 20, 24, 34, 44, 60], flagged)
red = sorted(int(m.attrs["data-frame"]) for m in root.all("rect", "mark") if m.attrs["fill"] == FILL["o-error"])
check("violations: red marks are the six failed calls", red == [8, 18, 20, 24, 34, 44], red)
lanes = [g.attrs["data-lane"] for g in root.all("g", "lane")]
check("violations: lanes IClusterStorage2 and IClusterStorage3", lanes == ["IClusterStorage2", "IClusterStorage3"],
      lanes)
counts = [g.first("text", "lbl").title() for g in root.all("g", "lane")]
check("violations: lane counts on hover", counts == [
    # (f) frames 44 (refused), 46, 48 and (g) 58, 60 (S_OK): four more successes and one more error.
    "IClusterStorage2: 12 success, 5 error, 0 fault, 0 no response, 0 encrypted",
    "IClusterStorage3: 0 success, 1 error, 0 fault, 0 no response, 0 encrypted"], counts)
disk_a = next(g for g in root.all("g", "disk") if g.attrs["data-disk"] == "Signature 0x6E2B9C41")
check("violations: disk A Unknown at frame 10, NotAttached from Phase2 (seen at 14), then 22 26 28", bands(disk_a) == {
    "AttachedState": [("Unknown", "seen", 10), ("NotAttached", "seen", 14), ("Attached", "frame", 22)],
    "OwnedState": [("Unknown", "seen", 10), ("NotOwned", "seen", 14), ("OwnedByThisServer", "frame", 26)],
    "OnlineState": [("Unknown", "seen", 10), ("NotOnline", "seen", 14), ("Online", "frame", 28)]}, bands(disk_a))

# ---- all_methods: IClusterStorage3's connection has its own IPID and no RemQueryInterface ties it to the
# IClusterStorage2 object, so the auditor keeps disk B's state per object: two bands, the second starting Unknown.
root = check_sample("all_methods.pcap")
guid = [g for g in root.all("g", "disk") if g.attrs["data-disk"] == "Guid 6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46"]
check("all_methods: disk B drawn once per object, labelled with it", len(guid) == 2 and
      guid[0].attrs["data-object"] != guid[1].attrs["data-object"] and
      all(g.first("text").full_text().endswith("of object " + g.attrs["data-object"]) for g in guid),
      [g.attrs for g in guid])
check("all_methods: disk B on IClusterStorage3's object starts Unknown", len(guid) == 2 and
      [v for v, _, _ in bands(guid[1])["OwnedState"]] == ["Unknown"], guid and bands(guid[-1]))

# ---- two servers: two timelines of seven calls; filters ----
root = check_sample("two_servers.pcap")
per = {s.attrs["data-server"]: len(list(s.all("rect", "mark"))) for s in root.all("section", "server")}
check("two_servers: 7 marks on each node", per == {"10.20.0.11": 7, "10.20.0.12": 7}, per)
root = check_sample("two_servers.pcap", "--server", "10.20.0.12")
check("two_servers --server: only NODE2", [s.attrs["data-server"] for s in root.all("section", "server")] ==
      ["10.20.0.12"])
root = check_sample("two_servers.pcap", "--interface", "IClusterNetwork2")
check("two_servers --interface: only IClusterNetwork2 lanes, 5 marks each",
      {g.attrs["data-lane"] for g in root.all("g", "lane")} == {"IClusterNetwork2"} and
      [len(list(s.all("rect", "mark"))) for s in root.all("section", "server")] == [5, 5])

# ---- faults, encryption, every other sample ----
root = check_sample("context_faults.pcap")
t15 = next(m for m in root.all("rect", "mark") if m.attrs["data-frame"] == "15")
check("context_faults: orphan fault title as the text output says it", t15.title() ==
      "frame 15: IClusterStorage2 fault for call_id 77 (request not captured) -> FAULT nca_s_proto_error (0x1C01000B)",
      t15.title())
root = check_sample("sealed.pcap")
check("sealed: four blue encrypted marks", [m.attrs["fill"] for m in root.all("rect", "mark")] ==
      [FILL["o-encrypted"]] * 4)
check("sealed: encrypted calls are not failures", header_row(root, "failures").first("td").full_text() == "none")
sealed = [tr.first("td").full_text() for tr in root.all("tr") if tr.attrs.get("data-key") == "sealed"]
check("sealed: the header says why", sealed == ["10.20.0.10:51301 \u2192 10.20.0.11:49154: sealed with NTLMSSP for "
                                                "CONTOSO\\Administrator: no key (give --password or --nt-hash)"], sealed)
root = check_sample("sealed.pcap", "--password", "Cluster!2026")
check("sealed --password: decrypted, no encrypted mark", all(m.attrs["data-outcome"] != "o-encrypted"
                                                              for m in root.all("rect", "mark")))
root = check_sample("hostile.pcap")
check("hostile: one script element, ours", len(list(root.all("script"))) == 1)
t28 = next(m for m in root.all("rect", "mark") if m.attrs["data-frame"] == "28")
# No finding rests on frame 28 any more: a server not Online must refuse CprepDiskAttach with
# ERROR_INVALID_SERVER_STATE (3.2.4.14), so E_INVALIDARG proves Online and leaves nothing unjudged (issue 10).
check("hostile: a decoding problem is named in the title", t28.title() ==
      "frame 28: IClusterStorage2.CprepDiskAttach(DiskId=DiskIdType 2989) -> E_INVALIDARG (1 decoding problem, "
      "see the text output), 1.012 ms", t28.title())
odd = os.path.join(TMP, "<i>x&y\"'.pcap")
with open(odd, "wb") as f:
    f.write(open(os.path.join(SAMPLES, "disk_online.pcap"), "rb").read())
rc, html, err = report(odd)
root, unclosed = parse(html)
check("a file name with markup characters is text, escaped", not unclosed and
      not list(header_row(root, "files").all("i")) and
      header_row(root, "files").first("td").full_text() == odd, header_row(root, "files").first("td").full_text())
for f in sorted(os.listdir(SAMPLES)):
    if f.endswith(".pcap") and f not in ("disk_online.pcap", "violations.pcap", "two_servers.pcap",
                                         "context_faults.pcap", "sealed.pcap", "hostile.pcap", "all_methods.pcap"):
        check_sample(f)

# ---- no response: disk_online cut after frame 16 (CprepDiskOnline's request) ----
with open(os.path.join(SAMPLES, "disk_online.pcap"), "rb") as f:
    data = f.read()
pos, frames = 24, 0
while frames < 16:
    pos += 16 + struct.unpack_from("<I", data, pos + 8)[0]
    frames += 1
cut = os.path.join(TMP, "cut.pcap")
with open(cut, "wb") as f:
    f.write(data[:pos])
rc, html, err = report(cut)
root, _ = parse(html)
m16 = next(m for m in root.all("rect", "mark") if m.attrs["data-frame"] == "16")
check("cut capture: CprepDiskOnline grey, no response", m16.attrs["fill"] == FILL["o-noresp"] and
      m16.title().endswith("-> no response"), (m16.attrs, m16.title()))

# ---- more calls than can be drawn: successes bucketed, the report says so, counts add up ----
bench = os.path.join(TMP, "bench.pcap")
subprocess.run([SYNTH, "--bench", "4000000", "--out", bench], check=True, capture_output=True)
# With violations.pcap as a second file: its failures and findings keep their own marks among the bucketed calls.
rc, html, err = report(bench, os.path.join(SAMPLES, "violations.pcap"))
root, _ = parse(html)
ok = int(next(s for s in header_row(root, "calls").all("span") if s.attrs["data-outcome"] == "o-ok")
         .full_text().split()[0])
bucketed = sum(int(b.attrs["data-count"]) for b in root.all("rect", "bucket") if "o-ok" in b.classes())
drawn = sorted(m.attrs["id"] for m in root.all("rect", "mark"))
check("bench: more successful calls than the 3000 drawn one by one", ok > 3000, ok)
check("bench: the report says calls are bucketed", any(p.attrs.get("id") == "aggregated" for p in root.all("p")))
# Frame 10 of violations.pcap succeeded with two findings: drawn; the other successes are bucketed.
check("bench: successes bucketed, counts add up to the header's", bucketed == ok - 1, (bucketed, ok))
# Frame 44 failed: drawn. Frame 60 succeeded and its finding comes at the end of the capture: bucketed.
check("bench: violations' failures and findings keep their own marks", drawn ==
      sorted(f"m1_{f}" for f in (8, 10, 18, 20, 24, 34, 44)), drawn)
links = sorted(a.attrs["href"] for a in root.all("a", "frame"))
check("bench: the findings on drawn calls link to them", links == sorted(
    f"#m1_{f}" for f in (8, 10, 10, 18, 18, 20, 24, 34, 44)), links)

# ---- 40 servers, one unanswered non-ClusPrep request each (shown with -a, as test_limits.py builds them):
# 32 servers drawn, the 8 others' calls counted in the header ----
many = os.path.join(TMP, "many.pcap")
with open(many, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    body = struct.pack("<IHH", 8, 0, 4) + bytes(8)
    pdu = struct.pack("<BBBB4sHHI", 5, 0, 0, 3, b"\x10\0\0\0", 16 + len(body), 0, 7) + body
    for k in range(40):
        tcp = struct.pack("!HHIIBBHHH", 50000 + k, 49154, 1000, 0, 5 << 4, 0x18, 65535, 0, 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(pdu), 0, 0, 64, 6, 0, bytes([10, 0, 0, 10]),
                         bytes([10, 0, 1, k]))
        frame = b"\0" * 12 + b"\x08\x00" + ip + tcp + pdu
        f.write(struct.pack("<IIII", 1772442000, k * 1000, len(frame), len(frame)) + frame)
rc, html, err = report("-a", many)
root, _ = parse(html)
servers = [s.attrs["data-server"] for s in root.all("section", "server")]
check("40 servers: the first 32 drawn", servers == [f"10.0.1.{k}" for k in range(32)], servers)
check("40 servers: the others' 8 calls counted", "(8 calls to further servers not drawn)" in
      header_row(root, "servers").full_text(), header_row(root, "servers").full_text())
check("40 servers: 40 calls, all no response", [s.full_text() for s in header_row(root, "calls").all("span")][3] ==
      "40 no response" and {m.attrs["fill"] for m in root.all("rect", "mark")} == {FILL["o-noresp"]})
lanes = {g.attrs["data-lane"] for g in root.all("g", "lane")}
check("40 servers: one lane for the non-ClusPrep calls", lanes == {"other DCE/RPC"}, lanes)

# ---- two calls in one TCP segment: both requests end in frame 1, both responses in frame 2. Each mark
# has an id of its own (m<file>_<frame>, then _1), so a link to either is unambiguous. Request PDUs:
# the 16-byte common header (C706 12.6.3.1: version 5.0, ptype 0, flags first|last, drep little-endian,
# frag_length, auth_length 0, call_id), alloc_hint, p_cont_id 0, opnum 23 (CprepDiskAttach, spec 3.2.4.6),
# then the stub: ORPCTHIS (32 zero bytes: MS-DCOM 2.2.13.1, NULL extensions), CPREP_DISKID (2.2.2):
# DiskIdType 0 = CprepIdSignature as a 16-bit enum (C706 14.2.5), the union's discriminant again as 16
# bits, the ULONG arm DiskSignature at 36. No bind: the interface is inferred, as both stubs decode.
# Responses (ptype 2): ORPCTHAT (8 zero bytes: flags, NULL extensions), the HRESULT: S_OK, then
# E_INVALIDARG 0x80070057. ----
def pdu(ptype, call_id, body):
    return struct.pack("<BBBB4sHHI", 5, 0, ptype, 3, b"\x10\0\0\0", 16 + len(body), 0, call_id) + body


def request(call_id, signature):
    stub = bytes(32) + struct.pack("<HHI", 0, 0, signature)
    return pdu(0, call_id, struct.pack("<IHH", len(stub), 0, 23) + stub)


def response(call_id, hresult):
    stub = bytes(8) + struct.pack("<I", hresult)
    return pdu(2, call_id, struct.pack("<IHBB", len(stub), 0, 0, 0) + stub)


def segment(src, dst, sport, dport, seq, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x18, 65535, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(payload), 0, 0, 64, 6, 0, src, dst)
    return b"\0" * 12 + b"\x08\x00" + ip + tcp + payload


shared = os.path.join(TMP, "shared_segment.pcap")
client, server = bytes([10, 0, 0, 10]), bytes([10, 0, 0, 11])
with open(shared, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    frames = [segment(client, server, 50000, 49154, 1000, request(1, 0x11111111) + request(2, 0x22222222)),
              segment(server, client, 49154, 50000, 5000, response(1, 0) + response(2, 0x80070057))]
    for i, frame in enumerate(frames):
        f.write(struct.pack("<IIII", 1772442000, i * 1000, len(frame), len(frame)) + frame)
rc, html, err = report(shared)
root, _ = parse(html)
ms = root.all("rect", "mark")
got = sorted((m.attrs["id"], m.attrs["data-frame"], m.attrs["data-outcome"],
              "0x11111111" in m.full_text(), "0x22222222" in m.full_text()) for m in ms)
check("one segment, two calls: two marks of frame 1 with ids of their own",
      got == [("m0_1", "1", "o-ok", True, False), ("m0_1_1", "1", "o-error", False, True)], got)
ids = [e.attrs["id"] for e in root.all() if "id" in e.attrs]
check("one segment, two calls: every id in the document is unique", len(ids) == len(set(ids)), ids)

# ---- an unwritable report path: exit 2 and a message ----
p = subprocess.run([CSVPDUMP, "-q", "--report", os.path.join(TMP, "no", "such", "dir.html"),
                    os.path.join(SAMPLES, "disk_online.pcap")], capture_output=True)
check("unwritable report: exit 2 with a message", p.returncode == 2 and b"dir.html" in p.stderr, p.stderr)

# ---- what is not a regular file is written through, not replaced (a rename over it would put a file
# in place of a FIFO, a device such as /dev/null, or a symbolic link) ----
disk_online = os.path.join(SAMPLES, "disk_online.pcap")
_, direct, _ = report(disk_online)
fifo = os.path.join(TMP, "fifo.html")
os.mkfifo(fifo)
reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
p = subprocess.run([CSVPDUMP, "-q", "--report", fifo, disk_online], capture_output=True, timeout=60)
try:
    through = reader.communicate(timeout=30)[0].decode()
except subprocess.TimeoutExpired:   # the FIFO was replaced: nobody will write to it
    reader.kill()
    through = reader.communicate()[0].decode()
check("a FIFO stays a FIFO and its reader gets the report",
      p.returncode == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode) and through == direct and "<svg" in through,
      (p.returncode, p.stderr, len(through), len(direct)))
link = os.path.join(TMP, "link.html")
os.symlink("target.html", link)
p = subprocess.run([CSVPDUMP, "-q", "--report", link, disk_online], capture_output=True)
target = os.path.join(TMP, "target.html")
check("a symbolic link stays a link and its target gets the report",
      p.returncode == 0 and os.path.islink(link) and os.path.exists(target) and
      open(target, encoding="utf-8").read() == direct, (p.returncode, p.stderr))

done()
