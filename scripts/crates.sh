#!/usr/bin/env bash
# Real Rust programs, linked twice: the test binaries of popular crates from crates.io, as rustc
# links them, by rust-lld and by wasmlink, compared byte for byte, and where the bytes differ,
# run.
#
#   scripts/crates.sh [NAME...]
#
# For each crate of the lists below (or those named), at the version pinned there, the script
# runs `cargo test --no-run --tests` (its unit and integration tests) in a copy of its published
# source:
# - for wasm32-wasip1, with the dev and the release profiles, by the project's pinned toolchain
#   (rust-toolchain.toml; its rust-lld is LLD 23);
# - for wasm32-wasip1-threads, dev profile, by the toolchain of host-tests/programs/threads, the
#   newest that ships that target (its rust-lld is LLD 22).
# And `cargo build`, both profiles, of `c-and-rust`, a program of its own that calls zstd and
# zlib, C libraries that the `cc` crate compiles with clang-19, so that clang's objects and
# rustc's meet in one link.
#
# rustc's linker is a wrapper: it links with the toolchain's rust-lld (whose output cargo keeps),
# then with wasmlink, same arguments, into a file of the same name elsewhere (the name section
# holds the name), and compares the two files. Where they differ, it runs both (wasmtime for
# wasm32-wasip1; for wasi-threads, whose host the wasmtime CLI no longer has, host-tests'
# `wasi-threads-run`) and compares what they print of their tests (names and results) and their
# exit status. Each link is one line of the log:
#   SAME    identical to rust-lld's;
#   ALIKE   different bytes, same behaviour: expected on the threads builds, where LLD 22 names
#           the GOT entry of `__memory_base` `GOT.data.internal.__memory_base` and wasmlink, as
#           LLD 23 does, `__memory_base` (see the README);
#   DIFF    behaves differently;
#   FAIL    wasmlink refused the link.
# The script exits 1 on any DIFF or FAIL. For each link not SAME, the directory it names keeps
# the arguments (NUL-separated), the objects rustc deletes after the link, both outputs and
# wasmlink's messages.
#
# A crate whose tests do not build for the target (a dev-dependency that does not support WASI,
# a test that reads a file the package leaves out) is NOT BUILT and links nothing: cargo's
# failure, not the linkers'. The crates' dev-dependencies are resolved anew each run (their
# newest compatible versions); the crates themselves are pinned.
#
# Cache: ${WASMLINK_CRATES_CACHE:-$HOME/.cache/wasmlink-crates} (outside the repository): the
# crates' sources, one cargo target directory per toolchain, the log and the kept links.
# wasmlink: $WASMLINK_UNDER_TEST, else target/release/wasmlink (built here).
# About half an hour on two cores the first time; a few minutes once the dependencies are built.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

# name version: built for wasm32-wasip1 (each one's tests build there, at these versions).
CRATES="
ahash 0.8.12
aho-corasick 1.1.5
arrayvec 0.7.8
bincode 1.3.3
byteorder 1.5.0
bytes 1.12.2
chrono 0.4.45
crc32fast 1.5.5
csv 1.4.0
encoding_rs 0.8.44
flate2 1.1.11
fnv 1.0.7
hashbrown 0.15.5
hex 0.4.3
indexmap 2.14.2
itoa 1.0.19
libz-sys 1.1.33
memchr 2.8.3
miniz_oxide 0.8.9
num-bigint 0.4.8
num-traits 0.2.19
petgraph 0.8.3
rand 0.8.8
ryu 1.0.23
semver 1.0.28
serde_json 1.0.154
sha2 0.10.9
similar 2.7.0
slab 0.4.12
smallvec 1.16.6
strsim 0.11.1
unicode-normalization 0.1.26
unicode-width 0.2.3
url 2.5.8
"
# Built for wasm32-wasip1-threads: shared memory, thread-local storage, atomics, threads.
THREADS_CRATES="
crossbeam-utils 0.8.23
crossbeam-deque 0.8.8
parking_lot 0.12.5
once_cell 1.21.4
dashmap 6.2.1
thread_local 1.1.10
hashbrown 0.15.5
memchr 2.8.3
serde_json 1.0.154
chrono 0.4.45
url 2.5.8
"

