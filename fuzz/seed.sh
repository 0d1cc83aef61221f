#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with real inputs: the differential suite's objects and archives
# (run `cargo test --release --test differential` first) and the WASI sysroot's crt1 and libc.
# The corpora are generated, not committed; crashing inputs found are kept in fuzz/regressions/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
target="${CARGO_TARGET_DIR:-../target}"
mkdir -p corpus/object corpus/archive corpus/link corpus/args corpus/options
find "$target/difftest" -name '*.o' -size -2M 2>/dev/null | head -200 | while read -r f; do
    cp "$f" "corpus/object/$(echo "$f" | md5sum | cut -c1-16).o"
done
find "$target/difftest" -name '*.a' -size -4M 2>/dev/null | while read -r f; do
    cp "$f" "corpus/archive/$(echo "$f" | md5sum | cut -c1-16).a"
done
cp /usr/lib/wasm32-wasi/crt1-command.o corpus/object/ 2>/dev/null || true
# link: flag byte, then two objects separated by the target's separator.
set -- corpus/object/*.o
if [ "$#" -ge 2 ]; then
    { printf '\x03'; cat "$1"; printf '\xffWLNK'; cat "$2"; } > corpus/link/pair
fi
# options: flags, a double NUL, then one object.
n=0
for o in "$@"; do
    { printf -- '--no-entry\0--export-all\0--table-base=4294967295\0-z\0stack-size=1048576\0--shared-memory\0\0'; cat "$o"; } \
        > "corpus/options/$(basename "$o")"
    n=$((n + 1)); [ "$n" -lt 20 ] || break
done
printf -- '-flavor\0wasm\0-o\0x.wasm\0--export=foo\0-zstack-size=65536\0-lc\0-L/x\0@r\0a.o\0-- -e main' > corpus/args/basic
# demangle: the C++ names of the WASI sysroot's libc++ and libc++abi, one a file.
mkdir -p corpus/demangle
for a in /usr/lib/wasm32-wasi/libc++.a /usr/lib/wasm32-wasi/libc++abi.a; do
    [ -f "$a" ] && command -v llvm-nm-19 >/dev/null || continue
    llvm-nm-19 --no-demangle "$a" 2>/dev/null | awk '$NF ~ /^_Z/ {print $NF}'
done | sort -u | while read -r name; do
    printf '%s' "$name" > "corpus/demangle/$(printf '%s' "$name" | md5sum | cut -c1-16)"
done
echo "corpora: $(ls corpus/object | wc -l) objects, $(ls corpus/archive | wc -l) archives, $(ls corpus/demangle | wc -l) names"
