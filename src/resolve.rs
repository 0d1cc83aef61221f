//! Resolve phase: one symbol table over every object, archive members pulled
//! in to a fixed point, comdats selected, linker-made symbols bound.
//!
//! The replacement rules (lld's `shouldReplace`) live in `add_defined` and
//! `add_undefined` and nowhere else.
//!
//! Files join in lld's order: an archive member (or `--start-lib` object) is extracted the
//! moment a reference meets its lazy symbol, and its symbols are added before the rest of the
//! referencing file's. lld recurses; here a stack of files being added (`Frame`) does the same
//! without the recursion, so a chain of a million members cannot overflow the stack. The order
//! shows in the output (functions and data in file order), in `-t`, `-y` and `--why-extract`.

use rustc_hash::FxHashMap;
use wasmparser::SymbolFlags;

use crate::config::{Config, OutputKind};
use crate::diag::{Diagnostic, Diagnostics};
pub use crate::index::{FileId, SymbolId};
use crate::index::{EntityRef, InSymbol, InType, LibId, PrimaryMap, SecondaryMap};
use crate::input::object::{self, Object, SymKind, SymTarget};
use crate::input::shared::{SharedKind, SharedLib};
use crate::input::Loaded;
use crate::synthetic::{self, Synth};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Def {
    Undefined,
    /// Offered by an archive member (or `--start-lib` object) not yet loaded.
    Lazy(u32),
    /// Defined by symbol `sym` of object `file`.
    Defined { file: FileId, sym: InSymbol },
    /// Made by the linker.
    Synthetic(Synth),
    /// Exported by shared library `lib` (its export `export`): its loader provides it.
    Shared { lib: LibId, export: u32 },
}

/// An undefined symbol's import module (its import's, explicit or `env`) and explicit import
/// name (`SymbolTable::import_names`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportNames<'a> {
    pub module: Option<&'a str>,
    pub name: Option<&'a str>,
}

#[derive(Debug, Clone)]
pub struct Symbol<'a> {
    pub name: &'a str,
    pub kind: SymKind,
    pub def: Def,
    pub flags: SymbolFlags,
    /// First file that referenced it while undefined (for its signature).
    pub first_ref: Option<(FileId, InSymbol)>,
    /// Referenced by an object (not only by the command line).
    pub used_in_regular_obj: bool,
    /// `--export`, `--export-if-defined`, or the entry point.
    pub force_export: bool,
    /// A stub library says the runtime provides it: imported, not missing.
    pub force_import: bool,
    pub local: bool,
}

impl<'a> Symbol<'a> {
    fn new(name: &'a str, kind: SymKind, def: Def, flags: SymbolFlags) -> Self {
        Symbol {
            name,
            kind,
            def,
            flags,
            first_ref: None,
            used_in_regular_obj: false,
            force_export: false,
            force_import: false,
            local: false,
        }
    }

    pub fn is_weak(&self) -> bool {
        self.flags.contains(SymbolFlags::BINDING_WEAK)
    }
    pub fn is_hidden(&self) -> bool {
        self.flags.contains(SymbolFlags::VISIBILITY_HIDDEN)
    }
    /// Defined here, by the linker, or (as in lld) by a shared library.
    pub fn is_defined(&self) -> bool {
        matches!(self.def, Def::Defined { .. } | Def::Synthetic(_) | Def::Shared { .. })
    }
    pub fn is_shared(&self) -> bool {
        matches!(self.def, Def::Shared { .. })
    }
    pub fn is_undefined(&self) -> bool {
        matches!(self.def, Def::Undefined | Def::Lazy(_))
    }
    /// Whether `kind` is known: an archive index does not say it, so a lazy symbol has one only
    /// once a reference reached it (lld's undefined symbol being extracted).
    fn kind_known(&self) -> bool {
        !matches!(self.def, Def::Lazy(_)) || self.first_ref.is_some()
    }
}

/// A loaded object file.
pub struct ObjFile<'a> {
    pub name: String,
    /// The archive member it is (name, offset in the archive), for messages about it.
    pub member_of: Option<(&'a str, String, u64)>,
    pub obj: Object<'a>,
    /// Named on the command line (its constructors always run).
    pub explicit: bool,
    /// This file's symbol table entries, mapped to global symbols.
    pub symbols: PrimaryMap<InSymbol, SymbolId>,
    /// Comdats this file won.
    pub kept_comdats: Vec<bool>,
    /// When it joined the link, among all files (its first `FileId`, before files are put in
    /// lld's order): where its second stage's result is (`SymbolTable::complete_objects`).
    added: u32,
}

impl ObjFile<'_> {
    /// A problem at `offset` in this file, named as lld names it: an archive member as
    /// `lib.a(m.o)`, with the offset in the archive as well.
    pub fn error_at(&self, offset: u64, msg: &str) -> Diagnostic {
        match &self.member_of {
            Some((archive, member, at)) => crate::input::member_error(archive, member, offset, at + offset, msg),
            None => crate::input::describe_error(&self.name, offset, msg),
        }
    }

    pub fn kept(&self, comdat: Option<u32>) -> bool {
        comdat.is_none_or(|c| self.kept_comdats[c as usize])
    }

    /// The constructors (priority, symbol) of this file, but those whose symbol is local to a
    /// comdat another file's copy won (lld's discarded init functions). A global one in such a
    /// comdat names what the symbol resolved to, as in lld: the winner's definition (called
    /// once for each file that lists it), or a missing function.
    pub fn init_funcs(&self) -> impl Iterator<Item = (u32, InSymbol)> + '_ {
        self.obj.init_funcs.iter().copied().filter(|&(_, s)| {
            let sym = &self.obj.symbols[s];
            !sym.is_local() || self.kept(self.obj.comdat_of(sym))
        })
    }
}

/// A shared library among the inputs.
pub struct SharedFile<'a> {
    /// As the command line names it.
    pub name: String,
    pub lib: SharedLib<'a>,
}

/// A file whose symbols are being added (see the module comment): how far is told by how many
/// of its symbols are mapped.
struct Frame {
    file: FileId,
    /// The reference that extracted it, and the symbol (`--why-extract`).
    why: Option<(String, SymbolId)>,
}

enum LazySource<'a> {
    Member { archive: usize, member: usize },
    /// Boxed: one per `--start-lib` object, while members are many.
    Object(Option<Box<(String, Object<'a>)>>),
}

struct ArchiveIn<'a> {
    name: &'a str,
    archive: crate::input::Archive<'a>,
    loaded: Vec<bool>,
    pages: Option<&'a dyn crate::input::InputPages>,
}

/// The symbol table's index by name: a hash map whose keys compare as [`SymbolName`]s.
#[derive(Default)]
pub struct NameIndex<'a>(FxHashMap<SymbolName<'a>, SymbolId>);

impl<'a> NameIndex<'a> {
    pub fn get(&self, name: &'a str) -> Option<&SymbolId> {
        self.0.get(&SymbolName(name))
    }
    pub fn contains_key(&self, name: &'a str) -> bool {
        self.0.contains_key(&SymbolName(name))
    }
    pub fn insert(&mut self, name: &'a str, id: SymbolId) -> Option<SymbolId> {
        self.0.insert(SymbolName(name), id)
    }
    pub fn reserve(&mut self, more: usize) {
        self.0.reserve(more)
    }
}

/// A name as a key of [`NameIndex`]. Hashed as the string is; compared eight bytes at a time
/// under WASI, where comparing two strings calls the WASI libc's `memcmp`, which goes one byte
/// at a time (about 3% of the component's release link, most of it here: Rust's mangled names
/// run to a hundred bytes). Natively the libc's vectorized `memcmp` is faster still.
#[derive(Clone, Copy, Hash)]
struct SymbolName<'a>(&'a str);

impl PartialEq for SymbolName<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        #[cfg(target_arch = "wasm32")]
        return a.len() == b.len() && words_equal(a, b);
        #[cfg(not(target_arch = "wasm32"))]
        return a == b;
    }
}

impl Eq for SymbolName<'_> {}

/// Whether `a` and `b`, of one length, are equal, compared a word at a time: the last bytes
/// are read as a word of their own, padded with zeros, so that no loop of single bytes remains
/// (which LLVM would turn back into a call to `memcmp`).
#[cfg(any(target_arch = "wasm32", test))]
fn words_equal(a: &[u8], b: &[u8]) -> bool {
    debug_assert_eq!(a.len(), b.len());
    let ((aw, at), (bw, bt)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
    // (Shifted in byte by byte: a copy into a word would be a call to `memcpy` too.)
    let tail = |t: &[u8]| t.iter().rev().fold(0u64, |w, &x| w << 8 | u64::from(x));
    aw.iter().zip(bw).all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y)) && tail(at) == tail(bt)
}

pub struct SymbolTable<'a> {
    pub files: PrimaryMap<FileId, ObjFile<'a>>,
    /// Shared libraries, in command-line order (the output's NEEDED list).
    pub shared: PrimaryMap<LibId, SharedFile<'a>>,
    pub symbols: PrimaryMap<SymbolId, Symbol<'a>>,
    pub by_name: NameIndex<'a>,
    /// The import module and name an undefined symbol was given: the module of the import
    /// that referenced it (`env` but for `import_module` attributes), and an explicit
    /// `import_name`. Kept apart: a tenth of a big link's symbols have them, and a defined
    /// symbol never does.
    pub import_names: FxHashMap<SymbolId, ImportNames<'a>>,
    /// `__wasm_call_dtors`, called by command export wrappers.
    pub call_dtors: Option<SymbolId>,
    /// `--wrap`'s triples (`foo`, `__real_foo`, `__wrap_foo`) as `wrap_symbols` swapped them:
    /// the name `foo` now gives the third, and `__real_foo` the first.
    pub wrapped: Vec<(SymbolId, SymbolId, SymbolId)>,
    /// Where `foo` and `__wrap_foo` of each triple are in `wrapped` (`wrap_of`).
    wrap_index: FxHashMap<SymbolId, u32>,
    /// Symbols duplicated: reported in one place after resolution.
    duplicates: Vec<(SymbolId, FileId, FileId)>,
    /// Archive members (and `--start-lib` objects) extracted, in lld's order, for
    /// `--why-extract`. Only recorded when it is asked for.
    pub extractions: Vec<Extraction>,
    /// How many diagnostics resolution had made when the last member was extracted: where
    /// lld prints `--why-extract=-` among the notes.
    pub why_extract_at: usize,
    /// Each file's second stage, by `ObjFile::added`, as it was done on other threads while
    /// resolution went on.
    completed: Vec<Option<Result<object::Completed<'a>, object::ParseError>>>,
    /// `__start_X` and `__stop_X` symbols bound to their segments, with what they were before
    /// (see `unbind_collected_start_stop`).
    start_stop: Vec<(SymbolId, Def, SymbolFlags)>,
    /// Undefined functions that files referenced with different signatures (see
    /// `report_call_signature_clashes`), perhaps more than once each.
    signature_clashes: Vec<SymbolId>,
    /// Every reference to a function while nothing defined it, in the order resolution met
    /// them (lld's, which adds an extracted member's symbols before the rest of the file that
    /// extracted it): the symbol, the referring file and its symbol. Read only where
    /// signatures clash.
    missing_function_refs: Vec<(SymbolId, FileId, InSymbol)>,
    /// The reference whose signature such a function takes where it is not its first
    /// reference's: a file's call, after files that only took its address.
    signature_from: FxHashMap<SymbolId, (FileId, InSymbol)>,
    /// An input's reference to the indirect function table was `NO_STRIP` (as clang writes it
    /// where code takes a function's address): lld keeps that reference live, so the table
    /// exists, whatever GC removes.
    pub table_no_strip: bool,
}

