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

# 3. The npm package js/ (the component transpiled by jco) and its tests: the JS API in Node
#    (the bundled example and SQLite linked byte-identically to the native binary built by step 2,
#    bad inputs) and the web page js/web/ in headless Chromium. `npm install` installs exactly the
#    versions of js/package-lock.json: `npm ci` refuses that lock file because the npm registry
#    reachable here lacks some other platforms' optional builds of jco's dependencies (rolldown
#    bindings), which the lock file therefore does not list.
(
    cd js
    npm install --no-audit --no-fund --loglevel=error
    npm run build
    npm test
)

# 4. Further steps go here.
