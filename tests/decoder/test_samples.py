#!/usr/bin/env python3
"""Golden checks of csvpdump on every bundled sample.

Expected values are the synthesizer's inputs as samples/README.md documents them (hosts, ports,
disk identities, strings, HRESULTs, call order), checked by hand; none is pasted from our output.
Usage: test_samples.py CSVPDUMP SAMPLES_DIR
"""
import datetime
import hashlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

CSVPDUMP, SAMPLES = sys.argv[1], sys.argv[2]
T0 = datetime.datetime(2026, 3, 2, 9, 0, 0, tzinfo=datetime.timezone.utc).timestamp()
CLIENT, NODE1, NODE2 = "10.20.0.10", "10.20.0.11:49154", "10.20.0.12:49154"


def run(*args, stdin=None):
    p = subprocess.run([CSVPDUMP, *args], capture_output=True, input=stdin)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def calls(*args):
    rc, out, err = run("--json", *args)
    objs = [json.loads(line) for line in out.splitlines()]
    summary = [o for o in objs if o["type"] == "summary"]
    return rc, [o for o in objs if o["type"] == "call"], summary[0] if summary else None, err


def sample(name):
    return os.path.join(SAMPLES, name)


def by_method(cs, method):
    return [c for c in cs if c["method"] == method]


# ---- disk_online.pcap: spec 4.1 ----
rc, cs, summ, err = calls(sample("disk_online.pcap"))
check("disk_online rc 0", rc == 0, err)
check("disk_online call order", [c["method"] for c in cs] == [
    "CprepPrepareNode", "CprepPrepareNodePhase2", "CprepDiskGetProps", "CprepDiskAttach",
    "CprepDiskPRArbitrate", "CprepDiskOnline", "CprepDiskGetFSName"], [c["method"] for c in cs])
check("disk_online all S_OK", all(c["hresult"] == "0x00000000" and c["status"] == "S_OK" for c in cs))
check("disk_online endpoints", all(c["client"] == CLIENT + ":50112" and c["server"] == NODE1 and
                                   c["interface"] == "IClusterStorage2" for c in cs))
check("disk_online times", all(T0 <= c["time"] < T0 + 10 for c in cs) and abs(cs[0]["rtt_ms"] - 2.1) < 0.1,
      [(c["time"], c["rtt_ms"]) for c in cs])
check("disk_online call_ids", [c["call_id"] for c in cs] == [2, 3, 4, 5, 6, 7, 8])
pn = cs[0]["response"]
check("PrepareNode versions", pn == {"pulMajorVersion": 10, "pulMinorVersion": 0, "pdwCPrepVersion": 0x00020003}, pn)
check("Phase2", cs[1]["request"] == {"Flags": 0, "Flags_names": []} and cs[1]["response"] == {"pulNumDisks": 4})
gp = cs[2]
check("GetProps request by number", gp["request"]["DiskId"] == {"DiskIdType": "CprepIdNumber", "DeviceNumber": 2})
dp = gp["response"]["DiskProps"]
check("DISK_PROPS values", dp["DiskNumber"] == 2 and
      dp["DiskId"] == {"DiskIdType": "CprepIdSignature", "DiskSignature": 0x7A3C9E51} and
      dp["DiskBusType"] == "BusTypeiScsi" and dp["StackType"] == "DiskStackStorPort" and
      dp["ScsiAddress"]["PortNumber"] == 3 and dp["ScsiAddress"]["Lun"] == 2 and
      dp["AdapterDesc"] == "NETAPP LUN C-Mode Multi-Path Disk Device" and dp["NumPaths"] == 2 and
      dp["Flags"] == 0x00089000 and dp["Flags_names"] == ["DISK_SYTLE_MBR", "DISK_PART_BASIC", "DISK_MPIO"], dp)
for c in cs[3:7]:
    check(c["method"] + " disk", c["request"]["DiskId"] == {"DiskIdType": "CprepIdSignature",
                                                            "DiskSignature": 0x7A3C9E51}, c["request"])
check("Online MaxPartitionNumber", cs[5]["response"] == {"MaxPartitionNumber": 1})
check("GetFSName", cs[6]["request"]["Partition"] == 1 and cs[6]["response"] == {"FsName": "NTFS"}, cs[6])
check("disk_online summary", summ["calls"] == 7 and summ["csvp_calls"] == 7 and summ["decode_errors"] == 0 and
      summ["connections"] == 1 and summ["packets"] == 22, summ)

rc, out, err = run(sample("disk_online.pcap"))
line = [l for l in out.splitlines() if "CprepDiskAttach" in l]
check("text line", len(line) == 1 and line[0].split()[0] == "12" and line[0].split()[1].startswith("09:00:00.") and
      f"{CLIENT}:50112 -> {NODE1} IClusterStorage2.CprepDiskAttach(DiskId=Signature 0x7A3C9E51) -> S_OK" in line[0]
      and line[0].endswith(" ms"), out)
check("text summary on stderr", "7 ClusPrep calls" in err, err)
rc, out, err = run("-v", sample("disk_online.pcap"))
check("verbose tree", "DiskSignature = 2050793041 (0x7a3c9e51)" in out and "ORPCTHIS" in out and
      'FsName = "NTFS"' in out, out[:3000])

