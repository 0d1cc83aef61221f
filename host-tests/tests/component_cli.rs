//! The component under the wasmtime CLI: as a command (`wasmtime run
//! wasmlink.wasm -- <flags>`) and through its `link-args` export
//! (`--invoke`). Its output must be byte-identical to the native library's.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use wasmlink_test_support::{Ran, compile_cached, fresh_work_dir, repo_root, run, target_dir};

/// Built by scripts/test.sh (`cargo build --profile component --target wasm32-wasip2`).
fn component() -> PathBuf {
    let p = std::env::var_os("WASMLINK_COMPONENT")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("wasm32-wasip2/component/wasmlink.wasm"));
    assert!(p.is_file(), "{} missing: run scripts/test.sh (it builds the component first)", p.display());
    p
}

/// `<target dir>/host-tests/<name>`, empty.
fn work_dir(name: &str) -> PathBuf {
    fresh_work_dir(format!("host-tests/{name}"))
}

const TIMEOUT: Duration = Duration::from_secs(300);

const SYSROOT_LIB: &str = "/usr/lib/wasm32-wasi";
const BUILTINS: &str = "/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a";

/// clang's own wasm-ld line for a C program, with our object.
fn link_line(obj: &str, out: &str) -> Vec<String> {
    ["-m", "wasm32", &format!("-L{SYSROOT_LIB}"), &format!("{SYSROOT_LIB}/crt1-command.o"), obj, "-lc", BUILTINS, "-o", out]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn compile_example(dir: &Path) {
    compile_cached("clang-19", &["-O2"], &repo_root().join("examples/hello/hello.c"), &[], &dir.join("hello.o"));
}

fn wasmtime_component(dir: &Path, args: &[String]) -> Ran {
    run(
        Command::new("wasmtime")
            .args(["run", "--dir", ".", "--dir", SYSROOT_LIB, "--dir", "/usr/lib/llvm-19/lib/clang/19/lib/wasi"])
            .arg(component())
            .arg("--")
            .args(args)
            .current_dir(dir),
        TIMEOUT,
    )
}

#[test]
fn command_links_the_example_identically_to_the_native_library() {
    let dir = work_dir("example");
    compile_example(&dir);
    wasmtime_component(&dir, &link_line("hello.o", "hello.wasm")).assert_success("the component");
    let from_component = std::fs::read(dir.join("hello.wasm")).unwrap();

    // The same link in-process with the native library (nothing is written), with the same
    // output name: it is the module's name in the name section.
    let args = link_line(&dir.join("hello.o").display().to_string(), "hello.wasm");
    let mut parsed = wasmlink::args::parse(&args, &|_| None).unwrap();
    wasmlink::resolve_libraries(&mut parsed, &|p| Path::new(p).is_file()).unwrap();
    let files: Vec<wasmlink::InputFile> = parsed
        .config
        .inputs
        .iter()
        .filter_map(|i| match i {
            wasmlink::InputArg::File(f) => Some(wasmlink::InputFile { name: f.clone(), bytes: std::fs::read(f).unwrap() }),
            _ => None,
        })
        .collect();
    let native = wasmlink::link(&files, &parsed.config).unwrap().module;
    // File names differ (relative vs absolute), which only diagnostics see.
    assert_eq!(from_component, native, "component and native outputs differ");

    let ran = run(Command::new("wasmtime").arg(dir.join("hello.wasm")), TIMEOUT);
    ran.assert_success("hello.wasm");
    assert_eq!(ran.stdout_str(), "hello from a module linked by wasmlink\n49 36 25 16 9 4 1 0\n");
}

#[test]
fn command_reports_undefined_symbols_and_leaves_no_output() {
    let dir = work_dir("undefined");
    std::fs::write(dir.join("u.c"), "extern int missing(void);\nint main(void) { return missing(); }\n").unwrap();
    compile_cached("clang-19", &["-O0"], &dir.join("u.c"), &[], &dir.join("u.o"));
    let out = wasmtime_component(&dir, &["--entry=main".into(), "u.o".into(), "-o".into(), "u.wasm".into()]);
    assert!(!out.ok(), "{}", out.describe());
    let err = out.stderr_str();
    assert!(err.contains("error: u.o: undefined symbol: missing"), "{err}");
    assert!(!dir.join("u.wasm").exists());
}

#[test]
fn link_args_export_returns_structured_diagnostics() {
    let out = run(
        Command::new("wasmtime").arg("run").arg("--invoke").arg(r#"link-args(["--no-entry", "absent.o"], [])"#).arg(component()),
        TIMEOUT,
    );
    assert!(
        out.stdout_str().contains(r#"err([{severity: error, message: "cannot open absent.o: no such input", file: some("absent.o")"#),
        "{}",
        out.describe()
    );
}