CACHE="${WASMLINK_CRATES_CACHE:-$HOME/.cache/wasmlink-crates}"
case "$CACHE" in "$REPO"|"$REPO"/*) echo "the cache must be outside the repository" >&2; exit 1 ;; esac
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
log() { echo "crates: $*" >&2; }

for t in clang-19 llvm-ar-19 cargo rustup wasmtime; do
    command -v "$t" >/dev/null 2>&1 || { echo "$t not found: run scripts/setup.sh" >&2; exit 1; }
done
channel_of() { sed -n 's/^channel *= *"\(.*\)"/\1/p' "$1"; }
RUST_PINNED="$(channel_of rust-toolchain.toml)"
RUST_THREADS="$(channel_of host-tests/programs/threads/rust-toolchain.toml)"
# cargo of a given toolchain, with none of the caller's flags or target settings.
toolchain_cargo() {
    local toolchain="$1"; shift
    env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u CARGO_BUILD_TARGET \
        -u CARGO_BUILD_TARGET_DIR -u RUSTUP_TOOLCHAIN rustup run "$toolchain" cargo "$@"
}

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$REPO/$TARGET_DIR" ;; esac
. "$REPO/scripts/lib/under-test.sh"
wasmlink_under_test
cp "$WASMLINK" "$CACHE/wasmlink-under-test"
log "building host-tests' wasi-threads-run"
cargo build --release --quiet -p host-tests --bin wasi-threads-run
THREADS_RUNNER="$TARGET_DIR/release/wasi-threads-run"

# ------------------------------------------------------------------ the comparing linker
cat >"$CACHE/compare-link" <<'EOF'
#!/usr/bin/env bash
# rustc's linker here (see scripts/crates.sh): rust-lld of $CRATES_TOOLCHAIN makes the output
# cargo keeps; wasmlink links the same arguments into a file of the same name elsewhere.
set -uo pipefail
lld="$(rustup run "$CRATES_TOOLCHAIN" rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
if [ "${1:-}" = -flavor ]; then "$lld" "$@" || exit $?; else "$lld" -flavor wasm "$@" || exit $?; fi
args=() out="" skip=0
for a in "$@"; do
    if [ "$skip" = 1 ]; then out="$a"; skip=0; continue; fi
    if [ "$a" = -o ]; then skip=1; continue; fi
    args+=("$a")
done
if [ "${#args[@]}" -ge 2 ] && [ "${args[0]}" = -flavor ]; then args=("${args[@]:2}"); fi
name="$(basename "$out")"
keep="$CRATES_CACHE/links/$(date +%s%N)"
mkdir -p "$keep/wasmlink"
mine="$keep/wasmlink/$name"
# What a program does: its test lines (not their timings) and its exit status.
behaviour() {
    # (A test that aborts the process leaves its line unended.)
    { (cd "$(dirname "$1")" && timeout 600 $CRATES_RUNNER "$1" </dev/null 2>/dev/null); rc=$?; printf '\nexit %s\n' "$rc"; } \
        | grep -E '^test |^exit ' | sed 's/; finished in .*//' | sort
}
if "$CRATES_CACHE/wasmlink-under-test" "${args[@]}" -o "$mine" 2>"$keep/wasmlink.err"; then
    if cmp -s "$out" "$mine"; then
        echo "SAME  $CRATES_WHAT $name" >>"$CRATES_CACHE/log"
        rm -rf "$keep"
        exit 0
    fi
    theirs="$(behaviour "$out")"
    ours="$(behaviour "$mine")"
    if [ "$theirs" = "$ours" ]; then
        echo "ALIKE $CRATES_WHAT $name: $(grep -c ' ok$' <<<"$theirs") tests passed, $(grep '^exit' <<<"$theirs"); $keep" \
            >>"$CRATES_CACHE/log"
    else
        echo "DIFF  $CRATES_WHAT $name: runs differently; $keep" >>"$CRATES_CACHE/log"
        diff <(echo "$theirs") <(echo "$ours") >"$keep/behaviour.diff"
    fi
else
    echo "FAIL  $CRATES_WHAT $name; $keep" >>"$CRATES_CACHE/log"
