//! GC phase: mark what is reachable from the roots over relocations, then
//! scan the live relocations once to decide what each undefined reference
//! becomes (an import, a trapping stub, or an error).

use rustc_hash::FxHashMap;
use wasmparser::{FuncType, SymbolFlags};

use crate::config::{Config, UnresolvedPolicy};
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::object::{Reloc, SymKind};
use crate::reloc::Target;
use crate::resolve::{Def, FileId, SymbolId, SymbolTable};

/// Liveness of every chunk, per file, indexed like the object's vectors.
pub struct Live {
    pub symbols: Vec<bool>,
    pub files: Vec<bool>,
    pub functions: Vec<Vec<bool>>,
    pub globals: Vec<Vec<bool>>,
    pub segments: Vec<Vec<bool>>,
    pub tags: Vec<Vec<bool>>,
    pub tables: Vec<Vec<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StubKind {
    /// `signature_mismatch:NAME`
    SignatureMismatch,
    /// `undefined_weak:NAME`
    UndefinedWeak,
    /// `undefined_stub` for undefined functions allowed by policy.
    Undefined,
}

/// A trapping function standing in for a missing or mismatched callee.
pub struct Stub<'a> {
    pub symbol: SymbolId,
    pub name: &'a str,
    pub ty: FuncType,
    pub kind: StubKind,
}

/// What a function reference from a given file resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncRef {
    Symbol(SymbolId),
    Stub(u32),
}

pub struct Reachability<'a> {
    pub live: Live,
    pub stubs: Vec<Stub<'a>>,
    /// (file, local symbol) -> stub, for references that do not go to the
    /// symbol's own definition.
    pub redirects: FxHashMap<(FileId, u32), u32>,
    /// Undefined symbols that become imports, in symbol-table order.
    pub imports: Vec<SymbolId>,
    pub call_ctors_live: bool,
}

impl Reachability<'_> {
    pub fn func_ref(&self, t: &SymbolTable, file: FileId, sym: u32) -> FuncRef {
        match self.redirects.get(&(file, sym)) {
            Some(&s) => FuncRef::Stub(s),
            None => FuncRef::Symbol(t.file(file).symbols[sym as usize]),
        }
    }
}

struct Marker<'t, 'a> {
    t: &'t SymbolTable<'a>,
    live: Live,
    queue: Vec<(FileId, ChunkRef)>,
}

#[derive(Clone, Copy)]
enum ChunkRef {
    Function(u32),
    Segment(u32),
}

