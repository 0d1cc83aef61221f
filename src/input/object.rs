//! Reading one WebAssembly object file (tool-conventions Linking.md): the
//! module sections, the `linking` section and the `reloc.*` sections. All
//! byte ranges borrow the input; nothing is copied here.

use wasmparser::{
    BinaryReader, ComdatSymbolKind, CompositeInnerType, FuncType, GlobalType,
    KnownCustom, Linking, Parser, Payload, SegmentFlags, SymbolFlags,
    SymbolInfo, TableType, TagType, TypeRef, ValType, Validator, Operator,
};

use crate::index::{
    EntityRef, InCustom, InDefFunc, InDefGlobal, InDefTable, InDefTag, InFunc, InGlobal, InSegment, InSymbol, InTable,
    InTag, InType, PrimaryMap, Space,
};
use crate::reloc::{self, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymKind {
    Function,
    Data,
    Global,
    Section,
    Tag,
    Table,
}

pub use crate::reloc::Reloc;

#[derive(Debug, Clone)]
pub struct Import<'a> {
    pub module: &'a str,
    pub name: &'a str,
}

#[derive(Debug)]
pub struct Function<'a> {
    pub type_index: InType,
    /// The whole code-section entry: body size LEB, locals, code. Kept whole so
    /// that FUNCTION_OFFSET values computed against the input stay valid.
    pub entry: &'a [u8],
    /// Offset of `entry` inside the input code section payload.
    pub section_offset: u32,
    /// Where the instructions start inside `entry` (after size and locals):
    /// relocations may patch only from here on.
    pub code_start: u32,
    /// Its relocations: a run of the object's `code_relocs` (`Object::function_relocs`).
    pub relocs: std::ops::Range<u32>,
    pub comdat: Option<u32>,
}

#[derive(Debug)]
pub struct Global<'a> {
    pub ty: GlobalType,
    /// Constant initializer expression including its `end`.
    pub init: &'a [u8],
    pub comdat: Option<u32>,
}

#[derive(Debug)]
pub struct Segment<'a> {
    pub name: &'a str,
    pub align_log2: u32,
    pub flags: SegmentFlags,
    pub data: &'a [u8],
    /// File offset of `data`, for diagnostics.
    pub file_offset: u64,
    /// Its relocations: a run of the object's `data_relocs` (`Object::segment_relocs`).
    pub relocs: std::ops::Range<u32>,
    pub comdat: Option<u32>,
    /// `__attribute__((retain))`: a GC root.
    pub retain: bool,
}

impl Segment<'_> {
    pub fn is_tls(&self) -> bool {
        self.flags.contains(SegmentFlags::TLS)
            || self.name.starts_with(".tdata")
            || self.name.starts_with(".tbss")
    }
}

#[derive(Debug)]
pub struct CustomSection<'a> {
    pub name: &'a str,
    pub data: &'a [u8],
    /// File offset of `data`, for diagnostics.
    pub file_offset: u64,
    /// Kept as the object encodes them: read them through `Object::custom_relocs`, which checks
    /// them.
    pub relocs: reloc::Encoded<'a>,
    /// Index of this section among all sections of the file (what section
    /// symbols refer to). Ascending along `Object::customs`.
    pub section_index: u32,
    /// The comdat it belongs to: only the chosen copy's is written.
    pub comdat: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataDef {
    pub segment: InSegment,
    pub offset: u32,
    pub size: u32,
}

/// What an object's symbol stands for, in that object's index spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymTarget {
    Func(InFunc, ShortSig),
    Global(InGlobal),
    Table(InTable),
    Tag(InTag),
    /// A defined data symbol has its place; an undefined one has none.
    Data(Option<DataDef>),
    /// The section index among all sections of the file.
    Section(u32),
}

#[derive(Debug, Clone)]
pub struct Symbol<'a> {
    pub kind: SymKind,
    pub flags: SymbolFlags,
    pub name: &'a str,
    pub target: SymTarget,
}

// (A big link holds millions: a function's `ShortSig` fits beside the index, where the target
// of a data symbol is longer.)
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Symbol>() == 40);

impl Symbol<'_> {
    /// Defined data symbols only.
    pub fn data(&self) -> Option<DataDef> {
        match self.target {
            SymTarget::Data(d) => d,
            _ => None,
        }
    }

    pub fn is_undefined(&self) -> bool {
        self.flags.contains(SymbolFlags::UNDEFINED)
    }
    pub fn is_local(&self) -> bool {
        self.flags.contains(SymbolFlags::BINDING_LOCAL)
    }
    pub fn is_weak(&self) -> bool {
        self.flags.contains(SymbolFlags::BINDING_WEAK)
    }
}

