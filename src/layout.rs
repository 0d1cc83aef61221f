//! Layout phase: give everything that survived GC its place in the output, in named steps:
//!   1. index spaces: imports first, then the defined functions, globals, tables and tags;
//!   2. types, in the order the module first needs them;
//!   3. the indirect function table's slots;
//!   4. constructors, by priority;
//!   5. the memory map (wasm-ld's `layoutMemory`) and the linker-made globals' values;
//!   6. exports (and the command-export wrappers they may need);
//!   7. the placement table: every symbol's output place, which is all the writer looks up.
//!
//! The memory map depends on nothing the index spaces, the indirect table or the constructors
//! make, nor they on it: on threads, it is made beside them (`run`).

use rustc_hash::FxHashMap;
use wasmparser::{FuncType, GlobalType, SymbolFlags, TableType};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::features::Features;
use crate::gc::{self, Live};
use crate::index::{
    EntityRef, InDefFunc, InDefGlobal, InDefTable, InDefTag, InSegment, InType, OutDefFunc, OutDefGlobal, OutDefTable,
    OutDefTag, OutFunc, OutGlobal, OutSegment, OutTable, OutTag, OutType, PrimaryMap, SecondaryMap, Space, StubId,
};
use crate::input::object::{SymKind, SymTarget};
use crate::resolve::{Def, FileId, SymbolId, SymbolTable};
use crate::scan::Scan;
use crate::synthetic::{self, Synth};

const STACK_ALIGN: u64 = 16;

/// A defined function of the output, in index order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFunction {
    Input { file: FileId, index: InDefFunc },
    CallCtors,
    /// `__wasm_init_memory`: the start function when segments are passive.
    InitMemory,
    /// `__wasm_init_tls(ptr)`: a thread's TLS block from `.tdata`.
    InitTls,
    Stub(StubId),
    /// `NAME.command_export`: runs constructors, the function, destructors.
    CommandExport(SymbolId),
    ApplyDataRelocs,
    ApplyGlobalRelocs,
    ApplyGlobalTlsRelocs,
    ApplyTlsRelocs,
    Start,
}

#[derive(Debug, Clone)]
pub enum GlobalInit<'a> {
    /// The input's constant expression, without its final `end`.
    Raw(&'a [u8]),
    /// `i32.const` or `i64.const`, as the global's type is.
    Const(i64),
    /// Global `base` plus `offset` (extended-const): a PIC module's address or slot.
    BasePlus { base: OutGlobal, offset: u64 },
}

pub struct GlobalDef<'a> {
    pub ty: GlobalType,
    pub init: GlobalInit<'a>,
    pub name: std::borrow::Cow<'a, str>,
}

pub struct Import<'a> {
    pub module: &'a str,
    pub name: &'a str,
    pub kind: ImportKind,
    /// The symbol's name (for the name section).
    pub symbol: &'a str,
}

pub enum ImportKind {
    Func(OutType),
    Global(GlobalType),
    Table(TableType),
    Tag(OutType),
    Memory,
}

/// An output data segment of the memory map: input segments merged by name.
pub struct Segment<'a> {
    pub name: &'a str,
    pub start: u64,
    pub size: u64,
    pub align_log2: u32,
    pub is_tls: bool,
    pub is_bss: bool,
    /// (file, input segment, offset inside this output segment)
    pub parts: Vec<(FileId, InSegment, u64)>,
    /// Merged strings (see `merge.rs`): (offset inside this output segment, bytes), by offset.
    pub blobs: Vec<(u64, Vec<u8>)>,
    /// The input segments' flags, together (strings, TLS, retain).
    pub flags: u32,
    /// Byte ranges of this segment written as data segments, in order. One
    /// range covering everything, except that an active segment is split at
    /// alignment gaps of `SPLIT_GAP` or more, which zeroed memory already
    /// holds: a 2^28-aligned variable must not cost 256 MiB of zeroes.
    pub pieces: Vec<(u64, u64)>,
}

impl Segment<'_> {
    /// One past the last byte; saturated, as addresses are while they are laid out, so that a
    /// memory too big ends in the size check's error.
    pub fn end(&self) -> u64 {
        self.start.saturating_add(self.size)
    }
}

/// Alignment padding at least this long is left out of active segments.
pub const SPLIT_GAP: u64 = 1 << 16;

/// Most data-segment bytes an output may hold. wasm-ld has no such limit, but
/// a real program's data is far smaller, and without one a few bytes of
/// hostile alignment could make a linker inside a component run out of
/// memory instead of reporting an error.
pub const MAX_DATA_BYTES: u64 = 1 << 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    Func(OutFunc),
    Global(OutGlobal),
    Table(OutTable),
    Memory,
    Tag(OutTag),
}

pub struct Memory {
    /// In pages of `--page-size`.
    pub min_pages: u64,
    pub max_pages: Option<u64>,
    pub shared: bool,
    pub imported: bool,
}

/// The output's types, deduplicated, and each input type's output type.
#[derive(Default)]
pub struct Types {
    pub list: PrimaryMap<OutType, FuncType>,
    ids: FxHashMap<FuncType, OutType>,
    per_file: SecondaryMap<FileId, SecondaryMap<InType, Option<OutType>>>,
}

impl Types {
    pub fn intern(&mut self, ty: &FuncType) -> OutType {
        if let Some(&i) = self.ids.get(ty) {
            return i;
        }
        let i = self.list.push(ty.clone());
        self.ids.insert(ty.clone(), i);
        i
    }

    fn intern_input(&mut self, t: &SymbolTable, file: FileId, ty: InType) -> OutType {
        if let Some(out) = self.per_file[file][ty] {
            return out;
        }
        let out = self.intern(&t.file(file).obj.types[ty]);
        self.per_file[file][ty] = Some(out);
        out
    }

    /// The output type of an input type a live function or relocation uses.
    pub fn of_input(&self, file: FileId, ty: InType) -> Option<OutType> {
        self.per_file[file][ty]
    }
}

/// The defined functions of the output and their types.
pub struct Functions {
    pub space: Space<OutFunc, OutDefFunc>,
    pub defined: PrimaryMap<OutDefFunc, OutFunction>,
    pub types: PrimaryMap<OutDefFunc, OutType>,
    import_types: Vec<OutType>,
    pub call_ctors: Option<OutFunc>,
    pub init_memory: Option<OutFunc>,
    pub init_tls: Option<OutFunc>,
    pub apply_data_relocs: Option<OutFunc>,
    pub apply_global_relocs: Option<OutFunc>,
    pub apply_global_tls_relocs: Option<OutFunc>,
    pub apply_tls_relocs: Option<OutFunc>,
    /// `__wasm_start`, when two things need to run at start.
    pub start: Option<OutFunc>,
    pub call_dtors: Option<OutFunc>,
    stubs: SecondaryMap<StubId, Option<OutFunc>>,
    per_file: SecondaryMap<FileId, SecondaryMap<InDefFunc, Option<OutFunc>>>,
}

impl Functions {
    fn push(&mut self, f: OutFunction) -> OutFunc {
        self.space.index(self.defined.push(f))
    }

    /// Output type of output function `f`.
    pub fn type_of(&self, f: OutFunc) -> Option<OutType> {
        match self.space.defined(f) {
            None => self.import_types.get(f.index()).copied(),
            Some(d) => self.types.get(d).copied(),
        }
    }
}

pub struct Globals<'a> {
    pub space: Space<OutGlobal, OutDefGlobal>,
    pub defined: PrimaryMap<OutDefGlobal, GlobalDef<'a>>,
    pub synthetic: FxHashMap<Synth, OutGlobal>,
    per_file: SecondaryMap<FileId, SecondaryMap<InDefGlobal, Option<OutGlobal>>>,
    /// GOT entries (after the inputs' globals, as lld's `internalGotSymbols`).
    got: Vec<(SymbolId, OutGlobal)>,
}

impl<'a> Globals<'a> {
    fn push(&mut self, g: GlobalDef<'a>) -> OutGlobal {
        self.space.index(self.defined.push(g))
    }
}

pub struct Tables {
    pub space: Space<OutTable, OutDefTable>,
    pub defined: PrimaryMap<OutDefTable, TableType>,
    /// The indirect function table.
    pub indirect: Option<OutTable>,
    per_file: SecondaryMap<FileId, SecondaryMap<InDefTable, Option<OutTable>>>,
}

pub struct Tags {
    pub space: Space<OutTag, OutDefTag>,
    pub defined: PrimaryMap<OutDefTag, OutType>,
    per_file: SecondaryMap<FileId, SecondaryMap<InDefTag, Option<OutTag>>>,
}

/// The indirect function table's contents: slot `i` holds `entries[i]` and is table index
/// `base + i`.
#[derive(Default)]
pub struct IndirectTable {
    pub entries: Vec<OutFunc>,
    slots: SecondaryMap<OutFunc, Option<u32>>,
    /// The slots of missing functions that have an address (`Scan::slotted_missing`), by the
    /// stub symbol standing for each: as in lld, each has a slot of its own, holding the stub
    /// it may share with others, so that two such functions' addresses differ.
    missing_slots: FxHashMap<SymbolId, u32>,
    pub base: u64,
}

impl IndirectTable {
    /// The table index of a function that has an address.
    pub fn index_of(&self, f: OutFunc) -> Option<u64> {
        self.slots[f].map(|s| self.base + s as u64)
    }

    /// The table index of a missing function that has an address, by its stub symbol.
    pub fn index_of_missing(&self, stub: SymbolId) -> Option<u64> {
        self.missing_slots.get(&stub).map(|&s| self.base + s as u64)
    }
}

/// Where each merged string of an input segment went: (offset in the input segment, offset in
/// the output segment).
type StringPlaces = Vec<(u32, u64)>;

/// Where data lives: the output segments and the addresses the linker defines.
pub struct MemoryMap<'a> {
    pub memory: Memory,
    pub segments: PrimaryMap<OutSegment, Segment<'a>>,
    /// Each output segment's name and span (`__start_X` / `__stop_X`), in order, before PIC
    /// output combines them. Where two have one name (`--no-merge-data-segments`), the first
    /// one's is the symbols', as in wasm-ld, which defines each symbol once.
    pub spans: Vec<(&'a str, u64, u64)>,
    /// Where in `spans` each name is first.
    span_of: FxHashMap<&'a str, usize>,
    /// Per file, per input segment: (output segment, offset in it).
    places: SecondaryMap<FileId, SecondaryMap<InSegment, Option<(OutSegment, u64)>>>,
    /// Input segments whose strings were merged: their output segment, and where each
    /// string went in it.
    merged: FxHashMap<(FileId, InSegment), (OutSegment, StringPlaces)>,
    /// Addresses of the linker-made data symbols.
    pub synthetic: FxHashMap<Synth, u64>,
    /// Start of the static TLS block (the `.tdata` output segment).
    pub tls_base: u64,
    /// Where each thread-local output segment starts, ascending: one in a final link (`.tdata`,
    /// at `tls_base`), one per input segment in `-r` output, where they are not merged.
    tls_starts: Vec<u64>,
    /// Address of `__wasm_init_memory_flag` (shared memory only).
    pub init_memory_flag: Option<u64>,
    /// `.bss` is written as zeroes (wasm-ld's `emitBssSegments`): only an imported memory
    /// without `bulk-memory` to zero it with needs them.
    pub emit_bss: bool,
    /// Segments are passive (shared memory): `__wasm_init_memory` copies them in.
    pub passive: bool,
    /// The static data's size and largest alignment (`dylink.0`'s memory info in PIC output).
    pub data_size: u64,
    pub data_align_log2: u32,
}