pub fn run<'a>(t: &SymbolTable<'a>, config: &Config, diags: &mut Diagnostics) -> Reachability<'a> {
    let nfiles = t.files.len();
    let per_file = |n: fn(&crate::resolve::ObjFile) -> usize, v: bool| -> Vec<Vec<bool>> {
        t.files.iter().map(|f| vec![v; n(f)]).collect()
    };
    let all = !config.gc_sections;
    let mut m = Marker {
        t,
        live: Live {
            symbols: vec![false; t.symbols.len()],
            files: vec![false; nfiles],
            functions: per_file(|f| f.obj.functions.len(), false),
            globals: per_file(|f| f.obj.globals.len(), false),
            segments: per_file(|f| f.obj.segments.len(), false),
            tags: per_file(|f| f.obj.tags.len(), false),
            tables: per_file(|f| f.obj.tables.len(), false),
        },
        queue: Vec::new(),
    };
    if all {
        for (fi, f) in t.files.iter().enumerate() {
            let fid = FileId(fi as u32);
            m.mark_file(fid);
            for i in 0..f.obj.functions.len() {
                if f.kept(f.obj.functions[i].comdat) {
                    m.mark_chunk(fid, ChunkRef::Function(i as u32));
                }
            }
            for i in 0..f.obj.segments.len() {
                if f.kept(f.obj.segments[i].comdat) {
                    m.mark_chunk(fid, ChunkRef::Segment(i as u32));
                }
            }
            for (i, g) in f.obj.globals.iter().enumerate() {
                m.live.globals[fi][i] = f.kept(g.comdat);
            }
            m.live.tags[fi].iter_mut().for_each(|x| *x = true);
            m.live.tables[fi].iter_mut().for_each(|x| *x = true);
        }
        for i in 0..t.symbols.len() {
            let s = &t.symbols[i];
            if s.is_defined() && !matches!(s.def, Def::Synthetic(_)) {
                m.mark(SymbolId(i as u32));
            }
        }
    }
    // Roots. wasm-ld keeps `__stack_pointer` in every non-PIC output.
    if let Some(sp) = t.find("__stack_pointer") {
        m.mark(sp);
    }
    if let Some(e) = config.entry.as_deref().and_then(|e| t.find(e)) {
        m.mark(e);
    }
    for i in 0..t.symbols.len() {
        let id = SymbolId(i as u32);
        // As lld: `NO_STRIP` keeps global symbols only; a `static`
        // function marked `used` is still collected.
        let s = t.sym(id);
        if is_exported(t, id, config) || s.flags.contains(SymbolFlags::NO_STRIP) && s.is_defined() && !s.flags.contains(SymbolFlags::BINDING_LOCAL) {
            m.mark(id);
        }
    }
    if let Some(d) = t.call_dtors {
        m.mark(d);
    }
    for (fi, f) in t.files.iter().enumerate() {
        if f.explicit {
            m.mark_file(FileId(fi as u32));
        }
    }
    m.flush();
    let call_ctors = t.find("__wasm_call_ctors");
    let has_live_init = t.files.iter().enumerate().any(|(fi, f)| {
        m.live.files[fi] && f.obj.init_funcs.iter().any(|&(_, s)| m.live.symbols[f.symbols[s as usize].idx()])
    });
    let call_ctors_live = call_ctors.is_some_and(|c| m.live.symbols[c.idx()]) || has_live_init;
    if let Some(c) = call_ctors
        && call_ctors_live
    {
        m.live.symbols[c.idx()] = true;
    }
    let live = m.live;
    if config.print_gc_sections {
        print_removed(t, &live, diags);
    }
    let mut r = Reachability { live, stubs: Vec::new(), redirects: FxHashMap::default(), imports: Vec::new(), call_ctors_live };
    scan(t, config, &mut r, diags);
    r
}

/// wasm-ld's `Symbol::isExported`.
pub fn is_exported(t: &SymbolTable, id: SymbolId, config: &Config) -> bool {
    let s = t.sym(id);
    if !s.is_defined() || s.local {
        return false;
    }
    if config.export_all || (config.export_dynamic && !s.is_hidden()) {
        return true;
    }
    s.force_export || s.flags.contains(SymbolFlags::EXPORTED)
}

impl Marker<'_, '_> {
    fn mark(&mut self, id: SymbolId) {
        if self.live.symbols[id.idx()] {
            return;
        }
        self.live.symbols[id.idx()] = true;
        let Def::Defined { file, sym } = self.t.sym(id).def else { return };
        self.mark_file(file);
        let f = self.t.file(file);
        let s = &f.obj.symbols[sym as usize];
        let o = &f.obj;
        let fi = file.idx();
        match s.kind {
            SymKind::Function => {
                if let Some(i) = s.index.checked_sub(o.func_imports.len() as u32) {
                    self.mark_chunk(file, ChunkRef::Function(i));
                }
            }
            SymKind::Global => {
                if let Some(i) = s.index.checked_sub(o.global_imports.len() as u32) {
                    self.live.globals[fi][i as usize] = true;
                }
            }
            SymKind::Table => {
                if let Some(i) = s.index.checked_sub(o.table_imports.len() as u32) {
                    self.live.tables[fi][i as usize] = true;
                }
            }
            SymKind::Tag => {
                if let Some(i) = s.index.checked_sub(o.tag_imports.len() as u32) {
                    self.live.tags[fi][i as usize] = true;
                }
            }
            SymKind::Data => {
                if let Some(d) = s.data
                    && !s.flags.contains(SymbolFlags::ABSOLUTE)
                {
                    self.mark_chunk(file, ChunkRef::Segment(d.segment));
                }
            }
            SymKind::Section => {}
        }
    }

