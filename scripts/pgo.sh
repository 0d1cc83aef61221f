#!/usr/bin/env bash
# Builds wasmlink with profile-guided optimization (PGO), trained on link lines you give it.
#
#   scripts/pgo.sh [--component] OUT_DIR TRAINING...
#
# TRAINING  response files (`@FILE` as wasmlink reads them: one link's arguments, without `-o`;
#           relative paths are from the directory the script is started in), each linked with
#           an instrumented wasmlink, on all cores and with --threads=1, to count which
#           branches and calls the link takes. Links of the size you care about are
#           the best training: the counts steer inlining and code layout towards them.
# OUT_DIR   gets `wasmlink` (the native binary built with those counts), `wasmlink.profdata`
#           (the merged counts), `stamp`, and with --component `wasmlink.wasm`: the component
#           (`cargo build --profile component --target wasm32-wasip2`) built with the same
#           counts. They come from native code, so only functions whose control flow is the
#           same on wasm32 use them (about a third of the native gain, measured).
#
# Measured on this project's benchmark (scripts/bench.sh, which builds its wasmlink this way,
# trained on its SQLite, Rust std and wasm-tools dev links): the wasm-tools release link, which
# is not in the training set, takes about 15% less time than with a plain `cargo build
# --release`, on all cores and with --threads=1. The outputs are the same, byte for byte.
#
# Nothing is rebuilt when OUT_DIR's stamp matches: the sources (src/, wit/, Cargo.toml,
# Cargo.lock, rust-toolchain.toml, .cargo/, this script), the toolchain and the training files'
# contents; the component has a stamp of its own. Exit status 3: the native binary was built,
# the component was not. The builds go to OUT_DIR/target-* (their own cargo target
# directories), so `target/` and its incremental state are left alone.
#
# What it needs: the project's pinned toolchain (rust-toolchain.toml) and its llvm-tools
# component (for llvm-profdata, which must be the LLVM of that rustc), which it installs with
# rustup when missing; for --component, the wasm32-wasip2 target (scripts/setup.sh demo).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Training links run where the script was started, so that relative paths in them work.
HERE="$PWD"
usage() { echo "usage: $0 [--component] OUT_DIR TRAINING..." >&2; exit 2; }
COMPONENT=0
if [ "${1:-}" = --component ]; then COMPONENT=1; shift; fi
[ $# -ge 2 ] || usage
OUT="$1"; shift
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TRAINING=()
for t in "$@"; do
    [ -f "$t" ] || { echo "$0: no training file $t" >&2; exit 2; }
    TRAINING+=("$(cd "$(dirname "$t")" && pwd)/$(basename "$t")")
done
log() { echo "pgo: $*" >&2; }

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
cd "$REPO"
PINNED="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
# `cargo_with FLAG ARGS...`: cargo of the pinned toolchain with the one rustc flag FLAG and none
# of the caller's (passed encoded: a path in it may hold spaces).
cargo_with() {
    local flag="$1"; shift
    env -u RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET_DIR \
        -u RUSTUP_TOOLCHAIN -u RUSTC -u RUSTC_WRAPPER -u CARGO_BUILD_RUSTC_WRAPPER \
        CARGO_ENCODED_RUSTFLAGS="$flag" rustup run "$PINNED" cargo "$@"
}
SYSROOT="$(env -u RUSTUP_TOOLCHAIN rustup run "$PINNED" rustc --print sysroot)"
HOST="$(env -u RUSTUP_TOOLCHAIN rustup run "$PINNED" rustc -vV | sed -n 's/^host: //p')"
PROFDATA="$SYSROOT/lib/rustlib/$HOST/bin/llvm-profdata"
if [ ! -x "$PROFDATA" ]; then
    log "installing llvm-tools for $PINNED (rustup component add)"
    rustup component add llvm-tools --toolchain "$PINNED" >&2
fi
[ -x "$PROFDATA" ] || { echo "$0: no llvm-profdata at $PROFDATA" >&2; exit 1; }

# The stamps: what the native binary depends on, and what the component does besides.
STAMP="$( {
    env -u RUSTUP_TOOLCHAIN rustup run "$PINNED" rustc -vV
    find src wit Cargo.toml Cargo.lock rust-toolchain.toml scripts/pgo.sh .cargo -type f -print0 2>/dev/null \
        | LC_ALL=C sort -z | xargs -0 sha256sum
    for t in "${TRAINING[@]}"; do echo "$t"; sha256sum <"$t"; done
} | sha256sum | cut -d' ' -f1)"
COMPONENT_STAMP="$STAMP $(env -u RUSTUP_TOOLCHAIN rustup target list --installed --toolchain "$PINNED" | grep wasm32-wasip2 || true)"

