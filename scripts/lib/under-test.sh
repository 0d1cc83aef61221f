# Sourced by scripts/crates.sh and scripts/emscripten.sh: the wasmlink binary they check.
# Sets WASMLINK (an absolute path) to $WASMLINK_UNDER_TEST when set, else to the release build,
# built first. Needs REPO and the caller's `log`.
wasmlink_under_test() {
    if [ -n "${WASMLINK_UNDER_TEST:-}" ]; then
        WASMLINK="$(command -v "$WASMLINK_UNDER_TEST")" \
            || { echo "WASMLINK_UNDER_TEST=$WASMLINK_UNDER_TEST not found" >&2; exit 1; }
    else
        log "building wasmlink (cargo build --release)"
        (cd "$REPO" && cargo build --release --quiet --bin wasmlink)
        WASMLINK="${CARGO_TARGET_DIR:-$REPO/target}/release/wasmlink"
    fi
    case "$WASMLINK" in /*) ;; *) WASMLINK="$REPO/$WASMLINK" ;; esac
}