/// One extraction, as `--why-extract` reports it.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// What referenced the symbol: a file, or the command line (`<internal>` for `-u` and the
    /// linker's own, `--export`, `--entry`).
    pub reference: String,
    /// The member extracted.
    pub file: FileId,
    pub symbol: SymbolId,
}

impl<'a> SymbolTable<'a> {
    /// wasm-ld makes `__start_X` and `__stop_X` after GC, for the output segments it kept.
    /// Where GC removed every segment named X, they are undefined after all: a reference to one
    /// is an undefined symbol (null where weak), and `--export` of one is not found.
    pub fn unbind_collected_start_stop(&mut self, live: &crate::gc::Live, config: &Config, diags: &mut Diagnostics) {
        if self.start_stop.is_empty() {
            return;
        }
        let kept = self.start_stop_segments(|file, seg| live.segments[file][seg], config);
        for &(id, def, flags) in &self.start_stop {
            let s = &mut self.symbols[id];
            let section = s.name.strip_prefix("__start_").or_else(|| s.name.strip_prefix("__stop_")).unwrap_or_default();
            if kept.contains(section) {
                continue;
            }
            s.def = def;
            s.flags = flags;
            if config.exports.iter().any(|e| e == s.name) {
                export_not_found(s.name, config, diags);
            }
        }
    }

    /// The names of the output segments that `__start_X` and `__stop_X` may name (`X` a C
    /// identifier), of the input segments `keep` says.
    fn start_stop_segments(&self, keep: impl Fn(FileId, crate::index::InSegment) -> bool, config: &Config) -> rustc_hash::FxHashSet<&'a str> {
        let mut names = rustc_hash::FxHashSet::default();
        for (file, f) in self.files.iter() {
            for (_, seg) in f.obj.segments.iter().filter(|&(i, _)| keep(file, i)) {
                let name = crate::layout::output_segment_name(seg.name, seg.is_tls(), config.merge_data_segments);
                if synthetic::is_c_identifier(name) {
                    names.insert(name);
                }
            }
        }
        names
    }

    /// The second stage of reading the objects resolution chose (`object::finish`:
    /// function bodies, relocations): resolution started it for each file as the
    /// file joined; its results are put in place here (and any file without one is done now).
    pub fn complete_objects(&mut self, diags: &mut Diagnostics) {
        let mut completed = std::mem::take(&mut self.completed);
        let files: Vec<(&mut ObjFile<'a>, _)> = self
            .files
            .values_mut()
            .map(|f| {
                let done = completed.get_mut(f.added as usize).and_then(Option::take);
                (f, done)
            })
            .collect();
        let failed = crate::par::map(files, |(f, done)| {
            let result = match done {
                Some(Ok(done)) => {
                    f.obj.apply(done);
                    Ok(())
                }
                Some(Err(e)) => Err(e),
                None => object::complete(&mut f.obj),
            };
            result.err().map(|(off, msg)| f.error_at(off, &msg))
        });
        for d in failed.into_iter().flatten() {
            diags.push(d);
        }
    }

    /// lld's `handleSymbolVariants` for a function nothing defines (or only an archive member
    /// that weak references did not extract): where files call it with
    /// different signatures there is no one signature to import it (or stub it) with, an
    /// error. lld replays its symbol table here: a file's direct call with another signature
    /// makes a variant, unless no file called the function directly before (the new signature
    /// then takes its place, see `signature`); references that only take its address do not
    /// count. Needs the files' code relocations (which calls are direct).
    pub fn report_call_signature_clashes(&mut self, config: &Config, diags: &mut Diagnostics) {
        // (Given back here: a big link has a hundred thousand such references.)
        let missing_function_refs = std::mem::take(&mut self.missing_function_refs);
        let mut ids = std::mem::take(&mut self.signature_clashes);
        ids.sort_unstable();
        ids.dedup();
        // (A weak reference leaves an archive's symbol lazy: no definition either. There
        // lld 19 keeps the last reference's signature and may write an invalid module.)
        ids.retain(|&id| matches!(self.sym(id).def, Def::Undefined | Def::Lazy(_)));
        if ids.is_empty() {
            return;
        }
        // Each one's references, in resolution's order.
        let mut refs_of: FxHashMap<SymbolId, Vec<(FileId, InSymbol)>> = ids.iter().map(|&id| (id, Vec::new())).collect();
        for &(id, file, local) in &missing_function_refs {
            if let Some(refs) = refs_of.get_mut(&id) {
                refs.push((file, local));
            }
        }
        // Each file's direct calls, gathered once: many clashing functions may share files.
        let mut calls_of: FxHashMap<FileId, rustc_hash::FxHashSet<InSymbol>> = FxHashMap::default();
        for id in ids {
            let refs = refs_of.remove(&id).unwrap_or_default();
            // The symbol's signature, whether a file calls it, and whose reference it is; then
            // the first variant (a call with another signature), the only one named.
            let mut first: Option<(&wasmparser::FuncType, bool, (FileId, InSymbol))> = None;
            let mut variant: Option<(&wasmparser::FuncType, FileId)> = None;
            // Where the signature was taken over, whether the symbol is weak since: lld's
            // new symbol takes the reference's binding, which a later strong reference undoes.
            let mut weak_since = None;
            for (file, local) in refs {
                let Some(ty) = self.func_type_of(file, local) else { continue };
                let called = calls_of.entry(file).or_insert_with(|| self.direct_calls(file)).contains(&local);
                let weak = self.file(file).obj.symbols[local].is_weak();
                match &mut first {
                    None => first = Some((ty, called, (file, local))),
                    Some((have, calls, _)) if called && ty != *have => {
                        if !*calls {
                            first = Some((ty, true, (file, local)));
                            weak_since = Some(weak);
                        } else {
                            variant.get_or_insert((ty, file));
                        }
                    }
                    Some((_, calls, _)) => *calls |= called,
                }
                if let Some(w) = &mut weak_since {
                    *w &= weak;
                }
            }
            let Some((ty, _, (file, local))) = first else { continue };
            let Some((other, other_file)) = variant else {
                if let Some(weak) = weak_since {
                    self.signature_from.insert(id, (file, local));
                    self.symbols[id].flags.set(SymbolFlags::BINDING_WEAK, weak);
                }
                continue;
            };
            let name = self.sym(id).name;
            diags.push(
                Diagnostic::error(format!(
                    "function signature mismatch: {}\n>>> defined as {} in {}\n>>> defined as {} in {}",
                    config.show(name),
                    crate::scan::sig_string(ty),
                    self.file(file).name,
                    crate::scan::sig_string(other),
                    self.file(other_file).name
                ))
                .symbol(name)
                .file(self.file(other_file).name.clone()),
            );
        }
    }

    /// lld's `handleWeakUndefines`: in a final link at a fixed address, a missing weak function
    /// with a signature is made its `undefined_weak:` stub, a definition, before relocations
    /// are scanned. So it is never imported, from the loader either, and its address is the
    /// null pointer. (One an archive offers that only weak references named is missing too.)
    pub fn weak_function_stubbed(&self, id: SymbolId, config: &Config) -> bool {
        let s = self.sym(id);
        !config.is_pic()
            && config.kind != OutputKind::Relocatable
            && s.kind == SymKind::Function
            && matches!(s.def, Def::Undefined | Def::Lazy(_))
            && s.is_weak()
            && s.used_in_regular_obj
            && self.signature(id).is_some()
    }

    pub fn find(&self, name: &str) -> Option<SymbolId> {
        self.by_name.get(name).copied()
    }
    /// The `--wrap` triple (`foo`, `__real_foo`, `__wrap_foo`) whose `foo` or `__wrap_foo` is `id`.
    pub fn wrap_of(&self, id: SymbolId) -> Option<(SymbolId, SymbolId, SymbolId)> {
        self.wrapped.get(*self.wrap_index.get(&id)? as usize).copied()
    }
    pub fn sym(&self, id: SymbolId) -> &Symbol<'a> {
        &self.symbols[id]
    }
    pub fn file(&self, id: FileId) -> &ObjFile<'a> {
        &self.files[id]
    }
    /// The defining file's symbol entry of a defined symbol.
    pub fn def_symbol(&self, id: SymbolId) -> Option<(FileId, &object::Symbol<'a>)> {
        match self.sym(id).def {
            Def::Defined { file, sym } => Some((file, &self.file(file).obj.symbols[sym])),
            _ => None,
        }
    }
    /// The linker's indirect function table, where a symbol names it (bound to the linker's own).
    pub fn linker_table(&self) -> Option<SymbolId> {
        self.find(synthetic::INDIRECT_FUNCTION_TABLE).filter(|&id| self.sym(id).def == Def::Synthetic(Synth::IndirectFunctionTable))
    }
    /// The type lld compares between files for `file`'s symbol `sym` (its import's or its own),
    /// if it is a global, a table or a tag. (The reader checked every index.)
    fn checked_type_of(&self, file: FileId, sym: InSymbol) -> Option<CheckedType> {
        let o = &self.file(file).obj;
        match o.symbols[sym].target {
            SymTarget::Global(g) => Some(CheckedType::Global(o.global_type(g))),
            SymTarget::Table(t) => Some(CheckedType::Table(o.table_type(t))),
            SymTarget::Tag(t) => Some(CheckedType::Tag(o.types[o.tag_type(t)].clone())),
            _ => None,
        }
    }
    /// Signature of a function symbol as seen by `file`'s symbol `sym`; `None` when that
    /// symbol is not a function (undefined references of two kinds are not an error).
    pub fn func_type_of(&self, file: FileId, sym: InSymbol) -> Option<&wasmparser::FuncType> {
        self.func_type_index(file, sym).map(|ty| &self.file(file).obj.types[ty])
    }
    /// The index in `file`'s types of its function symbol `sym`'s signature.
    fn func_type_index(&self, file: FileId, sym: InSymbol) -> Option<InType> {
        let o = &self.file(file).obj;
        match o.symbols[sym].target {
            SymTarget::Func(f, _) => Some(o.func_type(f)),
            _ => None,
        }
    }
    /// Whether `a` and `b` (a file and its symbol), both functions, have the same signature;
    /// `None` when either is not a function. Compares the symbols' `ShortSig`s, else their
    /// types' `TypeKey`s, and the types only where their keys cannot tell.
    pub fn same_func_type(&self, a: (FileId, InSymbol), b: (FileId, InSymbol)) -> Option<bool> {
        let short = |(file, sym): (FileId, InSymbol)| match self.file(file).obj.symbols[sym].target {
            SymTarget::Func(_, sig) => Some(sig),
            _ => None,
        };
        if let (Some(x), Some(y)) = (short(a)?.key(), short(b)?.key()) {
            return Some(x == y);
        }
        let key = |(file, sym): (FileId, InSymbol)| self.func_type_index(file, sym).map(|ty| self.file(file).obj.type_keys[ty]);
        let (ka, kb) = (key(a)?, key(b)?);
        Some(ka == kb && (ka.is_exact() || self.func_type_of(a.0, a.1) == self.func_type_of(b.0, b.1)))
    }
    /// `file`'s signature for its symbol `local` and the definition's, when `file`'s references
    /// to it go to a stub rather than to the definition: another file defines the function with
    /// another signature, and `file` either defines it too (its definition lost) or calls it
    /// directly (`calls_directly`, asked only then). lld makes such a symbol a variant of its
    /// own, which becomes an unreachable stub; the scan redirects those references, and GC does
    /// not follow them to the definition.
    pub fn signature_mismatch(
        &self,
        file: FileId,
        local: InSymbol,
        calls_directly: impl FnOnce() -> bool,
    ) -> Option<(&wasmparser::FuncType, &wasmparser::FuncType)> {
        let s = self.sym(self.file(file).symbols[local]);
        let Def::Defined { file: dfile, sym: dsym } = s.def else { return None };
        if s.kind != SymKind::Function || dfile == file {
            return None;
        }
        if self.same_func_type((file, local), (dfile, dsym))? {
            return None;
        }
        let (want, have) = (self.func_type_of(file, local)?, self.func_type_of(dfile, dsym)?);
        // A definition of its own that lost, kept by its comdat and not renamed by `--wrap`
        // (lld wraps after it has made variants); else, as an undefined reference, a call.
        let f = self.file(file);
        let own = &f.obj.symbols[local];
        let lost = !own.is_undefined() && f.kept(f.obj.comdat_of(own)) && own.name == s.name;
        (lost || calls_directly()).then_some((want, have))
    }
    /// The symbols `file`'s code calls (lld's `isCalledDirectly`).
    pub fn direct_calls(&self, file: FileId) -> rustc_hash::FxHashSet<InSymbol> {
        let calls = self.file(file).obj.code_relocs.iter().filter(|r| r.target == crate::reloc::Target::FunctionIndex);
        calls.filter_map(|r| r.symbol_ref()).collect()
    }
    /// Signature of a function symbol: its definition's or, if undefined,
    /// its first reference's.
    pub fn signature(&self, id: SymbolId) -> Option<&wasmparser::FuncType> {
        let s = self.sym(id);
        if s.kind != SymKind::Function {
            return None;
        }
        match s.def {
            Def::Defined { file, sym } => self.func_type_of(file, sym),
            Def::Shared { lib, export } => match &self.shared[lib].lib.exports[export as usize].kind {
                SharedKind::Func(ty) => Some(ty),
                SharedKind::Data => None,
            },
            _ => self.signature_from.get(&id).copied().or(s.first_ref).and_then(|(f, i)| self.func_type_of(f, i)),
        }
    }
}

