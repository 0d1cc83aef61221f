#!/usr/bin/env bash
# The project's test command: installs what is missing, then runs every test suite.
# CI runs it through .ci/run (which also points CARGO_TARGET_DIR at a persistent cache).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi

bash scripts/setup.sh

# 1. The WebAssembly component (wasm32-wasip2, profile "component"): host-tests drives it
#    through the wasmtime CLI and expects it at <target>/wasm32-wasip2/component/wasmlink.wasm.
cargo build --profile component --target wasm32-wasip2 -p wasmlink
#    ... and host-tests/client, a component importing wasmlink:linker/link (composed in a test).
cargo build --release --target wasm32-wasip2 --manifest-path host-tests/client/Cargo.toml \
    --target-dir "${CARGO_TARGET_DIR:-target}"

# 2. Every package of the workspace: unit tests, host-tests, and tests/differential.rs
#    (differential runs against wasm-ld-19 / rust-lld under wasmtime; set WASMLINK_UNDER_TEST
#    to check another linker). --no-fail-fast so one failing test binary hides no other.
cargo test --release --workspace --no-fail-fast

#    The smoke fuzzing and the limits once more in the dev profile: with overflow checks on, as
#    in cargo-fuzz builds, an arithmetic overflow on hostile input panics instead of wrapping.
cargo test -p wasmlink --test fuzz_smoke --test limits

#    The C and C++ programs of the differential suite once more as today's clang compiles them:
#    clang-22's objects (newer default features), wasm-ld-22 the reference. (`--workspace`, not
#    `-p`, in the release steps: cargo unifies the dependencies' features over the packages
#    asked for, so `-p` would build the dependencies, wasmtime among them, once more with other
#    features, which on a machine with nothing took 5 of CI's minutes.)
WASMLINK_DIFF_LLVM=22 cargo test --release --workspace --test differential -- c_ cxx_ sqlite

#    The dynamic-linking tests link with wasmlink by default; once more with wasm-ld-19, the
#    reference, so that a failure shows whether the linker or the loader is at fault.
DYLINK_LINKER=wasm-ld-19 cargo test --release --workspace --test dylink

# 3. The threads tests again on aarch64: host-tests cross-built and run under qemu-aarch64
#    (.cargo/config.toml), so Cranelift's aarch64 atomics run our linked modules. Only the
#    in-process tests: Cranelift is ~10x slower under emulation, and the tests that spawn
#    wasi-threads-run would need binfmt_misc.
cargo test --release -p host-tests --target aarch64-unknown-linux-gnu --test stress --test threads -- \
    threads_instantiating_at_once in_process

# 4. LLVM's own wasm-ld tests (lld/test/wasm: LLVM 19's 165 lit tests, then LLVM 22's 179), with
#    the release binary standing in for wasm-ld: exactly the tests of
#    tests/conformance/expected-failures.txt (and -22.txt) may fail. The tests are fetched once
#    from Debian's llvm-toolchain-19 and -22 source packages into a cache outside the repository;
#    when they cannot be had (no network, no apt), the step says why and is skipped (exit status
#    77), so that alone never fails the run.
for llvm in 19 22; do
    conformance_status=0
    bash scripts/conformance.sh --llvm=$llvm || conformance_status=$?
    case "$conformance_status" in
        0) ;;
        77) echo "scripts/test.sh: the LLVM $llvm lld/test/wasm conformance step was skipped (reason above)" ;;
        *) exit "$conformance_status" ;;
    esac
done

# 5. The npm package js/ (the component transpiled by jco) and its tests: the JS API in Node
#    (the bundled example and SQLite linked byte-identically to the native binary built by step 2,
#    bad inputs) and the web page js/web/ in headless Chromium. `npm ci` installs exactly the
#    versions of js/package-lock.json.
(
    cd js
    npm ci --no-audit --no-fund --loglevel=error
    npm run build
    npm test
)

# 6. The profile-guided build that the benchmark measures (scripts/pgo.sh), trained here on the
#    bundled example's link: its binary must link that example byte-identically to the release
#    binary of step 2. Its build directories live in the target directory, and a stamp
#    of the sources skips the builds when nothing changed.
target="${CARGO_TARGET_DIR:-target}"
smoke="$target/pgo-smoke"
mkdir -p "$smoke"
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -c examples/hello/hello.c -o "$smoke/hello.o"
echo "-m wasm32 -L/usr/lib/wasm32-wasi /usr/lib/wasm32-wasi/crt1-command.o '$smoke/hello.o' -lc" \
    "/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a" >"$smoke/hello.rsp"
bash scripts/pgo.sh "$smoke/build" "$smoke/hello.rsp"
# (Both written as hello.wasm, the name the name section records.)
"$smoke/build/wasmlink" "@$smoke/hello.rsp" -o "$smoke/hello.wasm"
mv "$smoke/hello.wasm" "$smoke/pgo.wasm"
"$target/release/wasmlink" "@$smoke/hello.rsp" -o "$smoke/hello.wasm"
cmp "$smoke/pgo.wasm" "$smoke/hello.wasm" || { echo "scripts/test.sh: the PGO build links the example otherwise" >&2; exit 1; }

# 7. Further steps go here.
