//! The wasmlink component driven in-process through the `wasmtime` crate (`bindgen!` of
//! wit/wasmlink.wit, WASI p2 linked in because the component imports it even when called
//! through its export).
//!
//! - `link-args` on real programs (C with DWARF, C with archives with and without a symbol
//!   index, C++ with constructors and libc++, SQLite, a Rust std program): the module must be
//!   byte-identical to the native library's (`wasmlink::link_args` in this process, same args and
//!   files) and must run under the wasmtime CLI with the same stdout and exit status as the
//!   reference link (wasm-ld-19 on clang's own link line; rust-lld for Rust).
//! - `link` with typed options, against the native library given the equivalent flags.
//! - Error paths: undefined symbol, duplicate symbol, malformed (truncated) object, unknown
//!   flag: `Err(list<diagnostic>)` with the right severity, file and symbol, equal to the native
//!   library's diagnostics.
//!
//! Every call gets a fresh store with an epoch deadline, so a hang fails the test (and a trap
//! is reported as a failure, never retried). The component is
//! `$WASMLINK_COMPONENT`, else `<target dir>/wasm32-wasip2/component/wasmlink.wasm` (built by
//! scripts/test.sh: `cargo build --profile component --target wasm32-wasip2 -p wasmlink`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use common::*;
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Config, Engine, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

mod bindings {
    // Inside a module: the world `linker` becomes a struct `Linker`, which would clash with
    // `wasmtime::component::Linker`.
    wasmtime::component::bindgen!({ path: "../wit", world: "linker" });
}

use bindings::wasmlink::linker::types::{Diagnostic, InputFile, Options, Output, OutputKind, Severity, UndefinedPolicy};

// ------------------------------------------------------------------------------------------
// The component in wasmtime

/// Seconds between epoch ticks, and ticks a single call may take before it is interrupted.
const TICK: Duration = Duration::from_millis(100);
const DEADLINE_TICKS: u64 = 1800; // 3 minutes: a link of SQLite takes well under a second.

struct Host {
    ctx: WasiCtx,
    table: ResourceTable,
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.ctx, table: &mut self.table }
    }
}

fn component_path() -> PathBuf {
    let p = match std::env::var_os("WASMLINK_COMPONENT") {
        Some(p) => PathBuf::from(p),
        None => target_dir().join("wasm32-wasip2/component/wasmlink.wasm"),
    };
    assert!(
        p.is_file(),
        "the wasmlink component {} is missing: build it with \
         `cargo build --profile component --target wasm32-wasip2 -p wasmlink` (scripts/test.sh does), \
         or point WASMLINK_COMPONENT at it",
        p.display()
    );
    p
}

struct Loaded {
    engine: Engine,
    pre: bindings::LinkerPre<Host>,
}

/// Compiles the component once per test binary; starts the epoch ticker.
fn loaded() -> &'static Loaded {
    static L: OnceLock<Loaded> = OnceLock::new();
    L.get_or_init(|| {
        let mut config = Config::new();
        config.epoch_interruption(true);
        let engine = Engine::new(&config).unwrap();
        let path = component_path();
        let component = Component::from_file(&engine, &path).unwrap_or_else(|e| panic!("loading {}: {e:?}", path.display()));
        let mut linker: Linker<Host> = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).unwrap();
        let pre = bindings::LinkerPre::new(linker.instantiate_pre(&component).unwrap()).unwrap();
        let ticker = engine.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(TICK);
                ticker.increment_epoch();
            }
        });
        Loaded { engine, pre }
    })
}

/// A fresh instance in a fresh store (WASI: stderr inherited, nothing else granted), with a
/// deadline: a trap or a hang fails the calling test.
fn with_instance<R>(what: &str, f: impl FnOnce(&mut Store<Host>, &bindings::Linker) -> wasmtime::Result<R>) -> R {
    let l = loaded();
    let ctx = WasiCtxBuilder::new().inherit_stderr().build();
    let mut store = Store::new(&l.engine, Host { ctx, table: ResourceTable::new() });
    store.set_epoch_deadline(DEADLINE_TICKS);
    let instance = l.pre.instantiate(&mut store).unwrap_or_else(|e| panic!("instantiating the component: {e:?}"));
    f(&mut store, &instance).unwrap_or_else(|e| panic!("{what}: the component trapped or timed out: {e:?}"))
}

