//! Differential tests: every program is linked with wasm-ld-19 (rust-lld for the cargo-built
//! Rust program) and with the linker under test, both modules run under wasmtime, and their
//! stdout and exit status must be identical. The output of the linker under test must also
//! pass `wasm-tools validate`.
//!
//! The linker under test is `$WASMLINK_UNDER_TEST` if set, else the `wasmlink` binary of this
//! package. `WASMLINK_UNDER_TEST=$(which wasm-ld-19) cargo test --release --test differential`
//! checks the harness itself. Missing tools fail the tests: run scripts/setup.sh.
//! Build products go to `<target dir>/difftest/<test name>/`.

mod common;

use common::*;

#[test]
fn c_stdio() {
    CProgram::c("c-stdio")
        .cflags(&["-O0"])
        .sources(&["main.c"])
        .run(
            RunSpec::new()
                .args(&["one", "two words", ""])
                .stdout_has("sscanf got=4"),
        )
        .check();
}

#[test]
fn c_qsort() {
    // Two TUs; -g so DWARF sections (with their relocations) go through the link.
    CProgram::c("c-qsort")
        .cflags(&["-O1", "-g"])
        .sources(&["main.c", "sortutil.c"])
        .run(RunSpec::new().stdout_has("big sorted=1"))
        .check();
}

#[test]
fn c_malloc() {
    CProgram::c("c-malloc")
        .cflags(&["-O2"])
        .sources(&["main.c"])
        .ldflags(&["-Wl,-z,stack-size=1048576"])
        .run(RunSpec::new().stdout_has("deep recursion="))
        .check();
}

#[test]
fn c_varargs() {
    CProgram::c("c-varargs")
        .cflags(&["-O0"])
        .sources(&["main.c", "log.c"])
        .run(RunSpec::new().stdout_has("sum_ints=9"))
        .check();
}

#[test]
fn c_funcptr() {
    CProgram::c("c-funcptr")
        .cflags(&["-O2"])
        .sources(&["main.c", "ops.c"])
        .run(RunSpec::new().stdout_has("addr equal: 1 1 1"))
        .check();
}

/// Tables from C (`__externref_t` arrays, with reference types): two files each with a table of
/// one name, grown, filled and sized, beside the indirect function table; directly and through
/// `-r`.
fn c_tables_program() -> CProgram {
    CProgram::c("c-tables")
        .cflags(&["-O1", "-mreference-types"])
        .sources(&["main.c", "other.c"])
        .run(
            RunSpec::new()
                .stdout_has("refs: 0 -> 2 (grow returned 0)")
                .stdout_has("other file: grow returned 0, size 4")
                .stdout_has("refs after the other file grew its own: 2")
                .stdout_has("and again"),
        )
}

#[test]
fn c_tables() {
    c_tables_program().check();
}

#[test]
fn c_tables_relocatable() {
    c_tables_program().check_relocatable();
}

#[test]
fn c_static_data() {
    CProgram::c("c-static-data")
        .cflags(&["-O1"])
        .sources(&["main.c", "tables.c"])
        .run(
            RunSpec::new()
                .stdout_has("registry entries=3")
                .stdout_has("crc32(\"123456789\")=cbf43926"),
        )
        .check();
}

#[test]
fn c_weak() {
    // weakdefs.c before strong.c; lazy_config.c and extra.c in an indexed archive.
    CProgram::c("c-weak")
        .cflags(&["-O1"])
        .sources(&["main.c", "weakdefs.c", "strong.c"])
        .archive("weakx", true, &["lazy_config.c", "extra.c"])
        .run(
            RunSpec::new()
                .stdout_has("greeting: strong greeting")
                .stdout_has("config_value: 1"),
        )
        .check();
}

#[test]
fn c_strings() {
    CProgram::c("c-strings")
        .cflags(&["-Os"])
        .sources(&["main.c"])
        .run(RunSpec::new().stdout_has("reversed=emordnilap"))
        .check();
}

#[test]
fn c_exit_return() {
    CProgram::c("c-exit-return")
        .cflags(&["-O1"])
        .sources(&["main.c"])
        .run(RunSpec::new().exit(3))
        .run(RunSpec::new().args(&["a", "b"]).exit(5))
        .check();
}

