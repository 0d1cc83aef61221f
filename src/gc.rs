//! GC phase: mark what is reachable from the roots over relocations (lld's `MarkLive`). It
//! decides liveness only; what the live relocations imply is the scan phase's business. The
//! roots are marked in order, what they reach on all threads (`par::drain`), with atomic flags:
//! what is reachable does not depend on the order it is found in.

use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use wasmparser::SymbolFlags;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::index::{EntityRef, InDefFunc, InDefGlobal, InDefTable, InDefTag, InSegment, PrimaryMap, SecondaryMap};
use crate::input::object::{Reloc, SymKind, SymTarget};
use crate::resolve::{Def, FileId, ObjFile, SymbolId, SymbolTable};

/// Liveness of every symbol and chunk; chunks per file, indexed like the object's maps.
pub struct Live {
    pub symbols: SecondaryMap<SymbolId, bool>,
    pub files: SecondaryMap<FileId, bool>,
    pub functions: PrimaryMap<FileId, PrimaryMap<InDefFunc, bool>>,
    pub globals: PrimaryMap<FileId, PrimaryMap<InDefGlobal, bool>>,
    pub segments: PrimaryMap<FileId, PrimaryMap<InSegment, bool>>,
    pub tags: PrimaryMap<FileId, PrimaryMap<InDefTag, bool>>,
    pub tables: PrimaryMap<FileId, PrimaryMap<InDefTable, bool>>,
    /// `__wasm_call_ctors` is needed: referenced, or some live file has a live constructor.
    pub call_ctors: bool,
    /// An input's reference to the linker's indirect function table is live (lld's
    /// `isLive()` of it, as lld asks before making the table): live code names it, it was
    /// `NO_STRIP`, or nothing is collected. (The symbol itself is live also where it is
    /// exported: `--export-all` exports the table if it exists, but does not make it.)
    pub table_referenced: bool,
}

impl Live {
    /// The live segments of a file, in order.
    pub fn segments_of(&self, file: FileId) -> impl Iterator<Item = InSegment> + '_ {
        self.segments[file].iter().filter(|(_, l)| **l).map(|(s, _)| s)
    }

    /// The live functions of a file, in order.
    pub fn functions_of(&self, file: FileId) -> impl Iterator<Item = InDefFunc> + '_ {
        self.functions[file].iter().filter(|(_, l)| **l).map(|(f, _)| f)
    }
}

/// Liveness as marking sets it, from any thread: `Live`'s flags, atomic.
struct Flags {
    symbols: Vec<AtomicBool>,
    files: Vec<AtomicBool>,
    functions: Vec<Vec<AtomicBool>>,
    globals: Vec<Vec<AtomicBool>>,
    segments: Vec<Vec<AtomicBool>>,
    tags: Vec<Vec<AtomicBool>>,
    tables: Vec<Vec<AtomicBool>>,
}

impl Flags {
    fn into_live(self, call_ctors: bool, table_referenced: bool) -> Live {
        fn plain(flags: Vec<AtomicBool>) -> Vec<bool> {
            flags.into_iter().map(AtomicBool::into_inner).collect()
        }
        fn per_file<K: EntityRef>(flags: Vec<Vec<AtomicBool>>) -> PrimaryMap<FileId, PrimaryMap<K, bool>> {
            flags.into_iter().map(|f| plain(f).into()).collect()
        }
        fn secondary<K: EntityRef>(flags: Vec<AtomicBool>) -> SecondaryMap<K, bool> {
            let mut map = SecondaryMap::with_capacity(flags.len());
            map.resize(flags.len());
            map.values_mut().zip(flags).for_each(|(slot, flag)| *slot = flag.into_inner());
            map
        }
        Live {
            symbols: secondary(self.symbols),
            files: secondary(self.files),
            functions: per_file(self.functions),
            globals: per_file(self.globals),
            segments: per_file(self.segments),
            tags: per_file(self.tags),
            tables: per_file(self.tables),
            call_ctors,
            table_referenced,
        }
    }
}

/// Sets `flag`; whether it was clear. (A load and a store, not an atomic swap, which costs
/// more: threads may each find it clear and each mark what follows from it, which is only
/// work done more than once.)
fn set(flag: &AtomicBool) -> bool {
    let clear = !flag.load(Relaxed);
    if clear {
        flag.store(true, Relaxed);
    }
    clear
}

fn is_set(flag: &AtomicBool) -> bool {
    flag.load(Relaxed)
}

struct Marker<'t, 'a> {
    t: &'t SymbolTable<'a>,
    flags: Flags,
    /// The symbols each file calls, for the files that name a function of another signature
    /// (found once per file, by whichever thread asks first).
    calls: Vec<std::sync::OnceLock<rustc_hash::FxHashSet<crate::index::InSymbol>>>,
}

