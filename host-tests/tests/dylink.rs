//! The runtime dynamic loader (src/dylink/, `dylink-run`) running C and C++ programs built with
//! clang-19 `-fPIC` (host-tests/programs/dylink/) and linked as `-shared` libraries and `-pie`
//! main modules, plus hand-made modules for bad input.
//!
//! **The linker is a parameter**: `$DYLINK_LINKER` (a path, or a name on PATH; `wasmlink`, the
//! default, means this workspace's `target/release/wasmlink`). Every link goes through [`link`]
//! with wasm-ld's flags (`--experimental-pic -shared` / `-pie`), so the same tests run with the
//! reference linker: `DYLINK_LINKER=wasm-ld-19 cargo test --release -p host-tests --test dylink`
//! (scripts/test.sh runs both). Outputs go to `<target>/host-tests/dylink/<linker>/`.
//!
//! The programs are freestanding (no libc: Debian's wasi-libc is not PIC); they print through
//! their own `fd_write` imports (host-tests/programs/dylink/dl.h). One is not: `libc/` runs on
//! Debian's wasi-libc built -fPIC by scripts/wasi-libc-pic.sh (once, into its cache) and linked
//! into `libc.so`; without apt or network those tests print why and skip.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use common::*;
use host_tests::dylink::{LoaderConfig, Program, Runtime};
use host_tests::threads::{Output, WasiConfig};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

// ------------------------------------------------------------------------------------------
// Building

/// The linker under test (see the file's documentation).
fn linker() -> PathBuf {
    match std::env::var("DYLINK_LINKER").ok().filter(|l| !l.is_empty()).as_deref() {
        None | Some("wasmlink") => {
            let p = target_dir().join("release/wasmlink");
            assert!(p.is_file(), "{} missing: cargo build --release -p wasmlink", p.display());
            p
        }
        Some(l) if l.contains('/') => PathBuf::from(l),
        Some(l) => require_tool(l),
    }
}

fn linker_label() -> String {
    linker().file_name().unwrap().to_string_lossy().into_owned()
}

fn programs() -> PathBuf {
    programs_dir().join("dylink")
}

/// Compiles `src` (relative to programs/dylink) with clang-19 or clang++-19 (cached).
fn compile(src: &str, extra: &[&str]) -> PathBuf {
    let src = programs().join(src);
    let cxx = src.extension() == Some(OsStr::new("cpp"));
    let mut flags: Vec<String> =
        ["-O1", "-fPIC", "-fvisibility=default", "-ffreestanding", "-nostdlibinc"].map(String::from).to_vec();
    if cxx {
        flags.extend(["-fno-exceptions", "-fno-rtti", "-fno-threadsafe-statics"].map(String::from));
    }
    flags.extend(extra.iter().map(|s| s.to_string()));
    let mut key = Fnv::new();
    for f in &flags {
        key.str(f);
    }
    let stem = src.file_stem().unwrap().to_string_lossy();
    let set = src.parent().unwrap().file_name().unwrap().to_string_lossy();
    let out = work_dir("host-tests/dylink/obj").join(format!("{set}-{stem}-{}.o", &key.hex()[..8]));
    let mut deps = vec![programs().join("dl.h")];
    if cxx {
        deps.push(src.with_file_name("shape.h"));
    }
    compile_cached(if cxx { "clang++-19" } else { "clang-19" }, &flags, &src, &deps, &out);
    out
}

/// `<linker> --experimental-pic <args> -o <out>`.
fn link(out: &Path, args: &[&dyn AsRef<OsStr>]) {
    link_with(&linker(), out, args)
}

/// `<linker> --experimental-pic <args> -o <out>`, with another linker.
fn link_with(linker: &Path, out: &Path, args: &[&dyn AsRef<OsStr>]) {
    let mut cmd = Command::new(linker);
    cmd.arg("--experimental-pic");
    for a in args {
        cmd.arg(a);
    }
    cmd.arg("-o").arg(out);
    run(&mut cmd, Duration::from_secs(120)).assert_success(&format!("linking {}", out.display()));
}

/// A set of linked modules in one directory.
struct Linked {
    dir: PathBuf,
    main: PathBuf,
}

fn out_dir(set: &str) -> PathBuf {
    fresh_work_dir(format!("host-tests/dylink/{}/{set}", linker_label()))
}

/// main -> libtop -> libmid -> libbase (wasm-ld records every library on the command line as
/// NEEDED, and does not follow a library's own NEEDED, so each link names the whole chain).
fn chain() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("chain");
        let (base, mid, top, main) =
            (compile("chain/base.c", &[]), compile("chain/mid.c", &[]), compile("chain/top.c", &[]), compile("chain/main.c", &[]));
        let (lb, lm, lt) = (dir.join("libbase.so"), dir.join("libmid.so"), dir.join("libtop.so"));
        link(&lb, &[&"-shared", &base]);
        link(&lm, &[&"-shared", &mid, &lb]);
        link(&lt, &[&"-shared", &top, &lm, &lb]);
        let m = dir.join("main.wasm");
        // --export-dynamic: the libraries bind to the main module's `hook`.
        link(&m, &[&"-pie", &"--export-dynamic", &main, &lt, &lm, &lb]);
        // The same with the memory imported (the loader creates it) rather than defined.
        link(&dir.join("main-import-memory.wasm"), &[&"-pie", &"--import-memory", &"--export-dynamic", &main, &lt, &lm, &lb]);
        Linked { dir, main: m }
    })
}

fn plugin() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("plugin");
        let (base, plugin, main) =
            (compile("chain/base.c", &[]), compile("plugin/plugin.c", &[]), compile("plugin/main.c", &[]));
        let lb = dir.join("libbase.so");
        link(&lb, &[&"-shared", &base]);
        link(&dir.join("libplugin.so"), &[&"-shared", &plugin, &lb]);
        let m = dir.join("main.wasm");
        link(&m, &[&"-pie", &"--export-dynamic", &main, &lb]);
        Linked { dir, main: m }
    })
}

fn cxx() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("cxx");
        let (shape, main) = (compile("cxx/shape.cpp", &[]), compile("cxx/main.cpp", &[]));
        let ls = dir.join("libshape.so");
        link(&ls, &[&"-shared", &shape]);
        let m = dir.join("main.wasm");
        link(&m, &[&"-pie", &"--export-dynamic", &main, &ls]);
        Linked { dir, main: m }
    })
}

