//! The loader proper: loading module trees, resolving symbols, instance groups (one per thread),
//! the GOT, the table, TLS, `dlopen` and friends, and wasi-threads. See the module documentation
//! of [`crate::dylink`] for the behaviour.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use wasmparser::SymbolFlags;
use wasmtime::{
    AsContextMut, Caller, Extern, ExternType, Func, FuncType, Global, GlobalType, Instance, Linker, Memory,
    MemoryType, Module, Mutability, Ref, RefType, Result, SharedMemory, Store, StoreContextMut, Table, TableType,
    UpdateDeadline, Val, ValType, bail, format_err,
};
use wasmtime_wasi::p1::{self, WasiP1Ctx};

use super::alloc::{Allocator, Grow, PAGE};
use super::cache::Runtime;
use super::generated;
use super::meta::{self, Dylink, ElemBase, ModuleMeta};
use crate::threads::{WasiConfig, exit_status};

/// A module's number in a program: its place in the order in which every thread instantiates
/// the modules (a library before the modules that need it).
pub type ModId = usize;
type GroupId = u64;

/// `dlopen` flags (musl's and wasi-libc's values).
pub const RTLD_LAZY: i32 = 1;
pub const RTLD_NOW: i32 = 2;
pub const RTLD_NOLOAD: i32 = 4;
pub const RTLD_GLOBAL: i32 = 0x100;
/// `dlsym`'s pseudo-handle for "the global scope" (what musl calls `RTLD_DEFAULT`).
pub const RTLD_DEFAULT: i32 = 0;

/// Exports that are a module's own business, never a symbol another module binds to.
const RESERVED_EXPORTS: &[&str] = &[
    "memory",
    "__indirect_function_table",
    "__stack_pointer",
    "__memory_base",
    "__table_base",
    "__tls_base",
    "__tls_size",
    "__tls_align",
    "__dso_handle",
    "__wasm_call_ctors",
    "__wasm_apply_data_relocs",
    "__wasm_apply_global_relocs",
    "__wasm_apply_global_tls_relocs",
    "__wasm_apply_tls_relocs",
    "__wasm_init_tls",
    "__wasm_init_memory",
    "_start",
    "_initialize",
    "wasi_thread_start",
];

/// Host functions every module may import from `env`, before any module's exports.
const DL_FUNCS: &[&str] = &["dlopen", "dlsym", "dlclose", "dlerror"];

/// Data symbols the loader defines, before any module's exports: where the guest's heap starts
/// (and, for allocators that read it, where its initial part ends). See [`heap_base`].
const HEAP_SYMBOLS: &[&str] = &["__heap_base", "__heap_end"];

/// How to run a program.
#[derive(Clone, Debug)]
pub struct LoaderConfig {
    /// Directories searched for libraries (after each module's RUNTIME_PATH).
    pub lib_dirs: Vec<PathBuf>,
    /// Bytes of stack for each thread (the main one included).
    pub stack_size: u32,
    /// argv, environment, preopens and stdio of every thread's WASI context.
    pub wasi: WasiConfig,
    /// How long `dlopen` waits for the other running threads to load the new modules before it
    /// returns anyway (those threads then load them at their next function entry or loop).
    pub barrier_timeout: Duration,
}

impl Default for LoaderConfig {
    fn default() -> Self {
        LoaderConfig {
            lib_dirs: Vec::new(),
            stack_size: 1 << 20,
            wasi: WasiConfig::default(),
            barrier_timeout: Duration::from_secs(1),
        }
    }
}

/// What is known about a loaded module, for callers of [`Program::modules`].
#[derive(Clone, Debug)]
pub struct ModuleInfo {
    pub name: String,
    pub path: PathBuf,
    pub memory_base: u32,
    pub table_base: u32,
    pub needed: Vec<String>,
}

// ------------------------------------------------------------------------------------------
// Loaded modules and what their imports are bound to

/// What an export of a module is.
#[derive(Clone, Debug)]
enum ExportDesc {
    Func { index: u32, ty: FuncType },
    Global,
    Other(&'static str),
}

#[derive(Clone, Debug)]
struct TlsInfo {
    size: u32,
    align: u32,
    has_init: bool,
}

/// A data symbol a GOT.mem entry holds the address of.
#[derive(Clone, Debug)]
struct DataRef {
    module: ModId,
    export: String,
    tls: bool,
    absolute: bool,
}

/// What a GOT.mem entry holds the address of.
#[derive(Clone, Debug)]
enum GotTarget {
    Data(DataRef),
    /// `__heap_base` or `__heap_end`: the loader's [`heap_base`].
    Heap,
}

/// What one import of a module gets.
#[derive(Clone, Debug)]
enum Binding {
    Memory,
    Table,
    StackPointer,
    MemoryBase(GlobalType),
    TableBase(GlobalType),
    GotMem(GlobalType, Option<GotTarget>),
    /// The slot (0 for an undefined weak function).
    GotFunc(GlobalType, u32),
    /// A function of another module; `plt` is the table slot to call through when the target
    /// is instantiated after the importer.
    Func { target: ModId, export: String, plt: Option<u32> },
    /// An undefined weak function: a stub that traps when called.
    WeakFunc(String),
    Wasi(String),
    Host(&'static str, &'static str),
}

struct LoadedModule {
    id: ModId,
    name: String,
    path: PathBuf,
    module: Module,
    meta: ModuleMeta,
    dylink: Dylink,
    is_main: bool,
    /// NEEDED, as module ids.
    deps: Vec<ModId>,
    table_base: u32,
    /// Set by the first instantiation.
    memory_base: OnceLock<u32>,
    plan: Vec<Binding>,
    exports: HashMap<String, ExportDesc>,
    exports_memory: bool,
    tls: Option<TlsInfo>,
}

impl LoadedModule {
    fn memory_base(&self) -> u32 {
        self.memory_base.get().copied().unwrap_or(0)
    }
}

/// A table slot the loader filled (not one of a module's own element segments).
#[derive(Clone, Debug)]
struct DynSlot {
    slot: u32,
    module: ModId,
    export: String,
}

#[derive(Debug)]
struct GroupInfo {
    acked: u64,
    parked: bool,
}

/// Everything shared by the threads of a program, behind `Shared::st`.
struct State {
    modules: Vec<Arc<LoadedModule>>,
    /// Modules every group must have (a load in progress appends first, publishes after).
    published: usize,
    by_path: HashMap<PathBuf, ModId>,
    /// Lookup order: the main module, its libraries in load order, then `RTLD_GLOBAL` opens.
    global_scope: Vec<ModId>,
    refcount: HashMap<ModId, u32>,
    alloc: Allocator,
    table_next: u32,
    slot_of: HashMap<(ModId, u32), u32>,
    dyn_slots: Vec<DynSlot>,
    published_slots: usize,
    generation: u64,
    groups: HashMap<GroupId, GroupInfo>,
}

/// The program's memory, as modules import it.
#[derive(Clone)]
enum ProgramMemory {
    Shared(SharedMemory),
    /// A plain memory: one thread only; it lives in the main group's store.
    Local,
}

struct Shared {
    rt: Arc<Runtime>,
    config: LoaderConfig,
    host: Linker<Group>,
    memory: OnceLock<ProgramMemory>,
    mem_desc: OnceLock<generated::Mem>,
    st: Mutex<State>,
    cv: Condvar,
    /// Serializes loads (`dlopen`); never held while running guest code.
    load_lock: Mutex<()>,
    next_tid: AtomicI32,
    next_group: AtomicU64,
    main: OnceLock<ModId>,
    /// See [`heap_base`].
    heap_base: OnceLock<u32>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The store data of one instance group (one thread).
pub struct Group {
    pub wasi: WasiP1Ctx,
    shared: Arc<Shared>,
    id: GroupId,
    table: Option<Table>,
    sp: Option<Global>,
    /// The plain memory, when the program's memory is not shared.
    memory: Option<Memory>,
    instances: Vec<Option<Instance>>,
    got: Vec<Vec<(Global, GotTarget)>>,
    tls_base: Vec<Option<u32>>,
    synced: usize,
    slots_filled: usize,
    /// Stack and TLS blocks, freed when the thread ends.
    owned: Vec<(u32, u32)>,
    dlerror: Option<String>,
    dlerror_buf: u32,
    syncing: bool,
}

type Ctx<'a> = StoreContextMut<'a, Group>;

fn shared_of(ctx: &Ctx<'_>) -> Arc<Shared> {
    ctx.data().shared.clone()
}

// ------------------------------------------------------------------------------------------
// The program

/// A dynamically linked program: the main module and its libraries, loaded, linked and
/// initialized (relocations applied, library constructors run) on the calling thread, which is
/// the program's main thread.
pub struct Program {
    store: Store<Group>,
    shared: Arc<Shared>,
}

impl Program {
    /// Loads `main` (a `-pie` main module, or any module) with the libraries it needs.
    pub fn load(rt: &Arc<Runtime>, main: &Path, config: LoaderConfig) -> Result<Program> {
        let shared = Arc::new(Shared {
            rt: rt.clone(),
            host: host_linker(rt)?,
            config,
            memory: OnceLock::new(),
            mem_desc: OnceLock::new(),
            st: Mutex::new(State {
                modules: Vec::new(),
                published: 0,
                by_path: HashMap::new(),
                global_scope: Vec::new(),
                refcount: HashMap::new(),
                alloc: Allocator::new(),
                // Slot 0 stays null, so a null function pointer traps.
                table_next: 1,
                slot_of: HashMap::new(),
                dyn_slots: Vec::new(),
                published_slots: 0,
                generation: 0,
                groups: HashMap::new(),
            }),
            cv: Condvar::new(),
            load_lock: Mutex::new(()),
            next_tid: AtomicI32::new(1),
            next_group: AtomicU64::new(0),
            main: OnceLock::new(),
            heap_base: OnceLock::new(),
        });
        let mut store = new_group_store(&shared, false)?;
        let mut ctx = store.as_context_mut();
        let wasm = std::fs::read(main).map_err(|e| format_err!("cannot read {}: {e}", main.display()))?;
        let _guard = shared.load_lock.lock().unwrap_or_else(|e| e.into_inner());
        let loaded = load(&mut ctx, Root::Main(main.to_path_buf(), wasm), RTLD_GLOBAL)?;
        drop(_guard);
        run_ctors(&mut ctx, &loaded.ctor_order)?;
        Ok(Program { store, shared })
    }

