#!/bin/sh
# A capture cut at a call boundary knows less than the whole capture, never more: every sample, cut with
# editcap before each call's request (the capture joins late) and after each call's response (it ends
# early), must give no error finding the whole capture lacks. A cut error counts as the whole's when one
# of the frames it rests on ("frame", and "frames" for a contradiction, which a cut may place on another
# of its calls) carries an error in the whole capture's audit. Issue 10.
# usage: check_cuts.sh CSVPDUMP SAMPLES_DIR
set -eu
command -v editcap >/dev/null 2>&1 || { echo "SKIP: editcap is not installed"; exit 77; }
PYTHONPATH="$(dirname "$0")/.." exec python3 - "$@" <<'PY'
import json, os, subprocess, sys, tempfile
from checklib import check, done

dump, samples = sys.argv[1], sys.argv[2]

def audit(path):
    out = subprocess.run([dump, "--audit", "--json", path], capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

def error_frames(objs, offset):
    """Each error finding as the set of original frames it rests on."""
    return [{f + offset for f in [o["frame"]] + o.get("frames", [])}
            for o in objs if o["type"] == "finding" and o["severity"] == "error"]

tmp = tempfile.mkdtemp()
for name in sorted(os.listdir(samples)):
    if not name.endswith(".pcap"):
        continue
    path = os.path.join(samples, name)
    whole = audit(path)
    whole_errors = set().union(*error_frames(whole, 0))
    calls = [o for o in whole if o["type"] == "call"]
    cuts, new = 0, []
    for c in calls:
        for kind, frame in (("from", c["frame"]), ("to", c.get("response_frame"))):
            if frame is None:
                continue
            cut = os.path.join(tmp, "cut.pcap")
            keep = f"{frame}-4294967295" if kind == "from" else f"1-{frame}"
            subprocess.run(["editcap", "-r", path, cut, keep], check=True, capture_output=True)
            cuts += 1
            offset = frame - 1 if kind == "from" else 0
            new += [f"cut {kind} frame {frame}: an error on frames {sorted(frames)}"
                    for frames in error_frames(audit(cut), offset) if not frames & whole_errors]
    check(f"{name}: {cuts} cuts, no error the whole capture lacks", not new, "\n".join(new))
done()
PY
