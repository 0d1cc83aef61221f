//! Cargo: the one running the tests, and the pinned cargo that builds a Rust test program.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{is_executable, require_tool};

/// The cargo running the tests (`$CARGO`), else `cargo` from PATH.
pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .filter(|p| is_executable(p))
        .unwrap_or_else(|| require_tool("cargo"))
}

/// The rustc release a Rust test program is built with: the `channel` of the nearest
/// `rust-toolchain.toml` at or above `dir` (an exact release, installed by scripts/setup.sh).
pub fn pinned_channel(dir: &Path) -> String {
    let file = dir
        .ancestors()
        .map(|d| d.join("rust-toolchain.toml"))
        .find(|f| f.is_file())
        .unwrap_or_else(|| panic!("no rust-toolchain.toml at or above {}", dir.display()));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("channel"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_string())
        .next()
        .unwrap_or_else(|| panic!("{} names no channel", file.display()))
}

/// The `rust-lld` (LLD, as rustc ships it) of the release `dir` pins, where rustup has it.
pub fn pinned_rust_lld(dir: &Path) -> Option<PathBuf> {
    let rustc = |args: &[&str]| {
        let out = Command::new("rustup").args(["run", &pinned_channel(dir), "rustc"]).args(args).current_dir(dir).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let sysroot = rustc(&["--print", "sysroot"])?;
    let host = rustc(&["-vV"])?.lines().find_map(|l| l.strip_prefix("host: ").map(String::from))?;
    let lld = Path::new(&sysroot).join("lib/rustlib").join(host).join("bin/rust-lld");
    is_executable(&lld).then_some(lld)
}

/// `cargo` of the release `dir` pins, through `rustup run`, so that neither the toolchain running
/// the tests nor an inherited `RUSTUP_TOOLCHAIN` decides which rustc builds a test program. Also
/// drops the flags and target settings the calling cargo may have put in the environment.
pub fn pinned_cargo(dir: &Path) -> Command {
    let mut cmd = Command::new("rustup");
    cmd.args(["run", &pinned_channel(dir), "cargo"]).current_dir(dir);
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy();
        let from_caller = ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "RUSTC", "RUSTC_WRAPPER", "RUSTDOC", "RUSTUP_TOOLCHAIN"]
            .contains(&k.as_ref())
            || k.starts_with("CARGO_BUILD_")
            || k.starts_with("CARGO_TARGET_") && !k.starts_with("CARGO_TARGET_DIR");
        if from_caller {
            cmd.env_remove(k.as_ref());
        }
    }
    cmd.env("CARGO_TERM_COLOR", "never");
    cmd
}


/// Removes what the final link of the binary or cdylib `name` wrote into `release` (a cargo
/// `<target>/<triple>/release` directory): `<name>.wasm` and `deps/<name>-*.wasm`. Cargo does not
/// notice that the linker's binary changed, so without this a new linker would not run.
pub fn force_relink(release: &Path, name: &str) {
    // (A binary's file is `name.wasm`, with `deps/name_with_underscores-HASH.wasm`; a cdylib's
    // is `name_with_underscores.wasm`, in both places.)
    let lib = name.replace('-', "_");
    for file in [release.join(format!("{name}.wasm")), release.join(format!("{lib}.wasm")), release.join("deps").join(format!("{lib}.wasm"))] {
        let _ = fs::remove_file(file);
    }
    let prefix = format!("{lib}-");
    if let Ok(rd) = fs::read_dir(release.join("deps")) {
        for e in rd.flatten() {
            let f = e.file_name().to_string_lossy().into_owned();
            if f.starts_with(&prefix) && f.ends_with(".wasm") {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}
