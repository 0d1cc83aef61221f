//! Relocatable output (`-r`, Linking.md), and `--emit-relocs`: what makes the output an object
//! again. Its symbol
//! table (the `linking` section's, with segment info, constructors and comdats) and a
//! `reloc.*` section for each section whose relocations the final link must apply again.
//!
//! The module itself is written as for any link (bodies and data patched with this link's
//! values); this phase adds the sections after it, from the writer's offsets.

use rustc_hash::FxHashMap;
use wasmparser::SymbolFlags;

use crate::config::{Config, OutputKind};
use crate::gc::Live;
use crate::index::{InCustom, OutDefFunc, OutSegment, PrimaryMap, SecondaryMap};
use crate::input::object::{Reloc, SymKind, SymTarget};
use crate::layout::{Layout, OutFunction};
use crate::leb::{push_str, push_subsection};
use crate::resolve::{Def, FileId, SymbolId, SymbolTable};
use crate::scan::Scan;
use crate::synthetic::Synth;

/// Where the writer put things, in the output's sections.
pub struct Written<'w> {
    /// Section index of the code section, and each function's entry offset in its payload.
    pub code: Option<u32>,
    pub func_offsets: &'w PrimaryMap<OutDefFunc, u64>,
    /// Section index of the data section, and each output segment's bytes in its payload.
    pub data: Option<u32>,
    pub segment_offsets: &'w SecondaryMap<OutSegment, Option<u64>>,
    /// Each custom section by name, with its section index, and each input custom section's
    /// offset inside its output section.
    pub customs: &'w [(&'w str, u32)],
    pub custom_offsets: &'w SecondaryMap<FileId, SecondaryMap<InCustom, Option<u64>>>,
    /// Custom sections whose strings were merged: where each string went.
    pub custom_merged: &'w rustc_hash::FxHashMap<(FileId, InCustom), Vec<(u32, u64)>>,
}

/// One entry of the output's symbol table.
enum Entry {
    /// A symbol of the link (global, local, or a stub).
    Symbol(SymbolId),
    /// An output custom section (what section-offset relocations name).
    Section(u32),
}

/// Symbol kinds and flags as Linking.md numbers them.
const KIND_FUNCTION: u8 = 0;
const KIND_DATA: u8 = 1;
const KIND_GLOBAL: u8 = 2;
const KIND_SECTION: u8 = 3;
const KIND_TAG: u8 = 4;
const KIND_TABLE: u8 = 5;

pub struct Sections {
    pub linking: Vec<u8>,
    /// `reloc.NAME` sections, in the order the sections they patch come.
    pub relocs: Vec<(String, Vec<u8>)>,
}

struct Builder<'w, 'a> {
    config: &'w Config,
    t: &'w SymbolTable<'a>,
    live: &'w Live,
    scan: &'w Scan<'a>,
    l: &'w Layout<'a>,
    w: &'w Written<'w>,
    entries: Vec<Entry>,
    index_of: SecondaryMap<SymbolId, Option<u32>>,
    section_symbol: FxHashMap<&'w str, u32>,
    segment_index: SecondaryMap<OutSegment, Option<u32>>,
    /// The functions a command's export wrapper (`NAME.command_export`) runs (`--emit-relocs`).
    wrapped: rustc_hash::FxHashSet<SymbolId>,
    /// The entry function (`--emit-relocs`).
    entry: Option<SymbolId>,
}

pub fn sections(t: &SymbolTable, live: &Live, scan: &Scan, l: &Layout, w: &Written, config: &Config) -> Sections {
    let mut b = Builder {
        config,
        t,
        live,
        scan,
        l,
        w,
        entries: Vec::new(),
        index_of: SecondaryMap::with_capacity(scan.symbol_count()),
        section_symbol: FxHashMap::default(),
        segment_index: l.memory.data_indexes(),
        wrapped: l
            .funcs
            .defined
            .values()
            .filter_map(|f| match f {
                OutFunction::CommandExport(id) => Some(*id),
                _ => None,
            })
            .collect(),
        entry: config.entry.as_deref().filter(|_| config.kind != OutputKind::Relocatable).and_then(|e| t.find(e)),
    };
    b.symbol_table();
    let linking = b.linking();
    let mut relocs = Vec::new();
    if let Some(code) = w.code {
        let body = b.code_relocs(code);
        if let Some(body) = body {
            relocs.push(("reloc.CODE".to_string(), body));
        }
    }
    if let Some(data) = w.data
        && let Some(body) = b.data_relocs(data)
    {
        relocs.push(("reloc.DATA".to_string(), body));
    }
    // Each name's input sections, in file order, as the writer chose them.
    let plan = crate::write::custom_plan(t, config);
    for &(name, index) in w.customs {
        let inputs = plan.parts.get(name).map_or(&[][..], Vec::as_slice);
        if let Some(body) = b.custom_relocs(inputs, index) {
            relocs.push((format!("reloc.{name}"), body));
        }
    }
    Sections { linking, relocs }
}

