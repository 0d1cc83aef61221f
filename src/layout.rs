//! Layout phase: give everything that survived GC its place in the output:
//! types, index spaces (imports first, then definitions), the indirect
//! function table, data segments in memory, and exports.

use rustc_hash::FxHashMap;
use wasmparser::{FuncType, GlobalType, SymbolFlags, TableType, ValType};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::gc::{self, FuncRef, Reachability};
use crate::input::object::SymKind;
use crate::reloc::Target;
use crate::resolve::{Def, FileId, SymbolId, SymbolTable};
use crate::synthetic::Synth;

pub const NONE: u32 = u32::MAX;
const STACK_ALIGN: u64 = 16;

/// A defined function of the output, in index order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFunction {
    Input { file: FileId, index: u32 },
    CallCtors,
    /// `__wasm_init_memory`: the start function when segments are passive.
    InitMemory,
    /// `__wasm_init_tls(ptr)`: a thread's TLS block from `.tdata`.
    InitTls,
    Stub(u32),
    /// `NAME.command_export`: runs constructors, the function, destructors.
    CommandExport(SymbolId),
}

#[derive(Debug, Clone)]
pub enum GlobalInit<'a> {
    /// The input's constant expression, without its final `end`.
    Raw(&'a [u8]),
    I32(i32),
}

pub struct OutGlobal<'a> {
    pub ty: GlobalType,
    pub init: GlobalInit<'a>,
    pub name: &'a str,
}

pub struct Import<'a> {
    pub module: &'a str,
    pub name: &'a str,
    pub kind: ImportKind,
    pub symbol: &'a str,
}

pub enum ImportKind {
    Func(u32),
    Global(GlobalType),
    Table(TableType),
    Tag(u32),
    Memory,
}

pub struct OutSegment<'a> {
    pub name: &'a str,
    pub start: u64,
    pub size: u64,
    pub align_log2: u32,
    pub is_tls: bool,
    pub is_bss: bool,
    /// (file, input segment, offset inside this output segment)
    pub parts: Vec<(FileId, u32, u64)>,
    /// Byte ranges of this segment written as data segments, in order. One
    /// range covering everything, except that an active segment is split at
    /// alignment gaps of `SPLIT_GAP` or more, which zeroed memory already
    /// holds: a 2^28-aligned variable must not cost 256 MiB of zeroes.
    pub pieces: Vec<(u64, u64)>,
}

/// Alignment padding at least this long is left out of active segments.
pub const SPLIT_GAP: u64 = 1 << 16;

/// Most data-segment bytes an output may hold. wasm-ld has no such limit, but
/// a real program's data is far smaller, and without one a few bytes of
/// hostile alignment could make a linker inside a component run out of
/// memory instead of reporting an error.
pub const MAX_DATA_BYTES: u64 = 1 << 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Func,
    Global,
    Table,
    Memory,
    Tag,
}

pub struct Memory {
    pub min_pages: u64,
    pub max_pages: Option<u64>,
    pub shared: bool,
    pub imported: bool,
}

pub struct Layout<'a> {
    pub types: Vec<FuncType>,
    type_ids: FxHashMap<FuncType, u32>,
    /// Per file: input type index -> output type index.
    pub file_types: Vec<Vec<u32>>,
    pub imports: Vec<Import<'a>>,
    pub num_func_imports: u32,
    /// Type of each imported function, by function index.
    import_func_types: Vec<u32>,
    pub num_global_imports: u32,
    pub num_table_imports: u32,
    pub num_tag_imports: u32,
    pub functions: Vec<OutFunction>,
    /// Output type of each defined function (parallel to `functions`).
    pub func_types: Vec<u32>,
    /// Per file, per defined function: output function index or NONE.
    pub file_funcs: Vec<Vec<u32>>,
    pub file_globals: Vec<Vec<u32>>,
    pub file_tables: Vec<Vec<u32>>,
    pub file_tags: Vec<Vec<u32>>,
    pub sym_import: FxHashMap<SymbolId, u32>,
    pub stub_funcs: Vec<u32>,
    pub call_ctors: Option<u32>,
    pub init_memory: Option<u32>,
    pub init_tls: Option<u32>,
    /// Address of `__wasm_init_memory_flag` (shared memory only).
    pub init_memory_flag: Option<u64>,
    pub globals: Vec<OutGlobal<'a>>,
    pub synth_globals: FxHashMap<Synth, u32>,
    pub tables: Vec<TableType>,
    /// The indirect function table's index, if any.
    pub indirect_table: Option<u32>,
    pub tags: Vec<u32>,
    /// Table slot contents from `table_base` on.
    pub table_entries: Vec<u32>,
    pub table_slot: FxHashMap<u32, u32>,
    pub memory: Memory,
    pub segments: Vec<OutSegment<'a>>,
    /// Output segment index by name (for `__start_`/`__stop_`).
    pub segment_by_name: FxHashMap<&'a str, u32>,
    /// Per file, per input segment: (output segment, offset in it).
    pub seg_place: Vec<Vec<(u32, u64)>>,
    pub synth_addr: FxHashMap<Synth, u64>,
    pub exports: Vec<(String, ExportKind, u32)>,
    /// Constructors in call order.
    pub ctors: Vec<u32>,
    pub call_dtors: Option<u32>,
    /// Start of the static TLS block (the `.tdata` output segment).
    pub tls_base: u64,
}

