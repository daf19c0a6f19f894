#!/usr/bin/env python3
"""csvpdump --report in a real browser: headless Chromium opens the report of several samples with no console
error (the inline script ran to its end: body data-ready), renders the marks and disk bands the file holds,
and its screenshot is not blank. Skipped (77) without chromium (Debian package `chromium`).
Usage: test_report_browser.py CSVPDUMP SAMPLES_DIR
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_dom import parse  # noqa: E402

CSVPDUMP, SAMPLES = sys.argv[1], sys.argv[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    print("chromium missing: skipped")
    sys.exit(77)
TMP = tempfile.mkdtemp(prefix="csvp-report-browser-")


def chromium(*args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--enable-logging=stderr", "--v=0", f"--user-data-dir={TMP}/profile", *args],
                          capture_output=True, timeout=120)


def png_pixels(path):
    """Width, height and the filtered scanline bytes of a PNG (8-bit RGB or RGBA, as Chromium writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = struct.unpack_from(">II", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    return w, h, zlib.decompress(idat)


for name in ("disk_online", "violations", "two_servers", "context_faults", "hostile"):
    html = os.path.join(TMP, name + ".html")
    subprocess.run([CSVPDUMP, "-q", "--report", html, os.path.join(SAMPLES, name + ".pcap")], capture_output=True)
    file_root, _ = parse(open(html, encoding="utf-8").read())
    p = chromium("--dump-dom", "file://" + html)
    dom, _ = parse(p.stdout.decode())
    errors = [l for l in p.stderr.decode().splitlines() if "CONSOLE" in l or "Uncaught" in l]
    check(f"{name}: no console message", not errors, errors[:5])
    body = dom.first("body")
    check(f"{name}: the inline script ran to its end", body is not None and body.attrs.get("data-ready") == "1")
    for tag, cls in (("rect", "mark"), ("g", "seg"), ("tr", "finding"), ("section", "server")):
        n_file, n_dom = len(list(file_root.all(tag, cls))), len(list(dom.all(tag, cls)))
        check(f"{name}: {n_dom} {tag}.{cls} rendered as written", n_file == n_dom, (n_file, n_dom))
    png = os.path.join(TMP, name + ".png")
    chromium("--window-size=1200,800", f"--screenshot={png}", "file://" + html)
    w, h, px = png_pixels(png)
    nonzero = sum(1 for b in px if b) / len(px)
    check(f"{name}: screenshot {w}x{h} not blank", (w, h) == (1200, 800) and len(set(px)) > 40 and nonzero > 0.01,
          (w, h, len(set(px)), nonzero))

# Zoom from the address: violations.pcap's first 500 ms. CprepPrepareNodePhase2 (frame 12) starts 49,456 us after
# the first request (09:00:00.050485 - .001029) and lasts 281.312 ms: x = 190 + 49456 * 900 / 500000 = 279.0,
# width 281312 * 900 / 500000 = 506.4; ticks every 50 ms.
html = os.path.join(TMP, "violations.html")
p = chromium("--dump-dom", "file://" + html + "#zoom=0,500000")
dom, _ = parse(p.stdout.decode())
m12 = next(m for m in dom.all("rect", "mark") if m.attrs["data-frame"] == "12")
check("zoom #zoom=0,500000: frame 12 placed on the zoomed axis", (m12.attrs["x"], m12.attrs["width"]) ==
      ("279.0", "506.4"), m12.attrs)
ticks = [t.full_text() for t in dom.first("g", "ticks").all("text")]
check("zoom: ticks every 50 ms", ticks == [f"+{50 * i} ms" for i in range(11)], ticks)
check("zoom: the reset button enabled", "disabled" not in dom.first("button").attrs)

shutil.rmtree(TMP, ignore_errors=True)
done()
