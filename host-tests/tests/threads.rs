//! The wasi-threads host (src/threads.rs, `wasi-threads-run`) running a Rust program built for
//! `wasm32-wasip1-threads` (host-tests/programs/threads): std::thread spawn/join with 8 threads,
//! Mutex, Condvar, mpsc (and a rendezvous sync_channel), atomics and a Barrier, thread_local!
//! (const and lazy), scoped threads, RwLock, .data/.bss seen from threads; and the exit paths
//! (proc_exit from a spawned thread, a trap in a spawned thread, exit from main).
//!
//! The program is linked by rust-lld for now; `common::build_threads_program(Some(linker))`
//! builds it with another linker for a differential check.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use common::*;
use host_tests::threads::{Output, ThreadsHost, WasiConfig};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

/// Everything the program prints when run without arguments.
const EXPECTED: &str = "\
join 0: worker-0 -> 500503
join 1: worker-1 -> 2001001
join 2: worker-2 -> 4501504
join 3: worker-3 -> 8002001
join 4: worker-4 -> 12502505
join 5: worker-5 -> 18003009
join 6: worker-6 -> 24503502
join 7: worker-7 -> 32004006
mutex: 35983 (expected 35983) ok
condvar: 200 turns, alternating=true
mpsc: 0:50/40425 1:50/40425 2:50/40425 3:50/40425 4:50/40425 5:50/40425 6:50/40425 7:50/40425
sync_channel: ALPHA,BETA,GAMMA
atomics: total=80000 max=79992 hits=8 cas=true
tls 0: const 7->8 lazy init+t0
tls 1: const 7->9 lazy init+t1
tls 2: const 7->10 lazy init+t2
tls 3: const 7->11 lazy init+t3
tls 4: const 7->12 lazy init+t4
tls 5: const 7->13 lazy init+t5
tls 6: const 7->14 lazy init+t6
tls 7: const 7->15 lazy init+t7
tls main: const 107 lazy init+main
scope: 8 chunks, total 320400
bss: sum 2464, data [3, 1, 4, 1, 5, 9, 2, 6]
all threads done
";

/// The program linked by rust-lld, built once per test binary.
fn program() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| build_threads_program(None))
}

/// Runs `wasm` in the `wasi-threads-run` binary (its own process: `proc_exit` from any thread
/// ends it).
fn run_threads(wasm: &Path, args: &[&str]) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wasi-threads-run"));
    cmd.arg(wasm).args(args);
    run(&mut cmd, Duration::from_secs(120))
}

#[test]
fn rust_threads_program_runs_in_the_threads_host() {
    let r = run_threads(program(), &[]);
    r.assert_success("the threads program");
    assert_eq!(r.stdout_str(), EXPECTED, "{}", r.describe());
}

#[test]
fn repeated_runs_are_identical() {
    // Scheduling differs from run to run; what the program prints must not.
    for _ in 0..4 {
        let r = run_threads(program(), &[]);
        r.assert_success("the threads program");
        assert_eq!(r.stdout_str(), EXPECTED, "{}", r.describe());
    }
}

#[test]
fn proc_exit_from_a_spawned_thread_ends_the_process_with_its_status() {
    let r = run_threads(program(), &["exit-in-thread", "42"]);
    assert_eq!(r.code, Some(42), "{}", r.describe());
    assert_eq!(r.stdout_str(), "exiting from a thread with 42\n");
}

#[test]
fn trap_in_a_spawned_thread_ends_the_process_with_134() {
    let r = run_threads(program(), &["panic-in-thread"]);
    assert_eq!(r.code, Some(134), "{}", r.describe());
    assert_eq!(r.stdout_str(), "panicking in a thread\n");
    let err = r.stderr_str();
    assert!(err.contains("deliberate panic in a thread"), "{err}");
    assert!(err.contains("wasi_thread_start"), "the trap's backtrace names the thread entry:\n{err}");
}

#[test]
fn proc_exit_from_main() {
    let r = run_threads(program(), &["exit", "3"]);
    assert_eq!(r.code, Some(3), "{}", r.describe());
    assert_eq!(r.stdout_str(), "exiting from main\n");
}

#[test]
fn usage_errors() {
    let r = run(&mut Command::new(env!("CARGO_BIN_EXE_wasi-threads-run")), Duration::from_secs(30));
    assert_eq!(r.code, Some(2), "{}", r.describe());
    let r = run_threads(Path::new("/nonexistent.wasm"), &[]);
    assert_eq!(r.code, Some(1), "{}", r.describe());
    assert!(r.stderr_str().contains("/nonexistent.wasm"), "{}", r.describe());
}

#[test]
fn in_process_rust_lld_program_prints_expected() {
    assert_eq!(run_in_process(program()), EXPECTED);
}

/// In-process runs need no second process: they are what the aarch64 (qemu) pass runs.
#[test]
fn in_process_wasmlink_program_prints_expected() {
    assert_eq!(run_in_process(program_linked_by_wasmlink()), EXPECTED);
}

/// Runs the program with the host library in this process, stdout captured.
fn run_in_process(path: &Path) -> String {
    let wasm = std::fs::read(path).unwrap();
    let stdout = MemoryOutputPipe::new(1 << 20);
    let wasi = WasiConfig {
        args: vec!["threads-program".into()],
        stdout: Output::Pipe(stdout.clone()),
        stderr: Output::Inherit,
        ..Default::default()
    };
    let host = ThreadsHost::new(&wasm, wasi).unwrap();
    let memory = host.memory().expect("a wasm32-wasip1-threads module imports a shared memory");
    assert!(memory.ty().is_shared());
    let status = host.run_start().unwrap();
    assert_eq!(status, 0);
    String::from_utf8_lossy(&stdout.contents()).into_owned()
}

/// The native wasmlink binary (`cargo test --release --workspace` builds it), for the
/// cross-built (aarch64) tests too: the linker always runs natively.
fn wasmlink_binary() -> PathBuf {
    let p = target_dir().join("release/wasmlink");
    assert!(p.is_file(), "{} missing: run scripts/test.sh (or cargo build --release -p wasmlink)", p.display());
    p
}

/// The same program linked by wasmlink from rustc's wasm32-wasip1-threads link line
/// (`--import-memory --export-memory --shared-memory --max-memory=... --stack-first`).
fn program_linked_by_wasmlink() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| build_threads_program(Some(&wasmlink_binary())))
}

#[test]
fn wasmlink_linked_threads_program_runs_like_rust_lld() {
    // Several runs: memory initialization races differently every time.
    for run in 0..4 {
        let r = run_threads(program_linked_by_wasmlink(), &[]);
        r.assert_success("the threads program linked by wasmlink");
        assert_eq!(r.stdout_str(), EXPECTED, "run {run}: {}", r.describe());
    }
}