    /// Calls the main module's `_start` on this thread; the exit status: 0 when it returns,
    /// `n` for `proc_exit(n)`, 134 for a trap (reported on stderr).
    pub fn run_start(&mut self) -> Result<i32> {
        let main = self.main_instance()?;
        let start = main.get_typed_func::<(), ()>(&mut self.store, "_start")?;
        let status = match start.call(&mut self.store, ()) {
            Ok(()) => 0,
            Err(e) => exit_status(&e),
        };
        // The main thread no longer runs wasm: a dlopen in another thread need not wait for it.
        set_parked(&self.shared, self.store.data().id, true);
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        Ok(status)
    }

    /// The main module's instance (on the main thread).
    pub fn main_instance(&self) -> Result<Instance> {
        let id = *self.shared.main.get().ok_or_else(|| format_err!("no main module"))?;
        self.store.data().instances.get(id).copied().flatten().ok_or_else(|| format_err!("main module not instantiated"))
    }

    /// The instance of the loaded module named `name` (as NEEDED names it, or the main module's
    /// file name) on the main thread.
    pub fn instance(&self, name: &str) -> Option<Instance> {
        let st = self.shared.lock();
        let id = st.modules.iter().find(|m| m.name == name)?.id;
        self.store.data().instances.get(id).copied().flatten()
    }

    pub fn store(&mut self) -> &mut Store<Group> {
        &mut self.store
    }

