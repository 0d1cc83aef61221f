//! Scan phase (lld's `scanRelocations`): walk the live relocations once, in file order, and
//! decide everything they imply before anything is placed:
//!   - what each undefined reference becomes: an import, a trapping stub, address 0, or an error
//!     (each relocation against a missing symbol is reported, as wasm-ld does);
//!   - signature mismatches: a warning and a stub of the caller's type;
//!   - which functions need a table slot, and which types the live code uses, in first-use order;
//!   - which data and function symbols need a GOT entry: a global holding the address, which
//!     position-independent code (rustc's wasm32-wasip2, wasi-sdk's crt1) reads through
//!     `GLOBAL_INDEX` relocations. Without PIC output these are internal, constant globals.

use rustc_hash::FxHashMap;
use wasmparser::{FuncType, SymbolFlags};

use crate::config::{Config, OutputKind, UnresolvedPolicy};
use crate::diag::{Diagnostic, Diagnostics};
use crate::gc::Live;
use crate::index::{EntityRef, InSymbol, InType, PrimaryMap, SecondaryMap, StubId};
use crate::input::object::{Reloc, SymKind};
use crate::reloc::{Field, Target};
use crate::resolve::{Def, FileId, SymbolId, SymbolTable};
use crate::synthetic::Synth;

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
    /// The symbol it stands in for.
    pub symbol: SymbolId,
    pub name: &'a str,
    pub ty: FuncType,
    pub kind: StubKind,
    /// Something calls it (or refers to it otherwise than by its address, which is the null
    /// pointer): only then is it in the module, as lld's GC does not follow a table index to a
    /// stub.
    pub called: bool,
}

impl Stub<'_> {
    /// Its name in the name section (and in the name of a GOT entry holding it), as lld's.
    pub fn function_name(&self, config: &Config) -> String {
        let name = crate::demangle::show(self.name, config.demangle);
        match self.kind {
            StubKind::SignatureMismatch => format!("signature_mismatch:{name}"),
            StubKind::UndefinedWeak => format!("undefined_weak:{name}"),
            StubKind::Undefined => "undefined_stub".into(),
        }
    }
}

pub struct Scan<'a> {
    /// Stub `i` is symbol `first_stub + i`: stubs are numbered after the symbol table, so that
    /// a relocation's target is always one `SymbolId`.
    pub stubs: PrimaryMap<StubId, Stub<'a>>,
    first_stub: SymbolId,
    /// References from a file's symbol that go to a stub instead of the symbol.
    redirects: FxHashMap<(FileId, InSymbol), SymbolId>,
    /// Files with a redirected reference: the common case costs no hash lookup.
    redirected: SecondaryMap<FileId, bool>,
    /// Symbols that become imports, in symbol-table order: undefined ones, shared libraries'
    /// functions, and a shared library's own weak functions, globals, tables and tags (see
    /// `interposable`).
    pub imports: Vec<SymbolId>,
    /// With `--no-shlib-sigcheck`, the type a shared library's function is imported with when
    /// the program calls it with another than the library's.
    pub shared_signatures: FxHashMap<SymbolId, FuncType>,
    /// The functions table-index relocations take the address of, in first-use order
    /// (repeats included; layout gives each output function one slot).
    pub table_uses: Vec<SymbolId>,
    /// Missing functions whose address is a table slot, and the stub that has it: those whose
    /// first relocation took it (see `Scanner::relocation`), whatever signature a file gives
    /// them; others' address is the null pointer.
    pub slotted_missing: FxHashMap<SymbolId, SymbolId>,
    /// Some relocation takes a function's address, even if only a missing one's (null): the
    /// module then has an indirect function table, as wasm-ld gives it one.
    pub takes_addresses: bool,
    /// The types that live code's `TYPE_INDEX` relocations (`call_indirect`) name, each once
    /// per file.
    pub types_used: Vec<(FileId, InType)>,
    /// Symbols that need a GOT entry, each once, in first-use order (lld's internal GOT).
    pub got: Vec<SymbolId>,
    /// Symbols whose GOT entry the loader fills (`GOT.mem` / `GOT.func` imports), in first-use
    /// order: what may come from another module (PIC, or `--unresolved-symbols=import-dynamic`).
    pub got_imports: Vec<SymbolId>,
    /// Defined symbols reached through a GOT import: exported, so that the loader can fill the
    /// entry with this module's own definition.
    pub got_exports: Vec<SymbolId>,
    /// Each missing weak function's `undefined_weak:` stub (one per symbol).
    weak_stubs: FxHashMap<SymbolId, SymbolId>,
    /// A module at a fixed address holds a shared library's address in its data (LLD 21's
    /// dynamic linking without PIE): `__wasm_apply_data_relocs` writes it from the GOT entry
    /// the loader fills, and is exported for the loader to call.
    pub loader_data_relocs: bool,
}