fn wit_files(files: &[(String, Vec<u8>)]) -> Vec<InputFile> {
    files.iter().map(|(name, bytes)| InputFile { name: name.clone(), bytes: bytes.clone() }).collect()
}

fn component_link_args(args: &[String], files: &[(String, Vec<u8>)]) -> Result<Output, Vec<Diagnostic>> {
    let files = wit_files(files);
    with_instance("link-args", |store, inst| inst.wasmlink_linker_link().call_link_args(store, args, &files))
}

fn component_link(files: &[(String, Vec<u8>)], options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let files = wit_files(files);
    with_instance("link", |store, inst| inst.wasmlink_linker_link().call_link(store, &files, options))
}

// ------------------------------------------------------------------------------------------
// The native library, and comparing the two

fn native_link_args(args: &[String], files: &[(String, Vec<u8>)]) -> Result<wasmlink::Output, Vec<wasmlink::Diagnostic>> {
    let files: Vec<wasmlink::InputFile> =
        files.iter().map(|(name, bytes)| wasmlink::InputFile { name: name.clone(), bytes: bytes.clone() }).collect();
    wasmlink::link_args(args, &files)
}

/// A diagnostic as comparable plain data: (is error, message, file, symbol, offset).
type Plain = (bool, String, Option<String>, Option<String>, Option<u64>);

fn plain_wit(d: &Diagnostic) -> Plain {
    (matches!(d.severity, Severity::Error), d.message.clone(), d.file.clone(), d.symbol.clone(), d.offset)
}

fn plain_native(d: &wasmlink::Diagnostic) -> Plain {
    (d.severity == wasmlink::Severity::Error, d.message.clone(), d.file.clone(), d.symbol.clone(), d.offset)
}

/// Links with the component and natively; asserts identical modules and warnings; returns the
/// module.
fn link_both_ways(what: &str, args: &[String], files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let from_component = component_link_args(args, files)
        .unwrap_or_else(|d| panic!("{what}: the component failed to link:\n{}", show(&d.iter().map(plain_wit).collect::<Vec<_>>())));
    let native = native_link_args(args, files)
        .unwrap_or_else(|d| panic!("{what}: the native library failed to link:\n{}", show(&d.iter().map(plain_native).collect::<Vec<_>>())));
    assert!(
        from_component.module == native.module,
        "{what}: the component's module ({} bytes) differs from the native library's ({} bytes)",
        from_component.module.len(),
        native.module.len()
    );
    let (cw, nw): (Vec<Plain>, Vec<Plain>) = (
        from_component.diagnostics.iter().map(plain_wit).collect(),
        native.diagnostics.iter().map(plain_native).collect(),
    );
    assert_eq!(cw, nw, "{what}: warnings differ");
    from_component.module
}

fn show(ds: &[Plain]) -> String {
    ds.iter().map(|d| format!("  {d:?}\n")).collect()
}

/// Runs `ours` and `reference` under the wasmtime CLI with `args`; same stdout and status, and
/// the reference's stdout contains `expect` and exits with `status`.
fn same_behaviour(what: &str, ours: &Path, reference: &Path, args: &[&str], expect: &str, status: i32) {
    let r = wasmtime_run(reference, args);
    assert_eq!(r.code, Some(status), "{what}: the reference module\n{}", r.describe());
    assert!(r.stdout_str().contains(expect), "{what}: reference stdout lacks {expect:?}\n{}", r.describe());
    let o = wasmtime_run(ours, args);
    assert!(
        o.code == r.code && o.stdout == r.stdout,
        "{what}: the module linked by the component behaves differently\n--- reference ---\n{}\n--- component ---\n{}",
        r.describe(),
        o.describe()
    );
}

// ------------------------------------------------------------------------------------------
// C and C++ programs (sources in tests/programs/ of the repository)