    /// A file becomes live with its first live symbol: its constructors and
    /// retained segments come with it.
    fn mark_file(&mut self, file: FileId) {
        if self.live.files[file.idx()] {
            return;
        }
        self.live.files[file.idx()] = true;
        let f = self.t.file(file);
        for &(_, s) in &f.obj.init_funcs {
            self.mark(f.symbols[s as usize]);
        }
        for (i, seg) in f.obj.segments.iter().enumerate() {
            if seg.retain && f.kept(seg.comdat) {
                self.mark_chunk(file, ChunkRef::Segment(i as u32));
            }
        }
    }

    fn mark_chunk(&mut self, file: FileId, c: ChunkRef) {
        let slot = match c {
            ChunkRef::Function(i) => &mut self.live.functions[file.idx()][i as usize],
            ChunkRef::Segment(i) => &mut self.live.segments[file.idx()][i as usize],
        };
        if !*slot {
            *slot = true;
            self.queue.push((file, c));
        }
    }

    fn flush(&mut self) {
        while let Some((file, c)) = self.queue.pop() {
            let o = &self.t.file(file).obj;
            let relocs: &[Reloc] = match c {
                ChunkRef::Function(i) => &o.functions[i as usize].relocs,
                ChunkRef::Segment(i) => &o.segments[i as usize].relocs,
            };
            for r in relocs {
                if r.target != Target::TypeIndex {
                    self.mark(self.t.file(file).symbols[r.index as usize]);
                }
            }
        }
    }
}

fn print_removed(t: &SymbolTable, live: &Live, diags: &mut Diagnostics) {
    for (fi, f) in t.files.iter().enumerate() {
        let names = f.obj.defined_names(SymKind::Function);
        for (i, _) in f.obj.functions.iter().enumerate() {
            if !live.functions[fi][i] {
                let name = names[i].unwrap_or("<unnamed>");
                diags.push(Diagnostic::note(format!("removing unused section {}:({})", f.name, name)).file(f.name.clone()));
            }
        }
        for (i, seg) in f.obj.segments.iter().enumerate() {
            if !live.segments[fi][i] {
                diags.push(Diagnostic::note(format!("removing unused section {}:({})", f.name, seg.name)).file(f.name.clone()));
            }
        }
    }
}

/// How an undefined, live, non-synthetic symbol is satisfied.
enum Undef {
    Import,
    Stub(StubKind),
    /// Data address 0.
    Zero,
}

fn undefined_action(t: &SymbolTable, id: SymbolId, config: &Config) -> (Undef, bool) {
    let s = t.sym(id);
    let allowed_by_name = config.allow_undefined_symbols.iter().any(|n| n == s.name);
    if s.is_weak() {
        let action = match s.kind {
            SymKind::Function => Undef::Stub(StubKind::UndefinedWeak),
            SymKind::Data => Undef::Zero,
            _ => Undef::Import,
        };
        return (action, true);
    }
    if s.kind == SymKind::Data {
        let ok = allowed_by_name || matches!(config.unresolved, UnresolvedPolicy::Ignore | UnresolvedPolicy::ImportDynamic);
        return (Undef::Zero, ok);
    }
    let imports = s.import_name.is_some()
        || config.import_undefined
        || config.unresolved == UnresolvedPolicy::ImportDynamic
        || allowed_by_name;
    if imports {
        return (Undef::Import, true);
    }
    let stub = if s.kind == SymKind::Function { Undef::Stub(StubKind::Undefined) } else { Undef::Import };
    (stub, config.unresolved == UnresolvedPolicy::Ignore)
}