    /// The modules loaded so far, in instantiation order.
    pub fn modules(&self) -> Vec<ModuleInfo> {
        let st = self.shared.lock();
        st.modules[..st.published]
            .iter()
            .map(|m| ModuleInfo {
                name: m.name.clone(),
                path: m.path.clone(),
                memory_base: m.memory_base(),
                table_base: m.table_base,
                needed: m.dylink.needed.clone(),
            })
            .collect()
    }
}

/// The exit status an error of [`Program::load`] or [`Program::run_start`] stands for: the
/// status of a `proc_exit` (in a constructor, say), 134 for a trap (reported on stderr), else 1
/// (a loading error, not reported here).
pub fn error_status(e: &wasmtime::Error) -> i32 {
    if e.downcast_ref::<wasmtime_wasi::I32Exit>().is_some() || e.downcast_ref::<wasmtime::Trap>().is_some() {
        exit_status(e)
    } else {
        1
    }
}

/// Loads and runs the program `main` (see [`Program`]); its exit status.
pub fn run_file(rt: &Arc<Runtime>, main: &Path, config: LoaderConfig) -> Result<i32> {
    Program::load(rt, main, config)?.run_start()
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

fn new_group_store(shared: &Arc<Shared>, parked: bool) -> Result<Store<Group>> {
    let id = shared.next_group.fetch_add(1, Ordering::Relaxed);
    let group = Group {
        wasi: shared.config.wasi.build()?,
        shared: shared.clone(),
        id,
        table: None,
        sp: None,
        memory: None,
        instances: Vec::new(),
        got: Vec::new(),
        tls_base: Vec::new(),
        synced: 0,
        slots_filled: 0,
        owned: Vec::new(),
        dlerror: None,
        dlerror_buf: 0,
        syncing: false,
    };
    let mut store = Store::new(shared.rt.engine(), group);
    store.epoch_deadline_callback(|mut ctx| {
        if !ctx.data().syncing {
            sync(&mut ctx)?;
        }
        Ok(UpdateDeadline::Continue(1))
    });
    store.set_epoch_deadline(1);
    {
        let mut st = shared.lock();
        let acked = st.generation;
        st.groups.insert(id, GroupInfo { acked, parked });
    }
    let table = Table::new(&mut store, TableType::new(RefType::FUNCREF, 1, None), Ref::Func(None))?;
    let sp = Global::new(&mut store, GlobalType::new(ValType::I32, Mutability::Var), Val::I32(0))?;
    store.data_mut().table = Some(table);
    store.data_mut().sp = Some(sp);
    Ok(store)
}

// ------------------------------------------------------------------------------------------
// Loading

enum Root {
    Main(PathBuf, Vec<u8>),
    /// A `dlopen` of `name`, resolved to a file.
    Dlopen(PathBuf),
}

struct Loaded {
    root: ModId,
    ctor_order: Vec<ModId>,
}

/// A module read and compiled, not yet given an id.
struct Pending {
    name: String,
    path: PathBuf,
    module: Module,
    meta: ModuleMeta,
    dylink: Dylink,
    is_main: bool,
    /// NEEDED entries: index into the pending list or an existing module.
    deps: Vec<Dep>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Dep {
    New(usize),
    Old(ModId),
}

/// Where a library named `name` is, as its `needer` (path, RUNTIME_PATH) and the config say.
fn find_library(
    shared: &Shared,
    name: &str,
    needer: Option<(&Path, &[String])>,
    by_dlopen: bool,
) -> Result<PathBuf, String> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return if p.is_file() { Ok(p) } else { Err(format!("cannot find {name}: no such file")) };
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some((path, runpath)) = needer {
        let origin = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let origin = origin.to_string_lossy();
        for r in runpath {
            dirs.push(PathBuf::from(r.replace("${ORIGIN}", &origin).replace("$ORIGIN", &origin)));
        }
    }
    dirs.extend(shared.config.lib_dirs.iter().cloned());
    for d in &dirs {
        let p = d.join(name);
        if p.is_file() {
            return Ok(p);
        }
    }
    let searched: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    Err(format!(
        "cannot find {name}{} (searched: {})",
        match needer {
            Some(_) if by_dlopen => String::new(),
            Some((p, _)) => format!(", needed by {}", file_name(p)),
            None => String::new(),
        },
        if searched.is_empty() { "no directories: give --lib-dir".to_string() } else { searched.join(", ") }
    ))
}

fn read_module(shared: &Shared, path: &Path, bytes: Option<Vec<u8>>, is_main: bool) -> Result<Pending> {
    let name = file_name(path);
    let bytes = match bytes {
        Some(b) => b,
        None => std::fs::read(path).map_err(|e| format_err!("cannot read {}: {e}", path.display()))?,
    };
    let meta = meta::read(&bytes).map_err(|e| format_err!("{name}: {e}"))?;
    if !is_main && meta.dylink.is_none() {
        bail!("{name}: not a dynamic library (no dylink.0 section; link it with -shared)");
    }
    let module = shared.rt.module(&name, &bytes)?;
    let dylink = meta.dylink.clone().unwrap_or_default();
    Ok(Pending { name, path: path.to_path_buf(), module, meta, dylink, is_main, deps: Vec::new() })
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Loads `root` and what it needs into the calling group: read and compile, resolve, allocate,
/// instantiate, fill the GOT and the table, apply relocations, publish to the other threads and
/// wait for them. Constructors are left to the caller (in the returned order), after the load
/// lock is released. The caller holds `load_lock`.
fn load(ctx: &mut Ctx<'_>, root: Root, flags: i32) -> Result<Loaded> {
    let shared = shared_of(ctx);
    // What other threads loaded before: the new modules may bind to it.
    sync(ctx)?;
    // 1. Read and compile the tree, breadth first.
    let mut pending: Vec<Pending> = Vec::new();
    let mut index_of: HashMap<PathBuf, usize> = HashMap::new();
    let mut queue: VecDeque<usize> = VecDeque::new();
    {
        let (path, bytes, is_main) = match root {
            Root::Main(p, b) => (p, Some(b), true),
            Root::Dlopen(p) => (p, None, false),
        };
        let p = read_module(&shared, &path, bytes, is_main)?;
        index_of.insert(canonical(&path), 0);
        pending.push(p);
        queue.push_back(0);
    }
    let mut errors = Vec::new();
    while let Some(i) = queue.pop_front() {
        let needed = pending[i].dylink.needed.clone();
        let runpath = pending[i].dylink.runtime_path.clone();
        let needer = pending[i].path.clone();
        for n in needed {
            // A library already loaded (or about to be) under this name is that one, wherever
            // the searching module would have looked (as ELF loaders match sonames).
            let by_name = pending.iter().position(|p| !p.is_main && p.name == n).map(Dep::New).or_else(|| {
                let st = shared.lock();
                st.modules[..st.published].iter().find(|m| !m.is_main && m.name == n).map(|m| Dep::Old(m.id))
            });
            if let Some(dep) = by_name {
                if !pending[i].deps.contains(&dep) {
                    pending[i].deps.push(dep);
                }
                continue;
            }
            let path = match find_library(&shared, &n, Some((&needer, &runpath)), false) {
                Ok(p) => p,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let c = canonical(&path);
            let dep = if let Some(&old) = shared.lock().by_path.get(&c) {
                Dep::Old(old)
            } else if let Some(&j) = index_of.get(&c) {
                Dep::New(j)
            } else {
                let mut p = match read_module(&shared, &path, None, false) {
                    Ok(p) => p,
                    Err(e) => {
                        errors.push(format!("{e:#} (needed by {})", file_name(&needer)));
                        continue;
                    }
                };
                p.name = n.clone();
                let j = pending.len();
                index_of.insert(c, j);
                pending.push(p);
                queue.push_back(j);
                Dep::New(j)
            };
            if !pending[i].deps.contains(&dep) {
                pending[i].deps.push(dep);
            }
        }
    }
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }
    let bfs_order: Vec<usize> = (0..pending.len()).collect();

    // 2. Instantiation order: dependencies first (post-order), except that a main module that
    // defines its own memory comes first (everyone else imports that memory).
    let main_defines_memory = pending[0].is_main
        && pending[0].module.exports().any(|e| matches!(e.ty(), ExternType::Memory(_)))
        && !pending[0].module.imports().any(|i| matches!(i.ty(), ExternType::Memory(_)));
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    if main_defines_memory {
        seen.insert(0);
        order.push(0);
        for d in &pending[0].deps {
            if let Dep::New(j) = d {
                post_order(*j, &pending, &mut seen, &mut order);
            }
        }
    } else {
        post_order(0, &pending, &mut seen, &mut order);
    }
    // Constructors run dependencies first, the main module last.
    let mut ctor_order = Vec::new();
    post_order(0, &pending, &mut HashSet::new(), &mut ctor_order);

    // The program's memory type, decided by the first load.
    if pending[0].is_main {
        decide_memory(ctx, &shared, &pending, main_defines_memory)?;
    }

    // 3. Ids, table regions, resolution; all committed to the state only if nothing fails.
    let mut st = shared.lock();
    let base_id = st.modules.len();
    let id_of = |i: usize| base_id + order.iter().position(|&x| x == i).unwrap_or(0);
    let dep_id = |d: &Dep| match d {
        Dep::Old(m) => *m,
        Dep::New(j) => id_of(*j),
    };
    let saved_table_next = st.table_next;
    let saved_dyn = st.dyn_slots.len();
    let mut new_slot_keys = Vec::new();
    let mut table_bases = vec![0u32; pending.len()];
    for &i in &order {
        let d = &pending[i].dylink;
        let align = 1u32 << d.table_align_log2;
        let base = st.table_next.div_ceil(align).saturating_mul(align);
        let end = base.checked_add(d.table_size).filter(|e| *e <= 10_000_000);
        let Some(end) = end else {
            st.table_next = saved_table_next;
            bail!("{}: its table of {} slots does not fit", pending[i].name, d.table_size);
        };
        table_bases[i] = base;
        st.table_next = end;
        // The module's own element segments: the canonical slot of those functions.
        let id = id_of(i);
        let mut placed: Vec<(u32, u32)> = pending[i]
            .meta
            .elem_slots
            .iter()
            .map(|(&f, &at)| match at {
                ElemBase::TableBase(k) => (f, base.wrapping_add(k)),
                ElemBase::Absolute(k) => (f, k),
            })
            .collect();
        placed.sort();
        for (f, slot) in placed {
            if let std::collections::hash_map::Entry::Vacant(v) = st.slot_of.entry((id, f)) {
                v.insert(slot);
                new_slot_keys.push((id, f));
            }
        }
    }

    // Modules as they will be, for lookups.
    let mut exports_of: Vec<HashMap<String, ExportDesc>> = Vec::new();
    for p in &pending {
        exports_of.push(export_descs(p));
    }
    // Lookup scope, as ids, with a way to find each one's exports.
    let scope: Vec<ModId> = if pending[0].is_main {
        bfs_order.iter().map(|&i| id_of(i)).collect()
    } else {
        let mut s = st.global_scope.clone();
        // The opened library and its dependencies, breadth first.
        let mut q = VecDeque::from([Dep::New(0)]);
        let mut seen = HashSet::new();
        while let Some(d) = q.pop_front() {
            let id = dep_id(&d);
            if !seen.insert(id) {
                continue;
            }
            if !s.contains(&id) {
                s.push(id);
            }
            let deps = match d {
                Dep::New(j) => pending[j].deps.clone(),
                Dep::Old(m) => st.modules[m].deps.iter().map(|&x| Dep::Old(x)).collect(),
            };
            q.extend(deps);
        }
        s
    };
    let new_index = |id: ModId| -> Option<usize> { id.checked_sub(base_id).map(|k| order[k]) };
    let mut plans: Vec<Vec<Binding>> = vec![Vec::new(); pending.len()];
    let mut errors = Vec::new();
    for &i in &order {
        let p = &pending[i];
        let me = id_of(i);
        for imp in p.module.imports() {
            let lookup = |st: &State, name: &str| -> Option<(ModId, ExportDesc)> {
                for &m in &scope {
                    let ex = match new_index(m) {
                        Some(j) => exports_of[j].get(name).cloned(),
                        None => st.modules[m].exports.get(name).cloned(),
                    };
                    if let Some(ex) = ex {
                        return Some((m, ex));
                    }
                }
                None
            };
            let name_of = |st: &State, m: ModId| -> String {
                match new_index(m) {
                    Some(j) => pending[j].name.clone(),
                    None => st.modules[m].name.clone(),
                }
            };
            let export_flags = |st: &State, m: ModId, name: &str, flag: SymbolFlags| -> bool {
                match new_index(m) {
                    Some(j) => pending[j].dylink.export_has(name, flag),
                    None => st.modules[m].dylink.export_has(name, flag),
                }
            };
            let weak = p.dylink.import_is_weak(imp.module(), imp.name());
            let what = format!("{}.{}", imp.module(), imp.name());
            let binding = match (imp.module(), imp.name(), imp.ty()) {
                ("env", "memory", ExternType::Memory(_)) => Binding::Memory,
                ("env", "__indirect_function_table", ExternType::Table(t)) => {
                    if !RefType::eq(t.element(), &RefType::FUNCREF) {
                        errors.push(format!("{}: imports {what} as a table of {}, not funcref", p.name, t.element()));
                        continue;
                    }
                    Binding::Table
                }
                ("env", "__stack_pointer", ExternType::Global(g)) => match i32_global(&g) {
                    Some(gt) if gt.mutability() == Mutability::Var => Binding::StackPointer,
                    _ => {
                        errors.push(format!("{}: imports {what} as {}; it is a mutable i32 global", p.name, global_str(&g)));
                        continue;
                    }
                },
                ("env", n @ ("__memory_base" | "__table_base"), ExternType::Global(g)) => match i32_global(&g) {
                    Some(gt) if n == "__memory_base" => Binding::MemoryBase(gt),
                    Some(gt) => Binding::TableBase(gt),
                    None => {
                        errors.push(format!("{}: imports {what} as {}; it is an i32 global", p.name, global_str(&g)));
                        continue;
                    }
                },
                ("GOT.mem", sym, ExternType::Global(g)) => {
                    let Some(gt) = i32_global(&g) else {
                        errors.push(format!(
                            "{}: imports {what} as {}; GOT entries are i32 globals",
                            p.name,
                            global_str(&g)
                        ));
                        continue;
                    };
                    match if HEAP_SYMBOLS.contains(&sym) { None } else { lookup(&st, sym) } {
                        None if HEAP_SYMBOLS.contains(&sym) => Binding::GotMem(gt, Some(GotTarget::Heap)),
                        Some((m, ExportDesc::Global)) => Binding::GotMem(
                            gt,
                            Some(GotTarget::Data(DataRef {
                                module: m,
                                export: sym.to_string(),
                                tls: export_flags(&st, m, sym, SymbolFlags::TLS),
                                absolute: export_flags(&st, m, sym, SymbolFlags::ABSOLUTE),
                            })),
                        ),
                        Some((m, other)) => {
                            errors.push(format!(
                                "{}: imports the address of data symbol `{sym}` (GOT.mem), but {} exports it as a {}",
                                p.name,
                                name_of(&st, m),
                                desc_kind(&other)
                            ));
                            continue;
                        }
                        None if weak => Binding::GotMem(gt, None),
                        None => {
                            errors.push(format!("undefined symbol: {sym} (data, imported by {} as {what})", p.name));
                            continue;
                        }
                    }
                }
                ("GOT.func", sym, ExternType::Global(g)) => {
                    let Some(gt) = i32_global(&g) else {
                        errors.push(format!(
                            "{}: imports {what} as {}; GOT entries are i32 globals",
                            p.name,
                            global_str(&g)
                        ));
                        continue;
                    };
                    match lookup(&st, sym) {
                        Some((m, ExportDesc::Func { index, .. })) => {
                            let slot = slot_for(&mut st, m, index, sym, &mut new_slot_keys);
                            Binding::GotFunc(gt, slot)
                        }
                        Some((m, other)) => {
                            errors.push(format!(
                                "{}: imports the address of function `{sym}` (GOT.func), but {} exports it as a {}",
                                p.name,
                                name_of(&st, m),
                                desc_kind(&other)
                            ));
                            continue;
                        }
                        None if weak => Binding::GotFunc(gt, 0),
                        None => {
                            errors.push(format!("undefined symbol: {sym} (function, imported by {} as {what})", p.name));
                            continue;
                        }
                    }
                }
                ("env", sym, ExternType::Func(ty)) => {
                    if let Some(h) = DL_FUNCS.iter().find(|h| **h == sym) {
                        Binding::Host("env", h)
                    } else {
                        match lookup(&st, sym) {
                            Some((m, ExportDesc::Func { index, ty: ety })) => {
                                if !FuncType::eq(&ty, &ety) {
                                    errors.push(format!(
                                        "{}: imports function `{sym}` with type {}, but {} exports it with type {}",
                                        p.name,
                                        func_str(&ty),
                                        name_of(&st, m),
                                        func_str(&ety)
                                    ));
                                    continue;
                                }
                                let plt = (m >= me).then(|| slot_for(&mut st, m, index, sym, &mut new_slot_keys));
                                Binding::Func { target: m, export: sym.to_string(), plt }
                            }
                            Some((m, other)) => {
                                errors.push(format!(
                                    "{}: imports `{sym}` as a function, but {} exports it as a {}",
                                    p.name,
                                    name_of(&st, m),
                                    desc_kind(&other)
                                ));
                                continue;
                            }
                            None if weak => Binding::WeakFunc(sym.to_string()),
                            None => {
                                errors.push(format!("undefined symbol: {sym} (function, imported by {})", p.name));
                                continue;
                            }
                        }
                    }
                }
                ("wasi_snapshot_preview1", f, ExternType::Func(_)) => Binding::Wasi(f.to_string()),
                ("wasi", "thread-spawn", ExternType::Func(_)) => Binding::Host("wasi", "thread-spawn"),
                (_, _, ty) => {
                    errors.push(format!(
                        "{}: imports {what} ({}), which the loader does not provide",
                        p.name,
                        match ty {
                            ExternType::Func(_) => "a function",
                            ExternType::Global(_) => "a global",
                            ExternType::Memory(_) => "a memory",
                            ExternType::Table(_) => "a table",
                            _ => "a tag",
                        }
                    ));
                    continue;
                }
            };
            plans[i].push(binding);
        }
    }
    if !errors.is_empty() {
        st.table_next = saved_table_next;
        st.dyn_slots.truncate(saved_dyn);
        for k in new_slot_keys {
            st.slot_of.remove(&k);
        }
        bail!("{}", errors.join("\n"));
    }

    // 4. The modules, appended (not yet published).
    let mut new_ids = Vec::new();
    let mut plans = plans.into_iter().map(Some).collect::<Vec<_>>();
    let mut pending = pending.into_iter().map(Some).collect::<Vec<_>>();
    for &i in &order {
        let Some(p) = pending[i].take() else { continue };
        let id = id_of(i);
        let exports = std::mem::take(&mut exports_of[i]);
        let exports_memory = p.module.exports().any(|e| e.name() == "memory" && matches!(e.ty(), ExternType::Memory(_)));
        let tls_size = p.meta.global_consts.get("__tls_size").map(|v| *v as u32).or(p.meta.tdata_size).unwrap_or(0);
        let tls = (tls_size > 0).then(|| TlsInfo {
            size: tls_size,
            align: p
                .meta
                .global_consts
                .get("__tls_align")
                .map(|v| (*v as u32).max(1))
                .unwrap_or(1 << p.dylink.memory_align_log2),
            has_init: p.meta.func_exports.contains_key("__wasm_init_tls"),
        });
        let deps = p.deps.iter().map(dep_id).collect();
        st.by_path.insert(canonical(&p.path), id);
        st.modules.push(Arc::new(LoadedModule {
            id,
            name: p.name,
            path: p.path,
            module: p.module,
            meta: p.meta,
            dylink: p.dylink,
            is_main: p.is_main,
            deps,
            table_base: table_bases[i],
            memory_base: OnceLock::new(),
            plan: plans[i].take().unwrap_or_default(),
            exports,
            exports_memory,
            tls,
        }));
        new_ids.push(id);
    }
    let root_id = id_of(0);
    let batch: Vec<Arc<LoadedModule>> = st.modules[base_id..].to_vec();
    drop(st);
    if pending_is_main(&batch) {
        let _ = shared.main.set(root_id);
    }

    // 5. Instantiate in this group, then the finishing steps.
    let result = (|| -> Result<()> {
        for m in &batch {
            instantiate_module(ctx, m, true)?;
        }
        finish_batch(ctx, &batch, true)?;
        if pending_is_main(&batch) {
            // Fixed now, even if only a library opened later imports it.
            heap_base(ctx, &shared);
        }
        fill_slots(ctx, usize::MAX)?;
        for m in &batch {
            call_export(ctx, m, "__wasm_apply_data_relocs")?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        // Forget the batch: nobody else has seen it.
        let mut st = shared.lock();
        st.modules.truncate(base_id);
        st.by_path.retain(|_, id| *id < base_id);
        st.table_next = st.table_next.max(saved_table_next);
        st.dyn_slots.truncate(saved_dyn);
        st.slot_of.retain(|(m, _), _| *m < base_id);
        let g = ctx.data_mut();
        g.instances.truncate(base_id);
        g.got.truncate(base_id);
        g.tls_base.truncate(base_id);
        return Err(e);
    }

    // 6. Publish, and wait for the other threads to catch up.
    {
        let mut st = shared.lock();
        st.published = st.modules.len();
        st.published_slots = st.dyn_slots.len();
        if flags & RTLD_GLOBAL != 0 || pending_is_main(&batch) {
            for m in &batch {
                if !st.global_scope.contains(&m.id) {
                    st.global_scope.push(m.id);
                }
            }
            // The main load's scope is the main module, then its libraries breadth first.
            if pending_is_main(&batch) {
                st.global_scope = scope.clone();
            }
        }
        *st.refcount.entry(root_id).or_insert(0) += 1;
        let me = ctx.data().id;
        let published = st.published;
        let slots = st.published_slots;
        let g = ctx.data_mut();
        g.synced = published;
        g.slots_filled = slots;
        publish_and_wait(&shared, st, me);
    }
    let ctor_order = ctor_order
        .into_iter()
        .map(id_of)
        .filter(|id| new_ids.contains(id))
        .collect();
    Ok(Loaded { root: root_id, ctor_order })
}

fn pending_is_main(batch: &[Arc<LoadedModule>]) -> bool {
    batch.iter().any(|m| m.is_main)
}

/// Runs the constructors of freshly loaded modules (`__wasm_call_ctors`), a library before
/// the modules that need it. The main module's are left to its `_start` when it has one.
fn run_ctors(ctx: &mut Ctx<'_>, order: &[ModId]) -> Result<()> {
    let shared = shared_of(ctx);
    for &id in order {
        let m = shared.lock().modules[id].clone();
        if m.is_main && m.meta.func_exports.contains_key("_start") {
            continue;
        }
        call_export(ctx, &m, "__wasm_call_ctors")?;
    }
    Ok(())
}

fn call_export(ctx: &mut Ctx<'_>, m: &LoadedModule, name: &str) -> Result<()> {
    if !m.meta.func_exports.contains_key(name) {
        return Ok(());
    }
    let inst = ctx.data().instances.get(m.id).copied().flatten().ok_or_else(|| format_err!("{} is not instantiated", m.name))?;
    let f = inst
        .get_typed_func::<(), ()>(&mut *ctx, name)
        .map_err(|e| format_err!("{}: its export {name} is not a function of no arguments: {e}", m.name))?;
    f.call(&mut *ctx, ())
}

fn export_descs(p: &Pending) -> HashMap<String, ExportDesc> {
    let mut out = HashMap::new();
    for e in p.module.exports() {
        if RESERVED_EXPORTS.contains(&e.name()) {
            continue;
        }
        let d = match e.ty() {
            ExternType::Func(ty) => match p.meta.func_exports.get(e.name()) {
                Some(&index) => ExportDesc::Func { index, ty },
                None => continue,
            },
            ExternType::Global(_) => ExportDesc::Global,
            ExternType::Memory(_) => ExportDesc::Other("memory"),
            ExternType::Table(_) => ExportDesc::Other("table"),
            ExternType::Tag(_) => ExportDesc::Other("tag"),
        };
        out.insert(e.name().to_string(), d);
    }
    out
}

fn desc_kind(d: &ExportDesc) -> &'static str {
    match d {
        ExportDesc::Func { .. } => "function",
        ExportDesc::Global => "data symbol (global)",
        ExportDesc::Other(k) => k,
    }
}

fn i32_global(g: &GlobalType) -> Option<GlobalType> {
    matches!(g.content(), ValType::I32).then(|| g.clone())
}

fn global_str(g: &GlobalType) -> String {
    format!("{}{}", if g.mutability() == Mutability::Var { "mutable " } else { "" }, g.content())
}

fn func_str(t: &FuncType) -> String {
    let p: Vec<String> = t.params().map(|v| v.to_string()).collect();
    let r: Vec<String> = t.results().map(|v| v.to_string()).collect();
    format!("({}) -> ({})", p.join(", "), r.join(", "))
}

/// The table slot of function `index` of module `m`: its own element segment's slot, or one
/// allocated now (recorded for every thread to fill).
fn slot_for(st: &mut State, m: ModId, index: u32, export: &str, new_keys: &mut Vec<(ModId, u32)>) -> u32 {
    if let Some(&s) = st.slot_of.get(&(m, index)) {
        return s;
    }
    let slot = st.table_next;
    st.table_next += 1;
    st.slot_of.insert((m, index), slot);
    new_keys.push((m, index));
    st.dyn_slots.push(DynSlot { slot, module: m, export: export.to_string() });
    slot
}

/// The program's memory: created from the main module's import, or the main module's own.
fn decide_memory(ctx: &mut Ctx<'_>, shared: &Arc<Shared>, pending: &[Pending], main_defines: bool) -> Result<()> {
    if main_defines {
        let ty = pending[0]
            .module
            .exports()
            .find_map(|e| match e.ty() {
                ExternType::Memory(m) => Some(m),
                _ => None,
            })
            .ok_or_else(|| format_err!("no memory"))?;
        if ty.is_shared() {
            // Every instance of the main module would make its own: no threads this way.
            bail!(
                "{}: defines its own shared memory; a threaded main module must import it (link it with --import-memory)",
                pending[0].name
            );
        }
        let _ = shared.mem_desc.set(generated::Mem { minimum: 0, maximum: ty.maximum(), shared: false });
        let _ = shared.memory.set(ProgramMemory::Local);
        return Ok(());
    }
    // The first module (main first) that imports a memory says what it is.
    let ty = pending.iter().find_map(|p| {
        p.module.imports().find_map(|i| match i.ty() {
            ExternType::Memory(m) if i.module() == "env" && i.name() == "memory" => Some(m),
            _ => None,
        })
    });
    let ty = ty.unwrap_or_else(|| MemoryType::new(1, None));
    if ty.is_64() {
        bail!("{}: 64-bit memories (wasm64) are not supported", pending[0].name);
    }
    let min = ty.minimum().max(1);
    let max = ty.maximum();
    let mem_ty = if ty.is_shared() {
        MemoryType::shared(min as u32, max.unwrap_or(65536) as u32)
    } else {
        MemoryType::new(min as u32, max.map(|m| m as u32))
    };
    let desc = generated::Mem { minimum: 0, maximum: mem_ty.maximum(), shared: ty.is_shared() };
    if ty.is_shared() {
        let sm = SharedMemory::new(shared.rt.engine(), mem_ty)?;
        let _ = shared.memory.set(ProgramMemory::Shared(sm));
    } else {
        let m = Memory::new(&mut *ctx, mem_ty)?;
        ctx.data_mut().memory = Some(m);
        let _ = shared.memory.set(ProgramMemory::Local);
    }
    let _ = shared.mem_desc.set(desc);
    // The low 1 KiB stays unused (null is not a valid address), the rest of the initial
    // memory is free.
    shared.lock().alloc.add_free(1024, min * PAGE);
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Memory access from the host

struct LocalGrow<'a, 'b> {
    mem: Memory,
    ctx: &'a mut Ctx<'b>,
}

impl Grow for LocalGrow<'_, '_> {
    fn size_bytes(&mut self) -> u64 {
        self.mem.data_size(&*self.ctx) as u64
    }
    fn grow_pages(&mut self, pages: u64) -> Result<u64, String> {
        self.mem.grow(&mut *self.ctx, pages).map_err(|e| format!("{e}"))
    }
}

struct SharedGrow(SharedMemory);

impl Grow for SharedGrow {
    fn size_bytes(&mut self) -> u64 {
        self.0.data_size() as u64
    }
    fn grow_pages(&mut self, pages: u64) -> Result<u64, String> {
        self.0.grow(pages).map_err(|e| format!("{e}"))
    }
}

fn program_memory(shared: &Shared) -> Result<ProgramMemory> {
    shared.memory.get().cloned().ok_or_else(|| format_err!("the program has no memory yet"))
}

/// `size` bytes at `align` from the loader's allocator.
fn alloc_mem(ctx: &mut Ctx<'_>, size: u32, align: u32) -> Result<u32> {
    let shared = shared_of(ctx);
    let r = match program_memory(&shared)? {
        ProgramMemory::Shared(sm) => shared.lock().alloc.alloc(size, align, &mut SharedGrow(sm)),
        ProgramMemory::Local => {
            let mem = ctx.data().memory.ok_or_else(|| format_err!("the program has no memory yet"))?;
            let mut st = shared.lock();
            st.alloc.alloc(size, align, &mut LocalGrow { mem, ctx })
        }
    };
    r.map_err(|e| format_err!("{e}"))
}

fn mem_read(ctx: &mut Ctx<'_>, addr: u32, len: u32) -> Option<Vec<u8>> {
    let shared = shared_of(ctx);
    let (a, l) = (addr as usize, len as usize);
    match shared.memory.get()? {
        ProgramMemory::Shared(sm) => {
            let data = sm.data();
            let cells = data.get(a..a.checked_add(l)?)?;
            // SAFETY: plain byte reads of shared memory; racing writers give stale or mixed
            // bytes, never undefined behaviour for `u8`.
            Some(cells.iter().map(|c| unsafe { *c.get() }).collect())
        }
        ProgramMemory::Local => {
            let mem = ctx.data().memory?;
            mem.data(&*ctx).get(a..a.checked_add(l)?).map(<[u8]>::to_vec)
        }
    }
}

fn mem_write(ctx: &mut Ctx<'_>, addr: u32, bytes: &[u8]) -> bool {
    let shared = shared_of(ctx);
    let a = addr as usize;
    let Some(mem) = shared.memory.get() else { return false };
    match mem {
        ProgramMemory::Shared(sm) => {
            let data = sm.data();
            let Some(cells) = a.checked_add(bytes.len()).and_then(|e| data.get(a..e)) else { return false };
            for (c, b) in cells.iter().zip(bytes) {
                // SAFETY: as in `mem_read`.
                unsafe { *c.get() = *b };
            }
            true
        }
        ProgramMemory::Local => {
            let Some(m) = ctx.data().memory else { return false };
            m.write(&mut *ctx, a, bytes).is_ok()
        }
    }
}

/// A NUL-terminated string from guest memory (at most 4 KiB).
fn read_cstr(ctx: &mut Ctx<'_>, addr: u32) -> Option<String> {
    let mut out = Vec::new();
    let mut a = addr;
    loop {
        let chunk = mem_read(ctx, a, 64).or_else(|| {
            // Near the end of memory: byte by byte.
            mem_read(ctx, a, 1)
        })?;
        if let Some(z) = chunk.iter().position(|&b| b == 0) {
            out.extend_from_slice(&chunk[..z]);
            return Some(String::from_utf8_lossy(&out).into_owned());
        }
        out.extend_from_slice(&chunk);
        if out.len() > 4096 {
            return None;
        }
        a = a.checked_add(chunk.len() as u32)?;
    }
}

// ------------------------------------------------------------------------------------------
// Instantiation in a group

fn memory_extern(ctx: &Ctx<'_>, shared: &Shared) -> Result<Extern> {
    match program_memory(shared)? {
        ProgramMemory::Shared(sm) => Ok(Extern::SharedMemory(sm)),
        ProgramMemory::Local => {
            ctx.data().memory.map(Extern::Memory).ok_or_else(|| format_err!("the program has no memory yet"))
        }
    }
}

fn memory_pages(ctx: &Ctx<'_>, shared: &Shared) -> u64 {
    match shared.memory.get() {
        Some(ProgramMemory::Shared(sm)) => sm.size(),
        Some(ProgramMemory::Local) => ctx.data().memory.map(|m| m.size(ctx)).unwrap_or(0),
        None => 0,
    }
}

fn ensure_table(ctx: &mut Ctx<'_>, size: u32) -> Result<()> {
    let Some(table) = ctx.data().table else { return Ok(()) };
    let cur = table.size(&*ctx);
    if cur < size as u64 {
        table.grow(&mut *ctx, size as u64 - cur, Ref::Func(None))?;
    }
    Ok(())
}

/// Checks (and grows for) a module's memory import, with a message that names the module.
fn check_memory_import(ctx: &mut Ctx<'_>, shared: &Shared, m: &LoadedModule) -> Result<()> {
    let Some(ty) = m.module.imports().find_map(|i| match i.ty() {
        ExternType::Memory(t) if i.module() == "env" && i.name() == "memory" => Some(t),
        _ => None,
    }) else {
        return Ok(());
    };
    let desc = *shared.mem_desc.get().ok_or_else(|| format_err!("no memory"))?;
    if ty.is_64() {
        bail!("{}: imports a 64-bit memory (wasm64), which is not supported", m.name);
    }
    if ty.is_shared() != desc.shared {
        bail!(
            "{}: imports a {} memory, but the program's memory is {}",
            m.name,
            if ty.is_shared() { "shared" } else { "non-shared" },
            if desc.shared { "shared (the main module was linked with --shared-memory)" } else { "not shared" }
        );
    }
    let limit = desc.maximum.unwrap_or(65536);
    if ty.minimum() > limit {
        bail!(
            "{}: imports a memory of at least {} pages, but the program's memory is limited to {} pages",
            m.name,
            ty.minimum(),
            limit
        );
    }
    if let Some(max) = ty.maximum()
        && desc.maximum.is_none_or(|d| d > max)
    {
        bail!(
            "{}: imports a memory of at most {max} pages, but the program's memory may grow to {} pages",
            m.name,
            desc.maximum.map_or("any number of".to_string(), |d| d.to_string())
        );
    }
    let cur = memory_pages(ctx, shared);
    if ty.minimum() > cur {
        let grow = ty.minimum() - cur;
        let r = match program_memory(shared)? {
            ProgramMemory::Shared(sm) => sm.grow(grow).map(|_| ()),
            ProgramMemory::Local => {
                let mem = ctx.data().memory.ok_or_else(|| format_err!("no memory"))?;
                mem.grow(&mut *ctx, grow).map(|_| ())
            }
        };
        r.map_err(|e| format_err!("{}: cannot grow the memory to the {} pages it imports: {e}", m.name, ty.minimum()))?;
    }
    Ok(())
}

fn instantiate_module(ctx: &mut Ctx<'_>, m: &Arc<LoadedModule>, first: bool) -> Result<()> {
    let shared = shared_of(ctx);
    // The module's memory region (first instantiation only).
    let main_defines_memory = m.is_main && !m.plan.iter().any(|b| matches!(b, Binding::Memory)) && m.exports_memory;
    // A main module at fixed addresses (linked without -pie, against shared libraries: LLD 21's
    // non-PIE dynamic linking) has dylink.0 for its NEEDED libraries but no `__memory_base`:
    // its data is where it was linked, and its memory is its own layout, as a module without
    // dylink.0.
    let fixed_main = m.is_main && !m.plan.iter().any(|b| matches!(b, Binding::MemoryBase(_)));
    if first && m.memory_base.get().is_none() {
        let size = m.dylink.memory_size;
        let align = 1u32 << m.dylink.memory_align_log2;
        let base = if fixed_main {
            0
        } else if main_defines_memory {
            // Inside the main module's own initial memory, past the first KiB if it fits.
            let initial = m
                .module
                .exports()
                .find_map(|e| match e.ty() {
                    ExternType::Memory(t) => Some(t.minimum() * PAGE),
                    _ => None,
                })
                .unwrap_or(0);
            let b = 1024u64.div_ceil(align as u64) * align as u64;
            if b + size as u64 <= initial {
                b as u32
            } else if size as u64 <= initial {
                0
            } else {
                bail!("{}: its data ({size} bytes) does not fit in its own memory", m.name);
            }
        } else {
            alloc_mem(ctx, size, align).map_err(|e| format_err!("{}: {e}", m.name))?
        };
        let _ = m.memory_base.set(base);
    }
    let memory_base = m.memory_base();
    if !main_defines_memory {
        check_memory_import(ctx, &shared, m)?;
    }
    let table_next = shared.lock().table_next;
    ensure_table(ctx, table_next)?;

    let g = ctx.data();
    let (table, sp) = (g.table, g.sp);
    let mut imports: Vec<Extern> = Vec::new();
    let mut got: Vec<(Global, GotTarget)> = Vec::new();
    let mut plt_entries: Vec<(usize, generated::Sig, u32)> = Vec::new();
    let mut wasi_entries: Vec<(usize, String, generated::Sig)> = Vec::new();
    for (k, (imp, b)) in m.module.imports().zip(&m.plan).enumerate() {
        let ext = match b {
            Binding::Memory => memory_extern(ctx, &shared)?,
            Binding::Table => Extern::Table(table.ok_or_else(|| format_err!("no table"))?),
            Binding::StackPointer => Extern::Global(sp.ok_or_else(|| format_err!("no stack pointer"))?),
            Binding::MemoryBase(gt) => Extern::Global(Global::new(&mut *ctx, gt.clone(), Val::I32(memory_base as i32))?),
            Binding::TableBase(gt) => Extern::Global(Global::new(&mut *ctx, gt.clone(), Val::I32(m.table_base as i32))?),
            Binding::GotMem(gt, target) => {
                let g = Global::new(&mut *ctx, gt.clone(), Val::I32(0))?;
                if let Some(t) = target {
                    got.push((g, t.clone()));
                }
                Extern::Global(g)
            }
            Binding::GotFunc(gt, slot) => Extern::Global(Global::new(&mut *ctx, gt.clone(), Val::I32(*slot as i32))?),
            Binding::Func { target, export, plt } => {
                let inst = ctx.data().instances.get(*target).copied().flatten();
                match (inst, plt) {
                    (Some(inst), _) => {
                        let f = inst.get_func(&mut *ctx, export).ok_or_else(|| {
                            format_err!("{}: its import {export} has no function to bind to", m.name)
                        })?;
                        Extern::Func(f)
                    }
                    (None, Some(slot)) => {
                        let ExternType::Func(ty) = imp.ty() else { bail!("{}: bad import", m.name) };
                        let sig = generated::sig_of(&ty)
                            .ok_or_else(|| format_err!("{}: cannot call `{export}` indirectly: type {}", m.name, func_str(&ty)))?;
                        plt_entries.push((k, sig, *slot));
                        Extern::Func(dummy_func(ctx)) // replaced below
                    }
                    (None, None) => bail!("{}: `{export}` is not instantiated yet", m.name),
                }
            }
            Binding::WeakFunc(name) => {
                let ExternType::Func(ty) = imp.ty() else { bail!("{}: bad import", m.name) };
                let (name, module) = (name.clone(), m.name.clone());
                Extern::Func(Func::new(&mut *ctx, ty, move |_, _, _| {
                    bail!("call to undefined weak function `{name}` (imported by {module})")
                }))
            }
            Binding::Wasi(name) => {
                if m.exports_memory {
                    shared
                        .host
                        .get(&mut *ctx, "wasi_snapshot_preview1", name).map_err(|e| format_err!("{}: {e:#}", m.name))?
                } else {
                    let ExternType::Func(ty) = imp.ty() else { bail!("{}: bad import", m.name) };
                    let sig = generated::sig_of(&ty).ok_or_else(|| format_err!("{}: bad WASI import {name}", m.name))?;
                    wasi_entries.push((k, name.clone(), sig));
                    Extern::Func(dummy_func(ctx))
                }
            }
            Binding::Host(module, name) => shared
                .host
                .get(&mut *ctx, module, name).map_err(|e| format_err!("{}: {e:#}", m.name))?,
        };
        imports.push(ext);
    }
    if !plt_entries.is_empty() {
        let entries: Vec<(generated::Sig, u32)> = plt_entries.iter().map(|(_, s, slot)| (s.clone(), *slot)).collect();
        let bytes = generated::plt(&entries);
        let module = shared.rt.module("the loader's PLT", &bytes)?;
        let inst = Instance::new(&mut *ctx, &module, &[Extern::Table(table.ok_or_else(|| format_err!("no table"))?)])?;
        for (n, (k, _, _)) in plt_entries.iter().enumerate() {
            let f = inst.get_func(&mut *ctx, &n.to_string()).ok_or_else(|| format_err!("PLT entry missing"))?;
            imports[*k] = Extern::Func(f);
        }
    }
    if !wasi_entries.is_empty() {
        let funcs: Vec<(String, generated::Sig)> = wasi_entries.iter().map(|(_, n, s)| (n.clone(), s.clone())).collect();
        let desc = *shared.mem_desc.get().ok_or_else(|| format_err!("no memory"))?;
        let bytes = generated::wasi_adapter(desc, &funcs);
        let module = shared.rt.module("the loader's WASI adapter", &bytes)?;
        let mut adapter_imports = Vec::new();
        for (_, name, _) in &wasi_entries {
            adapter_imports.push(
                shared
                    .host
                    .get(&mut *ctx, "wasi_snapshot_preview1", name).map_err(|e| format_err!("{}: {e:#}", m.name))?,
            );
        }
        for f in ["park", "unpark"] {
            adapter_imports.push(shared.host.get(&mut *ctx, "dylink", f).map_err(|e| format_err!("{}: {e:#}", m.name))?);
        }
        adapter_imports.push(memory_extern(ctx, &shared)?);
        let inst = Instance::new(&mut *ctx, &module, &adapter_imports)
            .map_err(|e| format_err!("{}: its WASI imports: {e:#}", m.name))?;
        for (k, name, _) in &wasi_entries {
            let f = inst.get_func(&mut *ctx, name).ok_or_else(|| format_err!("adapter entry missing"))?;
            imports[*k] = Extern::Func(f);
        }
    }
    let inst = Instance::new(&mut *ctx, &m.module, &imports).map_err(|e| format_err!("instantiating {}: {e:#}", m.name))?;
    if main_defines_memory && first {
        let mem = inst.get_memory(&mut *ctx, "memory").ok_or_else(|| format_err!("{}: no memory export", m.name))?;
        ctx.data_mut().memory = Some(mem);
        // A position-independent main module keeps its data in its MEM_INFO region, so the
        // rest of its initial memory is free. A module without dylink.0 has its own static
        // layout there: the loader then takes only memory it grows.
        if m.meta.dylink.is_some() && !fixed_main {
            let end = mem.data_size(&*ctx) as u64;
            let region_end = memory_base as u64 + m.dylink.memory_size as u64;
            let mut st = shared.lock();
            st.alloc.add_free(region_end.max(1024), end);
            if memory_base as u64 > 1024 {
                st.alloc.add_free(1024, memory_base as u64);
            }
        }
    }
    let g = ctx.data_mut();
    if g.instances.len() <= m.id {
        g.instances.resize(m.id + 1, None);
        g.got.resize_with(m.id + 1, Vec::new);
        g.tls_base.resize(m.id + 1, None);
    }
    g.instances[m.id] = Some(inst);
    g.got[m.id] = got;
    Ok(())
}

/// A placeholder function for an import filled in afterwards.
fn dummy_func(ctx: &mut Ctx<'_>) -> Func {
    Func::wrap(&mut *ctx, || {})
}

/// After a batch of modules is instantiated in a group: the thread's stack (first time), TLS
/// blocks, global relocations, GOT entries and table slots.
fn finish_batch(ctx: &mut Ctx<'_>, batch: &[Arc<LoadedModule>], first: bool) -> Result<()> {
    let shared = shared_of(ctx);
    if ctx.data().sp.is_some() && stack_unset(ctx) {
        let size = shared.config.stack_size.max(4096);
        let base = alloc_mem(ctx, size, 16).map_err(|e| format_err!("the stack: {e}"))?;
        ctx.data_mut().owned.push((base, size));
        if let Some(sp) = ctx.data().sp {
            sp.set(&mut *ctx, Val::I32((base + size) as i32))?;
        }
    }
    for m in batch {
        let inst = ctx.data().instances[m.id].ok_or_else(|| format_err!("{} is not instantiated", m.name))?;
        if let Some(tls) = &m.tls {
            if tls.has_init {
                let block = alloc_mem(ctx, tls.size, tls.align).map_err(|e| format_err!("{}: its TLS block: {e}", m.name))?;
                ctx.data_mut().owned.push((block, tls.size));
                let init = inst.get_typed_func::<i32, ()>(&mut *ctx, "__wasm_init_tls")?;
                init.call(&mut *ctx, block as i32)?;
                ctx.data_mut().tls_base[m.id] = Some(block);
            } else if first {
                if let Some(Extern::Global(g)) = inst.get_export(&mut *ctx, "__tls_base")
                    && let Val::I32(v) = g.get(&mut *ctx)
                {
                    ctx.data_mut().tls_base[m.id] = Some(v as u32);
                }
            } else {
                bail!(
                    "{}: has thread-local storage but does not export __wasm_init_tls, so it cannot run on a second \
                     thread (link it with --export=__wasm_init_tls)",
                    m.name
                );
            }
        }
        call_export(ctx, m, "__wasm_apply_global_relocs")?;
        call_export(ctx, m, "__wasm_apply_global_tls_relocs")?;
    }
    // GOT.mem entries.
    let modules: Vec<Arc<LoadedModule>> = shared.lock().modules.clone();
    for m in batch {
        let entries = ctx.data().got[m.id].clone();
        for (global, target) in entries {
            let r = match target {
                GotTarget::Data(r) => r,
                GotTarget::Heap => {
                    let v = heap_base(ctx, &shared);
                    global.set(&mut *ctx, Val::I32(v as i32))?;
                    continue;
                }
            };
            let t = &modules[r.module];
            let offset = match t.meta.global_consts.get(&r.export) {
                Some(v) => *v as u32,
                None => {
                    let inst = ctx.data().instances[r.module].ok_or_else(|| format_err!("{} not instantiated", t.name))?;
                    match inst.get_global(&mut *ctx, &r.export).map(|g| g.get(&mut *ctx)) {
                        Some(Val::I32(v)) => v as u32,
                        _ => bail!("{}: its export {} is not an i32 global", t.name, r.export),
                    }
                }
            };
            let value = if r.absolute {
                offset
            } else if r.tls {
                let base = ctx.data().tls_base.get(r.module).copied().flatten().ok_or_else(|| {
                    format_err!(
                        "{}: uses thread-local `{}` of {}, whose TLS block is unknown (link {} with \
                         --export=__wasm_init_tls --export=__tls_size --export=__tls_align --export=__tls_base)",
                        m.name,
                        r.export,
                        t.name,
                        t.name
                    )
                })?;
                base.wrapping_add(offset)
            } else {
                t.memory_base().wrapping_add(offset)
            };
            global.set(&mut *ctx, Val::I32(value as i32))?;
        }
    }
    Ok(())
}

/// Where the guest's heap starts, and where its initial part ends (`__heap_base` and
/// `__heap_end`, for whichever module imports them): the end of the memory once the main load has
/// placed every module, stack and TLS block, fixed then for the whole run. Everything below is
/// the loader's (its later allocations take its own holes there, or grow the memory, as a
/// guest's `sbrk` does); the initial heap is empty, so a guest allocator takes all its memory
/// with `memory.grow`. A module's own `__heap_base` (a main module's end of data) would be
/// inside other modules' regions, so the loader's value wins over any export of these names.
fn heap_base(ctx: &Ctx<'_>, shared: &Shared) -> u32 {
    *shared.heap_base.get_or_init(|| (memory_pages(ctx, shared) * PAGE).min(u32::MAX as u64 + 1 - PAGE) as u32)
}

fn stack_unset(ctx: &mut Ctx<'_>) -> bool {
    match ctx.data().sp {
        Some(sp) => matches!(sp.get(&mut *ctx), Val::I32(0)),
        None => false,
    }
}

/// Fills the loader's table slots this group has not filled yet (up to `limit` of them).
fn fill_slots(ctx: &mut Ctx<'_>, limit: usize) -> Result<()> {
    let shared = shared_of(ctx);
    let (slots, table_next) = {
        let st = shared.lock();
        let from = ctx.data().slots_filled.min(st.dyn_slots.len());
        let to = st.dyn_slots.len().min(limit);
        (st.dyn_slots[from..to.max(from)].to_vec(), st.table_next)
    };
    ensure_table(ctx, table_next)?;
    let table = ctx.data().table.ok_or_else(|| format_err!("no table"))?;
    for s in &slots {
        let inst = ctx.data().instances.get(s.module).copied().flatten().ok_or_else(|| {
            format_err!("table slot {} names a module this thread has not instantiated", s.slot)
        })?;
        let f = inst.get_func(&mut *ctx, &s.export).ok_or_else(|| format_err!("no function {}", s.export))?;
        table.set(&mut *ctx, s.slot as u64, Ref::Func(Some(f)))?;
    }
    ctx.data_mut().slots_filled += slots.len();
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Keeping groups in step

/// Brings this group up to date with what other threads published: instantiates new modules
/// (with their own TLS blocks), fills new table slots. Called from the epoch callback, when a
/// thread leaves a host call, and before a new thread starts.
fn sync(ctx: &mut Ctx<'_>) -> Result<()> {
    let shared = shared_of(ctx);
    ctx.data_mut().syncing = true;
    ctx.set_epoch_deadline(u64::MAX / 4);
    let r = (|| -> Result<()> {
        loop {
            let (batch, slots_published, generation) = {
                let st = shared.lock();
                let from = ctx.data().synced.min(st.published);
                (st.modules[from..st.published].to_vec(), st.published_slots, st.generation)
            };
            if batch.is_empty() && ctx.data().slots_filled >= slots_published {
                let mut st = shared.lock();
                if st.generation == generation {
                    let id = ctx.data().id;
                    if let Some(g) = st.groups.get_mut(&id) {
                        g.acked = generation;
                    }
                    shared.cv.notify_all();
                    return Ok(());
                }
                continue;
            }
            for m in &batch {
                instantiate_module(ctx, m, false)?;
            }
            if !batch.is_empty() {
                finish_batch(ctx, &batch, false)?;
            }
            fill_slots(ctx, slots_published)?;
            let n = batch.len();
            ctx.data_mut().synced += n;
        }
    })();
    ctx.data_mut().syncing = false;
    ctx.set_epoch_deadline(1);
    r
}

/// After publishing: bumps the generation and waits (bounded) until every other running group
/// has synced.
fn publish_and_wait(shared: &Shared, mut st: MutexGuard<'_, State>, me: GroupId) {
    st.generation += 1;
    let generation = st.generation;
    if let Some(g) = st.groups.get_mut(&me) {
        g.acked = generation;
    }
    let deadline = Instant::now() + shared.config.barrier_timeout;
    loop {
        let waiting = st.groups.iter().any(|(id, g)| *id != me && !g.parked && g.acked < generation);
        if !waiting {
            return;
        }
        let now = Instant::now();
        if now >= deadline {
            return;
        }
        // A nudge each round: a group that reset its deadline just before the first one.
        shared.rt.engine().increment_epoch();
        let (guard, _) = shared
            .cv
            .wait_timeout(st, (deadline - now).min(Duration::from_millis(5)))
            .unwrap_or_else(|e| e.into_inner());
        st = guard;
    }
}

fn set_parked(shared: &Shared, id: GroupId, parked: bool) {
    if let Some(g) = shared.lock().groups.get_mut(&id) {
        g.parked = parked;
    }
    if parked {
        shared.cv.notify_all();
    }
}

// ------------------------------------------------------------------------------------------
// Host functions

fn host_linker(rt: &Runtime) -> Result<Linker<Group>> {
    let mut l: Linker<Group> = Linker::new(rt.engine());
    p1::add_to_linker_sync(&mut l, |g: &mut Group| &mut g.wasi)?;
    l.func_wrap("dylink", "park", |caller: Caller<'_, Group>| {
        let (shared, id) = (caller.data().shared.clone(), caller.data().id);
        set_parked(&shared, id, true);
    })?;
    l.func_wrap("dylink", "unpark", |mut caller: Caller<'_, Group>| -> Result<()> {
        let (shared, id) = (caller.data().shared.clone(), caller.data().id);
        set_parked(&shared, id, false);
        sync(&mut caller.as_context_mut())
    })?;
    l.func_wrap("env", "dlopen", |mut caller: Caller<'_, Group>, path: i32, flags: i32| -> Result<i32> {
        in_host_call(&mut caller, |ctx| dlopen(ctx, path as u32, flags))
    })?;
    l.func_wrap("env", "dlsym", |mut caller: Caller<'_, Group>, handle: i32, name: i32| -> Result<i32> {
        in_host_call(&mut caller, |ctx| dlsym(ctx, handle, name as u32))
    })?;
    l.func_wrap("env", "dlclose", |mut caller: Caller<'_, Group>, handle: i32| -> Result<i32> {
        in_host_call(&mut caller, |ctx| Ok(dlclose(ctx, handle)))
    })?;
    l.func_wrap("env", "dlerror", |mut caller: Caller<'_, Group>| -> Result<i32> {
        in_host_call(&mut caller, |ctx| Ok(dlerror(ctx)))
    })?;
    l.func_wrap("wasi", "thread-spawn", |mut caller: Caller<'_, Group>, arg: i32| -> Result<i32> {
        in_host_call(&mut caller, |ctx| Ok(thread_spawn(ctx, arg)))
    })?;
    Ok(l)
}

