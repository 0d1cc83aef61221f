//! The engine and the compiled-module cache.
//!
//! Modules are keyed by the SHA-256 of their bytes. A module is compiled at most once per
//! [`Runtime`] (an in-memory map, shared by every program, thread and `dlopen` that uses the
//! runtime), and, with a cache directory, at most once per machine: the compiled code is written
//! there with `Module::serialize` as `<sha256>-<engine>.cwasm` (`<engine>` a hash of wasmtime's
//! version and of the engine's settings, so that another wasmtime never reads it) and read back
//! with `Module::deserialize_file` by later runs.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};
use wasmtime::{Config, Engine, Module, Result};

/// How modules were obtained so far, for tests and `dylink-run --stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Modules compiled by Cranelift (program modules and the loader's generated ones).
    pub compiled: usize,
    /// Modules read from the cache directory.
    pub from_disk: usize,
    /// Requests answered by a module this runtime already had.
    pub from_memory: usize,
}

/// A wasmtime engine set up for dynamically linked programs, with the module cache.
pub struct Runtime {
    engine: Engine,
    cache_dir: Option<PathBuf>,
    engine_tag: String,
    memo: Mutex<HashMap<[u8; 32], Module>>,
    compiled: AtomicUsize,
    from_disk: AtomicUsize,
    from_memory: AtomicUsize,
}

impl Runtime {
    /// A runtime whose compiled modules are also kept in `cache_dir` (created if missing), if
    /// given.
    pub fn new(cache_dir: Option<PathBuf>) -> Result<Arc<Runtime>> {
        let mut config = Config::new();
        // Threads (shared memory), and epoch interruption: the loader uses the epoch to make
        // every thread pick up a library another thread has just opened (see `loader`).
        config.wasm_threads(true).shared_memory(true).epoch_interruption(true);
        let engine = Engine::new(&config)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        engine.precompile_compatibility_hash().hash(&mut h);
        let engine_tag = format!("{:016x}", h.finish());
        if let Some(d) = &cache_dir {
            std::fs::create_dir_all(d)
                .map_err(|e| wasmtime::format_err!("cannot create the module cache {}: {e}", d.display()))?;
        }
        Ok(Arc::new(Runtime {
            engine,
            cache_dir,
            engine_tag,
            memo: Mutex::new(HashMap::new()),
            compiled: AtomicUsize::new(0),
            from_disk: AtomicUsize::new(0),
            from_memory: AtomicUsize::new(0),
        }))
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn cache_dir(&self) -> Option<&Path> {
        self.cache_dir.as_deref()
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats {
            compiled: self.compiled.load(Ordering::Relaxed),
            from_disk: self.from_disk.load(Ordering::Relaxed),
            from_memory: self.from_memory.load(Ordering::Relaxed),
        }
    }

    /// The compiled module for `bytes`: from memory, else from the cache directory, else
    /// compiled now (and written to the cache directory). `name` is only for errors.
    pub fn module(&self, name: &str, bytes: &[u8]) -> Result<Module> {
        let key: [u8; 32] = Sha256::digest(bytes).into();
        // Held while compiling: two threads asking for one module compile it once.
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = memo.get(&key) {
            self.from_memory.fetch_add(1, Ordering::Relaxed);
            return Ok(m.clone());
        }
        let file = self.cache_dir.as_ref().map(|d| d.join(format!("{}-{}.cwasm", hex(&key), self.engine_tag)));
        if let Some(f) = file.as_ref().filter(|f| f.is_file()) {
            // SAFETY: the file is one this loader wrote with `Module::serialize` for an engine
            // with the same compatibility hash (its name says so); a damaged file is detected
            // by wasmtime's header checks or gives an error, and is then recompiled.
            if let Ok(m) = unsafe { Module::deserialize_file(&self.engine, f) } {
                self.from_disk.fetch_add(1, Ordering::Relaxed);
                memo.insert(key, m.clone());
                return Ok(m);
            }
        }
        let m = Module::new(&self.engine, bytes).map_err(|e| wasmtime::format_err!("{name}: {e:#}"))?;
        self.compiled.fetch_add(1, Ordering::Relaxed);
        if let Some(f) = file {
            // Best effort: a cache that cannot be written only costs a compile next time.
            if let Ok(data) = m.serialize() {
                static N: AtomicUsize = AtomicUsize::new(0);
                let n = N.fetch_add(1, Ordering::Relaxed);
                let tmp = f.with_extension(format!("tmp{}-{n}", std::process::id()));
                if std::fs::write(&tmp, data).is_err() || std::fs::rename(&tmp, &f).is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
            }
        }
        memo.insert(key, m.clone());
        Ok(m)
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
