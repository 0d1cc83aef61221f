//! The component under the wasmtime CLI: as a command (`wasmtime run
//! wasmlink.wasm -- <flags>`) and through its `link-args` export
//! (`--invoke`). Its output must be byte-identical to the native library's.

use std::path::{Path, PathBuf};
use std::process::Command;

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

/// Built by scripts/test.sh (`cargo build --profile component --target wasm32-wasip2`).
fn component() -> PathBuf {
    let p = std::env::var_os("WASMLINK_COMPONENT")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("wasm32-wasip2/component/wasmlink.wasm"));
    assert!(p.is_file(), "{} missing: run scripts/test.sh (it builds the component first)", p.display());
    p
}

fn work_dir(name: &str) -> PathBuf {
    let d = target_dir().join("host-tests").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e} (run scripts/setup.sh)"))
}

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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hello/hello.c");
    let st = run(Command::new("clang-19")
        .args(["--target=wasm32-wasi", "--sysroot=/usr", "-O2", "-c"])
        .arg(&src)
        .args(["-o", "hello.o"])
        .current_dir(dir));
    assert!(st.status.success(), "clang-19: {}", String::from_utf8_lossy(&st.stderr));
}

fn wasmtime_component(dir: &Path, args: &[String]) -> std::process::Output {
    run(Command::new("wasmtime")
        .args(["run", "--dir", ".", "--dir", SYSROOT_LIB, "--dir", "/usr/lib/llvm-19/lib/clang/19/lib/wasi"])
        .arg(component())
        .arg("--")
        .args(args)
        .current_dir(dir))
}

#[test]
fn command_links_the_example_identically_to_the_native_library() {
    let dir = work_dir("example");
    compile_example(&dir);
    let out = wasmtime_component(&dir, &link_line("hello.o", "hello.wasm"));
    assert!(out.status.success(), "component failed: {}", String::from_utf8_lossy(&out.stderr));
    let from_component = std::fs::read(dir.join("hello.wasm")).unwrap();

    // The same link in-process with the native library.
    let args = link_line(&dir.join("hello.o").display().to_string(), "native.wasm");
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

    let ran = run(Command::new("wasmtime").arg(dir.join("hello.wasm")));
    assert!(ran.status.success());
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "hello from a module linked by wasmlink\n49 36 25 16 9 4 1 0\n"
    );
}

#[test]
fn command_reports_undefined_symbols_and_leaves_no_output() {
    let dir = work_dir("undefined");
    std::fs::write(dir.join("u.c"), "extern int missing(void);\nint main(void) { return missing(); }\n").unwrap();
    let st = run(Command::new("clang-19").args(["--target=wasm32-wasi", "-c", "u.c", "-o", "u.o"]).current_dir(&dir));
    assert!(st.status.success());
    let out = wasmtime_component(&dir, &["--entry=main".into(), "u.o".into(), "-o".into(), "u.wasm".into()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: undefined symbol: missing\n>>> referenced by u.o"), "{err}");
    assert!(!dir.join("u.wasm").exists());
}

#[test]
fn link_args_export_returns_structured_diagnostics() {
    let out = run(Command::new("wasmtime")
        .arg("run")
        .arg("--invoke")
        .arg(r#"link-args(["--no-entry", "absent.o"], [])"#)
        .arg(component()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(r#"err([{severity: error, message: "cannot open absent.o: no such input", file: some("absent.o")"#),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
