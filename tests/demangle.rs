//! The name section's C++ names against LLVM's demangler, demangled by
//! `wasmlink::demangle::show` and by `llvm-cxxfilt-19`: every mangled name that Debian's wasm32
//! libc++ and libc++abi define or use, and every name of two programs that instantiate most
//! of libc++ 19's headers (`tests/demangle-sources/`: C++17, and C++20 with ranges and
//! concepts), compiled here by clang-19. cpp_demangle still writes a few names otherwise
//! (README, "Differences"); this holds the counts where they are, so that a change that writes
//! more names otherwise than LLVM fails here.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// How many of those names come out otherwise: none since the twenty-second session's patches to
/// the vendored cpp_demangle (20 of 3,330 before them).
const KNOWN_DIFFERENT: usize = 0;

/// How many of the programs' names come out otherwise: none since the twenty-third session's
/// patches (51 of 3,152 before them; `vendor/cpp_demangle/PATCHED.md`).
const KNOWN_DIFFERENT_IN_PROGRAMS: usize = 0;

const LIBRARIES: [&str; 2] = ["/usr/lib/wasm32-wasi/libc++.a", "/usr/lib/wasm32-wasi/libc++abi.a"];

#[test]
fn libcxx_names_come_out_as_llvm_cxxfilt_writes_them() {
    let names = mangled_names(&LIBRARIES.map(std::path::PathBuf::from));
    assert!(names.len() > 1000, "only {} mangled names in {LIBRARIES:?}", names.len());
    compare_with_llvm(&names, KNOWN_DIFFERENT);
}

#[test]
fn cxx_program_names_come_out_as_llvm_cxxfilt_writes_them() {
    let dir = wasmlink_test_support::repo_root().join("tests/demangle-sources");
    let out = std::env::temp_dir().join(format!("wasmlink-demangle-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let mut objects = Vec::new();
    for (source, std) in [("cxx17-library-tour.cpp", "-std=c++17"), ("cxx20-ranges-concepts.cpp", "-std=c++20")] {
        let object = out.join(source).with_extension("o");
        let cc = Command::new("clang++-19")
            .args(["--target=wasm32-wasi", "--sysroot=/usr", std, "-O0", "-fno-exceptions", "-c", "-o"])
            .arg(&object)
            .arg(dir.join(source))
            .output()
            .expect("clang++-19 (scripts/setup.sh installs it)");
        assert!(cc.status.success(), "clang++-19 {source}: {}", String::from_utf8_lossy(&cc.stderr));
        objects.push(object);
    }
    let names = mangled_names(&objects);
    let _ = std::fs::remove_dir_all(&out);
    assert!(names.len() > 3000, "only {} mangled names in the programs", names.len());
    compare_with_llvm(&names, KNOWN_DIFFERENT_IN_PROGRAMS);
}

/// The mangled names `files` define or use, each once.
fn mangled_names(files: &[std::path::PathBuf]) -> Vec<String> {
    let nm = Command::new("llvm-nm-19").args(files).output().expect("llvm-nm-19 (scripts/setup.sh installs it)");
    assert!(nm.status.success(), "llvm-nm-19: {}", String::from_utf8_lossy(&nm.stderr));
    let names: BTreeSet<String> = String::from_utf8(nm.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .filter(|n| n.starts_with("_Z"))
        .map(str::to_string)
        .collect();
    names.into_iter().collect()
}

/// Fails if more than `known` of `names` come out otherwise than llvm-cxxfilt-19 writes them.
fn compare_with_llvm(names: &[String], known: usize) {

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
        different.len() <= known,
        "{} of {} names differ from llvm-cxxfilt-19's (at most {known} expected):\n{}",
        different.len(),
        names.len(),
        different.join("\n")
    );
}
