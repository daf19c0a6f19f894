#!/usr/bin/env bash
# run_fuzzers.sh [SECONDS]: CI fuzzing (README "Fuzzing").
#   1. builds the clang libFuzzer tree (build-fuzz, CSVP_FUZZ=ON: ASan + UBSan + coverage),
#   2. makes seed corpora from samples/ (extract_seeds, and editcap for pcapng) into build-fuzz/fuzz/seeds,
#   3. runs each harness for SECONDS (default $FUZZ_SECONDS or 60); new corpus entries stay in
#      build-fuzz/fuzz/corpus/<harness> for the next run, crashes go to build-fuzz/fuzz/artifacts/<harness>-*,
#   4. replays tests/fuzz/regressions/<harness> through each harness, and tests/decoder/regress and
#      ../shared/repro's captures (when that folder exists) through fuzz_capture.
# Exits non-zero on the first harness that crashes, leaks or fails a replay.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-${FUZZ_SECONDS:-60}}
build=${FUZZ_BUILD_DIR:-build-fuzz}
harnesses="stub blobs capture audit"

CC=clang cmake -S . -B "$build" -DCSVP_FUZZ=ON >/dev/null
cmake --build "$build" -j2 --target extract_seeds $(for h in $harnesses; do printf 'fuzz_%s ' "$h"; done)
bin=$build/tests/fuzz
work=$build/fuzz
rm -rf "$work/seeds"
mkdir -p "$work/artifacts"
"$bin/extract_seeds" "$work/seeds" samples/*.pcap
# The samples are all pcap; editcap (tshark's package) gives the pcapng reader seeds of its own.
if command -v editcap >/dev/null; then
    for f in samples/*.pcap; do editcap -F pcapng "$f" "$work/seeds/capture/$(basename "$f" .pcap).pcapng"; done
fi

# GLib's slice allocator hides its blocks from the leak checker; plain malloc keeps reports exact.
export G_SLICE=always-malloc
# -close_fd_mask=3: csvpdump's own stdout/stderr lines are dropped, libFuzzer's and the sanitizers' are kept.
# A fixed seed (FUZZ_SEED, default 1) makes a CI run repeatable: the same inputs in the same order, so a
# finding can be replayed and a green run means the same on the same machine; FUZZ_SEED=0 draws one.
opts="-close_fd_mask=3 -timeout=25 -rss_limit_mb=2048 -seed=${FUZZ_SEED:-1}"
# Replays run each whole kept input through every option set (queue_uaf.pcap: about 10 s on an idle
# machine, instrumented): a slow replay is no finding, a hang still is.
replay_opts="-close_fd_mask=3 -timeout=300 -rss_limit_mb=2048"
for h in $harnesses; do
    mkdir -p "$work/corpus/$h"
    dict=
    [ -f "tests/fuzz/fuzz_$h.dict" ] && dict=-dict=tests/fuzz/fuzz_$h.dict
    echo "== fuzz_$h: ${secs}s"
    # shellcheck disable=SC2086
    "$bin/fuzz_$h" $opts $dict -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$work/artifacts/$h-" \
        "$work/corpus/$h" "$work/seeds/$h"
done

for h in $harnesses; do
    reg=tests/fuzz/regressions/$h
    if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
        echo "== replay $reg"
        # shellcheck disable=SC2086
        "$bin/fuzz_$h" $replay_opts "$reg"/*
    fi
done
echo "== replay tests/decoder/regress"
# shellcheck disable=SC2086
"$bin/fuzz_capture" $replay_opts tests/decoder/regress/*
if [ -d ../shared/repro ]; then
    echo "== replay ../shared/repro"
    # shellcheck disable=SC2086
    "$bin/fuzz_capture" $replay_opts ../shared/repro/*.pcap ../shared/repro/*.pcapng
fi
echo "fuzzing: no crash"