struct CProgram {
    name: &'static str,
    cxx: bool,
    cflags: Vec<String>,
    src_dir: PathBuf,
    sources: Vec<&'static str>,
    /// (library name, with a symbol index, members)
    archives: Vec<(&'static str, bool, Vec<PathBuf>)>,
    ldflags: Vec<&'static str>,
    deps: Vec<PathBuf>,
}

impl CProgram {
    fn new(name: &'static str, cxx: bool, cflags: &[&str], sources: &[&'static str]) -> Self {
        CProgram {
            name,
            cxx,
            cflags: cflags.iter().map(|s| s.to_string()).collect(),
            src_dir: repo_root().join("tests/programs").join(name),
            sources: sources.to_vec(),
            archives: vec![],
            ldflags: vec![],
            deps: vec![],
        }
    }

    fn driver(&self) -> &'static str {
        if self.cxx { "clang++-19" } else { "clang-19" }
    }

    fn flags(&self) -> Vec<&str> {
        let mut f: Vec<&str> = if self.cxx { vec!["-fno-exceptions"] } else { vec![] };
        f.extend(self.cflags.iter().map(String::as_str));
        f
    }

    /// Headers of the program directory, for the object cache key.
    fn headers(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = files_under(&self.src_dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "h")).collect();
        v.extend(self.deps.iter().cloned());
        v
    }

    /// Compiles (cached) and returns clang's wasm-ld line for the program, output `out`.
    fn link_line(&self, work: &Path, out: &Path) -> Vec<String> {
        let headers = self.headers();
        let flags = self.flags();
        let obj = |src: &Path| -> PathBuf {
            let rel = src.strip_prefix(&self.src_dir).map(|r| r.to_string_lossy().replace('/', "__"));
            let name = rel.unwrap_or_else(|_| src.file_name().unwrap().to_string_lossy().into_owned());
            let o = work.join("obj").join(format!("{name}.o"));
            compile_cached(self.driver(), &flags, src, &headers, &o);
            o
        };
        let mut inputs: Vec<String> = self.sources.iter().map(|s| obj(&self.src_dir.join(s)).display().to_string()).collect();
        if !self.archives.is_empty() {
            let lib_dir = work.join("lib");
            fs::create_dir_all(&lib_dir).unwrap();
            inputs.push(format!("-L{}", lib_dir.display()));
            for (lib, index, members) in &self.archives {
                let objs: Vec<PathBuf> = members.iter().map(|m| obj(m)).collect();
                archive("llvm-ar-19", &lib_dir.join(format!("lib{lib}.a")), *index, &objs);
                inputs.push(format!("-l{lib}"));
            }
        }
        inputs.extend(self.ldflags.iter().map(|s| s.to_string()));
        let driver_flags = if self.cxx { vec!["-fno-exceptions"] } else { vec![] };
        clang_link_line(self.driver(), &driver_flags, &inputs, out)
    }

    /// Link through the component and natively (identical), and with wasm-ld-19; run both.
    fn check(&self, expect: &str) {
        let work = work_dir(format!("host-tests/component/{}", self.name));
        let ref_wasm = work.join("ref.wasm");
        let ours = work.join("component.wasm");
        let args = self.link_line(&work, &ref_wasm);
        let files = files_of_link_line(&args);
        let module = link_both_ways(self.name, &args, &files);
        fs::write(&ours, &module).unwrap();

        let _ = fs::remove_file(&ref_wasm);
        let r = run(Command::new("wasm-ld-19").args(&args), Duration::from_secs(300));
        r.assert_success(&format!("{}: wasm-ld-19", self.name));
        same_behaviour(self.name, &ours, &ref_wasm, &[], expect, 0);
    }
}

#[test]
fn link_args_c_qsort_with_dwarf() {
    CProgram::new("c-qsort", false, &["-O1", "-g"], &["main.c", "sortutil.c"]).check("big sorted=1");
}

#[test]
fn link_args_c_archives_with_and_without_index() {
    let mut p = CProgram::new("c-archive", false, &["-O1"], &["main.c"]);
    let shapes = ["circle", "square", "triangle", "dispatch", "unused"];
    p.archives.push(("shapes", true, shapes.iter().map(|s| p.src_dir.join(format!("shapes/{s}.c"))).collect()));
    p.archives.push(("text", false, ["banner", "upper"].iter().map(|s| p.src_dir.join(format!("text/{s}.c"))).collect()));
    p.check("== ARCHIVES WORK (tri 7.5) ==");
}

