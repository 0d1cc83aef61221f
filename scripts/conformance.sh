#!/usr/bin/env bash
# Runs LLVM's own wasm-ld tests (lld/test/wasm without LTO: LLVM 19's 165 lit tests, or LLVM 22's
# 179) with a linker standing in for `wasm-ld`, and checks that exactly the tests of
# tests/conformance/expected-failures.txt (LLVM 19) or expected-failures-22.txt (LLVM 22) fail.
#
#   scripts/conformance.sh [options] [LINKER] [lit args...]
#
#   LINKER   path or command name of the linker under test (given only as the first argument, and
#            only when it does not start with `-`). Default: the project's release binary,
#            ${CARGO_TARGET_DIR:-target}/release/wasmlink, built with
#            `cargo build --release --bin wasmlink` when missing or older than src/.
#   lit args e.g. `--filter tls`, `-v` (lit's own output is shown when one of -v/-vv/-a/--show-*
#            is given; otherwise it goes to a log). With a filter only the tests run are compared.
#   options  --llvm=VERSION     19 (the default: wasm-ld 19 is the project's reference) or 22 (the
#                               LLD of rustc 1.98; 23, rustc 1.99's, is not in Debian). LLD 20 made
#                               --stack-first the default, which wasmlink keeps off as wasm-ld 19
#                               does (clang-19 counts on it; rustc passes the flag itself): under
#                               LLVM 22's suite the linker runs with --stack-first first on its
#                               command line, which a test's own --no-stack-first overrides.
#            --expected=FILE    the list to compare with (default tests/conformance/expected-failures.txt,
#                               or expected-failures-22.txt)
#            --no-expected      expect every test to pass (to check the harness with wasm-ld-19)
#            --write-expected   rewrite the list from this run (reasons kept; new ones "TODO: triage")
#            --fetch-only       fetch the tests and lit into the cache, run nothing
#
# Result: a failing test that is not listed is a regression (its lit output is shown); a listed test
# that passes is "now passes: remove it from the list". Either fails the run. The score is printed
# as `score: P/165 ...` (or P/179). Exit status: 0 when the run matches the list, 1 when it does not, 2 on a
# usage or tool error, 77 when the suite cannot be had here (no network, no apt, no lit): the reason
# is printed and scripts/test.sh skips the step.
#
# What it needs: llvm-19, llvm-19-tools and lld-19 (Debian; FileCheck, llvm-mc, obj2yaml, ... under
# llvm-config-19 --bindir; for --llvm=22 the same of LLVM 22, which Debian 12 has from its
# security archive), python3, and lit at the version of tests/conformance/requirements.txt
# (scripts/setup.sh installs them all). When the python3 on PATH has another lit, the pinned one is
# installed into the cache with `pip install --target`.
#
# The tests come from Debian's llvm-toolchain-19 (or -22) source package, downloaded once with
# `apt-get source --download-only` into the cache, ${WASMLINK_CONFORMANCE_CACHE:-~/.cache/wasmlink-conformance}
# (LLVM 22's in its llvm-22 directory)
# (the version of the installed lld-19 when the archive still has it). apt runs on a private
# configuration in the cache: deb-src entries made from the machine's own deb entries for its
# release (or WASMLINK_CONFORMANCE_DEB_SRC, a one-line `deb-src ...` entry), so no root is needed
# and /etc/apt is not touched. Only lld/test/wasm is kept (about 2 MB); the tests are never edited:
# the lit configuration is tests/conformance/lit.cfg.py, loaded from a site configuration in the
# run's own directory. Once fetched, a run takes a few seconds.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$REPO/tests/conformance"
CACHE="${WASMLINK_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wasmlink-conformance}"
LIT_VERSION="$(sed -n 's/^lit==//p' "$HERE/requirements.txt")"
SKIP=77

say() { echo "conformance: $*"; }
skip() { say "skipped: $*" >&2; exit "$SKIP"; }
die() { say "error: $*" >&2; exit 2; }
usage() { sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

# ---------------------------------------------------------------- arguments
LLVM=19
for a in "$@"; do
    case "$a" in --llvm=*) LLVM="${a#--llvm=}" ;; esac
