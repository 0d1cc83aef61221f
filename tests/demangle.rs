//! The name section's C++ names against LLVM's demangler: every mangled name that Debian's
//! wasm32 libc++ and libc++abi define or use, demangled by `wasmlink::demangle::show` and by
//! `llvm-cxxfilt-19`. cpp_demangle still writes a few involved templates otherwise (README,
//! "Differences"); this holds the count where it is, so that a change that writes more names
//! otherwise than LLVM fails here.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// How many of those names come out otherwise: none since the twenty-second session's patches to
/// the vendored cpp_demangle (20 of 3,330 before them).
const KNOWN_DIFFERENT: usize = 0;

const LIBRARIES: [&str; 2] = ["/usr/lib/wasm32-wasi/libc++.a", "/usr/lib/wasm32-wasi/libc++abi.a"];

#[test]
fn libcxx_names_come_out_as_llvm_cxxfilt_writes_them() {
    let nm = Command::new("llvm-nm-19").args(LIBRARIES).output().expect("llvm-nm-19 (scripts/setup.sh installs it)");
    assert!(nm.status.success(), "llvm-nm-19: {}", String::from_utf8_lossy(&nm.stderr));
    let names: BTreeSet<String> = String::from_utf8(nm.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .filter(|n| n.starts_with("_Z"))
        .map(str::to_string)
        .collect();
    assert!(names.len() > 1000, "only {} mangled names in {LIBRARIES:?}", names.len());
    let names: Vec<String> = names.into_iter().collect();

    let mut filt = Command::new("llvm-cxxfilt-19").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("llvm-cxxfilt-19");
    let input = names.join("\n") + "\n";
    let mut stdin = filt.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = filt.wait_with_output().unwrap();
    writer.join().unwrap();
    let expected: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(expected.len(), names.len());

    let different: Vec<String> = names
        .iter()
        .zip(&expected)
        .filter(|(name, llvm)| wasmlink::demangle::show(name, true) != **llvm)
        .map(|(name, llvm)| format!("{name}\n  llvm-cxxfilt-19: {llvm}\n  wasmlink:        {}", wasmlink::demangle::show(name, true)))
        .collect();
    assert!(
        different.len() <= KNOWN_DIFFERENT,
        "{} of {} names differ from llvm-cxxfilt-19's (at most {KNOWN_DIFFERENT} expected):\n{}",
        different.len(),
        names.len(),
        different.join("\n")
    );
}
