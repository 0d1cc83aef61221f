#!/usr/bin/env bash
# Another toolchain's programs: Emscripten's own test programs, linked by wasmlink as
# Emscripten's wasm-ld, compared with wasm-ld-19's links and run under Node.js.
#
#   scripts/emscripten.sh [PATTERN...]
#
# Emscripten 3.1.6 (Debian's `emscripten` package, with clang-14 and its prebuilt system
# libraries; installed with apt-get when missing) compiles each program of its
# tests/core/test_*.{c,cpp} that has an expected output (test_*.out), or those whose name
# contains a PATTERN, once per set of flags in $EMSCRIPTEN_FLAGS (default: "-O0", "-O2" and
# "-O0 -pthread", separated by commas), twice:
#   - as shipped: its links made by wasm-ld-14;
#   - with wasmlink as its linker: `emcc` runs the wasm-ld of $EM_LLVM_ROOT, here a directory of
#     clang-14's tools whose wasm-ld is a wrapper. wasmlink makes the module that Emscripten
#     then post-processes (binaryen, JS glue); wasm-ld-19 links the same arguments into a file
#     of the same name elsewhere, and the two modules are compared byte for byte (wasm-ld-14
#     lays out some links otherwise than 19, so 19 is the reference for bytes).
# Both programs run under node; their output (without the JS and wasm stack traces, whose
# offsets and module hashes differ) and exit status are compared.
#
# Log lines, per link: SAME; NAMES (only the name section differs: names of C++ templates that
# cpp_demangle writes otherwise); DIFF (not wasm-ld-19's bytes); FAIL (wasmlink refused it);
# L19FAIL (wasm-ld-19 refused it); REFUSED (both refused it, with the same errors: Emscripten
# 3.1.6 was made for LLD 14, which let some links through that LLD 19 refuses, as its side
# modules' undefined data symbols). Per program: RUN-ALIKE; RUN-DIFF; RUN-VARIES (the
# reference's own two runs differ: randomness, the clock); NOT BUILT (Emscripten's own build
# fails: some tests need settings that its tests/test_core.py passes). Exits 1 on any DIFF,
# FAIL or RUN-DIFF. Kept links and outputs are under the work directory:
# ${WASMLINK_EMSCRIPTEN_WORK:-$HOME/.cache/wasmlink-emscripten}.
# About 20 minutes per set of flags on two cores.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

