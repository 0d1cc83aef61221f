//! The repository, the cargo target directory and work directories under it. Tests build
//! everything under the target directory, never in the source tree, and keep it between runs
//! (object caches, cargo target directories of test programs).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// The repository root: the nearest directory holding `wit/` and `rust-toolchain.toml` above the
/// manifest directory cargo gives the test at run time (the repository's own, or host-tests').
///
/// Found at run time because a path fixed at compile time (`env!`) goes stale: cargo reuses a
/// crate built in one clone for another clone that shares its target directory (as CI's cached
/// one is), since its fingerprint holds paths relative to the workspace only. The compile-time
/// directory is the fallback for a test binary run by hand.
pub fn repo_root() -> PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    start
        .ancestors()
        .find(|d| d.join("wit").is_dir() && d.join("rust-toolchain.toml").is_file())
        .unwrap_or_else(|| panic!("no repository (wit/ and rust-toolchain.toml) above {}", start.display()))
        .to_path_buf()
}

/// The cargo target directory: `$CARGO_TARGET_DIR` if set (a relative one taken from the
/// repository root, where scripts/test.sh runs cargo), else `<repo>/target`.
///
/// Cargo offers nothing better to a library crate: `CARGO_TARGET_TMPDIR` (`<target dir>/tmp`)
/// is set only when compiling integration tests and benches, and no variable names the target
/// directory at run time. So a target directory chosen with `--target-dir` or `build.target-dir`
/// in a cargo config is not seen here; point `CARGO_TARGET_DIR` at it instead (as .ci/run does).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(d) => repo_root().join(d),
        None => repo_root().join("target"),
    }
}

/// `<target dir>/<rel>`, created if missing and kept between runs (for caches).
pub fn work_dir(rel: impl AsRef<Path>) -> PathBuf {
    let d = target_dir().join(rel);
    fs::create_dir_all(&d).unwrap_or_else(|e| panic!("creating {}: {e}", d.display()));
    d
}

/// `<target dir>/<rel>`, emptied: removed with everything in it, then created again.
pub fn fresh_work_dir(rel: impl AsRef<Path>) -> PathBuf {
    let d = target_dir().join(rel);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap_or_else(|e| panic!("creating {}: {e}", d.display()));
    d
}

/// Every regular file under `dir` (recursively, sorted), skipping `data/` fixture directories
/// and `target/` directories.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name() != Some(OsStr::new("data")) && p.file_name() != Some(OsStr::new("target")) {
                    stack.push(p);
                }
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
