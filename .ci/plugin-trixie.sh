#!/usr/bin/env bash
# .ci/plugin-trixie.sh: the plugin's real-tshark tests (tests/plugin) against Wireshark 4.4.
#
# The host (Debian 12) tests the plugin with Wireshark 4.0; this builds the same source tree in a
# Debian 13 (trixie) root, against its libwireshark-dev 4.4, and runs `ctest -R ^plugin_` there
# with trixie's tshark. The root comes from `debootstrap --variant=minbase trixie` plus the build
# packages, and is kept as a tarball in $CSVP_CACHE_DIR (default ${XDG_CACHE_HOME:-/var/cache}/csvp),
# rebuilt when the package list changes, when it is older than 30 days (point releases, security
# fixes) or with CSVP_TRIXIE_REFRESH=1. Each run unpacks it into a fresh tmpfs, unmounted at the
# end. Needs root (debootstrap, chroot, mounts): otherwise it says it skipped and exits 0.
# The mirror is the host's own Debian mirror (its apt sources) unless CSVP_DEBIAN_MIRROR is set.
# Measured on the project's shared 2-core machine: 2.6 min without the cache (debootstrap 19 s,
# apt 18 s, writing the 230 MB tarball 36 s, build 16 s, tests 66 s), 1.2 min with it (unpack 8 s,
# build 13 s, tests 53 s).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
step() { printf '== plugin-trixie: %s (%ss)\n' "$*" "$SECONDS"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "== plugin-trixie: SKIPPED, Wireshark 4.4 leg not run: debootstrap, chroot and mount need root"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "plugin-trixie: debootstrap missing (bash .ci/deps.sh)" >&2; exit 1; }

# The host's Debian mirror: the first apt source (one-line or deb822 form) that is not -security.
host_mirror() {
    { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || :; } |
        sed -n -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p' \
               -e 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' |
        grep -E '/debian/?$' | head -1 || :
}
mirror=${CSVP_DEBIAN_MIRROR:-$(host_mirror)}
[ -n "$mirror" ] || { echo "plugin-trixie: no Debian mirror in the host's apt sources; set CSVP_DEBIAN_MIRROR" >&2; exit 1; }

# What the root holds; changing this list makes a new cache entry.
# (util-linux for runuser: tests/plugin/run_tshark.sh runs tshark as nobody; python3 reads tshark's JSON)
pkgs="tshark libwireshark-dev cmake gcc libc6-dev make pkg-config libglib2.0-dev libpcap-dev libgcrypt20-dev libkrb5-dev util-linux python3"
cache=${CSVP_CACHE_DIR:-${XDG_CACHE_HOME:-/var/cache}/csvp}
key=$(printf '%s\n' trixie minbase "$pkgs" | sha256sum | cut -c1-12)
tarball=$cache/trixie-minbase-$key.tar.gz

# The root lives in a tmpfs: unpacking, building and throwing it away cost no disk I/O (about
# 0.8 GB of memory while it runs), and nothing is left behind once it is unmounted.
work=$(mktemp -d "${TMPDIR:-/var/tmp}/csvp-trixie.XXXXXX")
root=$work/root
mounts=()
cleanup() {
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true
    done
    # Never delete through a mount that is still there (the source tree, /dev).
    if grep -qF " $work/" /proc/self/mountinfo; then
        echo "plugin-trixie: mounts left under $work, not deleting it" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mnt() { mount "$@"; mounts+=("${@: -1}"); }
mkdir "$root"
mnt -t tmpfs -o size=3g,mode=755 csvp-trixie "$root"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
                DEBIAN_FRONTEND=noninteractive "$@"; }

if [ -f "$tarball" ] && [ "${CSVP_TRIXIE_REFRESH:-0}" != 1 ] && [ -z "$(find "$tarball" -mtime +30)" ]; then
    step "unpacking cached root $tarball"
    tar -xzf "$tarball" -C "$root"
else
    step "debootstrap --variant=minbase trixie from $mirror"
    debootstrap --variant=minbase trixie "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -20 "$work/debootstrap.log" >&2; exit 1; }
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mnt -t proc proc "$root/proc"
    mnt --bind /dev "$root/dev"
    step "apt-get install $pkgs"
    echo "wireshark-common wireshark-common/install-setuid boolean false" | in_root debconf-set-selections
    in_root apt-get update -q >/dev/null
    in_root apt-get install -y -q --no-install-recommends $pkgs >"$work/apt.log" 2>&1 ||
        { tail -20 "$work/apt.log" >&2; exit 1; }
    in_root apt-get clean
    rm -rf "$root"/var/lib/apt/lists/*
    umount "$root/dev" "$root/proc"
    mounts=("$root")
    step "caching the root as $tarball"
    mkdir -p "$cache"
    rm -f "$cache"/trixie-minbase-*.tar.gz
    tar -czf "$tarball.tmp.$$" -C "$root" . || { rm -f "$tarball.tmp.$$"; exit 1; }
    mv "$tarball.tmp.$$" "$tarball"   # whole or not at all, should two runs build it at once
fi

mnt -t proc proc "$root/proc"
mnt --bind /dev "$root/dev"
mkdir -p "$root/src"
mnt --bind "$src" "$root/src"
mount -o remount,bind,ro "$root/src"   # the build writes only to /build inside the root
step "$(in_root tshark --version 2>/dev/null | head -1); building the plugin"
in_root sh -c 'cmake -S /src -B /build -DCSVP_SANITIZE=ON >/build.log &&
               cmake --build /build --target csvp_plugin -j2 >>/build.log' ||
    { tail -40 "$root/build.log" >&2; exit 1; }
step "ctest -R ^plugin_ with trixie's tshark"
in_root ctest --test-dir /build -R '^plugin_' --output-on-failure -j2
step "done"