/// libhook.so linked with `-Bsymbolic`, and two main modules: one overriding the library's weak
/// `hook`, one not.
fn bsymbolic() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("bsymbolic");
        let (lib, main, plain) =
            (compile("bsymbolic/lib.c", &[]), compile("bsymbolic/main.c", &["-DOVERRIDE"]), compile("bsymbolic/main.c", &[]));
        let l = dir.join("libhook.so");
        link(&l, &[&"-shared", &"-Bsymbolic", &lib]);
        let m = dir.join("main.wasm");
        link(&m, &[&"-pie", &"--export-dynamic", &main, &l]);
        link(&dir.join("plain.wasm"), &[&"-pie", &"--export-dynamic", &plain, &l]);
        Linked { dir, main: m }
    })
}

const THREAD_FLAGS: &[&str] = &["-matomics", "-mbulk-memory"];
/// What a module with TLS must export to run on more than one thread.
const TLS_EXPORTS: &[&str] =
    &["--export=__wasm_init_tls", "--export=__tls_size", "--export=__tls_align", "--export=__tls_base"];

fn threads() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("threads");
        let tls = compile("threads/tls.c", THREAD_FLAGS);
        let tp = compile("threads/tplugin.c", THREAD_FLAGS);
        let tp2 = compile("threads/tplugin2.c", THREAD_FLAGS);
        // General-dynamic TLS (GOT.mem imports of thread-locals) is emscripten-only in clang-19.
        let mut main_flags = vec!["--target=wasm32-unknown-emscripten"];
        main_flags.extend(THREAD_FLAGS);
        let main = compile("threads/main.c", &main_flags);
        let lt = dir.join("libtls.so");
        for (o, out) in [(&tls, &lt), (&tp, &dir.join("libtplugin.so")), (&tp2, &dir.join("libtplugin2.so"))] {
            let mut args: Vec<&dyn AsRef<OsStr>> = vec![&"-shared", &"--shared-memory", o];
            args.extend(TLS_EXPORTS.iter().map(|s| s as &dyn AsRef<OsStr>));
            link(out, &args);
        }
        let m = dir.join("main.wasm");
        let mut args: Vec<&dyn AsRef<OsStr>> = vec![
            &"-pie",
            &"--import-memory",
            &"--shared-memory",
            &"--max-memory=67108864",
            &"--export-dynamic",
            &"--export=wasi_thread_start",
            &main,
            &lt,
        ];
        args.extend(TLS_EXPORTS.iter().map(|s| s as &dyn AsRef<OsStr>));
        link(&m, &args);
        Linked { dir, main: m }
    })
}

/// Thread-local variables without shared memory (`tls-single/`): a library and a main module
/// built for threads, linked without `--shared-memory`.
fn tls_single() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("tls-single");
        let (lib, main) = (compile("tls-single/lib.c", THREAD_FLAGS), compile("tls-single/main.c", THREAD_FLAGS));
        let l = dir.join("libtls1.so");
        link(&l, &[&"-shared", &lib]);
        let m = dir.join("main.wasm");
        link(&m, &[&"-pie", &"--export-dynamic", &main, &l]);
        Linked { dir, main: m }
    })
}

/// A main module at fixed addresses using libbase.so (`nonpie/`): compiled without -fPIC,
/// linked without -pie (LLD 21's non-PIE dynamic linking), with the loader's table imported
/// (its own table would be private: a library function's address could not be put in it).
fn nonpie() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("nonpie");
        let (base, main) = (compile("chain/base.c", &[]), compile("nonpie/main.c", &["-fno-PIC"]));
        let lb = dir.join("libbase.so");
        link(&lb, &[&"-shared", &base]);
        let m = dir.join("main.wasm");
        link(&m, &[&"-Bdynamic", &"--import-table", &main, &lb]);
        Linked { dir, main: m }
    })
}

// ------------------------------------------------------------------------------------------
// Running

fn cache_dir() -> PathBuf {
    work_dir("host-tests/dylink/cache")
}

/// `dylink-run <main> --cache-dir <cache> <args>`.
fn dylink_run(main: &Path, args: &[&dyn AsRef<OsStr>]) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dylink-run"));
    cmd.arg(main).arg("--cache-dir").arg(cache_dir());
    for a in args {
        cmd.arg(a);
    }
    run(&mut cmd, Duration::from_secs(120))
}

fn run_linked(l: &Linked) -> Ran {
    dylink_run(&l.main, &[&"--lib-dir", &l.dir])
}

fn assert_output(r: &Ran, status: i32, expected: &str) {
    assert_eq!(r.code, Some(status), "{}", r.describe());
    assert_eq!(r.stdout_str(), expected, "{}", r.describe());
}

/// In-process: loads `main` with `lib_dirs` on a runtime, captures stdout.
fn load_in_process(rt: &Arc<Runtime>, main: &Path, lib_dirs: &[&Path]) -> wasmtime::Result<(Program, MemoryOutputPipe)> {
    let stdout = MemoryOutputPipe::new(1 << 20);
    let config = LoaderConfig {
        lib_dirs: lib_dirs.iter().map(|d| d.to_path_buf()).collect(),
        wasi: WasiConfig {
            args: vec!["main.wasm".into()],
            stdout: Output::Pipe(stdout.clone()),
            stderr: Output::Inherit,
            ..Default::default()
        },
        ..Default::default()
    };
    Ok((Program::load(rt, main, config)?, stdout))
}

fn load_error(main: &Path, lib_dirs: &[&Path]) -> String {
    let rt = Runtime::new(None).unwrap();
    match load_in_process(&rt, main, lib_dirs) {
        Ok(_) => panic!("{} loaded, but should not have", main.display()),
        Err(e) => format!("{e:#}"),
    }
}

// ------------------------------------------------------------------------------------------
// The programs