/// Runs a host call with the group parked (a `dlopen` elsewhere does not wait for it), then
/// catches up with whatever was published meanwhile.
fn in_host_call<R>(caller: &mut Caller<'_, Group>, f: impl FnOnce(&mut Ctx<'_>) -> Result<R>) -> Result<R> {
    let (shared, id) = (caller.data().shared.clone(), caller.data().id);
    let mut ctx = caller.as_context_mut();
    set_parked(&shared, id, true);
    let r = f(&mut ctx);
    set_parked(&shared, id, false);
    if !ctx.data().syncing {
        sync(&mut ctx)?;
    }
    r
}

fn set_dlerror(ctx: &mut Ctx<'_>, msg: String) {
    ctx.data_mut().dlerror = Some(msg);
}

/// `dlopen(path, flags) -> handle`: 0 on failure (see `dlerror`).
fn dlopen(ctx: &mut Ctx<'_>, path: u32, flags: i32) -> Result<i32> {
    let shared = shared_of(ctx);
    if path == 0 {
        // The program itself: the global scope.
        return Ok(shared.main.get().map(|m| *m as i32 + 1).unwrap_or(0));
    }
    let Some(name) = read_cstr(ctx, path) else {
        set_dlerror(ctx, "dlopen: bad path pointer".into());
        return Ok(0);
    };
    let guard = shared.load_lock.lock().unwrap_or_else(|e| e.into_inner());
    // Search as for a NEEDED entry of the main module (its RUNTIME_PATH, then the lib dirs).
    let main_ctx = {
        let st = shared.lock();
        shared.main.get().map(|&m| (st.modules[m].path.clone(), st.modules[m].dylink.runtime_path.clone()))
    };
    let file = match find_library(&shared, &name, main_ctx.as_ref().map(|(p, r)| (p.as_path(), r.as_slice())), true) {
        Ok(f) => f,
        Err(e) => {
            set_dlerror(ctx, format!("dlopen: {e}"));
            return Ok(0);
        }
    };
    let c = canonical(&file);
    {
        let mut st = shared.lock();
        if let Some(&id) = st.by_path.get(&c).filter(|&&id| id < st.published) {
            *st.refcount.entry(id).or_insert(0) += 1;
            if flags & RTLD_GLOBAL != 0 && !st.global_scope.contains(&id) {
                st.global_scope.push(id);
            }
            return Ok(id as i32 + 1);
        }
    }
    if flags & RTLD_NOLOAD != 0 {
        set_dlerror(ctx, format!("{name}: not loaded"));
        return Ok(0);
    }
    let loaded = match load(ctx, Root::Dlopen(file), flags) {
        Ok(l) => l,
        Err(e) => {
            set_dlerror(ctx, format!("{e:#}"));
            return Ok(0);
        }
    };
    drop(guard);
    // A trap in a constructor is the program's failure, as anywhere else.
    run_ctors(ctx, &loaded.ctor_order)?;
    Ok(loaded.root as i32 + 1)
}