impl Builder<'_, '_> {
    /// wasm-ld's order: the link's symbols in its symbol-table order (`lld_symbol_order`),
    /// those objects define or name; the stubs; each file's local symbols; the custom sections.
    fn symbol_table(&mut self) {
        let t = self.t;
        for id in crate::layout::lld_symbol_order(t, self.config) {
            let s = t.sym(id);
            if s.local || s.kind == SymKind::Section {
                continue;
            }
            let wanted = match s.def {
                Def::Defined { .. } => self.live.symbols[id],
                // Live as lld's `referenced` is: always without GC (`-r`), else when live code
                // or data refers to it (`--emit-relocs`). (Each has an import, but for data and
                // a function without a signature, which nothing calls: an undefined symbol must
                // name an import, never index 0.)
                Def::Undefined => {
                    s.used_in_regular_obj
                        && (!self.config.gc_sections || self.live.symbols[id])
                        && (s.kind == SymKind::Data || self.l.place.get(id) != crate::layout::Place::Nowhere)
                }
                // The indirect function table, when an object names it; in `-r` output also
                // when the output's own GOT entries put functions in it (imported).
                Def::Synthetic(Synth::IndirectFunctionTable) => {
                    let relocatable = self.config.kind == OutputKind::Relocatable;
                    (s.used_in_regular_obj || relocatable) && self.l.place.table(id).is_some()
                }
                // (--emit-relocs) What the linker made, when an object or the command line
                // (`--entry`, `--export`, `-u`: lld's `handleUndefined`) names it (a shared
                // library's entry, by default, is `__wasm_call_ctors`), and the globals a PIC
                // module imports, which lld makes as if an object had named them.
                // lld's optional data symbols (`__start_X`, `__data_end`, ...) are referenced as
                // it makes them, after GC.
                Def::Synthetic(synth) => {
                    let optional_data = matches!(synth, Synth::StartStop { .. })
                        || crate::synthetic::lookup(synth).is_some_and(|sd| sd.optional_data());
                    (s.used_in_regular_obj
                        || self.config.entry.as_deref() == Some(s.name)
                        || self.config.names_symbol(s.name)
                        || self.imported_global(id))
                        && (self.live.symbols[id] || optional_data || self.kept_tls_base(synth))
                }
                _ => false,
            };
            if wanted {
                self.add(id);
            }
        }
        for stub in self.scan.stubs.keys() {
            self.add(self.scan.stub_symbol(stub));
        }
        for (file, f) in t.files.iter() {
            if !self.live.files[file] {
                continue;
            }
            for &id in f.symbols.values() {
                let s = t.sym(id);
                if s.local && s.kind != SymKind::Section && self.index_of[id].is_none() && self.local_is_live(id) {
                    self.add(id);
                }
            }
        }
        for &(name, index) in self.w.customs {
            self.section_symbol.insert(name, self.entries.len() as u32);
            self.entries.push(Entry::Section(index));
        }
    }

    /// Whether `synth` is `__tls_base` kept with threads though no live code names it (lld
    /// keeps it wherever `__wasm_init_memory` sets it: see the layout's globals).
    fn kept_tls_base(&self, synth: Synth) -> bool {
        synth == Synth::TlsBase && self.l.globals.synthetic.contains_key(&Synth::TlsBase)
    }

    /// Whether a linker-made symbol is a global the loader provides (a PIC module's
    /// `__memory_base`, `__table_base`, `__stack_pointer`).
    fn imported_global(&self, id: SymbolId) -> bool {
        self.l.place.global(id).is_some_and(|g| self.l.globals.space.defined(g).is_none())
    }