impl MemoryMap<'_> {
    /// A memory map with no segments yet.
    fn empty(config: &Config, emit_bss: bool) -> Self {
        MemoryMap {
            memory: Memory { min_pages: 0, max_pages: None, shared: config.shared_memory, imported: config.import_memory.is_some() },
            segments: PrimaryMap::new(),
            spans: Vec::new(),
            span_of: FxHashMap::default(),
            places: SecondaryMap::new(),
            merged: FxHashMap::default(),
            synthetic: FxHashMap::default(),
            tls_base: 0,
            tls_starts: Vec::new(),
            init_memory_flag: None,
            emit_bss,
            passive: config.shared_memory,
            data_size: 0,
            data_align_log2: 0,
        }
    }

    /// Where `__start_X` or `__stop_X` points: the start or the end of output segment X, for X
    /// a C identifier that names a segment of the output.
    fn start_stop_address(&self, name: &str) -> Option<u64> {
        let (sec, stop) = match (name.strip_prefix("__start_"), name.strip_prefix("__stop_")) {
            (Some(sec), _) => (sec, false),
            (_, Some(sec)) => (sec, true),
            _ => return None,
        };
        if !synthetic::is_c_identifier(sec) {
            return None;
        }
        let (_, start, end) = self.spans[*self.span_of.get(sec)?];
        Some(if stop { end } else { start })
    }

    /// Whether a live segment's output segment is written to the data section
    /// (rather than left to zeroed memory or `memory.fill`).
    pub fn segment_written(&self, s: &Segment) -> bool {
        !s.is_bss || self.emit_bss
    }

    /// Whether `__wasm_init_memory` initializes a segment: every segment of a shared memory
    /// (passive, copied in once), and `.bss` of an imported memory (zeroed with `memory.fill`,
    /// as such memory may not be fresh).
    pub fn initialized_at_start(&self, s: &Segment) -> bool {
        self.passive || (self.memory.imported && !self.segment_written(s))
    }

    /// The output segment an input segment went to, and its offset in it (`None` when the
    /// input segment is not in the output).
    pub fn place_of(&self, file: FileId, segment: crate::index::InSegment) -> Option<(OutSegment, u64)> {
        self.places.get(file).and_then(|p| p.get(segment).copied().flatten())
    }

    /// A thread-local address as thread-local relocations and symbols with threads see it: its
    /// offset in its thread-local output segment (lld's `getOutputSegmentOffset`).
    pub fn tls_offset(&self, addr: u64) -> i64 {
        let start = self.tls_starts.partition_point(|&s| s <= addr).checked_sub(1).map_or(self.tls_base, |i| self.tls_starts[i]);
        addr as i64 - start as i64
    }

    /// Where `offset` of an input segment is: its output segment, and the offset in that
    /// (through the merged strings' map for a merged one).
    pub fn offset_in(&self, file: FileId, segment: InSegment, offset: u64) -> Option<(OutSegment, u64)> {
        if let Some((seg, pieces)) = self.merged.get(&(file, segment)) {
            return Some((*seg, crate::merge::translate(pieces, offset)?));
        }
        let (seg, at) = self.place_of(file, segment)?;
        Some((seg, at + offset))
    }

    /// Data-section index of each written output segment's first piece.
    pub fn data_indexes(&self) -> SecondaryMap<OutSegment, Option<u32>> {
        let mut next = 0;
        let mut out = SecondaryMap::with_capacity(self.segments.len());
        for (i, s) in self.segments.iter() {
            if self.segment_written(s) {
                out[i] = Some(next);
                next += 1;
            }
        }
        out
    }
}

/// Where a symbol landed in the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Place {
    /// Nowhere: collected, undefined data, or a section.
    #[default]
    Nowhere,
    Func(OutFunc),
    /// A shared library's weak function: calls go to its import (`call`), so that another
    /// module's definition can take its place; the export and debug information name the
    /// library's own (`own`).
    Interposable { call: OutFunc, own: OutFunc },
    Global(OutGlobal),
    Table(OutTable),
    Tag(OutTag),
    /// A data symbol's address.
    Addr(u64),
}

/// Every symbol's output place (stubs included, by their symbol ids): what a relocation's
/// value is computed from, with one lookup.
pub struct Placement {
    places: SecondaryMap<SymbolId, Place>,
    /// The GOT entry of a data or function symbol that has one.
    got: SecondaryMap<SymbolId, Option<OutGlobal>>,
}

impl Placement {
    /// The global holding a data or function symbol's address (its GOT entry).
    pub fn got(&self, id: SymbolId) -> Option<OutGlobal> {
        self.got[id]
    }
    pub fn get(&self, id: SymbolId) -> Place {
        self.places[id]
    }
    /// The function a call or an address of the symbol goes to.
    pub fn func(&self, id: SymbolId) -> Option<OutFunc> {
        match self.places[id] {
            Place::Func(f) | Place::Interposable { call: f, .. } => Some(f),
            _ => None,
        }
    }
    /// The function the symbol's own code became (for debug information).
    pub fn own_func(&self, id: SymbolId) -> Option<OutFunc> {
        match self.places[id] {
            Place::Func(f) | Place::Interposable { own: f, .. } => Some(f),
            _ => None,
        }
    }
    pub fn global(&self, id: SymbolId) -> Option<OutGlobal> {
        match self.places[id] {
            Place::Global(g) => Some(g),
            _ => None,
        }
    }
    pub fn table(&self, id: SymbolId) -> Option<OutTable> {
        match self.places[id] {
            Place::Table(t) => Some(t),
            _ => None,
        }
    }
    pub fn tag(&self, id: SymbolId) -> Option<OutTag> {
        match self.places[id] {
            Place::Tag(t) => Some(t),
            _ => None,
        }
    }
    /// A data symbol's address; `None` when it has none (undefined: address 0).
    pub fn addr(&self, id: SymbolId) -> Option<u64> {
        match self.places[id] {
            Place::Addr(a) => Some(a),
            _ => None,
        }
    }
}

pub struct Export {
    pub name: String,
    pub target: ExportTarget,
    /// Exports a mutable global symbol, which takes `mutable-globals`. (wasm-ld 19 refused
    /// immutable ones too, `__tls_size` say; LLD 20 checks only mutable ones, as here.) Not the
    /// global holding an exported data symbol's address, nor `__memory_base` and `__table_base`,
    /// which are data symbols in wasm-ld 19.
    pub mutable_global: bool,
}

/// What a dynamic loader reads first (the `dylink.0` section of DynamicLinking.md).
#[derive(Default)]
pub struct Dylink {
    /// The static data's size and alignment (log2), and the table slots the module needs.
    pub mem_size: u64,
    pub mem_align: u32,
    pub table_size: u64,
    /// Shared libraries this one needs (file names, in input order).
    pub needed: Vec<String>,
    /// Exports whose flags the loader must know (thread-local data), with the symbol flags.
    pub export_info: Vec<(String, u32)>,
    /// Imports that may stay unresolved (weak), as (module, field, symbol flags).
    pub import_info: Vec<(String, String, u32)>,
    /// `--rpath`: where the loader looks for the needed libraries.
    pub runtime_path: Vec<String>,
}

pub struct Layout<'a> {
    /// Addresses are i32 or i64 (wasm64).
    pub width: crate::config::AddressWidth,
    /// Position-independent: addresses are relative to `__memory_base`, slots to `__table_base`.
    pub pic: bool,
    /// PIC with `extended-const`: constant expressions add the bases themselves, so data
    /// segments stay apart and internal GOT entries are constants (no
    /// `__wasm_apply_global_relocs`).
    pub extended_const: bool,
    /// PIC without shared memory, where the TLS block is one segment among the module's data:
    /// `__tls_base` is `__memory_base` plus the block's offset, set by
    /// `__wasm_apply_global_relocs` (or its initializer, with `extended-const`), and a GOT entry
    /// of thread-local data is one of data. (Both LLDs leave `__tls_base` the offset alone, which
    /// points into the module only where it is loaded at address 0.)
    pub tls_in_data: bool,
    pub types: Types,
    pub imports: Vec<Import<'a>>,
    pub funcs: Functions,
    pub globals: Globals<'a>,
    pub tables: Tables,
    pub tags: Tags,
    pub table: IndirectTable,
    pub memory: MemoryMap<'a>,
    pub exports: Vec<Export>,
    /// Constructors in call order.
    pub ctors: Vec<OutFunc>,
    pub place: Placement,
    /// The `dylink.0` section of a PIC module (or one importing dynamically).
    pub dylink: Option<Dylink>,
}

pub fn run<'a>(
    t: &SymbolTable<'a>,
    live: &Live,
    scan: &Scan<'a>,
    features: &Features,
    config: &'a Config,
    diags: &mut Diagnostics,
) -> Layout<'a> {
    // The memory map needs nothing of the index spaces, the indirect table or the constructors
    // but what `MemoryPlan` knows beforehand, and they nothing of it: it is made beside them (on
    // a big link each side takes several milliseconds; on the release link the other core is
    // otherwise idle then, on the dev link it is still making the output's pages ready). Its
    // problems are reported after theirs, as when it ran after them
    // (tests/cases/layout-problems-in-order.s).
    let plan = MemoryPlan::new(t, live, features, config);
    // (No limit of its own: `diags.push` counts them against `--error-limit` as they come in.)
    let mut memory_problems = Diagnostics::default();
    let (mut l, memory) = crate::par::join(
        || {
            let mut l = index_spaces(t, live, scan, plan, config);
            indirect_table(&mut l, t, scan, config, diags);
            constructors(&mut l, t, live, scan);
            l
        },
        || memory_map(t, live, config, plan, &mut memory_problems),
    );
    l.memory = memory;
    memory_problems.list.into_iter().for_each(|d| diags.push(d));
    synthetic_globals(&mut l, t, config);
    got_values(&mut l, t, scan);
    exports(&mut l, t, live, scan, config, diags);
    // (After the exports, which may make a function: see `exports`.)
    function_types(&mut l, t, scan, config);
    check_constructors(&l, t, live, scan, diags);
    placement(&mut l, t, scan);
    dylink(&mut l, t, live, config);
    l
}