impl<'a> Scan<'a> {
    /// The symbol a relocation of `file` naming its symbol `local` refers to: the one the symbol
    /// resolved to, or the stub that stands in for it.
    #[inline]
    pub fn symbol(&self, t: &SymbolTable, file: FileId, local: InSymbol) -> SymbolId {
        if self.redirected[file]
            && let Some(&id) = self.redirects.get(&(file, local))
        {
            return id;
        }
        t.file(file).symbols[local]
    }

    /// The output function whose code a function offset (debug information's) in `file` naming
    /// its symbol `local` points into, `code` giving a symbol's: the symbol's own, or a stub's
    /// where lld has made the file's symbol that stub (a missing weak function's, or a call's
    /// of another signature than the definition's). A missing function allowed by policy
    /// stays undefined in lld: none. (The map of weak stubs is read only for symbols without
    /// code of their own.)
    pub fn code_of<F>(
        &self,
        t: &SymbolTable,
        file: FileId,
        local: InSymbol,
        code: impl Fn(SymbolId) -> Option<F>,
    ) -> Option<F> {
        let id = self.symbol(t, file, local);
        match self.stub(id) {
            Some((_, stub)) if stub.kind != StubKind::Undefined => code(id),
            _ => {
                let named = t.file(file).symbols[local];
                code(named).or_else(|| code(*self.weak_stubs.get(&named)?))
            }
        }
    }

    /// The stub a symbol id stands for, if it is one.
    pub fn stub(&self, id: SymbolId) -> Option<(StubId, &Stub<'a>)> {
        let s = self.stub_id(id)?;
        self.stubs.get(s).map(|stub| (s, stub))
    }

    /// Marks `id`, when it is a stub, as called (`Stub::called`).
    fn call_stub(&mut self, id: SymbolId) {
        if let Some(stub) = self.stub_id(id).and_then(|s| self.stubs.get_mut(s)) {
            stub.called = true;
        }
    }

    /// Stub ids follow the symbol table's.
    fn stub_id(&self, id: SymbolId) -> Option<StubId> {
        id.index().checked_sub(self.first_stub.index()).map(StubId::new)
    }

    /// The symbol id of a stub.
    pub fn stub_symbol(&self, s: StubId) -> SymbolId {
        SymbolId::new(self.first_stub.index() + s.index())
    }

    /// Whether a symbol id (maybe a stub's) is thread-local data.
    pub fn is_tls(&self, t: &SymbolTable, id: SymbolId) -> bool {
        self.stub(id).is_none() && t.def_symbol(id).is_some_and(|(_, ds)| ds.flags.contains(wasmparser::SymbolFlags::TLS))
    }

    /// Whether a symbol id (maybe a stub's) is a function.
    pub fn is_function(&self, t: &SymbolTable, id: SymbolId) -> bool {
        self.stub(id).is_some() || t.sym(id).kind == SymKind::Function
    }

    /// How many symbol ids there are, stubs included.
    pub fn symbol_count(&self) -> usize {
        self.first_stub.index() + self.stubs.len()
    }
}

/// How an undefined, live, non-synthetic symbol is satisfied.
enum Undef {
    Import,
    Stub(StubKind),
    /// Data address 0.
    Zero,
}

/// Whether a missing symbol of a module at a fixed address may be imported (lld's
/// `shouldImport` there): it has an import name of its own, or the flags let missing symbols,
/// or this one, be imported.
fn may_import(t: &SymbolTable, id: SymbolId, config: &Config) -> bool {
    import_of_its_own(t, id)
        || config.import_undefined
        || config.unresolved == UnresolvedPolicy::ImportDynamic
        || config.allow_undefined_symbols.contains(t.sym(id).name)
}

/// A missing symbol with an import name of its own, or one a stub library names.
fn import_of_its_own(t: &SymbolTable, id: SymbolId) -> bool {
    t.import_names.get(&id).is_some_and(|n| n.name.is_some()) || t.sym(id).force_import
}

fn undefined_action(t: &SymbolTable, id: SymbolId, config: &Config) -> (Undef, bool) {
    let s = t.sym(id);
    // Relocatable output leaves every missing symbol to the final link: imported, weak or
    // not, and never an error.
    if config.kind == OutputKind::Relocatable {
        return (if s.kind == SymKind::Data { Undef::Zero } else { Undef::Import }, true);
    }
    let allowed_by_name = config.allow_undefined_symbols.contains(s.name);
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
    if may_import(t, id, config) {
        // lld's `allowUndefined`: `--import-undefined` lets missing functions be, not missing
        // globals, tables or tags (which it still imports, where the policy lets the link go on).
        return (Undef::Import, s.kind == SymKind::Function || import_of_its_own(t, id) || allowed_by_name);
    }
    let stub = if s.kind == SymKind::Function { Undef::Stub(StubKind::Undefined) } else { Undef::Import };
    (stub, config.unresolved == UnresolvedPolicy::Ignore)
}