# The component, from the native build's counts (`$1`: the profile). Its failure is reported
# with exit status 3, once the native binary is in place.
build_component() {
    [ "$COMPONENT" = 1 ] || return 0
    if [ -f "$OUT/wasmlink.wasm" ] && [ "$(cat "$OUT/component.stamp" 2>/dev/null)" = "$COMPONENT_STAMP" ]; then
        return 0
    fi
    rm -f "$OUT/component.stamp" "$OUT/wasmlink.wasm"
    log "building the component with the profile"
    # CARGO_ENCODED_RUSTFLAGS replaces .cargo/config.toml's flags for wasm32-wasip2: its SIMD
    # flag is given again here (the two are separated by the 0x1f byte cargo splits on).
    if ! cargo_with "-Cprofile-use=$1"$'\x1f'"-Ctarget-feature=+simd128" build --quiet --profile component --target wasm32-wasip2 -p wasmlink \
        --target-dir "$OUT/target-use"; then
        echo "$0: the component did not build (the native binary did: $OUT/wasmlink)" >&2
        exit 3
    fi
    cp "$OUT/target-use/wasm32-wasip2/component/wasmlink.wasm" "$OUT/wasmlink.wasm"
    echo "$COMPONENT_STAMP" >"$OUT/component.stamp"
}

if [ -x "$OUT/wasmlink" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ]; then
    log "up to date in $OUT"
    build_component "$OUT/wasmlink.profdata"
    exit 0
fi
rm -f "$OUT/stamp" "$OUT/component.stamp"

log "building an instrumented wasmlink (-Cprofile-generate)"
RAW="$OUT/raw"
cargo_with "-Cprofile-generate=$RAW" build --release --quiet --bin wasmlink \
    --target-dir "$OUT/target-generate"
GEN="$OUT/target-generate/release/wasmlink"
# (Only the training's counts: build scripts the build ran were instrumented too.)
rm -rf "$RAW"

for t in "${TRAINING[@]}"; do
    for threads in "" --threads=1; do
        log "training: $(basename "$t") ${threads:-(all cores)}"
        # A link that fails still counts what it ran, but is no model of a real one. (With
        # --no-fork: a forked link's counts would be written by its child after it returns.)
        (cd "$HERE" && "$GEN" --no-fork $threads "@$t" -o "$OUT/training.wasm") >"$OUT/training.log" 2>&1 \
            || { cat "$OUT/training.log" >&2; echo "$0: the training link $t failed" >&2; exit 1; }
    done
done
rm -f "$OUT/training.wasm" "$OUT/training.log"
"$PROFDATA" merge -o "$OUT/wasmlink.profdata" "$RAW"/*.profraw
rm -rf "$RAW"

log "building wasmlink with the profile (-Cprofile-use)"
cargo_with "-Cprofile-use=$OUT/wasmlink.profdata" build --release --quiet --bin wasmlink \
    --target-dir "$OUT/target-use"
cp "$OUT/target-use/release/wasmlink" "$OUT/wasmlink.tmp"
mv "$OUT/wasmlink.tmp" "$OUT/wasmlink"
echo "$STAMP" >"$OUT/stamp"
log "done: $OUT/wasmlink"
build_component "$OUT/wasmlink.profdata"