done
case "$LLVM" in
    19) EXPECTED="$HERE/expected-failures.txt" ;;
    22) EXPECTED="$HERE/expected-failures-22.txt"; CACHE="$CACHE/llvm-22" ;;
    *) die "--llvm=$LLVM: the suites are LLVM 19's and 22's" ;;
esac
SRC_PACKAGE="llvm-toolchain-$LLVM"
LLVM_CONFIG="llvm-config-$LLVM"
WRITE=""
FETCH_ONLY=""
LIT_ARGS=()
LINKER=""
first=1
for a in "$@"; do
    case "$a" in
        --llvm=*) ;;
        --expected=*) EXPECTED="${a#--expected=}" ;;
        --no-expected) EXPECTED="" ;;
        --write-expected) WRITE=1 ;;
        --fetch-only) FETCH_ONLY=1 ;;
        -h | --help) usage; exit 0 ;;
        *)
            if [ -n "$first" ] && [ -z "$LINKER" ] && [ "${a#-}" = "$a" ]; then
                LINKER="$a"
            else
                LIT_ARGS+=("$a")
            fi
            ;;
    esac
    case "$a" in --llvm=* | --expected=* | --no-expected | --write-expected | --fetch-only) ;; *) first="" ;; esac
done
[ -n "$WRITE" ] && [ -z "$EXPECTED" ] && die "--write-expected needs a list to write"
[ -n "$LIT_VERSION" ] || die "no lit==VERSION line in $HERE/requirements.txt"

mkdir -p "$CACHE" || die "cannot create the cache $CACHE"
CACHE="$(cd "$CACHE" && pwd)"
TESTS="$CACHE/lld-test-wasm"          # the fetched lld/test/wasm, with VERSION beside it

# ---------------------------------------------------------------- fetching the tests
. "$(dirname "${BASH_SOURCE[0]}")/lib/debian-source.sh"

fetch_tests() {
    command -v tar >/dev/null 2>&1 && command -v xz >/dev/null 2>&1 || skip "tar and xz are needed to unpack $SRC_PACKAGE (apt-get install xz-utils)"
    say "fetching lld/test/wasm from Debian's $SRC_PACKAGE source package into $CACHE (once)"
    # The version of the installed lld (lld-19 is the reference wasm-ld), when the archive still
    # has it.
    fetch_debian_source "$CACHE" "$SRC_PACKAGE" "lld-$LLVM" WASMLINK_CONFORMANCE_DEB_SRC
    local work="$CACHE/download" log="$CACHE/fetch.log"
    local orig
    orig="$(ls "$work"/"${SRC_PACKAGE}"_*.orig.tar.xz 2>/dev/null | head -1)"
    [ -n "$orig" ] || skip "the $SRC_PACKAGE download has no .orig.tar.xz; see $log"
    local dsc version
    dsc="$(ls "$work"/*.dsc 2>/dev/null | head -1)"
    version="$(sed -n 's/^Version: //p' "$dsc" 2>/dev/null | head -1)"
    # (Without the .dsc, which the security archive has lacked, the upstream version.)
    [ -n "$version" ] || version="$(basename "$orig" .orig.tar.xz | sed 's/^.*_//')"
    say "unpacking lld/test/wasm from $(basename "$orig") (Debian $version)"
    mkdir -p "$work/x"
    tar -xJf "$orig" -C "$work/x" --wildcards '*/lld/test/wasm/*' '*/lld/test/lit.cfg.py' >>"$log" 2>&1 \
        || { tail -5 "$log" >&2; skip "cannot unpack lld/test/wasm from $orig; see $log"; }
    local top
    top="$(ls -d "$work"/x/*/lld/test/wasm 2>/dev/null | head -1)"
    [ -n "$top" ] || skip "no lld/test/wasm in $orig"
    rm -rf "$TESTS"
    mv "$top" "$TESTS" || die "cannot move the tests into $TESTS"
    # lld's own lit configuration, kept beside the tests for reference (not used).
    cp "$(dirname "$top")/lit.cfg.py" "$CACHE/lld-test-lit.cfg.py" 2>/dev/null || true
    echo "$SRC_PACKAGE $version ($(basename "$orig"))" >"$CACHE/VERSION"
    rm -rf "$work"
}