struct Scanner<'s, 'a> {
    t: &'s SymbolTable<'a>,
    config: &'s Config,
    /// Position-independent output (`-pie`, `-shared`).
    pic: bool,
    scan: Scan<'a>,
    diags: &'s mut Diagnostics,
    /// Stubs by the symbol they stand for, signature and kind. (The layout makes one function of
    /// the `undefined_stub`s of one signature, as lld does; their GOT entries stay apart.)
    stub_index: FxHashMap<(SymbolId, FuncType, StubKind), StubId>,
    warned: rustc_hash::FxHashSet<(SymbolId, FuncType)>,
    imported: SecondaryMap<SymbolId, bool>,
    /// Per file, the types already in `types_used`.
    type_seen: SecondaryMap<InType, bool>,
    got_seen: SecondaryMap<SymbolId, bool>,
    /// Per file asked about, the symbols its code calls directly (`SymbolTable::direct_calls`).
    called: FxHashMap<FileId, rustc_hash::FxHashSet<InSymbol>>,
    /// Missing functions some relocation has named, in the scan's order (lld's `scanRelocations`).
    missing_seen: rustc_hash::FxHashSet<SymbolId>,
}

pub fn run<'a>(t: &SymbolTable<'a>, live: &Live, config: &Config, diags: &mut Diagnostics) -> Scan<'a> {
    let mut s = Scanner {
        t,
        config,
        pic: config.is_pic(),
        scan: Scan {
            stubs: PrimaryMap::new(),
            first_stub: SymbolId::new(t.symbols.len()),
            redirects: FxHashMap::default(),
            redirected: SecondaryMap::with_capacity(t.files.len()),
            imports: Vec::new(),
            table_uses: Vec::new(),
            slotted_missing: Default::default(),
            takes_addresses: false,
            loader_data_relocs: false,
            types_used: Vec::new(),
            got: Vec::new(),
            got_imports: Vec::new(),
            got_exports: Vec::new(),
            shared_signatures: FxHashMap::default(),
            weak_stubs: FxHashMap::default(),
        },
        diags,
        stub_index: FxHashMap::default(),
        warned: Default::default(),
        imported: SecondaryMap::with_capacity(t.symbols.len()),
        type_seen: SecondaryMap::new(),
        got_seen: SecondaryMap::new(),
        called: FxHashMap::default(),
        missing_seen: Default::default(),
    };
    let live_files: Vec<FileId> = t.files.keys().filter(|&file| live.files[file]).collect();
    // Each file's relocations are sifted: most (calls and addresses of defined symbols, in a
    // static link) decide nothing, and the ordered walk sees only the rest. Where there are
    // threads, on all cores first; else as the walk goes (the sifting costs less than the walk).
    let static_link = !s.pic && config.unresolved != UnresolvedPolicy::ImportDynamic;
    let deciding = |file| live_relocs(t, live, file).filter(move |r| !static_link || may_decide(t, file, r));
    let sifted: Option<Vec<Vec<&Reloc>>> =
        crate::par::parallel().then(|| crate::par::map(live_files.clone(), |file| deciding(file).collect()));
    for (k, &file) in live_files.iter().enumerate() {
        let f = t.file(file);
        s.type_seen.clear();
        match &sifted {
            Some(lists) => lists[k].iter().for_each(|r| s.relocation(file, r)),
            None => deciding(file).for_each(|r| s.relocation(file, r)),
        }
        // Custom sections (debug information) are scanned too, but only without GC: lld's
        // custom sections are live only then, and it scans only live chunks (with GC a missing
        // symbol that only debug information names is a tombstone there, not an error). They
        // can name missing symbols, and in PIC output their addresses take GOT entries
        // (`custom_relocation`). (They are most of a debug build's relocations: outside PIC, a
        // file whose symbols are all defined by now has them skipped.)
        let dynamic = s.pic || config.unresolved == UnresolvedPolicy::ImportDynamic;
        let scan_customs = !config.gc_sections
            && (dynamic || f.obj.symbols.iter().any(|(local, s)| s.is_undefined() && t.sym(f.symbols[local]).is_undefined()));
        for c in f.obj.customs.values().filter(|_| scan_customs) {
            // (A malformed one ends the walk: it is reported where the section is written.)
            for r in f.obj.custom_relocs(c) {
                s.custom_relocation(file, &r);
            }
        }
        for (_, sym) in f.init_funcs() {
            s.reference(file, sym, false);
            s.scan.call_stub(s.scan.symbol(t, file, sym));
        }
    }
    // In PIC output every relocation of live data is applied at run time, by
    // `__wasm_apply_data_relocs`, which can write addresses and table indices only (LLD 21's
    // check; wasm-ld 19 wrote `__memory_base` plus the value whatever the type).
    if s.pic {
        for &file in &live_files {
            let o = &t.file(file).obj;
            for r in live.segments_of(file).flat_map(|i| o.segment_relocs(i)) {
                let runtime = matches!(r.target, Target::MemoryAddr | Target::TableIndex) && matches!(r.field, Field::I32 | Field::I64);
                if !runtime {
                    let name = crate::reloc::lld_name(r.target, r.field);
                    s.diags.push(Diagnostic::error(format!("invalid runtime relocation type in data section: {name}")).file(t.file(file).name.clone()));
                }
            }
        }
    }
    // What the loader links to: every function of a shared library an object names (called or
    // not), and in a shared library each weak function, global, table or tag it defines, so
    // that the program may override it (lld's `shouldImport`).
    for (id, sym) in t.symbols.iter() {
        if !live.symbols[id] {
            continue;
        }
        if sym.is_shared() && sym.used_in_regular_obj && sym.kind == SymKind::Function || s.interposable(id) {
            s.imported[id] = true;
        }
    }
    // A PIC module imports a missing function it reaches (through the GOT, say) that any
    // file's code calls, even code GC removed: lld's `isCalledDirectly`, which it notes as it
    // reads each object, on the symbol of the name the object calls (`as_named`).
    if s.pic {
        for (file, f) in t.files.iter() {
            for local in f.obj.code_relocs.iter().filter(|r| r.target == Target::FunctionIndex).filter_map(|r| r.symbol_ref()) {
                let Some(id) = as_named(t, file, local) else { continue };
                let sym = t.sym(id);
                if live.symbols[id] && sym.kind == SymKind::Function && sym.is_undefined() {
                    s.imported[id] = true;
                }
            }
        }
    }
    // Without GC every undefined symbol counts as referenced (lld's `Symbol::referenced`),
    // so each one an import may satisfy is imported, used or not: a weak one only in PIC and
    // `-r` output (where an object's symbol for it must name an import). (But for a function
    // without a signature: `--wrap`'s `__wrap_f` where `f` is only offered by an archive, which
    // nothing calls; wasm-ld 19 crashes there.) With GC, so does one GC kept for its `NO_STRIP`
    // flag: lld marks such a symbol live, defined or not (a definition in a comdat another
    // file's copy won is an undefined symbol with the definition's flags).
    {
        let relocatable = config.kind == OutputKind::Relocatable;
        let referenced = |id: SymbolId, sym: &crate::resolve::Symbol| {
            !config.gc_sections || live.symbols[id] && sym.flags.contains(SymbolFlags::NO_STRIP)
        };
        for (id, sym) in t.symbols.iter().filter(|&(id, sym)| referenced(id, sym)) {
            let importable = sym.def == Def::Undefined
                && sym.used_in_regular_obj
                && !matches!(sym.kind, SymKind::Data | SymKind::Section)
                && (sym.kind != SymKind::Function || t.signature(id).is_some())
                && !(sym.is_weak() && !s.pic && !relocatable)
                && !(s.pic && sym.kind == SymKind::Function);
            // (Referenced by nothing, such a symbol is no error where it may not be imported.)
            if importable && (s.pic || relocatable || may_import(t, id, config)) {
                s.imported[id] = true;
            }
        }
    }
    // lld makes an `undefined_weak:` stub for every weak undefined function an object names,
    // with the symbol's signature, before the scan; without GC each is kept, called or not.
    // (One an archive offers that weak references did not extract too: lld's lazy symbol is
    // weak-undefined as well.)
    if !config.gc_sections {
        for id in t.symbols.keys() {
            if t.weak_function_stubbed(id, config)
                && !s.scan.weak_stubs.contains_key(&id)
                && let Some(ty) = t.signature(id)
            {
                s.make_stub(id, ty.clone(), StubKind::UndefinedWeak);
            }
        }
    }
    let Scanner { mut scan, imported, .. } = s;
    scan.imports = imported.iter().filter(|(_, i)| **i).map(|(id, _)| id).collect();
    scan
}