WORK="${WASMLINK_EMSCRIPTEN_WORK:-$HOME/.cache/wasmlink-emscripten}"
case "$WORK" in "$REPO"|"$REPO"/*) echo "the work directory must be outside the repository" >&2; exit 1 ;; esac
log() { echo "emscripten: $*" >&2; }

if ! command -v emcc >/dev/null 2>&1; then
    log "installing Debian's emscripten package"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -q emscripten >/dev/null
fi
for t in emcc em++ wasm-ld-14 wasm-ld-19 node wasm-tools; do
    command -v "$t" >/dev/null 2>&1 || { echo "$t not found (run scripts/setup.sh)" >&2; exit 1; }
done
TESTS=/usr/share/emscripten/tests/core
[ -d "$TESTS" ] || { echo "no $TESTS: Emscripten's tests are not installed" >&2; exit 1; }

. "$REPO/scripts/lib/under-test.sh"
wasmlink_under_test
rm -rf "$WORK"
mkdir -p "$WORK/llvm-root" "$WORK/links" "$WORK/runs" "$WORK/build"
WORK="$(cd "$WORK" && pwd)"
cp "$WASMLINK" "$WORK/wasmlink-under-test"

# ------------------------------------------------------------------ the linker Emscripten runs
# Debian's emcc runs "$LLVM_ROOT/clang-14", "$LLVM_ROOT/wasm-ld-14" and so on.
for tool in /usr/bin/*-14; do ln -sf "$tool" "$WORK/llvm-root/"; done
rm "$WORK/llvm-root/wasm-ld-14"
cat >"$WORK/llvm-root/wasm-ld-14" <<'EOF'
#!/usr/bin/env bash
# EMSCRIPTEN_LINKER=reference: wasm-ld-14, as Emscripten ships. Otherwise wasmlink makes the
# output, and wasm-ld-19's link of the same arguments is compared with it.
set -uo pipefail
if [ "${EMSCRIPTEN_LINKER:-}" = reference ]; then exec /usr/bin/wasm-ld-14 "$@"; fi
args=() out="" skip=0
for a in "$@"; do
    if [ "$skip" = 1 ]; then out="$a"; skip=0; continue; fi
    if [ "$a" = -o ]; then skip=1; continue; fi
    args+=("$a")
done
keep="$EMSCRIPTEN_WORK/links/$(date +%s%N)"
mkdir -p "$keep/wasm-ld-19"
"$EMSCRIPTEN_WORK/wasmlink-under-test" "$@" 2>"$keep/wasmlink.err"
status=$?
cat "$keep/wasmlink.err" >&2
wasm-ld-19 "${args[@]}" -o "$keep/wasm-ld-19/$(basename "$out")" 2>"$keep/wasm-ld-19.err"
reference=$?
if [ "$status" != 0 ] && [ "$reference" != 0 ]; then
    # Both refuse it (Emscripten 3.1.6 expects LLD 14, which let more through): the same
    # errors, but for the program's name?
    if diff -q <(sed 's/^[^:]*: //' "$keep/wasmlink.err") <(sed 's/^[^:]*: //' "$keep/wasm-ld-19.err") >/dev/null; then
        echo "REFUSED $EMSCRIPTEN_WHAT (wasm-ld-19 too, with the same errors)" >>"$EMSCRIPTEN_WORK/log"
        echo "both" >"$EMSCRIPTEN_WORK/refused"
        rm -rf "$keep"
        exit "$status"
    fi
    echo "FAIL    $EMSCRIPTEN_WHAT (wasm-ld-19 refuses it too, with other errors); $keep" >>"$EMSCRIPTEN_WORK/log"
elif [ "$status" != 0 ]; then
    echo "FAIL    $EMSCRIPTEN_WHAT; $keep" >>"$EMSCRIPTEN_WORK/log"
elif [ "$reference" = 0 ]; then
    if cmp -s "$out" "$keep/wasm-ld-19/$(basename "$out")"; then
        echo "SAME    $EMSCRIPTEN_WHAT" >>"$EMSCRIPTEN_WORK/log"
        rm -rf "$keep"
        exit 0
    fi
    # Only demangled names differ? (cpp_demangle writes some C++ names otherwise than LLVM's
    # demangler: README, "Differences".)
    if wasm-tools strip --delete name "$out" -o "$keep/a.wasm" \
        && wasm-tools strip --delete name "$keep/wasm-ld-19/$(basename "$out")" -o "$keep/b.wasm" \
        && cmp -s "$keep/a.wasm" "$keep/b.wasm"; then
        echo "NAMES   $EMSCRIPTEN_WHAT (the name section differs; the rest is wasm-ld-19's); $keep" >>"$EMSCRIPTEN_WORK/log"
        rm -f "$keep/a.wasm" "$keep/b.wasm"
    else
        echo "DIFF    $EMSCRIPTEN_WHAT; $keep" >>"$EMSCRIPTEN_WORK/log"
    fi
else
    echo "L19FAIL $EMSCRIPTEN_WHAT; $keep" >>"$EMSCRIPTEN_WORK/log"
fi
[ -f "$out" ] && cp "$out" "$keep/wasmlink.wasm"
for a in "${args[@]}"; do
    # emcc deletes its temporary directory (the program's objects) after the link.
    if [ -f "$a" ] && [[ "$a" == "${TMPDIR:-/tmp}"/* ]]; then cp "$a" "$keep/"; fi
    printf '%s\0' "$a"
done >"$keep/args"
exit "$status"
EOF
chmod +x "$WORK/llvm-root/wasm-ld-14"

# ------------------------------------------------------------------ the programs
# The -O2 builds run acorn (Debian's node-acorn) on the JS glue.
export NODE_PATH=/usr/share/nodejs EM_LLVM_ROOT="$WORK/llvm-root" EMSCRIPTEN_WORK="$WORK"
# What a program does: its output without stack traces, and its exit status. (Node 20's fetch
# does not read Emscripten 3.1.6's file paths.)
behaviour() {
    # (Some crashes print the whole JS glue, whose numbers differ with the layout.)
    (cd "$WORK/build" && timeout 120 node --no-experimental-fetch "$1" 2>&1; echo "exit $?") \
        | grep -v -E '^ +at |wasm://wasm/|^.{400}' | sed "s|$WORK/build/${1%.js}|PROGRAM|g; s/${1%.js}/PROGRAM/g"
}
IFS=, read -r -a flag_sets <<<"${EMSCRIPTEN_FLAGS:--O0,-O2,-O0 -pthread}"
cd "$WORK/build"
for src in "$TESTS"/test_*.c "$TESTS"/test_*.cpp; do
    name="$(basename "${src%.*}")"
    [ -f "$TESTS/$name.out" ] || continue
    if [ "$#" -gt 0 ]; then
        wanted=0
        for p in "$@"; do [[ "$name" == *"$p"* ]] && wanted=1; done
        [ "$wanted" = 1 ] || continue
    fi
    compiler=emcc
    [[ "$src" == *.cpp ]] && compiler=em++
    for flags in "${flag_sets[@]}"; do
        what="$name $flags"
        read -r -a f <<<"$flags"
        if ! EMSCRIPTEN_LINKER=reference timeout 300 "$compiler" "${f[@]}" "$src" -o reference.js \
                >/dev/null 2>&1; then
            echo "NOT BUILT $what" >>"$WORK/log"
            continue
        fi
        rm -f "$WORK/refused"
        if ! EMSCRIPTEN_WHAT="$what" timeout 300 "$compiler" "${f[@]}" "$src" -o wasmlink.js \
                >/dev/null 2>"$WORK/build/wasmlink-build.err"; then
            # (The wrapper has logged the link's failure, if it was the link; a link that
            # wasm-ld-19 refuses as well is no failure of wasmlink's.)
            [ -f "$WORK/refused" ] || echo "NOT BUILT WITH WASMLINK $what" >>"$WORK/log"
            continue
        fi
        theirs="$(behaviour reference.js)"
        ours="$(behaviour wasmlink.js)"
        if [ "$theirs" = "$ours" ]; then
            echo "RUN-ALIKE $what" >>"$WORK/log"
        elif [ "$theirs" != "$(behaviour reference.js)" ]; then
            # (Randomness, the clock: the reference does not repeat itself either.)
            echo "RUN-VARIES $what" >>"$WORK/log"
        else
            echo "RUN-DIFF $what" >>"$WORK/log"
            tag="$(echo "$what" | tr ' ' '_')"
            echo "$theirs" >"$WORK/runs/$tag.reference"
            echo "$ours" >"$WORK/runs/$tag.wasmlink"
        fi
    done
done

cat "$WORK/log"
count() { grep -c "^$1" "$WORK/log" || true; }
echo "emscripten: links: $(count SAME) wasm-ld-19's byte for byte, $(count NAMES) but for C++ names, $(count DIFF) not, $(count FAIL) refused," \
    "$(count L19FAIL) refused by wasm-ld-19 only, $(count REFUSED) by both alike; programs: $(count RUN-ALIKE) run alike, $(count RUN-DIFF) differently, $(count RUN-VARIES) vary from run to run," \
    "$(($(count 'NOT BUILT ') - $(count 'NOT BUILT WITH'))) not built by Emscripten, $(count 'NOT BUILT WITH') not built with wasmlink"
[ "$(count DIFF)" = 0 ] && [ "$(count FAIL)" = 0 ] && [ "$(count RUN-DIFF)" = 0 ] \
    && [ "$(count 'NOT BUILT WITH')" = 0 ]
