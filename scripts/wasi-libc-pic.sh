#!/usr/bin/env bash
# Builds Debian's wasi-libc position-independent (-fPIC), for the shared-libc test of
# host-tests/tests/dylink.rs, and prints the directory of the resulting sysroot on stdout.
#
#   scripts/wasi-libc-pic.sh [--rebuild]
#
# The sysroot (include/ and lib/wasm32-wasi/ with libc.a, crt1-command.o, ... all compiled
# -fPIC -fvisibility=default) is built once into the cache,
# ${WASMLINK_WASI_LIBC_CACHE:-~/.cache/wasmlink-wasi-libc}, and rebuilt only when what it is built
# from changes (the source package's version, clang-19's version, the flags below) or with
# --rebuild. Once built, a run takes a few milliseconds.
#
# The source is Debian's wasi-libc source package (bookworm: 0.0~git20220510.9886d3d, a 2022
# snapshot), the version of the installed wasi-libc when the archive still has it, downloaded with
# `apt-get source --download-only` on a private apt configuration in the cache, as
# scripts/conformance.sh fetches llvm-toolchain-19: deb-src entries made from the machine's own deb
# entries for its release (or WASMLINK_WASI_LIBC_DEB_SRC, a one-line `deb-src ...` entry), so no
# root is needed and /etc/apt is not touched. Debian's patches (debian/patches/series) are applied,
# then only the library targets are made (`make startup_files libc`, under a minute on two
# cores): the default target's final check (`check-symbols`) diffs the predefined macros and
# symbol lists against expected/, written for a non-PIC build (`-fPIC` adds `__PIC__`), and fails.
#
# Exit status: 0 with the sysroot's path on stdout; 77 when it cannot be had here (no apt, no
# network, a tool missing: the reason is printed on stderr, and the test skips); 2 when the build
# itself fails (its log is named).
set -uo pipefail

CACHE="${WASMLINK_WASI_LIBC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wasmlink-wasi-libc}"
SRC_PACKAGE=wasi-libc
CC=clang-19
AR=llvm-ar-19
NM=llvm-nm-19
EXTRA_CFLAGS="-O2 -DNDEBUG -fPIC -fvisibility=default"
SKIP=77

say() { echo "wasi-libc-pic: $*" >&2; }
skip() { say "skipped: $*"; exit "$SKIP"; }
die() { say "error: $*"; exit 2; }

REBUILD=""
for a in "$@"; do
    case "$a" in
        --rebuild) REBUILD=1 ;;
        -h | --help) sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument $a" ;;
    esac
done

for t in "$CC" "$AR" "$NM" make patch tar xz flock; do
    command -v "$t" >/dev/null 2>&1 || skip "$t is needed to build wasi-libc (apt-get install clang-19 llvm-19 make patch xz-utils)"
done
mkdir -p "$CACHE" || skip "cannot create the cache $CACHE"
CACHE="$(cd "$CACHE" && pwd)"
SYSROOT="$CACHE/sysroot"
DEBIAN="$CACHE/debian"      # the downloaded source package: .dsc, .orig.tar.xz, .debian.tar.xz

# What the sysroot is built from; a different line rebuilds it.
stamp_line() {
    local dsc
    dsc="$(ls "$DEBIAN"/*.dsc 2>/dev/null | head -1)"
    echo "$(sed -n 's/^Version: //p' "$dsc" 2>/dev/null | head -1) | $("$CC" --version | head -1) | $EXTRA_CFLAGS"
}

# ---------------------------------------------------------------- fetching the source
. "$(dirname "${BASH_SOURCE[0]}")/lib/debian-source.sh"

fetch_source() {
    say "fetching Debian's $SRC_PACKAGE source package into $CACHE (once)"
    # The version of the installed wasi-libc (the one clang-19's sysroot is), when the archive
    # still has it.
    fetch_debian_source "$CACHE" "$SRC_PACKAGE" wasi-libc WASMLINK_WASI_LIBC_DEB_SRC
    local work="$CACHE/download" log="$CACHE/fetch.log"
    ls "$work"/*.dsc "$work"/*.orig.tar.* >/dev/null 2>&1 || skip "the $SRC_PACKAGE download has no .dsc or .orig.tar; see $log"
    rm -rf "$DEBIAN"
    mv "$work" "$DEBIAN" || die "cannot move the download into $DEBIAN"
}

have_source() { ls "$DEBIAN"/*.dsc "$DEBIAN"/*.orig.tar.* >/dev/null 2>&1; }

# ---------------------------------------------------------------- building
build() {
    local work="$CACHE/build" log="$CACHE/build.log"
    rm -rf "$work"
    mkdir -p "$work/x"
    : >"$log"
    local orig debian
    orig="$(ls "$DEBIAN"/*.orig.tar.* | head -1)"
    debian="$(ls "$DEBIAN"/*.debian.tar.* 2>/dev/null | head -1)"
    tar -xf "$orig" -C "$work/x" >>"$log" 2>&1 || die "cannot unpack $orig; see $log"
    local src
    src="$(ls -d "$work"/x/*/ | head -1)"
    [ -f "$src/Makefile" ] || die "no Makefile in $orig"
    if [ -n "$debian" ]; then
        tar -xf "$debian" -C "$src" >>"$log" 2>&1 || die "cannot unpack $debian; see $log"
        if [ -f "$src/debian/patches/series" ]; then
            local p
            while read -r p _; do
                case "$p" in '' | '#'*) continue ;; esac
                (cd "$src" && patch -p1 --batch <"debian/patches/$p") >>"$log" 2>&1 || die "Debian's patch $p does not apply; see $log"
            done <"$src/debian/patches/series"
        fi
    fi
    say "building $(basename "$orig") with $CC -fPIC into $SYSROOT (once, under a minute; log: $log)"
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    (cd "$src" && make -j"$jobs" CC="$CC" AR="$AR" NM="$NM" EXTRA_CFLAGS="$EXTRA_CFLAGS" \
        SYSROOT="$work/sysroot" startup_files libc) >>"$log" 2>&1 </dev/null \
        || { tail -20 "$log" >&2; die "make failed; see $log"; }
    [ -f "$work/sysroot/lib/wasm32-wasi/libc.a" ] && [ -f "$work/sysroot/lib/wasm32-wasi/crt1-command.o" ] \
        || die "the build made no libc.a or crt1-command.o; see $log"
    rm -rf "$SYSROOT"
    mv "$work/sysroot" "$SYSROOT" || die "cannot move the sysroot into $SYSROOT"
    stamp_line >"$CACHE/BUILT"
    rm -rf "$work"
}

# One fetch and build at a time (the test runs once per linker, two checkouts share the cache).
exec 9>"$CACHE/.lock"
flock 9 || die "cannot lock $CACHE/.lock"
have_source || fetch_source
if [ -n "$REBUILD" ] || [ ! -f "$SYSROOT/lib/wasm32-wasi/libc.a" ] || [ "$(cat "$CACHE/BUILT" 2>/dev/null)" != "$(stamp_line)" ]; then
    build
fi
echo "$SYSROOT"