/// `dylink.0`'s contents, for a PIC module, or one that imports dynamically.
fn dylink(l: &mut Layout, t: &SymbolTable, live: &Live, config: &Config) {
    if !config.dynamic_relocs() && t.shared.is_empty() {
        return;
    }
    let mut d = Dylink {
        mem_size: if config.is_pic() { l.memory.data_size } else { 0 },
        mem_align: l.memory.data_align_log2,
        table_size: l.table.entries.len() as u64,
        runtime_path: config.rpath.clone(),
        // Every shared library the command line names, in its order, by file name (as
        // wasm-ld: used or not, repeats kept).
        needed: t.shared.values().map(|so| so.name.rsplit('/').next().unwrap_or(&so.name).to_string()).collect(),
        ..Dylink::default()
    };
    for (id, s) in t.symbols.iter() {
        if !live.symbols[id] {
            continue;
        }
        if s.kind == SymKind::Data && s.flags.contains(SymbolFlags::TLS) && gc::is_exported(t, id, config) {
            d.export_info.push((s.name.to_string(), s.flags.bits()));
        }
        // (Not a missing weak function lld has made its stub: no import.)
        if s.is_undefined() && s.is_weak() && !t.weak_function_stubbed(id, config) {
            let names = t.import_names.get(&id).copied().unwrap_or_default();
            let module = names.module.unwrap_or("env").to_string();
            let field = names.name.unwrap_or(s.name).to_string();
            d.import_info.push((module, field, (s.flags | SymbolFlags::UNDEFINED).bits()));
        }
    }
    l.dylink = Some(d);
}

// ------------------------------------------------------------------------------------------
// 1. Index spaces

fn index_spaces<'a>(t: &SymbolTable<'a>, live: &Live, scan: &Scan<'a>, plan: MemoryPlan, config: &'a Config) -> Layout<'a> {
    let MemoryPlan { extended_const, .. } = plan;
    let mut types = Types::default();
    for (file, f) in t.files.iter() {
        types.per_file[file] = SecondaryMap::with_capacity(f.obj.types.len());
    }
    // Types in wasm-ld's order: first those of the type-index relocations (`call_indirect`),
    // as the scan met them (lld registers them in `scanRelocations`); then the imports'
    // signatures, in import order; then the defined functions' and tags' (`function_types`).
    for &(file, ty) in &scan.types_used {
        types.intern_input(t, file, ty);
    }
    // Imports, in wasm-ld's order: the memory; the indirect function table when an input
    // refers to it; a PIC module's stack pointer and bases (made before the inputs); the
    // undefined symbols, all kinds mixed, in symbol-table order; the table if it is imported and
    // no input named it; last, the GOT entries the loader fills.
    let mut imports = Vec::new();
    let mut import_types = Vec::new();
    let mut func_imports = FxHashMap::default();
    let mut global_imports = FxHashMap::default();
    let mut table_imports = FxHashMap::default();
    let mut tag_imports = FxHashMap::default();
    if let Some((module, name)) = &config.import_memory {
        imports.push(Import { module, name, kind: ImportKind::Memory, symbol: "" });
    }
    let import_name = |id: SymbolId| {
        let names = t.import_names.get(&id).copied().unwrap_or_default();
        (names.module.unwrap_or("env"), names.name.unwrap_or(t.sym(id).name))
    };
    // The type an imported global, table or tag has: its definition's (a shared library's own
    // weak one, see `Scan::imports`), else its first reference's.
    let typed_by = |id: SymbolId| {
        let (f, i) = match t.sym(id).def {
            Def::Defined { file, sym } => (file, sym),
            _ => t.sym(id).first_ref?,
        };
        Some((&t.file(f).obj, t.file(f).obj.symbols[i].target))
    };
    // wasm64's indirect function table is a table64 (as wasm-ld 19 makes it).
    let funcref = TableType {
        element_type: wasmparser::RefType::FUNCREF,
        table64: config.width.is64(),
        initial: 0,
        maximum: None,
        shared: false,
    };
    // The indirect function table exists (as wasm-ld makes it) when an input's reference to it
    // is live, a function needs a slot, or it is exported; it is imported with `--import-table`
    // and in PIC.
    let table = t.find(crate::synthetic::INDIRECT_FUNCTION_TABLE).filter(|&id| {
        t.sym(id).used_in_regular_obj && live.table_referenced || scan.takes_addresses || config.export_table
    });
    let import_table = table.filter(|_| config.import_table);
    // How many distinct imports of each kind there are (symbols may share one).
    let (mut n_globals, mut n_tables, mut n_tags) = (0u32, 0u32, 0u32);
    let import_the_table = |imports: &mut Vec<Import<'a>>, table_imports: &mut FxHashMap<SymbolId, OutTable>, n_tables: &mut u32| {
        if let Some(id) = import_table {
            table_imports.insert(id, OutTable::from_u32(*n_tables));
            *n_tables += 1;
            imports.push(Import {
                module: "env",
                name: crate::synthetic::INDIRECT_FUNCTION_TABLE,
                kind: ImportKind::Table(funcref),
                symbol: crate::synthetic::INDIRECT_FUNCTION_TABLE,
            });
        }
    };
    let table_named_by_input = import_table.is_some_and(|id| t.sym(id).used_in_regular_obj);
    if table_named_by_input {
        import_the_table(&mut imports, &mut table_imports, &mut n_tables);
    }
    let pic_imports = config.is_pic().then(|| {
        synthetic::ALL.iter().filter(|sd| sd.imported_in_pic()).filter_map(|sd| {
            t.find(sd.name).filter(|&id| live.symbols[id] && t.sym(id).def == Def::Synthetic(sd.synth))
        })
    });
    for id in pic_imports.into_iter().flatten() {
        let sd = match t.sym(id).def {
            Def::Synthetic(synth) => synthetic::lookup(synth).expect("registered"),
            _ => unreachable!("filtered above"),
        };
        let ty = GlobalType { content_type: config.width.ptr_type(), mutable: sd.mutability != synthetic::Mutability::Immutable, shared: false };
        global_imports.insert(id, OutGlobal::from_u32(n_globals));
        n_globals += 1;
        imports.push(Import { module: "env", name: sd.name, kind: ImportKind::Global(ty), symbol: sd.name });
    }
    // Symbols importing the same thing (module, name and type) share one import, as in
    // wasm-ld's `ImportSection::addImport`.
    #[derive(PartialEq, Eq, Hash)]
    enum Key {
        Func(OutType),
        Global(GlobalType),
        Table(TableType),
        Tag(OutType),
    }
    let mut seen: FxHashMap<(&str, &str, Key), u32> = FxHashMap::default();
    for &id in &scan.imports {
        let (module, name) = import_name(id);
        let symbol = t.sym(id).name;
        let (key, kind) = match (t.sym(id).kind, typed_by(id)) {
            (SymKind::Function, _) => {
                let sig = scan.shared_signatures.get(&id).or_else(|| t.signature(id)).expect("function");
                let ty = types.intern(sig);
                (Key::Func(ty), ImportKind::Func(ty))
            }
            // (The first reference may be a definition: `--wrap=g` sends a file's own
            // definition of `g` to `__wrap_g`, which it leaves missing.)
            (SymKind::Global, Some((o, SymTarget::Global(g)))) => {
                let ty = o.global_type(g);
                (Key::Global(ty), ImportKind::Global(ty))
            }
            (SymKind::Table, Some((o, SymTarget::Table(tb)))) if Some(id) != import_table => {
                let ty = o.table_type(tb);
                (Key::Table(ty), ImportKind::Table(ty))
            }
            (SymKind::Tag, Some((o, SymTarget::Tag(tg)))) => {
                let ty = types.intern(&o.types[o.tag_type(tg)]);
                (Key::Tag(ty), ImportKind::Tag(ty))
            }
            _ => continue,
        };
        let kind_counter = match kind {
            ImportKind::Global(_) => &mut n_globals,
            ImportKind::Table(_) => &mut n_tables,
            ImportKind::Tag(_) => &mut n_tags,
            _ => &mut 0,
        };
        let index = *seen.entry((module, name, key)).or_insert_with(|| {
            let index = match kind {
                ImportKind::Func(ty) => {
                    import_types.push(ty);
                    import_types.len() as u32 - 1
                }
                _ => {
                    *kind_counter += 1;
                    *kind_counter - 1
                }
            };
            imports.push(Import { module, name, kind, symbol });
            index
        });
        // (A defined global, table or tag keeps its own index: its import is there only so that
        // another module may take its place; references use the definition.)
        let defined = matches!(t.sym(id).def, Def::Defined { .. });
        match t.sym(id).kind {
            SymKind::Function => {
                func_imports.insert(id, OutFunc::from_u32(index));
            }
            _ if defined => {}
            SymKind::Global => {
                global_imports.insert(id, OutGlobal::from_u32(index));
            }
            SymKind::Table => {
                table_imports.insert(id, OutTable::from_u32(index));
            }
            _ => {
                tag_imports.insert(id, OutTag::from_u32(index));
            }
        }
    }
    if !table_named_by_input {
        import_the_table(&mut imports, &mut table_imports, &mut n_tables);
    }
    // GOT entries the loader fills: mutable globals `GOT.mem.x` (an address) and `GOT.func.f`
    // (a table index), after every other global import.
    let mut got_imports = Vec::new();
    for &id in &scan.got_imports {
        let s = t.sym(id);
        let module = if s.kind == SymKind::Function { "GOT.func" } else { "GOT.mem" };
        let ty = GlobalType { content_type: config.width.ptr_type(), mutable: true, shared: false };
        got_imports.push((id, OutGlobal::new(n_globals as usize + got_imports.len())));
        imports.push(Import { module, name: s.name, kind: ImportKind::Global(ty), symbol: s.name });
    }
    let global_import_count = n_globals as usize + got_imports.len();

    // Functions: linker-made first, then the stubs, then the inputs'.
    let mut funcs = Functions {
        space: Space::new(import_types.len()),
        defined: PrimaryMap::new(),
        types: PrimaryMap::new(),
        import_types,
        call_ctors: None,
        init_memory: None,
        init_tls: None,
        apply_data_relocs: None,
        apply_global_relocs: None,
        apply_global_tls_relocs: None,
        apply_tls_relocs: None,
        start: None,
        call_dtors: None,
        stubs: SecondaryMap::new(),
        per_file: SecondaryMap::with_capacity(t.files.len()),
    };
    // In wasm-ld's order: constructors, TLS, data relocations, stubs, memory, GOT relocations,
    // the start function that runs two of these.
    let made = |synth: Synth| {
        t.find(synthetic::name(synth)).is_some_and(|id| live.symbols[id] && t.sym(id).def == Def::Synthetic(synth))
    };
    if live.call_ctors {
        funcs.call_ctors = Some(funcs.push(OutFunction::CallCtors));
    }
    if made(Synth::InitTls) {
        funcs.init_tls = Some(funcs.push(OutFunction::InitTls));
    }
    // (Outside PIC, where the linker made no symbol for it, lld makes it after the inputs'
    // symbols when a shared library's address is in the data: `exports` exports it.)
    if made(Synth::ApplyDataRelocs) || scan.loader_data_relocs {
        funcs.apply_data_relocs = Some(funcs.push(OutFunction::ApplyDataRelocs));
    }
    // The stubs something calls (without GC every one: lld's chunks start out live then), and
    // one `undefined_stub` per signature, whichever missing functions it stands for (lld's
    // `createUndefinedStub`). In the order lld makes them: signature variants' before the
    // inputs are scanned, then the weak functions' in symbol-table order, then the
    // `undefined_stub`s as the scan meets them.
    let mut undefined_stubs: FxHashMap<&wasmparser::FuncType, OutFunc> = FxHashMap::default();
    let mut made: Vec<_> = scan.stubs.iter().filter(|(_, stub)| stub.called || !config.gc_sections).collect();
    made.sort_by_key(|(_, stub)| match stub.kind {
        crate::scan::StubKind::SignatureMismatch => (0, 0),
        crate::scan::StubKind::UndefinedWeak => (1, stub.symbol.index()),
        crate::scan::StubKind::Undefined => (2, 0),
    });
    for (s, stub) in made {
        let f = match stub.kind {
            crate::scan::StubKind::Undefined => *undefined_stubs.entry(&stub.ty).or_insert_with(|| funcs.push(OutFunction::Stub(s))),
            _ => funcs.push(OutFunction::Stub(s)),
        };
        funcs.stubs[s] = Some(f);
    }
    if plan.init_memory {
        funcs.init_memory = Some(funcs.push(OutFunction::InitMemory));
    }
    // (Thread-local data is set apart only with threads: see `Layout::tls_in_data`.)
    let tls_got = |id: SymbolId| config.shared_memory && scan.is_tls(t, id);
    let tls_in_data = config.is_pic() && !config.shared_memory;
    // (`__tls_base`, if made, is then set at start, or with extended-const by its initializer.)
    let tls_base_from_memory_base = tls_in_data
        && t.find(synthetic::name(Synth::TlsBase)).is_some_and(|id| live.symbols[id] && t.sym(id).def == Def::Synthetic(Synth::TlsBase));
    if scan.got.iter().any(|&id| tls_got(id)) {
        funcs.apply_global_tls_relocs = Some(funcs.push(OutFunction::ApplyGlobalTlsRelocs));
    }
    // (At a fixed address too, where it has nothing to do but for `import-dynamic`'s GOT: lld
    // makes it wherever thread-local data holds relocations, and `__wasm_init_tls` calls it.)
    if config.shared_memory && has_tls_relocations(t, live) {
        funcs.apply_tls_relocs = Some(funcs.push(OutFunction::ApplyTlsRelocs));
    }
    if config.is_pic() && !extended_const && (scan.got.iter().any(|&id| !tls_got(id)) || tls_base_from_memory_base) {
        funcs.apply_global_relocs = Some(funcs.push(OutFunction::ApplyGlobalRelocs));
    }
    if funcs.apply_global_relocs.is_some() && funcs.init_memory.is_some() {
        funcs.start = Some(funcs.push(OutFunction::Start));
    }
    for (file, f) in t.files.iter() {
        funcs.per_file[file] = SecondaryMap::with_capacity(f.obj.functions.len());
        for index in live.functions_of(file) {
            funcs.per_file[file][index] = Some(funcs.push(OutFunction::Input { file, index }));
        }
    }

    // Globals: linker-made first, then the inputs'.
    let mut globals = Globals {
        space: Space::new(global_import_count),
        defined: PrimaryMap::new(),
        synthetic: FxHashMap::default(),
        per_file: SecondaryMap::with_capacity(t.files.len()),
        got: Vec::new(),
    };
    // (lld also keeps `__tls_base` wherever `__wasm_init_memory` runs with threads, which
    // would set it: after GC, so `--print-gc-sections` still names it.)
    let tls_base_kept = config.shared_memory && funcs.init_memory.is_some();
    for sd in synthetic::ALL.iter().filter(|sd| sd.kind == SymKind::Global && !(config.is_pic() && sd.imported_in_pic())) {
        if let Some(id) = t.find(sd.name)
            && (live.symbols[id] || sd.synth == Synth::TlsBase && tls_base_kept)
            && t.sym(id).def == Def::Synthetic(sd.synth)
            && t.sym(id).kind == SymKind::Global
        {
            let mut ty = sd.global_type(config);
            // (Set at start: `tls_base_from_memory_base`.)
            ty.mutable |= sd.synth == Synth::TlsBase && tls_base_from_memory_base && !extended_const;
            let g = globals.push(GlobalDef { ty, init: GlobalInit::Const(0), name: sd.name.into() });
            globals.synthetic.insert(sd.synth, g);
        }
    }
    for (file, f) in t.files.iter() {
        let names = f.obj.global_names();
        globals.per_file[file] = SecondaryMap::with_capacity(f.obj.globals.len());
        for (i, g) in f.obj.globals.iter() {
            if live.globals[file][i] {
                let init = g.init.strip_suffix(&[0x0b]).unwrap_or(g.init);
                let out = globals.push(GlobalDef { ty: g.ty, init: GlobalInit::Raw(init), name: names[i].unwrap_or("").into() });
                globals.per_file[file][i] = Some(out);
            }
        }
    }
    // GOT entries, valued once addresses are known (`got_values`).
    for &id in &scan.got {
        let (kind, name) = match scan.stub(id) {
            // (A missing function keeps its own name, as lld's symbol does beside its stub.)
            Some((_, stub)) if stub.kind == crate::scan::StubKind::Undefined => ("func", crate::demangle::show(t.sym(stub.symbol).name, config.demangle)),
            Some((_, stub)) => ("func", stub.function_name(config).into()),
            None => (if t.sym(id).kind == SymKind::Function { "func" } else { "data" }, crate::demangle::show(t.sym(id).name, config.demangle)),
        };
        // A PIC module's are set at start by `__wasm_apply_global_relocs`, and TLS ones with
        // threads by `__wasm_apply_global_tls_relocs`, for each thread; others are constants.
        let stub = scan.stub(id).is_some();
        let mutable = !stub && (tls_got(id) || config.is_pic() && !extended_const);
        let ty = GlobalType { content_type: config.width.ptr_type(), mutable, shared: false };
        let g = globals.push(GlobalDef { ty, init: GlobalInit::Const(0), name: format!("GOT.{kind}.internal.{name}").into() });
        globals.got.push((id, g));
    }

    // Tables: the indirect function table (unless imported), then the inputs'.
    let mut tables = Tables {
        space: Space::new(n_tables as usize),
        defined: PrimaryMap::new(),
        indirect: import_table.and_then(|id| table_imports.get(&id).copied()),
        per_file: SecondaryMap::with_capacity(t.files.len()),
    };
    // The linker's indirect function table comes after the inputs' tables, but first when an
    // MVP object's `call_indirect`s assume table 0 (lld's `TableSection::addTable`).
    let make_indirect = tables.indirect.is_none() && table.is_some();
    let legacy = t.files.iter().any(|(file, f)| live.files[file] && f.obj.mvp_table);
    if make_indirect && legacy {
        tables.indirect = Some(tables.space.index(tables.defined.push(funcref)));
    }
    for (file, f) in t.files.iter() {
        tables.per_file[file] = SecondaryMap::with_capacity(f.obj.tables.len());
        for (i, tt) in f.obj.tables.iter() {
            if live.tables[file][i] {
                tables.per_file[file][i] = Some(tables.space.index(tables.defined.push(*tt)));
            }
        }
    }
    if make_indirect && !legacy {
        tables.indirect = Some(tables.space.index(tables.defined.push(funcref)));
    }
    let mut tags = Tags {
        space: Space::new(n_tags as usize),
        defined: PrimaryMap::new(),
        per_file: SecondaryMap::with_capacity(t.files.len()),
    };
    for (file, f) in t.files.iter() {
        tags.per_file[file] = SecondaryMap::with_capacity(f.obj.tags.len());
        for i in f.obj.tags.keys() {
            if live.tags[file][i] {
                // Typed last, in `function_types`.
                let untyped = OutType::new(0);
                tags.per_file[file][i] = Some(tags.space.index(tags.defined.push(untyped)));
            }
        }
    }

    // Imports are placed now (later steps look functions up); everything else at the end.
    let mut place = Placement { places: SecondaryMap::with_capacity(scan.symbol_count()), got: SecondaryMap::new() };
    for (&id, &f) in &func_imports {
        place.places[id] = Place::Func(f);
    }
    for (&id, &g) in &global_imports {
        place.places[id] = Place::Global(g);
    }
    for (&id, &tb) in &table_imports {
        place.places[id] = Place::Table(tb);
    }
    for (&id, &tg) in &tag_imports {
        place.places[id] = Place::Tag(tg);
    }
    for &(id, g) in &got_imports {
        place.got[id] = Some(g);
    }
    Layout {
        width: config.width,
        pic: config.is_pic(),
        extended_const,
        tls_in_data,
        types,
        imports,
        funcs,
        globals,
        tables,
        tags,
        table: IndirectTable::default(),
        // (Made beside the index spaces: see `run`.)
        memory: MemoryMap::empty(config, plan.emit_bss),
        exports: Vec::new(),
        ctors: Vec::new(),
        place,
        dylink: None,
    }
}