/// One object file, parsed.
#[derive(Debug, Default)]
pub struct Object<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// File offset of the code section's payload (`Function::section_offset` is relative to it).
    pub code_offset: u64,
    pub types: PrimaryMap<InType, FuncType>,
    /// Each type as a `TypeKey`.
    pub type_keys: PrimaryMap<InType, TypeKey>,
    pub func_imports: Vec<(Import<'a>, InType)>,
    pub global_imports: Vec<(Import<'a>, GlobalType)>,
    pub table_imports: Vec<(Import<'a>, TableType)>,
    pub tag_imports: Vec<(Import<'a>, InType)>,
    pub functions: PrimaryMap<InDefFunc, Function<'a>>,
    pub globals: PrimaryMap<InDefGlobal, Global<'a>>,
    pub tables: PrimaryMap<InDefTable, TableType>,
    pub tags: PrimaryMap<InDefTag, InType>,
    pub segments: PrimaryMap<InSegment, Segment<'a>>,
    pub customs: PrimaryMap<InCustom, CustomSection<'a>>,
    /// Each section's custom section, by section index (what a section symbol names), up to
    /// the last custom section; `None` for the others (a lookup without a search: a debug
    /// build's relocations name section symbols millions of times).
    section_customs: Vec<Option<InCustom>>,
    pub symbols: PrimaryMap<InSymbol, Symbol<'a>>,
    /// The code section's relocations, each function's a run of them, in function order, with
    /// offsets from the start of the function's entry: one vector, not one per function (a
    /// debug build has hundreds of thousands of functions).
    pub code_relocs: Vec<Reloc>,
    /// The data section's relocations, likewise, each segment's a run, with offsets from the
    /// start of the segment's data.
    pub data_relocs: Vec<Reloc>,
    /// Each symbol's kind, by index: what checking and applying each relocation reads, packed
    /// (a debug build's millions of relocations would each miss the cache on `symbols`).
    pub symbol_kinds: Vec<SymKind>,
    /// (priority, symbol)
    pub init_funcs: Vec<(u32, InSymbol)>,
    pub comdats: Vec<&'a str>,
    pub features: Vec<(u8, &'a str)>,
    pub producers: Vec<(&'a str, Vec<(&'a str, &'a str)>)>,
    /// The object imports a 64-bit memory: it was compiled for wasm64.
    pub memory64: bool,
    /// An MVP object (no reference-types): it imports the indirect function table without a
    /// symbol for it, and its `call_indirect`s assume table 0.
    pub mvp_table: bool,
    /// What `complete` still has to read (`None` once it has).
    deferred: Option<Deferred<'a>>,
    /// `export_name` attributes: (function index, export name), sorted by
    /// index (first one wins, as in the export section) for lookup.
    pub export_names: Vec<(InFunc, &'a str)>,
}

impl<'a> Object<'a> {
    pub fn func_space(&self) -> Space<InFunc, InDefFunc> {
        Space::new(self.func_imports.len())
    }
    pub fn global_space(&self) -> Space<InGlobal, InDefGlobal> {
        Space::new(self.global_imports.len())
    }
    pub fn table_space(&self) -> Space<InTable, InDefTable> {
        Space::new(self.table_imports.len())
    }
    pub fn tag_space(&self) -> Space<InTag, InDefTag> {
        Space::new(self.tag_imports.len())
    }

    /// A custom section's relocations, each checked as the code's and the data's are when the
    /// object is completed: a relocation, or where (the relocation section's offset, or the
    /// malformed entry's) and what is wrong. They are kept encoded until used (a debug build
    /// has millions: storing them decoded cost more memory and time than decoding them where
    /// they are applied), so they are checked there.
    pub fn custom_relocs<'s>(&'s self, c: &'s CustomSection<'a>) -> CustomRelocs<'s> {
        CustomRelocs {
            entries: c.relocs.entries(),
            kinds: &self.symbol_kinds,
            types: self.types.len() as u32,
            len: c.data.len(),
            name: c.name,
            at: c.relocs.section_at(),
            problem: None,
        }
    }

    /// A function's relocations, offsets from the start of its entry.
    pub fn function_relocs(&self, f: InDefFunc) -> &[Reloc] {
        let r = &self.functions[f].relocs;
        &self.code_relocs[r.start as usize..r.end as usize]
    }

    /// A data segment's relocations, offsets from the start of its data.
    pub fn segment_relocs(&self, s: InSegment) -> &[Reloc] {
        let r = &self.segments[s].relocs;
        &self.data_relocs[r.start as usize..r.end as usize]
    }

    /// The `export_name` of a function, if it has one.
    pub fn export_name(&self, func: InFunc) -> Option<&'a str> {
        let i = self.export_names.partition_point(|e| e.0 < func);
        self.export_names.get(i).filter(|e| e.0 == func).map(|e| e.1)
    }

    /// Name of each defined function (by defined index): its first defining
    /// symbol's, in one pass over the symbol table.
    pub fn function_names(&self) -> PrimaryMap<InDefFunc, Option<&'a str>> {
        let space = self.func_space();
        let mut names: PrimaryMap<InDefFunc, Option<&'a str>> = self.functions.keys().map(|_| None).collect();
        for s in self.symbols.values() {
            if let SymTarget::Func(f, _) = s.target
                && !s.is_undefined()
                && let Some(d) = space.defined(f)
                && let Some(slot) = names.get_mut(d)
            {
                slot.get_or_insert(s.name);
            }
        }
        names
    }

    /// Name of each defined global, as `function_names`.
    pub fn global_names(&self) -> PrimaryMap<InDefGlobal, Option<&'a str>> {
        let space = self.global_space();
        let mut names: PrimaryMap<InDefGlobal, Option<&'a str>> = self.globals.keys().map(|_| None).collect();
        for s in self.symbols.values() {
            if let SymTarget::Global(g) = s.target
                && !s.is_undefined()
                && let Some(d) = space.defined(g)
                && let Some(slot) = names.get_mut(d)
            {
                slot.get_or_insert(s.name);
            }
        }
        names
    }

    /// The type of a function, imported or defined.
    pub fn func_type(&self, func: InFunc) -> InType {
        self.func_type_if_any(func).expect("a function index the parse checked")
    }

    /// The type of a function, or `None` for an index out of range (while parsing, before
    /// `finish` has checked the symbols' indexes).
    fn func_type_if_any(&self, func: InFunc) -> Option<InType> {
        match self.func_space().defined(func) {
            None => self.func_imports.get(func.index()).map(|i| i.1),
            Some(d) => self.functions.get(d).map(|f| f.type_index),
        }
    }

    /// The type of a global, imported or defined.
    pub fn global_type(&self, global: InGlobal) -> GlobalType {
        match self.global_space().defined(global) {
            None => self.global_imports[global.index()].1,
            Some(d) => self.globals[d].ty,
        }
    }

    /// The type of a table, imported or defined.
    pub fn table_type(&self, table: InTable) -> TableType {
        match self.table_space().defined(table) {
            None => self.table_imports[table.index()].1,
            Some(d) => self.tables[d],
        }
    }

    /// The type of a tag, imported or defined.
    pub fn tag_type(&self, tag: InTag) -> InType {
        match self.tag_space().defined(tag) {
            None => self.tag_imports[tag.index()].1,
            Some(d) => self.tags[d],
        }
    }

    /// The comdat a defined function, global or data symbol belongs to.
    pub fn comdat_of(&self, s: &Symbol) -> Option<u32> {
        match s.target {
            SymTarget::Func(f, _) => self.func_space().defined(f).and_then(|d| self.functions.get(d)).and_then(|f| f.comdat),
            SymTarget::Global(g) => self.global_space().defined(g).and_then(|d| self.globals.get(d)).and_then(|g| g.comdat),
            SymTarget::Data(d) => d.and_then(|d| self.segments.get(d.segment)).and_then(|seg| seg.comdat),
            _ => None,
        }
    }

    /// The import a symbol of this object names, if it is an undefined
    /// function, global, table or tag.
    pub fn import_of(&self, s: &Symbol) -> Option<&Import<'a>> {
        match s.target {
            SymTarget::Func(f, _) => self.func_imports.get(f.index()).map(|i| &i.0),
            SymTarget::Global(g) => self.global_imports.get(g.index()).map(|i| &i.0),
            SymTarget::Table(t) => self.table_imports.get(t.index()).map(|i| &i.0),
            SymTarget::Tag(t) => self.tag_imports.get(t.index()).map(|i| &i.0),
            _ => None,
        }
    }

    /// The custom section a section symbol names.
    pub fn custom_by_section(&self, section: u32) -> Option<InCustom> {
        self.section_customs.get(section as usize).copied().flatten()
    }
}

/// A custom section's relocations, each checked, up to the first problem (`Object::custom_relocs`).
pub struct CustomRelocs<'s> {
    entries: reloc::Entries<'s>,
    kinds: &'s [SymKind],
    types: u32,
    /// The section's length, and its name.
    len: usize,
    name: &'s str,
    /// The relocation section's offset, where a problem with an entry is reported.
    at: u64,
    problem: Option<(u64, String)>,
}

impl CustomRelocs<'_> {
    /// Once the relocations have run out: where and what the first problem was.
    pub fn problem(&mut self) -> Option<(u64, String)> {
        self.problem.take().or_else(|| self.entries.problem())
    }
}

impl Iterator for CustomRelocs<'_> {
    type Item = Reloc;

    #[inline]
    fn next(&mut self) -> Option<Reloc> {
        if self.problem.is_some() {
            return None;
        }
        let e = self.entries.next()?;
        let problem = match check_entry(&e, self.types, |i| self.kinds.get(i as usize).copied()) {
            Err(m) => m,
            Ok(()) if e.runs_past(self.len) => {
                format!("relocation at offset {:#x} runs past the end of section {}", e.offset, self.name)
            }
            Ok(()) => return Some(e),
        };
        self.problem = Some((self.at, problem));
        None
    }
}

/// The part of an object that resolution does not need: function bodies and relocations.
/// `parse` leaves it for `complete`, which runs on the objects the link keeps, all at once and
/// in parallel, rather than one at a time while archive members are pulled.
#[derive(Debug, Default)]
struct Deferred<'a> {
    code_section: Option<u32>,
    data_section: Option<u32>,
    data_payload_start: usize,
    /// Each relocation section: its payload and the payload's file offset.
    relocs: Vec<(&'a [u8], u64)>,
}

/// Where a parse failed: an offset into the file and a message.
pub type ParseError = (u64, String);

/// What `sniff` calls LLVM bitcode, which only a linker with LLVM inside can link (LTO).
pub const BITCODE: &str = "LLVM bitcode (LTO is not supported; compile without -flto)";

/// What an input file is, judged by its first bytes.
pub fn sniff(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\0asm") {
        if bytes.len() >= 8 && bytes[4..8] == [0x0d, 0, 1, 0] {
            "a WebAssembly component (link its core modules, not the component)"
        } else {
            // (Another version is reported by the object parser, in LLVM's words.)
            "wasm"
        }
    } else if bytes.starts_with(b"!<arch>\n") || bytes.starts_with(b"!<thin>\n") {
        "archive"
    } else if bytes.starts_with(b"BC\xc0\xde") || bytes.starts_with(&[0xde, 0xc0, 0x17, 0x0b]) {
        BITCODE
    } else if bytes.starts_with(b"\x7fELF") {
        "an ELF file, not WebAssembly"
    } else if bytes.starts_with(&[0xcf, 0xfa, 0xed, 0xfe]) || bytes.starts_with(&[0xce, 0xfa, 0xed, 0xfe]) {
        "a Mach-O file, not WebAssembly"
    } else if bytes.starts_with(b"MZ") {
        "a PE/COFF file, not WebAssembly"
    } else {
        "not a WebAssembly object file"
    }
}