const CHAIN_EXPECTED: &str = "\
ctor base
ctor mid: base ctor ran yes, base_counter 101
ctor top: mid_value 102
ctor main
data: mid_ptr == &base_counter: yes, *mid_ptr 101
data: mid_elem == &base_array[2]: yes, *mid_elem 3
data: a store in main is seen through libmid's pointer: 500
fp: mid_fp == &base_add: yes, mid_get_fp() == &base_add: yes, libtop's &base_add == main's: yes, top_compare 1
fp: mid_fp(2, 3) 5
callback: top_apply(main's static function, 5) 16
internal fp: top_twice(4) 24
weak: hook() from libbase: main's strong hook
weak undefined: function 0, data 0
main ctor ran: yes
";

#[test]
fn chain_of_libraries_with_data_and_function_pointers_weak_symbols_and_constructors() {
    // Constructors: a library before the modules that need it, the main module's from _start.
    let c = chain();
    assert_output(&run_linked(c), 3, CHAIN_EXPECTED);
    let r = dylink_run(&c.dir.join("main-import-memory.wasm"), &[&"--lib-dir", &c.dir]);
    assert_output(&r, 3, CHAIN_EXPECTED);
}

#[test]
fn thread_locals_without_shared_memory_are_found_from_each_modules_memory_base() {
    // wasm-ld 19 (and LLD 23) leave `__tls_base` the TLS block's offset alone, as if the module
    // were loaded at address 0: their modules read other bytes (README, differences).
    if linker_label() == "wasm-ld-19" {
        eprintln!("skipped: wasm-ld-19 links this program wrongly (README, differences)");
        return;
    }
    let expected = "main's thread-locals: yes\nthe library's: yes\nplain data: yes\n";
    assert_output(&run_linked(tls_single()), 0, expected);
}

#[test]
fn a_main_module_at_fixed_addresses_uses_a_library_through_its_got() {
    // wasm-ld 19 links it without complaint but leaves the library's addresses in the main
    // module's data 0 (LLD 21 made them GOT imports): its program reads address 0.
    if linker_label() == "wasm-ld-19" {
        eprintln!("skipped: wasm-ld-19 has no non-PIE dynamic linking (LLD 21)");
        return;
    }
    let expected = "ctor base\n\
                    call: base_add(2, 3) = 5\n\
                    data: *counter = 101, *elem = 3\n\
                    data: a store through it is libbase's: 111\n\
                    fp: add(20, 22) = 42\n\
                    own data: *local_ptr = 7\n\
                    hook: base's weak hook\n";
    assert_output(&run_linked(nonpie()), 0, expected);
}

#[test]
fn bsymbolic_library_calls_its_weak_function_through_a_pointer_as_bound() {
    // The pointer is the library's internal GOT entry, set from `__table_base` at start, and its
    // slot holds the import: the main module's hook where it has one, else the library's own.
    // (wasmlink once wrote the entry as the bare slot number, another module's function.)
    let b = bsymbolic();
    assert_output(&run_linked(b), 0, "through the library's pointer: main's strong hook\n");
    let r = dylink_run(&b.dir.join("plain.wasm"), &[&"--lib-dir", &b.dir]);
    assert_output(&r, 0, "through the library's pointer: the library's weak hook\n");
}

#[test]
fn libraries_found_through_runtime_path_with_origin() {
    // wasm-ld 19 has no --rpath: write RUNTIME_PATH (and a one-link NEEDED chain) into the
    // dylink.0 sections of copies: <d>/main.wasm needs libtop.so from $ORIGIN/lib,
    // libtop.so needs libmid.so from $ORIGIN/mid, libmid.so libbase.so from ${ORIGIN}/../base.
    let c = chain();
    let d = fresh_work_dir(format!("host-tests/dylink/{}/runpath", linker_label()));
    let put = |from: &str, to: &str, needed: &[&str], rpath: &[&str]| {
        let bytes = fs::read(c.dir.join(from)).unwrap();
        let out = d.join(to);
        fs::create_dir_all(out.parent().unwrap()).unwrap();
        fs::write(&out, set_dylink_paths(&bytes, needed, rpath)).unwrap();
    };
    put("main.wasm", "main.wasm", &["libtop.so"], &["$ORIGIN/lib"]);
    put("libtop.so", "lib/libtop.so", &["libmid.so"], &["$ORIGIN/mid"]);
    put("libmid.so", "lib/mid/libmid.so", &["libbase.so"], &["${ORIGIN}/../base"]);
    put("libbase.so", "lib/base/libbase.so", &[], &[]);
    assert_output(&dylink_run(&d.join("main.wasm"), &[]), 3, CHAIN_EXPECTED);
}

#[test]
fn a_missing_needed_library_is_named_with_who_needs_it() {
    let c = chain();
    let d = fresh_work_dir(format!("host-tests/dylink/{}/missing", linker_label()));
    for f in ["main.wasm", "libtop.so", "libmid.so"] {
        fs::copy(c.dir.join(f), d.join(f)).unwrap();
    }
    let err = load_error(&d.join("main.wasm"), &[&d]);
    assert!(err.contains("cannot find libbase.so, needed by main.wasm"), "{err}");
    let r = dylink_run(&d.join("main.wasm"), &[&"--lib-dir", &d]);
    assert_eq!(r.code, Some(1), "{}", r.describe());
    assert!(r.stderr_str().contains("cannot find libbase.so"), "{}", r.describe());
}

const PLUGIN_EXPECTED: &str = "\
ctor base
before dlopen
ctor plugin: base_counter 101
dlopen libplugin.so: ok
dlsym plugin_fn: ok
dlsym plugin_data: ok
plugin_fn(1) 43, plugin_data 42
after a store through the dlsym'd pointer, plugin_fn(1) 101
plugin_base_ptr == &base_counter: yes
the plugin's &base_add == main's: yes, dlsym(h, \"base_add\") == main's: yes, dlsym(h, \"plugin_fn\") again is the same: yes
local: dlsym(RTLD_DEFAULT, \"plugin_fn\") is null: yes, dlsym(RTLD_DEFAULT, \"base_add\") == main's: yes
dlopen(NULL) finds base_counter: yes
dlopen again gives the same handle: yes
RTLD_NOLOAD of a loaded library: yes
dlopen libmissing.so: error: dlopen: cannot find libmissing.so (searched: DIR)
dlsym no_such_symbol: error: dlsym: undefined symbol: no_such_symbol
dlerror after it was read: null
dlclose: 0 0 0, bad handle: -1
dlsym after the handle count reached zero: error: dlsym: invalid handle 3
reopened RTLD_GLOBAL: same handle yes, now in the global scope: yes
";

#[test]
fn plugin_opened_with_dlopen() {
    let p = plugin();
    let r = run_linked(p);
    let expected = PLUGIN_EXPECTED.replace("DIR", &p.dir.display().to_string());
    assert_output(&r, 0, &expected);
}

const CXX_EXPECTED: &str = "\
ctor libshape: C++ static initialization
ctor main: C++ static initialization
shapes constructed before _start: 3
circle #7 area 12
shape #9 area 11
main calls the library's override: square 25
square #100 area 25
total area 48
";

#[test]
fn cxx_vtables_across_the_library_boundary() {
    assert_output(&run_linked(cxx()), 0, CXX_EXPECTED);
}

const THREADS_EXPECTED: &str = "\
thread 0: tls 1100 (read directly 1100), main_tls 5, plugin 8, plugin2 5000
thread 1: tls 1100 (read directly 1100), main_tls 6, plugin 18, plugin2 5001
thread 2: tls 1100 (read directly 1100), main_tls 7, plugin 28, plugin2 5002
thread 3: tls 1100 (read directly 1100), main_tls 8, plugin 38, plugin2 5003
main: tls 1010, main_tls 5, plugin 98, plugin2 from the worker's dlopen 5009
TLS blocks distinct: yes, shared total 410
";

#[test]
fn threads_with_tls_and_dlopen_seen_by_every_thread() {
    // Four worker threads and the main one: a TLS block per module per thread (libtls's
    // counter, read through libtls and directly through a TLS GOT entry; the main module's
    // own), a library opened by the main thread while the workers spin and called by them, one
    // opened by a worker and called by the main thread. Scheduling differs run to run.
    let t = threads();
    for round in 0..3 {
        let r = run_linked(t);
        assert_eq!(r.code, Some(0), "round {round}: {}", r.describe());
        assert_eq!(r.stdout_str(), THREADS_EXPECTED, "round {round}: {}", r.describe());
    }
}

fn heap() -> &'static Linked {
    static L: OnceLock<Linked> = OnceLock::new();
    L.get_or_init(|| {
        let dir = out_dir("heap");
        let (lib, main) = (compile("heap/lib.c", &[]), compile("heap/main.c", &[]));
        let lh = dir.join("libheap.so");
        let undefined = programs().join("heap/undefined.txt");
        link(&lh, &[&"-shared", &format!("--allow-undefined-file={}", undefined.display()), &lib]);
        let m = dir.join("main.wasm");
        link(&m, &[&"-pie", &"--export-dynamic", &main, &lh]);
        Linked { dir, main: m }
    })
}

#[test]
fn heap_base_and_heap_end_are_the_loaders_end_of_memory() {
    // What a libc's allocator reads (wasi-libc's dlmalloc: __heap_base, and __heap_end in later
    // releases): the end of the memory once every module, the stack and the TLS blocks are
    // placed, so the guest's heap grows with memory.grow from there and never meets them.
    let expected = "\
__heap_base == __heap_end (an empty initial heap): yes
__heap_base is the end of the memory at start: yes
above the modules' data and the stack: yes
memory.grow's first page is at __heap_base: yes
";
    assert_output(&run_linked(heap()), 0, expected);
}

// ------------------------------------------------------------------------------------------
// wasi-libc as a shared library

/// Debian's wasi-libc built -fPIC by scripts/wasi-libc-pic.sh (fetched and built once into its
/// cache, about half a minute; then instant): the sysroot, or `None` when the source cannot be
/// had here (no apt, no network: the script's exit status 77), with the reason printed.
fn pic_sysroot() -> Option<PathBuf> {
    static S: OnceLock<Option<PathBuf>> = OnceLock::new();
    S.get_or_init(|| {
        let mut cmd = Command::new("bash");
        cmd.arg(repo_root().join("scripts/wasi-libc-pic.sh"));
        let r = run(&mut cmd, Duration::from_secs(1800));
        match r.code {
            Some(0) => Some(PathBuf::from(r.stdout_str().trim_end())),
            Some(77) => {
                eprintln!("skipped: wasi-libc as a shared library: {}", r.stderr_str().trim_end());
                None
            }
            _ => panic!("scripts/wasi-libc-pic.sh failed\n{}", r.describe()),
        }
    })
    .clone()
}

/// Compiles `src` (relative to programs/dylink) against the PIC wasi-libc `sysroot` (cached).
fn compile_libc(src: &str, sysroot: &Path) -> PathBuf {
    let src = programs().join(src);
    let flags = ["-O1", "-fPIC", "-fvisibility=default", "-Wall", "-Werror", &format!("--sysroot={}", sysroot.display())];
    let mut key = Fnv::new();
    for f in &flags {
        key.str(f);
    }
    let stem = src.file_stem().unwrap().to_string_lossy();
    let out = work_dir("host-tests/dylink/obj").join(format!("libc-{stem}-{}.o", &key.hex()[..8]));
    // The sysroot's BUILT stamp says what it was built from: a rebuild compiles again.
    let deps = [src.with_file_name("words.h"), sysroot.with_file_name("BUILT")];
    compile_cached("clang-19", &flags, &src, &deps, &out);
    out
}

struct LibcProgram {
    sysroot: PathBuf,
    linked: Linked,
    main_obj: PathBuf,
    /// What the links read: libc-shared.a, compiler-rt's builtins, words.o, plugin.o, start.o.
    inputs: [PathBuf; 5],
}

/// main.wasm (start.o, main.o) -> libwords.so -> libc.so, and libcplugin.so (for dlopen), all
/// linked by the linker under test from the PIC sysroot.
fn libc_program() -> Option<&'static LibcProgram> {
    static L: OnceLock<Option<LibcProgram>> = OnceLock::new();
    L.get_or_init(|| {
        let sysroot = pic_sysroot()?;
        let dir = out_dir("libc");
        // libc.so: every member of libc.a but __main_argc_argv.o, whose weak
        // __main_argc_argv(argc, argv) calls `main`, for programs of older compilers that named
        // it so. clang-19 names the program's main(argc, argv) `__main_argc_argv` itself, and
        // libc.so would import a `main` that no module defines (the loader reports it).
        let archive = dir.join("libc-shared.a");
        fs::copy(sysroot.join("lib/wasm32-wasi/libc.a"), &archive).unwrap();
        let mut cmd = Command::new(require_tool("llvm-ar-19"));
        cmd.arg("d").arg(&archive).arg("__main_argc_argv.o");
        run(&mut cmd, Duration::from_secs(60)).assert_success("llvm-ar-19 d libc-shared.a __main_argc_argv.o");
        // compiler-rt's builtins (__multi3, __muloti4, long double arithmetic), as clang links them.
        let mut cmd = Command::new(require_tool("clang-19"));
        cmd.args(["--target=wasm32-wasi", "--rtlib=compiler-rt", "-print-libgcc-file-name"]);
        let builtins = PathBuf::from(run(&mut cmd, Duration::from_secs(60)).stdout_str().trim_end());
        assert!(builtins.is_file(), "no compiler-rt builtins for wasm32 at {}", builtins.display());
        let inputs = [
            archive,
            builtins,
            compile_libc("libc/words.c", &sysroot),
            compile_libc("libc/plugin.c", &sysroot),
            compile_libc("libc/start.c", &sysroot),
        ];
        let main_obj = compile_libc("libc/main.c", &sysroot);
        let main = link_libc_program(&linker(), &dir, &inputs, &main_obj);
        Some(LibcProgram { sysroot, linked: Linked { dir, main }, main_obj, inputs })
    })
    .as_ref()
}

/// The modules of [`libc_program`], linked by `linker` into `dir`; main.wasm's path.
fn link_libc_program(linker: &Path, dir: &Path, inputs: &[PathBuf; 5], main_obj: &Path) -> PathBuf {
    let [archive, builtins, words_o, plugin_o, start] = inputs;
    let libc = dir.join("libc.so");
    let undefined = programs().join("libc/libc-undefined.txt");
    let allow = format!("--allow-undefined-file={}", undefined.display());
    link_with(linker, &libc, &[&"-shared", &allow, &"--whole-archive", archive, &"--no-whole-archive", builtins]);
    let words = dir.join("libwords.so");
    link_with(linker, &words, &[&"-shared", words_o, &libc]);
    link_with(linker, &dir.join("libcplugin.so"), &[&"-shared", plugin_o, &libc]);
    let m = dir.join("main.wasm");
    link_with(linker, &m, &[&"-pie", &"--export-dynamic", start, &main_obj, &words, &libc]);
    m
}

const LIBC_EXPECTED: &str = "\
argc 3: [one] [two words]
main's constructor ran before main: yes
getenv(\"GREETING\"): hi, getenv(\"NOPE\"): (null)
printf: -42 42 ff 10 w str  3.14 1.235e+04 0.0001 %
snprintf: \"-002.500|ab    |+7\" (18 chars)
strtol: -1234, rest \"xyz\"; strtod: 6.02e+23
errno after an overflowing strtol: ERANGE
heap: checksum 386336, every block above the modules' data: yes
qsort with main's comparison: 9 8 7 5 3 2 1
libwords sorted and joined: fig, kiwi, pear, apple, banana
libwords ready: table alpha beta gamma
file: wrote and read back 3 lines, last \"line 3 of the file\"
fopen of a missing file: Capabilities insufficient
plugin: 12 squared is 144, constructor ran: yes
main returns 0
atexit: bye, 3 calls into libwords
";

#[test]
fn wasi_libc_as_a_shared_library_with_stdio_malloc_and_dlopen() {
    let Some(p) = libc_program() else { return };
    let l = &p.linked;
    let files = fresh_work_dir(format!("host-tests/dylink/{}/libc-files", linker_label()));
    let preopen = format!("{}::/out", files.display());
    let r = dylink_run(
        &l.main,
        &[
            &"--lib-dir",
            &l.dir,
            &"--dir",
            &preopen,
            &"--env",
            &"GREETING=hi",
            &"--env",
            &"OUT_DIR=/out",
            &"--",
            &"one",
            &"two words",
        ],
    );
    assert_output(&r, 0, LIBC_EXPECTED);
    assert_eq!(r.stderr_str(), "to stderr, unbuffered\n", "{}", r.describe());
    let text = fs::read_to_string(files.join("libc-test.txt")).unwrap();
    assert_eq!(text, "line 1 of the file\nline 2 of the file\nline 3 of the file\n");

    // The same modules as wasm-ld-19 links, byte for byte (when it is here to ask).
    if linker_label() != "wasm-ld-19"
        && let Some(reference) = find_in_path("wasm-ld-19")
    {
        let dir = fresh_work_dir(format!("host-tests/dylink/{}/libc-by-wasm-ld-19", linker_label()));
        link_libc_program(&reference, &dir, &p.inputs, &p.main_obj);
        for f in ["libc.so", "libwords.so", "libcplugin.so", "main.wasm"] {
            let (ours, theirs) = (fs::read(l.dir.join(f)).unwrap(), fs::read(dir.join(f)).unwrap());
            assert!(ours == theirs, "{f}: {} differs from wasm-ld-19's {}", l.dir.join(f).display(), dir.join(f).display());
        }
    }

    // exit(7) in main: atexit functions, then stdout flushed, then the status.
    let r = dylink_run(&l.main, &[&"--lib-dir", &l.dir, &"--env", &"EXIT_WITH=7"]);
    assert_eq!(r.code, Some(7), "{}", r.describe());
    assert!(
        r.stdout_str().ends_with(
            "plugin: 12 squared is 144, constructor ran: yes\n\
             exit(7) with this line still in the buffer\n\
             atexit: bye, 3 calls into libwords\n"
        ),
        "{}",
        r.describe()
    );
}

#[test]
fn the_snapshots_crt1_command_cannot_start_a_pie_main_module() {
    // This wasi-libc's crt1-command.o calls neither __wasm_call_ctors nor __wasm_call_dtors: it
    // leaves them to the command-export wrapper wasm-ld makes around _start in an ordinary
    // executable, and wasm-ld makes none in a -pie module. wasm-ld-19 refuses the link (its
    // driver wants __wasm_call_dtors to be a defined function, and libc.so's is a shared one);
    // a linker that links it gives a program whose constructors never run and whose buffered
    // stdout is never flushed: only the first line comes out, written when stdout was still
    // line-buffered (musl's stdout turns fully buffered on its first write, to a non-terminal).
    let Some(p) = libc_program() else { return };
    let dir = out_dir("libc-crt1");
    let crt1 = p.sysroot.join("lib/wasm32-wasi/crt1-command.o");
    let (words, libc) = (p.linked.dir.join("libwords.so"), p.linked.dir.join("libc.so"));
    let m = dir.join("main.wasm");
    let mut cmd = Command::new(linker());
    cmd.args(["--experimental-pic", "-pie", "--export-dynamic"]).arg(&crt1).arg(&p.main_obj).arg(&words).arg(&libc);
    cmd.arg("-o").arg(&m);
    let r = run(&mut cmd, Duration::from_secs(120));
    if !r.ok() {
        assert!(r.stderr_str().contains("error: __wasm_call_dtors must be a function"), "{}", r.describe());
        return;
    }
    let r = dylink_run(&m, &[&"--lib-dir", &p.linked.dir]);
    // (With start.o, as in the test above, the same main.o runs to the end.)
    assert_output(&r, 0, "argc 1:\n");
}

// ------------------------------------------------------------------------------------------
// The module cache

fn stats_line(r: &Ran) -> (usize, usize) {
    let err = r.stderr_str();
    let line = err.lines().find(|l| l.starts_with("dylink-run: compiled ")).unwrap_or_else(|| panic!("{}", r.describe()));
    let nums: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    (nums[0], nums[1])
}

#[test]
fn compiled_modules_are_cached_across_runs_threads_and_loads() {
    // In process: one runtime compiles each module once, however often it is loaded; a second
    // runtime on the same cache directory compiles nothing.
    let c = chain();
    let dir = fresh_work_dir(format!("host-tests/dylink/{}/cache-test", linker_label()));
    let rt = Runtime::new(Some(dir.clone())).unwrap();
    let (mut p, out) = load_in_process(&rt, &c.main, &[&c.dir]).unwrap();
    assert_eq!(p.run_start().unwrap(), 3);
    assert_eq!(String::from_utf8_lossy(&out.contents()), CHAIN_EXPECTED);
    let first = rt.stats();
    // main, libtop, libmid, libbase, and the loader's own modules (WASI adapter, PLT).
    assert!(first.compiled >= 4, "{first:?}");
    assert_eq!(first.from_disk, 0, "{first:?}");
    let names: Vec<String> = p.modules().into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["main.wasm", "libbase.so", "libmid.so", "libtop.so"], "main first: it defines the memory");
    let (mut p2, _) = load_in_process(&rt, &c.main, &[&c.dir]).unwrap();
    assert_eq!(p2.run_start().unwrap(), 3);
    let again = rt.stats();
    assert_eq!(again.compiled, first.compiled, "a second load on the same runtime compiled: {again:?}");
    assert!(again.from_memory > first.from_memory, "{again:?}");
    let cached = fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension() == Some(OsStr::new("cwasm")));
    assert_eq!(cached.count(), first.compiled);

    let rt2 = Runtime::new(Some(dir.clone())).unwrap();
    let (mut p3, out3) = load_in_process(&rt2, &c.main, &[&c.dir]).unwrap();
    assert_eq!(p3.run_start().unwrap(), 3);
    assert_eq!(String::from_utf8_lossy(&out3.contents()), CHAIN_EXPECTED);
    let s = rt2.stats();
    assert_eq!((s.compiled, s.from_disk), (0, first.compiled), "a later run compiled again: {s:?}");

    // As a command: the threaded program instantiates every module on five threads and opens
    // libraries from two of them, and compiles each module once: main, libtls, libtplugin,
    // libtplugin2 and the main module's WASI adapter (it imports its memory, so exports none).
    let t = threads();
    let fresh = fresh_work_dir(format!("host-tests/dylink/{}/cache-threads", linker_label()));
    let run_t = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dylink-run"));
        cmd.arg(&t.main).arg("--lib-dir").arg(&t.dir).arg("--cache-dir").arg(&fresh).arg("--stats");
        run(&mut cmd, Duration::from_secs(120))
    };
    let r = run_t();
    assert_output(&r, 0, THREADS_EXPECTED);
    assert_eq!(stats_line(&r), (5, 0), "{}", r.describe());
    let r = run_t();
    assert_output(&r, 0, THREADS_EXPECTED);
    assert_eq!(stats_line(&r), (0, 5), "{}", r.describe());
}