# ---- all_methods.pcap: every method of the eight interfaces ----
SPEC_METHODS = {  # section 6, without IUnknown and the NotUsedOnWire/Reserved slots
    "IClusterStorage2": "CprepDiskRawRead CprepDiskRawWrite CprepPrepareNode CprepPrepareNodePhase2 CprepDiskGetProps "
    "CprepDiskStopDefense CprepDiskOnline CprepDiskVerifyUnique CprepDiskWriteFileData CprepDiskVerifyFileData "
    "CprepDiskDeleteFile CprepDiskOffline CprepDiskGetUniqueIds CprepDiskAttach CprepDiskPRArbitrate "
    "CprepDiskPRRegister CprepDiskPRUnRegister CprepDiskPRReserve CprepDiskPRRelease CprepDiskDiskPartitionIsNtfs "
    "CprepDiskGetArbSectors CprepDiskIsPRPresent CprepDiskPRPreempt CprepDiskPRClear CprepDiskIsOnline "
    "CprepDiskSetOnline CprepDiskGetFSName CprepDiskIsReadable CprepDiskGetDsms",
    "IClusterStorage3": "CprepDiskGetUniqueIds3 CprepCheckNetFtBindings3 CprepCsvTestSetup3 CprepIsNodeClustered3 "
    "CprepCreateNewSmbShares3 CprepConnectToNewSmbShares3 CprepDiskGetProps3 CprepDiskIsReadOnly3 "
    "CprepDiskPRRegister3 CprepDiskFindKey3 CprepDiskPRPreempt3 CprepDiskPRReserve3 CprepDiskIsPRPresent3 "
    "CprepDiskPRRelease3 CprepDiskPRClear3",
    "IClusterNetwork2": "SendRTMessage InitializeNode GetIpConfigSerialized CleanupNode QueryFirewallConfiguration "
    "ProcessAddRoutes GetAddRoutesStatus CancelAddRoutesRequest",
    "IClusterCleanup": "CleanUpEvictedNode ClearPR",
    "IClusterSetup": "ConfigSvcSecret RetrieveSvcSecret RetrieveHostLabel",
    "IClusterLog": "GenerateClusterLog GenerateTimeSpanLog",
    "IClusterFirewall": "InitializeAdapterConfiguration GetNextAdapterFirewallConfiguration",
    "IClusterUpdate": "GetUpdates Count",
}
rc, cs, summ, err = calls(sample("all_methods.pcap"))
check("all_methods rc 0", rc == 0, err)
check("all_methods 77 calls", len(cs) == 77, len(cs))
seen = {(c["interface"], c["method"]) for c in cs}
want = {(i, m) for i, ms in SPEC_METHODS.items() for m in ms.split()}
check("every method of the eight interfaces", want <= seen, sorted(want - seen))
check("no decode errors", all(c["errors"] == [] for c in cs) and summ["decode_errors"] == 0,
      [c["errors"] for c in cs if c["errors"]])
dsms = by_method(cs, "CprepDiskGetDsms")
check("GetDsms MORE_DATA then S_OK", [c["status"] for c in dsms] == ["ERROR_MORE_DATA", "S_OK"] and
      dsms[0]["request"]["Size"] == 16 and dsms[1]["response"]["pReserved"] == 292, dsms)
reg = dsms[1]["response"]["RegisteredDsms"]
check("REGISTERED_DSMS decoded", len(reg["hex"]) == 2 * 292 and reg["decoded"]["NumDsms"] == 2 and
      reg["decoded"]["Dms"][0]["DsmName"] == "Microsoft DSM" and reg["decoded"]["Dms"][0]["ProductBuild"] == 20348 and
      reg["decoded"]["Dms"][0]["QfeNumber"] == 1 and
      reg["decoded"]["Dms"][1]["DsmName"] == "NetApp ONTAP DSM for MPIO", reg.get("decoded"))
uid = by_method(cs, "CprepDiskGetUniqueIds")
check("GetUniqueIds buffer too small", uid[0]["status"] == "ERROR_INSUFFICIENT_BUFFER" and
      uid[0]["response"]["pcbNeeded"] == 133 and uid[0]["response"]["pcbDataOut"] == 0, uid[0])
sd = uid[1]["response"]["pbData"]["decoded"]
check("STORAGE_DEVICE_ID_DESCRIPTOR", sd["Version"] == 1 and sd["NumberOfIdentifiers"] == 3 and
      [i["Type"] for i in sd["Identifiers"]] == ["StorageIdTypeFCPHName", "StorageIdTypeEUI64",
                                                  "StorageIdTypeScsiNameString"] and
      sd["Identifiers"][0]["CodeSet"] == "StorageIdCodeSetBinary" and
      sd["Identifiers"][0]["Identifier"].startswith("600a09803830442d2b5d4a51"), sd)