#[test]
fn link_args_cxx_constructors_and_libcxx() {
    CProgram::new("cxx-ctors", true, &["-O1", "-std=c++17"], &["main.cpp", "trace.cpp", "early.cpp", "late.cpp", "containers.cpp"])
        .check("main: 15 constructors ran before main");
}

#[test]
fn link_args_sqlite() {
    let sqlite = sqlite_source_dir(&work_dir("host-tests/sqlite-fetch"));
    let mut cflags = vec!["-O1".to_string(), format!("-I{}", sqlite.display())];
    cflags.extend(SQLITE_DEFINES.iter().map(|s| s.to_string()));
    let mut p = CProgram::new("sqlite", false, &[], &["driver.c"]);
    p.cflags = cflags;
    p.deps = vec![sqlite.join("sqlite3.h")];
    p.archives.push(("sqlite3", true, vec![sqlite.join("sqlite3.c")]));
    p.ldflags = SQLITE_LIBS.to_vec();
    p.check("integrity_check\nok\ndone");
}

// ------------------------------------------------------------------------------------------
// A Rust program: rustc's own link line, recorded, replayed through the component

/// A linker for rustc that records its command line and a copy of every file it reads (rustc
/// deletes its temporary objects after the link), then links with rust-lld.
const RECORDING_LINKER: &str = r#"#!/bin/sh
set -e
rec="$HOST_TESTS_RECORD_DIR"
rm -rf "$rec"
mkdir -p "$rec/files"
n=0
prev=""
libs=""
dirs=""
: > "$rec/args"
: > "$rec/files.list"
save() {
    n=$((n + 1))
    cp "$1" "$rec/files/$n"
    printf '%s\n' "$1" >> "$rec/files.list"
}
for a in "$@"; do
    printf '%s\n' "$a" >> "$rec/args"
    case "$prev" in
        -l) libs="$libs $a" ;;
        -L) dirs="$dirs $a" ;;
    esac
    case "$a" in
        -l?*) libs="$libs ${a#-l}" ;;
        -L?*) dirs="$dirs ${a#-L}" ;;
    esac
    if [ "$prev" != "-o" ] && [ -f "$a" ]; then save "$a"; fi
    prev="$a"
done
for l in $libs; do
    for d in $dirs; do
        if [ -f "$d/lib$l.a" ]; then save "$d/lib$l.a"; break; fi
    done
done
exec "$HOST_TESTS_RUST_LLD" "$@"
"#;

/// The rust-lld of the rustc release that builds `host-tests/programs/std-smoke`.
fn rust_lld() -> PathBuf {
    let channel = pinned_channel(&programs_dir().join("std-smoke"));
    let out = |args: &[&str]| {
        let r = run(Command::new("rustup").args(["run", &channel, "rustc"]).args(args), Duration::from_secs(60));
        r.assert_success("rustc");
        r.stdout_str()
    };
    let sysroot = out(&["--print", "sysroot"]).trim().to_string();
    let vv = out(&["-vV"]);
    let host = vv.lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc -vV names the host").trim().to_string();
    let p = Path::new(&sysroot).join("lib/rustlib").join(host).join("bin/rust-lld");
    assert!(p.is_file(), "rust-lld not found at {}", p.display());
    p
}

#[test]
fn link_args_rust_std_program() {
    let work = work_dir("host-tests/component/rust-std-smoke");
    let script = work.join("record-link.sh");
    fs::write(&script, RECORDING_LINKER).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let rec = work.join("recorded");
    let lld = rust_lld();
    let reference = build_rust_program(
        "std-smoke",
        "std-smoke",
        "wasm32-wasip1",
        "std-smoke-recorded",
        Some(&script),
        &[("HOST_TESTS_RECORD_DIR", rec.to_str().unwrap()), ("HOST_TESTS_RUST_LLD", lld.to_str().unwrap())],
    );
    let args: Vec<String> = fs::read_to_string(rec.join("args")).unwrap().lines().map(String::from).collect();
    let files: Vec<(String, Vec<u8>)> = fs::read_to_string(rec.join("files.list"))
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, name)| (name.to_string(), fs::read(rec.join("files").join((i + 1).to_string())).unwrap()))
        .collect();
    assert!(args.starts_with(&["-flavor".into(), "wasm".into()]), "rustc's link line: {args:?}");
    assert!(files.iter().any(|(n, _)| n.ends_with(".rlib")), "no rlib among the recorded inputs: {args:?}");

    let module = link_both_ways("std-smoke", &args, &files);
    let ours = work.join("component.wasm");
    fs::write(&ours, &module).unwrap();
    same_behaviour("std-smoke", &ours, &reference, &["x", "--exit", "9"], "fib[15] = 610", 9);
}