pub fn run<'a>(t: &SymbolTable<'a>, r: &Reachability<'a>, config: &'a Config, diags: &mut Diagnostics) -> Layout<'a> {
    let nf = t.files.len();
    let mut l = Layout {
        types: Vec::new(),
        type_ids: FxHashMap::default(),
        file_types: t.files.iter().map(|f| vec![NONE; f.obj.types.len()]).collect(),
        imports: Vec::new(),
        num_func_imports: 0,
        import_func_types: Vec::new(),
        num_global_imports: 0,
        num_table_imports: 0,
        num_tag_imports: 0,
        functions: Vec::new(),
        func_types: Vec::new(),
        file_funcs: t.files.iter().map(|f| vec![NONE; f.obj.functions.len()]).collect(),
        file_globals: t.files.iter().map(|f| vec![NONE; f.obj.globals.len()]).collect(),
        file_tables: t.files.iter().map(|f| vec![NONE; f.obj.tables.len()]).collect(),
        file_tags: t.files.iter().map(|f| vec![NONE; f.obj.tags.len()]).collect(),
        sym_import: FxHashMap::default(),
        stub_funcs: Vec::new(),
        call_ctors: None,
        init_memory: None,
        init_tls: None,
        init_memory_flag: None,
        globals: Vec::new(),
        synth_globals: FxHashMap::default(),
        tables: Vec::new(),
        indirect_table: None,
        tags: Vec::new(),
        table_entries: Vec::new(),
        table_slot: FxHashMap::default(),
        memory: Memory { min_pages: 0, max_pages: None, shared: config.shared_memory, imported: config.import_memory.is_some() },
        segments: Vec::new(),
        segment_by_name: FxHashMap::default(),
        seg_place: t.files.iter().map(|f| vec![(NONE, 0); f.obj.segments.len()]).collect(),
        synth_addr: FxHashMap::default(),
        exports: Vec::new(),
        ctors: Vec::new(),
        call_dtors: None,
        tls_base: 0,
    };
    let live = &r.live;
    let sym_live = |id: SymbolId| live.symbols[id.idx()];

    // --- Imports, in symbol-table order (memory first, as wasm-ld). ---
    if let Some((module, name)) = &config.import_memory {
        l.imports.push(Import { module, name, kind: ImportKind::Memory, symbol: "" });
    }
    let import_table = config.import_table.then(|| t.find("__indirect_function_table")).flatten();
    let import_name = |id: SymbolId| {
        let s = t.sym(id);
        (s.import_module.unwrap_or("env"), s.import_name.unwrap_or(s.name))
    };
    for &id in &r.imports {
        let s = t.sym(id);
        if s.kind != SymKind::Function {
            continue;
        }
        let (module, name) = import_name(id);
        let ty = l.intern(t.signature(id).expect("function").clone());
        l.sym_import.insert(id, l.num_func_imports);
        l.num_func_imports += 1;
        l.imports.push(Import { module, name, kind: ImportKind::Func(ty), symbol: s.name });
        l.import_func_types.push(ty);
    }
    for &id in &r.imports {
        let s = t.sym(id);
        if s.kind != SymKind::Global {
            continue;
        }
        let (module, name) = import_name(id);
        let Some((f, i)) = s.first_ref else { continue };
        let o = &t.file(f).obj;
        let ty = o.global_imports[o.symbols[i as usize].index as usize].1;
        l.sym_import.insert(id, l.num_global_imports);
        l.num_global_imports += 1;
        l.imports.push(Import { module, name, kind: ImportKind::Global(ty), symbol: s.name });
    }
    if let Some(id) = import_table {
        let ty = TableType { element_type: wasmparser::RefType::FUNCREF, table64: false, initial: 0, maximum: None, shared: false };
        l.sym_import.insert(id, 0);
        l.num_table_imports = 1;
        l.indirect_table = Some(0);
        l.imports.push(Import { module: "env", name: "__indirect_function_table", kind: ImportKind::Table(ty), symbol: "__indirect_function_table" });
    }
    for &id in &r.imports {
        let s = t.sym(id);
        if s.kind != SymKind::Table || Some(id) == import_table {
            continue;
        }
        let (module, name) = import_name(id);
        let Some((f, i)) = s.first_ref else { continue };
        let o = &t.file(f).obj;
        let ty = o.table_imports[o.symbols[i as usize].index as usize].1;
        l.sym_import.insert(id, l.num_table_imports);
        l.num_table_imports += 1;
        l.imports.push(Import { module, name, kind: ImportKind::Table(ty), symbol: s.name });
    }
    for &id in &r.imports {
        let s = t.sym(id);
        if s.kind != SymKind::Tag {
            continue;
        }
        let (module, name) = import_name(id);
        let Some((f, i)) = s.first_ref else { continue };
        let o = &t.file(f).obj;
        let ty = l.intern(o.types[o.tag_imports[o.symbols[i as usize].index as usize].1 as usize].clone());
        l.sym_import.insert(id, l.num_tag_imports);
        l.num_tag_imports += 1;
        l.imports.push(Import { module, name, kind: ImportKind::Tag(ty), symbol: s.name });
    }

    // --- Functions: synthetic first, then inputs, then wrappers. ---
    let mut next_func = l.num_func_imports;
    let mut push_func = |l: &mut Layout<'a>, f: OutFunction| {
        l.functions.push(f);
        next_func += 1;
        next_func - 1
    };
    if r.call_ctors_live {
        l.call_ctors = Some(push_func(&mut l, OutFunction::CallCtors));
    }
    if needs_init_memory(t, r, config) {
        l.init_memory = Some(push_func(&mut l, OutFunction::InitMemory));
    }
    if let Some(id) = t.find("__wasm_init_tls")
        && sym_live(id)
        && t.sym(id).def == Def::Synthetic(Synth::InitTls)
    {
        l.init_tls = Some(push_func(&mut l, OutFunction::InitTls));
    }
    for i in 0..r.stubs.len() {
        let idx = push_func(&mut l, OutFunction::Stub(i as u32));
        l.stub_funcs.push(idx);
    }
    for fi in 0..nf {
        for i in 0..t.files[fi].obj.functions.len() {
            if live.functions[fi][i] {
                let idx = push_func(&mut l, OutFunction::Input { file: FileId(fi as u32), index: i as u32 });
                l.file_funcs[fi][i] = idx;
            }
        }
    }

    // --- Globals. ---
    let mut next_global = l.num_global_imports;
    for (synth, mutable) in [
        (Synth::StackPointer, true),
        (Synth::TlsBase, config.shared_memory),
        (Synth::TlsSize, false),
        (Synth::TlsAlign, false),
        (Synth::MemoryBase, false),
        (Synth::TableBase, false),
    ] {
        let Some(sd) = crate::synthetic::ALL.iter().find(|d| d.synth == synth) else { continue };
        if let Some(id) = t.find(sd.name)
            && sym_live(id)
            && t.sym(id).def == Def::Synthetic(synth)
        {
            l.synth_globals.insert(synth, next_global);
            next_global += 1;
            let ty = GlobalType { content_type: ValType::I32, mutable, shared: false };
            l.globals.push(OutGlobal { ty, init: GlobalInit::I32(0), name: sd.name });
        }
    }
    for fi in 0..nf {
        let o = &t.files[fi].obj;
        let names = o.defined_names(SymKind::Global);
        for (i, g) in o.globals.iter().enumerate() {
            if live.globals[fi][i] {
                let init = g.init.strip_suffix(&[0x0b]).unwrap_or(g.init);
                let name = names[i].unwrap_or("");
                l.file_globals[fi][i] = next_global;
                next_global += 1;
                l.globals.push(OutGlobal { ty: g.ty, init: GlobalInit::Raw(init), name });
            }
        }
    }

    // --- Tables and tags. ---
    let mut next_table = l.num_table_imports;
    if l.indirect_table.is_none() {
        l.indirect_table = Some(next_table);
        next_table += 1;
        l.tables.push(TableType { element_type: wasmparser::RefType::FUNCREF, table64: false, initial: 0, maximum: None, shared: false });
    }
    for fi in 0..nf {
        for (i, tt) in t.files[fi].obj.tables.iter().enumerate() {
            if live.tables[fi][i] {
                l.file_tables[fi][i] = next_table;
                next_table += 1;
                l.tables.push(*tt);
            }
        }
    }
    let mut next_tag = l.num_tag_imports;
    for fi in 0..nf {
        let o = &t.files[fi].obj;
        for (i, &ty) in o.tags.iter().enumerate() {
            if live.tags[fi][i] {
                l.file_tags[fi][i] = next_tag;
                next_tag += 1;
                let out = l.intern(o.types[ty as usize].clone());
                l.tags.push(out);
            }
        }
    }

    // --- Types of every live function, and table slots, in scan order. ---
    for fi in 0..nf {
        let f = &t.files[fi];
        for (i, func) in f.obj.functions.iter().enumerate() {
            if !live.functions[fi][i] {
                continue;
            }
            l.file_type(t, FileId(fi as u32), func.type_index);
            for rel in &func.relocs {
                match rel.target {
                    Target::TypeIndex => {
                        l.file_type(t, FileId(fi as u32), rel.index);
                    }
                    Target::TableIndex | Target::TableIndexRel => l.add_table_entry(t, r, FileId(fi as u32), rel.index),
                    _ => {}
                }
            }
        }
        for (i, seg) in f.obj.segments.iter().enumerate() {
            if !live.segments[fi][i] {
                continue;
            }
            for rel in &seg.relocs {
                if matches!(rel.target, Target::TableIndex | Target::TableIndexRel) {
                    l.add_table_entry(t, r, FileId(fi as u32), rel.index);
                }
            }
        }
    }
    for s in &r.stubs {
        l.intern(s.ty.clone());
    }
    let table_size = config.table_base().saturating_add(l.table_entries.len() as u64);
    if table_size > u32::MAX as u64 {
        diags.error(format!(
            "table too large: --table-base {} plus {} entries is more than 4294967295",
            config.table_base(),
            l.table_entries.len()
        ));
    }
    if let Some(ti) = l.indirect_table
        && ti >= l.num_table_imports
    {
        let tt = &mut l.tables[(ti - l.num_table_imports) as usize];
        tt.initial = table_size;
        tt.maximum = (!config.growable_table).then_some(table_size);
    } else if let Some(imp) = l.imports.iter_mut().find(|i| matches!(i.kind, ImportKind::Table(_)) && i.name == "__indirect_function_table")
        && let ImportKind::Table(tt) = &mut imp.kind {
            tt.initial = table_size;
        }

    // --- Constructors: by priority, stable in input order. ---
    let mut ctors: Vec<(u32, u32)> = Vec::new();
    // (function, symbol name, file): checked once every function has a type.
    let mut ctor_names: Vec<(u32, &str, &String)> = Vec::new();
    for (fi, f) in t.files.iter().enumerate() {
        if !live.files[fi] {
            continue;
        }
        for &(prio, s) in &f.obj.init_funcs {
            let fr = r.func_ref(t, FileId(fi as u32), s);
            if let Some(idx) = l.func_index(t, fr) {
                ctors.push((prio, idx));
                ctor_names.push((idx, f.obj.symbols[s as usize].name, &f.name));
            }
        }
    }
    ctors.sort_by_key(|c| c.0);
    l.ctors = ctors.into_iter().map(|c| c.1).collect();

    layout_memory(&mut l, t, r, config, diags);
    set_synthetic_globals(&mut l, config);

    // --- Command export wrappers (wasm-ld's `createCommandExportWrappers`). ---
    let ctors_sym = t.find("__wasm_call_ctors");
    let ctors_used = ctors_sym.is_some_and(|c| t.sym(c).used_in_regular_obj);
    let ctors_exported = ctors_sym.is_some_and(|c| gc::is_exported(t, c, config));
    // Nothing to run around the exports: no wrappers (wasm-ld does the same).
    let wrap_exports = !ctors_used && !ctors_exported && (!l.ctors.is_empty() || t.call_dtors.is_some());
    l.call_dtors = t.call_dtors.and_then(|d| l.func_index(t, FuncRef::Symbol(d)));

    // --- Exports. ---
    match (&config.export_memory, &config.import_memory) {
        (Some(name), _) => l.exports.push((name.clone(), ExportKind::Memory, 0)),
        (None, None) => l.exports.push(("memory".into(), ExportKind::Memory, 0)),
        (None, Some(_)) => {}
    }
    if config.export_table
        && let Some(ti) = l.indirect_table
    {
        l.exports.push(("__indirect_function_table".into(), ExportKind::Table, ti));
    }
    let mut data_exports = Vec::new();
    for i in 0..t.symbols.len() {
        let id = SymbolId(i as u32);
        let s = t.sym(id);
        if !sym_live(id) || !gc::is_exported(t, id, config) {
            continue;
        }
        match s.kind {
            SymKind::Function => {
                let Some(mut idx) = l.func_index(t, FuncRef::Symbol(id)) else { continue };
                // An `export_name` attribute renames the export.
                let name = t
                    .def_symbol(id)
                    .and_then(|(f, ds)| t.file(f).obj.export_name(ds.index))
                    .unwrap_or(s.name)
                    .to_string();
                if wrap_exports && matches!(s.def, Def::Defined { .. }) {
                    idx = push_func(&mut l, OutFunction::CommandExport(id));
                }
                l.exports.push((name, ExportKind::Func, idx));
            }
            SymKind::Global => {
                if let Some(idx) = l.global_index(t, id) {
                    let mutable_synth = matches!(s.def, Def::Synthetic(_))
                        && l.global_type(idx).is_some_and(|g| g.mutable)
                        && !s.force_export;
                    if !mutable_synth {
                        l.exports.push((s.name.to_string(), ExportKind::Global, idx));
                    }
                }
            }
            SymKind::Table => {
                if let Some(idx) = l.table_index(t, id)
                    && !(config.export_table && Some(idx) == l.indirect_table)
                {
                    l.exports.push((s.name.to_string(), ExportKind::Table, idx));
                }
            }
            SymKind::Tag => {
                if let Def::Defined { file, sym } = s.def {
                    let o = &t.file(file).obj;
                    let ti = o.symbols[sym as usize].index - o.tag_imports.len() as u32;
                    l.exports.push((s.name.to_string(), ExportKind::Tag, l.file_tags[file.idx()][ti as usize]));
                }
            }
            SymKind::Data => data_exports.push(id),
            SymKind::Section => {}
        }
    }
    for id in data_exports {
        let addr = l.data_addr(t, id).unwrap_or(0);
        let gi = l.num_global_imports + l.globals.len() as u32;
        l.globals.push(OutGlobal {
            ty: GlobalType { content_type: ValType::I32, mutable: false, shared: false },
            init: GlobalInit::I32(addr as i32),
            name: t.sym(id).name,
        });
        l.exports.push((t.sym(id).name.to_string(), ExportKind::Global, gi));
    }
    // Two symbols can want one export name (an `export_name` attribute, a
    // user symbol named like the table export): say so rather than write an
    // invalid module.
    let mut export_names: rustc_hash::FxHashSet<&str> = Default::default();
    for (name, _, _) in &l.exports {
        if !export_names.insert(name) {
            diags.push(Diagnostic::error(format!("duplicate export name: {name}")).symbol(name.clone()));
        }
    }
    finish_function_types(&mut l, t, r);
    // What a constructor symbol resolved to (maybe the linker's own
    // `__wasm_init_tls`) is what `__wasm_call_ctors` calls without arguments.
    for (idx, name, file) in ctor_names {
        if l.func_type(idx).is_some_and(|ty| !l.types[ty as usize].params().is_empty()) {
            diags.push(
                Diagnostic::error(format!("constructor functions cannot take arguments: {name}")).file(file.clone()).symbol(name),
            );
        }
    }
    l
}