/// What lld compares between the files that name a global, a table or a tag
/// (`checkGlobalType`, `checkTableType`, `checkTagType`).
#[derive(Clone, Debug)]
enum CheckedType {
    Global(wasmparser::GlobalType),
    Table(wasmparser::TableType),
    Tag(wasmparser::FuncType),
}

impl CheckedType {
    fn agrees_with(&self, other: &CheckedType) -> bool {
        match (self, other) {
            (CheckedType::Global(a), CheckedType::Global(b)) => (a.content_type, a.mutable) == (b.content_type, b.mutable),
            // (lld leaves the limits alone: the output's table is sized by the linker.)
            (CheckedType::Table(a), CheckedType::Table(b)) => a.element_type == b.element_type,
            (CheckedType::Tag(a), CheckedType::Tag(b)) => a == b,
            _ => true,
        }
    }

    /// The message's first words.
    fn mismatch(&self) -> &'static str {
        match self {
            CheckedType::Global(_) => "Global type mismatch",
            CheckedType::Table(_) => "Table type mismatch",
            CheckedType::Tag(_) => "Tag signature mismatch",
        }
    }

    /// The type as lld's messages show it.
    fn show(&self) -> String {
        match self {
            CheckedType::Global(t) => format!("{} {}", if t.mutable { "var" } else { "const" }, t.content_type),
            CheckedType::Table(t) => {
                let element = match t.element_type {
                    wasmparser::RefType::FUNCREF => "funcref".to_string(),
                    wasmparser::RefType::EXTERNREF => "externref".to_string(),
                    other => other.to_string(),
                };
                // (The limits' flags as the binary has them, in decimal after "0x", as lld
                // writes them.)
                let flags = t.maximum.is_some() as u8 | (t.shared as u8) << 1 | (t.table64 as u8) << 2;
                let max = t.maximum.map(|m| format!("; max={m}")).unwrap_or_default();
                format!("type={element}; limits=[flags=0x{flags}; min={}{max}]", t.initial)
            }
            CheckedType::Tag(f) => crate::scan::sig_string(f),
        }
    }
}

/// `--export=NAME` where nothing defines NAME: an error, or as `--unresolved-symbols` says.
pub(crate) fn export_not_found(name: &str, config: &Config, diags: &mut Diagnostics) {
    let message = format!("symbol exported via --export not found: {name}");
    match config.unresolved {
        crate::config::UnresolvedPolicy::ReportError => diags.push(Diagnostic::error(message).symbol(name.to_string())),
        crate::config::UnresolvedPolicy::Warn => diags.push(Diagnostic::warning(message).symbol(name.to_string())),
        _ => {}
    }
}

struct Resolver<'a, 'c> {
    t: SymbolTable<'a>,
    /// Starts a file's second stage (`object::finish`) on another thread, as the file joins.
    complete_later: &'c (dyn Fn(u32, object::Pending<'a>) + Sync),
    ahead: Ahead<'a, 'c>,
    config: &'a Config,
    diags: &'c mut Diagnostics,
    lazies: Vec<LazySource<'a>>,
    archives: Vec<ArchiveIn<'a>>,
    comdats: FxHashMap<&'a str, FileId>,
    /// Files whose symbols are being added, the innermost last (see the module comment).
    frames: Vec<Frame>,
    /// Files in the order their symbols were all added (lld's `ctx.objectFiles`): a file
    /// after the members it extracted.
    finished: Vec<FileId>,
    /// `-y` names.
    traced: rustc_hash::FxHashSet<&'a str>,
    /// An archive member failed to parse (already reported).
    member_failed: bool,
    /// Stub libraries, in command-line order.
    stubs: Vec<(String, crate::input::StubSymbols<'a>)>,
    /// The linker's symbols that lld defines before it reads any input (`__stack_pointer`,
    /// `__wasm_call_ctors`, ...; `SynthDef::defined_before_inputs`): see `offer_dropped`.
    made_first: Vec<&'static synthetic::SynthDef>,
    /// What a PIC module imports, which lld makes undefined before it reads any input
    /// (`__stack_pointer`, `__memory_base`, `__table_base`): an archive's offer of one extracts
    /// the member at once (`add_lazy`), a definition is taken (`define_synthetic`), and no
    /// library's export binds it (`add_shared_library`).
    imported_first: Vec<&'static synthetic::SynthDef>,
}

/// Resolves the symbols of `inputs`. Each file's second stage (function bodies,
/// relocations) is started as the file joins the link and runs on the other threads meanwhile:
/// resolution itself is serial.
pub fn resolve<'a>(inputs: Vec<Loaded<'a>>, config: &'a Config, diags: &mut Diagnostics) -> SymbolTable<'a> {
    let (done, results) = std::sync::mpsc::channel();
    // Per archive, per member, its parse once it is asked for (where another thread can do it).
    let ahead_on = crate::par::helpers_available();
    let parsed_ahead: Vec<Vec<ParsedAhead<'a>>> = inputs
        .iter()
        .filter_map(|i| match i {
            Loaded::Archive { archive, .. } => {
                Some(if ahead_on { archive.members.iter().map(|_| ParsedAhead::default()).collect() } else { Vec::new() })
            }
            _ => None,
        })
        .collect();
    let mut t = crate::par::scope(|spawner| {
        let complete_later = |added: u32, pending: object::Pending<'a>| {
            let done = done.clone();
            spawner.spawn(move || {
                let _ = done.send((added, object::finish(pending)));
            });
        };
        let parse_ahead = |archive: usize, member: usize, bytes: &'a [u8]| {
            let slot = &parsed_ahead[archive][member];
            spawner.spawn(move || {
                slot.get_or_init(|| std::sync::Mutex::new(Some(object::parse(bytes))));
            });
        };
        let ahead = Ahead { parse: &parse_ahead, parsed: &parsed_ahead };
        resolve_symbols(inputs, config, diags, &complete_later, ahead)
    });
    drop(done);
    let mut completed: Vec<_> = (0..t.files.len()).map(|_| None).collect();
    for (added, result) in results {
        if let Some(slot) = completed.get_mut(added as usize) {
            *slot = Some(result);
        }
    }
    t.completed = completed;
    t
}

/// An archive member's symbol table, parsed on another thread while resolution goes on: taken
/// (and its error reported) only where the member is extracted, as if parsed there. (The
/// resolving thread may wait here for the thread parsing it, so `object::parse` must not hand
/// work to the pool: that thread could be asked to run this very parse again.)
type ParsedAhead<'a> = std::sync::OnceLock<std::sync::Mutex<Option<Result<Object<'a>, object::ParseError>>>>;

/// Parsing ahead the members about to be extracted: `parse(archive, member, bytes)` starts one.
#[derive(Clone, Copy)]
struct Ahead<'a, 'c> {
    parse: &'c (dyn Fn(usize, usize, &'a [u8]) + Sync),
    parsed: &'c [Vec<ParsedAhead<'a>>],
}