// ------------------------------------------------------------------------------------------
// link with typed options

#[test]
fn link_with_typed_options() {
    let p = CProgram::new("c-qsort", false, &["-O1", "-g"], &["main.c", "sortutil.c"]);
    let work = work_dir("host-tests/component/typed-link");
    let line = p.link_line(&work, &work.join("unused.wasm"));
    // The inputs in clang's order: crt1-command.o, the objects, libc.a, the builtins.
    let files = files_of_link_line(&line);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names[0].ends_with("crt1-command.o") && names.iter().any(|n| n.ends_with("/libc.a")), "{names:?}");

    let options = Options {
        exports: vec!["lcg_next".into()],
        stack_size: Some(131072),
        stack_first: true,
        strip_debug: true,
        ..default_options()
    };
    let out = component_link(&files, &options)
        .unwrap_or_else(|d| panic!("typed link failed:\n{}", show(&d.iter().map(plain_wit).collect::<Vec<_>>())));
    // The same link natively, the options written as the flags they stand for.
    let mut args: Vec<String> =
        ["--export=lcg_next", "--stack-first", "--strip-debug", "-zstack-size=131072"].map(String::from).to_vec();
    args.extend(names.iter().map(|n| n.to_string()));
    let native = native_link_args(&args, &files).unwrap_or_else(|d| panic!("native: {d:?}"));
    assert!(out.module == native.module, "typed link: component and native modules differ");

    // It runs as the wasm-ld-19 link of the same inputs and flags does.
    let ours = work.join("component.wasm");
    fs::write(&ours, &out.module).unwrap();
    let reference = work.join("ref.wasm");
    let mut ld = Command::new("wasm-ld-19");
    ld.args(&args).arg("-o").arg(&reference);
    run(&mut ld, Duration::from_secs(300)).assert_success("wasm-ld-19");
    same_behaviour("typed link", &ours, &reference, &[], "big sorted=1", 0);
}

// ------------------------------------------------------------------------------------------
// Error paths

/// The options' defaults, as a command line without flags has them.
fn default_options() -> Options {
    Options {
        kind: OutputKind::Executable,
        entry: None,
        no_entry: false,
        exports: vec![],
        export_dynamic: false,
        undefined: UndefinedPolicy::ReportError,
        import_memory: false,
        shared_memory: false,
        initial_memory: None,
        max_memory: None,
        stack_size: None,
        stack_first: false,
        global_base: None,
        gc: true,
        strip_debug: false,
        strip_all: false,
        args: vec![],
    }
}

/// The typed output kind reaches the linker: a shared library (with `dylink.0`, first) and a
/// relocatable object (with `linking`), each as the native library makes it.
#[test]
fn typed_output_kinds() {
    let work = work_dir("host-tests/component/kinds");
    let f = compile_snippet(&work, "add", "int add(int a, int b) { return a + b; }\n");
    for (kind, flags, section) in [
        (OutputKind::SharedLibrary, vec!["-shared", "--experimental-pic"], "dylink.0"),
        (OutputKind::Relocatable, vec!["-r"], "linking"),
    ] {
        let options = Options { kind, no_entry: true, gc: !matches!(kind, OutputKind::Relocatable), ..default_options() };
        let out = component_link(std::slice::from_ref(&f), &options)
            .unwrap_or_else(|d| panic!("{section}: {}", show(&d.iter().map(plain_wit).collect::<Vec<_>>())));
        let mut args: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
        args.extend(["--no-entry".to_string(), f.0.clone()]);
        let native = native_link_args(&args, std::slice::from_ref(&f)).unwrap_or_else(|d| panic!("native: {d:?}"));
        assert_eq!(out.module, native.module, "{section}: the component and the native library differ");
        let customs: Vec<String> = wasmparser::Parser::new(0)
            .parse_all(&out.module)
            .filter_map(|p| match p {
                Ok(wasmparser::Payload::CustomSection(c)) => Some(c.name().to_string()),
                _ => None,
            })
            .collect();
        assert!(customs.iter().any(|c| c == section), "{section} missing: {customs:?}");
    }
}