/// A chunk whose relocations are to be followed.
type Found = (FileId, Chunk);

#[derive(Clone, Copy)]
enum Chunk {
    Function(InDefFunc),
    Segment(InSegment),
}

pub fn run(t: &SymbolTable, config: &Config) -> Live {
    /// All clear, shaped like one of every file's maps.
    fn per_file(t: &SymbolTable, len: impl Fn(&ObjFile) -> usize) -> Vec<Vec<AtomicBool>> {
        t.files.values().map(|f| clear(len(f))).collect()
    }
    fn clear(len: usize) -> Vec<AtomicBool> {
        (0..len).map(|_| AtomicBool::new(false)).collect()
    }
    let m = Marker {
        t,
        flags: Flags {
            symbols: clear(t.symbols.len()),
            files: clear(t.files.len()),
            functions: per_file(t, |f| f.obj.functions.len()),
            globals: per_file(t, |f| f.obj.globals.len()),
            segments: per_file(t, |f| f.obj.segments.len()),
            tags: per_file(t, |f| f.obj.tags.len()),
            tables: per_file(t, |f| f.obj.tables.len()),
        },
        calls: t.files.keys().map(|_| std::sync::OnceLock::new()).collect(),
    };
    let flags = &m.flags;
    let mut found: Vec<Found> = Vec::new();
    if !config.gc_sections {
        for (file, f) in t.files.iter() {
            m.mark_file(file, &mut found);
            // (A comdat's losing copies too: lld's chunks start out live without GC, and a
            // discarded one only has no symbol.)
            for i in f.obj.functions.keys() {
                m.mark_chunk(file, Chunk::Function(i), &mut found);
            }
            for i in f.obj.segments.keys() {
                m.mark_chunk(file, Chunk::Segment(i), &mut found);
            }
            for (i, g) in f.obj.globals.iter() {
                flags.globals[file.index()][i.index()].store(f.kept(g.comdat), Relaxed);
            }
            flags.tags[file.index()].iter().for_each(|x| x.store(true, Relaxed));
            if config.kind == crate::config::OutputKind::Relocatable {
                // An object's tables each need a symbol (LLVM's reader and wasmlink's insist):
                // `-r` leaves out a table whose definition lost to another file's (no symbol
                // names it, nor can any relocation). wasm-ld 19 keeps it, and cannot read
                // the object it writes.
                for (i, s) in f.obj.symbols.iter() {
                    let SymTarget::Table(table) = s.target else { continue };
                    let Some(d) = f.obj.table_space().defined(table) else { continue };
                    if s.is_local() || t.sym(f.symbols[i]).def == (Def::Defined { file, sym: i }) {
                        flags.tables[file.index()][d.index()].store(true, Relaxed);
                    }
                }
            } else {
                flags.tables[file.index()].iter().for_each(|x| x.store(true, Relaxed));
            }
        }
        // Everything defined, the linker's own symbols included (as wasm-ld keeps them).
        for (id, s) in t.symbols.iter() {
            if s.is_defined() {
                m.mark(id, &mut found);
            }
        }
    }
    // Roots: linker-made symbols wasm-ld keeps whether used or not.
    for &synth in crate::synthetic::always_live(config) {
        if let Some(id) = t.find(crate::synthetic::name(synth)) {
            m.mark(id, &mut found);
        }
    }
    // By name, as lld marks it: with `--entry=f --wrap=f`, `__wrap_f` (while resolution exports
    // the real `f`, which lld took as the entry before wrapping).
    if let Some(e) = config.entry.as_deref().and_then(|e| t.find(e)) {
        m.mark(e, &mut found);
    }
    // (lld makes the table after GC: it is no export root, but `NO_STRIP` references keep it.)
    let table = t.linker_table();
    if let Some(table) = table.filter(|_| t.table_no_strip) {
        m.mark(table, &mut found);
    }
    for (id, s) in t.symbols.iter() {
        // As lld: `NO_STRIP` keeps global symbols only, defined or not; a `static` function
        // marked `used` is still collected. (What an archive offers has lld's lazy symbol's
        // flags, none.)
        if is_exported(t, id, config) && Some(id) != table
            || s.flags.contains(SymbolFlags::NO_STRIP)
                && !s.flags.contains(SymbolFlags::BINDING_LOCAL)
                && !matches!(s.def, Def::Lazy(_))
        {
            m.mark(id, &mut found);
        }
    }
    if let Some(d) = t.call_dtors {
        m.mark(d, &mut found);
    }
    for (file, f) in t.files.iter() {
        if f.explicit {
            m.mark_file(file, &mut found);
        }
    }
    // What the roots reach, on all threads: liveness is what is reachable, whatever the order.
    // (Run beside `write::prepare_during_gc`, in `par::join`: should this thread, waiting for
    // its share of the marking, take that job itself, GC resumes once the job has made the
    // first pages ready, since it cannot see GC end. Only when no other thread took the job.)
    crate::par::drain(found, |chunk, more| m.follow(chunk, more));
    let symbol_live = |id: SymbolId| is_set(&flags.symbols[id.index()]);
    let mut table_referenced = false;
    if let Some(table) = table {
        table_referenced = symbol_live(table);
        if is_exported(t, table, config) {
            flags.symbols[table.index()].store(true, Relaxed);
        }
    }
    let call_ctors = t.find("__wasm_call_ctors");
    // (A constructor that lost to a definition of another signature is a stub, which is still
    // called.)
    let has_live_init = t.files.iter().any(|(file, f)| {
        is_set(&flags.files[file.index()]) && f.init_funcs().any(|(_, s)| symbol_live(f.symbols[s]) || m.calls_stub(file, s))
    });
    // A position-independent module always has one, for its loader to call.
    // (Relocatable output has none: the final link makes it.)
    let needs_call_ctors = config.kind != crate::config::OutputKind::Relocatable
        && (call_ctors.is_some_and(symbol_live) || has_live_init || config.is_pic());
    if let Some(c) = call_ctors
        && needs_call_ctors
    {
        flags.symbols[c.index()].store(true, Relaxed);
    }
    m.flags.into_live(needs_call_ctors, table_referenced)
}

