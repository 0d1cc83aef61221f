//! "Imported by other components": host-tests/client imports
//! `wasmlink:linker/link`; composed with the linker component it runs under
//! the wasmtime CLI and links an object whose module then runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

fn built(path: &str) -> PathBuf {
    let p = target_dir().join(path);
    assert!(p.is_file(), "{} missing: run scripts/test.sh (it builds the components first)", p.display());
    p
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e} (run scripts/setup.sh)"));
    assert!(out.status.success(), "{cmd:?} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn client_component_composed_with_the_linker_links_a_module_that_runs() {
    let dir = target_dir().join("host-tests/compose");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // wasm-tools compose wants plain names; wac plug does not care.
    std::fs::copy(built("wasm32-wasip2/release/wasmlink-client.wasm"), dir.join("client.wasm")).unwrap();
    std::fs::copy(built("wasm32-wasip2/component/wasmlink.wasm"), dir.join("wasmlink.wasm")).unwrap();
    if Command::new("wac").arg("--version").output().is_ok() {
        run(Command::new("wac").args(["plug", "client.wasm", "--plug", "wasmlink.wasm", "-o", "composed.wasm"]).current_dir(&dir));
    } else {
        run(Command::new("wasm-tools").args(["compose", "client.wasm", "-d", "wasmlink.wasm", "-o", "composed.wasm"]).current_dir(&dir));
    }
    // The link function is satisfied inside (a types-only import may stay).
    let wit = run(Command::new("wasm-tools").args(["component", "wit", "composed.wasm"]).current_dir(&dir));
    assert!(!wit.contains("import wasmlink:linker/link"), "{wit}");

    std::fs::write(dir.join("add.c"), "int add(int a, int b) { return a + b; }\n").unwrap();
    run(Command::new("clang-19").args(["--target=wasm32-wasi", "-O1", "-c", "add.c", "-o", "add.o"]).current_dir(&dir));
    let said = run(Command::new("wasmtime").args(["run", "--dir", ".", "composed.wasm", "add.o", "add.wasm"]).current_dir(&dir));
    assert!(said.starts_with("client: linked "), "{said}");
    let sum = run(Command::new("wasmtime").args(["run", "--invoke", "add", "add.wasm", "20", "22"]).current_dir(&dir));
    assert_eq!(sum.trim(), "42");
}