fn compile_snippet(work: &Path, name: &str, code: &str) -> (String, Vec<u8>) {
    let src = work.join(format!("{name}.c"));
    fs::write(&src, code).unwrap();
    let obj = work.join(format!("{name}.o"));
    compile_cached("clang-19", &["-O1"], &src, &[], &obj);
    (format!("{name}.o"), fs::read(&obj).unwrap())
}

/// Links with the component expecting failure; asserts the diagnostics equal the native
/// library's and returns them.
fn expect_errors(args: &[&str], files: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let diags = match component_link_args(&args, files) {
        Ok(o) => panic!("the link should fail; it made a {}-byte module", o.module.len()),
        Err(d) => d,
    };
    let native = match native_link_args(&args, files) {
        Ok(_) => panic!("the native link succeeded where the component failed"),
        Err(d) => d,
    };
    assert_eq!(
        diags.iter().map(plain_wit).collect::<Vec<_>>(),
        native.iter().map(plain_native).collect::<Vec<_>>(),
        "component and native diagnostics differ"
    );
    assert!(!diags.is_empty());
    assert!(diags.iter().any(|d| matches!(d.severity, Severity::Error)), "no error among {:?}", diags.iter().map(plain_wit).collect::<Vec<_>>());
    diags
}

#[test]
fn undefined_symbol_is_a_structured_diagnostic() {
    let work = work_dir("host-tests/component/errors");
    let u = compile_snippet(&work, "undef_user", "extern int missing_fn(void);\nint main_entry(void) { return missing_fn(); }\n");
    let diags = expect_errors(&["--entry=main_entry", "undef_user.o"], &[u]);
    let d = diags.iter().find(|d| d.symbol.as_deref() == Some("missing_fn")).unwrap_or_else(|| {
        panic!("no diagnostic names missing_fn: {:?}", diags.iter().map(plain_wit).collect::<Vec<_>>())
    });
    assert!(matches!(d.severity, Severity::Error));
    assert_eq!(d.file.as_deref(), Some("undef_user.o"));
    assert_eq!(d.message, "undef_user.o: undefined symbol: missing_fn");
}

#[test]
fn duplicate_symbol_is_a_structured_diagnostic() {
    let work = work_dir("host-tests/component/errors");
    let a = compile_snippet(&work, "dup_a", "int twice(void) { return 1; }\nint entry(void) { return twice(); }\n");
    let b = compile_snippet(&work, "dup_b", "int twice(void) { return 2; }\n");
    let diags = expect_errors(&["--entry=entry", "dup_a.o", "dup_b.o"], &[a, b]);
    let d = diags.iter().find(|d| d.symbol.as_deref() == Some("twice")).unwrap_or_else(|| {
        panic!("no diagnostic names `twice`: {:?}", diags.iter().map(plain_wit).collect::<Vec<_>>())
    });
    assert!(matches!(d.severity, Severity::Error));
    assert!(d.message.contains("duplicate symbol: twice"), "{}", d.message);
    assert!(d.message.contains("dup_a.o") && d.message.contains("dup_b.o"), "{}", d.message);
    let file = d.file.as_deref().expect("a file");
    assert!(file == "dup_a.o" || file == "dup_b.o", "file {file:?}");
}