dd = by_method(cs, "CprepDiskGetUniqueIds3")[0]["response"]["ppDeviceDescriptor"]
check("STORAGE_DEVICE_DESCRIPTOR (2.2.27)", len(dd["hex"]) == 2 * 84 and dd["decoded"]["Version"] == 37 and
      dd["decoded"]["StorageBusType"] == "BusTypeiScsi" and dd["decoded"]["VendorId"] == "NETAPP  " and
      dd["decoded"]["ProductId"] == "LUN C-Mode      " and dd["decoded"]["ProductRevision"] == "9600" and
      dd["decoded"]["SerialNumber"] == "80D-+]JQ0002", dd)
att = by_method(cs, "CprepDiskAttach")
check("Attach both arms", [a["request"]["DiskId"] for a in att] == [
    {"DiskIdType": "CprepIdSignature", "DiskSignature": 0x4D1F0C2A},
    {"DiskIdType": "CprepIdGuid", "DiskGuid": "6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46"}], att)
unk = [c for c in by_method(cs, "CprepDiskIsOnline") if c["request"]["DiskId"]["DiskIdType"] == "CprepIdUnknown"]
check("IsOnline CprepIdUnknown -> E_INVALIDARG", len(unk) == 1 and unk[0]["request"]["DiskId"]["Junk"] == 0 and
      unk[0]["status"] == "E_INVALIDARG")
wf = by_method(cs, "CprepDiskWriteFileData")[0]["request"]
check("WriteFileData", wf["FileName"] == "ClusterStorageValidation_NODE1.tmp" and wf["cbDataIn"] == 1024 and
      len(wf["DataIn"]) == 2048, {k: v for k, v in wf.items() if k != "DataIn"})
rr = by_method(cs, "CprepDiskRawRead")[0]
check("RawRead", rr["request"]["ulSector"] == 12 and rr["response"]["pcbDataRead"] == 512 and
      len(rr["response"]["pbData"]) == 1024 and rr["response"]["ulLatency"] == 2)
sh = by_method(cs, "CprepCreateNewSmbShares3")[0]["response"]
check("CreateNewSmbShares3 paths", sh["pdwNumberOfPaths"] == 2 and
      sh["ppwszSharePaths"][0] == "\\\\10.20.0.11\\1b4e28ba-2fa1-41d2-883f-0016d3cca427$" and
      sh["ppwszSharePaths"][1].startswith("\\\\172.16.1.11\\"), sh)
cn = by_method(cs, "CprepConnectToNewSmbShares3")[0]["request"]
check("ConnectToNewSmbShares3 paths", cn["dwNumberOfPaths"] == 2 and
      cn["ppwszSharePaths"][0] == "\\\\10.20.0.12\\4f8c1a2d-93e7-4b61-a0d5-7e2c9b3f6a18$", cn)
px = by_method(cs, "CprepDiskGetProps3")[0]["response"]["pDiskProps"]
check("DISK_PROPS_EX", px["pwszFriendlyName"] == "NETAPP LUN C-Mode" and px["pwszPoolName"] is None and
      px["pwszSerialNumber"] == "80D-+]JQ0002" and px["guidPoolId"] == "00000000-0000-0000-0000-000000000000" and
      px["DiskId"]["DiskGuid"] == "6f1c3b2e-9a47-4d85-b0e3-5c2a7f918d46" and px["Flags"] == 0x0008A000, px)
r3 = by_method(cs, "CprepDiskPRRegister3")[0]["request"]
check("PRRegister3 keys as hex strings", r3["OldPrKey"] == "0x0000000000000000" and
      r3["NewPrKey"] == "0x0000A3C4B2D1E0F1", r3)