// ------------------------------------------------------------------------------------------
// The command line

#[test]
fn dylink_run_usage_and_exit_status() {
    let r = run(&mut Command::new(env!("CARGO_BIN_EXE_dylink-run")), Duration::from_secs(30));
    assert_eq!(r.code, Some(2), "{}", r.describe());
    let r = dylink_run(Path::new("/nonexistent/main.wasm"), &[]);
    assert_eq!(r.code, Some(1), "{}", r.describe());
    assert!(r.stderr_str().contains("/nonexistent/main.wasm"), "{}", r.describe());
    // Options after main.wasm, program arguments after --.
    let c = chain();
    let r = dylink_run(&c.main, &[&"--no-cache", &"--lib-dir", &c.dir, &"--", &"a", &"b"]);
    assert_output(&r, 3, CHAIN_EXPECTED);
}

// ------------------------------------------------------------------------------------------
// Bad input: hand-made modules

mod wasm {
    //! Hand-made modules for the bad-input tests.
    use wasm_encoder::*;

    fn uleb(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn name(s: &str, out: &mut Vec<u8>) {
        uleb(s.len() as u64, out);
        out.extend_from_slice(s.as_bytes());
    }

    /// A `dylink.0` payload: MEM_INFO, NEEDED and RUNTIME_PATH.
    pub fn dylink0(mem: [u32; 4], needed: &[&str], rpath: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let sub = |id: u8, body: Vec<u8>, out: &mut Vec<u8>| {
            out.push(id);
            uleb(body.len() as u64, out);
            out.extend(body);
        };
        let mut b = Vec::new();
        for v in mem {
            uleb(v as u64, &mut b);
        }
        sub(1, b, &mut out);
        for (id, list) in [(2u8, needed), (5u8, rpath)] {
            if !list.is_empty() {
                let mut b = Vec::new();
                uleb(list.len() as u64, &mut b);
                for n in list {
                    name(n, &mut b);
                }
                sub(id, b, &mut out);
            }
        }
        out
    }

    pub enum Imp {
        Func(&'static str, &'static str, Vec<ValType>, Vec<ValType>),
        Global(&'static str, &'static str, ValType, bool),
        Memory(u64, Option<u64>, bool),
    }

    /// A module: an optional `dylink.0` payload, imports, exported i32 globals, exported
    /// functions (empty bodies of the given type), and `_start` if `start`.
    pub fn module(
        dylink: Option<Vec<u8>>,
        imports: Vec<Imp>,
        globals: &[(&str, i32)],
        funcs: &[(&str, Vec<ValType>, Vec<ValType>)],
        start: bool,
    ) -> Vec<u8> {
        let mut m = Module::new();
        if let Some(d) = dylink {
            m.section(&CustomSection { name: "dylink.0".into(), data: d.into() });
        }
        let mut types = TypeSection::new();
        let mut ntypes = 0;
        let mut imps = ImportSection::new();
        let mut nfuncs = 0;
        for i in &imports {
            match i {
                Imp::Func(m, n, p, r) => {
                    types.ty().function(p.clone(), r.clone());
                    imps.import(m, n, EntityType::Function(ntypes));
                    ntypes += 1;
                    nfuncs += 1;
                }
                Imp::Global(m, n, t, mutable) => {
                    imps.import(
                        m,
                        n,
                        EntityType::Global(GlobalType { val_type: *t, mutable: *mutable, shared: false }),
                    );
                }
                Imp::Memory(min, max, shared) => {
                    imps.import(
                        "env",
                        "memory",
                        EntityType::Memory(MemoryType {
                            minimum: *min,
                            maximum: *max,
                            memory64: false,
                            shared: *shared,
                            page_size_log2: None,
                        }),
                    );
                }
            }
        }
        let mut fsec = FunctionSection::new();
        let mut code = CodeSection::new();
        let mut exports = ExportSection::new();
        let mut all: Vec<(&str, Vec<ValType>, Vec<ValType>)> = funcs.to_vec();
        if start {
            all.push(("_start", vec![], vec![]));
        }
        for (i, (n, p, r)) in all.iter().enumerate() {
            types.ty().function(p.clone(), r.clone());
            fsec.function(ntypes);
            ntypes += 1;
            exports.export(n, ExportKind::Func, nfuncs + i as u32);
            let mut f = Function::new([]);
            let mut ins = f.instructions();
            for v in r {
                match v {
                    ValType::I32 => ins.i32_const(0),
                    ValType::I64 => ins.i64_const(0),
                    _ => ins.unreachable(),
                };
            }
            ins.end();
            code.function(&f);
        }
        let mut gsec = GlobalSection::new();
        for (i, (n, v)) in globals.iter().enumerate() {
            gsec.global(GlobalType { val_type: ValType::I32, mutable: false, shared: false }, &ConstExpr::i32_const(*v));
            exports.export(n, ExportKind::Global, i as u32);
        }
        m.section(&types).section(&imps).section(&fsec);
        if !globals.is_empty() {
            m.section(&gsec);
        }
        m.section(&exports).section(&code);
        m.finish()
    }
}

use wasm::Imp;
use wasm_encoder::ValType as V;

/// A main module needing `libs` (its memory: 1..1024 pages, not shared), written to `dir`.
fn bad_main(dir: &Path, libs: &[&str]) -> PathBuf {
    let m = wasm::module(Some(wasm::dylink0([0, 0, 0, 0], libs, &[])), vec![Imp::Memory(1, Some(1024), false)], &[], &[], true);
    let p = dir.join("main.wasm");
    fs::write(&p, m).unwrap();
    p
}

fn bad_lib(dir: &Path, name: &str, imports: Vec<Imp>, globals: &[(&str, i32)], funcs: &[(&str, Vec<V>, Vec<V>)]) {
    let mut all = vec![Imp::Memory(0, None, false)];
    all.extend(imports);
    let m = wasm::module(Some(wasm::dylink0([16, 2, 0, 0], &[], &[])), all, globals, funcs, false);
    fs::write(dir.join(name), m).unwrap();
}

fn bad_dir(name: &str) -> PathBuf {
    fresh_work_dir(format!("host-tests/dylink/bad/{name}"))
}

#[test]
fn a_got_import_of_the_wrong_type_is_named() {
    let d = bad_dir("got-type");
    bad_lib(&d, "libbad.so", vec![Imp::Global("GOT.mem", "counter", V::I64, true)], &[], &[]);
    let err = load_error(&bad_main(&d, &["libbad.so"]), &[&d]);
    assert!(err.contains("libbad.so: imports GOT.mem.counter as mutable i64; GOT entries are i32 globals"), "{err}");
}

#[test]
fn got_entries_of_the_wrong_kind_and_function_type_mismatches_are_named() {
    let d = bad_dir("got-kind");
    bad_lib(&d, "libdefs.so", vec![], &[("thing", 16)], &[("f", vec![V::I32], vec![V::I32])]);
    bad_lib(
        &d,
        "libuse.so",
        vec![
            Imp::Global("GOT.func", "thing", V::I32, true),
            Imp::Global("GOT.mem", "f", V::I32, true),
            Imp::Func("env", "f", vec![], vec![]),
        ],
        &[],
        &[],
    );
    let err = load_error(&bad_main(&d, &["libdefs.so", "libuse.so"]), &[&d]);
    for want in [
        "libuse.so: imports the address of function `thing` (GOT.func), but libdefs.so exports it as a data symbol",
        "libuse.so: imports the address of data symbol `f` (GOT.mem), but libdefs.so exports it as a function",
        "libuse.so: imports function `f` with type () -> (), but libdefs.so exports it with type (i32) -> (i32)",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn every_undefined_symbol_is_reported_at_once_and_weak_ones_are_not() {
    let d = bad_dir("undefined");
    bad_lib(
        &d,
        "libundef.so",
        vec![
            Imp::Func("env", "missing_one", vec![], vec![]),
            Imp::Func("env", "missing_two", vec![V::I32], vec![]),
            Imp::Global("GOT.mem", "missing_data", V::I32, true),
            Imp::Global("GOT.func", "missing_fn", V::I32, true),
        ],
        &[],
        &[],
    );
    let err = load_error(&bad_main(&d, &["libundef.so"]), &[&d]);
    for want in [
        "undefined symbol: missing_one (function, imported by libundef.so)",
        "undefined symbol: missing_two (function, imported by libundef.so)",
        "undefined symbol: missing_data (data, imported by libundef.so as GOT.mem.missing_data)",
        "undefined symbol: missing_fn (function, imported by libundef.so as GOT.func.missing_fn)",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn memory_imports_the_program_cannot_satisfy_are_named() {
    let d = bad_dir("memory");
    // More pages than the program's maximum (1024).
    let big = wasm::module(Some(wasm::dylink0([0, 0, 0, 0], &[], &[])), vec![Imp::Memory(2000, None, false)], &[], &[], false);
    fs::write(d.join("libbig.so"), big).unwrap();
    let err = load_error(&bad_main(&d, &["libbig.so"]), &[&d]);
    assert!(
        err.contains("libbig.so: imports a memory of at least 2000 pages, but the program's memory is limited to 1024 pages"),
        "{err}"
    );
    // A shared memory, when the program's is not.
    let shared =
        wasm::module(Some(wasm::dylink0([0, 0, 0, 0], &[], &[])), vec![Imp::Memory(1, Some(1024), true)], &[], &[], false);
    fs::write(d.join("libshared.so"), shared).unwrap();
    let err = load_error(&bad_main(&d, &["libshared.so"]), &[&d]);
    assert!(err.contains("libshared.so: imports a shared memory, but the program's memory is not shared"), "{err}");
    // A smaller maximum than the program's.
    let small =
        wasm::module(Some(wasm::dylink0([0, 0, 0, 0], &[], &[])), vec![Imp::Memory(1, Some(10), false)], &[], &[], false);
    fs::write(d.join("libsmall.so"), small).unwrap();
    let err = load_error(&bad_main(&d, &["libsmall.so"]), &[&d]);
    assert!(err.contains("libsmall.so: imports a memory of at most 10 pages"), "{err}");
}

#[test]
fn malformed_or_missing_dylink_sections_are_named() {
    let d = bad_dir("dylink0");
    // A NEEDED subsection whose count runs past the section.
    let mut payload = wasm::dylink0([0, 0, 0, 0], &[], &[]);
    payload.extend([2, 2, 9, 1]);
    let m = wasm::module(Some(payload), vec![Imp::Memory(0, None, false)], &[], &[], false);
    fs::write(d.join("libmalformed.so"), m).unwrap();
    let err = load_error(&bad_main(&d, &["libmalformed.so"]), &[&d]);
    assert!(err.contains("libmalformed.so: malformed dylink.0 section"), "{err}");
    // No dylink.0 at all.
    let m = wasm::module(None, vec![Imp::Memory(0, None, false)], &[], &[], false);
    fs::write(d.join("libplain.so"), m).unwrap();
    let err = load_error(&bad_main(&d, &["libplain.so"]), &[&d]);
    assert!(err.contains("libplain.so: not a dynamic library (no dylink.0 section"), "{err}");
    // Truncations and corruptions of a real library: an error naming it, never a panic.
    // Loading stops before the bad library is compiled, so this is quick.
    let c = chain();
    let base = fs::read(c.dir.join("libbase.so")).unwrap();
    let t = bad_dir("truncated");
    fs::copy(c.dir.join("libmid.so"), t.join("libmid.so")).unwrap();
    fs::copy(c.dir.join("libtop.so"), t.join("libtop.so")).unwrap();
    let main = t.join("main.wasm");
    fs::copy(&c.main, &main).unwrap();
    let rt = Runtime::new(None).unwrap();
    for cut in (0..base.len()).step_by(7) {
        fs::write(t.join("libbase.so"), &base[..cut]).unwrap();
        // A cut at a section boundary leaves a valid module: without libbase's exports (then
        // what needs them is reported), or only without its trailing custom sections.
        let Err(e) = load_in_process(&rt, &main, &[&t]) else { continue };
        let err = format!("{e:#}");
        assert!(err.contains("libbase.so") || err.contains("undefined symbol: base_add"), "cut at {cut}: {err}");
    }
    // Flipped bytes in and after the dylink.0 section: whatever they break (the section, a
    // name libmid binds to, the code), the load fails with a message or succeeds.
    for at in 8..64.min(base.len()) {
        let mut b = base.clone();
        b[at] ^= 0xff;
        fs::write(t.join("libbase.so"), &b).unwrap();
        if let Err(e) = load_in_process(&rt, &main, &[&t]) {
            assert!(!format!("{e:#}").is_empty(), "byte {at} flipped");
        }
    }
}

/// Replaces NEEDED and RUNTIME_PATH in the `dylink.0` section (the first section) of `wasm`.
fn set_dylink_paths(wasm: &[u8], needed: &[&str], rpath: &[&str]) -> Vec<u8> {
    fn read_uleb(b: &[u8], pos: &mut usize) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let x = b[*pos];
            *pos += 1;
            v |= ((x & 0x7f) as u64) << shift;
            if x & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    }
    fn uleb(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    assert_eq!(wasm[8], 0, "the first section is not a custom section");
    let mut pos = 9;
    let size = read_uleb(wasm, &mut pos) as usize;
    let end = pos + size;
    let name_len = read_uleb(wasm, &mut pos) as usize;
    assert_eq!(&wasm[pos..pos + name_len], b"dylink.0");
    pos += name_len;
    let mut payload = Vec::new();
    while pos < end {
        let id = wasm[pos];
        pos += 1;
        let len = read_uleb(wasm, &mut pos) as usize;
        if id != 2 && id != 5 {
            payload.push(id);
            uleb(len as u64, &mut payload);
            payload.extend_from_slice(&wasm[pos..pos + len]);
        }
        pos += len;
    }
    for (id, list) in [(2u8, needed), (5u8, rpath)] {
        if list.is_empty() {
            continue;
        }
        let mut b = Vec::new();
        uleb(list.len() as u64, &mut b);
        for n in list {
            uleb(n.len() as u64, &mut b);
            b.extend_from_slice(n.as_bytes());
        }
        payload.push(id);
        uleb(b.len() as u64, &mut payload);
        payload.extend(b);
    }
    let mut section = Vec::new();
    uleb(8, &mut section);
    section.extend_from_slice(b"dylink.0");
    section.extend(payload);
    let mut out = wasm[..8].to_vec();
    out.push(0);
    uleb(section.len() as u64, &mut out);
    out.extend(section);
    out.extend_from_slice(&wasm[end..]);
    out
}

// ------------------------------------------------------------------------------------------
// The independent consumer: `wasm-tools component link`

#[test]
fn wasm_tools_component_link_runs_the_same_libraries_under_the_wasmtime_cli() {
    // The chain's libbase.so and libtop.so as they are; libmid.so relinked with a library that
    // defines its weak undefined symbols (wasm-tools 1.262 resolves a library's imports only in
    // its NEEDED closure, stubs missing weak functions, and refuses missing weak data); a
    // -shared "main" exporting the component's `run`.
    let c = chain();
    let d = fresh_work_dir(format!("host-tests/dylink/{}/component", linker_label()));
    let weak = d.join("libweak.so");
    link(&weak, &[&"-shared", &compile("component/weak.c", &[])]);
    let mid = d.join("libmid-weak.so");
    link(&mid, &[&"-shared", &compile("chain/mid.c", &[]), &c.dir.join("libbase.so"), &weak]);
    let main = d.join("libcmain.so");
    let (lt, lb) = (c.dir.join("libtop.so"), c.dir.join("libbase.so"));
    link(&main, &[&"-shared", &compile("component/main.c", &[]), &lt, &c.dir.join("libmid.so"), &lb]);
    let emb = d.join("libcmain.emb.so");
    let tools = require_tool("wasm-tools");
    let mut cmd = Command::new(&tools);
    cmd.args(["component", "embed"]).arg(programs().join("component/world.wit")).args(["--world", "chain"]);
    cmd.arg(&main).arg("-o").arg(&emb);
    run(&mut cmd, Duration::from_secs(60)).assert_success("wasm-tools component embed");
    let adapter = d.join("wasi_snapshot_preview1.reactor.wasm");
    fs::write(&adapter, wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER).unwrap();
    let component = d.join("chain.component.wasm");
    let mut cmd = Command::new(&tools);
    cmd.args(["component", "link"]).arg(&emb).arg(&lt);
    cmd.arg(format!("libmid.so={}", mid.display())).arg(&lb).arg(&weak);
    cmd.arg("--adapt").arg(format!("wasi_snapshot_preview1={}", adapter.display())).arg("-o").arg(&component);
    run(&mut cmd, Duration::from_secs(60)).assert_success("wasm-tools component link");
    let mut cmd = Command::new(require_tool("wasmtime"));
    cmd.args(["run", "--invoke", "run()"]).arg(&component);
    let r = run(&mut cmd, Duration::from_secs(120));
    r.assert_success("the linked component");
    let out = r.stdout_str();
    // Constructors: each library's runs (wasm-tools 1.262 runs them in the reverse of the
    // dependency order, so their order is not checked).
    let (ctors, rest): (Vec<&str>, Vec<&str>) = out.lines().partition(|l| l.starts_with("ctor "));
    assert_eq!(ctors.len(), 3, "{}", r.describe());
    for c in ["ctor base", "ctor mid: ", "ctor top: "] {
        assert!(ctors.iter().any(|l| l.starts_with(c)), "no {c:?}: {}", r.describe());
    }
    // wasm-tools resolves libbase's `hook` in libbase's own NEEDED closure: its weak definition.
    assert_eq!(
        rest.join("\n"),
        "component: mid_ptr == &base_counter: yes, *mid_ptr 101\n\
         component: mid_fp == &base_add: yes, libtop's &base_add == mine: yes\n\
         component: top_apply(static function, 5) 16, top_twice(4) 24\n\
         component: hook() from libbase: base's weak hook\n\
         42",
        "{}",
        r.describe()
    );
}
