#!/bin/sh
# install_test.sh PLUGIN_BUILD_DIR INSTALL_DIR
#
# `cmake --install` puts csvp.so where the Wireshark it was built against loads it from:
# INSTALL_DIR (CSVP_PLUGIN_INSTALL_DIR) must be the plugins/<major.minor>/epan folder of the
# tshark under test, and with the default (the personal folder below $HOME) that tshark,
# run with HOME pointing into a DESTDIR staging of the install, must list the installed file.
# Exit 77 (ctest SKIP) without tshark or when CSVP_PLUGIN_INSTALL_DIR was set elsewhere by hand.
set -eu
builddir=$1 dir=$2
tshark=${TSHARK:-tshark}
command -v "$tshark" >/dev/null 2>&1 || { echo "SKIP: $tshark is not installed"; exit 77; }
. "$(dirname "$0")/../checklib.sh"
release=$("$tshark" --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
case $dir in
*/plugins/"$release"/epan) ;;
# Ends here: the personal-folder test below would take this folder for a hand-set one and skip.
*/plugins/[0-9]*.[0-9]*/epan) fail "install folder of Wireshark $release" "installs into $dir"; check_done ;;
*) echo "SKIP: CSVP_PLUGIN_INSTALL_DIR=$dir is not a versioned plugin folder"; exit 77 ;;
esac
[ "$dir" = "${HOME-}/.local/lib/wireshark/plugins/$release/epan" ] ||
    { echo "SKIP: CSVP_PLUGIN_INSTALL_DIR=$dir is not the personal folder of HOME=${HOME-}"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/csvp-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
DESTDIR=$tmp cmake --install "$builddir" >/dev/null || fail "cmake --install $builddir" "exited $?"
check_true "cmake --install puts csvp.so in $dir (under DESTDIR)" test -f "$tmp$dir/csvp.so"

# The personal folder is read only by a non-root tshark (Debian's ignores it as root): as root,
# run it as nobody. An ASan build gets libasan preloaded, as in run_tshark.sh.
asan=$(ldd "$tmp$dir/csvp.so" 2>/dev/null | sed -n 's/.*libasan[^ ]* => \([^ ]*\).*/\1/p')
# No extcap helpers (an empty WIRESHARK_EXTCAP_DIR): tshark would start each of them, and they can hang.
mkdir "$tmp/extcap"
runenv="HOME=$tmp$HOME XDG_CONFIG_HOME=$tmp$HOME/.config WIRESHARK_EXTCAP_DIR=$tmp/extcap LD_PRELOAD=$asan
        ASAN_OPTIONS=detect_leaks=0"
chmod -R a+rX "$tmp"
if [ "$(id -u)" = 0 ]; then
    # shellcheck disable=SC2086
    out=$(runuser -u nobody -- env -u WIRESHARK_PLUGIN_DIR $runenv "$tshark" -G plugins 2>&1)
else
    # shellcheck disable=SC2086
    out=$(env -u WIRESHARK_PLUGIN_DIR $runenv "$tshark" -G plugins 2>&1)
fi
printf '%s\n' "$out" >"$tmp/plugins"
check_grep "tshark $release loads $dir/csvp.so (under DESTDIR)" "^csvp\.so[[:space:]].*dissector[[:space:]]*$tmp$dir/csvp\.so$" "$tmp/plugins"
check_done