/// Output type index of every defined function, once all exist.
fn finish_function_types(l: &mut Layout, t: &SymbolTable, r: &Reachability) {
    let void = l.intern(FuncType::new([], []));
    for i in 0..l.functions.len() {
        let ty = match l.functions[i] {
            OutFunction::Input { file, index } => {
                let ti = t.file(file).obj.functions[index as usize].type_index;
                l.file_type(t, file, ti)
            }
            OutFunction::CallCtors | OutFunction::InitMemory => void,
            OutFunction::InitTls => l.intern(FuncType::new([ValType::I32], [])),
            OutFunction::Stub(s) => l.intern(r.stubs[s as usize].ty.clone()),
            OutFunction::CommandExport(id) => {
                let target = l.func_index(t, FuncRef::Symbol(id)).expect("exported function");
                l.func_type(target).expect("target typed before its wrapper")
            }
        };
        l.func_types.push(ty);
    }
}

/// Memory map (wasm-ld's `layoutMemory`), low addresses first:
///
/// ```text
///   default:        | global base (1024) | data segments | stack (grows down) | heap ...
///   --stack-first:  | stack (grows down) | data segments | heap ...
/// ```
/// `__stack_pointer` starts at the top of the stack; `__heap_base` is the
/// first 16-aligned address after everything static; `__heap_end` is the end
/// of the initial memory.
fn layout_memory<'a>(l: &mut Layout<'a>, t: &SymbolTable<'a>, r: &Reachability<'a>, config: &Config, diags: &mut Diagnostics) {
    // Output segments: merged by name, in order of first appearance, then
    // sorted .tdata, .rodata, .data, others, .bss (stable).
    let mut by_name: FxHashMap<&'a str, u32> = FxHashMap::default();
    for (fi, f) in t.files.iter().enumerate() {
        for (si, seg) in f.obj.segments.iter().enumerate() {
            if !r.live.segments[fi][si] {
                continue;
            }
            let name = output_segment_name(seg.name, seg.is_tls(), config.merge_data_segments);
            let oi = *by_name.entry(name).or_insert_with(|| {
                l.segments.push(OutSegment {
                    name,
                    start: 0,
                    size: 0,
                    align_log2: 0,
                    is_tls: seg.is_tls(),
                    is_bss: name.starts_with(".bss") || name.starts_with(".tbss"),
                    parts: Vec::new(),
                    pieces: Vec::new(),
                });
                (l.segments.len() - 1) as u32
            });
            let os = &mut l.segments[oi as usize];
            os.align_log2 = os.align_log2.max(seg.align_log2);
            let off = align_to(os.size, 1u64 << seg.align_log2);
            let end = off + seg.data.len() as u64;
            match os.pieces.last_mut() {
                Some(last) if config.shared_memory || os.is_tls || off - last.1 < SPLIT_GAP => last.1 = end,
                _ => os.pieces.push((off, end)),
            }
            os.size = end;
            os.parts.push((FileId(fi as u32), si as u32, off));
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
    l.segments.sort_by_key(|s| order(s.name));
    for (oi, s) in l.segments.iter().enumerate() {
        l.segment_by_name.insert(s.name, oi as u32);
        for &(f, si, off) in &s.parts {
            l.seg_place[f.idx()][si as usize] = (oi as u32, off);
        }
    }

    let mut ptr: u64 = 0;
    let place_stack = |ptr: &mut u64, l: &mut Layout| {
        *ptr = align_to(*ptr, STACK_ALIGN);
        l.synth_addr.insert(Synth::StackLow, *ptr);
        *ptr = ptr.saturating_add(config.stack_size);
        l.synth_addr.insert(Synth::StackHigh, *ptr);
    };
    if !config.stack_size.is_multiple_of(STACK_ALIGN) {
        diags.error(format!("stack size must be {STACK_ALIGN}-byte aligned"));
    }
    if config.stack_first {
        place_stack(&mut ptr, l);
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
    l.synth_addr.insert(Synth::GlobalBase, ptr);
    l.synth_addr.insert(Synth::DsoHandle, ptr);
    for s in &mut l.segments {
        ptr = align_to(ptr, 1u64 << s.align_log2);
        s.start = ptr;
        if s.is_tls {
            l.tls_base = ptr;
        }
        ptr = ptr.saturating_add(s.size);
    }
    let rodata = l.segments.iter().filter(|s| s.name.starts_with(".rodata"));
    let (rodata_start, rodata_end) = (rodata.clone().next().map_or(0, |s| s.start), rodata.last().map_or(0, |s| s.start + s.size));
    l.synth_addr.insert(Synth::RodataStart, rodata_start);
    l.synth_addr.insert(Synth::RodataEnd, rodata_end);
    // The flag `__wasm_init_memory` races on, after the data.
    if l.init_memory.is_some() && config.shared_memory {
        ptr = align_to(ptr, 4);
        l.init_memory_flag = Some(ptr);
        ptr = ptr.saturating_add(4);
    }
    l.synth_addr.insert(Synth::DataEnd, ptr);
    if !config.stack_first {
        place_stack(&mut ptr, l);
    }
    ptr = align_to(ptr, 16);
    l.synth_addr.insert(Synth::HeapBase, ptr);
    let max_addr: u64 = 1 << 32;
    let page = config.page_size;
    if config.initial_heap != 0 {
        if !config.initial_heap.is_multiple_of(page) {
            diags.error(format!("initial heap must be {page}-byte aligned"));
        }
        ptr = ptr.saturating_add(config.initial_heap);
    }
    if config.initial_memory != 0 {
        if !config.initial_memory.is_multiple_of(page) {
            diags.error(format!("initial memory must be {page}-byte aligned"));
        }
        if ptr > config.initial_memory {
            diags.error(format!("initial memory too small, {ptr} bytes needed"));
        }
        if config.initial_memory > max_addr {
            diags.error("initial memory too large, cannot be greater than 4294967296");
        }
        ptr = config.initial_memory;
    }
    ptr = align_to(ptr, page);
    if ptr > max_addr {
        diags.error(format!("total memory too large, {ptr} bytes needed"));
    }
    l.memory.min_pages = ptr / page;
    l.synth_addr.insert(Synth::HeapEnd, ptr);
    let mut max = 0;
    if config.max_memory != 0 {
        if !config.max_memory.is_multiple_of(page) {
            diags.error(format!("maximum memory must be {page}-byte aligned"));
        }
        if ptr > config.max_memory {
            diags.error(format!("maximum memory too small, {ptr} bytes needed"));
        }
        if config.max_memory > max_addr {
            diags.error("maximum memory too large, cannot be greater than 4294967296");
        }
        max = config.max_memory;
    } else if config.no_growable_memory {
        max = ptr;
    }
    if config.shared_memory && max == 0 {
        max = ptr;
    }
    l.memory.max_pages = (max != 0).then_some(max / page);
    l.synth_addr.insert(Synth::FirstPageEnd, page);

    let written: u64 = l
        .segments
        .iter()
        .filter(|s| l.segment_written(s))
        .flat_map(|s| &s.pieces)
        .map(|(from, to)| to - from)
        .sum();
    if written > MAX_DATA_BYTES {
        let widest = l.segments.iter().filter(|s| l.segment_written(s)).max_by_key(|s| s.size).map_or("", |s| s.name);
        diags.error(format!(
            "data segments would take {written} bytes, more than wasmlink writes ({MAX_DATA_BYTES}); \
             the largest is {widest} (alignment padding between its parts is written out with --shared-memory)"
        ));
    }
}

/// Whether a live segment's output segment is written to the data section
/// (rather than left to zeroed memory or `memory.fill`).
impl Layout<'_> {
    pub fn segment_written(&self, s: &OutSegment) -> bool {
        !s.is_bss || (self.memory.imported && !self.memory.shared)
    }

    /// Data-section index of each written output segment.
    pub fn data_indexes(&self) -> Vec<Option<u32>> {
        let mut next = 0;
        self.segments
            .iter()
            .map(|s| {
                self.segment_written(s).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    }
}

/// wasm-ld's `hasPassiveInitializedSegments`: with shared memory every
/// segment is passive and copied in by `__wasm_init_memory`; `.bss` is
/// zeroed there when the memory comes from outside.
fn needs_init_memory(t: &SymbolTable, r: &Reachability, config: &Config) -> bool {
    if !config.shared_memory {
        return false;
    }
    t.files.iter().enumerate().any(|(fi, f)| {
        f.obj.segments.iter().enumerate().any(|(si, seg)| {
            let name = output_segment_name(seg.name, seg.is_tls(), config.merge_data_segments);
            r.live.segments[fi][si] && (!name.starts_with(".bss") || config.import_memory.is_some())
        })
    })
}

/// Values of the linker-made globals, known once memory is laid out.
fn set_synthetic_globals(l: &mut Layout, config: &Config) {
    let tls = l.segments.iter().find(|s| s.is_tls);
    let (tls_size, tls_align) = tls.map_or((0, 1), |s| (s.size, 1u64 << s.align_log2));
    for (&synth, &idx) in &l.synth_globals {
        let value = match synth {
            Synth::StackPointer => l.synth_addr[&Synth::StackHigh],
            // With threads each thread sets its own; without, it is fixed.
            Synth::TlsBase if config.shared_memory => 0,
            Synth::TlsBase => l.tls_base,
            Synth::TlsSize => tls_size,
            Synth::TlsAlign => tls_align,
            Synth::MemoryBase => 0,
            Synth::TableBase => config.table_base(),
            _ => continue,
        };
        l.globals[(idx - l.num_global_imports) as usize].init = GlobalInit::I32(value as i32);
    }
}

fn output_segment_name(name: &str, tls: bool, merge: bool) -> &str {
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

impl<'a> Layout<'a> {
    pub fn intern(&mut self, ty: FuncType) -> u32 {
        if let Some(&i) = self.type_ids.get(&ty) {
            return i;
        }
        let i = self.types.len() as u32;
        self.types.push(ty.clone());
        self.type_ids.insert(ty, i);
        i
    }

    pub fn file_type(&mut self, t: &SymbolTable, file: FileId, ty: u32) -> u32 {
        let slot = self.file_types[file.idx()][ty as usize];
        if slot != NONE {
            return slot;
        }
        let out = self.intern(t.file(file).obj.types[ty as usize].clone());
        self.file_types[file.idx()][ty as usize] = out;
        out
    }

    pub fn func_index(&self, t: &SymbolTable, fr: FuncRef) -> Option<u32> {
        let id = match fr {
            FuncRef::Stub(s) => return Some(self.stub_funcs[s as usize]),
            FuncRef::Symbol(id) => id,
        };
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let i = o.symbols[sym as usize].index.checked_sub(o.func_imports.len() as u32)?;
                let idx = self.file_funcs[file.idx()][i as usize];
                (idx != NONE).then_some(idx)
            }
            Def::Synthetic(Synth::CallCtors) => self.call_ctors,
            Def::Synthetic(Synth::InitTls) => self.init_tls,
            Def::Synthetic(_) => None,
            Def::Undefined | Def::Lazy(_) => self.sym_import.get(&id).copied(),
        }
    }

    /// Output type index of output function `idx`.
    pub fn func_type(&self, idx: u32) -> Option<u32> {
        if idx < self.num_func_imports {
            return self.import_func_types.get(idx as usize).copied();
        }
        self.func_types.get((idx - self.num_func_imports) as usize).copied()
    }

    pub fn global_index(&self, t: &SymbolTable, id: SymbolId) -> Option<u32> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let i = o.symbols[sym as usize].index.checked_sub(o.global_imports.len() as u32)?;
                let idx = self.file_globals[file.idx()][i as usize];
                (idx != NONE).then_some(idx)
            }
            Def::Synthetic(s) => self.synth_globals.get(&s).copied(),
            _ => self.sym_import.get(&id).copied(),
        }
    }

    pub fn global_type(&self, idx: u32) -> Option<GlobalType> {
        let i = idx.checked_sub(self.num_global_imports)?;
        self.globals.get(i as usize).map(|g| g.ty)
    }

    pub fn table_index(&self, t: &SymbolTable, id: SymbolId) -> Option<u32> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let i = o.symbols[sym as usize].index.checked_sub(o.table_imports.len() as u32)?;
                let idx = self.file_tables[file.idx()][i as usize];
                (idx != NONE).then_some(idx)
            }
            Def::Synthetic(Synth::IndirectFunctionTable) => self.indirect_table,
            _ => self.sym_import.get(&id).copied(),
        }
    }

    pub fn tag_index(&self, t: &SymbolTable, id: SymbolId) -> Option<u32> {
        match t.sym(id).def {
            Def::Defined { file, sym } => {
                let o = &t.file(file).obj;
                let i = o.symbols[sym as usize].index.checked_sub(o.tag_imports.len() as u32)?;
                Some(self.file_tags[file.idx()][i as usize])
            }
            _ => self.sym_import.get(&id).copied(),
        }
    }

    /// Virtual address of a data symbol; `None` when undefined (address 0).
    pub fn data_addr(&self, t: &SymbolTable, id: SymbolId) -> Option<u64> {
        let s = t.sym(id);
        match s.def {
            Def::Defined { file, sym } => {
                let ds = &t.file(file).obj.symbols[sym as usize];
                let d = ds.data?;
                if ds.flags.contains(SymbolFlags::ABSOLUTE) {
                    return Some(d.offset as u64);
                }
                let (oi, off) = self.seg_place[file.idx()][d.segment as usize];
                if oi == NONE {
                    return None;
                }
                Some(self.segments[oi as usize].start + off + d.offset as u64)
            }
            Def::Synthetic(Synth::StartStop { stop }) => {
                let sec = s.name.strip_prefix(if stop { "__stop_" } else { "__start_" })?;
                let seg = &self.segments[*self.segment_by_name.get(sec)? as usize];
                Some(if stop { seg.start + seg.size } else { seg.start })
            }
            Def::Synthetic(x) => self.synth_addr.get(&x).copied(),
            _ => None,
        }
    }

    fn add_table_entry(&mut self, t: &SymbolTable, r: &Reachability, file: FileId, sym: u32) {
        let fr = r.func_ref(t, file, sym);
        // Stubs for undefined functions have no address: they compare equal
        // to the null pointer.
        if let FuncRef::Stub(s) = fr
            && r.stubs[s as usize].kind != gc::StubKind::SignatureMismatch
        {
            return;
        }
        if let Some(idx) = self.func_index(t, fr)
            && !self.table_slot.contains_key(&idx)
        {
            self.table_slot.insert(idx, self.table_entries.len() as u32);
            self.table_entries.push(idx);
        }
    }
}