    fn add(&mut self, id: SymbolId) {
        self.index_of[id] = Some(self.entries.len() as u32);
        self.entries.push(Entry::Symbol(id));
    }

    /// A local symbol is kept when what it names is (its comdat won).
    fn local_is_live(&self, id: SymbolId) -> bool {
        let p = &self.l.place;
        match self.t.sym(id).kind {
            SymKind::Function => p.own_func(id).is_some(),
            SymKind::Global => p.global(id).is_some(),
            SymKind::Table => p.table(id).is_some(),
            SymKind::Tag => p.tag(id).is_some(),
            SymKind::Data => self.data_place(id).is_some() || self.live.symbols[id],
            SymKind::Section => false,
        }
    }

    /// A defined data symbol's output segment (its index among the written ones), offset in
    /// it, and size.
    fn data_place(&self, id: SymbolId) -> Option<(u32, u64, u64)> {
        let (file, sym) = self.t.def_symbol(id)?;
        let SymTarget::Data(Some(d)) = sym.target else { return None };
        let (seg, off) = self.l.memory.offset_in(file, d.segment, d.offset as u64)?;
        Some((self.segment_index[seg]?, off, d.size as u64))
    }

    fn linking(&self) -> Vec<u8> {
        let mut out = Vec::new();
        crate::leb::push_u64(&mut out, 2);
        if !self.entries.is_empty() {
            let mut sub = Vec::new();
            crate::leb::push_u64(&mut sub, self.entries.len() as u64);
            for e in &self.entries {
                self.symbol_entry(&mut sub, e);
            }
            push_subsection(&mut out, 8, &sub);
        }
        let m = &self.l.memory;
        let written: Vec<_> = m.segments.values().filter(|s| m.segment_written(s)).collect();
        if !written.is_empty() {
            let mut sub = Vec::new();
            crate::leb::push_u64(&mut sub, written.len() as u64);
            for s in &written {
                push_str(&mut sub, s.name);
                crate::leb::push_u64(&mut sub, s.align_log2 as u64);
                crate::leb::push_u64(&mut sub, s.flags as u64);
            }
            push_subsection(&mut out, 5, &sub);
        }
        let mut inits: Vec<(u32, u32)> = Vec::new();
        for (file, f) in self.t.files.iter() {
            if !self.live.files[file] {
                continue;
            }
            for (priority, sym) in f.init_funcs() {
                // (What the entry calls: a signature-mismatch stub for a lost weak definition.)
                if let Some(index) = self.index_of[self.scan.symbol(self.t, file, sym)] {
                    inits.push((priority, index));
                }
            }
        }
        inits.sort_by_key(|&(priority, _)| priority);
        if !inits.is_empty() {
            let mut sub = Vec::new();
            crate::leb::push_u64(&mut sub, inits.len() as u64);
            for (priority, index) in inits {
                crate::leb::push_u64(&mut sub, priority as u64);
                crate::leb::push_u64(&mut sub, index as u64);
            }
            push_subsection(&mut out, 6, &sub);
        }
        // Comdats by name: their functions, then their data segments.
        let mut comdats: std::collections::BTreeMap<&str, Vec<(u8, u32)>> = Default::default();
        for (d, f) in self.l.funcs.defined.iter() {
            if let OutFunction::Input { file, index } = *f {
                let o = &self.t.file(file).obj;
                if let Some(c) = o.functions[index].comdat {
                    comdats.entry(o.comdats[c as usize]).or_default().push((1, self.l.funcs.space.index(d).as_u32()));
                }
            }
        }
        for (i, s) in written.iter().enumerate() {
            if let Some(&(file, si, _)) = s.parts.first() {
                let o = &self.t.file(file).obj;
                if let Some(c) = o.segments[si].comdat {
                    comdats.entry(o.comdats[c as usize]).or_default().push((0, i as u32));
                }
            }
        }
        if !comdats.is_empty() {
            let mut sub = Vec::new();
            crate::leb::push_u64(&mut sub, comdats.len() as u64);
            for (comdat, members) in comdats {
                push_str(&mut sub, comdat);
                crate::leb::push_u64(&mut sub, 0);
                crate::leb::push_u64(&mut sub, members.len() as u64);
                for (kind, index) in members {
                    sub.push(kind);
                    crate::leb::push_u64(&mut sub, index as u64);
                }
            }
            push_subsection(&mut out, 7, &sub);
        }
        out
    }

