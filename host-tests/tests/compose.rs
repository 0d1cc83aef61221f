//! "Imported by other components": host-tests/client imports
//! `wasmlink:linker/link`; composed with the linker component it runs under
//! the wasmtime CLI and links an object whose module then runs.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use wasmlink_test_support::{compile_cached, find_in_path, fresh_work_dir, stdout_of, target_dir};

fn built(path: &str) -> PathBuf {
    let p = target_dir().join(path);
    assert!(p.is_file(), "{} missing: run scripts/test.sh (it builds the components first)", p.display());
    p
}

/// Runs a tool, which must succeed; returns its stdout.
fn tool(cmd: &mut Command) -> String {
    stdout_of(cmd, Duration::from_secs(300))
}

#[test]
fn client_component_composed_with_the_linker_links_a_module_that_runs() {
    let dir = fresh_work_dir("host-tests/compose");
    // wasm-tools compose wants plain names; wac plug does not care.
    std::fs::copy(built("wasm32-wasip2/release/wasmlink-client.wasm"), dir.join("client.wasm")).unwrap();
    std::fs::copy(built("wasm32-wasip2/component/wasmlink.wasm"), dir.join("wasmlink.wasm")).unwrap();
    if find_in_path("wac").is_some() {
        tool(Command::new("wac").args(["plug", "client.wasm", "--plug", "wasmlink.wasm", "-o", "composed.wasm"]).current_dir(&dir));
    } else {
        tool(Command::new("wasm-tools").args(["compose", "client.wasm", "-d", "wasmlink.wasm", "-o", "composed.wasm"]).current_dir(&dir));
    }
    // The link function is satisfied inside (a types-only import may stay).
    let wit = tool(Command::new("wasm-tools").args(["component", "wit", "composed.wasm"]).current_dir(&dir));
    assert!(!wit.contains("import wasmlink:linker/link"), "{wit}");

    std::fs::write(dir.join("add.c"), "int add(int a, int b) { return a + b; }\n").unwrap();
    compile_cached("clang-19", &["-O1"], &dir.join("add.c"), &[], &dir.join("add.o"));
    let said = tool(Command::new("wasmtime").args(["run", "--dir", ".", "composed.wasm", "add.o", "add.wasm"]).current_dir(&dir));
    assert!(said.starts_with("client: linked "), "{said}");
    let sum = tool(Command::new("wasmtime").args(["run", "--invoke", "add", "add.wasm", "20", "22"]).current_dir(&dir));
    assert_eq!(sum.trim(), "42");
}