/// lld's `scanRelocations`: undefined references, signature checks.
fn scan<'a>(t: &SymbolTable<'a>, config: &Config, r: &mut Reachability<'a>, diags: &mut Diagnostics) {
    let mut referenced_by: FxHashMap<SymbolId, Vec<FileId>> = FxHashMap::default();
    let mut stub_index: FxHashMap<(SymbolId, FuncType, StubKind), u32> = FxHashMap::default();
    let mut warned: FxHashMap<(SymbolId, FuncType), ()> = FxHashMap::default();
    let mut imported = vec![false; t.symbols.len()];
    for (fi, f) in t.files.iter().enumerate() {
        if !r.live.files[fi] {
            continue;
        }
        let file = FileId(fi as u32);
        let live_funcs = f.obj.functions.iter().enumerate().filter(|(i, _)| r.live.functions[fi][*i]).map(|(_, x)| &x.relocs);
        let live_segs = f.obj.segments.iter().enumerate().filter(|(i, _)| r.live.segments[fi][*i]).map(|(_, x)| &x.relocs);
        let init_syms: Vec<u32> = f.obj.init_funcs.iter().map(|&(_, s)| s).collect();
        let refs = live_funcs
            .flat_map(|rs| rs.iter().filter(|r| r.target != Target::TypeIndex).map(|r| r.index))
            .chain(live_segs.flat_map(|rs| rs.iter().filter(|r| r.target != Target::TypeIndex).map(|r| r.index)))
            .chain(init_syms);
        let refs: Vec<u32> = refs.collect();
        for local in refs {
            if r.redirects.contains_key(&(file, local)) {
                continue;
            }
            let id = f.symbols[local as usize];
            let s = t.sym(id);
            match s.def {
                Def::Undefined | Def::Lazy(_) => {
                    let (action, ok) = undefined_action(t, id, config);
                    if !ok {
                        let v = referenced_by.entry(id).or_default();
                        // Files are scanned in order: a repeat is the last one.
                        if v.last() != Some(&file) {
                            v.push(file);
                        }
                    }
                    match action {
                        Undef::Import => imported[id.idx()] = true,
                        Undef::Zero => {}
                        Undef::Stub(kind) => {
                            // Undefined (not allowed) functions get a stub too,
                            // so that a warning-only policy still links.
                            let ty = t.func_type_of(file, local).clone();
                            let n = r.stubs.len() as u32;
                            let si = *stub_index.entry((id, ty.clone(), kind)).or_insert_with(|| {
                                r.stubs.push(Stub { symbol: id, name: s.name, ty, kind });
                                n
                            });
                            r.redirects.insert((file, local), si);
                        }
                    }
                }
                Def::Defined { file: dfile, sym: dsym } if s.kind == SymKind::Function && dfile != file => {
                    let want = t.func_type_of(file, local);
                    let have = t.func_type_of(dfile, dsym);
                    if want != have {
                        let key = (id, want.clone());
                        if warned.insert(key, ()).is_none() {
                            diags.push(
                                Diagnostic::warning(format!(
                                    "function signature mismatch: {}\n>>> defined as {} in {}\n>>> defined as {} in {}",
                                    s.name,
                                    sig_string(want),
                                    f.name,
                                    sig_string(have),
                                    t.file(dfile).name
                                ))
                                .symbol(s.name)
                                .file(f.name.clone()),
                            );
                        }
                        let kind = StubKind::SignatureMismatch;
                        let n = r.stubs.len() as u32;
                        let si = *stub_index.entry((id, want.clone(), kind)).or_insert_with(|| {
                            r.stubs.push(Stub { symbol: id, name: s.name, ty: want.clone(), kind });
                            n
                        });
                        r.redirects.insert((file, local), si);
                    }
                }
                _ => {}
            }
        }
    }
    // Undefined symbols: all at once, each with its referencing files.
    let mut undefs: Vec<(SymbolId, Vec<FileId>)> = referenced_by.into_iter().collect();
    undefs.sort_by_key(|(id, _)| *id);
    for (id, files) in undefs {
        let name = t.sym(id).name;
        let mut msg = format!("undefined symbol: {name}");
        for f in &files {
            msg.push_str(&format!("\n>>> referenced by {}", t.file(*f).name));
        }
        let first = t.file(files[0]).name.clone();
        let d = match config.unresolved {
            UnresolvedPolicy::Warn => Diagnostic::warning(msg),
            UnresolvedPolicy::Ignore | UnresolvedPolicy::ImportDynamic => continue,
            UnresolvedPolicy::ReportError => Diagnostic::error(msg),
        };
        diags.push(d.symbol(name).file(first));
    }
    r.imports = (0..t.symbols.len()).filter(|&i| imported[i]).map(|i| SymbolId(i as u32)).collect();
}

pub fn sig_string(f: &FuncType) -> String {
    let ty = |t: &wasmparser::ValType| t.to_string();
    let params: Vec<String> = f.params().iter().map(ty).collect();
    let results = match f.results() {
        [] => "void".to_string(),
        [one] => ty(one),
        many => format!("[{}]", many.iter().map(ty).collect::<Vec<_>>().join(", ")),
    };
    format!("({}) -> {}", params.join(", "), results)
}