    fn symbol_entry(&self, out: &mut Vec<u8>, e: &Entry) {
        let id = match *e {
            Entry::Section(index) => {
                out.push(KIND_SECTION);
                crate::leb::push_u64(out, SymbolFlags::BINDING_LOCAL.bits() as u64);
                crate::leb::push_u64(out, index as u64);
                return;
            }
            Entry::Symbol(id) => id,
        };
        let p = &self.l.place;
        if let Some((_, stub)) = self.scan.stub(id) {
            out.push(KIND_FUNCTION);
            crate::leb::push_u64(out, SymbolFlags::BINDING_LOCAL.bits() as u64);
            crate::leb::push_u64(out, p.func(id).map_or(0, |f| f.as_u32()) as u64);
            push_str(out, &stub.function_name(self.config));
            return;
        }
        let s = self.t.sym(id);
        let defined_entry = self.entry == Some(id) && s.is_defined();
        let mut flags = s.flags;
        // Undefined as resolution left it, whatever flags it came with (an archive's offer
        // that its own member's lost comdat left undefined has a definition's).
        flags.set(SymbolFlags::UNDEFINED, s.def == Def::Undefined);
        match s.def {
            // Imported here: the final link makes it.
            // (As the first object to name it has it; where none does, as lld makes it: hidden
            // unless exported.)
            Def::Synthetic(Synth::IndirectFunctionTable) if self.l.tables.space.defined(self.l.place.table(id).unwrap_or_default()).is_none() => {
                let named = s.first_ref.map(|(file, sym)| self.t.file(file).obj.symbols[sym].flags);
                flags = match named {
                    Some(flags) => flags,
                    None if self.config.export_table => SymbolFlags::empty(),
                    None => SymbolFlags::VISIBILITY_HIDDEN,
                } | SymbolFlags::UNDEFINED;
            }
            // A global the loader provides (a PIC module's `__memory_base`, `__stack_pointer`):
            // lld's undefined global, named by its import.
            Def::Synthetic(_) if self.imported_global(id) => {
                flags = SymbolFlags::UNDEFINED;
            }
            // A linker-made address is absolute.
            Def::Synthetic(_) if s.kind == SymKind::Data => flags |= SymbolFlags::ABSOLUTE,
            _ => {}
        }
        // The entry is visible, whatever its definition says (as lld leaves it); a command's
        // wrapped export is no longer exported but hidden: its wrapper is the export (lld's
        // `createCommandExportWrappers` moves the flags).
        if defined_entry {
            flags.remove(SymbolFlags::VISIBILITY_HIDDEN);
        }
        if self.wrapped.contains(&id) {
            flags.remove(SymbolFlags::EXPORTED);
            flags.insert(SymbolFlags::VISIBILITY_HIDDEN);
        }
        let defined = !flags.contains(SymbolFlags::UNDEFINED);
        let named = defined || flags.contains(SymbolFlags::EXPLICIT_NAME);
        let (kind, index) = match s.kind {
            SymKind::Function => (KIND_FUNCTION, if defined { p.own_func(id) } else { p.func(id) }.map(|f| f.as_u32())),
            SymKind::Global => (KIND_GLOBAL, p.global(id).map(|g| g.as_u32())),
            SymKind::Table => (KIND_TABLE, p.table(id).map(|g| g.as_u32())),
            SymKind::Tag => (KIND_TAG, p.tag(id).map(|g| g.as_u32())),
            SymKind::Data => {
                out.push(KIND_DATA);
                crate::leb::push_u64(out, flags.bits() as u64);
                push_str(out, s.name);
                if defined {
                    let (seg, offset, size) = match self.data_place(id) {
                        Some(place) => place,
                        // An absolute symbol: its address.
                        None => (0, p.addr(id).unwrap_or(0), 0),
                    };
                    crate::leb::push_u64(out, seg as u64);
                    crate::leb::push_u64(out, offset);
                    crate::leb::push_u64(out, size);
                }
                return;
            }
            SymKind::Section => unreachable!("section symbols are not entries"),
        };
        out.push(kind);
        crate::leb::push_u64(out, flags.bits() as u64);
        crate::leb::push_u64(out, index.unwrap_or(0) as u64);
        if named {
            push_str(out, s.name);
        }
    }

