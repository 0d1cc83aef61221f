//! Plumbing shared by the root package's tests (`tests/`, through `tests/common`), its benches and
//! examples, and host-tests (`host-tests/tests/`, through `host-tests/tests/common`):
//!
//! - [`paths`]: the repository, the cargo target directory and work directories under it;
//! - [`process`]: running a command with a timeout ([`run`], [`Ran`]) and finding tools on PATH;
//! - [`cargo`]: the pinned cargo of a Rust test program and forcing its final link;
//! - [`clang`]: clang-19 for wasm32-wasi: cached compiles ([`compile_cached`]), archives, the
//!   linker command `clang -###` shows;
//! - [`sqlite`]: the SQLite amalgamation from `libsqlite3-sys` and the flags it needs.
//!
//! Everything is re-exported at the top, so `use wasmlink_test_support::*;` is enough.
//!
//! Pure std, and independent of wasmlink: a test that used this crate and wasmlink would
//! otherwise link two copies of wasmlink's types. Also built for `aarch64-unknown-linux-gnu`
//! (host-tests' threads and stress tests run under qemu).

pub mod cargo;
pub mod clang;
pub mod hash;
pub mod paths;
pub mod process;
pub mod sqlite;

pub use cargo::*;
pub use clang::*;
pub use hash::*;
pub use paths::*;
pub use process::*;
pub use sqlite::*;

/// What a missing tool's failure points at.
pub const SETUP_HINT: &str = "run scripts/setup.sh (it installs clang-19, lld-19, wasi-libc, libc++ for wasm32, \
     wasmtime, wasm-tools and the rust wasm32 targets)";
