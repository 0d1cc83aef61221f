//! clang-19 for wasm32-wasi: compiling with a cache, archives, and the linker command clang's
//! driver would run.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

use crate::{Fnv, run};

/// The WASI sysroot of Debian's `wasi-libc` / `libc++-19-dev-wasm32` packages.
pub const SYSROOT: &str = "/usr";
pub const CLANG_TARGET: &str = "--target=wasm32-wasi";

const COMPILE_TIMEOUT: Duration = Duration::from_secs(600);
const TOOL_TIMEOUT: Duration = Duration::from_secs(300);

/// `<compiler> --version`, run once per process and compiler.
pub fn compiler_version(compiler: &Path) -> String {
    static SEEN: Mutex<Option<HashMap<PathBuf, String>>> = Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashMap::new);
    if let Some(v) = seen.get(compiler) {
        return v.clone();
    }
    let r = run(Command::new(compiler).arg("--version"), Duration::from_secs(60));
    r.assert_success(&format!("{} --version", compiler.display()));
    seen.insert(compiler.to_path_buf(), r.stdout_str());
    r.stdout_str()
}

/// Compiles `src` with `compiler` (clang-19 or clang++-19, a name on PATH or a path) for
/// wasm32-wasi (`--target=wasm32-wasi --sysroot=/usr`, then `flags`) into `out`, unless `out` was
/// already built with the same key. The key covers the compiler and its `--version` output, the
/// flags, the source and `deps` (paths and contents); it is kept next to `out` in `<out>.key`
/// (`x.o.key` for `x.o`).
pub fn compile_cached(compiler: impl AsRef<Path>, flags: &[impl AsRef<str>], src: &Path, deps: &[PathBuf], out: &Path) {
    let compiler = compiler.as_ref();
    let mut h = Fnv::new();
    h.str(&compiler.to_string_lossy()).str(&compiler_version(compiler));
    for f in flags {
        h.str(f.as_ref());
    }
    h.file(src);
    for d in deps {
        h.file(d);
    }
    let key = h.hex();
    let stamp = out.with_extension("o.key");
    if out.is_file() && fs::read_to_string(&stamp).is_ok_and(|k| k == key) {
        return;
    }
    let _ = fs::remove_file(&stamp);
    let _ = fs::remove_file(out);
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut cmd = Command::new(compiler);
    cmd.arg(CLANG_TARGET)
        .arg(format!("--sysroot={SYSROOT}"))
        .args(flags.iter().map(AsRef::as_ref))
        .arg("-c")
        .arg(src)
        .arg("-o")
        .arg(out);
    run(&mut cmd, COMPILE_TIMEOUT).assert_success(&format!("compiling {}", src.display()));
    fs::write(&stamp, key).unwrap();
}

/// `<llvm_ar> rcs` (with a symbol index) or `rcS` (without) of `members` into a new `out`.
pub fn archive(llvm_ar: impl AsRef<Path>, out: &Path, index: bool, members: &[PathBuf]) {
    let _ = fs::remove_file(out);
    let mut cmd = Command::new(llvm_ar.as_ref());
    cmd.arg(if index { "rcs" } else { "rcS" }).arg(out).args(members);
    run(&mut cmd, TOOL_TIMEOUT).assert_success(&format!("creating {}", out.display()));
}

/// The last command in the stderr of `clang -###` (for a link, the linker's), as its words
/// unquoted: program first. Fails the calling test if there is none.
pub fn clang_dry_run_job(stderr: &str) -> Vec<String> {
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with(' '))
        .unwrap_or_else(|| panic!("no command in the output of clang -###:\n{stderr}"));
    split_quoted(line)
}

/// Splits one line of `clang -###` output: `"a" "b c" "d\"e"`.
fn split_quoted(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
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