/// A section's entry count, for reserving room: at most one entry per byte, so a count that
/// a malformed file inflates cannot ask for more memory than the file's own size.
fn bounded<T: TryInto<usize>>(count: u32, range: std::ops::Range<T>) -> usize {
    let len = range.end.try_into().unwrap_or(0).saturating_sub(range.start.try_into().unwrap_or(0));
    (count as usize).min(len)
}

/// Reads what resolution needs of an object: its index spaces, symbols, segments and custom
/// sections. Function bodies and relocations wait for `complete`. Serial, and must stay so:
/// resolution waits on parses run ahead on the pool (`resolve::ParsedAhead`).
pub fn parse(bytes: &[u8]) -> Result<Object<'_>, ParseError> {
    let mut p = ObjectParser::default();
    p.run(bytes).map_err(Fail::into_parse_error)?;
    p.obj.symbol_kinds = p.obj.symbols.values().map(|s| s.kind).collect();
    Ok(p.obj)
}

/// The second stage: reads the code section's entries and hands every relocation to the chunk
/// it patches. Does nothing the second time.
pub fn complete(obj: &mut Object<'_>) -> Result<(), ParseError> {
    match obj.take_pending() {
        Some(p) => {
            let done = finish(p)?;
            obj.apply(done);
            Ok(())
        }
        None => Ok(()),
    }
}

/// The second stage's work on one object, taken out of it: it needs only the object's bytes
/// and the shape of its index spaces, so it can run on another thread while resolution goes
/// on reading the object (`finish`, then `Object::apply`).
pub struct Pending<'a> {
    /// The whole file.
    bytes: &'a [u8],
    deferred: Deferred<'a>,
    code_offset: u64,
    functions: usize,
    types: u32,
    symbol_kinds: Vec<SymKind>,
    /// Each segment's file offset, length and name.
    segments: Vec<(u64, usize, &'a str)>,
    /// Each custom section's section index (ascending).
    customs: Vec<u32>,
}

/// What the second stage found: each function's entry (with its offset in the code section,
/// where its instructions start, and its relocations), and the relocations of each segment
/// and custom section.
pub struct Completed<'a> {
    functions: Vec<(&'a [u8], u32, u32, std::ops::Range<u32>)>,
    code_relocs: Vec<Reloc>,
    segments: Vec<std::ops::Range<u32>>,
    data_relocs: Vec<Reloc>,
    customs: Vec<Option<reloc::Encoded<'a>>>,
}

impl<'a> Object<'a> {
    /// The second stage's work, once: `None` when it was taken (or done) already.
    pub fn take_pending(&mut self) -> Option<Pending<'a>> {
        let deferred = self.deferred.take()?;
        Some(Pending {
            bytes: self.bytes,
            deferred,
            code_offset: self.code_offset,
            functions: self.functions.len(),
            types: self.types.len() as u32,
            symbol_kinds: self.symbol_kinds.clone(),
            segments: self.segments.values().map(|s| (s.file_offset, s.data.len(), s.name)).collect(),
            customs: self.customs.values().map(|c| c.section_index).collect(),
        })
    }

    /// Puts what `finish` found in place.
    pub fn apply(&mut self, done: Completed<'a>) {
        for (f, (entry, section_offset, code_start, relocs)) in self.functions.values_mut().zip(done.functions) {
            (f.entry, f.section_offset, f.code_start, f.relocs) = (entry, section_offset, code_start, relocs);
        }
        self.code_relocs = done.code_relocs;
        for (seg, relocs) in self.segments.values_mut().zip(done.segments) {
            seg.relocs = relocs;
        }
        self.data_relocs = done.data_relocs;
        for (c, relocs) in self.customs.values_mut().zip(done.customs) {
            if let Some(relocs) = relocs {
                c.relocs = relocs;
            }
        }
    }
}

/// Does the second stage's work (see `complete`).
pub fn finish(p: Pending<'_>) -> Result<Completed<'_>, ParseError> {
    complete_deferred(&p).map_err(Fail::into_parse_error)
}

/// `parse` and `complete` in one.
pub fn parse_complete(bytes: &[u8]) -> Result<Object<'_>, ParseError> {
    let mut obj = parse(bytes)?;
    complete(&mut obj)?;
    Ok(obj)
}

enum Fail {
    Wasm(wasmparser::BinaryReaderError),
    Msg(u64, String),
}

impl From<wasmparser::BinaryReaderError> for Fail {
    fn from(e: wasmparser::BinaryReaderError) -> Self {
        Fail::Wasm(e)
    }
}

impl Fail {
    fn into_parse_error(self) -> ParseError {
        match self {
            Fail::Wasm(e) => (e.offset(), e.message().to_string()),
            Fail::Msg(off, m) => (off, m),
        }
    }

    /// Places a message found without a position (0) at `offset`.
    fn at(self, offset: u64) -> Fail {
        match self {
            Fail::Msg(0, m) => Fail::Msg(offset, m),
            other => other,
        }
    }
}

/// A function type as one number, so that two signatures compare without reading the types
/// (GC and the scan compare the two sides of every call between files, and the types are
/// scattered over the heap): the numbers of parameters and results, five bits each, then three
/// bits for each value type. A type of more than 17 values, or of another value type, has
/// `TypeKey::INEXACT`, and only the types themselves tell whether two such are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeKey(u64);

impl TypeKey {
    /// (Never the key of 17 values or fewer, whose top three bits are clear.)
    const INEXACT: TypeKey = TypeKey(u64::MAX);

    pub fn of(t: &FuncType) -> TypeKey {
        let (params, results) = (t.params(), t.results());
        if params.len() + results.len() > 17 {
            return TypeKey::INEXACT;
        }
        let mut key = params.len() as u64 | (results.len() as u64) << 5;
        for (i, &v) in params.iter().chain(results).enumerate() {
            let code = match v {
                ValType::I32 => 0,
                ValType::I64 => 1,
                ValType::F32 => 2,
                ValType::F64 => 3,
                ValType::V128 => 4,
                v if v == ValType::FUNCREF => 5,
                v if v == ValType::EXTERNREF => 6,
                _ => return TypeKey::INEXACT,
            };
            key |= code << (10 + 3 * i);
        }
        TypeKey(key)
    }

    /// Whether equal keys mean equal types (different keys always mean different types).
    pub fn is_exact(self) -> bool {
        self != TypeKey::INEXACT
    }
}

/// A function symbol's signature, kept in its record (`SymTarget::Func`) so that comparing the
/// two sides of a call between files, which GC and the scan do for every such call, reads no
/// more than the two symbols' records: its type's `TypeKey` when that fits in 31 bits (types
/// of up to seven values), else nothing, and the types themselves are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortSig(u32);

impl ShortSig {
    /// (Never a key that fits, whose top bit is clear.)
    const NONE: ShortSig = ShortSig(u32::MAX);

    fn of(key: Option<TypeKey>) -> ShortSig {
        match key {
            Some(TypeKey(key)) if key < 1 << 31 => ShortSig(key as u32),
            _ => ShortSig::NONE,
        }
    }

    /// The type's key, if it fits: equal keys, equal types; different keys, different types.
    pub fn key(self) -> Option<u32> {
        (self != ShortSig::NONE).then_some(self.0)
    }
}

