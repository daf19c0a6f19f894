#!/usr/bin/env python3
"""json_keys.py < tshark -T json -J csvp output

Prints every key under the csvp layer that is not a field name (csvp.*, dcerpc.*, a field's
"<abbrev>_tree") and not an expert info (a label whose value holds "_ws.expert", as Wireshark
writes every proto_tree_add_expert item): the labels that change per packet, which JSON
consumers cannot address. Also prints the layer keys other than the dissected protocols when
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
            ok = FIELD.match(k) or (k.endswith('_tree') and FIELD.match(k[:-5])) or \
                 (isinstance(v, dict) and '_ws.expert' in v) or k.startswith('_ws.expert')
            if not ok:
                bad.add(k)
            walk(v)


for packet in json.load(sys.stdin):
    layers = packet['_source']['layers']
    bad.update(k for k in layers if k.lower().startswith('csvp') and k != 'csvp')
    walk(layers.get('csvp', {}))
for k in sorted(bad):
    print(k)
