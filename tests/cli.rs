//! The native command line: program name as invoked, exit status, no output
//! left behind on error, response files.

use std::path::PathBuf;
use std::process::Command;

fn work(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let d = target.join("cli-test").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn diagnostics_use_the_invoked_name_and_leave_no_output() {
    let dir = work("name");
    let link = dir.join("wasm-ld");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_wasmlink"), &link).unwrap();
    std::fs::write(dir.join("bad.o"), b"\x7fELF not wasm").unwrap();
    std::fs::write(dir.join("out.wasm"), b"stale").unwrap();
    let out = Command::new(&link).args(["bad.o", "-o", "out.wasm"]).current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("wasm-ld: error: bad.o: unknown file type: an ELF file"), "{err}");
    assert!(!dir.join("out.wasm").exists(), "a failed link must not leave an output behind");
}

#[test]
fn response_files_and_unknown_flags() {
    let dir = work("rsp");
    std::fs::write(dir.join("args.rsp"), "--no-entry\n--frobnicate\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink")).arg("@args.rsp").current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wasmlink: error: unknown argument: --frobnicate\n");
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink")).arg("@missing.rsp").current_dir(&dir).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open response file missing.rsp"));
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(["-lnothere", "-L", "."]).current_dir(&dir).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wasmlink: error: unable to find library -lnothere\n");
}