/// Refuses a value type that wasmlink does not link: a reference other than the nullable
/// `funcref`, `externref` and `exnref`. A typed function reference (`(ref $t)`) indexes the
/// object's own type section, which the output renumbers; the rest need GC or function
/// references. No compiler writes them into objects, and wasm-ld cannot encode them.
fn check_value_type(ty: ValType, at: u64) -> Result<(), Fail> {
    use wasmparser::{AbstractHeapType as A, HeapType};
    match ty {
        ValType::Ref(r) if r.type_index().is_some() => fail(
            at,
            "a reference to a type by index (typed function references) is not supported in an object file",
        ),
        ValType::Ref(r) => match r.heap_type() {
            HeapType::Abstract { shared: false, ty: A::Func | A::Extern | A::Exn } if r.is_nullable() => Ok(()),
            _ => fail(at, format!("reference type {r} is not supported in an object file (only funcref, externref and exnref are)")),
        },
        _ => Ok(()),
    }
}

/// Reads a constant expression through, refusing an instruction no constant expression may have.
fn constant_expression(expr: &wasmparser::ConstExpr) -> Result<(), Fail> {
    // Nearly every one is a data segment's offset, `i32.const N` (or `i64.const N`) then `end`:
    // told from its bytes, without the operator reader (a big Rust link has tens of thousands).
    let mut reader = expr.get_binary_reader();
    if is_one_integer_constant(reader.read_bytes(reader.bytes_remaining()).unwrap_or_default()) {
        return Ok(());
    }
    let mut ops = expr.get_operators_reader();
    while !ops.eof() {
        let at = ops.original_position();
        match ops.read()? {
            Operator::I32Const { .. } | Operator::I64Const { .. } | Operator::F32Const { .. }
            | Operator::F64Const { .. } | Operator::V128Const { .. } | Operator::RefNull { .. }
            | Operator::RefFunc { .. } | Operator::GlobalGet { .. } | Operator::I32Add | Operator::I32Sub
            | Operator::I32Mul | Operator::I64Add | Operator::I64Sub | Operator::I64Mul | Operator::End => {}
            op => return fail(at, format!("{op:?} is not allowed in a constant expression")),
        }
    }
    Ok(())
}

/// `i32.const` or `i64.const` with a well-formed LEB128 operand, then `end`, and nothing else.
fn is_one_integer_constant(bytes: &[u8]) -> bool {
    let mut at = 1;
    let operand = match bytes.first() {
        Some(0x41) => leb128fmt::decode_sint_slice::<i32, 32>(bytes, &mut at).is_ok(),
        Some(0x42) => leb128fmt::decode_sint_slice::<i64, 64>(bytes, &mut at).is_ok(),
        _ => false,
    };
    operand && bytes.get(at..) == Some(&[0x0b][..])
}

fn fail<T>(offset: u64, msg: impl Into<String>) -> Result<T, Fail> {
    Err(Fail::Msg(offset, msg.into()))
}

#[derive(Default)]
struct ObjectParser<'a> {
    obj: Object<'a>,
    section_index: u32,
    /// Memories imported and defined (objects import theirs; only exports and data segments
    /// name one).
    memories: u32,
    deferred: Deferred<'a>,
    /// Linking section seen (an object without one is not relocatable).
    linking_seen: bool,
    /// Segment info from the linking section, applied after the data section.
    segment_info: Vec<(&'a str, u32, SegmentFlags, u64)>,
    segment_info_offset: u64,
    comdat_members: Vec<(ComdatSymbolKind, u32, u32, u64)>,
    /// The index of every custom section, kept in `customs` or not (a comdat may name any),
    /// ascending.
    custom_indices: Vec<u32>,
    /// File offset of each symbol-table entry and init function entry, for diagnostics.
    symbol_offsets: Vec<u64>,
    init_func_offsets: Vec<u64>,
}

impl<'a> ObjectParser<'a> {
    /// A function or tag's type index, which must name a type of the type section before it.
    fn type_index(&self, index: u32, at: u64) -> Result<InType, Fail> {
        if index as usize >= self.obj.types.len() {
            return fail(at, format!("type index {index} out of bounds ({} types)", self.obj.types.len()));
        }
        Ok(InType::from_u32(index))
    }

