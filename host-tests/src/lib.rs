//! host-tests: drives the wasmlink component (tests/component_cli.rs through the wasmtime CLI,
//! tests/component.rs through the `wasmtime` crate) and runs what it links, including
//! wasi-threads programs, for which the wasmtime CLI no longer has a host: [`threads`] is one
//! (and `src/bin/wasi-threads-run.rs` its command line); and [`dylink`], a runtime dynamic
//! loader for `dylink.0` modules (`src/bin/dylink-run.rs`).

pub mod dylink;
pub mod threads;