/// What the memory map and the index spaces both depend on, known before either is made.
#[derive(Clone, Copy)]
struct MemoryPlan {
    /// `.bss` is written as zeroes (`MemoryMap::emit_bss`).
    emit_bss: bool,
    /// A PIC module's globals are initialized with extended-const expressions.
    extended_const: bool,
    /// The output has `__wasm_init_memory` (`needs_init_memory`).
    init_memory: bool,
}

impl MemoryPlan {
    fn new(t: &SymbolTable, live: &Live, features: &Features, config: &Config) -> MemoryPlan {
        // (Relocations may point into `.bss`: with them, it is written too.)
        let emit_bss = config.emit_relocs || config.import_memory.is_some() && !features.allows("bulk-memory");
        MemoryPlan {
            emit_bss,
            extended_const: config.is_pic() && features.allows("extended-const"),
            init_memory: needs_init_memory(t, live, config, emit_bss),
        }
    }
}

/// Whether a live `.tdata` input segment has relocations (a PIC module's TLS block then needs
/// `__wasm_apply_tls_relocs` in each thread).
fn has_tls_relocations(t: &SymbolTable, live: &Live) -> bool {
    t.files.iter().any(|(file, f)| live.segments_of(file).any(|s| f.obj.segments[s].is_tls() && !f.obj.segment_relocs(s).is_empty()))
}