    fn run(&mut self, bytes: &'a [u8]) -> Result<(), Fail> {
        let base = bytes.as_ptr() as usize;
        self.obj.bytes = bytes;
        if let Some(v) = bytes.get(4..8).filter(|v| *v != [1, 0, 0, 0]) {
            return fail(4, format!("invalid version number: {}", u32::from_le_bytes([v[0], v[1], v[2], v[3]])));
        }
        // The code section's entries are skipped: `complete` reads them.
        let mut parser = Parser::new(0);
        let mut offset = 0;
        loop {
            let payload = match parser.parse(&bytes[offset..], true)? {
                wasmparser::Chunk::Parsed { consumed, payload } => {
                    offset += consumed;
                    payload
                }
                wasmparser::Chunk::NeedMoreData(_) => return fail(bytes.len() as u64, "unexpected end-of-file"),
            };
            let mut counts_as_section = true;
            match payload {
                Payload::Version { encoding, range, .. } => {
                    counts_as_section = false;
                    if encoding != wasmparser::Encoding::Module {
                        return fail(range.start, "a component is not an object file");
                    }
                }
                Payload::TypeSection(r) => {
                    for rg in r.into_iter_with_offsets() {
                        let (at, rg) = rg?;
                        let explicit = rg.is_explicit_rec_group();
                        for sub in rg.into_types() {
                            let plain = !explicit && sub.is_final && sub.supertype_idxs.is_empty();
                            let c = sub.composite_type;
                            match c.inner {
                                CompositeInnerType::Func(f)
                                    if plain && !c.shared && c.descriptor_idx.is_none() && c.describes_idx.is_none() =>
                                {
                                    for &t in f.params().iter().chain(f.results()) {
                                        check_value_type(t, at)?;
                                    }
                                    self.obj.type_keys.push(TypeKey::of(&f));
                                    self.obj.types.push(f);
                                }
                                _ => return fail(at, "GC types are not supported"),
                            }
                        }
                    }
                }
                Payload::ImportSection(r) => {
                    let at = r.range().start;
                    self.obj.func_imports.reserve(bounded(r.count(), r.range()));
                    for imp in r.into_imports() {
                        let imp = imp?;
                        let i = Import { module: imp.module, name: imp.name };
                        match imp.ty {
                            TypeRef::Func(t) => self.obj.func_imports.push((i, self.type_index(t, at)?)),
                            TypeRef::Global(g) => {
                                check_value_type(g.content_type, at)?;
                                self.obj.global_imports.push((i, g))
                            }
                            TypeRef::Table(t) => {
                                check_value_type(ValType::Ref(t.element_type), at)?;
                                self.obj.table_imports.push((i, t))
                            }
                            TypeRef::Tag(TagType { func_type_idx, .. }) => {
                                self.obj.tag_imports.push((i, self.type_index(func_type_idx, at)?))
                            }
                            TypeRef::Memory(m) => {
                                self.obj.memory64 |= m.memory64;
                                self.memories += 1;
                            }
                            _ => return fail(at, "unsupported import kind"),
                        }
                    }
                }
                Payload::FunctionSection(r) => {
                    self.obj.functions.reserve(bounded(r.count(), r.range()));
                    for t in r.into_iter_with_offsets() {
                        let (at, t) = t?;
                        let type_index = self.type_index(t, at)?;
                        self.obj.functions.push(Function {
                            type_index,
                            entry: &[],
                            section_offset: 0,
                            code_start: 0,
                            relocs: 0..0,
                            comdat: None,
                        });
                    }
                }
                Payload::TableSection(r) => {
                    for t in r.into_iter_with_offsets() {
                        let (at, t) = t?;
                        check_value_type(ValType::Ref(t.ty.element_type), at)?;
                        if !matches!(t.init, wasmparser::TableInit::RefNull) {
                            return fail(at, "a table with an initializer expression is not supported in an object file");
                        }
                        self.obj.tables.push(t.ty);
                    }
                }
                // (A relocatable output defines its memory; compilers' objects import it.)
                Payload::MemorySection(r) => {
                    for m in r {
                        self.obj.memory64 |= m?.memory64;
                        self.memories += 1;
                    }
                }
                Payload::TagSection(r) => {
                    for t in r.into_iter_with_offsets() {
                        let (at, t) = t?;
                        let ty = self.type_index(t.func_type_idx, at)?;
                        self.obj.tags.push(ty);
                    }
                }
                Payload::GlobalSection(r) => {
                    for g in r.into_iter_with_offsets() {
                        let (at, g) = g?;
                        check_value_type(g.ty.content_type, at)?;
                        let init = g.init_expr.get_binary_reader();
                        let start = init.original_position() as usize;
                        // One constant: a `global.get` or `ref.func` would
                        // need an index space translation objects never ask for.
                        // (Not an extended-const expression either: its `global.get` too.)
                        let mut ops = g.init_expr.get_operators_reader();
                        let first = ops.original_position();
                        match ops.read()? {
                            Operator::I32Const { .. } | Operator::I64Const { .. } | Operator::F32Const { .. }
                            | Operator::F64Const { .. } | Operator::V128Const { .. } | Operator::RefNull { .. } => {}
                            op => return fail(first, format!("global initializer {op:?} is not supported (only constants)")),
                        }
                        let second = ops.original_position();
                        if !matches!(ops.read()?, Operator::End) || !ops.eof() {
                            return fail(second, "global initializer of more than one instruction is not supported (only one constant)");
                        }
                        let end = ops.original_position();
                        self.obj.globals.push(Global {
                            ty: g.ty,
                            init: &bytes[start..end as usize],
                            comdat: None,
                        });
                    }
                }
                Payload::ExportSection(r) => {
                    for e in r.into_iter_with_offsets() {
                        let (at, e) = e?;
                        use wasmparser::ExternalKind as K;
                        let (what, count) = match e.kind {
                            K::Func | K::FuncExact => ("function", self.obj.func_imports.len() + self.obj.functions.len()),
                            K::Global => ("global", self.obj.global_imports.len() + self.obj.globals.len()),
                            K::Table => ("table", self.obj.table_imports.len() + self.obj.tables.len()),
                            K::Memory => ("memory", self.memories as usize),
                            K::Tag => ("tag", self.obj.tag_imports.len() + self.obj.tags.len()),
                        };
                        if e.index as usize >= count {
                            return fail(at, format!("export {} of unknown {what} {}", e.name, e.index));
                        }
                        if e.kind == K::Func {
                            self.obj.export_names.push((InFunc::from_u32(e.index), e.name));
                        }
                    }
                }
                Payload::StartSection { range, .. } => {
                    return fail(range.start, "start section in an object file is not supported");
                }
                // Objects put function addresses in the table through relocations, so an element
                // section is not linked, only read through (a corrupt one is reported, as wasm-ld
                // reports it).
                Payload::ElementSection(r) => {
                    for e in r.into_iter_with_offsets() {
                        let (at, e) = e?;
                        if let wasmparser::ElementKind::Active { table_index, offset_expr } = &e.kind {
                            let tables = self.obj.table_imports.len() + self.obj.tables.len();
                            if table_index.unwrap_or(0) as usize >= tables {
                                return fail(at, format!("element segment for unknown table {}", table_index.unwrap_or(0)));
                            }
                            constant_expression(offset_expr)?;
                        }
                        match e.items {
                            wasmparser::ElementItems::Functions(f) => f.into_iter().try_for_each(|i| i.map(drop))?,
                            wasmparser::ElementItems::Expressions(_, x) => {
                                for c in x {
                                    constant_expression(&c?)?;
                                }
                            }
                        }
                    }
                }
                Payload::DataCountSection { .. } => {}
                Payload::DataSection(r) => {
                    self.deferred.data_section = Some(self.section_index);
                    self.deferred.data_payload_start = r.range().start as usize;
                    self.obj.segments.reserve(bounded(r.count(), r.range()));
                    for d in r.into_iter_with_offsets() {
                        let (at, d) = d?;
                        // (The linker places the segment itself; its offset is only read through.)
                        if let wasmparser::DataKind::Active { memory_index, offset_expr } = &d.kind {
                            if *memory_index >= self.memories {
                                return fail(at, format!("data segment for unknown memory {memory_index}"));
                            }
                            constant_expression(offset_expr)?;
                        }
                        let start = d.data.as_ptr() as usize - base;
                        self.obj.segments.push(Segment {
                            name: "",
                            align_log2: 0,
                            flags: SegmentFlags::empty(),
                            data: d.data,
                            file_offset: start as u64,
                            relocs: 0..0,
                            comdat: None,
                            retain: false,
                        });
                    }
                }
                Payload::CodeSectionStart { unchecked_range: range, count, size } => {
                    self.deferred.code_section = Some(self.section_index);
                    self.obj.code_offset = range.start;
                    if count as usize != self.obj.functions.len() {
                        return fail(range.start, "function and code section counts differ");
                    }
                    parser.skip_section();
                    offset = offset.saturating_add(size as usize);
                    if offset > bytes.len() {
                        return fail(range.start, "unexpected end-of-file: the code section runs past the end of the file");
                    }
                }
                Payload::CustomSection(c) => self.custom(c)?,
                Payload::End(_) => break,
                Payload::UnknownSection { range, .. } => {
                    return fail(range.start, "unknown section");
                }
                other => {
                    let at = other.as_section().map_or(0, |(_, range)| range.start);
                    return fail(at, "unsupported section in an object file");
                }
            }
            if counts_as_section {
                self.section_index += 1;
            }
        }
        if !self.linking_seen {
            return fail(0, "not a relocatable object file: no linking section (is this already a linked module?)");
        }
        self.finish()?;
        self.obj.deferred = Some(std::mem::take(&mut self.deferred));
        Ok(())
    }

    fn custom(&mut self, c: wasmparser::CustomSectionReader<'a>) -> Result<(), Fail> {
        self.custom_indices.push(self.section_index);
        let name = c.name();
        if name == "linking" {
            self.linking_seen = true;
            let r = wasmparser::LinkingSectionReader::new(BinaryReader::new(c.data(), c.data_offset()))?;
            for sub in r.subsections() {
                match sub? {
                    Linking::SymbolTable(map) => {
                        let n = bounded(map.count(), map.range());
                        self.obj.symbols.reserve(n);
                        self.symbol_offsets.reserve(n);
                        for s in map.into_iter_with_offsets() {
                            let (at, s) = s?;
                            let symbol = self.symbol(s).map_err(|e| e.at(at))?;
                            self.obj.symbols.push(symbol);
                            self.symbol_offsets.push(at);
                        }
                    }
                    Linking::SegmentInfo(map) => {
                        self.segment_info_offset = map.range().start;
                        for s in map.into_iter_with_offsets() {
                            let (at, s) = s?;
                            self.segment_info.push((s.name, s.alignment, s.flags, at));
                        }
                    }
                    Linking::InitFuncs(map) => {
                        for f in map.into_iter_with_offsets() {
                            let (at, f) = f?;
                            self.obj.init_funcs.push((f.priority, InSymbol::from_u32(f.symbol_index)));
                            self.init_func_offsets.push(at);
                        }
                    }
                    Linking::ComdatInfo(map) => {
                        for c in map.into_iter_with_offsets() {
                            let (at, c) = c?;
                            let idx = self.obj.comdats.len() as u32;
                            self.obj.comdats.push(c.name);
                            for m in c.symbols {
                                let m = m?;
                                self.comdat_members.push((m.kind, m.index, idx, at));
                            }
                        }
                    }
                    Linking::TargetArch(_) | Linking::Unknown { .. } => {}
                }
            }
        } else if name.starts_with("reloc.") {
            self.deferred.relocs.push((c.data(), c.data_offset()));
        } else if name == "target_features" {
            let mut r = BinaryReader::new(c.data(), c.data_offset());
            let n = r.read_var_u32()?;
            for _ in 0..n {
                let prefix = r.read_u8()?;
                let feature = r.read_string()?;
                self.obj.features.push((prefix, feature));
            }
        } else if name == "producers" {
            if let KnownCustom::Producers(p) = c.as_known() {
                for field in p {
                    let field = field?;
                    let mut values = Vec::new();
                    for v in field.values {
                        let v = v?;
                        values.push((v.name, v.version));
                    }
                    self.obj.producers.push((field.name, values));
                }
            }
        } else if name == "name" || name == "dylink.0" || name == "dylink" {
            // Regenerated for the output.
        } else if name == ".llvmbc" || name == ".llvmcmd" {
            // Embedded bitcode (rustc's rlibs): for LTO, never for the output.
        } else {
            self.obj.customs.push(CustomSection {
                name,
                data: c.data(),
                file_offset: c.data_offset(),
                relocs: Default::default(),
                section_index: self.section_index,
                comdat: None,
            });
        }
        Ok(())
    }

