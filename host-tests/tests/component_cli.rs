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

/// The module the native library links from `args` (a link line run in `dir`), in-process:
/// nothing is written.
fn native_module(dir: &Path, args: &[String]) -> Vec<u8> {
    let mut parsed = wasmlink::args::parse(args, &|_| None).unwrap();
    wasmlink::resolve_libraries(&mut parsed, &|p| dir.join(p).is_file()).unwrap();
    let files: Vec<wasmlink::InputFile> = parsed
        .config
        .inputs
        .iter()
        .filter_map(|i| match i {
            wasmlink::InputArg::File(f) => Some(wasmlink::InputFile { name: f.clone(), bytes: std::fs::read(dir.join(f)).unwrap() }),
            _ => None,
        })
        .collect();
    wasmlink::link(&files, &parsed.config).unwrap().module
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
    // An old output is replaced (under WASI it is removed before the link, not renamed over).
    std::fs::write(dir.join("hello.wasm"), b"stale").unwrap();
    wasmtime_component(&dir, &link_line("hello.o", "hello.wasm")).assert_success("the component");
    let from_component = std::fs::read(dir.join("hello.wasm")).unwrap();

    // The same link with the native library, with the same output name: it is the module's
    // name in the name section.
    let native = native_module(&dir, &link_line("hello.o", "hello.wasm"));
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
    std::fs::write(dir.join("u.wasm"), b"stale").unwrap();
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

/// Under WASI an input is read into the component's 32-bit memory: one bigger than that memory
/// can hold (a sparse 3 GiB object, and an archive whose symbol index claims nearly as much) is
/// an error naming the file, not a trap; every such input is reported.
#[test]
fn command_reports_inputs_too_big_for_its_memory() {
    let dir = work_dir("too-big");
    let big = std::fs::File::create(dir.join("big.o")).unwrap();
    big.set_len(3 << 30).unwrap();
    let index = 3_000_000_000u64;
    let mut ar = b"!<arch>\n".to_vec();
    ar.extend_from_slice(format!("{:<48}{index:<10}`\n", "/").as_bytes());
    std::fs::write(dir.join("big.a"), &ar).unwrap();
    std::fs::OpenOptions::new().write(true).open(dir.join("big.a")).unwrap().set_len(ar.len() as u64 + index).unwrap();
    let out = wasmtime_component(&dir, &["big.a".into(), "big.o".into(), "-o".into(), "out.wasm".into()]);
    assert_eq!(out.code, Some(1), "{}", out.describe());
    let err = out.stderr_str();
    assert!(err.contains("error: cannot open big.a: too big to read into memory (3000000000 bytes)"), "{err}");
    assert!(err.contains("error: cannot open big.o: too big to read into memory (3221225472 bytes)"), "{err}");
    assert!(!dir.join("out.wasm").exists());
}

/// Under WASI the command reads an archive with a symbol index compact (its headers, index, name
/// table and each member's first bytes; a member whole only when the link extracts it). Every
/// kind of member must come out as when the native library reads the whole file: a long name
/// (the `//` table), a member of odd size and one too short to hold a wasm header, a member that
/// is no object (a warning), `--whole-archive`, and a broken member, named at its offset in the
/// file.
#[test]
fn command_reads_archives_compact_as_the_native_library_reads_them() {
    use wasmlink_test_support::archive;
    let dir = work_dir("compact-archives");
    let sources = [
        ("main.c", "extern int long_named(void), whole(void);\nint main(void) { return long_named() + whole(); }\n"),
        ("a.c", "int long_named(void) { return 40; }\n"),
        ("b.c", "int never_used(void) { return 1; }\n"),
        ("w.c", "int whole(void) { return 2; }\n"),
    ];
    for (name, text) in sources {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let object = |src: &str, out: &str| {
        compile_cached("clang-19", &["-O1"], &dir.join(src), &[], &dir.join(out));
        dir.join(out)
    };
    object("main.c", "main.o");
    let long = object("a.c", "a-member-with-a-long-name.o");
    let never = object("b.c", "b.o");
    let whole = object("w.c", "w.o");
    std::fs::write(dir.join("odd.txt"), b"odd\n\n").unwrap();
    // (The long-named member last, so that its offset in the compact archive is not its
    // offset in the file.)
    archive("llvm-ar-19", &dir.join("libone.a"), true, &[never, dir.join("odd.txt"), long.clone()]);
    archive("llvm-ar-19", &dir.join("libtwo.a"), true, &[whole]);
    // A copy of libone.a whose long-named member is cut short inside (its code section's size
    // says more than is there).
    let mut broken = std::fs::read(dir.join("libone.a")).unwrap();
    let object_bytes = std::fs::read(&long).unwrap();
    let at = broken.windows(object_bytes.len()).position(|w| w == object_bytes).expect("the member in the archive");
    broken[at + object_bytes.len() - 3] = 0xff;
    std::fs::write(dir.join("libbroken.a"), &broken).unwrap();

    let line = |lib: &str| -> Vec<String> {
        ["--no-entry", "--export=main", "main.o", lib, "--whole-archive", "libtwo.a", "--no-whole-archive", "-o", "out.wasm"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let native = |args: &[String]| {
        let files: Vec<wasmlink::InputFile> = ["main.o", "libone.a", "libtwo.a", "libbroken.a"]
            .iter()
            .map(|f| wasmlink::InputFile { name: f.to_string(), bytes: std::fs::read(dir.join(f)).unwrap() })
            .collect();
        wasmlink::link_args(args, &files)
    };

    let ok = wasmtime_component(&dir, &line("libone.a"));
    ok.assert_success("the component");
    let expected = native(&line("libone.a")).unwrap_or_else(|d| panic!("native: {d:?}"));
    assert_eq!(std::fs::read(dir.join("out.wasm")).unwrap(), expected.module, "component and native outputs differ");
    let warnings: Vec<String> = expected.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("archive member 'odd.txt' is neither Wasm object file")), "{warnings:?}");
    for w in &warnings {
        assert!(ok.stderr_str().contains(w.as_str()), "the component did not say {w:?}:\n{}", ok.describe());
    }

    // An archive cut short inside a member is read whole, and the library says what is wrong
    // with it, as natively.
    let one = std::fs::read(dir.join("libone.a")).unwrap();
    std::fs::write(dir.join("libcut.a"), &one[..one.len() - 40]).unwrap();
    let cut = wasmtime_component(&dir, &line("libcut.a"));
    assert!(!cut.ok(), "{}", cut.describe());
    let files: Vec<wasmlink::InputFile> = ["main.o", "libcut.a", "libtwo.a"]
        .iter()
        .map(|f| wasmlink::InputFile { name: f.to_string(), bytes: std::fs::read(dir.join(f)).unwrap() })
        .collect();
    let errors = wasmlink::link_args(&line("libcut.a"), &files).expect_err("a cut archive must fail the native link");
    let said = errors.iter().find(|d| d.severity == wasmlink::Severity::Error).expect("an error").to_string();
    assert!(said.contains("libcut.a: "), "{said}");
    assert!(cut.stderr_str().contains(&said), "the component did not say {said:?}:\n{}", cut.describe());

    let failed = wasmtime_component(&dir, &line("libbroken.a"));
    assert!(!failed.ok(), "{}", failed.describe());
    let errors = native(&line("libbroken.a")).expect_err("the broken member must fail the native link");
    let first = errors.iter().find(|d| d.severity == wasmlink::Severity::Error).expect("an error").to_string();
    assert!(first.contains("libbroken.a(a-member-with-a-long-name.o)") && first.contains("in libbroken.a)"), "{first}");
    assert!(failed.stderr_str().contains(&first), "the component did not say {first:?}:\n{}", failed.describe());
}

/// Under WASI the command writes the parts of custom sections that go out unchanged (64 KiB and
/// more: a debug build's `.debug_str` at -O0) from the inputs straight into the output file, and makes
/// the rest of the module in memory of its own (`src/cli/wasi_output.rs`); with `--build-id`,
/// which hashes the whole module, everything is made in memory. Both must give the native
/// library's bytes, and the module must run.
#[test]
fn command_writes_unchanged_debug_strings_from_the_inputs_as_the_native_library_would() {
    let dir = work_dir("debug-strings");
    // About 277 KiB of names in `.debug_str`: more than one of the command's writes takes
    // (`WRITE_CHUNK` in src/cli/wasi_io.rs, 256 KiB), so that they are written in pieces.
    let mut c = String::new();
    for i in 0..4500 {
        c.push_str(&format!("int a_function_whose_long_name_fills_the_debug_strings_number_{i:04}(void) {{ return {i}; }}\n"));
    }
    c.push_str("int main(void) { return a_function_whose_long_name_fills_the_debug_strings_number_0007() - 7; }\n");
    std::fs::write(dir.join("strings.c"), c).unwrap();
    compile_cached("clang-19", &["-g", "-O0"], &dir.join("strings.c"), &[], &dir.join("strings.o"));
    let object = std::fs::read(dir.join("strings.o")).unwrap();
    let debug_str = wasmparser::Parser::new(0)
        .parse_all(&object)
        .find_map(|p| match p {
            Ok(wasmparser::Payload::CustomSection(c)) if c.name() == ".debug_str" => Some(c.data().len()),
            _ => None,
        })
        .expect("a .debug_str section");
    assert!(debug_str > 256 << 10, "too small to be written in pieces: {debug_str} bytes");

    // (At -O0, as rustc's debug builds link: wasm-ld's default, -O1, merges the debug strings.)
    for extra in [&["-O0".to_string()][..], &["-O0".to_string(), "--build-id=sha1".to_string()][..]] {
        let mut args = link_line("strings.o", "strings.wasm");
        args.extend(extra.iter().cloned());
        wasmtime_component(&dir, &args).assert_success("the component");
        let native = native_module(&dir, &args);
        assert!(
            std::fs::read(dir.join("strings.wasm")).unwrap() == native,
            "component and native outputs differ ({extra:?})"
        );
        let ran = run(Command::new("wasmtime").arg(dir.join("strings.wasm")), TIMEOUT);
        ran.assert_success("strings.wasm");
    }
}