/// wasm-ld's `hasPassiveInitializedSegments`, before the memory map exists: every segment of
/// a shared memory is initialized at start, and `.bss` of an imported one (unless it is
/// written), in PIC output too since LLD 21 (wasm-ld 19 wrote it into the combined `.data`).
fn needs_init_memory(t: &SymbolTable, live: &Live, config: &Config, emit_bss: bool) -> bool {
    // An object has no start function (lld makes no init functions for `-r`): the final
    // link makes it.
    if config.kind == crate::config::OutputKind::Relocatable {
        return false;
    }
    let mut names = t.files.iter().flat_map(|(file, f)| {
        live.segments_of(file).map(move |si| {
            let seg = &f.obj.segments[si];
            output_segment_name(seg.name, seg.is_tls(), config.merge_data_segments)
        })
    });
    if config.shared_memory {
        return names.next().is_some();
    }
    if config.import_memory.is_none() || emit_bss {
        return false;
    }
    // (A PIC module's `.bss` stays out of the one `.data` its segments are combined into.)
    names.any(|n| n.starts_with(".bss"))
}

impl Layout<'_> {
    /// The output function of a linker-made function symbol.
    fn linker_function(&self, synth: Synth) -> Option<OutFunc> {
        match synth {
            Synth::CallCtors => self.funcs.call_ctors,
            Synth::InitTls => self.funcs.init_tls,
            Synth::ApplyDataRelocs => self.funcs.apply_data_relocs,
            _ => None,
        }
    }

    /// Whether GOT entry `id` is thread-local data's, relative to each thread's `__tls_base`
    /// (with threads; without, the TLS block is data like any other: `tls_in_data`).
    pub fn got_per_thread(&self, t: &SymbolTable, scan: &Scan, id: SymbolId) -> bool {
        self.memory.memory.shared && scan.is_tls(t, id)
    }

    /// A linker-made global: defined (`__stack_pointer`, `__tls_base`), or imported by a PIC
    /// module (its bases).
    pub fn base_global(&self, t: &SymbolTable, synth: Synth) -> Option<OutGlobal> {
        self.globals.synthetic.get(&synth).copied().or_else(|| self.place.global(t.find(synthetic::name(synth))?))
    }

    /// The output function a symbol's definition, import or stub became (also before
    /// `placement`, when only the imports are placed).
    fn func_of(&self, t: &SymbolTable, scan: &Scan, id: SymbolId) -> Option<OutFunc> {
        if let Some((s, _)) = scan.stub(id) {
            return self.funcs.stubs[s];
        }
        match t.sym(id).def {
            // A shared library's weak function is reached through its import (placed first as
            // `Place::Func`, by `placement` as `Place::Interposable`): its table slot holds the
            // import, as wasm-ld's does, and so does its GOT entry.
            Def::Defined { .. } if matches!(self.place.get(id), Place::Func(_) | Place::Interposable { .. }) => self.place.func(id),
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let SymTarget::Func(f, _) = o.symbols[sym].target else { return None };
                self.funcs.per_file[file][o.func_space().defined(f)?]
            }
            Def::Synthetic(synth) if self.linker_function(synth).is_some() => self.linker_function(synth),
            Def::Synthetic(_) => None,
            Def::Undefined | Def::Lazy(_) | Def::Shared { .. } => self.place.func(id),
        }
    }
}


// ------------------------------------------------------------------------------------------
// 2. The indirect function table