    /// The relocation as the output's symbol table and sections number it.
    fn entry(&self, out: &mut Vec<u8>, file: FileId, r: &Reloc, offset: u64) -> bool {
        let (index, addend) = match r.symbol_ref() {
            None => {
                let ty = r.type_index().expect("a type relocation");
                (self.l.types.of_input(file, ty).map(|t| t.as_u32()), r.addend)
            }
            Some(local) => {
                let o = &self.t.file(file).obj;
                match o.symbols[local].target {
                    // Offsets into a custom section: into the output section now.
                    SymTarget::Section(sec) => {
                        let Some(ci) = o.custom_by_section(sec) else { return false };
                        let c = &o.customs[ci];
                        let at = match self.w.custom_merged.get(&(file, ci)) {
                            Some(pieces) => crate::merge::translate(pieces, r.addend.max(0) as u64).unwrap_or(0) as i64,
                            None => self.w.custom_offsets[file][ci].unwrap_or(0) as i64 + r.addend,
                        };
                        (self.section_symbol.get(c.name).copied(), at)
                    }
                    _ => (self.index_of[self.scan.symbol(self.t, file, local)], r.addend),
                }
            }
        };
        let Some(index) = index else { return false };
        crate::leb::push_u64(out, r.ty as u64);
        crate::leb::push_u64(out, offset);
        crate::leb::push_u64(out, index as u64);
        if crate::reloc::has_addend(r.target) {
            crate::leb::push_s64(out, addend);
        }
        true
    }

    fn section(&self, target: u32, relocs: impl Iterator<Item = (FileId, u64, Reloc)>) -> Option<Vec<u8>> {
        let mut entries = Vec::new();
        let mut count = 0u64;
        for (file, base, r) in relocs {
            if self.entry(&mut entries, file, &r, base + r.offset as u64) {
                count += 1;
            }
        }
        if count == 0 {
            return None;
        }
        let mut out = Vec::new();
        crate::leb::push_u64(&mut out, target as u64);
        crate::leb::push_u64(&mut out, count);
        out.extend_from_slice(&entries);
        Some(out)
    }

    fn code_relocs(&self, index: u32) -> Option<Vec<u8>> {
        let (t, l) = (self.t, self.l);
        let relocs = l.funcs.defined.iter().flat_map(|(d, f)| {
            let OutFunction::Input { file, index } = *f else { return None.into_iter().flatten() };
            let relocs = t.file(file).obj.function_relocs(index);
            let base = self.w.func_offsets[d];
            Some(relocs.iter().map(move |&r| (file, base, r))).into_iter().flatten()
        });
        self.section(index, relocs)
    }

    fn data_relocs(&self, index: u32) -> Option<Vec<u8>> {
        let (t, m) = (self.t, &self.l.memory);
        let relocs = m.segments.iter().flat_map(|(oi, s)| {
            let start = self.w.segment_offsets[oi];
            s.parts.iter().filter(move |_| start.is_some()).flat_map(move |&(file, si, off)| {
                let base = start.unwrap_or(0) + off;
                t.file(file).obj.segment_relocs(si).iter().map(move |&r| (file, base, r))
            })
        });
        self.section(index, relocs)
    }

    /// The relocations of one output custom section, from its `inputs` (file, section, length).
    fn custom_relocs(&self, inputs: &[crate::write::CustomPart], index: u32) -> Option<Vec<u8>> {
        let t = self.t;
        // Only sections that were written (have a base): writing them reported any malformed
        // relocation.
        let written = inputs.iter().filter_map(|p| Some((p.file, p.section, self.w.custom_offsets[p.file][p.section]?)));
        let relocs = written.flat_map(move |(file, ci, base)| {
            let o = &t.file(file).obj;
            o.custom_relocs(&o.customs[ci]).map(move |r| (file, base, r))
        });
        self.section(index, relocs)
    }
}

