#!/usr/bin/env python3
"""check_fields.py PROTO FIELDS VALUES FTYPES

Checks in the spirit of Wireshark's tools/checkhf.pl, check_typed_item_calls.py and
check_tfs.py, run over what the plugin registers at run time (`tshark -G fields` and
`tshark -G values`, so fields generated from the tables are covered, which the tools, reading
C sources, cannot see). Prints one line per problem; exit status 1 if any.

- every field of PROTO has an abbreviation under PROTO, of the characters Wireshark allows;
- one type per abbreviation (two fields may share one only with the same type);
- the type is one `tshark -G ftypes` knows, the display fits the type: integers in a BASE_*,
  FT_BOOLEAN a bit width of 8-64 (or none: 0) with a mask that fits it, other types BASE_NONE;
- a blurb that says something: present, not the field's name again, no stray blanks
  (expert infos aside, whose summary is their description);
- value strings: no value named twice, no empty name (check_tfs.py's concern for the TFS
  strings, of which the plugin registers none: any PROTO TFS is reported).
"""
import re
import sys

proto, fields_path, values_path, ftypes_path = sys.argv[1:5]
known = {line.split('\t')[0] for line in open(ftypes_path, encoding='utf-8')}
problems = []
INT = {'FT_UINT8', 'FT_UINT16', 'FT_UINT24', 'FT_UINT32', 'FT_UINT40', 'FT_UINT48', 'FT_UINT56', 'FT_UINT64',
       'FT_INT8', 'FT_INT16', 'FT_INT24', 'FT_INT32', 'FT_INT40', 'FT_INT48', 'FT_INT56', 'FT_INT64'}
INT_BASES = {'BASE_DEC', 'BASE_HEX', 'BASE_OCT', 'BASE_DEC_HEX', 'BASE_HEX_DEC', 'BASE_CUSTOM'}
NO_BASE = {'', 'BASE_NONE'}
ABBREV = re.compile(r'^%s(\.[A-Za-z0-9_-]+)*$' % re.escape(proto))

types = {}
count = 0
for line in open(fields_path, encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if f[0] != 'F' or len(f) < 8 or f[4] != proto:
        continue
    count += 1
    name, abbrev, ftype, base, mask, blurb = f[1], f[2], f[3], f[5], f[6], f[7]
    where = f'{abbrev}:'
    if not ABBREV.match(abbrev):
        problems.append(f'{where} abbreviation not of the form {proto}.<letters, digits, _ ->')
    types.setdefault(abbrev, set()).add(ftype)
    if ftype not in known:
        problems.append(f'{where} type {ftype} unknown to this Wireshark')
    if ftype in INT:
        if base not in INT_BASES:
            problems.append(f'{where} {ftype} with display {base or "none"}')
    elif ftype == 'FT_BOOLEAN':
        width = int(base) if base.isdigit() else 0
        m = int(mask, 16) if mask.startswith('0x') else 0
        if base not in NO_BASE | {'0'} and not (8 <= width <= 64):
            problems.append(f'{where} FT_BOOLEAN with display {base}')
        if m and (not width or m >> width):
            problems.append(f'{where} mask {mask} does not fit {width} bits')
    elif base not in NO_BASE:
        problems.append(f'{where} {ftype} with display {base}')
    if ftype not in INT and ftype != 'FT_BOOLEAN' and mask not in ('', '0x0', '0x00000000'):
        problems.append(f'{where} {ftype} with a mask {mask}')
    if not abbrev.startswith(f'{proto}.expert.'):
        if not blurb.strip():
            problems.append(f'{where} no blurb')
        elif blurb.strip() == name.strip() or blurb != blurb.strip():
            problems.append(f'{where} blurb {blurb!r} says nothing more than the name')
for abbrev, ts in types.items():
    if len(ts) > 1:
        problems.append(f'{abbrev}: registered with types {", ".join(sorted(ts))}')
if not count:
    problems.append(f'no field of protocol {proto} in {fields_path}')

names = {}
for line in open(values_path, encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if len(f) < 4 or not f[1].startswith(proto + '.'):
        continue
    if f[0] == 'T':
        problems.append(f'{f[1]}: a true/false string ({f[2]}/{f[3]}); plain FT_BOOLEAN fields are used')
    elif f[0] in ('V', 'R'):
        if not f[-1].strip():
            problems.append(f'{f[1]}: value {f[2]} without a name')
        if f[0] == 'V':
            seen = names.setdefault(f[1], {})
            if f[2] in seen and seen[f[2]] != f[3]:
                problems.append(f'{f[1]}: value {f[2]} named {seen[f[2]]} and {f[3]}')
            seen[f[2]] = f[3]
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
