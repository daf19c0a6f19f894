#!/usr/bin/env bash
# One drop-in case (tests/cases/README.md): run csvpdump with the folder's args, compare stdout exactly,
# require each stderr line and the exit status. usage: run_case.sh CSVPDUMP CASE_DIR SAMPLES_DIR
set -u
csvpdump=$1 case=$2 samples=$3
args=$(sed -e "s|\$SAMPLES|$samples|g" -e "s|\$CASE|$case|g" "$case/args")
want_rc=0
[ -f "$case/rc" ] && want_rc=$(cat "$case/rc")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# shellcheck disable=SC2086
"$csvpdump" $args >"$out" 2>"$err"
rc=$?
fail=0
if ! diff -u "$case/stdout" "$out"; then echo "FAILED: standard output differs (above)"; fail=1; fi
if [ "$rc" != "$want_rc" ]; then echo "FAILED: exit status $rc, expected $want_rc"; fail=1; fi
if grep -q "Sanitizer\|runtime error" "$err"; then cat "$err"; echo "FAILED: sanitizer report"; fail=1; fi
if [ -f "$case/stderr" ]; then
  while IFS= read -r line; do
    grep -qF -- "$line" "$err" || { echo "FAILED: stderr lacks: $line"; fail=1; }
  done <"$case/stderr"
fi
[ $fail -eq 0 ] && echo "ok: $(basename "$case")"
exit $fail