/// wasm-ld's `Symbol::isExported`.
pub fn is_exported(t: &SymbolTable, id: SymbolId, config: &Config) -> bool {
    let s = t.sym(id);
    // A shared library's symbol is its library's to export.
    if !s.is_defined() || s.local || s.is_shared() {
        return false;
    }
    // A PIC module's stack pointer and bases are imports, not definitions.
    if let Def::Synthetic(synth) = s.def
        && config.is_pic()
        && crate::synthetic::lookup(synth).is_some_and(|sd| sd.imported_in_pic())
    {
        return false;
    }
    if config.export_all || (config.export_dynamic && !s.is_hidden()) {
        return true;
    }
    s.force_export || s.flags.contains(SymbolFlags::EXPORTED)
}

impl Marker<'_, '_> {
    fn mark(&self, id: SymbolId, found: &mut Vec<Found>) {
        if !set(&self.flags.symbols[id.index()]) {
            return;
        }
        let Def::Defined { file, sym } = self.t.sym(id).def else { return };
        self.mark_file(file, found);
        let o = &self.t.file(file).obj;
        let s = &o.symbols[sym];
        let f = file.index();
        match s.target {
            SymTarget::Func(func, _) => {
                if let Some(d) = o.func_space().defined(func) {
                    self.mark_chunk(file, Chunk::Function(d), found);
                }
            }
            SymTarget::Global(g) => {
                if let Some(d) = o.global_space().defined(g) {
                    self.flags.globals[f][d.index()].store(true, Relaxed);
                }
            }
            SymTarget::Table(tb) => {
                if let Some(d) = o.table_space().defined(tb) {
                    self.flags.tables[f][d.index()].store(true, Relaxed);
                }
            }
            SymTarget::Tag(tg) => {
                if let Some(d) = o.tag_space().defined(tg) {
                    self.flags.tags[f][d.index()].store(true, Relaxed);
                }
            }
            SymTarget::Data(Some(d)) => {
                if !s.flags.contains(SymbolFlags::ABSOLUTE) {
                    self.mark_chunk(file, Chunk::Segment(d.segment), found);
                }
            }
            SymTarget::Data(None) | SymTarget::Section(_) => {}
        }
    }

    /// A file becomes live with its first live symbol: its constructors and
    /// retained segments come with it.
    fn mark_file(&self, file: FileId, found: &mut Vec<Found>) {
        if !set(&self.flags.files[file.index()]) {
            return;
        }
        let f = self.t.file(file);
        for (_, s) in f.init_funcs() {
            let id = f.symbols[s];
            if !is_set(&self.flags.symbols[id.index()]) && self.calls_stub(file, s) {
                continue;
            }
            self.mark(id, found);
        }
        for (i, seg) in f.obj.segments.iter() {
            if seg.retain && f.kept(seg.comdat) {
                self.mark_chunk(file, Chunk::Segment(i), found);
            }
        }
    }

