#!/usr/bin/env bash
# Installs the Debian packages the project builds and tests with (README "Quick start").
# tshark asks whether non-root users may capture; answer it up front so apt never blocks.
set -euo pipefail
PKGS="build-essential cmake pkg-config libglib2.0-dev libpcap-dev libgcrypt20-dev libkrb5-dev wireshark-dev tshark valgrind python3 iproute2 tcpreplay"
PKGS="$PKGS debootstrap"   # .ci/plugin-trixie.sh builds a Debian 13 root for the Wireshark 4.4 leg
PKGS="$PKGS chromium"      # decoder_report_browser renders the HTML report headless
PKGS="$PKGS clang libclang-rt-14-dev"   # clang + libFuzzer (libclang_rt.fuzzer) for tests/fuzz/run_fuzzers.sh
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi
