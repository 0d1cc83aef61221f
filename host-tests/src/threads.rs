//! A host for wasi-threads programs (`wasm32-wasip1-threads`) on the `wasmtime` crate.
//!
//! The wasmtime CLI (49.x) no longer runs them, so this is our own, after the wasi-threads
//! proposal:
//!
//! - the module's imported shared memory (`env.memory`, or whatever its one memory import is
//!   called) is created once, with the limits the import declares, and given to every instance;
//! - WASI preview 1 comes from `wasmtime-wasi` (`p1::add_to_linker_sync`). Every thread has its
//!   own `Store`, so every thread gets its own `WasiP1Ctx`, built from the same [`WasiConfig`]
//!   (same args, env, preopens; stdout/stderr either inherited from the process or one shared
//!   in-memory pipe). File descriptors opened by one thread are therefore not visible in
//!   another: enough for programs that do their I/O through stdio;
//! - `wasi.thread-spawn(start_arg) -> tid` instantiates the same module against the same memory
//!   (on the calling thread, so that a failure is returned as a negative errno as the proposal
//!   says), then moves the new `Store` to a new host thread which calls
//!   `wasi_thread_start(tid, start_arg)`. Thread ids start at 1;
//! - [`ThreadsHost::run_start`] calls `_start` on the current thread and returns the exit status:
//!   0 when it returns, `n` for `proc_exit(n)`, 134 for a trap (as the wasmtime CLI reports an
//!   abort). `proc_exit` or a trap in any *other* thread ends the whole process at once
//!   (`std::process::exit`) with that status, as wasi-threads requires; so a program whose
//!   threads may exit is best run in its own process (the `wasi-threads-run` binary).
//!
//! The library pieces ([`ThreadsHost::instantiate`], [`ThreadsHost::memory`]) also serve tests
//! that instantiate one module from many host threads at once.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};

use wasmtime::{
    Caller, Config, Engine, ExternType, Instance, InstancePre, Linker, Module, Result, SharedMemory, Store,
};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

/// Exit status reported for a trap (128 + SIGABRT, as the wasmtime CLI does on Unix).
pub const TRAP_EXIT: i32 = 134;

/// The largest thread id wasi-threads allows.
const MAX_TID: i32 = 0x1FFF_FFFF;
/// `EAGAIN` in WASI preview 1, returned negated when no thread can be made.
const EAGAIN: i32 = 6;

/// An engine configured for wasi-threads: the threads proposal and shared memory on.
pub fn engine() -> Result<Engine> {
    let mut config = Config::new();
    config.wasm_threads(true).shared_memory(true);
    Engine::new(&config)
}

/// Where a program's stdout or stderr goes.
#[derive(Clone, Debug, Default)]
pub enum Output {
    /// The host process's own stream.
    #[default]
    Inherit,
    /// One in-memory buffer shared by every thread (read it with `MemoryOutputPipe::contents`).
    Pipe(MemoryOutputPipe),
    /// Discarded.
    Null,
}

/// What each thread's WASI context is made of. Every thread builds its own from this.
#[derive(Clone, Debug, Default)]
pub struct WasiConfig {
    /// `argv`, including `argv[0]`.
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// (host directory, guest path) pairs, read-write.
    pub preopens: Vec<(PathBuf, String)>,
    pub stdout: Output,
    pub stderr: Output,
    /// Inherit the host's stdin (otherwise stdin is empty).
    pub inherit_stdin: bool,
}

impl WasiConfig {
    /// `argv` as given, everything else default (stdio inherited, no stdin).
    pub fn with_args(args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        WasiConfig { args: args.into_iter().map(Into::into).collect(), ..Default::default() }
    }

    pub(crate) fn build(&self) -> Result<WasiP1Ctx> {
        let mut b = WasiCtxBuilder::new();
        b.args(&self.args).envs(&self.env);
        if self.inherit_stdin {
            b.inherit_stdin();
        }
        match &self.stdout {
            Output::Inherit => {
                b.inherit_stdout();
            }
            Output::Pipe(p) => {
                b.stdout(p.clone());
            }
            Output::Null => {}
        }
        match &self.stderr {
            Output::Inherit => {
                b.inherit_stderr();
            }
            Output::Pipe(p) => {
                b.stderr(p.clone());
            }
            Output::Null => {}
        }
        for (host, guest) in &self.preopens {
            b.preopened_dir(host, guest, FsPerms::ReadWrite)?;
        }
        Ok(b.build_p1())
    }
}

/// The per-thread store data.
pub struct State {
    pub wasi: WasiP1Ctx,
    host: Option<Arc<ThreadsHost>>,
}

impl State {
    /// The host this store belongs to (`None` only in the throwaway store used while setting up).
    pub fn host(&self) -> Option<&Arc<ThreadsHost>> {
        self.host.as_ref()
    }
}

/// One module ready to be instantiated on any number of threads against one shared memory.
pub struct ThreadsHost {
    engine: Engine,
    module: Module,
    memory: Option<SharedMemory>,
    pre: InstancePre<State>,
    wasi: WasiConfig,
    next_tid: AtomicI32,
}

impl ThreadsHost {
    /// Compiles `wasm` (a binary module) and prepares its imports: WASI preview 1, `wasi.thread-spawn`
    /// and the shared memory.
    pub fn new(wasm: &[u8], wasi: WasiConfig) -> Result<Arc<Self>> {
        Self::with_imports(&engine()?, wasm, wasi, |_| Ok(()))
    }