/// `dlsym(handle, name) -> address`: a function's table slot or a data symbol's address; 0 on
/// failure.
fn dlsym(ctx: &mut Ctx<'_>, handle: i32, name: u32) -> Result<i32> {
    let shared = shared_of(ctx);
    let Some(sym) = read_cstr(ctx, name) else {
        set_dlerror(ctx, "dlsym: bad name pointer".into());
        return Ok(0);
    };
    // Serialized with loads: a slot made here is published at once.
    let _guard = shared.load_lock.lock().unwrap_or_else(|e| e.into_inner());
    let mut st = shared.lock();
    let main = shared.main.get().copied();
    let scope: Vec<ModId> = if handle == RTLD_DEFAULT || Some((handle - 1) as usize) == main {
        st.global_scope.clone()
    } else {
        let id = (handle as i64 - 1) as usize;
        if handle < 0 || id >= st.published || st.refcount.get(&id).copied().unwrap_or(0) == 0 {
            drop(st);
            set_dlerror(ctx, format!("dlsym: invalid handle {handle}"));
            return Ok(0);
        }
        let mut out = Vec::new();
        let mut q = VecDeque::from([id]);
        while let Some(m) = q.pop_front() {
            if !out.contains(&m) {
                out.push(m);
                q.extend(st.modules[m].deps.iter().copied());
            }
        }
        out
    };
    let found = scope.iter().find_map(|&m| st.modules[m].exports.get(&sym).map(|d| (m, d.clone())));
    match found {
        Some((m, ExportDesc::Func { index, .. })) => {
            let mut keys = Vec::new();
            let before = st.dyn_slots.len();
            let slot = slot_for(&mut st, m, index, &sym, &mut keys);
            if st.dyn_slots.len() != before {
                // A new slot: fill it here, then in every other thread.
                drop(st);
                fill_slots(ctx, usize::MAX)?;
                let mut st = shared.lock();
                st.published_slots = st.dyn_slots.len();
                publish_and_wait(&shared, st, ctx.data().id);
            }
            Ok(slot as i32)
        }
        Some((m, ExportDesc::Global)) => {
            let t = st.modules[m].clone();
            drop(st);
            let offset = match t.meta.global_consts.get(&sym) {
                Some(v) => *v as u32,
                None => {
                    let Some(inst) = ctx.data().instances.get(m).copied().flatten() else { return Ok(0) };
                    match inst.get_global(&mut *ctx, &sym).map(|g| g.get(&mut *ctx)) {
                        Some(Val::I32(v)) => v as u32,
                        _ => return Ok(0),
                    }
                }
            };
            let addr = if t.dylink.export_has(&sym, SymbolFlags::ABSOLUTE) {
                offset
            } else if t.dylink.export_has(&sym, SymbolFlags::TLS) {
                match ctx.data().tls_base.get(m).copied().flatten() {
                    Some(b) => b.wrapping_add(offset),
                    None => {
                        set_dlerror(ctx, format!("dlsym: {sym}: thread-local, and {}'s TLS block is unknown", t.name));
                        return Ok(0);
                    }
                }
            } else {
                t.memory_base().wrapping_add(offset)
            };
            Ok(addr as i32)
        }
        Some((m, ExportDesc::Other(k))) => {
            let n = st.modules[m].name.clone();
            drop(st);
            set_dlerror(ctx, format!("dlsym: {sym} is a {k} of {n}, not a symbol"));
            Ok(0)
        }
        None => {
            drop(st);
            set_dlerror(ctx, format!("dlsym: undefined symbol: {sym}"));
            Ok(0)
        }
    }
}