    /// Whether `file`'s references to its symbol `local` go to a signature-mismatch stub (the
    /// scan's redirect), not to the definition: as in lld, where they name a variant of the
    /// symbol, such a reference does not keep the definition.
    fn calls_stub(&self, file: FileId, local: crate::index::InSymbol) -> bool {
        let t = self.t;
        t.signature_mismatch(file, local, || self.calls[file.index()].get_or_init(|| t.direct_calls(file)).contains(&local)).is_some()
    }

    fn mark_chunk(&self, file: FileId, c: Chunk, found: &mut Vec<Found>) {
        let flag = match c {
            Chunk::Function(i) => &self.flags.functions[file.index()][i.index()],
            Chunk::Segment(i) => &self.flags.segments[file.index()][i.index()],
        };
        if set(flag) {
            found.push((file, c));
        }
    }

    /// Marks what a live chunk's relocations name.
    fn follow(&self, (file, c): Found, found: &mut Vec<Found>) {
        let f = self.t.file(file);
        let relocs: &[Reloc] = match c {
            Chunk::Function(i) => f.obj.function_relocs(i),
            Chunk::Segment(i) => f.obj.segment_relocs(i),
        };
        for r in relocs {
            if let Some(s) = r.symbol_ref() {
                let id = f.symbols[s];
                if !is_set(&self.flags.symbols[id.index()]) && self.calls_stub(file, s) {
                    continue;
                }
                self.mark(id, found);
            }
        }
    }
}

/// `--print-gc-sections`, in lld's order: each file's functions, segments, globals, tags and
/// tables that GC removed; then the linker's own (`<internal>`): `__wasm_call_ctors` and
/// friends, and the stubs of missing weak functions nothing calls. After the scan, which
/// decides the stubs.
pub fn print_removed(t: &SymbolTable, live: &Live, scan: &crate::scan::Scan, config: &Config, diags: &mut Diagnostics) {
    let mut note = |what: String| diags.push(Diagnostic::note(format!("removing unused section {what}")));
    for (file, f) in t.files.iter() {
        let names = f.obj.function_names();
        for i in f.obj.functions.keys() {
            if !live.functions[file][i] {
                note(format!("{}:({})", f.name, names[i].unwrap_or("<unnamed>")));
            }
        }
        for (i, seg) in f.obj.segments.iter() {
            if !live.segments[file][i] {
                note(format!("{}:({})", f.name, seg.name));
            }
        }
        let globals = f.obj.global_names();
        for i in f.obj.globals.keys() {
            if !live.globals[file][i] {
                note(format!("{}:({})", f.name, globals[i].unwrap_or("<unnamed>")));
            }
        }
        for (i, live_tag) in live.tags[file].iter() {
            if !live_tag {
                note(format!("{}:(tag {})", f.name, i.as_u32()));
            }
        }
        for (i, live_table) in live.tables[file].iter() {
            if !live_table {
                note(format!("{}:(table {})", f.name, i.as_u32()));
            }
        }
    }
    if config.kind == crate::config::OutputKind::Relocatable {
        return;
    }
    if !live.call_ctors {
        note("<internal>:(__wasm_call_ctors)".into());
    }
    {
        let synth = crate::synthetic::Synth::InitTls;
        if let Some(id) = t.find(crate::synthetic::name(synth))
            && t.sym(id).def == Def::Synthetic(synth)
            && !live.symbols[id]
        {
            note(format!("<internal>:({})", crate::synthetic::name(synth)));
        }
    }
    // A mismatched signature's stub that nothing calls (its address is the null pointer), by
    // the name of the symbol it stands for.
    for stub in scan.stubs.values().filter(|s| s.kind == crate::scan::StubKind::SignatureMismatch && !s.called) {
        note(format!("<internal>:({})", stub.name));
    }
    // A missing weak function gets a stub that only a call keeps.
    if !config.is_pic() {
        let stubbed: rustc_hash::FxHashSet<SymbolId> = scan.stubs.values().map(|s| s.symbol).collect();
        for (id, s) in t.symbols.iter() {
            if s.kind == SymKind::Function && s.is_undefined() && s.is_weak() && s.used_in_regular_obj && !stubbed.contains(&id) {
                note(format!("<internal>:({})", s.name));
            }
        }
    }
    for synth in [crate::synthetic::Synth::TlsBase, crate::synthetic::Synth::TlsSize, crate::synthetic::Synth::TlsAlign] {
        if let Some(id) = t.find(crate::synthetic::name(synth))
            && t.sym(id).def == Def::Synthetic(synth)
            && config.shared_memory
            && !live.symbols[id]
        {
            note(format!("<internal>:({})", crate::synthetic::name(synth)));
        }
    }
}
