#!/usr/bin/env python3
"""The include graph of the project's own code (issue 12): no cycles between modules, and the layers
point one way. A module is a file's name without its extension and without "_internal" (walker.c and
walker.h are one; state_internal.h is the private header of state.c and its helpers).

Layers, lowest first: csvp/ (the core: no capture I/O, no Wireshark types), capture/ (pcap to calls),
decoder/ (csvpdump) and plugin/ (Wireshark), each including only from the layers below it and itself.
Usage: test_layers.py PROJECT_SOURCE_DIR
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checklib import check, done  # noqa: E402

ROOT = sys.argv[1]
LAYERS = {"csvp": {"csvp"}, "capture": {"csvp", "capture"}, "decoder": {"csvp", "capture", "decoder"},
          "plugin": {"csvp", "plugin"}}
# System headers a layer must not use: the core has no capture I/O and no Wireshark types (README "Layout").
FORBIDDEN = {"csvp": ("pcap", "epan/", "wsutil/", "wireshark"), "capture": ("epan/", "wsutil/")}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

def module(layer, f):
    base = os.path.splitext(f)[0]
    return layer, base[:-len("_internal")] if base.endswith("_internal") else base


# Which folder owns each header name (names are unique across the layers).
owner, sources = {}, []
for layer in LAYERS:
    for f in sorted(os.listdir(os.path.join(ROOT, layer))):
        if f.endswith((".c", ".h")):
            sources.append((layer, f))
            if f.endswith(".h"):
                check(f"header {f} has one owner", f not in owner or owner[f] == layer, (owner.get(f), layer), quiet=True)
                owner[f] = layer

edges = {}   # module -> modules it includes
for layer, f in sources:
    text = open(os.path.join(ROOT, layer, f), encoding="utf-8").read()
    mod = module(layer, f)
    edges.setdefault(mod, set())
    for kind, name in INCLUDE.findall(text):
        if kind == "<":
            bad = [p for p in FORBIDDEN.get(layer, ()) if name.startswith(p)]
            check(f"{layer}/{f} includes no {name}", not bad, quiet=True)
            continue
        base = os.path.basename(name)
        if base not in owner:
            continue   # a generated or third-party header
        target = owner[base]
        check(f"{layer}/{f} -> {target}/{base} points down", target in LAYERS[layer], quiet=True)
        dep = module(target, base)
        if dep != mod:
            edges[mod].add(dep)

# Cycles: depth-first search, reporting each back edge's cycle.
cycles, state, stack = [], {}, []


def visit(m):
    state[m] = 1
    stack.append(m)
    for d in sorted(edges.get(m, ())):
        if state.get(d) == 1:
            cycles.append(" -> ".join(f"{a}/{b}" for a, b in stack[stack.index(d):] + [d]))
        elif not state.get(d):
            visit(d)
    stack.pop()
    state[m] = 2


for m in sorted(edges):
    if not state.get(m):
        visit(m)
check(f"no include cycles among {len(edges)} modules", not cycles, "; ".join(cycles))
done()
