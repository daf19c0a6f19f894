# checklib.sh - the assertion helper of every shell test, in the manner of checklib.py.
# shellcheck shell=sh
#
# Each check prints "ok   NAME" (standard output) or "FAIL NAME  DETAIL" (standard error) and counts a failure; the test goes on, and
# ends with check_done, which prints "<n> failed" and exits 1 if any check failed. Source it from
# tests/ (its folder):
#
#     . "$(dirname "$0")/../checklib.sh"
#
#     check NAME GOT WANT          GOT and WANT are the same string
#     check_true NAME COMMAND...   COMMAND exits 0 (a `[ ... ]` test, cmp -s, grep -q, a function)
#     check_grep NAME PATTERN FILE a line of FILE matches PATTERN (grep's basic regex); else shows FILE
#     fail NAME DETAIL             a failure found by the test's own logic
#     check_done                   the end of the test
#
# A check always returns 0, so a `set -e` script goes on past a failure (as a C or Python test
# does). Failures are counted in a file named by the script's $$ (the same in its subshells), not in
# a variable, so a check made inside $(...) or a pipeline counts too.
_check_failed=${TMPDIR:-/tmp}/csvp-checklib.$$
rm -f "$_check_failed"   # left by an earlier shell with this process id

# On standard error: a check inside $(...) must not hand its FAIL line to the caller as output.
fail() {
    printf 'FAIL %s  %.3000s\n' "$1" "${2:-}" >&2
    echo >>"$_check_failed"
}

check() {
    if [ "$2" = "$3" ]; then echo "ok   $1"; else fail "$1" "got [$2], want [$3]"; fi
}

check_true() {
    _check_name=$1
    shift
    if "$@"; then echo "ok   $_check_name"; else fail "$_check_name" "\`$*\` exited $?"; fi
}

check_grep() {
    if grep -q -- "$2" "$3"; then echo "ok   $1"; else fail "$1" "no line matches [$2] in $3:
$(head -60 "$3")"; fi
}

check_done() {
    _check_n=0
    [ ! -f "$_check_failed" ] || _check_n=$(($(wc -l <"$_check_failed")))
    rm -f "$_check_failed"
    echo "$_check_n failed"
    [ "$_check_n" -eq 0 ] || exit 1
    exit 0
}