fn indirect_table(l: &mut Layout, t: &SymbolTable, scan: &Scan, config: &Config, diags: &mut Diagnostics) {
    l.table.base = config.table_base();
    // An MVP object's `call_indirect` uses table 0, which an imported table would take.
    let legacy = t.files.values().any(|f| f.obj.mvp_table);
    let defined_indirect = l.tables.indirect.is_some_and(|i| l.tables.space.defined(i).is_some());
    if legacy && defined_indirect && l.tables.space.imports() > 0 {
        let culprit = l.imports.iter().find(|i| matches!(i.kind, ImportKind::Table(_)));
        if let Some(culprit) = culprit {
            let file = t.find(culprit.symbol).and_then(|id| t.sym(id).first_ref).map_or("<internal>".to_string(), |(f, _)| t.file(f).name.clone());
            diags.error(format!(
                "object file not built with 'reference-types' feature conflicts with import of table {} by file {file}",
                culprit.symbol
            ));
        }
    }
    for &id in &scan.table_uses {
        let Some(f) = l.func_of(t, scan, id) else { continue };
        let next = l.table.entries.len() as u32;
        let slot = match scan.stub(id) {
            Some(_) => l.table.missing_slots.entry(id).or_insert(next),
            None => l.table.slots[f].get_or_insert(next),
        };
        if *slot == next {
            l.table.entries.push(f);
        }
    }
    let size = config.table_base().saturating_add(l.table.entries.len() as u64);
    if size > u32::MAX as u64 {
        diags.error(format!(
            "table too large: --table-base {} plus {} entries is more than 4294967295",
            config.table_base(),
            l.table.entries.len()
        ));
    }
    let Some(indirect) = l.tables.indirect else { return };
    match l.tables.space.defined(indirect) {
        Some(d) => {
            let tt = &mut l.tables.defined[d];
            tt.initial = size;
            tt.maximum = (!config.growable_table).then_some(size);
        }
        None => {
            if let Some(ImportKind::Table(tt)) = l
                .imports
                .iter_mut()
                .find(|i| matches!(i.kind, ImportKind::Table(_)) && i.name == crate::synthetic::INDIRECT_FUNCTION_TABLE)
                .map(|i| &mut i.kind)
            {
                tt.initial = size;
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// 3. Constructors: by priority, stable in input order.

fn constructors(l: &mut Layout, t: &SymbolTable, live: &Live, scan: &Scan) {
    let mut ctors: Vec<(u32, OutFunc)> = Vec::new();
    // (Of live files only. lld also takes a removed file's entry whose symbol is live for
    // another reason, README's "Differences from wasm-ld".)
    for (file, f) in t.files.iter() {
        if !live.files[file] {
            continue;
        }
        for (prio, s) in f.init_funcs() {
            let id = scan.symbol(t, file, s);
            // (A shared library's weak constructor is called through its import, as all its
            // calls are: wasm-ld's `__wasm_call_ctors` calls the import, which another module
            // may provide. See `func_of`.)
            if let Some(func) = l.func_of(t, scan, id) {
                ctors.push((prio, func));
            }
        }
    }
    ctors.sort_by_key(|c| c.0);
    l.ctors = ctors.into_iter().map(|c| c.1).collect();
}

/// What a constructor symbol resolved to (maybe the linker's own `__wasm_init_tls`) is what
/// `__wasm_call_ctors` calls without arguments.
fn check_constructors(l: &Layout, t: &SymbolTable, live: &Live, scan: &Scan, diags: &mut Diagnostics) {
    for (file, f) in t.files.iter() {
        if !live.files[file] {
            continue;
        }
        for (_, s) in f.init_funcs() {
            let Some(func) = l.func_of(t, scan, scan.symbol(t, file, s)) else { continue };
            if l.funcs.type_of(func).is_some_and(|ty| !l.types.list[ty].params().is_empty()) {
                let name = f.obj.symbols[s].name;
                diags.push(
                    Diagnostic::error(format!("constructor functions cannot take arguments: {name}"))
                        .file(f.name.clone())
                        .symbol(name),
                );
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// 4. The memory map

/// Memory map (wasm-ld's `layoutMemory`), low addresses first:
///
/// ```text
///   default:        | global base (1024) | data segments | stack (grows down) | heap ...
///   --stack-first:  | stack (grows down) | data segments | heap ...
/// ```
/// `__stack_pointer` starts at the top of the stack; `__heap_base` is the
/// first 16-aligned address after everything static; `__heap_end` is the end
/// of the initial memory.
fn memory_map<'a>(t: &SymbolTable<'a>, live: &Live, config: &Config, plan: MemoryPlan, diags: &mut Diagnostics) -> MemoryMap<'a> {
    let mut map = MemoryMap::empty(config, plan.emit_bss);
    let m = &mut map;
    // Output segments: merged by name, in order of first appearance, then
    // sorted .tdata, .rodata, .data, others, .bss (stable).
    let mut segments: Vec<Segment<'a>> = Vec::new();
    // The input segments of each output segment, in order.
    let mut members: Vec<Vec<(FileId, InSegment)>> = Vec::new();
    let mut by_name: FxHashMap<&'a str, usize> = FxHashMap::default();
    let relocatable = config.kind == crate::config::OutputKind::Relocatable;
    for (file, f) in t.files.iter() {
        for si in live.segments_of(file) {
            let seg = &f.obj.segments[si];
            let name = output_segment_name(seg.name, seg.is_tls(), config.merge_data_segments);
            let new_segment = |segments: &mut Vec<Segment<'a>>, members: &mut Vec<Vec<(FileId, InSegment)>>| {
                segments.push(Segment {
                    name,
                    start: 0,
                    size: 0,
                    align_log2: 0,
                    is_tls: seg.is_tls(),
                    // Relocatable output keeps `.bss` as data, for the final link to decide.
                    is_bss: name.starts_with(".bss") && !relocatable,
                    parts: Vec::new(),
                    pieces: Vec::new(),
                    blobs: Vec::new(),
                    flags: 0,
                });
                members.push(Vec::new());
                segments.len() - 1
            };
            // A comdat's segment stays its own in relocatable output, for the final link to
            // keep or drop.
            let oi = if relocatable && seg.comdat.is_some() {
                new_segment(&mut segments, &mut members)
            } else {
                *by_name.entry(name).or_insert_with(|| new_segment(&mut segments, &mut members))
            };
            members[oi].push((file, si));
        }
    }
    // What goes into each output segment: input segments, and merged strings where the first
    // of their inputs stood (wasm-ld merges at -O1, its default, and above).
    enum Item {
        Input(FileId, InSegment),
        Merged(u32, u32, Vec<(FileId, InSegment)>),
    }
    // Strings merged from `inputs` into output segment `segment`, at `offset` in it.
    struct MergedStrings {
        segment: usize,
        inputs: Vec<(FileId, InSegment)>,
        merged: crate::merge::Merged,
        offset: u64,
    }
    let mut merged_places: Vec<MergedStrings> = Vec::new();
    for (oi, list) in members.into_iter().enumerate() {
        let mut items: Vec<Item> = Vec::with_capacity(list.len());
        // Where each (flags, alignment) group of merged strings is among the items.
        let mut groups: FxHashMap<(u32, u32), usize> = FxHashMap::default();
        for (file, si) in list {
            let seg = &t.file(file).obj.segments[si];
            let merge = config.optimize >= 1
                && seg.flags.contains(wasmparser::SegmentFlags::STRINGS)
                && seg.align_log2 == 0
                && t.file(file).obj.segment_relocs(si).is_empty()
                && crate::merge::mergeable(seg.data);
            if !merge {
                items.push(Item::Input(file, si));
                continue;
            }
            let flags = seg.flags.bits();
            match groups.get(&(flags, seg.align_log2)).map(|&at| &mut items[at]) {
                Some(Item::Merged(_, _, members)) => members.push((file, si)),
                _ => {
                    groups.insert((flags, seg.align_log2), items.len());
                    items.push(Item::Merged(flags, seg.align_log2, vec![(file, si)]));
                }
            }
        }
        let os = &mut segments[oi];
        let append = |os: &mut Segment<'a>, align_log2: u32, len: u64, flags: u32| -> u64 {
            os.align_log2 = os.align_log2.max(align_log2);
            os.flags |= flags;
            let off = align_to(os.size, 1u64 << align_log2);
            let end = off + len;
            match os.pieces.last_mut() {
                // A PIC module's data moves with `__memory_base`: one piece, never split (nor
                // a relocatable output's, whose symbols name segments).
                Some(last) if config.shared_memory || config.is_pic() || relocatable || os.is_tls || off - last.1 < SPLIT_GAP => {
                    last.1 = end
                }
                _ => os.pieces.push((off, end)),
            }
            os.size = end;
            off
        };
        for item in items {
            match item {
                Item::Input(file, si) => {
                    let seg = &t.file(file).obj.segments[si];
                    let off = append(os, seg.align_log2, seg.data.len() as u64, seg.flags.bits());
                    os.parts.push((file, si, off));
                }
                Item::Merged(flags, align_log2, inputs) => {
                    let data: Vec<&[u8]> = inputs.iter().map(|&(f, si)| t.file(f).obj.segments[si].data).collect();
                    let merged = crate::merge::merge(&data);
                    let off = append(os, align_log2, merged.bytes.len() as u64, flags);
                    merged_places.push(MergedStrings { segment: oi, inputs, merged, offset: off });
                }
            }
        }
    }
    let order = |name: &str| {
        if name.starts_with(".tdata") {
            0
        } else if name.starts_with(".rodata") {
            1
        } else if name.starts_with(".data") {
            2
        } else if name.starts_with(".bss") {
            4
        } else {
            3
        }
    };
    // (Stable: merged strings follow their segment to its new index.)
    let mut order_of: Vec<usize> = (0..segments.len()).collect();
    order_of.sort_by_key(|&i| order(segments[i].name));
    let mut new_index = vec![0; segments.len()];
    for (new, &old) in order_of.iter().enumerate() {
        new_index[old] = new;
    }
    for MergedStrings { segment, inputs, merged, offset } in merged_places {
        segments[segment].blobs.push((offset, merged.bytes));
        for (input, pieces) in inputs.into_iter().zip(merged.pieces) {
            let pieces = pieces.into_iter().map(|(at, to)| (at, to + offset)).collect();
            m.merged.insert(input, (OutSegment::new(new_index[segment]), pieces));
        }
    }
    segments.sort_by_key(|s| order(s.name));
    m.segments = segments.into();
    for (file, f) in t.files.iter() {
        m.places[file] = SecondaryMap::with_capacity(f.obj.segments.len());
    }
    for (oi, s) in m.segments.iter() {
        for &(file, si, off) in &s.parts {
            m.places[file][si] = Some((oi, off));
        }
    }

    let mut ptr: u64 = 0;
    let place_stack = |ptr: &mut u64, m: &mut MemoryMap| {
        *ptr = align_to(*ptr, STACK_ALIGN);
        m.synthetic.insert(Synth::StackLow, *ptr);
        *ptr = ptr.saturating_add(config.stack_size);
        m.synthetic.insert(Synth::StackHigh, *ptr);
    };
    if !config.stack_size.is_multiple_of(STACK_ALIGN) {
        diags.error(format!("stack size must be {STACK_ALIGN}-byte aligned"));
    }
    // A PIC module has no stack of its own, and its data starts at `__memory_base`; a
    // relocatable output's starts at 0, and the final link places it.
    let pic = config.is_pic() || relocatable;
    if pic {
        ptr = 0;
    } else if config.stack_first {
        place_stack(&mut ptr, m);
        if let Some(gb) = config.global_base {
            if gb < ptr {
                diags.error("--global-base cannot be less than stack size when --stack-first is used".to_string());
            } else {
                ptr = gb;
            }
        }
    } else {
        ptr = config.global_base.unwrap_or(1024);
    }
    m.synthetic.insert(Synth::GlobalBase, ptr);
    // (As data symbols, see `resolve::define_synthetic`.)
    m.synthetic.insert(Synth::MemoryBase, 0);
    m.synthetic.insert(Synth::TableBase, config.table_base());
    m.synthetic.insert(Synth::DsoHandle, ptr);
    for s in m.segments.values_mut() {
        ptr = align_to(ptr, 1u64 << s.align_log2);
        s.start = ptr;
        if s.is_tls {
            m.tls_base = ptr;
            m.tls_starts.push(ptr);
        }
        ptr = ptr.saturating_add(s.size);
    }
    for s in m.segments.values() {
        m.span_of.entry(s.name).or_insert(m.spans.len());
        m.spans.push((s.name, s.start, s.end()));
    }
    let mut rodata = m.segments.values().filter(|s| s.name.starts_with(".rodata"));
    let (rodata_start, rodata_end) = (rodata.clone().next().map_or(0, |s| s.start), rodata.next_back().map_or(0, Segment::end));
    m.synthetic.insert(Synth::RodataStart, rodata_start);
    m.synthetic.insert(Synth::RodataEnd, rodata_end);
    // The flag `__wasm_init_memory` races on, after the data.
    if plan.init_memory && config.shared_memory {
        ptr = align_to(ptr, 4);
        m.init_memory_flag = Some(ptr);
        ptr = ptr.saturating_add(4);
    }
    m.synthetic.insert(Synth::DataEnd, ptr);
    m.data_size = ptr;
    m.data_align_log2 = m.segments.values().map(|s| s.align_log2).max().unwrap_or(0);
    if !config.stack_first && !pic {
        place_stack(&mut ptr, m);
    }
    // Aligned for allocators, where one can find it: lld aligns only a `__heap_base` it made,
    // which a custom page size shows (the memory's end is the data's, not rounded to 16).
    if t.find("__heap_base").is_some_and(|id| matches!(t.sym(id).def, Def::Synthetic(Synth::HeapBase))) {
        ptr = align_to(ptr, 16);
    }
    m.synthetic.insert(Synth::HeapBase, ptr);
    let max_addr = config.width.max_memory();
    let page = config.page_size;
    if config.initial_heap != 0 {
        if !config.initial_heap.is_multiple_of(page) {
            diags.error(format!("initial heap must be {page}-byte aligned"));
        }
        let most = max_addr.saturating_sub(ptr);
        if config.initial_heap > most {
            diags.error(format!("initial heap too large, cannot be greater than {most}"));
        }
        ptr = ptr.saturating_add(config.initial_heap);
    }
    // `--initial-memory` and `--max-memory`, checked alike (lld's words).
    let check_size = |what: &str, size: u64, needed: u64, diags: &mut Diagnostics| {
        if !size.is_multiple_of(page) {
            diags.error(format!("{what} must be {page}-byte aligned"));
        }
        if needed > size {
            diags.error(format!("{what} too small, {needed} bytes needed"));
        }
        if size > max_addr {
            diags.error(format!("{what} too large, cannot be greater than {max_addr}"));
        }
    };
    if config.initial_memory != 0 {
        check_size("initial memory", config.initial_memory, ptr, diags);
        ptr = config.initial_memory;
    }
    ptr = align_to(ptr, page);
    if ptr > max_addr {
        diags.error(format!("total memory too large, {ptr} bytes needed"));
    }
    m.memory.min_pages = ptr / page;
    m.synthetic.insert(Synth::HeapEnd, ptr);
    let mut max = 0;
    if config.max_memory != 0 {
        check_size("maximum memory", config.max_memory, ptr, diags);
        max = config.max_memory;
    } else if config.no_growable_memory {
        max = ptr;
    }
    if config.shared_memory && max == 0 {
        // A PIC module's loader may place it anywhere: its memory may grow to the limit.
        max = if pic { max_addr } else { ptr };
    }
    m.memory.max_pages = (max != 0).then_some(max / page);
    m.synthetic.insert(Synth::FirstPageEnd, page);
    if config.is_pic() && !config.shared_memory && !plan.extended_const {
        combine_segments(m);
    }

    let written: u64 =
        m.segments.values().filter(|s| m.segment_written(s)).flat_map(|s| &s.pieces).map(|(from, to)| to - from).sum();
    if written > MAX_DATA_BYTES {
        let widest = m.segments.values().filter(|s| m.segment_written(s)).max_by_key(|s| s.size).map_or("", |s| s.name);
        diags.error(format!(
            "data segments would take {written} bytes, more than wasmlink writes ({MAX_DATA_BYTES}); \
             the largest is {widest} (alignment padding between its parts is written out with --shared-memory)"
        ));
    }
    map
}

/// wasm-ld's `combineOutputSegments`: a PIC module (without threads) has one active data segment,
/// `.data` at `__memory_base`, holding every written output segment at its address. `.bss` that
/// is not written (the memory is fresh, or `__wasm_init_memory` zeroes it) stays a segment of
/// its own after it, as LLD 21 leaves it (wasm-ld 19 wrote its zeroes into `.data`).
fn combine_segments(m: &mut MemoryMap) {
    // (A lone segment keeps its name, and `.bss` stays `.bss`.)
    if m.segments.len() <= 1 {
        return;
    }
    let old: Vec<Segment> = std::mem::take(&mut m.segments).into_iter().map(|(_, s)| s).collect();
    let written: Vec<bool> = old.iter().map(|s| m.segment_written(s)).collect();
    let start = old.iter().zip(&written).filter(|(_, w)| **w).map(|(s, _)| s.start).min().unwrap_or(0);
    let end = old.iter().zip(&written).filter(|(_, w)| **w).map(|(s, _)| s.end()).max().unwrap_or(start);
    // Where each old segment goes: into `.data` at a shift, or to a segment of its own after it.
    let mut moved: Vec<(OutSegment, u64)> = Vec::with_capacity(old.len());
    let mut next = 1;
    for (s, &w) in old.iter().zip(&written) {
        if w {
            moved.push((OutSegment::new(0), s.start - start));
        } else {
            moved.push((OutSegment::new(next), 0));
            next += 1;
        }
    }
    let mut combined = Segment {
        name: ".data",
        start,
        size: end - start,
        align_log2: 0,
        is_tls: false,
        is_bss: false,
        parts: Vec::new(),
        pieces: vec![(0, end - start)],
        blobs: Vec::new(),
        flags: 0,
    };
    let mut own = Vec::new();
    for (mut s, &w) in old.into_iter().zip(&written) {
        if !w {
            own.push(s);
            continue;
        }
        let shift = s.start - start;
        combined.parts.extend(s.parts.iter().map(|&(f, si, off)| (f, si, shift + off)));
        combined.blobs.extend(std::mem::take(&mut s.blobs).into_iter().map(|(off, bytes)| (off + shift, bytes)));
        combined.align_log2 = combined.align_log2.max(s.align_log2);
        combined.flags |= s.flags;
    }
    m.segments = std::iter::once(combined).chain(own).collect::<Vec<_>>().into();
    for places in m.places.values_mut() {
        for place in places.values_mut().flatten() {
            let (seg, shift) = moved[place.0.index()];
            *place = (seg, place.1 + shift);
        }
    }
    for (seg, pieces) in m.merged.values_mut() {
        let (to, shift) = moved[seg.index()];
        *seg = to;
        pieces.iter_mut().for_each(|p| p.1 += shift);
    }
}

/// Values of the linker-made globals, known once memory is laid out.
fn synthetic_globals(l: &mut Layout, t: &SymbolTable, config: &Config) {
    let memory_base = l.base_global(t, Synth::MemoryBase);
    let m = &l.memory;
    let tls = m.segments.values().find(|s| s.is_tls);
    let (tls_size, tls_align) = tls.map_or((0, 0), |s| (s.size, 1u64 << s.align_log2));
    for (&synth, &g) in &l.globals.synthetic {
        let value = match synth {
            Synth::StackPointer => m.synthetic[&Synth::StackHigh],
            // With threads each thread sets its own; without, it is fixed.
            Synth::TlsBase if config.shared_memory => 0,
            Synth::TlsBase if l.tls_in_data => match memory_base {
                Some(base) if l.extended_const => {
                    let d = l.globals.space.defined(g).expect("linker-made globals are defined");
                    l.globals.defined[d].init = GlobalInit::BasePlus { base, offset: m.tls_base };
                    continue;
                }
                // (Set at start, by `__wasm_apply_global_relocs`; or, where no `__memory_base` is
                // placed yet, an offset as the GOT entries are.)
                _ => m.tls_base,
            },
            Synth::TlsBase => m.tls_base,
            Synth::TlsSize => tls_size,
            Synth::TlsAlign => tls_align,
            Synth::MemoryBase => 0,
            Synth::TableBase => config.table_base(),
            _ => continue,
        };
        let d = l.globals.space.defined(g).expect("linker-made globals are defined");
        l.globals.defined[d].init = GlobalInit::Const(value as i64);
    }
}

/// The GOT entries' values: a data symbol's address, a function's table index (0, the null
/// pointer, for a missing function's stub), 0 for undefined data.
fn got_values(l: &mut Layout, t: &SymbolTable, scan: &Scan) {
    for i in 0..l.globals.got.len() {
        let (id, g) = l.globals.got[i];
        let function = scan.is_function(t, id);
        let value = if function {
            // (A stub's entry is the null pointer, even where the stub has a slot.)
            let slot = || l.func_of(t, scan, id).and_then(|f| l.table.index_of(f));
            if scan.stub(id).is_some() { 0 } else { slot().unwrap_or(0) }
        } else if l.got_per_thread(t, scan, id) {
            // Set for each thread by `__wasm_apply_global_tls_relocs`: wasm-ld starts it at the
            // offset in the TLS block, not the template's address.
            l.data_addr(t, id).map_or(0, |a| {
                debug_assert!(a >= l.memory.tls_base, "thread-local data below the TLS block");
                a.saturating_sub(l.memory.tls_base)
            })
        } else {
            l.data_addr(t, id).unwrap_or(0)
        };
        // With extended-const a PIC module's entry adds its base itself (not a stub's null
        // pointer, nor, with threads, thread-local data's offset).
        let base = match (function, scan.stub(id)) {
            _ if !l.extended_const || l.got_per_thread(t, scan, id) => None,
            (true, None) => l.base_global(t, Synth::TableBase),
            (false, _) => l.base_global(t, Synth::MemoryBase),
            (true, Some(_)) => None,
        };
        let d = l.globals.space.defined(g).expect("GOT entries are defined globals");
        l.globals.defined[d].init = match base {
            Some(base) => GlobalInit::BasePlus { base, offset: value },
            None => GlobalInit::Const(value as i64),
        };
        l.place.got[id] = Some(g);
    }
}

pub fn output_segment_name(name: &str, tls: bool, merge: bool) -> &str {
    if tls {
        return ".tdata";
    }
    if !merge {
        return name;
    }
    for prefix in [".text.", ".data.", ".bss.", ".rodata."] {
        if name.starts_with(prefix) {
            return &prefix[..prefix.len() - 1];
        }
    }
    name
}

/// Saturating: flag values near `u64::MAX` must reach the "too large" checks, not wrap.
pub fn align_to(v: u64, align: u64) -> u64 {
    v.checked_next_multiple_of(align).unwrap_or(u64::MAX)
}

// ------------------------------------------------------------------------------------------
// 5. Exports

/// The symbols in lld's symbol-table order, which its exports and an executable's
/// `--emit-relocs` symbol table follow: the linker's own symbols made before the inputs first,
/// in the order lld's `createSyntheticSymbols` makes them, then the rest as they were met; the
/// indirect function table where an input names it, else last (lld makes it after GC).
pub fn lld_symbol_order(t: &SymbolTable, config: &Config) -> Vec<SymbolId> {
    let table_sym = t.linker_table();
    let late = table_sym.filter(|&id| !t.sym(id).used_in_regular_obj);
    // (What a PIC module imports keeps its place when an input defines it: lld made the name
    // first, undefined.)
    let mut early: Vec<(Synth, SymbolId)> = synthetic::ALL
        .iter()
        .filter(|sd| sd.made_before_inputs(config) && sd.synth != Synth::IndirectFunctionTable)
        .filter_map(|sd| {
            let taken = |id: SymbolId| t.sym(id).def == Def::Synthetic(sd.synth) || config.is_pic() && sd.imported_in_pic();
            t.find(sd.name).filter(|&id| taken(id)).map(|id| (sd.synth, id))
        })
        .collect();
    let made_at = |synth: Synth| synthetic::MADE_BEFORE_INPUTS.iter().position(|&s| s == synth).unwrap_or(usize::MAX);
    early.sort_by_key(|&(synth, _)| made_at(synth));
    let early: Vec<SymbolId> = early.into_iter().map(|(_, id)| id).collect();
    let mut order = early.clone();
    order.extend(t.symbols.keys().filter(|id| !early.contains(id) && Some(*id) != late));
    order.extend(late);
    order
}

fn exports<'a>(l: &mut Layout<'a>, t: &SymbolTable<'a>, live: &Live, scan: &Scan, config: &Config, diags: &mut Diagnostics) {
    // A relocatable output exports nothing: its symbol table says what it defines.
    if config.kind == crate::config::OutputKind::Relocatable {
        return;
    }
    // A definition reached through an imported GOT entry is exported, for the loader to fill it.
    let got_exported: rustc_hash::FxHashSet<SymbolId> = scan.got_exports.iter().copied().collect();
    // wasm-ld's `createCommandExportWrappers`: with nothing calling `__wasm_call_ctors`, each
    // exported function runs constructors and destructors around itself. Nothing to run
    // around the exports: no wrappers (as wasm-ld).
    let ctors_sym = t.find("__wasm_call_ctors");
    let ctors_used = ctors_sym.is_some_and(|c| t.sym(c).used_in_regular_obj);
    let ctors_exported = ctors_sym.is_some_and(|c| gc::is_exported(t, c, config));
    // (A PIC module's loader runs them.)
    let wrap_exports =
        !config.is_pic() && !ctors_used && !ctors_exported && (!l.ctors.is_empty() || t.call_dtors.is_some());
    l.funcs.call_dtors = t.call_dtors.and_then(|d| l.defined_func(t, d));

    match (&config.export_memory, &config.import_memory) {
        (Some(name), _) => l.exports.push(Export { name: name.clone(), target: ExportTarget::Memory, mutable_global: false }),
        (None, None) => l.exports.push(Export { name: "memory".into(), target: ExportTarget::Memory, mutable_global: false }),
        (None, Some(_)) => {}
    }
    let table_sym = t.linker_table();
    let order = lld_symbol_order(t, config);
    // (An imported table is lld's undefined symbol, which no export names.)
    let table_imported = l.tables.indirect.is_some_and(|i| l.tables.space.defined(i).is_none());
    let mut wrapped = Vec::new();
    for id in order {
        let s = t.sym(id);
        if table_imported && Some(id) == table_sym {
            continue;
        }
        // With `--export-all`, a `__start_X`/`__stop_X` that only an archive member offers: lld's
        // optional symbol replaces that offer where it stands in the symbol table.
        let offered = config.export_all && matches!(s.def, Def::Lazy(_)) && !s.used_in_regular_obj;
        if let Some(addr) = offered.then(|| l.memory.start_stop_address(s.name)).flatten() {
            l.export_address(s.name.to_string(), addr, config);
            continue;
        }
        let exported_table = config.export_table && Some(id) == table_sym;
        if !exported_table && (!live.symbols[id] || !(gc::is_exported(t, id, config) || got_exported.contains(&id))) {
            continue;
        }
        if made_for_export(t, id) {
            continue;
        }
        match s.kind {
            SymKind::Function => {
                let Some(mut f) = l.defined_func(t, id) else { continue };
                // An `export_name` attribute renames the export.
                let name = t
                    .def_symbol(id)
                    .and_then(|(file, ds)| match ds.target {
                        SymTarget::Func(func, _) => t.file(file).obj.export_name(func),
                        _ => None,
                    })
                    .unwrap_or(s.name)
                    .to_string();
                if wrap_exports && matches!(s.def, Def::Defined { .. } | Def::Synthetic(_)) {
                    f = l.funcs.push(OutFunction::CommandExport(id));
                    // (Exported last: lld's wrappers are symbols it makes after all others.)
                    wrapped.push(Export { name, target: ExportTarget::Func(f), mutable_global: false });
                    continue;
                }
                l.exports.push(Export { name, target: ExportTarget::Func(f), mutable_global: false });
            }
            SymKind::Global => {
                if let Some(g) = l.defined_global(t, id) {
                    let mutable_synth = matches!(s.def, Def::Synthetic(_))
                        && l.globals.space.defined(g).is_some_and(|d| l.globals.defined[d].ty.mutable)
                        && !s.force_export;
                    // (wasm-ld 19's `__memory_base` and `__table_base` are data symbols.)
                    let data_in_lld = matches!(s.def, Def::Synthetic(Synth::MemoryBase | Synth::TableBase));
                    if !mutable_synth {
                        let mutable_global = !data_in_lld && l.global_is_mutable(g);
                        l.exports.push(Export { name: s.name.to_string(), target: ExportTarget::Global(g), mutable_global });
                    }
                }
            }
            SymKind::Table => {
                if let Some(tb) = l.defined_table(t, id) {
                    l.exports.push(Export { name: s.name.to_string(), target: ExportTarget::Table(tb), mutable_global: false });
                }
            }
            SymKind::Tag => {
                if let Some(tg) = l.defined_tag(t, id) {
                    l.exports.push(Export { name: s.name.to_string(), target: ExportTarget::Tag(tg), mutable_global: false });
                }
            }
            SymKind::Data => {
                let mut addr = l.data_addr(t, id).unwrap_or(0);
                // With threads a thread-local symbol's address is its offset from `__tls_base`.
                if config.shared_memory && scan.is_tls(t, id) {
                    addr -= l.memory.tls_base;
                }
                l.export_address(s.name.to_string(), addr, config);
            }
            SymKind::Section => {}
        }
    }
    // After every other symbol, those wasm-ld makes in its layout: `__wasm_init_memory_flag`,
    // then `__start_X` and `__stop_X` that no input names, for each output segment named like a
    // C identifier (so only for segments GC kept), start then stop: those the command line
    // exports, and with `--export-all` every one.
    let flag_name = synthetic::INIT_MEMORY_FLAG;
    let flag_exported = config.exports.iter().chain(&config.exports_if_defined).any(|e| e == flag_name);
    match l.memory.init_memory_flag {
        _ if t.find(flag_name).is_some() => {}
        Some(flag) if config.export_all || flag_exported => l.export_address(flag_name.into(), flag, config),
        // (Once for each `--export=` of it, as lld reports it; resolution reported it where
        // there can be no flag.)
        None if synthetic::init_memory_flag_possible(config) => {
            for _ in config.exports.iter().filter(|e| *e == flag_name) {
                crate::resolve::export_not_found(flag_name, config, diags);
            }
        }
        _ => {}
    }
    let spans: Vec<(&str, u64, u64)> = l.memory.spans.iter().copied().filter(|span| synthetic::is_c_identifier(span.0)).collect();
    let mut made: rustc_hash::FxHashSet<String> = Default::default();
    for (seg, start, end) in spans {
        for (name, addr) in [(format!("__start_{seg}"), start), (format!("__stop_{seg}"), end)] {
            let wanted = match t.find(&name) {
                Some(id) => made_for_export(t, id),
                None => config.export_all,
            };
            if wanted && made.insert(name.clone()) {
                l.export_address(name, addr, config);
            }
        }
    }
    // (Outside PIC, where the linker made no symbol for it, which the loop above would have
    // exported: for the loader.)
    if let Some(f) = l.funcs.apply_data_relocs
        && t.find("__wasm_apply_data_relocs").is_none_or(|id| t.sym(id).def != Def::Synthetic(Synth::ApplyDataRelocs) || !live.symbols[id])
    {
        l.exports.push(Export { name: "__wasm_apply_data_relocs".into(), target: ExportTarget::Func(f), mutable_global: false });
    }
    // `--export-all` also exports the start-up functions lld makes last, after layout, as
    // symbols of their own (hidden, which `--export-all` does not mind), in the order it makes
    // them.
    if config.export_all {
        let late = [
            ("__wasm_init_memory", l.funcs.init_memory),
            ("__wasm_apply_global_tls_relocs", l.funcs.apply_global_tls_relocs),
            ("__wasm_apply_tls_relocs", l.funcs.apply_tls_relocs),
            ("__wasm_apply_global_relocs", l.funcs.apply_global_relocs),
            ("__wasm_start", l.funcs.start),
        ];
        for (name, f) in late {
            if let Some(f) = f
                && t.find(name).is_none()
            {
                l.exports.push(Export { name: name.to_string(), target: ExportTarget::Func(f), mutable_global: false });
            }
        }
    }
    l.exports.extend(wrapped);
    // Two symbols can want one export name (an `export_name` attribute, a user symbol named
    // like the table export): say so rather than write an invalid module.
    let mut names: rustc_hash::FxHashSet<&str> = Default::default();
    for e in &l.exports {
        if !names.insert(&e.name) {
            diags.push(Diagnostic::error(format!("duplicate export name: {}", e.name)).symbol(e.name.clone()));
        }
    }
}

/// A `__start_X`/`__stop_X` symbol that only the command line names (`--export`), which
/// wasm-ld makes after layout, not as the inputs' symbols are made.
fn made_for_export(t: &SymbolTable, id: SymbolId) -> bool {
    let s = t.sym(id);
    matches!(s.def, Def::Synthetic(Synth::StartStop { .. })) && !s.used_in_regular_obj
}

impl Layout<'_> {
    /// Exports a data address as wasm-ld does: an immutable global holding it, after every other
    /// global, unnamed.
    fn export_address(&mut self, name: String, addr: u64, config: &Config) {
        let ty = GlobalType { content_type: config.width.ptr_type(), mutable: false, shared: false };
        let g = self.globals.push(GlobalDef { ty, init: GlobalInit::Const(addr as i64), name: "".into() });
        self.exports.push(Export { name, target: ExportTarget::Global(g), mutable_global: false });
    }

    /// The output function a defined (or linker-made) function symbol became.
    fn defined_func(&self, t: &SymbolTable, id: SymbolId) -> Option<OutFunc> {
        match t.sym(id).def {
            Def::Defined { .. } | Def::Synthetic(_) => self.func_of_def(t, id),
            _ => self.place.func(id),
        }
    }

    /// Where a defined (or linker-made) symbol is in the output; `None` for any other symbol,
    /// and for one that is not in the output.
    fn defined_place(&self, t: &SymbolTable, id: SymbolId) -> Option<Place> {
        let s = t.sym(id);
        match s.def {
            Def::Undefined | Def::Lazy(_) | Def::Shared { .. } => None,
            _ => match s.kind {
                SymKind::Function => match (self.place.get(id), self.func_of_def(t, id)) {
                    // Imported as well as defined: see `Place::Interposable`.
                    (Place::Func(call), Some(own)) => Some(Place::Interposable { call, own }),
                    (_, own) => own.map(Place::Func),
                },
                SymKind::Global => self.defined_global(t, id).map(Place::Global),
                SymKind::Table => self.defined_table(t, id).map(Place::Table),
                SymKind::Tag => self.defined_tag(t, id).map(Place::Tag),
                SymKind::Data => self.data_addr(t, id).map(Place::Addr),
                SymKind::Section => None,
            },
        }
    }

    fn func_of_def(&self, t: &SymbolTable, id: SymbolId) -> Option<OutFunc> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let SymTarget::Func(f, _) = o.symbols[sym].target else { return None };
                self.funcs.per_file[file][o.func_space().defined(f)?]
            }
            Def::Synthetic(synth) if self.linker_function(synth).is_some() => self.linker_function(synth),
            _ => None,
        }
    }

    /// Whether a global this module defines is mutable. (An imported one is never exported:
    /// lld, as wasmlink, exports defined symbols only.)
    fn global_is_mutable(&self, g: OutGlobal) -> bool {
        self.globals.space.defined(g).is_some_and(|d| self.globals.defined[d].ty.mutable)
    }

    fn defined_global(&self, t: &SymbolTable, id: SymbolId) -> Option<OutGlobal> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let SymTarget::Global(g) = o.symbols[sym].target else { return None };
                self.globals.per_file[file][o.global_space().defined(g)?]
            }
            Def::Synthetic(s) => self.globals.synthetic.get(&s).copied(),
            _ => self.place.global(id),
        }
    }

    fn defined_table(&self, t: &SymbolTable, id: SymbolId) -> Option<OutTable> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let SymTarget::Table(tb) = o.symbols[sym].target else { return None };
                self.tables.per_file[file][o.table_space().defined(tb)?]
            }
            Def::Synthetic(Synth::IndirectFunctionTable) => self.tables.indirect,
            _ => self.place.table(id),
        }
    }

    fn defined_tag(&self, t: &SymbolTable, id: SymbolId) -> Option<OutTag> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let SymTarget::Tag(tg) = o.symbols[sym].target else { return None };
                self.tags.per_file[file][o.tag_space().defined(tg)?]
            }
            _ => self.place.tag(id),
        }
    }

    /// Address of a data symbol; `None` when undefined (address 0) or collected.
    fn data_addr(&self, t: &SymbolTable, id: SymbolId) -> Option<u64> {
        let s = t.sym(id);
        let m = &self.memory;
        match s.def {
            Def::Defined { file, sym } => {
                let ds = &t.file(file).obj.symbols[sym];
                let d = ds.data()?;
                if ds.flags.contains(SymbolFlags::ABSOLUTE) {
                    return Some(d.offset as u64);
                }
                let (oi, off) = m.offset_in(file, d.segment, d.offset as u64)?;
                Some(m.segments[oi].start + off)
            }
            Def::Synthetic(Synth::StartStop { .. }) => m.start_stop_address(s.name),
            Def::Synthetic(x) => m.synthetic.get(&x).copied(),
            _ => None,
        }
    }
}