have_tests() { [ -f "$CACHE/VERSION" ] && [ -f "$TESTS/lit.local.cfg" ]; }

# ---------------------------------------------------------------- lit, pinned
# Sets LIT: the command that runs lit at $LIT_VERSION.
find_lit() {
    command -v python3 >/dev/null 2>&1 || skip "python3 is needed for lit"
    if [ "$(python3 -c 'import lit; print(lit.__version__)' 2>/dev/null)" = "$LIT_VERSION" ]; then
        LIT=(python3 -c 'import sys, lit.main; sys.argv[0] = "lit"; lit.main.main()')
        return
    fi
    local dir="$CACHE/lit-$LIT_VERSION"
    if [ "$(PYTHONPATH="$dir" python3 -c 'import lit; print(lit.__version__)' 2>/dev/null)" != "$LIT_VERSION" ]; then
        say "installing lit==$LIT_VERSION into $dir"
        rm -rf "$dir"
        python3 -m pip install -q --disable-pip-version-check --no-input --no-deps --target "$dir" \
            "lit==$LIT_VERSION" >"$CACHE/lit-install.log" 2>&1 </dev/null \
            || { tail -5 "$CACHE/lit-install.log" >&2; skip "cannot install lit==$LIT_VERSION with pip; see $CACHE/lit-install.log"; }
    fi
    LIT=(env "PYTHONPATH=$dir${PYTHONPATH:+:$PYTHONPATH}" python3 -c 'import sys, lit.main; sys.argv[0] = "lit"; lit.main.main()')
}

# One fetch at a time (two checkouts on one machine share the cache).
exec 9>"$CACHE/.lock"
flock 9 || die "cannot lock $CACHE/.lock"
have_tests || fetch_tests
find_lit
flock -u 9
if [ -n "$FETCH_ONLY" ]; then
    say "tests: $TESTS ($(cat "$CACHE/VERSION")); lit $LIT_VERSION"
    exit 0
fi

# ---------------------------------------------------------------- tools
LLVM_BINDIR="$("$LLVM_CONFIG" --bindir 2>/dev/null || echo "/usr/lib/llvm-$LLVM/bin")"
missing=()
for t in FileCheck not count split-file llvm-mc obj2yaml yaml2obj llvm-objdump llvm-readobj llvm-nm \
    llvm-ar llc llvm-as opt llvm-dis llvm-dwarfdump; do
    [ -x "$LLVM_BINDIR/$t" ] || missing+=("$t")
done
[ "${#missing[@]}" -eq 0 ] \
    || skip "LLVM $LLVM tools missing from $LLVM_BINDIR: ${missing[*]} (apt-get install llvm-$LLVM llvm-$LLVM-tools lld-$LLVM, or bash scripts/setup.sh)"

# ---------------------------------------------------------------- the linker under test
if [ -z "$LINKER" ]; then
    TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
    case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$REPO/$TARGET_DIR" ;; esac
    LINKER="$TARGET_DIR/release/wasmlink"
    if [ ! -x "$LINKER" ] || [ -n "$(cd "$REPO" && find src Cargo.toml Cargo.lock -newer "$LINKER" -print -quit 2>/dev/null)" ]; then
        say "building $LINKER (cargo build --release --bin wasmlink)"
        (cd "$REPO" && cargo build --release --bin wasmlink) >&2 || die "cargo build --release --bin wasmlink failed"
    fi
