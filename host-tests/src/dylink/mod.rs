//! A runtime dynamic loader for WebAssembly modules with a `dylink.0` section, on the `wasmtime`
//! crate: a main module (`wasm-ld --experimental-pic -pie`) and its shared libraries
//! (`-shared`), as described by tool-conventions' DynamicLinking.md and as Emscripten's
//! `libdylink.js` and Wasmer's WASIX linker load them. `dylink-run` is its command line.
//!
//! # Loading
//! - Each module's `dylink.0` is read (MEM_INFO, NEEDED, EXPORT_INFO, IMPORT_INFO,
//!   RUNTIME_PATH). A library without one, an old-style `dylink` section or a malformed one is an
//!   error naming the module.
//! - NEEDED libraries are loaded transitively, breadth first. A name with a `/` is a path; a
//!   name already loaded (or being loaded) is that library, as ELF loaders match sonames; any
//!   other name is searched in the needing module's RUNTIME_PATH (`$ORIGIN` and `${ORIGIN}` are
//!   the directory of that module), then in [`LoaderConfig::lib_dirs`]. A library that is not
//!   found is an error naming it, the module that needs it, and the directories searched. A file
//!   already loaded (same canonical path) is not loaded again.
//! - Compiled modules come from the [`Runtime`]'s cache (see [`cache`]): a module is compiled
//!   once per runtime, and once per cache directory across runs.
//!
//! # Memory, table, stack
//! - One memory for the whole program. When the main module imports `env.memory` the loader
//!   creates it with the main module's limits (shared if the import is); when the main module
//!   defines and exports its own (plain `-pie` without `--import-memory`) that one is used, and
//!   the main module's data goes inside its initial memory. Address 0..1024 is never handed out.
//! - Every module gets its MEM_INFO region at its alignment (`env.__memory_base`) from the
//!   loader's allocator, which takes new space only by growing the memory (as `sbrk` does), so
//!   regions are zeroed and never overlap what a guest allocator took.
//! - One table layout for the program: slot 0 is null; each module gets its MEM_INFO table
//!   region at its alignment (`env.__table_base`); GOT.func entries, `dlsym` results and PLT
//!   targets get slots after those. A function has **one slot** in the whole program: the slot
//!   its own module's element segment gives it if it has one, else one the loader allocates on
//!   first use. So `&f` compares equal in every module.
//! - Each thread has its own stack ([`LoaderConfig::stack_size`], `env.__stack_pointer`).
//!
//! # Symbols
//! - Lookup order: the main module, then its libraries in load (breadth-first) order, then
//!   libraries opened with `RTLD_GLOBAL`. A library opened without it resolves its imports in
//!   that global scope, then in itself and its own dependencies. The first module exporting a
//!   name defines it, so a strong or weak definition in the main module overrides a library's
//!   weak one (the library imports its own weak symbols from `env`; see the README).
//! - `env.<f>` function imports bind to the defining module's export (the types must be
//!   equal); `GOT.mem.<x>` globals get the address of data symbol `x` (the defining module's
//!   `__memory_base` plus the exported value; for a TLS export (EXPORT_INFO TLS) the defining
//!   module's `__tls_base` in the importing thread; ABSOLUTE exports as they are); `GOT.func.<f>`
//!   gets `f`'s table slot. `env.memory`, `env.__indirect_function_table`,
//!   `env.__stack_pointer`, `env.__memory_base`, `env.__table_base` are the loader's;
//!   `wasi_snapshot_preview1.*` is wasmtime-wasi's preview 1 (one WASI context per thread, built
//!   from [`LoaderConfig::wasi`]); `wasi.thread-spawn` is wasi-threads; `env.dlopen`,
//!   `env.dlsym`, `env.dlclose`, `env.dlerror` are the host functions below.
//! - `GOT.mem.__heap_base` and `GOT.mem.__heap_end` (what a libc's allocator reads; wasm-ld
//!   defines them only in a module that is not position-independent) are the loader's too,
//!   whatever a module exports: both the end of the memory once the main load has placed every
//!   module, the main stack and the TLS blocks. The guest's heap starts there, empty, and grows
//!   with `memory.grow` (wasi-libc's `sbrk`), as the loader's own later allocations do, so the
//!   two never meet. (An allocator that, like wasi-libc 2022's dlmalloc, takes
//!   `[__heap_base, sbrk(0))` at its first `malloc` and reads no `__heap_end` needs that first
//!   call before the loader grows the memory: before a `dlopen` or a thread. wasi-libc's
//!   `__main_void` mallocs argv before `main`.)
//! - Ordinary exports bind, whatever their name, except a module's own linker-made functions
//!   and globals listed in `RESERVED_EXPORTS` (`__wasm_call_ctors`, `__wasm_apply_data_relocs`,
//!   `__tls_base`, ...). `__wasm_call_dtors` is not one of them: it is libc's (musl's `exit.c`:
//!   atexit functions, then stdio flushed), and a main module's `_start` calls libc.so's.
//! - Every unresolved non-weak import of a load is reported at once. A weak one (IMPORT_INFO
//!   BINDING_WEAK) resolves to address 0, slot 0, or a function that traps when called. A GOT
//!   entry that is not an i32 global, a GOT.mem name that is a function (or the reverse), a
//!   function whose type differs, or a memory import the program's memory cannot satisfy (more
//!   pages than its maximum, a smaller maximum, shared or not) is an error naming the module.
//! - A call into a module that is instantiated later (a library calling back into the main
//!   module, a module calling its own preemptible export) goes through a small generated PLT
//!   module: `call_indirect` through the target's table slot.
//!
//! # Start-up
//! Modules are instantiated a library before the modules that need it (the main module last,
//! unless it defines the memory). Then, on the main thread: TLS blocks (`__wasm_init_tls` with a
//! fresh block, where exported), `__wasm_apply_global_relocs` and
//! `__wasm_apply_global_tls_relocs` (where exported; wasm-ld also calls them itself), the GOT,
//! the loader's table slots, `__wasm_apply_data_relocs` of every module once, and finally the
//! constructors (`__wasm_call_ctors`) in dependency order. The main module's constructors are
//! left to its `_start` (as wasi-libc's `crt1-command.o` does) when it has one.
//!
//! # Guest ABI of the dl functions (import them from `env`)
//! ```c
//! void *dlopen(const char *name, int flags);  // handle, or 0 (NULL) on failure
//! void *dlsym(void *handle, const char *sym); // address, or 0 on failure
//! int   dlclose(void *handle);                // 0, or -1 for a bad handle
//! char *dlerror(void);                        // this thread's last error, then cleared; 0 if none
//! ```
//! - `dlopen(NULL, _)` is the program (the global scope). A name is searched like a NEEDED entry
//!   of the main module (its RUNTIME_PATH, then the lib dirs); a name with `/` is a host path.
//!   Flags are musl's: `RTLD_LAZY` 1, `RTLD_NOW` 2 (both bind at once), `RTLD_NOLOAD` 4,
//!   `RTLD_GLOBAL` 0x100 (the default is local). Opening a loaded library again returns the
//!   same handle. Handles are module numbers plus one.
//! - `dlsym(RTLD_DEFAULT = 0, s)` (or the program's handle) searches the global scope; another
//!   handle searches that library, then its dependencies breadth first. A function's address is
//!   its one table slot; a data symbol's is its address (for a TLS symbol, in the calling thread).
//! - A missing library or symbol, a bad handle or pointer are error values with a `dlerror`
//!   message, never traps. A trap in a constructor run by `dlopen` is the program's trap.
//! - `dlclose` only counts down: modules are never unloaded (as in musl).
//!
//! # Threads
//! With a shared memory (main module linked with `--import-memory --shared-memory`), the program
//! may call `wasi.thread-spawn(arg)`: the loader makes a new **instance group** (a store with
//! every loaded module instantiated against the same memory, its own table with the same
//! contents, its own stack, and a fresh TLS block per module with TLS, initialized by the
//! module's `__wasm_init_tls`) and calls the main module's `wasi_thread_start(tid, arg)` on a
//! new host thread. Modules with TLS must export `__wasm_init_tls` to run on a second thread
//! (`--export=__wasm_init_tls`; also export `__tls_size`, `__tls_align`, `__tls_base`).
//! `proc_exit` or a trap in any thread ends the process with its status, as in wasi-threads.
//!
//! A `dlopen` (or a `dlsym` that needs a new slot) on one thread is **published** to all: the
//! loading thread instantiates the new modules and runs relocations, then bumps an epoch and
//! waits until every other running thread has instantiated them too (each store's epoch callback
//! does it at the thread's next function entry or loop back-edge), and only then runs the
//! constructors and returns. Threads inside a host call (a WASI call through the loader's
//! adapter, a dl function, thread-spawn) are not waited for: they catch up before returning to
//! wasm. A thread blocked in `memory.atomic.wait` cannot answer; after
//! [`LoaderConfig::barrier_timeout`] `dlopen` returns anyway and that thread catches up at its
//! next function entry or loop.

pub mod alloc;
pub mod cache;
pub mod generated;
pub mod loader;
pub mod meta;

pub use cache::{CacheStats, Runtime};
pub use loader::{
    Group, LoaderConfig, ModId, ModuleInfo, Program, RTLD_DEFAULT, RTLD_GLOBAL, RTLD_LAZY, RTLD_NOLOAD, RTLD_NOW,
    error_status, run_file,
};