    /// As [`ThreadsHost::new`] on a given engine (it must have threads and shared memory on), with
    /// `extra` adding further host functions to the linker (for hand-made test modules).
    pub fn with_imports(
        engine: &Engine,
        wasm: &[u8],
        wasi: WasiConfig,
        extra: impl FnOnce(&mut Linker<State>) -> Result<()>,
    ) -> Result<Arc<Self>> {
        let module = Module::new(engine, wasm)?;
        let mut linker: Linker<State> = Linker::new(engine);
        p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi)?;
        linker.func_wrap("wasi", "thread-spawn", |caller: Caller<'_, State>, start_arg: i32| -> i32 {
            match caller.data().host.clone() {
                Some(host) => host.spawn(start_arg),
                None => -EAGAIN,
            }
        })?;
        extra(&mut linker)?;

        // The memory: one shared memory for all instances, shaped as the import says.
        let mut memory = None;
        for import in module.imports() {
            if let ExternType::Memory(ty) = import.ty() {
                if !ty.is_shared() {
                    // A plain imported memory cannot be shared between stores: give each
                    // instance... nothing sensible. Refuse clearly.
                    wasmtime::bail!(
                        "the module imports a non-shared memory {}.{}; wasi-threads modules import a shared one",
                        import.module(),
                        import.name()
                    );
                }
                let shared = SharedMemory::new(engine, ty)?;
                // `define` wants a store only to check the engine; a throwaway one will do.
                let scratch = Store::new(engine, State { wasi: WasiCtxBuilder::new().build_p1(), host: None });
                linker.define(&scratch, import.module(), import.name(), shared.clone())?;
                memory = Some(shared);
            }
        }
        let pre = linker.instantiate_pre(&module)?;
        Ok(Arc::new(ThreadsHost {
            engine: engine.clone(),
            module,
            memory,
            pre,
            wasi,
            next_tid: AtomicI32::new(1),
        }))
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn module(&self) -> &Module {
        &self.module
    }

    /// The shared memory every instance uses, if the module imports one.
    pub fn memory(&self) -> Option<&SharedMemory> {
        self.memory.as_ref()
    }

    /// A fresh store (with its own WASI context) and an instance of the module in it. The
    /// module's start function (`__wasm_init_memory` under shared memory) runs here.
    pub fn instantiate(self: &Arc<Self>) -> Result<(Store<State>, Instance)> {
        let state = State { wasi: self.wasi.build()?, host: Some(self.clone()) };
        let mut store = Store::new(&self.engine, state);
        let instance = self.pre.instantiate(&mut store)?;
        Ok((store, instance))
    }

    /// Runs the command's `_start` on the current thread; returns its exit status (see the
    /// module documentation). Errors before `_start` runs (instantiation) are returned as such.
    pub fn run_start(self: &Arc<Self>) -> Result<i32> {
        let (mut store, instance) = self.instantiate()?;
        let start = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
        let status = match start.call(&mut store, ()) {
            Ok(()) => 0,
            Err(e) => exit_status(&e),
        };
        flush_stdio();
        Ok(status)
    }

    /// `wasi.thread-spawn`: a new instance on a new host thread; its tid, or a negative errno.
    fn spawn(self: &Arc<Self>, start_arg: i32) -> i32 {
        let tid = self.next_tid.fetch_add(1, Ordering::Relaxed);
        if !(1..=MAX_TID).contains(&tid) {
            return -EAGAIN;
        }
        let (mut store, instance) = match self.instantiate() {
            Ok(x) => x,
            Err(e) => {
                eprintln!("wasi-threads: cannot instantiate the module for thread {tid}: {e:?}");
                return -EAGAIN;
            }
        };
        let entry = match instance.get_typed_func::<(i32, i32), ()>(&mut store, "wasi_thread_start") {
            Ok(f) => f,
            Err(e) => {
                eprintln!("wasi-threads: no usable `wasi_thread_start` export: {e:?}");
                return -EAGAIN;
            }
        };
        let spawned = std::thread::Builder::new().name(format!("wasi-thread-{tid}")).spawn(move || {
            if let Err(e) = entry.call(&mut store, (tid, start_arg)) {
                // proc_exit or a trap in any thread ends the whole program.
                let status = exit_status(&e);
                flush_stdio();
                std::process::exit(status);
            }
        });
        match spawned {
            Ok(_) => tid,
            Err(_) => -EAGAIN,
        }
    }
}

/// The exit status an error from wasm code stands for: `proc_exit(n)` is `n`; anything else
/// (a trap) is reported on stderr and is [`TRAP_EXIT`].
pub fn exit_status(e: &wasmtime::Error) -> i32 {
    if let Some(exit) = e.downcast_ref::<I32Exit>() {
        return exit.0;
    }
    eprintln!("Error: {e:?}");
    TRAP_EXIT
}

fn flush_stdio() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

/// Runs the wasi-threads command in the file `path` with the WASI set-up `wasi` (argv with
/// `argv[0]`, env, preopens, stdio); returns its exit status.
pub fn run_file(path: &std::path::Path, wasi: WasiConfig) -> Result<i32> {
    let wasm = std::fs::read(path).map_err(|e| wasmtime::format_err!("reading {}: {e}", path.display()))?;
    ThreadsHost::new(&wasm, wasi)?.run_start()
}