/// `dlclose(handle) -> 0 | -1`. Modules are never unloaded (as in musl); the handle count goes
/// down.
fn dlclose(ctx: &mut Ctx<'_>, handle: i32) -> i32 {
    let shared = shared_of(ctx);
    let mut st = shared.lock();
    let id = (handle as i64 - 1) as usize;
    if Some(id) == shared.main.get().copied() {
        return 0;
    }
    match st.refcount.get_mut(&id) {
        Some(n) if handle > 0 && *n > 0 => {
            *n -= 1;
            0
        }
        _ => {
            drop(st);
            set_dlerror(ctx, format!("dlclose: invalid handle {handle}"));
            -1
        }
    }
}

/// `dlerror() -> char*`: the last error of this thread, then clears it; 0 when none.
fn dlerror(ctx: &mut Ctx<'_>) -> i32 {
    let Some(msg) = ctx.data_mut().dlerror.take() else { return 0 };
    const BUF: u32 = 512;
    if ctx.data().dlerror_buf == 0 {
        match alloc_mem(ctx, BUF, 1) {
            Ok(a) => {
                ctx.data_mut().dlerror_buf = a;
                ctx.data_mut().owned.push((a, BUF));
            }
            Err(_) => return 0,
        }
    }
    let buf = ctx.data().dlerror_buf;
    let mut bytes: Vec<u8> = msg.into_bytes();
    bytes.truncate(BUF as usize - 1);
    bytes.push(0);
    if mem_write(ctx, buf, &bytes) { buf as i32 } else { 0 }
}