/// The relocations of a file's live functions, then of its live data segments, in order.
fn live_relocs<'t>(t: &'t SymbolTable, live: &'t Live, file: FileId) -> impl Iterator<Item = &'t Reloc> + 't {
    let o = &t.file(file).obj;
    let code = live.functions_of(file).flat_map(move |i| o.function_relocs(i));
    let data = live.segments_of(file).flat_map(move |i| o.segment_relocs(i));
    code.chain(data)
}

/// Whether a relocation of a static link (not position-independent, no imports of missing
/// symbols) may decide something in `Scanner::relocation`. It does not when it is a call, a
/// data address, a global's own index or an offset, of a symbol defined here (or by the
/// linker) with the type the file expects: no undefined reference to report, nothing to
/// import or stub, no table slot, GOT entry or type to note.
fn may_decide(t: &SymbolTable, file: FileId, r: &Reloc) -> bool {
    let Some(local) = r.symbol_ref() else { return true };
    let f = t.file(file);
    match r.target {
        Target::FunctionIndex
        | Target::MemoryAddr
        | Target::MemoryAddrRel
        | Target::MemoryAddrLocRel
        | Target::FunctionOffset
        | Target::SectionOffset
        | Target::TagIndex
        | Target::TableNumber => {}
        Target::GlobalIndex if f.obj.symbol_kinds[local.index()] == SymKind::Global => {}
        _ => return true,
    }
    let s = t.sym(f.symbols[local]);
    match s.def {
        // A call to another file's function of another type is a mismatch.
        Def::Defined { file: dfile, sym: dsym } if s.kind == SymKind::Function && dfile != file => {
            t.same_func_type((file, local), (dfile, dsym)) == Some(false)
        }
        // (The table named as data is refused.)
        Def::Synthetic(synth) => r.target == Target::MemoryAddr && synth == Synth::IndirectFunctionTable,
        Def::Defined { .. } => false,
        Def::Undefined | Def::Lazy(_) | Def::Shared { .. } => true,
    }
}