else
    resolved="$(command -v -- "$LINKER" 2>/dev/null)" || die "no linker '$LINKER'"
    case "$resolved" in /*) ;; *) resolved="$PWD/$resolved" ;; esac
    LINKER="$resolved"
fi
[ -x "$LINKER" ] || die "the linker $LINKER is not executable"
[ -z "$EXPECTED" ] || [ -f "$EXPECTED" ] || [ -n "$WRITE" ] || die "no expected-failures file $EXPECTED"

# ---------------------------------------------------------------- the run
RUN="$(mktemp -d "$CACHE/run.XXXXXX")" || die "cannot make a run directory in $CACHE"
cleanup() { [ -n "${WASMLINK_CONFORMANCE_KEEP:-}" ] || rm -rf "$RUN"; }
trap cleanup EXIT
mkdir -p "$RUN/bin" "$RUN/suite" "$RUN/out"
if [ "$LLVM" = 19 ]; then
    ln -s "$LINKER" "$RUN/bin/wasm-ld"
else
    # LLD 20's default layout (see --llvm above), under the name the tests call.
    printf '#!/usr/bin/env bash\nexec -a "$0" %q --stack-first "$@"\n' "$LINKER" >"$RUN/bin/wasm-ld"
    chmod +x "$RUN/bin/wasm-ld"
fi
# The site configuration: the suite lives in $RUN/suite (its exec root), its tests in the cache.
python3 - "$RUN/suite/lit.site.cfg.py" "$TESTS" "$RUN/out" "$RUN/bin" "$LLVM_BINDIR" "$HERE/lit.cfg.py" <<'PY'
import sys
site, tests, out, bindir, llvm, cfg = sys.argv[1:]
with open(site, 'w') as f:
    f.write('# Written by scripts/conformance.sh for one run.\n')
    for k, v in (('tests', tests), ('out', out), ('linker_dir', bindir), ('llvm_bindir', llvm)):
        f.write('lit_config.params[%r] = %r\n' % (k, v))
    f.write('lit_config.load_config(config, %r)\n' % cfg)
PY

show=""
for a in ${LIT_ARGS[@]+"${LIT_ARGS[@]}"}; do
    case "$a" in -v | -vv | -a | --verbose | --show-all | --show-* | --echo-all-commands) show=1 ;; esac
done
full=--full-run
for a in ${LIT_ARGS[@]+"${LIT_ARGS[@]}"}; do
    case "$a" in --filter* | --filter-out* | --max-tests* | --shard* | --run-shard* | --num-shards* | -x | --xfail*) full="" ;; esac
done

say "linker: $LINKER; tests: $(cat "$CACHE/VERSION"); lit $LIT_VERSION"
start=$(date +%s)
if [ -n "$show" ]; then
    timeout -k 10 "${WASMLINK_CONFORMANCE_TIMEOUT:-900}" "${LIT[@]}" -o "$RUN/results.json" \
        ${LIT_ARGS[@]+"${LIT_ARGS[@]}"} "$RUN/suite" 2>&1 | tee "$RUN/lit.log"
else
    timeout -k 10 "${WASMLINK_CONFORMANCE_TIMEOUT:-900}" "${LIT[@]}" -q -o "$RUN/results.json" \
        ${LIT_ARGS[@]+"${LIT_ARGS[@]}"} "$RUN/suite" >"$RUN/lit.log" 2>&1
fi
lit_rc=${PIPESTATUS[0]}
if [ ! -s "$RUN/results.json" ]; then
    [ -n "$show" ] || tail -20 "$RUN/lit.log" >&2
    [ "$lit_rc" -eq 124 ] && die "lit did not finish within ${WASMLINK_CONFORMANCE_TIMEOUT:-900} s (a linker hang?)"
    die "lit wrote no results (exit status $lit_rc)"
fi
report=(python3 "$HERE/report.py" "$RUN/results.json" "${EXPECTED:-none}")
[ -n "$full" ] && report+=("$full")
[ -n "$WRITE" ] && report+=(--write-expected)
"${report[@]}"
rc=$?
if [ -n "$WRITE" ]; then
    verdict="the list is rewritten: review its reasons"
elif [ $rc -eq 0 ]; then
    verdict="the failures are exactly the listed ones"
else
    verdict="FAILED: the failures differ from the list"
fi
say "$(($(date +%s) - start)) s; $verdict"
[ $rc -eq 0 ] || exit 1
exit 0