/// `wasi.thread-spawn(arg) -> tid`: a new instance group on a new thread, which calls the main
/// module's `wasi_thread_start(tid, arg)`. A negative errno when no thread can be made.
fn thread_spawn(ctx: &mut Ctx<'_>, arg: i32) -> i32 {
    const EAGAIN: i32 = 6;
    let shared = shared_of(ctx);
    if !matches!(shared.memory.get(), Some(ProgramMemory::Shared(_))) {
        eprintln!("dylink: thread-spawn: the program's memory is not shared (link with --shared-memory)");
        return -EAGAIN;
    }
    let tid = shared.next_tid.fetch_add(1, Ordering::Relaxed);
    if !(1..=0x1FFF_FFFF).contains(&tid) {
        return -EAGAIN;
    }
    type Entry = wasmtime::TypedFunc<(i32, i32), ()>;
    let made = (|| -> Result<(Store<Group>, Entry)> {
        let mut store = new_group_store(&shared, true)?;
        let mut c = store.as_context_mut();
        sync(&mut c)?;
        let main = *shared.main.get().ok_or_else(|| format_err!("no main module"))?;
        let inst = c.data().instances.get(main).copied().flatten().ok_or_else(|| format_err!("no main instance"))?;
        let entry = inst
            .get_typed_func::<(i32, i32), ()>(&mut c, "wasi_thread_start")
            .map_err(|e| format_err!("the main module has no usable wasi_thread_start export: {e}"))?;
        Ok((store, entry))
    })();
    let (mut store, entry) = match made {
        Ok(x) => x,
        Err(e) => {
            eprintln!("dylink: thread-spawn: cannot make thread {tid}: {e:#}");
            return -EAGAIN;
        }
    };
    let spawned = std::thread::Builder::new().name(format!("dylink-thread-{tid}")).spawn(move || {
        let (shared, id) = (store.data().shared.clone(), store.data().id);
        set_parked(&shared, id, false);
        let r = sync(&mut store.as_context_mut()).and_then(|_| entry.call(&mut store, (tid, arg)));
        if let Err(e) = r {
            // proc_exit or a trap in any thread ends the whole program.
            let status = exit_status(&e);
            use std::io::Write;
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            std::process::exit(status);
        }
        let owned = std::mem::take(&mut store.data_mut().owned);
        let mut st = shared.lock();
        st.groups.remove(&id);
        for (a, s) in owned {
            st.alloc.free(a, s);
        }
        drop(st);
        shared.cv.notify_all();
    });
    match spawned {
        Ok(_) => tid,
        Err(_) => -EAGAIN,
    }
}

/// Module `i` of a load and the new modules it needs, dependencies first (post-order), each once.
fn post_order(i: usize, pending: &[Pending], seen: &mut HashSet<usize>, order: &mut Vec<usize>) {
    if !seen.insert(i) {
        return;
    }
    for d in &pending[i].deps {
        if let Dep::New(j) = d {
            post_order(*j, pending, seen, order);
        }
    }
    order.push(i);
}