// ------------------------------------------------------------------------------------------
// 6. Function and tag types, once every function exists: the last of wasm-ld's type order

fn function_types(l: &mut Layout, t: &SymbolTable, scan: &Scan, config: &Config) {
    let void = FuncType::new([], []);
    for i in l.funcs.defined.keys() {
        let ty = match l.funcs.defined[i] {
            OutFunction::Input { file, index } => {
                let ti = t.file(file).obj.functions[index].type_index;
                l.types.intern_input(t, file, ti)
            }
            OutFunction::CallCtors
            | OutFunction::InitMemory
            | OutFunction::ApplyDataRelocs
            | OutFunction::ApplyGlobalRelocs
            | OutFunction::ApplyGlobalTlsRelocs
            | OutFunction::ApplyTlsRelocs
            | OutFunction::Start => l.types.intern(&void),
            OutFunction::InitTls => l.types.intern(&FuncType::new([config.width.ptr_type()], [])),
            OutFunction::Stub(s) => l.types.intern(&scan.stubs[s].ty),
            OutFunction::CommandExport(id) => {
                let target = l.defined_func(t, id).expect("exported function");
                l.funcs.type_of(target).expect("target typed before its wrapper")
            }
        };
        l.funcs.types.push(ty);
    }
    for (file, f) in t.files.iter() {
        for (i, &ty) in f.obj.tags.iter() {
            if let Some(d) = l.tags.per_file[file][i].and_then(|tag| l.tags.space.defined(tag)) {
                l.tags.defined[d] = l.types.intern_input(t, file, ty);
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// 7. The placement table

/// Completes the placement table: imports are in already; the defined (and linker-made)
/// symbols and the stubs are added. (Each symbol's place is looked up in its file's tables, a
/// cache miss or two each: the symbols are shared out among the threads in runs, and their
/// places put in afterwards.)
fn placement(l: &mut Layout, t: &SymbolTable, scan: &Scan) {
    const RUN: usize = 1 << 14;
    let count = t.symbols.len();
    let layout = &*l;
    let runs: Vec<Vec<Place>> = crate::par::map((0..count).step_by(RUN).collect(), |start| {
        (start..count.min(start + RUN)).map(|i| layout.defined_place(t, SymbolId::new(i)).unwrap_or_default()).collect()
    });
    let places = &mut l.place.places;
    for (i, place) in runs.into_iter().flatten().enumerate() {
        // (A PIC module's imported bases are placed already.)
        if !matches!(place, Place::Nowhere) {
            places[SymbolId::new(i)] = place;
        }
    }
    for s in scan.stubs.keys() {
        if let Some(f) = l.funcs.stubs[s] {
            places[scan.stub_symbol(s)] = Place::Func(f);
        }
    }
}
