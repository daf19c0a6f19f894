#!/usr/bin/env python3
"""json_get.py PATH < tshark -T json or -T ek output

Prints, as JSON, the value at PATH ('/'-separated keys below "layers") in the first packet, so
a string shows exactly the characters it holds and an EK boolean stays true/false. Exits 1 with
the keys that exist when a key is missing."""
import json
import sys

text = sys.stdin.read()
try:
    packets = json.loads(text)  # -T json: one array of packets
except json.JSONDecodeError:
    # -T ek: an index line, then one document line per packet
    packets = [json.loads(line) for line in text.splitlines() if line.startswith('{"timestamp"')]
if not packets:
    sys.exit("json_get.py: no packet in the input")
value = packets[0]["_source"]["layers"] if "_source" in packets[0] else packets[0]["layers"]
for key in sys.argv[1].split("/"):
    if not isinstance(value, dict) or key not in value:
        sys.exit(f"json_get.py: no {key!r} in {sorted(value) if isinstance(value, dict) else value!r}")
    value = value[key]
print(json.dumps(value))