    fn symbol(&self, s: SymbolInfo<'a>) -> Result<Symbol<'a>, Fail> {
        let o = &self.obj;
        let (kind, flags, index, name) = match s {
            SymbolInfo::Func { flags, index, name } => (SymKind::Function, flags, index, name),
            SymbolInfo::Global { flags, index, name } => (SymKind::Global, flags, index, name),
            SymbolInfo::Table { flags, index, name } => (SymKind::Table, flags, index, name),
            SymbolInfo::Event { flags, index, name } => (SymKind::Tag, flags, index, name),
            SymbolInfo::Data { flags, name, symbol } => {
                let data = symbol.map(|d| DataDef { segment: InSegment::from_u32(d.index), offset: d.offset, size: d.size });
                return Ok(Symbol { kind: SymKind::Data, flags, name, target: SymTarget::Data(data) });
            }
            SymbolInfo::Section { flags, section } => {
                return Ok(Symbol { kind: SymKind::Section, flags, name: "", target: SymTarget::Section(section) });
            }
        };
        let target = match kind {
            SymKind::Function => {
                let func = InFunc::from_u32(index);
                // (An index out of range is reported by `finish`.)
                let key = o.func_type_if_any(func).and_then(|ty| o.type_keys.get(ty).copied());
                SymTarget::Func(func, ShortSig::of(key))
            }
            SymKind::Global => SymTarget::Global(InGlobal::from_u32(index)),
            SymKind::Table => SymTarget::Table(InTable::from_u32(index)),
            _ => SymTarget::Tag(InTag::from_u32(index)),
        };
        // An import's symbol may take its name from the import.
        let mut symbol = Symbol { kind, flags, name: "", target };
        let import_name = o.import_of(&symbol).map(|i| i.name);
        symbol.name = match name.or(import_name) {
            Some(n) => n,
            None => return fail(0, format!("symbol refers to import {index}, which does not exist")),
        };
        Ok(symbol)
    }

    /// An object built without reference-types (LLVM's "MVP" objects) imports the indirect
    /// function table without a symbol for it, and its `call_indirect`s use table 0. As wasm-ld
    /// (`synthesizeMVPIndirectFunctionTableSymbolIfNeeded`), such an import gets a symbol, so
    /// that the link knows the table is used.
    /// lld's `addLegacyIndirectFunctionTableIfNeeded`: an object with tables must have a symbol
    /// for each, but for an MVP object, whose one table import is the indirect function table:
    /// a symbol is made for it.
    fn synthesize_table_symbol(&mut self) -> Result<(), Fail> {
        let o = &mut self.obj;
        let table_symbols = o.symbols.values().filter(|s| s.kind == SymKind::Table).count();
        let tables = o.table_imports.len() + o.tables.len();
        if tables == table_symbols {
            return Ok(());
        }
        if table_symbols != 0 {
            return fail(
                0,
                format!("expected one symbol table entry for each of the {tables} table(s) present, but got {table_symbols} symbol(s) instead."),
            );
        }
        if !o.tables.is_empty() {
            return fail(0, "unexpected table definition(s) without corresponding symbol-table entries.");
        }
        if tables != 1 {
            return fail(0, "multiple table imports, but no corresponding symbol-table entries.");
        }
        let (import, ty) = &o.table_imports[0];
        if import.name != crate::synthetic::INDIRECT_FUNCTION_TABLE || ty.element_type != wasmparser::RefType::FUNCREF {
            return fail(0, format!("table import {} is missing a symbol table entry.", import.name));
        }
        let flags = SymbolFlags::UNDEFINED | SymbolFlags::NO_STRIP;
        o.symbols.push(Symbol { kind: SymKind::Table, flags, name: import.name, target: SymTarget::Table(InTable::new(0)) });
        o.mvp_table = true;
        self.symbol_offsets.push(0);
        Ok(())
    }

    /// Cross-checks and relocation distribution, once every section is read.
    fn finish(&mut self) -> Result<(), Fail> {
        self.synthesize_table_symbol()?;
        let o = &mut self.obj;
        let sections = o.customs.values().map(|c| c.section_index as usize + 1).max().unwrap_or(0);
        o.section_customs = vec![None; sections];
        for (ci, c) in o.customs.iter() {
            o.section_customs[c.section_index as usize] = Some(ci);
        }
        o.export_names.sort_by_key(|e| e.0);
        if !self.segment_info.is_empty() && self.segment_info.len() != o.segments.len() {
            return fail(self.segment_info_offset, "segment info count does not match the data section");
        }
        for (seg, (name, align, flags, at)) in o.segments.values_mut().zip(&self.segment_info) {
            seg.name = name;
            if *align > 32 {
                return fail(*at, format!("segment {name}: alignment 2^{align} is too large"));
            }
            seg.align_log2 = *align;
            seg.retain = flags.bits() & 0x4 != 0;
            seg.flags = *flags;
        }
        let (funcs, globals) = (o.func_space(), o.global_space());
        for &(kind, index, comdat, at) in &self.comdat_members {
            let slot = match kind {
                ComdatSymbolKind::Data => o.segments.get_mut(InSegment::from_u32(index)).map(|s| &mut s.comdat),
                ComdatSymbolKind::Func => {
                    funcs.defined(InFunc::from_u32(index)).and_then(|d| o.functions.get_mut(d)).map(|f| &mut f.comdat)
                }
                ComdatSymbolKind::Global => {
                    globals.defined(InGlobal::from_u32(index)).and_then(|d| o.globals.get_mut(d)).map(|g| &mut g.comdat)
                }
                // (Only a custom section can be in one, as LLVM's reader checks; one the output
                // makes anew, such as `producers`, has nothing to leave out.)
                ComdatSymbolKind::Section => match o.custom_by_section(index) {
                    Some(c) => Some(&mut o.customs[c].comdat),
                    None if self.custom_indices.binary_search(&index).is_ok() => continue,
                    None => return fail(at, format!("comdat member section {index} is not a custom section")),
                },
                _ => continue,
            };
            match slot {
                Some(s) => *s = Some(comdat),
                None => return fail(at, format!("comdat member index {index} out of range")),
            }
        }
        // Every type reference must name a function type.
        let bad_type = o.func_imports.iter().map(|i| i.1)
            .chain(o.functions.values().map(|f| f.type_index))
            .chain(o.tag_imports.iter().map(|i| i.1))
            .chain(o.tags.values().copied())
            .find(|&t| !o.types.is_valid(t));
        if let Some(t) = bad_type {
            return fail(0, format!("type index {} out of range", t.as_u32()));
        }
        if !o.functions.is_empty() && self.deferred.code_section.is_none() {
            return fail(0, "function without a body (missing code section)");
        }
        // As LLVM's object reader: a name has one non-local symbol per file,
        // defined or not.
        let mut names: rustc_hash::FxHashSet<&str> =
            rustc_hash::FxHashSet::with_capacity_and_hasher(o.symbols.len(), Default::default());
        for (s, &at) in o.symbols.values().zip(&self.symbol_offsets) {
            if s.kind != SymKind::Section && !s.is_local() && !names.insert(s.name) {
                return fail(at, format!("duplicate symbol name {}", s.name));
            }
        }
        // Symbol sanity: every index must point at something that exists,
        // and an import exactly when the symbol is undefined.
        let counts = |imports: usize, defined: usize| (imports as u32, (imports + defined) as u32);
        for (s, &at) in o.symbols.values().zip(&self.symbol_offsets) {
            let (index, (imported, limit)) = match s.target {
                SymTarget::Func(f, _) => (f.as_u32(), counts(o.func_imports.len(), o.functions.len())),
                SymTarget::Global(g) => (g.as_u32(), counts(o.global_imports.len(), o.globals.len())),
                SymTarget::Table(t) => (t.as_u32(), counts(o.table_imports.len(), o.tables.len())),
                SymTarget::Tag(t) => (t.as_u32(), counts(o.tag_imports.len(), o.tags.len())),
                SymTarget::Data(Some(d)) => {
                    let seg = match o.segments.get(d.segment) {
                        Some(seg) => seg,
                        None if s.flags.contains(SymbolFlags::ABSOLUTE) => continue,
                        None => return fail(at, format!("symbol {}: segment {} out of range", s.name, d.segment.as_u32())),
                    };
                    // LLVM's reader checks the offset only (a symbol may end with its segment).
                    if !s.flags.contains(SymbolFlags::ABSOLUTE) && d.offset as u64 > seg.data.len() as u64 {
                        return fail(
                            at,
                            format!("invalid data symbol offset: `{}` (offset: {} segment size: {})", s.name, d.offset, seg.data.len()),
                        );
                    }
                    continue;
                }
                SymTarget::Data(None) | SymTarget::Section(_) => continue,
            };
            if index >= limit {
                return fail(at, format!("symbol {}: index {} out of range", s.name, index));
            }
            if s.is_undefined() != (index < imported) {
                return fail(at, format!("symbol {}: undefined flag does not match its index", s.name));
            }
            // LLVM's reader refuses a weak undefined global, table or tag: none can be left at a
            // default value. (It calls a tag a global there.)
            if s.is_undefined() && s.is_weak() && !s.is_local() {
                let what = match s.target {
                    SymTarget::Global(_) => Some("global"),
                    SymTarget::Table(_) => Some("table"),
                    SymTarget::Tag(_) => Some("tag"),
                    _ => None,
                };
                if let Some(what) = what {
                    return fail(at, format!("undefined weak {what} symbol"));
                }
            }
        }
        // Objects of older compilers marked thread-local data by its segment only (as lld,
        // such a symbol is thread-local).
        for sym in o.symbols.values_mut() {
            if let SymTarget::Data(Some(d)) = sym.target
                && o.segments.get(d.segment).is_some_and(|seg| seg.is_tls())
            {
                sym.flags |= SymbolFlags::TLS;
            }
        }
        for (&(_, sym), &at) in o.init_funcs.iter().zip(&self.init_func_offsets) {
            match o.symbols.get(sym) {
                Some(s) if s.kind == SymKind::Function => {}
                _ => return fail(at, format!("init function symbol {} is not a function", sym.as_u32())),
            }
        }
        Ok(())
    }
}

/// Validates an object as a module, all but its function bodies; for `write`, to find the input
/// to blame for an output that failed validation outside any function body.
///
/// Objects are not validated as they are read (nor does wasm-ld validate them): that took a
/// tenth of a serial link, most of it in the validator's record of each import. `parse` checks
/// what the linker counts on (type indices, the value types it can renumber; wasmparser's
/// `Parser` keeps the section order), and the output is validated whole, a fault in a function
/// body traced back to its input. What `parse` lets through either does not matter to the link
/// (as to wasm-ld) or makes the output invalid, and then this names the input.
pub fn validate_structure(bytes: &[u8]) -> Result<(), ParseError> {
    let mut validator = Validator::new_with_features(crate::features::VALIDATED);
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| (e.offset(), e.message().to_string()))?;
        validator.payload(&payload).map_err(|e| (e.offset(), e.message().to_string()))?;
    }
    Ok(())
}

