#!/usr/bin/env bash
# Prints a SHA-256 digest of every module the linker under test wrote in the differential suite,
# one line per program, so that a change meant to keep outputs byte-identical (a refactoring) can
# be checked: run it before and after and diff the two listings.
#
#   bash scripts/output-digests.sh > before.txt
#   ... change the code ...
#   bash scripts/output-digests.sh > after.txt && diff before.txt after.txt
#
# It runs `cargo test --release --test differential` (which links every program with wasmlink
# into <target>/difftest/<program>/test.wasm) and host-tests' threads and stress tests (a
# wasm32-wasip1-threads program and a --shared-memory module), and hashes what they wrote.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${CARGO_TARGET_DIR:-target}"
threads="$target/host-tests/programs/threads-wasmlink/wasm32-wasip1-threads/release/threads-program.wasm"
rm -f "$target"/difftest/*/test.wasm "$threads" "$target"/host-tests/stress/*.wasm
cargo test --quiet --release --test differential >&2
cargo test --quiet --release -p host-tests --test threads --test stress >&2
for f in "$target"/difftest/*/test.wasm "$threads" "$target"/host-tests/stress/*.wasm; do
    printf '%s  %s\n' "$(sha256sum < "$f" | cut -c1-64)" "${f#"$target"/}"
done
