//! Helpers shared by host-tests' test files: paths, running commands with a timeout, compiling
//! C/C++ with clang-19 (cached), the wasm-ld line clang would run, and building the Rust test
//! programs under host-tests/programs/.
//!
//! Build products go under `<target dir>/host-tests/`, never into the source tree.

#![allow(dead_code)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const SETUP_HINT: &str = "run scripts/setup.sh (clang-19, lld-19, the wasm32 WASI sysroot, wasmtime, rust targets)";
pub const SYSROOT: &str = "/usr";

/// The cargo target directory: `$CARGO_TARGET_DIR` when absolute, else the one this test was
/// built in (`CARGO_TARGET_TMPDIR` is `<target dir>/tmp`), which is `<repo>/target` by default.
pub fn target_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).filter(|d| d.is_absolute()) {
        return d;
    }
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("CARGO_TARGET_TMPDIR has a parent").to_path_buf()
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `<target dir>/host-tests/<name>`, created (and kept between runs, for caches).
pub fn work_dir(name: &str) -> PathBuf {
    let d = target_dir().join("host-tests").join(name);
    fs::create_dir_all(&d).unwrap();
    d
}

#[path = "../../../tests/support/shared.rs"]
mod shared;
pub use shared::*;

// ------------------------------------------------------------------------------------------
// C and C++ with clang-19

/// 64-bit FNV-1a, for cache keys.
pub fn fnv(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.iter().chain(&(p.len() as u64).to_le_bytes()) {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn clang_version() -> &'static str {
    static V: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let r = run(Command::new("clang-19").arg("--version"), Duration::from_secs(60));
        r.assert_success("clang-19 --version");
        r.stdout_str()
    })
}

/// Compiles `src` with `compiler` (clang-19 or clang++-19) for wasm32-wasi into `out`, unless
/// `out` was already built from the same compiler, flags, source and `deps`.
pub fn compile(compiler: &str, flags: &[&str], src: &Path, deps: &[PathBuf], out: &Path) {
    let mut parts: Vec<Vec<u8>> = vec![compiler.into(), clang_version().into(), fs::read(src).unwrap()];
    parts.extend(flags.iter().map(|f| f.as_bytes().to_vec()));
    for d in deps {
        parts.push(fs::read(d).unwrap_or_else(|e| panic!("{}: {e}", d.display())));
    }
    let key = fnv(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let stamp = out.with_extension("o.key");
    if out.is_file() && fs::read_to_string(&stamp).is_ok_and(|k| k == key) {
        return;
    }
    let _ = fs::remove_file(&stamp);
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut cmd = Command::new(compiler);
    cmd.args(["--target=wasm32-wasi", &format!("--sysroot={SYSROOT}")]).args(flags).arg("-c").arg(src).arg("-o").arg(out);
    run(&mut cmd, Duration::from_secs(600)).assert_success(&format!("compiling {}", src.display()));
    fs::write(&stamp, key).unwrap();
}

/// `llvm-ar-19 rcs` (with a symbol index) or `rcS` (without) of `members` into `out`.
pub fn archive(out: &Path, index: bool, members: &[PathBuf]) {
    let _ = fs::remove_file(out);
    let mut cmd = Command::new("llvm-ar-19");
    cmd.arg(if index { "rcs" } else { "rcS" }).arg(out).args(members);
    run(&mut cmd, Duration::from_secs(120)).assert_success("llvm-ar-19");
}

/// The wasm-ld command line clang's driver would run to link `inputs` (objects, `-L`, `-l`),
/// from `clang -###`: arguments only, without the linker's own path.
pub fn clang_link_line(driver: &str, driver_flags: &[&str], inputs: &[String], out: &Path) -> Vec<String> {
    let mut cmd = Command::new(driver);
    cmd.args(["--target=wasm32-wasi", &format!("--sysroot={SYSROOT}")])
        .args(driver_flags)
        .arg("-###")
        .args(inputs)
        .arg("-o")
        .arg(out);
    let r = run(&mut cmd, Duration::from_secs(60));
    r.assert_success("clang -###");
    let stderr = r.stderr_str();
    let line = stderr.lines().rev().find(|l| l.starts_with(' ')).expect("a command in clang -### output");
    let words = split_quoted(line);
    assert!(words[0].contains("wasm-ld"), "clang would run {:?}, not wasm-ld", words[0]);
    words[1..].to_vec()
}

/// Splits one line of `clang -###` output: `"a" "b c" "d\"e"`.
fn split_quoted(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut w = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => w.extend(chars.next()),
                '"' => break,
                c => w.push(c),
            }
        }
        out.push(w);
    }
    out
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
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
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
    let out = target_dir.join(target).join("release").join(format!("{name}.wasm"));
    // Force the final link: cargo does not notice that a linker's binary changed.
    let _ = fs::remove_file(&out);
    if let Ok(rd) = fs::read_dir(target_dir.join(target).join("release/deps")) {
        let prefix = format!("{}-", name.replace('-', "_"));
        for e in rd.flatten() {
            let f = e.file_name().to_string_lossy().into_owned();
            if f.starts_with(&prefix) && f.ends_with(".wasm") {
                let _ = fs::remove_file(e.path());
            }
        }
    }
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
