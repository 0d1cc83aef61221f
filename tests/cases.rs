//! One small test per behaviour, as lld's `lld/test/wasm` has: every file in `tests/cases/` is
//! a case, and a named test here. A case holds its inputs (WebAssembly assembly, assembled at
//! test time with `llvm-mc-19`), the link's arguments, and what the link must produce: the
//! output module as `wasmprinter` prints it, or the diagnostics of a failed link.
//!
//! ```text
//! # What the case shows, in a sentence or two.
//! # RUN: --no-entry --export=f main.o
//! # --- main.s            (an input; `# --- b.s -mattr=+atomics` passes flags to llvm-mc,
//!                          `-triple=wasm64-unknown-unknown` makes it a wasm64 object)
//! ...assembly...
//! # --- libx.a b.o c.o    (an archive of inputs above, with a symbol index: `llvm-ar-19 rcs`)
//! # --- liby.wat          (a shared library `liby.so`, in the text format with `(@dylink.0 ...)`)
//! # --- EXPECT            (everything below is compared)
//! ;; warning: ...         (diagnostics first, then the module, or `error: ...` lines)
//! (module $main.wasm
//! ...
//! ```
//!
//! `WASMLINK_BLESS=1 cargo test --test cases` rewrites the EXPECT part of every case from what
//! the linker produces now; review the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};
use wasmlink::{InputFile, Severity};

const EXPECT: &str = "# --- EXPECT";

fn main() {
    let args = Arguments::from_args();
    let dir = wasmlink_test_support::repo_root().join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "s"))
        .collect();
    files.sort();
    let trials = files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            Trial::test(name, move || run_case(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

struct Case {
    /// The link's arguments (`RUN:`), split on whitespace.
    args: Vec<String>,
    /// (file name, llvm-mc flags, assembly)
    inputs: Vec<(String, Vec<String>, String)>,
    /// Everything before the EXPECT line, kept when re-blessing.
    head: String,
    expect: String,
}

fn parse(text: &str) -> Result<Case, String> {
    let (head, expect) = match text.split_once(&format!("\n{EXPECT}\n")) {
        Some((h, e)) => (format!("{h}\n"), e.to_string()),
        None => (text.to_string(), String::new()),
    };
    let mut args = None;
    let mut inputs: Vec<(String, Vec<String>, String)> = Vec::new();
    for line in head.lines() {
        if let Some(rest) = line.strip_prefix("# --- ") {
            let mut words = rest.split_whitespace().map(String::from);
            let name = words.next().ok_or("an input without a name")?;
            inputs.push((name, words.collect(), String::new()));
        } else if let Some((_, _, body)) = inputs.last_mut() {
            body.push_str(line);
            body.push('\n');
        } else if let Some(run) = line.strip_prefix("# RUN:") {
            args = Some(run.split_whitespace().map(String::from).collect());
        }
    }
    let args = args.ok_or("no `# RUN:` line")?;
    Ok(Case { args, inputs, head, expect })
}

fn run_case(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let case = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.file_stem().unwrap().to_string_lossy();
    let work = wasmlink_test_support::work_dir(Path::new("cases").join(&*name));
    let mut files = Vec::new();
    for (file, flags, asm) in &case.inputs {
        if file.ends_with(".a") {
            let archive = work.join(file);
            let members: Vec<_> = flags.iter().map(|m| work.join(m)).collect();
            wasmlink_test_support::clang::archive("llvm-ar-19", &archive, true, &members);
            let bytes = std::fs::read(&archive).map_err(|e| e.to_string())?;
            files.push(InputFile { name: file.clone(), bytes });
            continue;
        }
        if file.ends_with(".wat") {
            let bytes = wat::parse_str(asm).map_err(|e| format!("{file}: {e}"))?;
            files.push(InputFile { name: Path::new(file).with_extension("so").to_string_lossy().into_owned(), bytes });
            continue;
        }
        let src = work.join(file);
        std::fs::write(&src, asm).map_err(|e| e.to_string())?;
        let obj = src.with_extension("o");
        // wasm32 unless the input names its own triple.
        let triple = (!flags.iter().any(|f| f.starts_with("-triple"))).then_some("-triple=wasm32-unknown-unknown");
        let out = Command::new("llvm-mc-19")
            .arg("-filetype=obj")
            .args(triple)
            .args(flags)
            .arg(&src)
            .arg("-o")
            .arg(&obj)
            .output()
            .map_err(|e| format!("llvm-mc-19: {e} (run scripts/setup.sh)"))?;
        if !out.status.success() {
            return Err(format!("llvm-mc-19 {file}:\n{}", String::from_utf8_lossy(&out.stderr)).into());
        }
        let bytes = std::fs::read(&obj).map_err(|e| e.to_string())?;
        files.push(InputFile { name: Path::new(file).with_extension("o").to_string_lossy().into_owned(), bytes });
    }
    let actual = describe(wasmlink::link_args(&case.args, &files))?;
    if actual == case.expect {
        return Ok(());
    }
    if std::env::var_os("WASMLINK_BLESS").is_some() {
        std::fs::write(path, format!("{}{EXPECT}\n{actual}", case.head)).map_err(|e| e.to_string())?;
        return Ok(());
    }
    Err(format!(
        "{} does not match (WASMLINK_BLESS=1 rewrites it)\n--- expected\n{}\n--- actual\n{}",
        path.display(),
        case.expect,
        actual
    )
    .into())
}

/// What a link produced, as the EXPECT part spells it.
fn describe(result: Result<wasmlink::Output, Vec<wasmlink::Diagnostic>>) -> Result<String, String> {
    let line = |d: &wasmlink::Diagnostic| match d.severity {
        Severity::Error => format!("error: {}\n", d.message),
        Severity::Warning => format!("warning: {}\n", d.message),
        Severity::Note | Severity::Log => format!("note: {}\n", d.message),
    };
    Ok(match result {
        Ok(out) => {
            let mut text: String = out.diagnostics.iter().map(|d| format!(";; {}", line(d))).collect();
            text.push_str(&wasmprinter::print_bytes(&out.module).map_err(|e| format!("printing the output: {e}"))?);
            text.push('\n');
            text
        }
        Err(diags) => diags.iter().map(line).collect(),
    })
}
