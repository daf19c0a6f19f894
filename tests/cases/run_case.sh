#!/usr/bin/env bash
# One drop-in case (tests/cases/README.md): run csvpdump with the folder's args, compare stdout exactly,
# require each stderr line and the exit status. usage: run_case.sh CSVPDUMP CASE_DIR SAMPLES_DIR
set -u
csvpdump=$1 case=$2 samples=$3
. "$(dirname "$0")/../checklib.sh"
args=$(sed -e "s|\$SAMPLES|$samples|g" -e "s|\$CASE|$case|g" "$case/args")
want_rc=0
[ -f "$case/rc" ] && want_rc=$(cat "$case/rc")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# shellcheck disable=SC2086
"$csvpdump" $args >"$out" 2>"$err"
rc=$?
check_true "standard output as in $(basename "$case")/stdout" diff -u "$case/stdout" "$out"   # diff -u shows what differs
check "exit status" "$rc" "$want_rc"
if grep -q "Sanitizer\|runtime error" "$err"; then cat "$err"; fail "no sanitizer report" "(standard error above)"; fi
if [ -f "$case/stderr" ]; then
  while IFS= read -r line; do
    check_true "standard error has: $line" grep -qF -- "$line" "$err"
  done <"$case/stderr"
fi
check_done