#[test]
fn malformed_object_is_a_structured_diagnostic() {
    let work = work_dir("host-tests/component/errors");
    let (_, bytes) = compile_snippet(&work, "whole", "int value = 42;\nint get(void) { return value; }\n");
    for cut in [bytes.len() / 2, bytes.len() - 3, 9] {
        let truncated = ("trunc.o".to_string(), bytes[..cut].to_vec());
        let diags = expect_errors(&["--no-entry", "--export=get", "trunc.o"], &[truncated]);
        assert!(
            diags.iter().any(|d| matches!(d.severity, Severity::Error) && d.file.as_deref() == Some("trunc.o")),
            "cut at {cut}: no error names trunc.o: {:?}",
            diags.iter().map(plain_wit).collect::<Vec<_>>()
        );
    }
    // Not wasm at all.
    let junk = ("junk.o".to_string(), b"this is not an object file".to_vec());
    let diags = expect_errors(&["--no-entry", "junk.o"], &[junk]);
    assert!(diags.iter().any(|d| d.file.as_deref() == Some("junk.o")), "{:?}", diags.iter().map(plain_wit).collect::<Vec<_>>());
}

#[test]
fn bad_command_lines_are_diagnostics() {
    let diags = expect_errors(&["--no-entry", "--no-such-flag", "x.o"], &[]);
    assert!(diags.iter().any(|d| d.message.contains("--no-such-flag")), "{:?}", diags.iter().map(plain_wit).collect::<Vec<_>>());
    let diags = expect_errors(&["--no-entry", "absent.o"], &[]);
    assert!(diags.iter().any(|d| d.file.as_deref() == Some("absent.o")), "{:?}", diags.iter().map(plain_wit).collect::<Vec<_>>());
    let diags = expect_errors(&["--no-entry", "-L/nowhere", "-lnothing"], &[]);
    assert!(diags.iter().any(|d| d.message.contains("-lnothing")), "{:?}", diags.iter().map(plain_wit).collect::<Vec<_>>());
}

/// Hostile input ends in the same diagnostics inside the component as natively: never a trap,
/// and never an allocation the size of the lie.
#[test]
fn hostile_inputs_are_diagnostics_inside_the_component() {
    let work = work_dir("host-tests/component/hostile");
    // A symbol table claiming four billion entries.
    let huge = b"\0asm\x01\0\0\0\0\x10\x07linking\x02\x08\x05\xf0\xff\xff\xff\x0f".to_vec();
    let diags = expect_errors(&["--no-entry", "huge.o"], &[("huge.o".into(), huge)]);
    assert_eq!(diags[0].file.as_deref(), Some("huge.o"));
    assert!(diags[0].offset.is_some(), "{}", diags[0].message);

    // A real object cut short.
    let (name, whole) = compile_snippet(&work, "cut", "int data[4] = {1, 2, 3, 4};\nint entry(void) { return data[2]; }\n");
    let cut = whole[..whole.len() / 2].to_vec();
    let diags = expect_errors(&["--entry=entry", &name], &[(name.clone(), cut)]);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].offset.is_some_and(|o| o as usize <= whole.len() / 2), "{}", diags[0].message);

    // Two bytes with 1 GiB of alignment between them, in a passive segment (shared memory):
    // refused before anything that size is allocated.
    let (name, mut bomb) = compile_snippet(&work, "bomb", "char a = 1;\nchar b = 2;\nchar *entry(void) { return &a + (long)&b; }\n");
    let at = bomb.windows(8).position(|w| w == b"\x07.data.b").expect("segment info for .data.b") + 8;
    bomb[at] = 30; // alignment 2^30
    let diags = expect_errors(
        &["--entry=entry", "--shared-memory", "--no-check-features", "--features=atomics,bulk-memory,mutable-globals", &name],
        &[(name.clone(), bomb)],
    );
    assert!(diags[0].message.contains("more than wasmlink writes"), "{}", diags[0].message);

    // A flood of undefined symbols stops at lld's error limit.
    let calls: String = (0..100).map(|i| format!("extern void missing{i}(void);\n")).collect();
    let body: String = (0..100).map(|i| format!("missing{i}();")).collect();
    let flood = compile_snippet(&work, "flood", &format!("{calls}void entry(void) {{ {body} }}\n"));
    let diags = expect_errors(&["--entry=entry", "flood.o"], &[flood]);
    assert_eq!(diags.len(), 21);
}
