#!/usr/bin/env bash
# Link-time benchmark: wasmlink against wasm-ld-19 on the large inputs of the differential suite.
#
#   scripts/bench.sh [RUNS]          (default RUNS=5, or $BENCH_RUNS)
#
# Inputs:
#   sqlite    the SQLite driver object plus libsqlite3.a (the amalgamation) and wasi-libc, exactly
#             as tests/differential.rs links them (objects are built by running that test).
#   rust-std  tests/programs/rust-std built with cargo for wasm32-wasip1 --release; rustc's link
#             line (with -flavor wasm, std rlibs, and its temporary objects copied aside) is
#             recorded by a wrapper linker and replayed.
#
# Each input is linked RUNS times with each linker, alternating (and alternating which goes
# first), timed with /usr/bin/time -f '%e %M'. Prints the median wall time (measured with
# nanosecond clock around the run; %e only has 10 ms resolution) and the median peak RSS of each
# linker and the ratio wasmlink / wasm-ld-19.
#
# Environment: WASMLINK_UNDER_TEST (default: cargo-built target/release/wasmlink),
# BENCH_REF (default: wasm-ld-19), CARGO_TARGET_DIR (default: target).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
RUNS="${1:-${BENCH_RUNS:-5}}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
for t in clang-19 wasm-ld-19 wasmtime cargo; do
    command -v "$t" >/dev/null 2>&1 || { echo "$t not found: run scripts/setup.sh" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: run scripts/setup.sh" >&2; exit 1; }

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$REPO/$TARGET_DIR" ;; esac
BENCH_DIR="$TARGET_DIR/bench"
mkdir -p "$BENCH_DIR"
REF="${BENCH_REF:-$(command -v wasm-ld-19)}"

log() { echo "bench: $*" >&2; }

# ------------------------------------------------------------------ the linker under test
if [ -n "${WASMLINK_UNDER_TEST:-}" ]; then
    WASMLINK="$(command -v "$WASMLINK_UNDER_TEST" || true)"
    [ -n "$WASMLINK" ] || { echo "WASMLINK_UNDER_TEST=$WASMLINK_UNDER_TEST not found" >&2; exit 1; }
    WASMLINK="$(cd "$(dirname "$WASMLINK")" && pwd)/$(basename "$WASMLINK")"
else
    log "building wasmlink (cargo build --release)"
    cargo build --release --quiet --bin wasmlink
    WASMLINK="$TARGET_DIR/release/wasmlink"
fi
[ -x "$WASMLINK" ] || { echo "no wasmlink binary at $WASMLINK" >&2; exit 1; }

# ------------------------------------------------------------------ a recording linker
# Saves its arguments (NUL-separated) to $BENCH_RECORD_ARGS, copying object files and files in
# temporary directories into $BENCH_RECORD_STASH (rustc deletes its codegen-unit objects in
# deps/ and its temporary directory right after linking), then runs $BENCH_RECORD_EXEC if set
# (so the build that is being recorded still gets its output).
RECORDER="$BENCH_DIR/record-link"
cat >"$RECORDER" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
: >"$BENCH_RECORD_ARGS"
mkdir -p "$BENCH_RECORD_STASH"
tmp="${TMPDIR:-/tmp}"
n=0
for a in "$@"; do
    if [ -f "$a" ] && { [[ "$a" == *.o ]] || [[ "$a" == "$tmp"/* ]] || [[ "$a" == /tmp/* ]]; }; then
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

# Reads a NUL-separated argument file into the array ARGS, dropping `-o FILE`.
load_args() {
    ARGS=()
    local skip=0 a
    while IFS= read -r -d '' a; do
        if [ "$skip" = 1 ]; then skip=0; continue; fi
        if [ "$a" = "-o" ]; then skip=1; continue; fi
        ARGS+=("$a")
    done <"$1"
}

# ------------------------------------------------------------------ inputs
prepare_sqlite() {
    local work="$TARGET_DIR/difftest/sqlite"
    log "building the SQLite objects (cargo test --release --test differential sqlite)"
    WASMLINK_UNDER_TEST="$(command -v wasm-ld-19)" \
        cargo test --release --quiet --test differential -- --exact sqlite >"$BENCH_DIR/sqlite-prepare.log" 2>&1 \
        || { cat "$BENCH_DIR/sqlite-prepare.log" >&2; exit 1; }
    [ -f "$work/ref.link-cmd" ] || { echo "missing $work/ref.link-cmd" >&2; exit 1; }
    # The clang command the test used, with the linker swapped for the recorder.
    local cmd
    eval "cmd=($(cat "$work/ref.link-cmd"))"
    local i
    for i in "${!cmd[@]}"; do
        case "${cmd[$i]}" in
            -fuse-ld=*) cmd[$i]="-fuse-ld=$RECORDER" ;;
        esac
        if [ "$i" -gt 0 ] && [ "${cmd[$((i - 1))]}" = "-o" ]; then cmd[$i]="$BENCH_DIR/sqlite-recorded.wasm"; fi
    done
    BENCH_RECORD_ARGS="$BENCH_DIR/sqlite.args" BENCH_RECORD_STASH="$BENCH_DIR/sqlite-stash" \
        "${cmd[@]}" || { echo "recording the SQLite link failed" >&2; exit 1; }
}

prepare_rust() {
    local tdir="$BENCH_DIR/rust-std-target"
    local rel="$tdir/wasm32-wasip1/release"
    rm -f "$rel/rust-std.wasm" "$rel"/deps/rust_std-*.wasm
    rm -rf "$BENCH_DIR/rust-std-stash"
    log "building tests/programs/rust-std with a recording linker"
    local rust_lld
    rust_lld="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-lld"
    (
        cd tests/programs/rust-std
        env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
            CARGO_TARGET_DIR="$tdir" \
            CARGO_TARGET_WASM32_WASIP1_LINKER="$RECORDER" \
            BENCH_RECORD_ARGS="$BENCH_DIR/rust-std.args" \
            BENCH_RECORD_STASH="$BENCH_DIR/rust-std-stash" \
            BENCH_RECORD_EXEC="$rust_lld" \
            cargo build --release --quiet --target wasm32-wasip1
    ) >"$BENCH_DIR/rust-prepare.log" 2>&1 || { cat "$BENCH_DIR/rust-prepare.log" >&2; exit 1; }
}

# ------------------------------------------------------------------ measuring
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_link LINKER OUT LOGPREFIX: one timed link of ARGS; appends "wall_s rss_kb" to LOGPREFIX.times
time_link() {
    local linker="$1" out="$2" prefix="$3"
    local tf="$BENCH_DIR/time.out" start end
    rm -f "$out"
    start=$(date +%s%N)
    if ! /usr/bin/time -f '%e %M' -o "$tf" "$linker" "${ARGS[@]}" -o "$out" >"$prefix.stdout" 2>"$prefix.stderr"; then
        echo "FAILED"
        return 0
    fi
    end=$(date +%s%N)
    local rss
    rss=$(awk 'END { print $2 }' "$tf")
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') $rss" >>"$prefix.times"
    echo "ok"
}

bench_input() {
    local name="$1" argsfile="$2"
    load_args "$argsfile"
    local p_ref="$BENCH_DIR/$name.ref" p_wl="$BENCH_DIR/$name.wasmlink"
    rm -f "$p_ref.times" "$p_wl.times"
    local wl_failed=0 i order
    for ((i = 0; i < RUNS; i++)); do
        if ((i % 2)); then order="wl ref"; else order="ref wl"; fi
        for which in $order; do
            if [ "$which" = ref ]; then
                [ "$(time_link "$REF" "$BENCH_DIR/$name.ref.wasm" "$p_ref")" = ok ] \
                    || { echo "reference link of $name failed:" >&2; cat "$p_ref.stderr" >&2; exit 1; }
            elif [ "$wl_failed" = 0 ]; then
                [ "$(time_link "$WASMLINK" "$BENCH_DIR/$name.wasmlink.wasm" "$p_wl")" = ok ] || wl_failed=1
            fi
        done
    done
    local ref_t ref_m wl_t wl_m
    ref_t=$(cut -d' ' -f1 "$p_ref.times" | median)
    ref_m=$(cut -d' ' -f2 "$p_ref.times" | median)
    printf '%-9s %-12s %10.3f s %10.1f MiB %10d bytes\n' "$name" "$(basename "$REF")" "$ref_t" \
        "$(awk -v k="$ref_m" 'BEGIN { print k / 1024 }')" "$(stat -c %s "$BENCH_DIR/$name.ref.wasm")"
    if [ "$wl_failed" = 1 ]; then
        printf '%-9s %-12s FAILED: %s\n' "$name" wasmlink "$(head -c 300 "$p_wl.stderr" | tr '\n' ' ')"
        return
    fi
    wl_t=$(cut -d' ' -f1 "$p_wl.times" | median)
    wl_m=$(cut -d' ' -f2 "$p_wl.times" | median)
    printf '%-9s %-12s %10.3f s %10.1f MiB %10d bytes\n' "$name" wasmlink "$wl_t" \
        "$(awk -v k="$wl_m" 'BEGIN { print k / 1024 }')" "$(stat -c %s "$BENCH_DIR/$name.wasmlink.wasm")"
    printf '%-9s %-12s %10s x %10s x\n' "$name" "ratio" \
        "$(awk -v a="$wl_t" -v b="$ref_t" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
        "$(awk -v a="$wl_m" -v b="$ref_m" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
}

prepare_sqlite
prepare_rust

echo "wasmlink:  $WASMLINK"
echo "reference: $REF"
echo "runs:      $RUNS per linker, alternating; medians"
printf '%-9s %-12s %12s %14s %16s\n' input linker "wall" "peak RSS" "output"
bench_input sqlite "$BENCH_DIR/sqlite.args"
bench_input rust-std "$BENCH_DIR/rust-std.args"
