#!/usr/bin/env python3
"""check_sources.py FILE.c...

The source checks of Wireshark's tools, for the plugin's C files (the tools themselves are not
installed and are not fetched at test time; tests/plugin/README or plugin/README.md "Checks"):
- checkhf.pl: every hf_, ett_ and ei_ variable declared is registered (&name in a register
  array) and used elsewhere; none is registered twice.
- checkAPIs.pl: none of the functions it prohibits in dissectors (memory-unsafe, locale-dependent,
  non-portable, allocation outside wmem/glib); printf only in stats.c, which prints tshark's
  -z tables as Wireshark's own command-line taps do.
- check_typed_item_calls.py: a proto_tree_add_<type>() call on a statically registered field
  matches its FT_ type.
- check_tfs.py: no true_false_string of our own (plain FT_BOOLEAN fields).
Prints one line per problem; exit status 1 if any.
"""
import os
import re
import sys

PROHIBITED = '''atoi gets sprintf g_sprintf vsprintf g_vsprintf strcpy strncpy strcat strncat cftime ascftime
ntohl ntohs htonl htons strdup strndup strtoull g_fprintf g_vfprintf g_snprintf g_vsnprintf bzero bcopy bcmp
malloc calloc realloc valloc free cfree isalnum isascii isalpha iscntrl isdigit islower isgraph isprint
ispunct isspace isupper isxdigit tolower toupper atof strtod strcasecmp strncasecmp g_memdup g_strcasecmp
g_strncasecmp g_strup g_strdown g_string_up g_string_down strerror g_print g_printerr inet_aton inet_addr
inet_ntoa inet_ntop inet_pton tvb_length tvb_length_remaining proto_tree_add_text dissector_add
g_assert_not_reached'''.split()
TYPED = {
    'uint': {'FT_UINT8', 'FT_UINT16', 'FT_UINT24', 'FT_UINT32', 'FT_FRAMENUM'},
    'uint64': {'FT_UINT40', 'FT_UINT48', 'FT_UINT56', 'FT_UINT64'},
    'int': {'FT_INT8', 'FT_INT16', 'FT_INT24', 'FT_INT32'},
    'int64': {'FT_INT40', 'FT_INT48', 'FT_INT56', 'FT_INT64'},
    'string': {'FT_STRING', 'FT_STRINGZ'},
    'boolean': {'FT_BOOLEAN'},
    'guid': {'FT_GUID'},
    'ipv4': {'FT_IPv4'},
    'ipv6': {'FT_IPv6'},
    'none': {'FT_NONE'},
    'bytes': {'FT_BYTES'},
}

problems = []


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    return re.sub(r'"(\\.|[^"\\])*"', '""', text)


for path in sys.argv[1:]:
    name = os.path.basename(path)
    raw = open(path, encoding='utf-8').read()
    code = strip_comments(raw)
    # checkhf.pl
    declared = [v for decl in re.findall(r'^static (?:int|gint|expert_field) ([^;(]*);', code, re.M)
                for v in re.findall(r'(?:^|,)\s*((?:hf|ett|ei)_\w+)', decl)]
    ett_lists = ' '.join(re.findall(r'gint\s*\*\s*\w+\[\w*\]\s*=\s*\{([^}]*)\}', code))
    for var in declared:
        in_array = len(re.findall(r'\{\s*&%s(?:\[[^\]]*\])*\s*,\s*\{' % var, code)) + \
                   len(re.findall(r'&%s\b' % var, ett_lists))               # { &hf_x, {...} }, ett[] = { &ett_x }
        assigned = [v for v in re.findall(r'\b%s(?:\[[^\]]*\])*\s*=(?!=)\s*([^\s;,]+)' % var, code)
                    if v not in ('-1', 'EI_INIT') and not v.startswith('{')]                         # handed over, looked up by name
        uses = len(re.findall(r'\b%s\b' % var, code)) - 1 - in_array - len(assigned)
        if in_array > 1 and not re.search(r'\b%s\[' % var, code):   # arrays register one per element
            problems.append(f'{name}: {var} is registered twice')
        if not in_array and not assigned:
            problems.append(f'{name}: {var} is never registered')
        elif uses < 1:
            problems.append(f'{name}: {var} is registered but never used')
    # checkAPIs.pl
    for fn in PROHIBITED + ([] if name == 'stats.c' else ['printf']):
        for m in re.finditer(r'(?<![\w.>])%s\s*\(' % fn, code):
            line = code.count('\n', 0, m.start()) + 1
            problems.append(f'{name}:{line}: {fn}() is prohibited (checkAPIs.pl)')
    # check_typed_item_calls.py, for fields registered in this file with a literal type
    ftype = dict(re.findall(r'\{\s*&(hf_\w+)\s*,\s*\{\s*""\s*,\s*""\s*,\s*(FT_\w+)', code))
    for m in re.finditer(r'proto_tree_add_(\w+?)(?:_format(?:_value)?)?\s*\(\s*[^,]+,\s*(hf_\w+)\s*,', code):
        kind, var = m.group(1), m.group(2)
        if kind in TYPED and var in ftype and ftype[var] not in TYPED[kind]:
            line = code.count('\n', 0, m.start()) + 1
            problems.append(f'{name}:{line}: proto_tree_add_{kind}() on {var}, a {ftype[var]}')
    # check_tfs.py
    if re.search(r'\btrue_false_string\b', code):
        problems.append(f'{name}: defines a true_false_string; use tfs.h\'s or none')
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
