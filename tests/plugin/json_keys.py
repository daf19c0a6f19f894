#!/usr/bin/env python3
"""json_keys.py < tshark -T json -J csvp output

Prints every key under the csvp layer that is not a field name (csvp.*, dcerpc.*, _ws.*, a
field's "<abbrev>_tree"): the labels that change per packet (an array's "localUnicastIPs (2
elements)", an expert info's message), which JSON consumers cannot address. Also prints the layer keys other than the dissected protocols when
a csvp helper protocol shows there under its own name."""
import json
import re
import sys

FIELD = re.compile(r'^(csvp|dcerpc|dcom|_ws)(\.[A-Za-z0-9_-]+)+$')
bad = set()


def walk(obj):
    if isinstance(obj, list):
        for v in obj:
            walk(v)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            ok = FIELD.match(k) or (k.endswith('_tree') and FIELD.match(k[:-5]))
            if not ok:
                bad.add(k)
            walk(v)


for packet in json.load(sys.stdin):
    layers = packet['_source']['layers']
    bad.update(k for k in layers if k.lower().startswith('csvp') and k != 'csvp')
    walk(layers.get('csvp', {}))
for k in sorted(bad):
    print(k)
