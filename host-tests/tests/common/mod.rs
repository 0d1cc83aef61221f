//! Helpers shared by host-tests' test files: the wasm-ld line clang would run, the files it
//! reads, and building the Rust test programs under host-tests/programs/. The plumbing (paths,
//! running commands with a timeout, cached clang-19 compiles, pinned cargo, SQLite) is
//! tests/support's (`wasmlink-test-support`), re-exported here.
//!
//! Build products go under `<target dir>/host-tests/`, never into the source tree.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub use wasmlink_test_support::*;

// ------------------------------------------------------------------------------------------
// C and C++ with clang-19

/// The wasm-ld command line clang's driver would run to link `inputs` (objects, `-L`, `-l`),
/// from `clang -###`: arguments only, without the linker's own path.
pub fn clang_link_line(driver: &str, driver_flags: &[&str], inputs: &[String], out: &Path) -> Vec<String> {
    let mut cmd = Command::new(driver);
    cmd.args([CLANG_TARGET, &format!("--sysroot={SYSROOT}")])
        .args(driver_flags)
        .arg("-###")
        .args(inputs)
        .arg("-o")
        .arg(out);
    let r = run(&mut cmd, Duration::from_secs(60));
    r.assert_success("clang -###");
    let words = clang_dry_run_job(&r.stderr_str());
    assert!(words[0].contains("wasm-ld"), "clang would run {:?}, not wasm-ld", words[0]);
    words[1..].to_vec()
}

/// The files a wasm-ld command line reads, as (name as written, bytes): every argument that
/// names an existing file (not the `-o` output), and each `-lX` found as `libX.a` in the `-L`
/// directories (named `<dir>/libX.a`, which is how wasmlink's `-l` search finds it).
pub fn files_of_link_line(args: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let (mut dirs, mut libs) = (Vec::new(), Vec::new());
    let mut prev = "";
    for a in args {
        match prev {
            "-L" => dirs.push(a.clone()),
            "-l" => libs.push(a.clone()),
            _ => {}
        }
        if let Some(d) = a.strip_prefix("-L").filter(|d| !d.is_empty()) {
            dirs.push(d.to_string());
        } else if let Some(l) = a.strip_prefix("-l").filter(|l| !l.is_empty()) {
            libs.push(l.to_string());
        } else if prev != "-o" && !a.starts_with('-') && Path::new(a).is_file() {
            files.push((a.clone(), fs::read(a).unwrap()));
        }
        prev = a;
    }
    for l in libs {
        let found = dirs.iter().map(|d| format!("{}/lib{l}.a", d.trim_end_matches('/'))).find(|p| Path::new(p).is_file());
        let p = found.unwrap_or_else(|| panic!("-l{l} not found in {dirs:?}"));
        if !files.iter().any(|(n, _)| *n == p) {
            let bytes = fs::read(&p).unwrap();
            files.push((p, bytes));
        }
    }
    files
}

/// Runs a core wasm command under the wasmtime CLI.
pub fn wasmtime_run(wasm: &Path, args: &[&str]) -> Ran {
    let mut cmd = Command::new("wasmtime");
    cmd.arg("run").arg(wasm).args(args);
    run(&mut cmd, Duration::from_secs(120))
}

// ------------------------------------------------------------------------------------------
// Rust programs under host-tests/programs/

pub fn programs_dir() -> PathBuf {
    wasmlink_test_support::repo_root().join("host-tests/programs")
}

/// `cargo build --release --target <target>` of host-tests/programs/<dir> (whose binary is
/// `name`) into `<target dir>/host-tests/programs/<label>/`, with the target's linker set to
/// `linker` (`None`: rustc's default, rust-lld) and `envs` added. Returns the built `.wasm`.
pub fn build_rust_program(
    dir: &str,
    name: &str,
    target: &str,
    label: &str,
    linker: Option<&Path>,
    envs: &[(&str, &str)],
) -> PathBuf {
    let manifest = programs_dir().join(dir).join("Cargo.toml");
    let target_dir = target_dir().join("host-tests/programs").join(label);
    let upper = target.to_uppercase().replace('-', "_");
    let release = target_dir.join(target).join("release");
    let out = release.join(format!("{name}.wasm"));
    force_relink(&release, name);
    // The rustc release the program pins (its rust-toolchain.toml, or the project's).
    let mut cmd = pinned_cargo(manifest.parent().unwrap());
    cmd.args(["build", "--release", "--locked", "--target", target, "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target_dir);
    if let Some(l) = linker {
        cmd.env(format!("CARGO_TARGET_{upper}_LINKER"), l);
    }
    cmd.envs(envs.iter().copied());
    let r = run(&mut cmd, Duration::from_secs(1200));
    let how = linker.map_or("rust-lld".to_string(), |l| l.display().to_string());
    r.assert_success(&format!("building {name} for {target} with {how}"));
    assert!(out.is_file(), "cargo built no {}", out.display());
    out
}

/// The wasi-threads test program (host-tests/programs/threads) for `wasm32-wasip1-threads`,
/// linked by `linker`: `None` is rustc's default (rust-lld), `Some(path)` is passed as
/// `CARGO_TARGET_WASM32_WASIP1_THREADS_LINKER` (e.g. the wasmlink binary).
pub fn build_threads_program(linker: Option<&Path>) -> PathBuf {
    let label = match linker {
        None => "threads-rust-lld".to_string(),
        Some(l) => format!("threads-{}", l.file_name().unwrap().to_string_lossy()),
    };
    build_rust_program("threads", "threads-program", "wasm32-wasip1-threads", &label, linker, &[])
}