fk = by_method(cs, "CprepDiskFindKey3")
check("FindKey3 found / not found", [f["response"]["pbFound"] for f in fk] == [1, 0])
ip = by_method(cs, "GetIpConfigSerialized")
al2 = ip[0]["response"]["Data"]["decoded"]
check("ADAPTERLIST2", al2["AdapterList2Identifier"] == 0x227A and al2["ServerName"] == "NODE1.contoso.local" and
      al2["NumberOfAdapter2s"] == 3 and al2["Adapter2"][0]["FriendlyName"] == "Public" and
      al2["Adapter2"][0]["Address"][0]["address"] == "10.20.0.11" and al2["Adapter2"][1]["RdmaCapable"] == 1 and
      al2["Adapter2"][2]["ClusterAdapter"] == 1 and al2["NumberOfGuids"] == 6 and
      ip[0]["response"]["pcbOut"] == len(ip[0]["response"]["Data"]["hex"]) // 2, al2)
# -v names a SAFEARRAY(byte)'s header fields (MS-OAUT 2.2.30.10: one dimension, FADF_HAVEVARTYPE, SF_I1
# elements of 1 byte) by their names, and its decoded format once, as "decoded".
rc, out, err = run("-v", "--method", "GetIpConfigSerialized", sample("all_methods.pcap"))
data = out[out.index("    Data = "):]
data = data[:data.index("\n      decoded\n")]
check("-v: SAFEARRAY header fields by name", [l.split(" = ")[0].strip() for l in data.splitlines()[1:]] ==
      ["cDims", "fFeatures", "cbElements", "cLocks", "sfType", "Size", "cElements", "lLbound"] and
      "      sfType = SF_I1 (0x10)" in data and "      cbElements = 1" in data, data)
check("-v: one decoded node per buffer", out.count("\n      decoded\n") == len(by_method(cs, "GetIpConfigSerialized")),
      out)
al = ip[1]["response"]["Data"]["decoded"]
check("ADAPTERLIST (old form)", al["AdapterListName"] == "class mscs::AdapterList" and al["NumberOfAdapters"] == 2 and
      al["NumberOfGuids"] == 4, al)
rt = by_method(cs, "SendRTMessage")
check("SendRTMessage", rt[0]["request"]["SourceIPAddress"] == "10.20.0.11" and
      rt[0]["request"]["AddressFamily"] == "AF_INET" and rt[1]["status"] == "WAIT_TIMEOUT", rt)
ar = by_method(cs, "ProcessAddRoutes")[0]["request"]["request"]
nri = ar["nodeRouteInfos"][0]
check("ADD_ROUTES_REQUEST", ar["localVirtualIP"] == "fe80::4d1a:7702:9b3c:120b" and len(ar["nodeRouteInfos"]) == 1 and
      nri["remoteVirtualIP"] == "fe80::4d1a:7702:9b3c:120c" and nri["localUnicastIPs"] == ["10.20.0.11", "172.16.1.11"]
      and nri["remoteUnicastIPs"] == ["10.20.0.12", "172.16.1.12"] and nri["indices"] == [0, 1], ar)
rp = by_method(cs, "GetAddRoutesStatus")[0]["response"]["reply"]
# ROUTE_LOSS_AND_STATE has no pointers: both record layouts are the same bytes, and "array" is tried first.
check("ADD_ROUTES_REPLY", rp == {"indices": [0, 1], "replies": [{"packetLoss": 0, "status": "UP"},
                                                                  {"packetLoss": 100, "status": "DOWN"}],
                                 "replies_record_layout": "array", "routeUnavailable": 0}, rp)
fw = by_method(cs, "GetNextAdapterFirewallConfiguration")
check("firewall enumeration", fw[0]["response"]["adapterId"] == "8f3a5c21-7b4e-4d0a-9c61-2e5b7d9f0a14" and
      fw[0]["response"]["adapterProfile"] == "ClusterNetworkProfileDomainAuthenticated" and
      fw[1]["response"]["adapterProfile"] == "ClusterNetworkProfilePrivate" and fw[2]["status"] == "E_INVALIDARG", fw)
ce = by_method(cs, "CleanUpEvictedNode")[0]["request"]
check("CleanUpEvictedNode flags", ce["TimeOut"] == 60000 and ce["Flags"] == 1 and
      ce["Flags_names"] == ["CLUSTERCLEANUP_DONT_STOP_CLUSTER_SERVICE"], ce)
check("GetUpdates", by_method(cs, "GetUpdates")[0]["response"]["UpdateCount"] == 2 and
      "KB5034439" in by_method(cs, "GetUpdates")[0]["response"]["updates"])

# filters
rc, cs2, _, _ = calls("--method", "CprepDiskAttach", sample("all_methods.pcap"))
check("--method", [c["method"] for c in cs2] == ["CprepDiskAttach"] * 2)
rc, cs2, _, _ = calls("--interface", "IClusterFirewall", sample("all_methods.pcap"))
check("--interface", len(cs2) == 4 and {c["interface"] for c in cs2} == {"IClusterFirewall"}, len(cs2))
rc, cs2, _, _ = calls("--errors-only", sample("all_methods.pcap"))
check("--errors-only", sorted(c["status"] for c in cs2) == sorted([
    "ERROR_MORE_DATA", "ERROR_NOT_FOUND", "ERROR_INSUFFICIENT_BUFFER", "E_INVALIDARG", "WAIT_TIMEOUT",
    "E_INVALIDARG"]), [c["status"] for c in cs2])

# ---- transport_stress.pcap: fragments, split/out-of-order/retransmitted segments, a fault ----
rc, cs, summ, err = calls(sample("transport_stress.pcap"))
check("transport_stress rc 0", rc == 0 and summ["decode_errors"] == 0, err)
wf = by_method(cs, "CprepDiskWriteFileData")[0]
check("3-fragment request reassembled", wf["request"]["cbDataIn"] == 10000 and len(wf["request"]["DataIn"]) == 20000
      and wf["request"]["FileName"] == "ClusterStress.bin" and wf["status"] == "S_OK")
rr = by_method(cs, "CprepDiskRawRead")
check("2-fragment response reassembled", rr[0]["request"]["ulSector"] == 2048 and
      len(rr[0]["response"]["pbData"]) == 2 * 8192 and rr[0]["response"]["pcbDataRead"] == 8192)
check("out-of-order response segments", rr[1]["request"]["ulSector"] == 4096 and rr[1]["status"] == "S_OK" and
      len(rr[1]["response"]["pbData"]) == 2 * 4096)
check("retransmitted request once", len(by_method(cs, "CprepDiskGetArbSectors")) == 1 and
      by_method(cs, "CprepDiskGetArbSectors")[0]["response"] == {"SectorX": 11, "SectorY": 12})
flt = [c for c in cs if c["fault"]]
check("fault nca_s_op_rng_error", len(flt) == 1 and flt[0]["opnum"] == 39 and flt[0]["method"] is None and
      flt[0]["fault"] == {"status": "0x1C010002", "name": "nca_s_op_rng_error"} and flt[0]["hresult"] is None, flt)
check("split IsOnline request", by_method(cs, "CprepDiskIsOnline")[0]["request"]["DiskId"]["DiskSignature"] ==
      0x2B7E1516)

# ---- two_servers.pcap: by server ----
rc, cs, summ, err = calls(sample("two_servers.pcap"))
check("two_servers 14 calls on both nodes", len(cs) == 14 and {c["server"] for c in cs} == {NODE1, NODE2}, len(cs))
rc, cs2, _, _ = calls("--server", "10.20.0.12", sample("two_servers.pcap"))
check("--server", len(cs2) == 7 and all(c["server"] == NODE2 for c in cs2), len(cs2))
rc, out, err = run("--json", "--by-server", sample("two_servers.pcap"))
seqs = [json.loads(l) for l in out.splitlines() if json.loads(l)["type"] == "sequence"]
check("--by-server sequences", {s["server"] for s in seqs} == {"10.20.0.11", "10.20.0.12"} and
      sum(len(s["calls"]) for s in seqs) == 14 and
      all(m["failures"] == 0 for s in seqs for m in s["methods"]), seqs)
n1 = [s for s in seqs if s["server"] == "10.20.0.11"]
check("--by-server order per node", [c["method"] for s in n1 for c in s["calls"]][:2] ==
      ["InitializeNode", "GetIpConfigSerialized"], n1)
rc, out, err = run("--by-server", sample("two_servers.pcap"))
check("--by-server text", "Server 10.20.0.12" in out and "CprepPrepareNodePhase2" in out and "total ms" in out, out)

# ---- ipv6.pcap ----
rc, cs, summ, err = calls(sample("ipv6.pcap"))
check("ipv6 endpoints", rc == 0 and cs[0]["client"] == "[fd00:20::a]:50601" and
      cs[0]["server"] == "[fd00:20::b]:49154", cs[:1])
rt = by_method(cs, "SendRTMessage")[0]["request"]
check("ipv6 SendRTMessage", rt["AddressFamily"] == "AF_INET6" and rt["SourceIPAddress"] == "fd00:20::b", rt)
check("ipv6 host label", by_method(cs, "RetrieveHostLabel")[0]["response"]["HostLabel"] == "NODE1.contoso.local")

# ---- mid_session.pcap: no bind for the first connection ----
rc, cs, summ, err = calls(sample("mid_session.pcap"))
check("mid_session rc 0, no errors", rc == 0 and summ["decode_errors"] == 0, err)
first = [c for c in cs if c["client"] == CLIENT + ":50901"]
check("mid_session inferred calls", [c["method"] for c in first] == ["CprepDiskAttach", "CprepDiskPRArbitrate",
                                                                      "CprepDiskOnline"] and
      all(c.get("interface_inferred") and c["interface"] == "IClusterStorage2" for c in first) and
      [c["call_id"] for c in first] == [7, 8, 9] and first[2]["response"] == {"MaxPartitionNumber": 2}, first)
check("mid_session second connection", len(cs) - len(first) == 6 and
      not any(c.get("interface_inferred") for c in cs if c not in first))

# ---- big_endian.pcap ----
rc, cs, summ, err = calls(sample("big_endian.pcap"))
check("big_endian rc 0", rc == 0 and summ["decode_errors"] == 0, err)
check("big_endian disk", by_method(cs, "CprepDiskAttach")[0]["request"]["DiskId"]["DiskSignature"] == 0x1E6B42D7 and
      by_method(cs, "CprepDiskGetFSName")[0]["response"]["FsName"] == "NTFS" and
      by_method(cs, "CprepDiskGetProps")[0]["request"]["DiskId"]["DeviceNumber"] == 3)
ar = by_method(cs, "ProcessAddRoutes")[0]["request"]["request"]
check("big_endian SAFEARRAY of records", ar["localVirtualIP"] == "fe80::4d1a:7702:9b3c:120c" and
      ar["nodeRouteInfos"][0]["localUnicastIPs"] == ["10.20.0.12", "172.16.1.12"] and
      ar["nodeRouteInfos"][0]["indices"] == [0, 1], ar)

# ---- cluster_setup.pcap / network_validation.pcap ----
rc, cs, summ, err = calls(sample("cluster_setup.pcap"))
check("cluster_setup host labels", sorted(c["response"]["HostLabel"] for c in by_method(cs, "RetrieveHostLabel")) ==
      ["NODE1.contoso.local", "NODE2.contoso.local"])
# SecretBLOB is the cluster secret (spec 3.10.1): redacted by default as its length and SHA-256 prefix
# (json-output.md), shown with --show-secrets.
SECRET = "Q2x1c1N2Y1NlY3JldC1jb250b3NvLWNsdXN0ZXItMjAyNg=="
REDACTED = {"redacted": True, "length": len(SECRET), "sha256_prefix": hashlib.sha256(SECRET.encode()).hexdigest()[:8]}
check("cluster_setup secret redacted", by_method(cs, "RetrieveSvcSecret") and
      all(c["response"]["SecretBLOB"] == REDACTED for c in by_method(cs, "RetrieveSvcSecret")) and
      all(c["request"]["SecretBLOB"] == REDACTED for c in by_method(cs, "ConfigSvcSecret")),
      [c["response"] for c in by_method(cs, "RetrieveSvcSecret")])
rc, out, err = run("-v", sample("cluster_setup.pcap"))
check("cluster_setup secret redacted in text", SECRET not in out and
      f"SecretBLOB = <redacted: {len(SECRET)} bytes, sha256 {REDACTED['sha256_prefix']}...>" in out and
      "ConfigSvcSecret(SecretBLOB=<redacted>)" in out, out)
rc, secret_calls, _, err = calls("--show-secrets", sample("cluster_setup.pcap"))
check("cluster_setup secret round trip with --show-secrets",
      all(c["response"]["SecretBLOB"] == SECRET for c in by_method(secret_calls, "RetrieveSvcSecret")) and
      all(c["request"]["SecretBLOB"] == SECRET for c in by_method(secret_calls, "ConfigSvcSecret")))
check("cluster_setup log path", by_method(cs, "GenerateTimeSpanLog")[0]["response"]["LogFilePath"] ==
      "C:\\Windows\\Cluster\\Reports\\Cluster.log" and
      by_method(cs, "GenerateTimeSpanLog")[0]["request"] == {"SpanMinutes": 5})
rc, cs, summ, err = calls(sample("network_validation.pcap"))
check("network_validation InitializeNode", cs[0]["method"] == "InitializeNode" and
      cs[0]["response"] == {"BoundUDPPort": 3343, "NodeMajorVersion": 10, "NodeMinorVersion": 0,
                            "ClusprepVersion": 0x00020003}, cs[0])
check("network_validation firewall", by_method(cs, "QueryFirewallConfiguration")[0]["response"] ==
      {"serverRulesEnabled": 1, "mgmtRulesEnabled": 1})

# ---- hostile.pcap: errors reported, the rest decoded ----
rc, cs, summ, err = calls(sample("hostile.pcap"))
check("hostile exit 1", rc == 1, rc)
good = [c for c in cs if c["method"] == "CprepPrepareNode" and c["status"] == "S_OK"]
check("hostile good calls still decoded", len(good) == 2 and good[-1]["client"] == CLIENT + ":51006" and
      good[-1]["response"]["pdwCPrepVersion"] == 0x00020003, good)
wf = by_method(cs, "CprepDiskWriteFileData")
check("hostile oversized max_count", len(wf) == 1 and any("DataIn" in e for e in wf[0]["errors"]), wf)
at = by_method(cs, "CprepDiskAttach")
check("hostile unknown discriminant", len(at) == 1 and any("discriminant" in e for e in at[0]["errors"]), at)
check("hostile stderr names frames", "hostile.pcap: frame " in err and summ["decode_errors"] >= 3, err)

# ---- context_faults.pcap: nothing made up (issue 9 items 3-5) ----
# Frames as the scenario sends them: 1-3 handshake, 4 bind (context 0 only), 5 bind_ack, 6 PrepareNode
# request (call_id 2), its response cut 16 + 16 + rest with the middle segment sent last: 7 (first),
# 8 (third), 9 (second), 10 the client's ACK; 11 request on p_cont_id 7 (call_id 3), 12 its fault
# nca_s_unk_if 0x1C010003; 13 a 20-byte request PDU (call_id 4, shorter than the 24-byte request
# header), 14 its fault nca_s_proto_error 0x1C01000B; 15 a fault for call_id 77; 16/17 Phase2.
p = subprocess.run([CSVPDUMP, "--json", "-a", sample("context_faults.pcap")], capture_output=True)
objs = [json.loads(line) for line in p.stdout.decode().splitlines()]
cs = [o for o in objs if o["type"] == "call"]
faults = [o for o in objs if o["type"] == "fault"]
check("context_faults: out-of-order response seen at the frame that completed it",
      cs[0]["method"] == "CprepPrepareNode" and cs[0]["frame"] == 6 and cs[0]["response_frame"] == 9, cs[0])
unbound = [c for c in cs if c["call_id"] == 3]
check("context_faults: an unbound p_cont_id is a problem, not an inferred interface",
      len(unbound) == 1 and unbound[0]["method"] is None and "interface_inferred" not in unbound[0] and
      unbound[0]["fault"] == {"status": "0x1C010003", "name": "nca_s_unk_if"} and
      unbound[0]["errors"] == ["frame 11: p_cont_id 7 was never bound on this association"], unbound)
check("context_faults: faults whose request was not decoded", faults == [
    {"type": "fault", "frame": 14, "time": faults[0]["time"] if faults else 0, "client": CLIENT + ":50140",
     "server": NODE1, "call_id": 4, "status": "0x1C01000B", "name": "nca_s_proto_error", "request_frame": 13},
    {"type": "fault", "frame": 15, "time": faults[1]["time"] if len(faults) > 1 else 0, "client": CLIENT + ":50140",
     "server": NODE1, "call_id": 77, "status": "0x1C01000B", "name": "nca_s_proto_error", "request_frame": None}],
      faults)
check("context_faults: faults at their own time", len(faults) == 2 and
      T0 < faults[0]["time"] < faults[1]["time"] < T0 + 1, faults)
check("context_faults: decoding goes on", cs[-1]["method"] == "CprepPrepareNodePhase2" and
      cs[-1]["response"] == {"pulNumDisks": 4}, cs[-1])
rc, out, err = run(sample("context_faults.pcap"))
check("context_faults: text names no method for a fault without its request",
      "fault for call_id 77 (request not captured) -> FAULT nca_s_proto_error (0x1C01000B)" in out and
      "fault for call_id 4 (request in frame 13 not decoded)" in out and "QueryInterface" not in out, out)

# ---- current_cluster.pcap: every method revision 34.0 added (csvp-revisions.md "Methods by opnum") ----
REV34_METHODS = {
    "IClusterSetup": "GetFunctionalLevel ConfigClusterCert RetrieveClusterCert GenerateClusterCert GetUpgradeVersion "
    "ConfigClusterCertV2 RetrieveClusterCertV2 GenerateClusterCertV2",
    "IClusterLog": "GenerateClusterLogInLocalTime GenerateTimeSpanLogInLocalTime",
    "IClusterLogEx": "GenerateClusterLog GenerateClusterHealthLog GenerateClusterSetLog GenerateClusterNetworkLog "
    "ExportClusterPerformanceHistory GenerateNetftLog",
    "IClusterLogEx2": "GenerateLogEx GetCountLogs GetLogFilePath",
    "IClusterLogEx3": "GenerateLogEx2",
}
rc, cs, summ, err = calls(sample("current_cluster.pcap"))
check("current_cluster rc 0", rc == 0, err)
check("current_cluster 31 calls, no errors", len(cs) == 31 and summ["decode_errors"] == 0 and
      all(not c["errors"] for c in cs), [c["errors"] for c in cs if c["errors"]])
seen = {m for c in cs for m in [c["method"]]}
want = {m for ms in REV34_METHODS.values() for m in ms.split()}
check("every rev-34 method called", want <= seen, want - seen)
check("revision 34 on new methods only", all((c.get("revision") == 34) == (c["interface"] != "IClusterStorage2")
                                              for c in cs), [(c["method"], c.get("revision")) for c in cs])
check("the three new interfaces by UUID", {c["interface"] for c in cs} >=
      {"IClusterLogEx", "IClusterLogEx2", "IClusterLogEx3"}, {c["interface"] for c in cs})
fl = by_method(cs, "GetFunctionalLevel")
# ClusterLogExFlag is a flag word in JSON (ERRATA.md 24): the number and "flags_names".
check("GetFunctionalLevel 12 (<31>: Windows Server 2025)", fl and fl[0]["response"] == {"FunctionalLevel": 12}, fl)
uv = by_method(cs, "GetUpgradeVersion")
check("GetUpgradeVersion 4", uv and uv[0]["response"] == {"UpgradeVersion": 4}, uv)
rc_ = by_method(cs, "RetrieveClusterCert")
check("RetrieveClusterCert before ConfigClusterCert", len(rc_) == 2 and rc_[0]["status"] == "ERROR_FILE_NOT_FOUND"
      and rc_[1]["status"] == "S_OK", [c["status"] for c in rc_])
cert = rc_[1]["response"]["ClusterCert"] if len(rc_) == 2 else {}
check("CLUSTER_CERT", cert.get("CbCertData") == 412 and cert.get("CbKeyData") == 1172 and
      str(cert.get("CertData", "")).startswith("30820198") and len(cert.get("CertData", "")) == 2 * 5120,
      {k: str(v)[:40] for k, v in cert.items()})
v2 = by_method(cs, "RetrieveClusterCertV2")
check("RetrieveClusterCertV2 in both layouts", len(v2) == 2 and "request_layout" not in v2[0] and
      v2[0]["response"] == {"certType": "Cluster_PKU2U"} and
      v2[1].get("request_layout") == "directions of section 3.10.4.10" and
      v2[1]["request"] == {"certType": "Cluster_PKU2U"} and
      v2[1]["response"]["ClusterCert"]["CbCertData"] == 412, v2)
nl = by_method(cs, "GenerateClusterNetworkLog")
check("GenerateClusterNetworkLog in both layouts", len(nl) == 2 and
      nl[0]["request"] == {"SpanMinutes": 60, "NetworkDiagnosticsLevel": 1, "flags": 0, "flags_names": []} and
      nl[1]["request"] == {"SpanMinutes": 30, "flags": 1, "flags_names": ["ClusterLogFlagLocalTime"]} and
      "3.18.4.4" in nl[1].get("request_layout", ""), nl)
gl = [c for c in by_method(cs, "GenerateClusterLog") if c["interface"] == "IClusterLogEx3"]
check("ClusterLogExFlag bits", gl and gl[0]["request"]["flags"] == 3 and
      gl[0]["request"]["flags_names"] == ["ClusterLogFlagLocalTime", "ClusterLogFlagSkipClusterState"], gl)
lp = by_method(cs, "GetLogFilePath")
check("GetLogFilePath 0..2 then 4 -> E_OUTOFMEMORY", [c["request"]["Index"] for c in lp] == [0, 1, 2, 4] and
      lp[1]["response"] == {"LogFilePath": "ClusterReports\\Cluster\\ClusterHealth.log"} and
      lp[3]["status"] == "E_OUTOFMEMORY" and lp[3]["response"] == {"LogFilePath": None}, lp)
g2 = by_method(cs, "GenerateLogEx2")
check("GenerateLogEx2 at opnum 12", len(g2) == 1 and g2[0]["opnum"] == 12 and
      g2[0]["response"] == {"LongFilePath": "ClusterReports\\Netft",
                            "SemicolonSeperatedLogFilesPath": "Netft-0.log;Netft-1.log"}, g2)
g9 = [c for c in by_method(cs, "GenerateLogEx") if c.get("response_layout")]
check("GenerateLogEx2's response at opnum 9", len(g9) == 1 and g9[0]["opnum"] == 9 and
      g9[0]["response"]["SemicolonSeperatedLogFilesPath"] == "ClusterHealth.log", g9)
p2 = by_method(cs, "CprepPrepareNodePhase2")
check("Phase2 Flags (3.2.4.4 of 34.0)", p2 and p2[0]["request"] == {
    "Flags": 3, "Flags_names": ["ForceOfflineNonClusteredDisks", "SkipNonClusteredPools"]}, p2)
rc, out, err = run("--method", "ConfigClusterCerV2", sample("current_cluster.pcap"))
check("--method takes section 6's spelling", rc == 0 and out.count("ConfigClusterCertV2(") == 1, out)

# ---- routes.pcap: several records in SAFEARRAYs, both layouts (csvp/ERRATA.md item 8) ----
# The scenario's inputs (samples/README.md): three NODE_ROUTE_INFO in the array layout, then the first two in
# the per-record layout; the replies {0, UP}, {100, DOWN}, {3, UP} and then the first two.
rc, cs, summ, err = calls(sample("routes.pcap"))
VIPS = ["fe80::4d1a:7702:9b3c:120c", "fe80::4d1a:7702:9b3c:120d", "fe80::4d1a:7702:9b3c:120e"]
LOCAL, REMOTE = ["10.20.0.11", "172.16.1.11", "172.16.2.11"], ["10.20.0.12", "172.16.1.12", "172.16.2.12"]
routes = lambda n: [{"remoteVirtualIP": VIPS[i], "localUnicastIPs": [LOCAL[i]], "remoteUnicastIPs": [REMOTE[i]],
                     "indices": [i]} for i in range(n)]
replies = [{"packetLoss": 0, "status": "UP"}, {"packetLoss": 100, "status": "DOWN"}, {"packetLoss": 3, "status": "UP"}]
ar = by_method(cs, "ProcessAddRoutes")
check("routes: three records in the array layout, two one after another", rc == 0 and len(ar) == 2 and
      ar[0]["request"]["request"] == {"localVirtualIP": "fe80::4d1a:7702:9b3c:120b", "nodeRouteInfos": routes(3),
                                      "nodeRouteInfos_record_layout": "array"} and
      ar[1]["request"]["request"]["nodeRouteInfos"] == routes(2) and
      ar[1]["request"]["request"]["nodeRouteInfos_record_layout"] == "per_record" and
      all(not c["errors"] for c in cs), ar)
st = by_method(cs, "GetAddRoutesStatus")
check("routes: three and two route replies", len(st) == 2 and
      st[0]["response"]["reply"] == {"indices": [0, 1, 2], "replies": replies, "replies_record_layout": "array",
                                     "routeUnavailable": 0} and
      st[1]["response"]["reply"]["replies"] == replies[:2], st)
rc, out, err = run("-v", "--method", "ProcessAddRoutes", sample("routes.pcap"))
check("routes: -v names the layout", out.count('RecordLayout = "array"') == 1 and
      out.count('RecordLayout = "per_record"') == 1, out)

# ---- inputs: several files, stdin, not a capture ----
rc, cs, summ, err = calls(sample("disk_online.pcap"), sample("network_validation.pcap"))
check("two files merged by time", len(cs) == 13 and [c["time"] for c in cs] == sorted(c["time"] for c in cs) and
      {c["file"] for c in cs} == {sample("disk_online.pcap"), sample("network_validation.pcap")}, len(cs))
with open(sample("disk_online.pcap"), "rb") as f:
    rc, out, err = run("--json", "-", stdin=f.read())
check("stdin", rc == 0 and sum('"type":"call"' in l for l in out.splitlines()) == 7, err)
rc, out, err = run(os.path.join(SAMPLES, "README.md"))
check("not a capture: exit 2", rc == 2 and "README.md" in err, err)
rc, out, err = run("--method", "NoSuchMethod", sample("disk_online.pcap"))
check("unknown method: exit 2", rc == 2, err)

done()