impl<'a> Scanner<'_, 'a> {
    fn use_type(&mut self, file: FileId, ty: InType) {
        if !std::mem::replace(&mut self.type_seen[ty], true) {
            self.scan.types_used.push((file, ty));
        }
    }

    fn relocation(&mut self, file: FileId, r: &Reloc) {
        let Some(local) = r.symbol_ref() else {
            if let Some(ty) = r.type_index() {
                self.use_type(file, ty);
            }
            return;
        };
        // (In lld's order of errors: the TLS checks, the PIC ones, then a missing symbol.)
        if r.target == Target::MemoryAddrTls {
            self.check_tls(file, local, r);
        }
        self.reference(file, local, matches!(r.target, Target::TableIndex | Target::TableIndexRel));
        let id = self.scan.symbol(self.t, file, local);
        // (lld's GC skips only these to a stub: a PIC table index relative to `__table_base`
        // keeps it.)
        if r.target != Target::TableIndex {
            self.scan.call_stub(id);
        }
        // The symbol as named: what a stub stands in for.
        let named = self.t.file(file).symbols[local];
        let s = self.t.sym(named);
        let dynamic = self.dynamic(named);
        // lld's quirk, kept for its addresses: a missing function's stub has the null pointer as
        // its address, unless the first relocation naming the function (in the scan's order)
        // takes its address, which gives it a table slot before the stub is made. A GOT
        // relocation gives it a slot too (lld's `addInternalGOTEntry`), the stub's, though the
        // entry holds the null pointer.
        if s.def == Def::Undefined
            && s.kind == SymKind::Function
            && !self.pic
            && self.missing_seen.insert(named)
            && matches!(r.target, Target::TableIndex | Target::TableIndexRel | Target::GlobalIndex)
            && self.scan.stub(id).is_some_and(|(_, stub)| stub.kind == StubKind::Undefined)
        {
            // (And lld makes the stub live whatever the relocation.)
            self.scan.takes_addresses = true;
            self.scan.table_uses.push(id);
            self.scan.call_stub(id);
            self.scan.slotted_missing.insert(named, id);
        }
        // A call is checked against a library's function it reaches, which the module's code
        // will call, and under `--wrap` against the one it names (as lld checks it, reading the
        // object, before the wrap).
        if r.target == Target::FunctionIndex && r.field == Field::Uleb32 {
            if !self.t.wrapped.is_empty()
                && let Some(as_called) = as_named(self.t, file, local).filter(|&c| c != named && self.t.sym(c).is_shared())
            {
                self.check_shared_signature(file, local, as_called);
            }
            if s.is_shared() {
                self.check_shared_signature(file, local, named);
            }
        }
        // An offset from `__memory_base` or `__table_base` exists only for a symbol this module
        // defines. LLD 20 and later refuse it for a missing one (wasm-ld 19 writes the base
        // itself, the address of something else).
        // (Not a missing weak function lld has made its stub for, which is defined by then.)
        if matches!(r.target, Target::MemoryAddrRel | Target::TableIndexRel)
            && s.is_undefined()
            && self.config.kind != OutputKind::Relocatable
            && !self.t.weak_function_stubbed(named, self.config)
        {
            let f = &self.t.file(file).name;
            self.diags.push(
                Diagnostic::error(format!(
                    "{f}: relocation {} is not supported against an undefined symbol `{}`",
                    crate::reloc::lld_name(r.target, r.field),
                    self.config.show(s.name)
                ))
                .file(f.clone())
                .symbol(s.name),
            );
        }
        match r.target {
            // A PIC module imports an undefined function only when it calls it; its address
            // comes from the GOT.
            Target::FunctionIndex if self.pic && s.is_undefined() && s.kind == SymKind::Function => {
                self.imported[id] = true;
            }
            // Absolute addresses in code cannot be moved by a loader (lld's words).
            Target::MemoryAddr | Target::TableIndex if dynamic && matches!(r.field, Field::Sleb32 | Field::Sleb64 | Field::Uleb32 | Field::Uleb64) => {
                let f = &self.t.file(file).name;
                self.diags.push(
                    Diagnostic::error(format!(
                        "{f}: relocation {} cannot be used against symbol `{}`; recompile with -fPIC",
                        crate::reloc::lld_name(r.target, r.field),
                        s.name
                    ))
                    .file(f.clone())
                    .symbol(s.name),
                );
            }
            Target::TableIndex | Target::TableIndexRel if !self.requires_got(id) => self.take_address(id),
            // A global's own index, or the GOT entry of a data or function symbol.
            Target::GlobalIndex if self.t.file(file).obj.symbols[local].kind != SymKind::Global => {
                self.got_entry(file, local, id);
            }
            // An address in data that may be another module's comes from the GOT at load time.
            Target::MemoryAddr | Target::TableIndex if dynamic && self.requires_got(id) => {
                self.scan.loader_data_relocs |= !self.pic && s.is_shared();
                self.got_entry(file, local, id)
            }
            // The linker's table named as data by a later reference (the first one's kind is
            // checked as the symbol is bound): lld writes garbage for its address.
            Target::MemoryAddr
                if !dynamic
                    && s.def == Def::Synthetic(Synth::IndirectFunctionTable)
                    && !self.config.import_table
                    && self.config.kind != OutputKind::Relocatable =>
            {
                self.diags.push(crate::synthetic::table_kind_error());
            }
            _ => {}
        }
        self.check_defined(file, local);
    }

    /// A call to a shared library's function must match the library's type (an error, unlike a
    /// mismatch between objects), unless `--no-shlib-sigcheck` takes the caller's.
    fn check_shared_signature(&mut self, file: FileId, local: InSymbol, id: SymbolId) {
        let t = self.t;
        let (Some(want), Some(have)) = (t.func_type_of(file, local), t.signature(id)) else { return };
        if want == have || !self.warned.insert((id, want.clone())) {
            return;
        }
        if !self.config.shlib_sigcheck {
            self.scan.shared_signatures.entry(id).or_insert_with(|| want.clone());
            return;
        }
        let s = t.sym(id);
        let Def::Shared { lib, .. } = s.def else { return };
        let object = (sig_string(want), t.file(file).name.as_str());
        let library = (sig_string(have), t.shared[lib].name.as_str());
        // The one the symbol table met first is named first, as lld does.
        let (a, b) = if s.first_ref.is_some_and(|(f, _)| f == file) { (object, library) } else { (library, object) };
        self.diags.push(
            Diagnostic::error(format!(
                "function signature mismatch: {}\n>>> defined as {} in {}\n>>> defined as {} in {}",
                self.config.show(s.name), a.0, a.1, b.0, b.1
            ))
            .symbol(s.name)
            .file(t.file(file).name.clone()),
        );
    }

    /// Whether an address of `named` (a symbol as a file names it) may be another module's,
    /// known only at load time: in PIC output, or a missing symbol to be imported
    /// (`--unresolved-symbols=import-dynamic`) but for a weak function lld has stubbed.
    fn dynamic(&self, named: SymbolId) -> bool {
        let s = self.t.sym(named);
        // (A shared library's symbol is the loader's in a module at a fixed address too: LLD 21.)
        self.pic
            || s.is_shared()
            || s.is_undefined() && self.config.unresolved == UnresolvedPolicy::ImportDynamic && !self.t.weak_function_stubbed(named, self.config)
    }

    /// A custom section's relocation (scanned only without GC): a missing symbol is reported as
    /// for code, and an address that may be another module's takes a GOT entry, as lld's scan
    /// makes one for a live chunk's `MEMORY_ADDR_I32` and `TABLE_INDEX_I32` (and 64-bit forms)
    /// whatever the chunk: an import nothing reads, since the section's value is resolved here.
    fn custom_relocation(&mut self, file: FileId, r: &Reloc) {
        let Some(local) = r.symbol_ref() else { return };
        self.check_defined(file, local);
        if !matches!(r.target, Target::MemoryAddr | Target::TableIndex) || !matches!(r.field, Field::I32 | Field::I64) {
            return;
        }
        let named = self.t.file(file).symbols[local];
        let id = self.scan.symbol(self.t, file, local);
        if self.dynamic(named) && self.requires_got(id) {
            self.got_entry(file, local, id);
        }
    }

    /// A weak function, global, table or tag a shared library defines is imported under its own
    /// name as well as exported, so that a definition elsewhere in the program may take its
    /// place: wasm-ld calls such a function through the import (its other kinds' references
    /// stay with the definition, and the import goes unused).
    fn interposable(&self, id: SymbolId) -> bool {
        let s = self.t.sym(id);
        self.config.kind == OutputKind::SharedLibrary
            && matches!(s.def, Def::Defined { .. })
            && matches!(s.kind, SymKind::Function | SymKind::Global | SymKind::Table | SymKind::Tag)
            && s.is_weak()
            && !s.is_hidden()
            && !s.local
    }

    /// lld's `requiresGOTAccess`: whether a symbol's address can only be known at load time
    /// (it may be another module's), so that code reads it from an imported GOT entry.
    fn requires_got(&self, id: SymbolId) -> bool {
        if self.scan.stub(id).is_some() {
            return false;
        }
        // A shared library's symbol has no address here, PIC or not.
        if self.t.sym(id).is_shared() {
            return true;
        }
        if !self.pic && self.config.unresolved != UnresolvedPolicy::ImportDynamic {
            return false;
        }
        let s = self.t.sym(id);
        if s.is_hidden() || s.local {
            return false;
        }
        // (A missing weak function lld has made its stub is not the loader's.)
        if self.t.weak_function_stubbed(id, self.config) {
            return false;
        }
        // With -Bsymbolic, or in a main module, a definition here is the one that counts.
        if s.is_defined() && (self.config.kind != OutputKind::SharedLibrary || self.config.bsymbolic) {
            return false;
        }
        true
    }

    /// `id`'s address is taken: it needs a table slot, unless it is a stub (for a missing
    /// function or a mismatched signature), whose address is the null pointer (lld's `isStub`).
    fn take_address(&mut self, id: SymbolId) {
        self.scan.takes_addresses = true;
        if self.scan.stub(id).is_none() {
            self.scan.table_uses.push(id);
        }
    }

    /// lld's `addGOTEntry`: a global holding a data symbol's address or a function's table
    /// index. An imported one (`GOT.mem` / `GOT.func`) when the loader must fill it; otherwise an
    /// internal one, constant in a module at a fixed address, set by `__wasm_apply_global_relocs`
    /// in a position-independent one.
    fn got_entry(&mut self, _file: FileId, _local: InSymbol, id: SymbolId) {
        if std::mem::replace(&mut self.got_seen[id], true) {
            return;
        }
        if self.requires_got(id) {
            self.scan.got_imports.push(id);
            if self.t.sym(id).is_defined() && !self.t.sym(id).is_shared() {
                self.scan.got_exports.push(id);
            }
            return;
        }
        if self.scan.is_function(self.t, id) {
            self.take_address(id);
        }
        self.scan.got.push(id);
    }

    /// A reference from `file`'s symbol `local`, decided the first time it is seen.
    /// `address_only`: the reference takes a function's address (a table index), which for a
    /// missing weak function is the null pointer, with no stub (lld makes one for every weak
    /// undefined function, which only a call keeps alive; without GC, see `run`).
    fn reference(&mut self, file: FileId, local: InSymbol, address_only: bool) {
        if self.scan.redirected[file] && self.scan.redirects.contains_key(&(file, local)) {
            return;
        }
        let t = self.t;
        let id = t.file(file).symbols[local];
        let s = t.sym(id);
        match s.def {
            Def::Undefined | Def::Lazy(_) => {
                let (action, _) = undefined_action(t, id, self.config);
                // A PIC module has no stubs: its loader may provide what is missing. Functions
                // are imported when called (`relocation`), data through the GOT.
                if self.pic {
                    if !matches!(s.kind, SymKind::Function | SymKind::Data) {
                        self.imported[id] = true;
                    }
                    return;
                }
                match action {
                    Undef::Import => self.imported[id] = true,
                    Undef::Zero => {}
                    // Undefined (not allowed) functions get a stub too, so that a warning-only
                    // policy still links.
                    Undef::Stub(StubKind::UndefinedWeak) if address_only => {}
                    // One stub for every file's references, of the symbol's signature: where
                    // files call it with different ones, resolution has failed the link. (But
                    // for a call of `__real_f` with its own signature, which resolution did not
                    // see: `--wrap` renames after it, as lld does, and lld's stub there is
                    // invalid.)
                    Undef::Stub(kind) => {
                        let name = t.file(file).obj.symbols[local].name;
                        let real = self.config.wrap.iter().any(|w| w.real == name);
                        let called = &mut self.called;
                        let own = t
                            .func_type_of(file, local)
                            .filter(|_| real && !address_only && called.entry(file).or_insert_with(|| t.direct_calls(file)).contains(&local));
                        if let Some(ty) = own.or_else(|| t.signature(id)) {
                            self.redirect(file, local, id, ty.clone(), kind);
                        }
                    }
                }
            }
            Def::Defined { file: dfile, .. } if s.kind == SymKind::Function && dfile != file => {
                // (For a missing definition, only a call can go wrong: taking an address is
                // never a mismatch, as lld checks signatures of symbols a file calls directly.)
                let called = &mut self.called;
                let calls = || called.entry(file).or_insert_with(|| t.direct_calls(file)).contains(&local);
                if let Some((want, have)) = t.signature_mismatch(file, local, calls) {
                    if self.warned.insert((id, want.clone())) {
                        let f = t.file(file);
                        self.diags.push(
                            Diagnostic::warning(format!(
                                "function signature mismatch: {}\n>>> defined as {} in {}\n>>> defined as {} in {}",
                                self.config.show(s.name),
                                sig_string(want),
                                f.name,
                                sig_string(have),
                                t.file(dfile).name
                            ))
                            .symbol(s.name)
                            .file(f.name.clone()),
                        );
                    }
                    self.redirect(file, local, id, want.clone(), StubKind::SignatureMismatch);
                }
            }
            _ => {}
        }
    }

    /// Sends `file`'s references to `local` (symbol `id`) to a stub of type `ty`, one stub per
    /// symbol, type and kind.
    fn redirect(&mut self, file: FileId, local: InSymbol, id: SymbolId, ty: FuncType, kind: StubKind) {
        let stub_id = self.make_stub(id, ty, kind);
        self.scan.redirects.insert((file, local), stub_id);
        self.scan.redirected[file] = true;
    }

    /// The stub of type `ty` and kind `kind` for `id`, made the first time: its symbol.
    fn make_stub(&mut self, id: SymbolId, ty: FuncType, kind: StubKind) -> SymbolId {
        let name = self.t.sym(id).name;
        let stubs = &mut self.scan.stubs;
        let stub = *self
            .stub_index
            .entry((id, ty.clone(), kind))
            .or_insert_with(|| stubs.push(Stub { symbol: id, name, ty, kind, called: false }));
        let stub = self.scan.stub_symbol(stub);
        if kind == StubKind::UndefinedWeak {
            self.scan.weak_stubs.entry(id).or_insert(stub);
        }
        stub
    }

    /// lld's `reportUndefined`: each relocation against a missing symbol that nothing allows
    /// to stay missing is reported, in scan order, naming the file it is in.
    fn check_defined(&mut self, file: FileId, local: InSymbol) {
        let t = self.t;
        // What the file defines is defined (by it, or by the copy that won): the link's table,
        // far bigger, need not be read for the most common relocations. (Not with `--wrap`,
        // which sends a definition's own references to `__wrap_f`, perhaps missing; nor for a
        // definition its comdat lost, which lld makes an undefined symbol: the winning copy
        // may lack it.)
        let f = t.file(file);
        let own = &f.obj.symbols[local];
        if self.config.wrap.is_empty() && !own.is_undefined() && f.kept(f.obj.comdat_of(own)) {
            return;
        }
        let id = t.file(file).symbols[local];
        let s = t.sym(id);
        if !s.is_undefined() || s.is_weak() || undefined_action(t, id, self.config).1 {
            return;
        }
        let f = &t.file(file).name;
        let msg = format!("{f}: undefined symbol: {}", self.config.show(s.name));
        let d = match self.config.unresolved {
            UnresolvedPolicy::Warn => Diagnostic::warning(msg),
            UnresolvedPolicy::Ignore | UnresolvedPolicy::ImportDynamic => return,
            UnresolvedPolicy::ReportError => Diagnostic::error(msg),
        };
        self.diags.push(d.symbol(s.name).file(f.clone()));
    }

    /// A thread-local address must be of a thread-local symbol (lld's checks in
    /// `scanRelocations`; without threads TLS is ordinary data, and anything goes).
    fn check_tls(&mut self, file: FileId, local: InSymbol, r: &Reloc) {
        let t = self.t;
        let s = t.sym(t.file(file).symbols[local]);
        let f = &t.file(file).name;
        let what = crate::reloc::lld_name(r.target, r.field);
        let mut errors = Vec::new();
        if !s.is_defined() {
            errors.push(format!("{f}: relocation {what} cannot be used against an undefined symbol `{}`", self.config.show(s.name)));
        }
        if self.config.shared_memory {
            if !s.flags.contains(wasmparser::SymbolFlags::TLS) {
                errors.push(format!("{f}: relocation {what} cannot be used against non-TLS symbol `{}`", self.config.show(s.name)));
            }
            if let Def::Defined { file: dfile, sym } = s.def
                && let crate::input::object::SymTarget::Data(Some(d)) = t.file(dfile).obj.symbols[sym].target
            {
                let seg = &t.file(dfile).obj.segments[d.segment];
                if !seg.is_tls() {
                    let out = crate::layout::output_segment_name(seg.name, false, self.config.merge_data_segments);
                    errors.push(format!("{f}: relocation {what} cannot be used against `{}` in non-TLS section: {out}", self.config.show(s.name)));
                }
            }
        }
        for e in errors {
            self.diags.push(Diagnostic::error(e).symbol(s.name).file(f.clone()));
        }
    }
}

/// A signature as lld writes it in messages: `(i32, i32) -> void`.
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

/// The symbol of the name `file`'s symbol `local` has, as lld's reader met it: `--wrap=foo`
/// sends the references to `foo` to `__wrap_foo`, while the symbol that was `foo` is now
/// `__real_foo`'s. `None` for a reference to `__real_foo` (the symbol it had is no one's now).
fn as_named(t: &SymbolTable, file: FileId, local: InSymbol) -> Option<SymbolId> {
    let f = t.file(file);
    let id = f.symbols[local];
    match t.wrap_of(id) {
        None => Some(id),
        // (Only a reference to `__real_foo` reaches `foo` now.)
        Some((sym, _, _)) if id == sym => None,
        Some((sym, _, wrap)) => Some(if f.obj.symbols[local].name == t.sym(wrap).name { wrap } else { sym }),
    }
}