/// `complete`: the code section's entries, then the relocations.
fn complete_deferred<'a>(p: &Pending<'a>) -> Result<Completed<'a>, Fail> {
    let d = &p.deferred;
    let bytes = p.bytes;
    let mut done = Completed {
        functions: Vec::with_capacity(p.functions),
        code_relocs: Vec::new(),
        segments: vec![0..0; p.segments.len()],
        data_relocs: Vec::new(),
        customs: (0..p.customs.len()).map(|_| None).collect(),
    };
    // Where the next code entry starts: entries follow the (possibly padded) count, back to back.
    let mut next_entry = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::CodeSectionStart { unchecked_range: range, .. } => {
                let mut r = BinaryReader::new(&bytes[range.start as usize..], range.start);
                r.read_var_u32()?;
                next_entry = r.original_position() as usize;
            }
            Payload::CodeSectionEntry(body) => {
                let body_range = body.range();
                // The entry (body-size LEB, then body) starts where the previous one ended.
                let start = next_entry;
                let section_offset = (start as u64 - p.code_offset) as u32;
                next_entry = body_range.end as usize;
                let mut locals = body.get_locals_reader()?;
                for _ in 0..locals.get_count() {
                    locals.read()?;
                }
                let code_start = (locals.original_position() as usize - start) as u32;
                if done.functions.len() == p.functions {
                    return fail(start as u64, "more code entries than functions");
                }
                done.functions.push((&bytes[start..body_range.end as usize], section_offset, code_start, 0..0));
            }
            _ => {}
        }
    }
    if done.functions.len() < p.functions {
        return fail(0, "function without a body (missing code section)");
    }
    // Relocation sections come after everything else, since they refer to the symbol table
    // and to sections by index.
    let mut relocated_sections: rustc_hash::FxHashSet<u32> = Default::default();
    for &(data, offset) in &d.relocs {
        let (target, encoded) = reloc::read_header(data, offset).map_err(|(at, msg)| Fail::Msg(at, msg))?;
        if !relocated_sections.insert(target) {
            return fail(offset, format!("second relocation section for section {target}"));
        }
        let code_or_data = Some(target) == d.code_section || Some(target) == d.data_section;
        // (Customs are in section order, so the search is valid.)
        let custom = if code_or_data { None } else { p.customs.binary_search(&target).ok() };
        match custom {
            // Kept encoded, and checked where it is used (`Object::custom_relocs`).
            Some(ci) => done.customs[ci] = Some(encoded),
            None => {
                let entries = encoded.decode().map_err(|(at, msg)| Fail::Msg(at, msg))?;
                for e in &entries {
                    check_entry(e, p.types, |i| p.symbol_kinds.get(i as usize).copied()).map_err(|m| Fail::Msg(offset, m))?;
                }
                distribute(p, &mut done, target, entries, offset)?;
            }
        }
    }
    Ok(done)
}

/// Checks that a relocation names a symbol (or type) the object has (`kind_of` says which, by
/// index), of the kind it needs. (Inlined, the message made apart: it runs for each of a debug
/// build's millions of relocations.)
#[inline]
fn check_entry(e: &Reloc, types: u32, kind_of: impl Fn(u32) -> Option<SymKind>) -> Result<(), String> {
    let t = e.target;
    if t == Target::TypeIndex {
        return if e.index() < types { Ok(()) } else { Err(out_of_range(e)) };
    }
    let Some(kind) = kind_of(e.index()) else { return Err(out_of_range(e)) };
    let want = match t {
        Target::FunctionIndex | Target::TableIndex | Target::TableIndexRel | Target::FunctionOffset => SymKind::Function,
        Target::MemoryAddr | Target::MemoryAddrRel | Target::MemoryAddrLocRel | Target::MemoryAddrTls => SymKind::Data,
        Target::GlobalIndex => SymKind::Global,
        Target::TagIndex => SymKind::Tag,
        Target::TableNumber => SymKind::Table,
        Target::SectionOffset => SymKind::Section,
        Target::TypeIndex => unreachable!("returned above"),
    };
    // GLOBAL_INDEX may also name a data or function symbol: its GOT entry, in PIC code.
    let got = t == Target::GlobalIndex && matches!(kind, SymKind::Data | SymKind::Function);
    if kind != want && !got {
        return Err(wrong_kind(e, kind));
    }
    Ok(())
}

