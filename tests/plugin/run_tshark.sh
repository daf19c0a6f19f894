#!/bin/sh
# run_tshark.sh PLUGIN_SO|none [CAPTURE] -- [tshark arguments...]
#
# Runs tshark with the freshly built csvp.so and nothing else of ours: the
# plugin is staged into a temporary plugin folder (DIR/<major.minor>/epan) and
# tshark runs with WIRESHARK_PLUGIN_DIR=DIR and an empty HOME, so neither an
# installed personal copy nor preferences are read. Debian's tshark ignores
# WIRESHARK_PLUGIN_DIR when run as root, so as root it runs as `nobody`
# (the staged files and a copy of CAPTURE are made readable to it). CAPTURE,
# when given, is passed as `-r`. No extcap helpers are run (an empty
# WIRESHARK_EXTCAP_DIR): reading files needs none. An ASan build of the plugin gets libasan
# preloaded so the sanitizers watch it inside the real tshark. `none` runs
# the same way without the plugin (for comparisons). TSHARK names another tshark
# than the one on PATH (a Wireshark built or installed elsewhere); the plugin folder
# follows its version.
set -eu
so=$1; shift
capture=
if [ "${1-}" != "--" ]; then capture=$1; shift; fi
[ "${1-}" = "--" ] && shift

tshark=${TSHARK:-tshark}
command -v "$tshark" >/dev/null 2>&1 || { echo "$tshark not found" >&2; exit 77; }
release=$("$tshark" --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/csvp-tshark.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/plugins/$release/epan" "$tmp/home" "$tmp/extcap"
[ "$so" = none ] || cp "$so" "$tmp/plugins/$release/epan/csvp.so"
if [ -n "$capture" ]; then
    cp "$capture" "$tmp/capture"
    set -- -r "$tmp/capture" "$@"
fi
chmod -R a+rX "$tmp"

preload= asan=
[ "$so" = none ] || asan=$(ldd "$so" 2>/dev/null | sed -n 's/.*libasan[^ ]* => \([^ ]*\).*/\1/p')
[ -n "$asan" ] && preload=$asan

runenv="HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home WIRESHARK_PLUGIN_DIR=$tmp/plugins WIRESHARK_EXTCAP_DIR=$tmp/extcap
        LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"
if [ "$(id -u)" = 0 ]; then
    chown nobody "$tmp/home"
    # shellcheck disable=SC2086
    runuser -u nobody -- env $runenv "$tshark" "$@"
else
    # shellcheck disable=SC2086
    env $runenv "$tshark" "$@"
fi