fn resolve_symbols<'a, 'c>(
    inputs: Vec<Loaded<'a>>,
    config: &'a Config,
    diags: &'c mut Diagnostics,
    complete_later: &'c (dyn Fn(u32, object::Pending<'a>) + Sync),
    ahead: Ahead<'a, 'c>,
) -> SymbolTable<'a> {
    let mut r = Resolver {
        complete_later,
        ahead,
        t: SymbolTable {
            files: PrimaryMap::new(),
            shared: PrimaryMap::new(),
            symbols: PrimaryMap::new(),
            by_name: NameIndex::default(),
            import_names: FxHashMap::default(),
            call_dtors: None,
            wrapped: Vec::new(),
            wrap_index: FxHashMap::default(),
            duplicates: Vec::new(),
            extractions: Vec::new(),
            why_extract_at: 0,
            completed: Vec::new(),
            start_stop: Vec::new(),
            signature_clashes: Vec::new(),
            missing_function_refs: Vec::new(),
            signature_from: FxHashMap::default(),
            table_no_strip: false,
        },
        config,
        diags,
        lazies: Vec::new(),
        archives: Vec::new(),
        comdats: FxHashMap::default(),
        frames: Vec::new(),
        finished: Vec::new(),
        traced: config.trace_symbols.iter().map(String::as_str).collect(),
        member_failed: false,
        stubs: Vec::new(),
        made_first: synthetic::ALL.iter().filter(|sd| sd.defined_before_inputs(config)).collect(),
        imported_first: synthetic::ALL
            .iter()
            .filter(|sd| config.is_pic() && sd.imported_in_pic() && sd.applies(config) && sd.made_before_inputs(config))
            .collect(),
    };
    // The table is sized once for every name the inputs may bring (an rlib's index alone has
    // tens of thousands): growing it is most of adding a name.
    let names: usize = inputs
        .iter()
        .map(|i| match i {
            Loaded::Object { object, .. } | Loaded::LazyObject { object, .. } => object.symbols.len(),
            Loaded::Archive { archive, .. } => archive.index.len(),
            _ => 0,
        })
        .sum();
    r.t.by_name.reserve(names);
    r.trace_made_before_inputs();
    for input in inputs {
        match input {
            Loaded::Object { name, object } => {
                r.add_file(name, None, object, true, None);
                r.run_frames();
            }
            Loaded::Shared { name, lib } => r.add_shared_library(name, lib),
            Loaded::Stub { name, symbols } => r.stubs.push((name, symbols)),
            Loaded::LazyObject { name, object } => {
                let lazy = r.lazies.len() as u32;
                let names: Vec<&'a str> = object
                    .symbols
                    .values()
                    .filter(|s| !s.is_undefined() && !s.is_local() && s.kind != SymKind::Section)
                    .map(|s| s.name)
                    .collect();
                r.lazies.push(LazySource::Object(Some(Box::new((name, object)))));
                for n in names {
                    r.add_lazy(n, lazy);
                    r.run_frames();
                }
            }
            Loaded::Archive { name, archive, whole, pages } => {
                let ai = r.archives.len();
                let n = archive.members.len();
                r.archives.push(ArchiveIn { name, archive, loaded: vec![false; n], pages });
                if whole {
                    for m in 0..n {
                        r.load_member(ai, m, true, None);
                        r.run_frames();
                    }
                } else {
                    let index: Vec<(&'a str, usize)> = r.archives[ai].archive.index.clone();
                    r.parse_ahead(ai, &index);
                    for (sym, member) in index {
                        let lazy = r.lazies.len() as u32;
                        r.lazies.push(LazySource::Member { archive: ai, member });
                        r.add_lazy(sym, lazy);
                        r.run_frames();
                    }
                }
            }
        }
    }
    // Command-line roots pull archive members like references do (lld's `handleUndefined`,
    // whose second argument is what `--why-extract` names as the reference).
    // The exported names in lld's order: one `StringSet` of both flags' names, in its
    // iteration order.
    let exported = crate::string_set::iteration_order(
        config.exports_if_defined.iter().chain(&config.exports).map(String::as_str),
    );
    let mut roots: Vec<(&'a str, &str)> = config.undefined.iter().map(|s| (s.as_str(), "<internal>")).collect();
    roots.extend(exported.into_iter().map(|s| (s, "--export")));
    roots.extend(config.entry.as_deref().map(|e| (e, "--entry")));
    for (name, why) in roots {
        r.handle_undefined(name, why);
    }
    r.bind_call_dtors();
    let wrapped = r.add_wrapped_symbols();
    r.process_stub_libraries();
    // A member that does not parse stops the link, as in lld: what would be
    // reported next (undefined symbols it would have defined) is noise.
    if r.member_failed {
        r.renumber_files();
        return r.t;
    }
    // lld takes the entry symbol before it wraps (`--entry=f --wrap=f` starts at the real `f`).
    let entry_before_wrap = config.entry.as_deref().and_then(|e| r.t.find(e));
    r.wrap_symbols(&wrapped);
    r.t.wrap_index = wrapped.iter().enumerate().flat_map(|(i, &(sym, _, wrap))| [(sym, i as u32), (wrap, i as u32)]).collect();
    r.t.wrapped = wrapped;
    // lld writes --why-extract here, after the last extraction, before making its optional
    // symbols.
    r.t.why_extract_at = r.diags.list.len();
    r.define_synthetic();
    // (An imported table is lld's undefined symbol: `--export` does not find it.)
    let imported_table = |t: &SymbolTable, id: SymbolId| config.import_table && t.sym(id).def == Def::Synthetic(Synth::IndirectFunctionTable);
    for (name, is_if_defined) in config
        .exports
        .iter()
        .map(|e| (e, false))
        .chain(config.exports_if_defined.iter().map(|e| (e, true)))
    {
        match r.t.find(name) {
            Some(id) if r.t.sym(id).is_defined() && !imported_table(&r.t, id) => r.t.symbols[id].force_export = true,
            _ if is_if_defined => {}
            // A weak missing function in a module at a fixed address: lld has made it its
            // `undefined_weak:` stub by the time it looks, which counts as found, and exports
            // nothing.
            Some(id) if r.t.weak_function_stubbed(id, config) => {}
            // (Made, or found missing, by the layout, as lld makes it there: only with shared
            // memory, in a final link.)
            None if name == synthetic::INIT_MEMORY_FLAG && synthetic::init_memory_flag_possible(config) => {}
            _ => export_not_found(name, config, r.diags),
        }
    }
    if let Some(entry) = &config.entry {
        // A linker-made symbol can be the entry only if lld makes it before the inputs (not its
        // optional ones, `__heap_base` or `__start_X`, made after it has looked the entry up),
        // whether or not an input named it before `--wrap`.
        let can_be_entry = |t: &SymbolTable, id: SymbolId| match t.sym(id).def {
            Def::Synthetic(synth) => synthetic::lookup(synth).is_some_and(|sd| sd.made_before_inputs(config)),
            _ => t.sym(id).is_defined(),
        };
        let linker_made = |t: &SymbolTable, id: SymbolId| matches!(t.sym(id).def, Def::Synthetic(_));
        let id = entry_before_wrap.or_else(|| r.t.find(entry).filter(|&id| linker_made(&r.t, id)));
        match id.filter(|&id| can_be_entry(&r.t, id)) {
            Some(id) => r.t.symbols[id].force_export = true,
            _ => r.diags.push(
                Diagnostic::error(format!("entry symbol not defined (pass --no-entry to suppress): {entry}"))
                    .symbol(entry.clone()),
            ),
        }
    }
    r.report_duplicates();
    // An object made by `-r` keeps what weak references left to archives as undefined symbols,
    // for the final link to resolve (wasm-ld 19 crashes writing them).
    if config.kind == OutputKind::Relocatable {
        for s in r.t.symbols.values_mut().filter(|s| matches!(s.def, Def::Lazy(_)) && s.first_ref.is_some()) {
            s.def = Def::Undefined;
            s.flags |= SymbolFlags::UNDEFINED;
        }
    }
    r.trace_weak_stubs();
    r.renumber_files();
    done_with_unextracted(&r.archives);
    r.t
}

/// Tells each archive's keeper (`InputPages`) that all of it but the members extracted is done
/// with, now that nothing extracts from it any more: the index, the headers and the other
/// members, in runs between the extracted ones. An archive named twice (`-lfoo` and
/// `libfoo.a`, say) is one set of bytes: what any of its copies extracted stays.
fn done_with_unextracted(archives: &[ArchiveIn<'_>]) {
    // Each archive's bytes once, with the ranges of the members extracted from them.
    let mut kept: FxHashMap<usize, (&ArchiveIn<'_>, Vec<std::ops::Range<usize>>)> = FxHashMap::default();
    for a in archives {
        // (A compact or thin archive's members are not in its bytes.)
        if a.pages.is_none() || a.archive.source.is_some() || a.archive.bytes.starts_with(b"!<thin>\n") {
            continue;
        }
        let (_, ranges) = kept.entry(a.archive.bytes.as_ptr() as usize).or_insert((a, Vec::new()));
        let extracted = a.archive.members.iter().zip(&a.loaded).filter(|(_, loaded)| **loaded);
        ranges.extend(extracted.map(|(m, _)| m.offset as usize..m.offset as usize + m.data.len()));
    }
    for (a, mut ranges) in kept.into_values() {
        let (Some(pages), bytes) = (a.pages, a.archive.bytes) else { continue };
        ranges.sort_unstable_by_key(|r| r.start);
        let mut from = 0;
        for r in ranges {
            if from < r.start && r.start <= bytes.len() {
                pages.done_with(&bytes[from..r.start]);
            }
            from = from.max(r.end);
        }
        if from < bytes.len() {
            pages.done_with(&bytes[from..]);
        }
    }
}

impl<'a> Resolver<'a, '_> {
    fn new_symbol(&mut self, s: Symbol<'a>) -> SymbolId {
        self.t.symbols.push(s)
    }

    /// A file joins the link: its comdats are chosen now, and its symbols are added by
    /// `run_frames`, before those of the file that extracted it. `why`: the reference that
    /// extracted it and the symbol, for `--why-extract`.
    fn add_file(
        &mut self,
        name: String,
        member_of: Option<(&'a str, String, u64)>,
        mut obj: Object<'a>,
        explicit: bool,
        why: Option<(String, SymbolId)>,
    ) {
        if self.config.trace {
            self.diags.push(Diagnostic::note(name.clone()));
        }
        let file = self.t.files.next_key();
        let kept_comdats = obj
            .comdats
            .iter()
            .map(|c| *self.comdats.entry(c).or_insert(file) == file)
            .collect();
        let symbols = PrimaryMap::with_capacity(obj.symbols.len());
        let added = file.index() as u32;
        if let Some(pending) = obj.take_pending() {
            (self.complete_later)(added, pending);
        }
        self.t.files.push(ObjFile { name, member_of, obj, explicit, symbols, kept_comdats, added });
        self.frames.push(Frame { file, why });
    }

    /// Adds the symbols of the files joining the link, the innermost first, until none is
    /// left: what lld's recursion through `addFile` and `extract` does.
    fn run_frames(&mut self) {
        while let Some(frame) = self.frames.last() {
            let file = frame.file;
            let f = &self.t.files[file];
            let next = f.symbols.len();
            if next == f.obj.symbols.len() {
                let done = self.frames.pop().expect("a frame");
                self.finished.push(file);
                // Recorded once the member and all it extracted are in, as lld does.
                if let Some((reference, symbol)) = done.why {
                    self.t.extractions.push(Extraction { reference, file, symbol });
                }
                continue;
            }
            let id = self.add_symbol(file, InSymbol::new(next));
            self.t.files[file].symbols.push(id);
        }
    }


    /// Numbers the files in lld's `ctx.objectFiles` order, which is the output's order of
    /// their functions, globals, data and constructors: a file once all its symbols are in,
    /// so after the members it extracted (`-t` names a file when it starts, as lld does).
    fn renumber_files(&mut self) {
        debug_assert!(self.frames.is_empty() && self.finished.len() == self.t.files.len());
        if self.finished.len() != self.t.files.len() || self.finished.iter().enumerate().all(|(i, f)| f.index() == i) {
            return;
        }
        let mut new_id: SecondaryMap<FileId, FileId> = SecondaryMap::with_capacity(self.finished.len());
        for (i, &f) in self.finished.iter().enumerate() {
            new_id[f] = FileId::new(i);
        }
        let mut old: Vec<Option<ObjFile<'a>>> = std::mem::take(&mut self.t.files).into_iter().map(|(_, f)| Some(f)).collect();
        for &f in &self.finished {
            let file = old[f.index()].take().expect("each file finishes once");
            self.t.files.push(file);
        }
        for s in self.t.symbols.values_mut() {
            if let Def::Defined { file, .. } = &mut s.def {
                *file = new_id[*file];
            }
            if let Some((file, _)) = &mut s.first_ref {
                *file = new_id[*file];
            }
        }
        for (_, a, b) in &mut self.t.duplicates {
            (*a, *b) = (new_id[*a], new_id[*b]);
        }
        for e in &mut self.t.extractions {
            e.file = new_id[e.file];
        }
        for (_, file, _) in &mut self.t.missing_function_refs {
            *file = new_id[*file];
        }
        self.finished.clear();
    }

    /// Extracts lazy symbol `l`'s member (or object), to be added by `run_frames`.
    fn extract(&mut self, l: u32, why: Option<(String, SymbolId)>) {
        match &mut self.lazies[l as usize] {
            LazySource::Member { archive, member } => {
                let (a, m) = (*archive, *member);
                self.load_member(a, m, false, why);
            }
            LazySource::Object(o) => {
                if let Some(lazy) = o.take() {
                    let (name, obj) = *lazy;
                    self.add_file(name, None, obj, false, why);
                }
            }
        }
    }

    /// Whether lazy symbol `l`'s file has joined the link already (so it will not define it).
    fn lazy_spent(&self, l: u32) -> bool {
        match &self.lazies[l as usize] {
            LazySource::Member { archive, member } => self.archives[*archive].loaded[*member],
            LazySource::Object(o) => o.is_none(),
        }
    }

    /// The file lazy symbol `l` would come from, as lld names it (`lib.a(member.o)`).
    fn lazy_file_name(&self, l: u32) -> String {
        match &self.lazies[l as usize] {
            LazySource::Member { archive, member } => {
                let ar = &self.archives[*archive];
                format!("{}({})", ar.name, ar.archive.members[*member].name)
            }
            LazySource::Object(Some(o)) => o.0.clone(),
            LazySource::Object(None) => "<internal>".into(),
        }
    }

    fn file_name(&self, file: Option<FileId>) -> String {
        file.map_or_else(|| "<internal>".into(), |f| self.t.files[f].name.clone())
    }

    fn is_traced(&self, name: &str) -> bool {
        !self.traced.is_empty() && self.traced.contains(name)
    }

    /// `-y`: lld's `printTraceSymbol` (`file: definition of name`, `lazy definition of`) and
    /// `printTraceSymbolUndefined` (`file: reference to name`).
    fn trace(&mut self, file: &str, what: &str, name: &str) {
        self.diags.push(Diagnostic::note(format!("{file}: {what} {name}")).symbol(name));
    }

    /// `-y` names of undefined weak functions: lld defines each as a trapping
    /// `undefined_weak:NAME` once symbols are resolved (`handleWeakUndefines`), live or not.
    fn trace_weak_stubs(&mut self) {
        if self.traced.is_empty() || self.config.is_pic() {
            return;
        }
        let names: Vec<&str> = self.traced.iter().copied().collect();
        let mut stubs: Vec<(SymbolId, &str)> = names
            .into_iter()
            .filter_map(|n| self.t.find(n).map(|id| (id, n)))
            .filter(|&(id, _)| {
                let s = self.t.sym(id);
                // A lazy one only weakly referenced is undefined by then (lld's `demoteLazySymbols`).
                matches!(s.def, Def::Undefined | Def::Lazy(_)) && s.kind == SymKind::Function && s.is_weak() && s.used_in_regular_obj
            })
            .collect();
        stubs.sort_by_key(|&(id, _)| id);
        for (_, name) in stubs {
            let stub = format!("undefined_weak:{}", crate::explain::symbol_name(name, self.config));
            self.trace("<internal>", "definition of", &stub);
        }
    }

    /// `-y` names of symbols lld makes before it reads the inputs (`createSyntheticSymbols`):
    /// defined then, or, for what a PIC module imports, referenced.
    fn trace_made_before_inputs(&mut self) {
        if self.traced.is_empty() {
            return;
        }
        for sd in synthetic::MADE_BEFORE_INPUTS.iter().filter_map(|&s| synthetic::lookup(s)) {
            if !sd.applies(self.config) || !sd.made_before_inputs(self.config) || !self.is_traced(sd.name) {
                continue;
            }
            let what = if self.config.is_pic() && sd.imported_in_pic() { "reference to" } else { "definition of" };
            self.trace("<internal>", what, sd.name);
        }
    }

    fn discarded_by_comdat(&self, file: FileId, s: &object::Symbol<'a>) -> bool {
        let f = &self.t.files[file];
        !f.kept(f.obj.comdat_of(s))
    }

    fn add_symbol(&mut self, file: FileId, i: InSymbol) -> SymbolId {
        let s = self.t.files[file].obj.symbols[i].clone();
        if s.is_local() || s.kind == SymKind::Section {
            if s.is_undefined() {
                self.diags.push(
                    Diagnostic::error(format!("{}: local symbol {} is undefined", self.t.files[file].name, s.name))
                        .file(self.t.files[file].name.clone()),
                );
            }
            return self.new_symbol(Symbol {
                used_in_regular_obj: true,
                local: true,
                ..Symbol::new(s.name, s.kind, Def::Defined { file, sym: i }, s.flags)
            });
        }
        if s.is_undefined() || self.discarded_by_comdat(file, &s) {
            self.add_undefined(s.name, file, i, &s)
        } else {
            self.add_defined(file, i, &s)
        }
    }

    fn import_of(&self, file: FileId, s: &object::Symbol<'a>) -> (Option<&'a str>, Option<&'a str>) {
        match self.t.files[file].obj.import_of(s) {
            Some(imp) if s.is_undefined() => {
                let name = s.flags.contains(SymbolFlags::EXPLICIT_NAME).then_some(imp.name);
                (Some(imp.module), name)
            }
            _ => (None, None),
        }
    }

    fn add_undefined(&mut self, name: &'a str, file: FileId, i: InSymbol, s: &object::Symbol<'a>) -> SymbolId {
        if self.is_traced(s.name) {
            let fname = self.t.files[file].name.clone();
            self.trace(&fname, "reference to", s.name);
        }
        self.check_type(name, file, i, false);
        let (import_module, import_name) = self.import_of(file, s);
        let explicit = import_module.is_some() || import_name.is_some();
        let Some(&id) = self.t.by_name.get(name) else {
            let id = self.new_symbol(Symbol {
                first_ref: Some((file, i)),
                used_in_regular_obj: true,
                ..Symbol::new(name, s.kind, Def::Undefined, s.flags | SymbolFlags::UNDEFINED)
            });
            self.t.by_name.insert(name, id);
            if s.kind == SymKind::Function {
                self.t.missing_function_refs.push((id, file, i));
            }
            if explicit {
                self.t.import_names.insert(id, ImportNames { module: import_module, name: import_name });
            }
            return id;
        };
        let weak_ref = s.is_weak();
        // A lazy symbol whose file is in the link already did not define it (its comdat lost):
        // it is undefined, as lld's would be.
        if let Def::Lazy(l) = self.t.symbols[id].def
            && self.lazy_spent(l)
        {
            let e = &mut self.t.symbols[id];
            if !e.kind_known() {
                e.kind = s.kind;
            }
            e.def = Def::Undefined;
        }
        // lld's `addUndefinedFunction` reports any symbol that is not a function, an undefined
        // one of another kind too (the other kinds' check only definitions).
        let e = &self.t.symbols[id];
        if s.kind == SymKind::Function && e.kind != SymKind::Function && e.kind_known() {
            self.kind_mismatch(id, file, s.kind);
            return id;
        }
        // (Whether the files that call it disagree is known once their code is read.)
        if s.kind == SymKind::Function && matches!(self.t.symbols[id].def, Def::Undefined | Def::Lazy(_)) {
            self.t.missing_function_refs.push((id, file, i));
            if let Some((first_file, first)) = self.t.symbols[id].first_ref
                && self.t.func_type_of(first_file, first) != self.t.func_type_of(file, i)
            {
                self.t.signature_clashes.push(id);
            }
        }
        let e = &mut self.t.symbols[id];
        e.used_in_regular_obj = true;
        match e.def {
            Def::Lazy(l) => {
                if !e.kind_known() {
                    e.kind = s.kind;
                }
                e.first_ref.get_or_insert((file, i));
                // Without an import name yet, the symbol takes this reference's (none too).
                if self.t.import_names.get(&id).is_none_or(|n| n.name.is_none()) {
                    if explicit {
                        self.t.import_names.insert(id, ImportNames { module: import_module, name: import_name });
                    } else {
                        self.t.import_names.remove(&id);
                    }
                }
                if weak_ref {
                    e.flags |= SymbolFlags::BINDING_WEAK;
                } else {
                    e.flags.remove(SymbolFlags::BINDING_WEAK);
                    // lld records only what a function reference extracts.
                    let why = (s.kind == SymKind::Function && self.config.why_extract.is_some())
                        .then(|| (self.t.files[file].name.clone(), id));
                    self.extract(l, why);
                }
            }
            // Two undefined references of different kinds are not checked (lld checks kinds
            // against definitions only), but in `-r` output, where one symbol would carry both
            // kinds' relocations (wasm-ld 19 crashes there).
            Def::Undefined if self.config.kind == OutputKind::Relocatable && e.kind_known() && e.kind != s.kind => {
                self.kind_mismatch(id, file, s.kind);
            }
            Def::Undefined => {
                if e.is_weak() && !weak_ref {
                    e.flags.remove(SymbolFlags::BINDING_WEAK);
                }
                // (lld's `updateExistingUndefined`: any reference's `NO_STRIP` holds.)
                e.flags |= s.flags & SymbolFlags::NO_STRIP;
                // lld's `setImportAttributes`: the first explicit name or module holds, and a
                // different one is an error.
                let first_file = e.first_ref.map(|(f, _)| f);
                e.first_ref.get_or_insert((file, i));
                let mut clashes = Vec::new();
                if explicit {
                    let names = self.t.import_names.entry(id).or_default();
                    for (what, existing, new) in [("name", &mut names.name, import_name), ("module", &mut names.module, import_module)] {
                        if let Some(new) = new {
                            let old = *existing.get_or_insert(new);
                            if old != new {
                                clashes.push((what, old, new));
                            }
                        }
                    }
                }
                for (what, old, new) in clashes {
                    let old_file = first_file.map_or("<internal>".to_string(), |f| self.t.files[f].name.clone());
                    let new_file = self.t.files[file].name.clone();
                    self.diags.push(
                        Diagnostic::error(format!(
                            "import {what} mismatch for symbol: {}\n>>> defined as {old} in {old_file}\n>>> defined as {new} in {new_file}",
                            self.config.show(name)
                        ))
                        .symbol(name)
                        .file(new_file),
                    );
                }
            }
            // A shared library's symbol stays as it is (a weak reference does not weaken it).
            Def::Defined { .. } | Def::Synthetic(_) | Def::Shared { .. } => {
                if e.kind != s.kind {
                    self.kind_mismatch(id, file, s.kind);
                }
            }
        }
        id
    }

    fn add_defined(&mut self, file: FileId, i: InSymbol, s: &object::Symbol<'a>) -> SymbolId {
        let name = s.name;
        self.check_type(name, file, i, true);
        let def = Def::Defined { file, sym: i };
        let Some(&id) = self.t.by_name.get(name) else {
            let id = self.new_symbol(Symbol::new(name, s.kind, def, s.flags));
            self.t.by_name.insert(name, id);
            self.trace_definition(file, name);
            return id;
        };
        let e = &self.t.symbols[id];
        if e.kind_known() && e.kind != s.kind {
            self.kind_mismatch(id, file, s.kind);
            return id;
        }
        let replace = match e.def {
            Def::Undefined | Def::Lazy(_) => true,
            // A weak definition yields to a shared library's, a strong one replaces it. Either
            // way an object names it (lld's `isUsedInRegularObj`): a function the weak one
            // lost to is imported, for the object's own calls.
            Def::Shared { .. } => {
                self.t.symbols[id].used_in_regular_obj = true;
                !s.is_weak()
            }
            Def::Synthetic(_) => !s.is_weak(),
            Def::Defined { file: old, .. } => {
                if s.is_weak() {
                    false
                } else if e.is_weak() {
                    true
                } else {
                    self.t.duplicates.push((id, old, file));
                    // lld replaces the symbol after reporting the duplicate, and traces it
                    // (which only `--noinhibit-exec`, where the report is a warning, shows in
                    // the output).
                    if !self.config.allow_multiple_definition && !self.config.noinhibit_exec {
                        self.trace_definition(file, name);
                    }
                    self.config.noinhibit_exec && !self.config.allow_multiple_definition
                }
            }
        };
        if replace {
            let e = &mut self.t.symbols[id];
            e.def = def;
            e.kind = s.kind;
            e.flags = s.flags;
            self.trace_definition(file, name);
        }
        id
    }

    fn trace_definition(&mut self, file: FileId, name: &str) {
        if self.is_traced(name) {
            let fname = self.t.files[file].name.clone();
            self.trace(&fname, "definition of", name);
        }
    }

    /// lld's `checkGlobalType`, `checkTableType` and `checkTagType`: `file`'s symbol `i` for
    /// `name` (a reference, or a definition if `defining`) must have the type of what the name
    /// already is: a definition (the linker's own global, made before the inputs, too) or, for
    /// a definition, the first reference. A global's type and mutability, a table's element
    /// type (not its limits) are errors; a tag's signature a warning. (A type that makes the
    /// module invalid would be caught anyway; a global's mutability that differs would not.)
    fn check_type(&mut self, name: &str, file: FileId, i: InSymbol, defining: bool) {
        let Some(new) = self.t.checked_type_of(file, i) else { return };
        // The type it already has, and the file that gave it (`None`: the linker).
        // (What PIC imports is lld's undefined symbol, which only a definition is checked
        // against.)
        let linker_global = self
            .linker_defines_first(name)
            .or_else(|| if defining { self.linker_imports_first(name) } else { None })
            .filter(|_| matches!(new, CheckedType::Global(..)));
        let old = match self.t.by_name.get(name).map(|&id| &self.t.symbols[id]) {
            _ if let Some(sd) = linker_global => Some((CheckedType::Global(sd.global_type(self.config)), None)),
            Some(e) if e.kind == self.t.file(file).obj.symbols[i].kind => {
                let existing = match (e.def, e.first_ref) {
                    (Def::Defined { file, sym }, _) => Some((file, sym)),
                    (Def::Undefined, first) if defining => first,
                    _ => None,
                };
                existing.and_then(|(f, sym)| self.t.checked_type_of(f, sym).map(|t| (t, Some(f))))
            }
            _ => None,
        };
        let Some((old, old_file)) = old else { return };
        if old.agrees_with(&new) {
            return;
        }
        let old_file = old_file.map_or_else(|| "<internal>".to_string(), |f| self.t.files[f].name.clone());
        let new_file = self.t.files[file].name.clone();
        let msg = format!(
            "{}: {}\n>>> defined as {} in {old_file}\n>>> defined as {} in {new_file}",
            new.mismatch(),
            self.config.show(name),
            old.show(),
            new.show()
        );
        let d = if matches!(new, CheckedType::Tag(_)) { Diagnostic::warning(msg) } else { Diagnostic::error(msg) };
        self.diags.push(d.symbol(name).file(new_file));
    }

    /// lld's `reportTypeError`: `file` has the name as a `kind`; the symbol table
    /// already holds it as another.
    fn kind_mismatch(&mut self, id: SymbolId, file: FileId, kind: SymKind) {
        let name = self.t.files[file].name.clone();
        self.kind_mismatch_in(id, name, kind);
    }

    /// lld's `reportTypeError` against one of its own symbols: `file` has the name as a `kind`.
    fn synthetic_kind_mismatch(&mut self, sd: &synthetic::SynthDef, kind: SymKind, file: String) {
        let msg = format!(
            "symbol type mismatch: {}\n>>> defined as {} in <internal>\n>>> defined as {} in {file}",
            sd.name,
            wasm_type_name(sd.kind),
            wasm_type_name(kind)
        );
        self.diags.push(Diagnostic::error(msg).symbol(sd.name).file(file));
    }

    /// `kind_mismatch`, the newcomer being the file (object or shared library) named `file`.
    fn kind_mismatch_in(&mut self, id: SymbolId, file: String, kind: SymKind) {
        let s = &self.t.symbols[id];
        let other = match (s.def, s.first_ref) {
            (Def::Defined { file, .. }, _) | (Def::Undefined, Some((file, _))) => self.t.files[file].name.clone(),
            (Def::Shared { lib, .. }, _) => self.t.shared[lib].name.clone(),
            _ => "<internal>".into(),
        };
        let msg = format!(
            "symbol type mismatch: {}\n>>> defined as {} in {}\n>>> defined as {} in {}",
            self.config.show(s.name),
            wasm_type_name(s.kind),
            other,
            wasm_type_name(kind),
            file
        );
        self.diags.push(Diagnostic::error(msg).symbol(s.name).file(file));
    }

    /// A shared library's exports, as LLD 23's `addSharedFunction` / `addSharedData`: each
    /// becomes a symbol where nothing defines the name, or only an archive member offers it
    /// (which is then no longer pulled for it); a definition already there (or the same name
    /// from an earlier library) wins. An undefined name of another kind is a type mismatch, and
    /// so is a function export whose name is defined as another kind. (wasm-ld 19 reports a
    /// function's offer by an archive as a mismatch with a "section", binds an undefined
    /// function to a data export and crashes writing the call.)
    fn add_shared_library(&mut self, name: String, lib: SharedLib<'a>) {
        let lib_id = self.t.shared.next_key();
        let offers: Vec<(&'a str, SymKind)> = lib
            .exports
            .iter()
            .map(|e| (e.name, if matches!(e.kind, SharedKind::Func(_)) { SymKind::Function } else { SymKind::Data }))
            .collect();
        self.t.shared.push(SharedFile { name: name.clone(), lib });
        for (export, (sym_name, kind)) in offers.into_iter().enumerate() {
            // What lld makes before it reads the inputs is there already: its definition wins
            // (a function export of another kind clashes with it), and what PIC imports is
            // undefined, which an export of another kind, any export here, clashes with.
            let imported_first = self.linker_imports_first(sym_name);
            if let Some(sd) = imported_first.or_else(|| self.linker_defines_first(sym_name)) {
                if kind != sd.kind && (kind == SymKind::Function || imported_first.is_some()) {
                    self.synthetic_kind_mismatch(sd, kind, name.clone());
                }
                continue;
            }
            let def = Def::Shared { lib: lib_id, export: export as u32 };
            let Some(&id) = self.t.by_name.get(sym_name) else {
                let id = self.new_symbol(Symbol::new(sym_name, kind, def, SymbolFlags::empty()));
                self.t.by_name.insert(sym_name, id);
                if self.is_traced(sym_name) {
                    self.trace(&name, "definition of", sym_name);
                }
                continue;
            };
            let e = &self.t.symbols[id];
            match e.def {
                Def::Lazy(_) => {}
                Def::Undefined if e.kind != kind => {
                    self.kind_mismatch_in(id, name.clone(), kind);
                    continue;
                }
                Def::Undefined => {}
                _ => {
                    if kind == SymKind::Function && e.kind != kind {
                        self.kind_mismatch_in(id, name.clone(), kind);
                    }
                    continue;
                }
            }
            // Bound to the library: imported from `env` under its own name, never weak.
            let e = &mut self.t.symbols[id];
            e.def = def;
            e.kind = kind;
            e.flags = SymbolFlags::empty();
            self.t.import_names.remove(&id);
            if self.is_traced(sym_name) {
                self.trace(&name, "definition of", sym_name);
            }
        }
    }

    /// Whether an archive's offer of `name` is dropped: lld's own definition is already there,
    /// so a reference binds to the linker's symbol (in `define_synthetic`) and extracts nothing.
    fn offer_dropped(&self, name: &str) -> bool {
        self.linker_defines_first(name).is_some()
    }

    /// The linker's own definition of `name`, if it makes one before it reads the inputs.
    fn linker_defines_first(&self, name: &str) -> Option<&'static synthetic::SynthDef> {
        find_made(&self.made_first, name)
    }

    /// The linker's PIC import `name` (`imported_first`), which lld makes undefined before it
    /// reads the inputs.
    fn linker_imports_first(&self, name: &str) -> Option<&'static synthetic::SynthDef> {
        find_made(&self.imported_first, name)
    }

    /// lld's `addLazy`: a new name becomes lazy; a weak undefined one becomes lazy and weak;
    /// a strong undefined one extracts the member at once, and stays undefined if the member
    /// is in the link already (its definition lost with its comdat).
    fn add_lazy(&mut self, name: &'a str, lazy: u32) {
        if self.offer_dropped(name) {
            return;
        }
        match self.t.by_name.get(name) {
            // lld's own undefined symbol, as if made before the inputs: it extracts the member.
            None if let Some(sd) = self.linker_imports_first(name) => {
                let id = self.new_symbol(Symbol::new(name, sd.kind, Def::Undefined, SymbolFlags::UNDEFINED));
                self.t.by_name.insert(name, id);
                let why = self.config.why_extract.is_some().then(|| ("<internal>".to_string(), id));
                self.extract(lazy, why);
            }
            None => {
                let id = self.new_symbol(Symbol::new(name, SymKind::Function, Def::Lazy(lazy), SymbolFlags::empty()));
                self.t.by_name.insert(name, id);
                if self.is_traced(name) {
                    let file = self.lazy_file_name(lazy);
                    self.trace(&file, "lazy definition of", name);
                }
            }
            Some(&id) => {
                let strong = self.linker_imports_first(name).is_some();
                let e = &mut self.t.symbols[id];
                if e.def == Def::Undefined {
                    // (lld's own reference to what PIC imports is strong, whatever the inputs'.)
                    if e.is_weak() && !strong {
                        e.def = Def::Lazy(lazy);
                        if self.is_traced(name) {
                            let file = self.lazy_file_name(lazy);
                            self.trace(&file, "lazy definition of", name);
                        }
                    } else {
                        let first = e.first_ref.map(|(f, _)| f);
                        let why = self.config.why_extract.is_some().then(|| (self.file_name(first), id));
                        self.extract(lazy, why);
                    }
                }
            }
        }
    }

    /// Before an archive's offers are made, starts parsing on another thread each member that
    /// one of them will extract: those offering a name a strong reference left undefined. (Its
    /// first extraction comes while later ones are parsed; a member that turns out not to be
    /// extracted, its name defined meanwhile, is parsed for nothing.)
    fn parse_ahead(&mut self, a: usize, index: &[(&'a str, usize)]) {
        let Some(slots) = self.ahead.parsed.get(a).filter(|s| !s.is_empty()) else { return };
        let ar = &self.archives[a];
        let mut asked = vec![false; slots.len()];
        // (Where two members offer a name, only the first is extracted for it.)
        let mut offered = rustc_hash::FxHashSet::default();
        for &(name, m) in index {
            let Some(&id) = self.t.by_name.get(name) else { continue };
            let e = &self.t.symbols[id];
            // (What `add_lazy` extracts at once; not the first offer of a name PIC imports,
            // which it extracts too: parsed on this thread, a rare case.)
            if e.def != Def::Undefined || e.is_weak() || self.offer_dropped(name) {
                continue;
            }
            if !offered.insert(id) || asked[m] || ar.archive.parsed.get(m).is_some_and(Option::is_some) {
                continue;
            }
            asked[m] = true;
            let member = &ar.archive.members[m];
            if object::sniff(member.data) != "wasm" {
                continue;
            }
            if let Ok((_, bytes)) = crate::input::archive::member_bytes(ar.archive.source, member) {
                (self.ahead.parse)(a, m, bytes);
            }
        }
    }

    fn load_member(&mut self, a: usize, m: usize, explicit: bool, why: Option<(String, SymbolId)>) {
        let ar = &mut self.archives[a];
        if ar.loaded[m] {
            return;
        }
        ar.loaded[m] = true;
        let member = &ar.archive.members[m];
        let name = || format!("{}({})", ar.name, member.name);
        // (Its first bytes are there even when the archive came compact.)
        match object::sniff(member.data) {
            "wasm" => {}
            // Extracted, as wasm-ld would extract it for LTO (rustc's `-C linker-plugin-lto`
            // rlibs hold such members): it stops the link, as a member that does not parse.
            object::BITCODE => {
                let name = name();
                self.diags.push(Diagnostic::error(format!("{name}: {}", object::BITCODE)).file(name));
                self.member_failed = true;
                return;
            }
            // rustc's lib.rmeta and friends: not code.
            _ => return,
        }
        let name = name();
        let (offset, data) = match crate::input::archive::member_bytes(ar.archive.source, member) {
            Ok(read) => read,
            Err(e) => {
                self.diags.push(Diagnostic::error(format!("{name}: cannot read the member: {e}")).file(name));
                self.member_failed = true;
                return;
            }
        };
        let parsed = match ar.archive.parsed.get_mut(m).and_then(Option::take) {
            Some(obj) => Ok(obj),
            // (Waits for a parse under way; parses here one not started.)
            None => match self.ahead.parsed.get(a).and_then(|members| members.get(m)) {
                Some(slot) => {
                    let cell = slot.get_or_init(|| std::sync::Mutex::new(Some(object::parse(data))));
                    let taken = cell.lock().ok().and_then(|mut p| p.take());
                    taken.unwrap_or_else(|| object::parse(data))
                }
                None => object::parse(data),
            },
        };
        match parsed {
            Ok(obj) => match crate::input::check_arch(&name, &obj, self.config) {
                Ok(()) => {
                    let member_of = Some((ar.name, member.name.clone(), offset));
                    self.add_file(name, member_of, obj, explicit, why)
                }
                Err(d) => {
                    self.diags.push(d);
                    self.member_failed = true;
                }
            },
            Err((off, msg)) => {
                self.diags.push(crate::input::member_error(ar.name, &member.name, off, offset + off, &msg));
                self.member_failed = true;
            }
        }
    }

    /// `--wrap=foo`, first half (lld's `addWrappedSymbols`): where `foo` is known at all (named
    /// by a file, or offered by an archive), `__real_foo` and `__wrap_foo` are referenced as the
    /// linker's own references are, so an archive member defining `__wrap_foo` joins the link.
    /// (References to `foo` itself were resolved as such, extracting what defines `foo`.)
    fn add_wrapped_symbols(&mut self) -> Vec<(SymbolId, SymbolId, SymbolId)> {
        let mut wrapped = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for w in &self.config.wrap {
            if !seen.insert(w.symbol.as_str()) {
                continue;
            }
            let Some(sym) = self.t.find(&w.symbol) else { continue };
            let real = self.reference_symbol(&w.real, None);
            let wrap = self.reference_symbol(&w.wrapper, Some(sym));
            // A file's reference to `__real_foo` (the wrapper's, usually, which may have just
            // joined) extracts the member defining `foo`, as in ELF lld. (wasm-ld 19 leaves `foo`
            // lazy and binds such calls to whatever function 0 is.)
            if let Some((file, _)) = self.t.sym(real).first_ref {
                let why = self.t.files[file].name.clone();
                self.handle_undefined(&w.symbol, &why);
            }
            self.t.symbols[sym].used_in_regular_obj = true;
            self.t.symbols[wrap].used_in_regular_obj = true;
            self.t.symbols[real].used_in_regular_obj = false;
            wrapped.push((sym, real, wrap));
        }
        wrapped
    }

    /// lld's `addUndefinedFunction` for the linker's own reference to `name` (no file, no
    /// signature): traced, extracted if an archive offers it, a weak reference made strong, a
    /// type mismatch if the symbol is not a function. A new one is undefined, of the kind of
    /// `like` with the signature of its first reference or definition, for an import: lld makes a
    /// function without a signature, and crashes where it is imported or `like` is data.
    fn reference_symbol(&mut self, name: &'a str, like: Option<SymbolId>) -> SymbolId {
        if self.is_traced(name) {
            self.trace("<internal>", "reference to", name);
        }
        if let Some(&id) = self.t.by_name.get(name) {
            let s = &self.t.symbols[id];
            match s.def {
                Def::Lazy(_) => self.handle_undefined(name, "<internal>"),
                _ if s.kind_known() && s.kind != SymKind::Function => {
                    self.kind_mismatch_in(id, "<internal>".into(), SymKind::Function)
                }
                Def::Undefined => self.t.symbols[id].flags.remove(SymbolFlags::BINDING_WEAK),
                _ => {}
            }
            return id;
        }
        let (kind, first_ref) = match like.map(|l| self.t.sym(l)) {
            Some(l) => match l.def {
                Def::Defined { file, sym } => (l.kind, Some((file, sym))),
                _ => (l.kind, l.first_ref),
            },
            None => (SymKind::Function, None),
        };
        let id = self.new_symbol(Symbol { first_ref, ..Symbol::new(name, kind, Def::Undefined, SymbolFlags::UNDEFINED) });
        self.t.by_name.insert(name, id);
        id
    }

    /// `--wrap=foo`, second half (lld's `wrapSymbols`): every file's references to `foo`, its
    /// definition's own included, go to `__wrap_foo`, and those to `__real_foo` to `foo`; so do
    /// the names.
    fn wrap_symbols(&mut self, wrapped: &[(SymbolId, SymbolId, SymbolId)]) {
        if wrapped.is_empty() {
            return;
        }
        let mut swaps: FxHashMap<SymbolId, SymbolId> = FxHashMap::default();
        for &(sym, real, wrap) in wrapped {
            swaps.insert(sym, wrap);
            swaps.insert(real, sym);
        }
        // A wrapper nothing defines and no file named has no signature of its own where `foo`
        // is a shared library's (which no file's reference types): it takes that of the first
        // reference sent to it, for its import.
        let mut unsigned: Vec<SymbolId> = wrapped.iter().map(|w| w.2).filter(|&w| self.t.signature(w).is_none()).collect();
        let mut signed = Vec::new();
        for (file, f) in self.t.files.iter_mut() {
            for (i, id) in f.symbols.iter_mut() {
                if f.obj.symbols[i].is_local() {
                    continue;
                }
                if let Some(&to) = swaps.get(id) {
                    *id = to;
                    if let Some(k) = unsigned.iter().position(|&w| w == to)
                        && f.obj.symbols[i].kind == SymKind::Function
                    {
                        signed.push((unsigned.swap_remove(k), (file, i)));
                    }
                }
            }
        }
        self.t.signature_from.extend(signed);
        for &(sym, real, wrap) in wrapped {
            let (sym_name, real_name) = (self.t.sym(sym).name, self.t.sym(real).name);
            self.t.by_name.insert(real_name, sym);
            self.t.by_name.insert(sym_name, wrap);
        }
    }

    /// lld's `processStubLibraries`: an undefined symbol a stub library names (by name or by
    /// import name) is imported, and what it needs from the program is exported, pulled from
    /// archives if need be, until nothing changes.
    fn process_stub_libraries(&mut self) {
        let stubs = std::mem::take(&mut self.stubs);
        // Each stub library's lines by name (the first of a name, as a search would find).
        let lines: Vec<FxHashMap<&str, &[&'a str]>> = stubs
            .iter()
            .map(|(_, symbols)| {
                let mut by_name = FxHashMap::default();
                for (name, deps) in symbols {
                    by_name.entry(*name).or_insert(deps.as_slice());
                }
                by_name
            })
            .collect();
        loop {
            let mut pulled = false;
            for ((file, symbols), lines) in stubs.iter().zip(&lines) {
                for (name, deps) in symbols {
                    if let Some(id) = self.t.find(name)
                        && self.t.sym(id).def == Def::Undefined
                    {
                        pulled |= self.import_from_stub(file, id, deps);
                    }
                }
                let mut by_import_name: Vec<(SymbolId, &'a str)> = self
                    .t
                    .import_names
                    .iter()
                    .filter(|(id, _)| self.t.symbols[**id].def == Def::Undefined)
                    .filter_map(|(&id, names)| Some((id, names.name?)))
                    .collect();
                // (In symbol order, as the table was walked before: the map has none.)
                by_import_name.sort_unstable_by_key(|&(id, _)| id);
                for (id, import_name) in by_import_name {
                    if let Some(deps) = lines.get(import_name) {
                        pulled |= self.import_from_stub(file, id, deps);
                    }
                }
            }
            if !pulled {
                break;
            }
        }
        self.stubs = stubs;
    }

    /// `addStubSymbolDeps`: whether an archive member was pulled in.
    fn import_from_stub(&mut self, file: &str, id: SymbolId, deps: &[&'a str]) -> bool {
        if std::mem::replace(&mut self.t.symbols[id].force_import, true) {
            return false;
        }
        let mut pulled = false;
        for dep in deps {
            let needed = self.t.find(dep).filter(|&n| self.t.sym(n).def != Def::Undefined);
            let Some(needed) = needed else {
                let name = self.config.show(self.t.sym(id).name).into_owned();
                self.diags.push(
                    Diagnostic::error(format!("{file}: undefined symbol: {}. Required by {name}", self.config.show(dep)))
                        .file(file.to_string())
                        .symbol(dep.to_string()),
                );
                continue;
            };
            self.t.symbols[needed].force_export = true;
            if let Def::Lazy(l) = self.t.sym(needed).def {
                let why = self.config.why_extract.is_some().then(|| (file.to_string(), needed));
                self.extract(l, why);
                self.run_frames();
                pulled = true;
            }
        }
        pulled
    }

    /// lld's `handleUndefined`: a name the command line (or the linker, `<internal>`) needs
    /// extracts its member; `why` is what `--why-extract` names as the reference.
    fn handle_undefined(&mut self, name: &str, why: &str) {
        let Some(&id) = self.t.by_name.get(name) else { return };
        match self.t.symbols[id].def {
            Def::Lazy(l) => {
                self.extract(l, self.config.why_extract.is_some().then(|| (why.to_string(), id)));
                self.run_frames();
            }
            // Named on the command line, a library's function is imported (lld's
            // `handleUndefined` counts it as used).
            Def::Shared { .. } => self.t.symbols[id].used_in_regular_obj = true,
            _ => {}
        }
    }

    fn bind_call_dtors(&mut self) {
        // A shared library's destructors are its loader's business (and a relocatable output
        // has none yet).
        if matches!(self.config.kind, crate::config::OutputKind::SharedLibrary | crate::config::OutputKind::Relocatable) {
            return;
        }
        let ctors = self.t.find("__wasm_call_ctors");
        // (An input's definition counts too: lld marks every symbol an object names, defined
        // or not, as used in a regular object.)
        let ctors_used = ctors.is_some_and(|c| self.t.sym(c).used_in_regular_obj || matches!(self.t.sym(c).def, Def::Defined { .. }));
        let entry_is_ctors = self.config.entry.as_deref() == Some("__wasm_call_ctors");
        let exported = self.config.exports.iter().any(|e| e == "__wasm_call_ctors");
        if ctors_used || entry_is_ctors || exported {
            return;
        }
        self.handle_undefined(synthetic::CALL_DTORS, "<internal>");
        if let Some(id) = self.t.find(synthetic::CALL_DTORS) {
            let s = self.t.sym(id);
            if s.kind == SymKind::Function && matches!(s.def, Def::Defined { .. }) {
                let sig = self.t.signature(id).expect("function");
                if !sig.params().is_empty() || !sig.results().is_empty() {
                    self.diags.error("__wasm_call_dtors must have no argument or return values");
                }
                self.t.call_dtors = Some(id);
            } else {
                // As wasm-ld: what the wrappers would call must be this module's function (not
                // a shared library's, nor missing, nor data).
                self.diags.error("__wasm_call_dtors must be a function");
            }
        }
    }

    /// Bind linker-made symbols that the inputs reference (or that always
    /// exist, like `__wasm_call_ctors`).
    fn define_synthetic(&mut self) {
        // `__memory_base` and `__table_base` as wasm-ld 19's optional data symbols.
        let mut optional_bases = Vec::new();
        for sd in synthetic::ALL {
            if !sd.applies(self.config) {
                continue;
            }
            match self.t.by_name.get(sd.name) {
                Some(&id) => {
                    let e = &self.t.symbols[id];
                    let (def, kind, e_weak) = (e.def, e.kind, e.is_weak());
                    let user_file = match (def, e.first_ref) {
                        (Def::Defined { file, .. }, _) | (Def::Undefined, Some((file, _))) => Some(file),
                        _ => None,
                    };
                    let table = sd.synth == Synth::IndirectFunctionTable;
                    match def {
                        Def::Undefined | Def::Defined { .. } if table && kind != SymKind::Table => self.diags.push(synthetic::table_kind_error()),
                        // lld makes the table itself, after GC: an input's definition is an
                        // error, weak or not, live or not; and so, in lld's words, is an
                        // archive's offer of the name that nothing extracted (lld's lazy
                        // symbol is not a table).
                        Def::Defined { .. } if table => self.diags.push(synthetic::table_defined_error()),
                        Def::Lazy(_) if table => self.diags.push(synthetic::table_kind_error()),
                        Def::Undefined if kind == sd.kind => self.bind_synthetic(id, sd),
                        Def::Undefined => {
                            // Made by lld before the inputs are read: the
                            // reference is to the wrong kind of symbol.
                            self.bind_synthetic(id, sd);
                            if let Some(file) = user_file {
                                self.kind_mismatch(id, file, kind);
                            }
                        }
                        // wasm-ld 19's bases of a module at a fixed address are optional
                        // data symbols (see `None` below): one replaces an offer nothing
                        // referenced, in its place, and is no global.
                        Def::Lazy(_)
                            if matches!(sd.synth, Synth::MemoryBase | Synth::TableBase)
                                && !self.config.is_pic()
                                && self.t.symbols[id].first_ref.is_none() =>
                        {
                            optional_bases.push((sd, Some(id)));
                        }
                        // An archive member offering the name is not pulled
                        // for it: lld replaces lazy symbols with its own.
                        Def::Lazy(_) => self.bind_synthetic(id, sd),
                        // (A library's export of the other names lld makes before the inputs
                        // never becomes a symbol: see `add_shared_library`. Optional ones defer
                        // to it, below.)
                        Def::Shared { .. } if table => self.diags.push(synthetic::table_kind_error()),
                        // What PIC imports is lld's undefined symbol when the inputs come: a
                        // definition of it (weak or not) is taken, and the module has its own.
                        Def::Defined { .. } if kind == sd.kind && self.linker_imports_first(sd.name).is_some() => {}
                        // A weak definition yields to the linker's own, as it
                        // would to any definition made first.
                        // (The input named it: lld's `isUsedInRegularObj`, which keeps
                        // `__wasm_call_ctors` from wrapping the exports.)
                        Def::Defined { .. } if sd.made_before_inputs(self.config) && !table && e_weak && kind == sd.kind => {
                            self.bind_synthetic(id, sd);
                            self.t.symbols[id].used_in_regular_obj = true;
                        }
                        Def::Defined { file, .. } if sd.made_before_inputs(self.config) && !table => {
                            let fname = self.t.files[file].name.clone();
                            if kind == sd.kind {
                                let msg = format!("duplicate symbol: {}\n>>> defined in <internal>\n>>> defined in {fname}", sd.name);
                                self.diags.push(Diagnostic::error(msg).symbol(sd.name).file(fname));
                            } else {
                                self.synthetic_kind_mismatch(sd, kind, fname);
                            }
                        }
                        // Optional ones (`__heap_base`, ...) defer to a definition.
                        _ => {}
                    }
                }
                // Linker-made symbols named on the command line exist too
                // (`--export=__heap_base`).
                // wasm-ld 19 has `__memory_base` and `__table_base` of a module at a fixed
                // address as optional data symbols (made last): --export-all, and a name on the
                // command line, export them as such when nothing uses them as globals.
                None if matches!(sd.synth, Synth::MemoryBase | Synth::TableBase)
                    && !self.config.is_pic()
                    && (self.config.export_all || self.config.names_symbol(sd.name)) =>
                {
                    optional_bases.push((sd, None));
                }
                None if sd.always(self.config) || self.config.export_all && sd.optional_data() || self.config.names_symbol(sd.name) => {
                    let id = self.new_symbol(Symbol::new(sd.name, sd.kind, Def::Synthetic(sd.synth), synthetic_flags(sd, self.config)));
                    self.t.by_name.insert(sd.name, id);
                    self.trace_synthetic(sd, sd.name);
                }
                None => {}
            }
        }
        // Made last, as lld's optional symbols are: an offer's is put in its place (and made
        // for `--export-all` only), a new one after every other symbol.
        for (sd, offer) in optional_bases {
            let symbol = Symbol::new(sd.name, SymKind::Data, Def::Synthetic(sd.synth), synthetic_flags(sd, self.config));
            match offer {
                Some(id) if self.config.export_all => self.t.symbols[id] = symbol,
                Some(_) => {}
                None => {
                    let id = self.new_symbol(symbol);
                    self.t.by_name.insert(sd.name, id);
                }
            }
            self.trace_synthetic(sd, sd.name);
        }
        // __start_SEC / __stop_SEC for segments named like C identifiers: bound to references,
        // and made for names exported (`--export`, `--export-if-defined`), as wasm-ld's optional
        // symbols are. (`--export-all`'s are made with the exports, see `layout::exports`.) A
        // reference that only an archive member offers to define is bound too, the member not
        // extracted: lld's optional symbols replace whatever is not defined.
        // Not in `-r` output, where references to them stay undefined, as lld leaves them: the
        // final link binds them to the segments that are in it then.
        if self.config.kind == OutputKind::Relocatable {
            return;
        }
        let named_start_stop = |name: &str| name.starts_with("__start_") || name.starts_with("__stop_");
        let undefined: Vec<(SymbolId, &'a str)> = self
            .t
            .symbols
            .iter()
            .filter(|(_, s)| {
                let missing = s.def == Def::Undefined || matches!(s.def, Def::Lazy(_)) && s.used_in_regular_obj;
                missing && s.kind == SymKind::Data && named_start_stop(s.name)
            })
            .map(|(i, s)| (i, s.name))
            .collect();
        let exported = self.config.exports.iter().chain(&self.config.exports_if_defined).map(String::as_str);
        if undefined.is_empty() && !exported.clone().any(named_start_stop) {
            // (The set of every segment's name is big in a Rust program: made only when asked.)
            return;
        }
        let segment_set = self.t.start_stop_segments(|_, _| true, self.config);
        let start_stop = |name: &str| match (name.strip_prefix("__start_"), name.strip_prefix("__stop_")) {
            (Some(sec), _) if segment_set.contains(sec) => Some(Synth::StartStop { stop: false }),
            (_, Some(sec)) if segment_set.contains(sec) => Some(Synth::StartStop { stop: true }),
            _ => None,
        };
        let mut traced = Vec::new();
        for (id, name) in undefined {
            if let Some(synth) = start_stop(name) {
                // Hidden, as lld defines them: never exported or imported by another module.
                let e = &mut self.t.symbols[id];
                self.t.start_stop.push((id, e.def, e.flags));
                e.def = Def::Synthetic(synth);
                e.flags = SymbolFlags::VISIBILITY_HIDDEN;
                traced.push(name);
            }
        }
        for name in exported {
            if self.t.by_name.contains_key(name) {
                continue;
            }
            if let Some(synth) = start_stop(name) {
                let id = self.new_symbol(Symbol::new(name, SymKind::Data, Def::Synthetic(synth), SymbolFlags::VISIBILITY_HIDDEN));
                self.t.by_name.insert(name, id);
                self.t.start_stop.push((id, Def::Undefined, SymbolFlags::UNDEFINED));
                traced.push(name);
            }
        }
        for name in traced {
            if self.is_traced(name) {
                self.trace("<internal>", "definition of", name);
            }
        }
    }

    fn bind_synthetic(&mut self, id: SymbolId, sd: &synthetic::SynthDef) {
        let e = &mut self.t.symbols[id];
        if sd.synth == Synth::IndirectFunctionTable && e.def == Def::Undefined && e.flags.contains(SymbolFlags::NO_STRIP) {
            self.t.table_no_strip = true;
        }
        e.def = Def::Synthetic(sd.synth);
        e.kind = sd.kind;
        e.flags = synthetic_flags(sd, self.config);
        self.trace_synthetic(sd, sd.name);
    }

    /// `-y` for a linker-made symbol bound after the inputs (those made before them are traced
    /// by `trace_made_before_inputs`).
    fn trace_synthetic(&mut self, sd: &synthetic::SynthDef, name: &str) {
        if !sd.made_before_inputs(self.config) && self.is_traced(name) {
            self.trace("<internal>", "definition of", name);
        }
    }

    fn report_duplicates(&mut self) {
        if self.config.allow_multiple_definition {
            return;
        }
        for &(id, a, b) in &self.t.duplicates {
            let name = self.t.symbols[id].name;
            let (fa, fb) = (&self.t.files[a].name, &self.t.files[b].name);
            let message = format!("duplicate symbol: {}\n>>> defined in {fa}\n>>> defined in {fb}", self.config.show(name));
            self.diags.push(
                if self.config.noinhibit_exec { Diagnostic::warning(message) } else { Diagnostic::error(message) }
                    .symbol(name)
                    .file(fb.clone()),
            );
        }
    }
}

/// A linker-made symbol's flags, as lld makes it: hidden, but for what it exports
/// (`__wasm_apply_data_relocs`) and for the indirect function table with `--export-table`,
/// which is visible (as `--emit-relocs` shows).
fn synthetic_flags(sd: &synthetic::SynthDef, config: &Config) -> SymbolFlags {
    if sd.exported() {
        SymbolFlags::EXPORTED
    } else if sd.synth == Synth::IndirectFunctionTable && config.export_table {
        SymbolFlags::empty()
    } else {
        SymbolFlags::VISIBILITY_HIDDEN
    }
}

/// lld's names for symbol kinds in its messages.
fn wasm_type_name(kind: SymKind) -> &'static str {
    match kind {
        SymKind::Function => "WASM_SYMBOL_TYPE_FUNCTION",
        SymKind::Data => "WASM_SYMBOL_TYPE_DATA",
        SymKind::Global => "WASM_SYMBOL_TYPE_GLOBAL",
        SymKind::Section => "WASM_SYMBOL_TYPE_SECTION",
        SymKind::Tag => "WASM_SYMBOL_TYPE_TAG",
        SymKind::Table => "WASM_SYMBOL_TYPE_TABLE",
    }
}

/// The linker's symbol named `name` among `made` (few, all named `__...`).
fn find_made(made: &[&'static synthetic::SynthDef], name: &str) -> Option<&'static synthetic::SynthDef> {
    if !name.starts_with("__") {
        return None;
    }
    made.iter().find(|sd| sd.name == name).copied()
}

#[cfg(test)]
mod tests {
    use super::words_equal;

    #[test]
    fn words_equal_compares_every_byte_of_every_length() {
        let name = b"_ZN4core3fmt9Formatter9write_str17h0123456789abcdefE";
        for len in 0..=name.len() {
            let a = &name[..len];
            assert!(words_equal(a, a), "{len}");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!words_equal(a, &b), "{len} bytes, differing at {at}");
            }
        }
    }
}