#[cold]
fn out_of_range(e: &Reloc) -> String {
    format!("relocation at offset {:#x} refers to index {} out of range", e.offset, e.index())
}

#[cold]
fn wrong_kind(e: &Reloc, kind: SymKind) -> String {
    format!("relocation {} at offset {:#x} refers to a {:?} symbol", reloc::lld_name(e.target, e.field), e.offset, kind)
}

/// Hand each relocation of the code or data section, checked, to the chunk it patches.
fn distribute<'a>(p: &Pending<'a>, done: &mut Completed<'a>, target: u32, mut entries: Vec<Reloc>, offset: u64) -> Result<(), Fail> {
    let d = &p.deferred;
    // (Compilers write them in offset order: only a stable sort of another order is needed.)
    if !entries.is_sorted_by_key(|r| r.offset) {
        entries.sort_by_key(|r| r.offset);
    }
    if Some(target) == d.code_section {
        // Functions and relocations are both in offset order: each function takes the run of
        // relocations before the next function's start, its offsets made relative to its entry.
        let starts: Vec<u32> = done.functions.iter().map(|f| f.1).collect();
        if let Some(r) = entries.first()
            && starts.first().is_none_or(|&start| r.offset < start)
        {
            return fail(offset, format!("code relocation at offset {:#x} is outside every function", r.offset));
        }
        let count = u32::try_from(entries.len()).map_err(|_| Fail::Msg(offset, "too many code relocations".into()))?;
        let mut at = 0u32;
        for (k, f) in done.functions.iter_mut().enumerate() {
            let next = starts.get(k + 1).copied().unwrap_or(u32::MAX);
            let (entry, section_offset, code_start) = (f.0, f.1, f.2);
            let start = at;
            while at < count && entries[at as usize].offset < next {
                let r = &mut entries[at as usize];
                r.offset -= section_offset;
                if r.offset < code_start {
                    return fail(offset, format!("code relocation at offset {:#x} patches a function's size or locals", r.offset + section_offset));
                }
                if r.runs_past(entry.len()) {
                    return fail(offset, format!("code relocation at offset {:#x} runs past the end of its function", r.offset + section_offset));
                }
                at += 1;
            }
            f.3 = start..at;
        }
        done.code_relocs = entries;
    } else if Some(target) == d.data_section {
        // Relocation offsets count from the data section payload.
        let base = d.data_payload_start as u64;
        let segments = &p.segments;
        // In offset order, as the segments are: each segment's relocations are one run.
        let count = u32::try_from(entries.len()).map_err(|_| Fail::Msg(offset, "too many data relocations".into()))?;
        for (k, r) in (0..count).zip(entries.iter_mut()) {
            let i = segments.partition_point(|s| s.0 - base <= r.offset as u64);
            let Some(si) = i.checked_sub(1) else {
                return fail(offset, format!("data relocation at offset {:#x} is outside every segment", r.offset));
            };
            let (file_offset, len, name) = segments[si];
            let section_offset = r.offset;
            r.offset -= (file_offset - base) as u32;
            if r.runs_past(len) {
                return fail(offset, format!("data relocation at offset {section_offset:#x} runs past the end of segment {name}"));
            }
            let run = &mut done.segments[si];
            if run.start == run.end {
                *run = k..k;
            }
            run.end = k + 1;
        }
        done.data_relocs = entries;
    } else {
        return fail(offset, format!("relocation section targets section {target}, which cannot be relocated"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path for `i32.const N end` and `i64.const N end` agrees with wasmparser's reading
    /// of the same bytes as one such constant, on every shape of operand near the LEB128 limits.
    #[test]
    fn one_integer_constant_is_read_as_wasmparser_reads_it() {
        let reads_as_one = |bytes: &[u8]| {
            let mut ops = wasmparser::OperatorsReader::new(wasmparser::BinaryReader::new(bytes, 0));
            matches!(ops.read(), Ok(Operator::I32Const { .. } | Operator::I64Const { .. }))
                && matches!(ops.read(), Ok(Operator::End))
                && ops.eof()
        };
        // Every byte value in each position of the longest encodings' last byte, and operands
        // of each length made of continuation bytes, with both possible ends.
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for op in [0x41u8, 0x42, 0x43, 0x0b] {
            for len in 0..=11usize {
                for last in 0..=255u8 {
                    for fill in [0x80u8, 0xff, 0x00] {
                        let mut b = vec![op];
                        b.extend(std::iter::repeat_n(fill, len.saturating_sub(1)));
                        if len > 0 {
                            b.push(last);
                        }
                        b.push(0x0b);
                        cases.push(b.clone());
                        b.push(0x0b);
                        cases.push(b);
                    }
                }
            }
        }
        cases.extend([vec![], vec![0x41], vec![0x41, 0x0b], vec![0x41, 0x00], vec![0x41, 0x00, 0x0b, 0x0b]]);
        for b in &cases {
            assert_eq!(is_one_integer_constant(b), reads_as_one(b), "{b:02x?}");
        }
    }

    /// Keys of two types are equal exactly when the types are, or else both are inexact.
    #[test]
    fn type_keys_tell_types_apart() {
        let kinds = [ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128, ValType::FUNCREF, ValType::EXTERNREF, ValType::EXNREF];
        let mut types = Vec::new();
        // Every type of up to two parameters and one result, and longer ones around the limit.
        let short: Vec<Vec<ValType>> = std::iter::once(vec![])
            .chain(kinds.iter().map(|&k| vec![k]))
            .chain(kinds.iter().flat_map(|&a| kinds.iter().map(move |&b| vec![a, b])))
            .collect();
        for p in &short {
            for r in short.iter().filter(|r| r.len() <= 1) {
                types.push(FuncType::new(p.clone(), r.clone()));
            }
        }
        for n in [6, 7, 8, 16, 17, 18] {
            for k in 0..3 {
                let vals: Vec<ValType> = (0..n).map(|i| kinds[(i * 7 + k) % 7]).collect();
                for split in [0, 1, n / 2, n] {
                    types.push(FuncType::new(vals[..split].to_vec(), vals[split..].to_vec()));
                }
            }
        }
        for a in &types {
            for b in &types {
                let (ka, kb) = (TypeKey::of(a), TypeKey::of(b));
                if ka.is_exact() || kb.is_exact() {
                    assert_eq!(ka == kb, a == b, "{a} and {b}");
                }
                let (sa, sb) = (ShortSig::of(Some(ka)).key(), ShortSig::of(Some(kb)).key());
                if let (Some(sa), Some(sb)) = (sa, sb) {
                    assert_eq!(sa == sb, a == b, "{a} and {b}");
                }
            }
        }
        assert!(!TypeKey::of(&FuncType::new([ValType::EXNREF], [])).is_exact());
        assert!(!TypeKey::of(&FuncType::new([ValType::I32; 18], [])).is_exact());
        assert!(TypeKey::of(&FuncType::new([ValType::I32; 16], [ValType::I64])).is_exact());
        // Seven values fit in a symbol's record (the longest signatures of most programs);
        // eight only while the last is an i32.
        let short = |p: &[ValType], r: &[ValType]| ShortSig::of(Some(TypeKey::of(&FuncType::new(p.to_vec(), r.to_vec())))).key();
        assert!(short(&[ValType::EXTERNREF; 6], &[ValType::EXTERNREF]).is_some());
        assert!(short(&[ValType::EXTERNREF; 7], &[ValType::I64]).is_none());
        assert!(short(&[ValType::I32; 8], &[]).is_some());
        assert_eq!(ShortSig::of(None).key(), None);
    }
}
