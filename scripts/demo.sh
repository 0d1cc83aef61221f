#!/usr/bin/env bash
# The main job: build the wasmlink component, compile the bundled example with clang-19, link it
# with the component running under the wasmtime CLI, and run the result under wasmtime.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
bash scripts/setup.sh demo

target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --profile component --target wasm32-wasip2
component="$target/wasm32-wasip2/component/wasmlink.wasm"
out="$target/demo"
mkdir -p "$out"

clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -c examples/hello/hello.c -o "$out/hello.o"
builtins=/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a
echo "+ wasmtime run $component -- <clang's wasm-ld line> -o $out/hello.wasm"
wasmtime run --dir . --dir "$out" --dir /usr/lib/wasm32-wasi --dir "$(dirname "$builtins")" "$component" -- \
    -m wasm32 -L/usr/lib/wasm32-wasi /usr/lib/wasm32-wasi/crt1-command.o "$out/hello.o" -lc "$builtins" \
    -o "$out/hello.wasm"
echo "+ wasmtime run $out/hello.wasm"
wasmtime run "$out/hello.wasm"