#[test]
fn c_exit_call() {
    CProgram::c("c-exit-call")
        .cflags(&["-O1"])
        .sources(&["main.c"])
        .run(
            RunSpec::new()
                .exit(42)
                .stdout_has("atexit first-registered"),
        )
        .check();
}

#[test]
fn c_wasi_file() {
    // tests/programs/c-wasi-file/data/ is copied into a fresh directory preopened as /data.
    CProgram::c("c-wasi-file")
        .cflags(&["-O1"])
        .sources(&["main.c"])
        .run(
            RunSpec::new()
                .args(&["/data"])
                .stdout_has("lines=5 total=272")
                .stdout_has("entry output.txt"),
        )
        .run(RunSpec::new().args(&["/nonexistent"]).exit(2))
        .check();
}

#[test]
fn c_archive() {
    CProgram::c("c-archive")
        .cflags(&["-O1"])
        .sources(&["main.c"])
        .archive(
            "shapes",
            true,
            &[
                "shapes/circle.c",
                "shapes/square.c",
                "shapes/triangle.c",
                "shapes/dispatch.c",
                "shapes/unused.c",
            ],
        )
        // No symbol index (llvm-ar rcS); banner.o comes before the upper.o it needs.
        .archive("text", false, &["text/banner.c", "text/upper.c"])
        .run(RunSpec::new().stdout_has("== ARCHIVES WORK (tri 7.5) =="))
        .check();
}

/// Thread-local variables without shared memory: wasm-ld 19 writes their addresses where the
/// code adds their offsets to `__tls_base`, and its program prints garbage; LLD 23 is the
/// reference here (README, differences).
#[test]
fn c_tls_single_thread() {
    CProgram::c("c-tls-single")
        .cflags(&["-O1", "-matomics", "-mbulk-memory"])
        .sources(&["main.c"])
        .reference_lld23()
        .run(RunSpec::new().stdout_has("counter=6 table=1,2,3,44 label=tls"))
        .check();
}

#[test]
fn cxx_ctors() {
    CProgram::cxx("cxx-ctors")
        .cflags(&["-O1", "-std=c++17"])
        .sources(&[
            "main.cpp",
            "trace.cpp",
            "early.cpp",
            "late.cpp",
            "containers.cpp",
        ])
        .run(
            RunSpec::new()
                .stdout_has("main: 15 constructors ran before main")
                .stdout_has("dtor main.cpp:101"),
        )
        .check();
}

/// The SQLite program: its driver, and the amalgamation in an indexed archive, as a
/// libsqlite3.a would be.
fn sqlite_program() -> CProgram {
    let sqlite = sqlite_source_dir(&difftest_dir("sqlite-fetch"));
    let amalgamation = sqlite.join("sqlite3.c");
    let mut cflags = vec!["-O1".to_string(), format!("-I{}", sqlite.display())];
    cflags.extend(SQLITE_DEFINES.iter().map(|s| s.to_string()));
    let cflags: Vec<&str> = cflags.iter().map(String::as_str).collect();
    CProgram::c("sqlite")
        .cflags(&cflags)
        .deps(&[sqlite.join("sqlite3.h")])
        .sources(&["driver.c"])
        .archive("sqlite3", true, &[amalgamation.to_str().unwrap()])
        .ldflags(SQLITE_LIBS)
        .run(RunSpec::new().stdout_has("integrity_check\nok\ndone"))
}

#[test]
fn sqlite() {
    sqlite_program().check();
}

/// Relocatable output: SQLite's objects merged with `-r`, then linked (by wasm-ld-19 and by
/// wasmlink) into a program that must run as the direct link does.
#[test]
fn sqlite_relocatable() {
    sqlite_program().check_relocatable();
}

/// Relocatable output of several C objects (and C++ constructors with priorities), linked again.
/// (Without the archive member the program must not pull in: merged into the object, its
/// constructor would run.)
#[test]
fn c_archive_relocatable() {
    CProgram::c("c-archive")
        .cflags(&["-O1"])
        .sources(&["main.c"])
        .archive("shapes", true, &["shapes/circle.c", "shapes/square.c", "shapes/triangle.c", "shapes/dispatch.c"])
        .archive("text", false, &["text/banner.c", "text/upper.c"])
        .run(RunSpec::new().stdout_has("== ARCHIVES WORK (tri 7.5) =="))
        .check_relocatable();
}