fi
cp "$out" "$keep/rust-lld.wasm"
for a in "${args[@]}"; do
    # rustc deletes its codegen units' objects and its temporary directory after the link.
    if [ -f "$a" ] && { [[ "$a" == *.o ]] || [[ "$a" == "${TMPDIR:-/tmp}"/* ]]; }; then
        cp "$a" "$keep/"
    fi
    printf '%s\0' "$a"
done >"$keep/args"
exit 0
EOF
chmod +x "$CACHE/compare-link"

# ------------------------------------------------------------------ sources
# Fetches the pinned crates through a throwaway manifest that depends on each at its exact
# version, then copies each one's published source out of cargo's registry.
fetch_sources() {
    local project="$CACHE/fetch" name version registry
    mkdir -p "$project/src" "$CACHE/src"
    echo 'fn main() {}' >"$project/src/main.rs"
    {
        printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n'
        sort -u <<<"$CRATES$THREADS_CRATES" | while read -r name version; do
            [ -n "$name" ] && printf '%s = "=%s"\n' "$name" "$version"
        done
    } >"$project/Cargo.toml"
    (cd "$project" && toolchain_cargo "$RUST_PINNED" fetch --quiet)
    sort -u <<<"$CRATES$THREADS_CRATES" | while read -r name version; do
        [ -n "$name" ] || continue
        [ -d "$CACHE/src/$name-$version" ] && continue
        registry="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$name-$version" | head -1)"
        cp -r "$registry" "$CACHE/src/"
    done
}

# A program of its own: Rust calling zstd and zlib, compiled from C by clang-19.
write_mixed_program() {
    local dir="$CACHE/src/c-and-rust"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<'EOF'
[package]
name = "c-and-rust"
version = "0.0.0"
edition = "2021"

[dependencies]
zstd = "=0.13.5"
flate2 = { version = "=1.1.11", default-features = false, features = ["zlib"] }
libz-sys = { version = "=1.1.33", features = ["static"] }
EOF
    cat >"$dir/src/main.rs" <<'EOF'
use std::io::{Read, Write};

fn main() {
    let mut data = Vec::new();
    for i in 0..200_000u32 {
        data.extend_from_slice(format!("line {} {}\n", i, i.wrapping_mul(2654435761) % 1000).as_bytes());
    }
    let zstd_packed = zstd::encode_all(&data[..], 19).unwrap();
    assert_eq!(zstd::decode_all(&zstd_packed[..]).unwrap(), data);
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&data).unwrap();
    let zlib_packed = encoder.finish().unwrap();
    let mut unpacked = Vec::new();
    flate2::read::ZlibDecoder::new(&zlib_packed[..]).read_to_end(&mut unpacked).unwrap();
    assert_eq!(unpacked, data);
    let crc = unsafe { libz_sys::crc32(0, data.as_ptr(), data.len() as u32) };
    println!("test c-and-rust: {} bytes, zstd {}, zlib {}, crc {crc:08x} ... ok", data.len(), zstd_packed.len(), zlib_packed.len());
}
EOF
}

# ------------------------------------------------------------------ builds
# build TOOLCHAIN TARGET PROFILE DIR WHAT RUNNER CARGO-COMMAND...: in DIR, linked by the wrapper.
build() {
    local toolchain="$1" target="$2" profile="$3" dir="$4" what="$5" runner="$6" flags=() var
    shift 6
    [ "$profile" = release ] && flags=(--release)
    var="CARGO_TARGET_$(echo "$target" | tr 'a-z-' 'A-Z_')_LINKER"
    log "$what ($target, $profile)"
    # Cargo links again only what it cannot find: so that every run compares every link.
    local built="$CACHE/target-$toolchain/$target/$([ "$profile" = release ] && echo release || echo debug)"
    rm -f "$built"/deps/*.wasm "$built"/*.wasm
    # (clang-19 knows Debian's WASI sysroot as wasm32-wasi's, not wasm32-wasip1's.)
    if ! (cd "$dir" && export "$var=$CACHE/compare-link" CRATES_TOOLCHAIN="$toolchain" \
            CRATES_CACHE="$CACHE" CRATES_WHAT="$what" CRATES_RUNNER="$runner" \
            CARGO_TARGET_DIR="$CACHE/target-$toolchain" \
            CC_wasm32_wasip1=clang-19 AR_wasm32_wasip1=llvm-ar-19 \
            CFLAGS_wasm32_wasip1=--target=wasm32-wasi \
            && toolchain_cargo "$toolchain" "$@" --quiet --target "$target" "${flags[@]}" \
            >"$CACHE/build.log" 2>&1); then
        mkdir -p "$CACHE/failed"
        cp "$CACHE/build.log" "$CACHE/failed/$what.log"
        echo "NOT BUILT $what (cargo failed: $CACHE/failed/$what.log)" >>"$CACHE/log"
    fi
}

selected() {
    local want="$1"; shift
    [ "$#" -eq 0 ] && return 0
    for c in "$@"; do [ "$c" = "$want" ] && return 0; done
    return 1
}

: >"$CACHE/log"
rm -rf "$CACHE/links" "$CACHE/failed"
log "fetching the crates' sources"
fetch_sources
write_mixed_program

while read -r name version; do
    [ -n "$name" ] && selected "$name" "$@" || continue
    for profile in dev release; do
        build "$RUST_PINNED" wasm32-wasip1 "$profile" "$CACHE/src/$name-$version" \
            "$name-$profile" "wasmtime run" test --no-run --tests
    done
done <<<"$CRATES"
while read -r name version; do
    [ -n "$name" ] && selected "$name" "$@" || continue
    build "$RUST_THREADS" wasm32-wasip1-threads dev "$CACHE/src/$name-$version" \
        "$name-threads" "$THREADS_RUNNER" test --no-run --tests
done <<<"$THREADS_CRATES"
if selected c-and-rust "$@"; then
    for profile in dev release; do
        build "$RUST_PINNED" wasm32-wasip1 "$profile" "$CACHE/src/c-and-rust" \
            "c-and-rust-$profile" "wasmtime run" build
    done
fi

cat "$CACHE/log"
count() { grep -c "^$1" "$CACHE/log" || true; }
echo "crates: $(count SAME) links identical to rust-lld's, $(count ALIKE) different but run alike," \
    "$(count DIFF) run differently, $(count FAIL) refused; $(count 'NOT BUILT') builds failed in cargo"
[ "$(count DIFF)" = 0 ] && [ "$(count FAIL)" = 0 ]