#[test]
fn cxx_ctors_relocatable() {
    CProgram::cxx("cxx-ctors")
        .cflags(&["-O1", "-std=c++17"])
        .sources(&["main.cpp", "trace.cpp", "early.cpp", "late.cpp", "containers.cpp"])
        .run(RunSpec::new().stdout_has("main: 15 constructors ran before main").stdout_has("dtor main.cpp:101"))
        .check_relocatable();
}

/// wasm64: a freestanding C program (Debian has no wasm64 libc) compiled with
/// `--target=wasm64-unknown-unknown`, linked with `-m wasm64` by clang's driver (memory64, i64
/// `__stack_pointer`, a table64 function table, 64-bit data and table relocations), run with
/// memory64 enabled.
fn c_wasm64_program() -> CProgram {
    const TARGET: &str = "--target=wasm64-unknown-unknown";
    // (Freestanding, -nostdlib: clang-22 turns a loop into a call to strlen otherwise.)
    CProgram::c("c-wasm64")
        .cflags(&[TARGET, "-O1", "-ffreestanding"])
        .sources(&["main.c"])
        .ldflags(&[TARGET, "-nostdlib"])
        .run(RunSpec::new().wasmtime(&["-W", "memory64=y"]).exit(12).stdout_has("ops: 36"))
}

#[test]
fn c_wasm64() {
    c_wasm64_program().check();
}

/// The same program merged with `-r` and linked again: a relocatable output defines its memory
/// (objects import it), and its 64-bit memory makes it a wasm64 object too.
#[test]
fn c_wasm64_relocatable() {
    c_wasm64_program().check_relocatable();
}

#[test]
fn rust_std() {
    check_cargo_program(
        "rust-std",
        RustTarget::Wasip1,
        &[
            RunSpec::new()
                .args(&["/data", "alpha", "beta", "--exit", "17"])
                .env("DIFFTEST_GREETING", "hello")
                .exit(17)
                .stdout_has("file io ok"),
            // wasm32-wasip1 is panic=abort: the panic inside catch_unwind aborts (trap, 134).
            RunSpec::new()
                .args(&["/data", "--panic"])
                .exit(134)
                .stdout_has("panic hook: deliberate panic"),
        ],
    );
}

/// Today's stable rustc (pinned in tests/programs/rust-serde/rust-toolchain.toml) with crates.io
/// dependencies: its std for wasm32-wasip1 reaches LLD 21's `__wasm_first_page_end`.
#[test]
fn rust_serde_wasip1() {
    check_cargo_program("rust-serde", RustTarget::Wasip1, &serde_runs(5));
}

/// The same through `wasm-component-ld --wasm-ld-path=<linker under test>`: the component it
/// makes from our module runs as the one made from rust-lld's.
#[test]
fn rust_serde_wasip2() {
    // A component's exit takes a result, not a code: exit(5) is status 1.
    check_cargo_program("rust-serde", RustTarget::Wasip2, &serde_runs(1));
}

/// A library for the browser's target, wasm32-unknown-unknown (no WASI, as wasm-bindgen builds
/// them), by the same rustc: its exports, called through `wasmtime run --invoke`, answer as
/// those of rust-lld's module.
#[test]
fn rust_cdylib_unknown() {
    let invoke = |f: &str, args: &[&str], out: &str| RunSpec::new().wasmtime(&["--invoke", f]).args(args).stdout_has(out);
    check_cargo_program(
        "rust-cdylib",
        RustTarget::Unknown,
        &[
            invoke("add", &["2", "40"], "42"),
            invoke("work", &["1000"], "-8469307999413084874"),
            invoke("areas", &["9"], "383.89378290154264"),
            // panic=abort: the failed `expect` is an `unreachable` trap (status 134).
            invoke("checked", &["-1"], "").exit(134),
        ],
    );
}

fn serde_runs(exit_5: i32) -> Vec<RunSpec> {
    vec![
        RunSpec::new().args(&["--exit", "5"]).exit(exit_5).stdout_has("round trip equal: true"),
        // A failed `expect` panics: panic=abort, an `unreachable` trap (status 134).
        RunSpec::new().args(&["--bad"]).exit(134).stdout_has("error at line 1 column 2"),
    ]
}
