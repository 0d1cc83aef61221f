//! Write phase: emit the module. Function bodies, data and custom sections are
//! copied raw and their relocation sites patched in place; everything else is
//! encoded with wasm-encoder. Every section's size is known before the module's
//! one buffer is made, so the big parts (code, debug information) are copied
//! straight into it, in parallel. The result is validated before it is returned.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};
use wasm_encoder::{
    ConstExpr, CustomSection, DataSection, ElementSection, Elements, EntityType,
    ExportKind as EK, ExportSection, FunctionSection, GlobalSection, ImportSection,
    MemorySection, MemoryType, ProducersField, ProducersSection,
    RawSection, TableSection, TagKind, TagSection, TagType, TypeSection,
};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::features::Features;
use crate::gc::Live;
use crate::index::{EntityRef, InCustom, OutDefFunc, PrimaryMap, SecondaryMap};
use crate::input::object::{Reloc, SymKind, SymTarget};
use crate::layout::{ExportTarget, GlobalInit, ImportKind, Layout, OutFunction};
use crate::reloc::{self, Target};
use crate::resolve::{FileId, SymbolTable};
use crate::scan::Scan;
use crate::synth::Bodies;
use crate::synthetic::{self, Synth};

/// Where a chunk being patched sits, for the relocations that need it.
enum Site {
    Code,
    /// Virtual address of the chunk start.
    Data(u64),
    /// A custom (debug) section: dead targets become this tombstone.
    Custom(u64),
}

/// What the writer reads: every earlier phase's output.
pub struct Inputs<'w, 'a> {
    pub symbols: &'w SymbolTable<'a>,
    pub live: &'w Live,
    pub features: &'w Features,
    pub scan: &'w Scan<'a>,
    pub layout: &'w Layout<'a>,
    pub bodies: &'w Bodies,
    /// Where the module goes, perhaps made ready already (`prepare`).
    pub memory: &'w mut dyn ModuleMemory,
}

/// Memory for the output module: the writer puts the module in it, in place, and validates it
/// there. A vector by default; the native command hands over a map of its output file instead,
/// so that the module is written once, into the file's pages, rather than made in memory and
/// copied out (a debug build of a big Rust program is 200 MB).
pub trait ModuleMemory: Send {
    /// Makes the module `len` bytes long, keeping the bytes written so far (through its
    /// `ModuleFile` too, even past the old length); new bytes no one wrote are zero.
    fn resize(&mut self, len: usize) -> Result<(), String>;
    /// The module's bytes, as many as last resized to.
    fn bytes(&mut self) -> &mut [u8];
    /// The file behind this memory, when bytes can be put there without passing through the
    /// process (see `ModuleFile`); `None`, the default, when the writer writes everything here.
    fn file(&self) -> Option<std::sync::Arc<dyn ModuleFile>> {
        None
    }
    /// Makes the pages of `range` (within the module's length), which the writer is about to
    /// write, ready in one go, where that costs less than a fault on each page (a mapped file:
    /// `MADV_POPULATE_WRITE`). Only where the link runs on one thread: with more, another thread
    /// touches the pages while GC, the scan and the layout run. By default, nothing.
    fn prefault(&mut self, _range: std::ops::Range<usize>) {}
}

/// The file a `ModuleMemory` maps, written without the map, so that what is written that way
/// never becomes the process's memory: neither the module's pages nor, for bytes copied from
/// an input, the input's (natively, `copy_file_range` from an input file into the output file,
/// and `pwrite`; under WASI, where nothing is mapped, a positioned write of the input's bytes
/// from where they were read, the module's memory left untouched there). The writer hands it
/// the parts of custom sections that go out as they came in
/// (a debug build's `.debug_str` at `-O0`, nearly half of its module, is one) and the sections
/// it makes last (the name section is a tenth). Those bytes are not written through
/// `ModuleMemory::bytes`, and only the sections' headers are read there before the module is
/// validated (but for `--build-id`, which reads all of it).
pub trait ModuleFile: Send + Sync {
    /// Copies `bytes`, which lie in one of the inputs the link was given, to offset `at` of the
    /// module; false when it did not (the writer then copies them itself, else it never writes
    /// them through `ModuleMemory::bytes`).
    fn copy_input(&self, bytes: &[u8], at: usize) -> bool;
    /// Writes `bytes` at offset `at` of the module; false when it did not (likewise).
    fn write(&self, bytes: &[u8], at: usize) -> bool;
}

impl ModuleMemory for Vec<u8> {
    fn resize(&mut self, len: usize) -> Result<(), String> {
        if self.capacity() == 0 && cfg!(target_pointer_width = "64") {
            // Fresh zeroed memory from the allocator (the kernel's zero pages), not written.
            *self = vec![0; len];
        } else {
            // (In a 32-bit address space, as the component's, a module may not fit: that is an
            // error, not an abort.)
            self.try_reserve_exact(len.saturating_sub(self.len()))
                .map_err(|_| format!("{len} bytes do not fit in memory"))?;
            Vec::resize(self, len, 0);
        }
        Ok(())
    }

    fn bytes(&mut self) -> &mut [u8] {
        self
    }
}

/// About how big the module will be, at most: the code, data and debug information of every
/// file the link loaded (made before GC, so that the output's memory is made ready while GC
/// runs; what GC removes is only memory touched for nothing).
fn estimate_size(t: &SymbolTable, config: &Config, customs: bool) -> usize {
    let customs = customs && !(config.strip_debug || config.strip_all);
    let mut size = 1 << 16;
    for f in t.files.values() {
        size += f.obj.functions.values().map(|func| func.entry.len()).sum::<usize>();
        size += f.obj.segments.values().map(|s| s.data.len()).sum::<usize>();
        if customs {
            size += f.obj.customs.values().map(|c| c.data.len()).sum::<usize>();
        }
    }
    size
}

/// The custom sections the output will have, by name in order of first appearance, each with
/// its inputs' parts (file, section, length) in file order: every loaded object's, as wasm-ld's,
/// even one none of whose code survives GC (a section such as wit-bindgen's `component-type`
/// often sits in an object like that); not those of a comdat another file won, nor what
/// `--strip-debug` and `--strip-all` drop.
pub(crate) struct CustomPlan<'a> {
    pub names: Vec<&'a str>,
    pub parts: FxHashMap<&'a str, Vec<CustomPart>>,
}

/// One input's part of an output custom section: its `len` bytes at `offset` in the section's
/// contents (zeroes between parts where `custom_part_align` pads them).
#[derive(Clone, Copy)]
pub(crate) struct CustomPart {
    pub file: FileId,
    pub section: InCustom,
    pub offset: usize,
    pub len: usize,
}

impl CustomPart {
    fn end(&self) -> usize {
        self.offset + self.len
    }
}

/// The alignment of each input's part of custom section `name`: LLVM's coverage records are
/// read as 8-byte aligned (LLD 21 pads them; wasm-ld 19 did not, and llvm-cov could not read
/// its output), other custom sections are packed.
fn custom_part_align(name: &str) -> usize {
    if matches!(name, "__llvm_covfun" | "__llvm_covmap") { 8 } else { 1 }
}

pub(crate) fn custom_plan<'a>(t: &SymbolTable<'a>, config: &Config) -> CustomPlan<'a> {
    let strip_debug = config.strip_debug || config.strip_all;
    let mut names: Vec<&str> = Vec::new();
    let mut parts: FxHashMap<&str, Vec<CustomPart>> = FxHashMap::default();
    for (file, f) in t.files.iter() {
        for (ci, c) in f.obj.customs.iter().filter(|(_, c)| f.kept(c.comdat)) {
            let keep = config.keep_sections.contains(c.name);
            if !keep && (strip_debug && c.name.starts_with(".debug_") || config.strip_all) {
                continue;
            }
            let list = parts.entry(c.name).or_insert_with(|| {
                names.push(c.name);
                Vec::new()
            });
            let offset = list.last().map_or(0, CustomPart::end).next_multiple_of(custom_part_align(c.name));
            list.push(CustomPart { file, section: ci, offset, len: c.data.len() });
        }
    }
    CustomPlan { names, parts }
}

/// Whether custom section `name` (made of `inputs`) has its strings merged, as wasm-ld merges
/// the debug strings at -O1, its default, and above.
fn merges_strings(t: &SymbolTable, config: &Config, name: &str, inputs: &[CustomPart]) -> bool {
    config.optimize > 0
        && matches!(name, ".debug_str" | ".debug_str.dwo" | ".debug_line_str")
        && inputs.iter().all(|p| {
            let c = &t.file(p.file).obj.customs[p.section];
            crate::merge::mergeable(c.data) && c.relocs.is_empty()
        })
}

/// The least length of a custom section's part that a `ModuleFile` is handed: smaller parts
/// are cheaper copied here, and hardly count as memory.
const COPY_AT_LEAST: usize = 64 << 10;

/// Whether the writer hands part `c` of a custom section to a `ModuleFile`: when it goes
/// out as it came in.
fn copied_as_is(c: &crate::input::object::CustomSection) -> bool {
    c.relocs.is_empty() && c.data.len() >= COPY_AT_LEAST
}

/// What of the output's memory is made ready ahead of the write (`prepare_during_gc`,
/// `prepare_after_gc`), decided before GC.
pub struct Readiness {
    /// About how big the module will be, at most (see `estimate_size`).
    estimate: usize,
    /// Where a `ModuleFile` is to put the custom sections' unpatched parts in place: how long
    /// the custom sections are, and the stretches of them the writer writes itself (headers,
    /// parts to patch, small parts), as offsets from the first one's start. Where they start
    /// is known once GC has run (`head_estimate`).
    customs: Option<(usize, Vec<std::ops::Range<usize>>)>,
    /// How much of the module's start may be made ready before GC has run: all of it, or, with
    /// `customs`, half of what the code and data may be (GC rarely removes half of a program's).
    early: usize,
}

impl Readiness {
    /// `file`: whether the memory has a `ModuleFile`. The custom sections' stretches are
    /// known now, before GC, since they do not depend on it; not when strings are merged, which
    /// changes their lengths (the whole memory is then made ready, as without a file).
    pub fn new(t: &SymbolTable, config: &Config, file: bool) -> Readiness {
        let estimate = estimate_size(t, config, true);
        let everything = Readiness { estimate, customs: None, early: estimate };
        if !file || !crate::par::parallel() {
            return everything;
        }
        let plan = custom_plan(t, config);
        if plan.names.iter().any(|name| merges_strings(t, config, name, &plan.parts[name])) {
            return everything;
        }
        let mut written: Vec<std::ops::Range<usize>> = Vec::new();
        let mut write = |r: std::ops::Range<usize>| match written.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => written.push(r),
        };
        let (mut at, mut copied) = (0, 0);
        for name in &plan.names {
            let inputs = &plan.parts[name];
            let parts_len = inputs.last().map_or(0, CustomPart::end);
            let header = section_header(0, &custom_prefix(name), parts_len).len();
            write(at..at + header);
            at += header;
            let contents = at;
            for &CustomPart { file, section, offset, len } in inputs {
                // (Padding before a part is written as zeroes.)
                if contents + offset > at {
                    write(at..contents + offset);
                    at = contents + offset;
                }
                if copied_as_is(&t.file(file).obj.customs[section]) {
                    copied += len;
                } else {
                    write(at..at + len);
                }
                at += len;
            }
        }
        if copied == 0 {
            return everything;
        }
        Readiness { estimate, customs: Some((at, written)), early: estimate_size(t, config, false) / 2 }
    }

    /// Whether `prepare_after_gc` is to be told where the custom sections start.
    pub fn needs_head(&self) -> bool {
        self.customs.is_some()
    }
}

/// About how long the module is up to its custom sections, once GC has run: its live code and
/// data, with room for the sections before them. Where the custom sections will start, for
/// `prepare_after_gc` (off by a little either way, it only moves a few pages' faults).
pub fn head_estimate(t: &SymbolTable, live: &Live) -> usize {
    let mut size = 1 << 16;
    for (file, f) in t.files.iter() {
        let funcs = f.obj.functions.iter().filter(|(i, _)| live.functions[file].get(*i).copied().unwrap_or(false));
        // (Each function's type index in the function section, and its table slot, besides.)
        size += funcs.map(|(_, func)| func.entry.len() + 2).sum::<usize>();
        let segments = live.segments_of(file).map(|s| &f.obj.segments[s]);
        // (Zeroes in `.bss` are mostly not written.)
        size += segments.filter(|s| !s.name.starts_with(".bss")).map(|s| s.data.len()).sum::<usize>();
    }
    size
}

/// Writes a zero into each page `piece` overlaps: a fresh page costs a fault when first
/// written, and the module's writers would otherwise take them all.
fn touch(piece: &mut [u8]) {
    if let Some(first) = piece.first_mut() {
        *first = std::hint::black_box(0);
    }
    for at in (piece.as_ptr().align_offset(4096)..piece.len()).step_by(4096) {
        piece[at] = std::hint::black_box(0);
    }
}

/// Makes the output's memory about as long as the module will be and its first pages ready
/// (`touch`) while GC runs, until `gc_done` (natively this runs beside GC, and the rest beside
/// the scan and the layout: a debug link's 200 MB take longer than its GC): how far it got.
/// With a `ModuleFile`, only the start of the code, of which GC leaves most.
pub fn prepare_during_gc(memory: &mut dyn ModuleMemory, ready: &Readiness, gc_done: &std::sync::atomic::AtomicBool) -> usize {
    if !crate::par::parallel() || memory.resize(ready.estimate).is_err() {
        // (In order, the faults would only be taken earlier, for pages perhaps never used.)
        return 0;
    }
    let bytes = memory.bytes();
    let (end, mut at) = (ready.early.min(bytes.len()), 0);
    while at < end && !gc_done.load(std::sync::atomic::Ordering::Relaxed) {
        let next = (at + (1 << 20)).min(end);
        touch(&mut bytes[at..next]);
        at = next;
    }
    at
}

/// Makes the rest of the output's memory ready, from `from` (`prepare_during_gc`), in pieces
/// that the scan's and layout's thread takes too when it waits. With a `ModuleFile` the pages it
/// is to fill are left alone (making them the process's memory for nothing): `head` says where
/// the custom sections start (`head_estimate`). A failure is left for the writer to meet.
pub fn prepare_after_gc(memory: &mut dyn ModuleMemory, ready: &Readiness, from: usize, head: Option<usize>) {
    if !crate::par::parallel() {
        return;
    }
    let (Some((customs_len, written)), Some(head)) = (&ready.customs, head) else {
        if memory.resize(ready.estimate).is_ok() {
            crate::par::for_each_piece(memory.bytes().get_mut(from..).unwrap_or_default(), 4 << 20, touch);
        }
        return;
    };
    if memory.resize(ready.estimate.max(head + customs_len)).is_err() {
        return;
    }
    let bytes = memory.bytes();
    let (head_bytes, customs) = bytes.split_at_mut(head);
    crate::par::for_each_piece(head_bytes.get_mut(from..).unwrap_or_default(), 4 << 20, touch);
    for r in written {
        if let Some(stretch) = customs.get_mut(r.clone()) {
            crate::par::for_each_piece(stretch, 4 << 20, touch);
        }
    }
}

/// What filling one piece of the output found: relocation problems, and the function body's
/// fault when it does not validate. Boxed, and only where there is something: a debug link
/// fills hundreds of thousands of pieces, nearly all without a problem.
struct Problems {
    diags: Vec<Diagnostic>,
    invalid: Option<wasmparser::BinaryReaderError>,
}

struct Writer<'w, 'a> {
    t: &'w SymbolTable<'a>,
    live: &'w Live,
    scan: &'w Scan<'a>,
    l: &'w Layout<'a>,
    config: &'w Config,
    /// Output offset of each defined function's entry in the code section
    /// payload.
    func_offsets: PrimaryMap<OutDefFunc, u64>,
    /// Where each defined function's body starts, past its size, in the code section payload:
    /// what FUNCTION_OFFSET relocations in debug information point at, found once here rather
    /// than by reading the input's code for each of them (the entry's start for the linker's
    /// own functions, which no debug information names).
    body_offsets: PrimaryMap<OutDefFunc, u64>,
    /// Per file, per custom section: offset inside its output section
    /// (`None` when stripped or in a comdat another file won).
    custom_offsets: SecondaryMap<FileId, SecondaryMap<InCustom, Option<u64>>>,
    /// Custom sections whose strings were merged: where each string went.
    custom_merged: FxHashMap<(FileId, InCustom), Vec<(u32, u64)>>,
    /// Where the custom sections' parts that need no patching are copied (`ModuleMemory::file`).
    file: Option<std::sync::Arc<dyn ModuleFile>>,
}

impl<'w, 'a> Writer<'w, 'a> {
    /// A writer with nothing placed yet.
    fn new(t: &'w SymbolTable<'a>, live: &'w Live, scan: &'w Scan<'a>, l: &'w Layout<'a>, config: &'w Config) -> Self {
        Writer {
            t,
            live,
            scan,
            l,
            config,
            func_offsets: PrimaryMap::new(),
            body_offsets: PrimaryMap::new(),
            custom_offsets: SecondaryMap::new(),
            custom_merged: FxHashMap::default(),
            file: None,
        }
    }
}

impl<'w> Writer<'w, '_> {
    /// Fills one job's slice: a function's entry or an input's part of a custom section, copied,
    /// then patched; the problems its relocations have.
    fn fill(
        &self,
        job: Job,
        entry: &dyn Fn(OutDefFunc) -> &'w [u8],
        check: Option<&BodyCheck>,
        allocs: &mut wasmparser::FuncValidatorAllocations,
    ) -> Option<Box<Problems>> {
        let mut local = Diagnostics::default();
        let mut invalid = None;
        match job {
            Job::Func(i, out, at) => {
                out.copy_from_slice(entry(i));
                if let OutFunction::Input { file, index } = self.l.funcs.defined[i] {
                    let o = &self.t.file(file).obj;
                    let at = o.code_offset + o.functions[index].section_offset as u64;
                    self.apply(out, file, o.function_relocs(index).iter().copied(), Site::Code, at, &mut local);
                }
                if let Some(check) = check {
                    let body_at = crate::leb::prefix_len(out);
                    let body = wasmparser::FunctionBody::new(wasmparser::BinaryReader::new(&out[body_at..], (at + body_at) as u64));
                    let mut v = check.function(i, self.l).into_validator(std::mem::take(allocs));
                    invalid = v.validate(&body).err();
                    *allocs = v.into_allocations();
                }
            }
            Job::Custom(file, ci, out, at) => {
                let f = self.t.file(file);
                let c = &f.obj.customs[ci];
                if copied_as_is(c) && self.file.as_ref().is_some_and(|file| file.copy_input(c.data, at)) {
                    return None;
                }
                out.copy_from_slice(c.data);
                if !c.relocs.is_empty() {
                    // Checked here, as they are decoded (`Object::custom_relocs`).
                    let mut relocs = f.obj.custom_relocs(c);
                    self.apply(out, file, &mut relocs, Site::Custom(tombstone(c.name)), c.file_offset, &mut local);
                    if let Some((at, msg)) = relocs.problem() {
                        local.push(f.error_at(at, &msg));
                    }
                }
            }
        }
        (!local.list.is_empty() || invalid.is_some()).then(|| Box::new(Problems { diags: local.list, invalid }))
    }

    /// Where an input custom section is in its output section.
    fn section_place(&self, file: FileId, ci: InCustom) -> SectionPlace<'_> {
        match self.custom_merged.get(&(file, ci)) {
            Some(pieces) => SectionPlace::Merged(pieces),
            None => SectionPlace::At(self.custom_offsets[file][ci].unwrap_or(0)),
        }
    }
}

/// Where a section symbol's section is in the output, to which a relocation adds its addend.
#[derive(Clone, Copy)]
enum SectionPlace<'w> {
    /// Not a custom section (the code or the data): the addend is the value.
    Unplaced,
    /// At this offset of its output section.
    At(u64),
    /// Merged: where each of its pieces went.
    Merged(&'w [(u32, u64)]),
}

impl SectionPlace<'_> {
    fn offset(self, addend: i64) -> i64 {
        match self {
            SectionPlace::Unplaced => addend,
            SectionPlace::At(at) => (at as i64).wrapping_add(addend),
            SectionPlace::Merged(pieces) => crate::merge::translate(pieces, addend.max(0) as u64).unwrap_or(0) as i64,
        }
    }
}

/// The places of the first few section symbols one chunk's relocations name: a debug
/// section's relocations name the same few sections (`.debug_str`, `.debug_line`, ...)
/// hundreds of thousands of times in a debug build, each found once. (Only the first few: each
/// lookup searches them, and a crafted object could name thousands; the others are looked up
/// each time, in `Object::custom_by_section`'s table.)
#[derive(Default)]
struct SectionPlaces<'w>(Vec<(crate::index::InSymbol, SectionPlace<'w>)>);

impl<'w> SectionPlaces<'w> {
    const MOST: usize = 8;

    fn remember(&mut self, local: crate::index::InSymbol, place: SectionPlace<'w>) {
        if self.0.len() < Self::MOST {
            self.0.push((local, place));
        }
    }

    /// The value of a section offset relocation whose symbol's place is known already.
    #[inline]
    fn value(&self, rel: &Reloc) -> Option<i64> {
        if rel.target != Target::SectionOffset {
            return None;
        }
        let local = rel.symbol_ref()?;
        self.0.iter().find(|(s, _)| *s == local).map(|(_, place)| place.offset(rel.addend))
    }
}

/// The tail, between its maker and the head's writer (`run`). Where the memory has a file (and
/// no build id is to be computed over the module), whichever of the two comes second writes
/// the tail there, after the head: it is not held, nor its pages touched, while the head is
/// filled (a debug link's name section is 20 MB).
enum TailSlot {
    /// Neither has come.
    Waiting,
    /// The tail is made; the head's length is not known yet, or it cannot go to the file.
    Made(Vec<u8>),
    /// The head's length, and the file to write the tail to.
    HeadAt(usize, std::sync::Arc<dyn ModuleFile>),
    /// The tail is in the file: its length.
    Written(usize),
}

impl TailSlot {
    /// The tail's length, once known.
    fn len(&self) -> Option<usize> {
        match self {
            TailSlot::Made(tail) => Some(tail.len()),
            TailSlot::Written(len) => Some(*len),
            TailSlot::Waiting | TailSlot::HeadAt(..) => None,
        }
    }

    /// The tail is made.
    fn made(&mut self, tail: Vec<u8>) {
        *self = match std::mem::replace(self, TailSlot::Waiting) {
            TailSlot::HeadAt(at, file) if file.write(&tail, at) => TailSlot::Written(tail.len()),
            _ => TailSlot::Made(tail),
        };
    }

    /// The head is `at` bytes long, and the memory sized for the tail if `len` knew it: the
    /// tail, if it is made, for the head's writer to write to `file` (beside its own work) and
    /// put back (`written`).
    fn head(&mut self, at: usize, file: Option<std::sync::Arc<dyn ModuleFile>>) -> Option<(Vec<u8>, std::sync::Arc<dyn ModuleFile>)> {
        let file = file?;
        match std::mem::replace(self, TailSlot::Waiting) {
            TailSlot::Made(tail) => Some((tail, file)),
            TailSlot::Waiting => {
                *self = TailSlot::HeadAt(at, file);
                None
            }
            other => {
                *self = other;
                None
            }
        }
    }

    /// What became of a tail that `head` handed out to be written at `at`.
    fn written((tail, file): (Vec<u8>, std::sync::Arc<dyn ModuleFile>), at: usize) -> TailSlot {
        if file.write(&tail, at) { TailSlot::Written(tail.len()) } else { TailSlot::Made(tail) }
    }
}

/// Writes the module into `inputs.memory`, and validates it there. The tail (the name section,
/// producers, features and build id) depends on nothing the rest of the writing decides: it is
/// made on another thread while the rest is planned and filled (in order, first, so that the
/// memory is sized once, tail included; see `TailSlot` for where it goes).
pub fn run(inputs: Inputs, config: &Config, diags: &mut Diagnostics) {
    let Inputs { symbols: t, live, features, scan, layout: l, bodies, memory } = inputs;
    let reader = Writer::new(t, live, scan, l, config);
    let tail = std::sync::Mutex::new(TailSlot::Waiting);
    let slot = || tail.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_, head) = crate::par::join(
        || {
            let made = tail_sections(&reader, features, config);
            slot().made(made);
        },
        || write_head(Inputs { symbols: t, live, features, scan, layout: l, bodies, memory: &mut *memory }, config, diags, &slot),
    );
    let Some(Head { len: head_len, checked, first_invalid }) = head else { return };
    let tail = std::mem::replace(&mut *slot(), TailSlot::Waiting);
    if let Err(e) = memory.resize(head_len + tail.len().unwrap_or(0)) {
        diags.push(Diagnostic::error(format!("cannot make room for the output: {e}")));
        return;
    }
    let bytes = memory.bytes();
    if let TailSlot::Made(tail) = tail {
        bytes[head_len..].copy_from_slice(&tail);
    }
    fill_build_id(bytes, &config.build_id);
    let valid = match (checked, first_invalid) {
        (Some(_), Some(e)) => Err(e),
        (Some((validator, _)), None) => validate_after_code(validator, bytes),
        (None, _) => validate(bytes),
    };
    if let Err(e) = valid {
        diags.push(blame_invalid_output(bytes, e.offset(), e.message(), t, l));
    }
}

/// What `write_head` leaves for the end: the length of the module without its tail, the
/// validator past the code section (when the head was valid), and the first invalid body.
struct Head {
    len: usize,
    checked: Option<(wasmparser::Validator, BodyCheck)>,
    first_invalid: Option<wasmparser::BinaryReaderError>,
}

/// Plans every section but the tail, places them in `memory` and fills them (function bodies
/// and custom sections' parts, patched and validated in parallel natively); `None` when the
/// memory cannot be had. The memory is sized for the tail too when `tail` has it already.
fn write_head<'s>(
    inputs: Inputs,
    config: &Config,
    diags: &mut Diagnostics,
    tail: &dyn Fn() -> std::sync::MutexGuard<'s, TailSlot>,
) -> Option<Head> {
    let Inputs { symbols: t, live, features: _, scan, layout: l, bodies, memory } = inputs;
    let mut w = Writer::new(t, live, scan, l, config);
    w.file = memory.file();
    let mut m = Out::default();
    // A loader reads `dylink.0` first: it is the first section.
    if let Some(d) = &l.dylink {
        m.section(&CustomSection { name: "dylink.0".into(), data: dylink_section(d).as_slice().into() });
    }

    let mut types = TypeSection::new();
    for ty in l.types.list.values() {
        types.ty().function(ty.params().iter().map(val), ty.results().iter().map(val));
    }
    // As wasm-ld, a section is written only when it has something in it.
    if !types.is_empty() {
        m.section(&types);
    }

    if !l.imports.is_empty() {
        let mut imports = ImportSection::new();
        for i in &l.imports {
            let ty = match &i.kind {
                ImportKind::Func(ty) => EntityType::Function(ty.as_u32()),
                ImportKind::Global(g) => EntityType::Global(global_type(*g)),
                ImportKind::Table(tt) => EntityType::Table(table_type(tt)),
                ImportKind::Tag(ty) => EntityType::Tag(TagType { kind: TagKind::Exception, func_type_idx: ty.as_u32() }),
                ImportKind::Memory => EntityType::Memory(w.memory_type()),
            };
            imports.import(i.module, i.name, ty);
        }
        m.section(&imports);
    }

    let mut funcs = FunctionSection::new();
    for ty in l.funcs.types.values() {
        funcs.function(ty.as_u32());
    }
    if !funcs.is_empty() {
        m.section(&funcs);
    }

    if !l.tables.defined.is_empty() {
        let mut tables = TableSection::new();
        for tt in l.tables.defined.values() {
            tables.table(table_type(tt));
        }
        m.section(&tables);
    }

    if config.import_memory.is_none() {
        let mut mem = MemorySection::new();
        mem.memory(w.memory_type());
        m.section(&mem);
    }

    if !l.tags.defined.is_empty() {
        let mut tags = TagSection::new();
        for ty in l.tags.defined.values() {
            tags.tag(TagType { kind: TagKind::Exception, func_type_idx: ty.as_u32() });
        }
        m.section(&tags);
    }

    if !l.globals.defined.is_empty() {
        let mut globals = GlobalSection::new();
        for g in l.globals.defined.values() {
            let init = match &g.init {
                GlobalInit::Raw(bytes) => ConstExpr::raw(bytes.iter().copied()),
                GlobalInit::Const(v) if g.ty.content_type == wasmparser::ValType::I64 => ConstExpr::i64_const(*v),
                GlobalInit::Const(v) => ConstExpr::i32_const(*v as i32),
                GlobalInit::BasePlus { base, offset } => base_plus(l.width, *base, *offset),
            };
            globals.global(global_type(g.ty), &init);
        }
        m.section(&globals);
    }

    let mut exports = ExportSection::new();
    for e in &l.exports {
        let (k, idx) = match e.target {
            ExportTarget::Func(f) => (EK::Func, f.as_u32()),
            ExportTarget::Global(g) => (EK::Global, g.as_u32()),
            ExportTarget::Table(tb) => (EK::Table, tb.as_u32()),
            ExportTarget::Memory => (EK::Memory, 0),
            ExportTarget::Tag(tg) => (EK::Tag, tg.as_u32()),
        };
        exports.export(&e.name, k, idx);
    }
    if !exports.is_empty() {
        m.section(&exports);
    }

    // `__wasm_start` runs both of the others when there are both.
    if let Some(start) = l.funcs.start.or(l.funcs.apply_global_relocs).or(l.funcs.init_memory) {
        m.section(&wasm_encoder::StartSection { function_index: start.as_u32() });
    }

    if !l.table.entries.is_empty() {
        let mut elems = ElementSection::new();
        let table64 = l.tables.indirect.is_some_and(|t| match l.tables.space.defined(t) {
            Some(d) => l.tables.defined[d].table64,
            None => l.width.is64(),
        });
        let offset = match l.base_global(t, Synth::TableBase) {
            // A PIC module's slots start at the `__table_base` its loader gives it.
            Some(base) if l.pic => ConstExpr::global_get(base.as_u32()),
            _ if table64 => ConstExpr::i64_const(l.table.base as i64),
            _ => ConstExpr::i32_const(l.table.base as i32),
        };
        let table = l.tables.indirect.map(|t| t.as_u32()).filter(|&t| t != 0);
        let entries: Vec<u32> = l.table.entries.iter().map(|f| f.as_u32()).collect();
        elems.active(table, &offset, Elements::Functions(entries.into()));
        m.section(&elems);
    }

    // memory.init and data.drop need the segment count up front.
    let passive = l.memory.passive;
    let mm = &l.memory;
    let written = mm.segments.values().filter(|s| mm.segment_written(s)).count() as u32;
    if passive && written > 0 {
        m.section(&wasm_encoder::DataCountSection { count: written });
    }

    // Code: raw entries, patched in place. Each entry keeps its size, so every function's
    // offset is known before any is copied.
    let entry = |i: OutDefFunc| -> &[u8] {
        match l.funcs.defined[i] {
            OutFunction::Input { file, index } => t.file(file).obj.functions[index].entry,
            _ => bodies.entry(i),
        }
    };
    let mut count = Vec::new();
    crate::leb::push_u32(&mut count, l.funcs.defined.len() as u32);
    let mut end = count.len();
    for i in l.funcs.defined.keys() {
        w.func_offsets.push(end as u64);
        let e = entry(i);
        let size_len = match l.funcs.defined[i] {
            OutFunction::Input { .. } => crate::leb::prefix_len(e),
            _ => 0,
        };
        w.body_offsets.push((end + size_len) as u64);
        end += e.len();
    }
    let code_len = end - count.len();
    let code_section = if l.funcs.defined.is_empty() {
        None
    } else if config.compress_relocations {
        // Compression needs the patched code to shrink it: it is filled apart, then copied.
        let mut code = count.clone();
        code.resize(end, 0);
        let jobs = split_code(&mut code[count.len()..], 0, l, &entry);
        let found = crate::par::map_init(jobs, Default::default, |allocs, job| w.fill(job, &entry, None, allocs));
        found.into_iter().flatten().flat_map(|p| p.diags).for_each(|d| diags.push(d));
        let code = compress_relocations(&code, count.len(), l, t, &w.func_offsets);
        Some(m.section(&RawSection { id: 10, data: &code }))
    } else {
        Some(m.planned(10, &count, code_len, Planned::Code))
    };

    // Data: one segment per output segment, passive with shared memory
    // (`__wasm_init_memory` copies them in once). `.bss` is left to zeroed memory, or to
    // `__wasm_init_memory`'s `memory.fill`; only without bulk memory is it written out.
    // Its relocation problems are reported after the code's, as they are found after them.
    let mut data_diags = Diagnostics::default();
    let mut data = DataSection::new();
    // Where each segment's bytes land in the section's payload, for relocatable output: after
    // the count, each entry's header and bytes.
    let entries: usize = mm.segments.values().filter(|s| mm.segment_written(s)).map(|s| s.pieces.len()).sum();
    let mut payload = crate::leb::len_u64(entries as u64);
    let mut segment_offsets: SecondaryMap<crate::index::OutSegment, Option<u64>> = SecondaryMap::new();
    for (oi, seg) in mm.segments.iter() {
        if !mm.segment_written(seg) {
            continue;
        }
        let mut parts = seg.parts.iter().peekable();
        for &(from, to) in &seg.pieces {
            let mut bytes = vec![0u8; (to - from) as usize];
            // Each part lies wholly inside one piece (pieces split between parts).
            let within = |&&(file, si, off): &&(FileId, crate::index::InSegment, u64)| {
                off + t.file(file).obj.segments[si].data.len() as u64 <= to
            };
            while let Some(&(file, si, off)) = parts.next_if(within) {
                let s = &t.file(file).obj.segments[si];
                let at = (off - from) as usize;
                let dst = &mut bytes[at..at + s.data.len()];
                dst.copy_from_slice(s.data);
                let relocs = t.file(file).obj.segment_relocs(si).iter().copied();
                w.apply(dst, file, relocs, Site::Data(seg.start + off), s.file_offset, &mut data_diags);
            }
            // Merged strings (no relocations), by offset: those in this piece.
            let blobs = seg.blobs.partition_point(|(off, _)| *off < from)..seg.blobs.partition_point(|(off, _)| *off < to);
            for (off, blob) in &seg.blobs[blobs] {
                let at = (off - from) as usize;
                bytes[at..at + blob.len()].copy_from_slice(blob);
            }
            let len = bytes.len() as u64;
            let header = if passive {
                data.passive(bytes);
                1
            } else {
                // A PIC module's data is relative to `__memory_base` (one segment at offset 0,
                // unless extended-const adds the offset).
                let offset = match l.base_global(t, Synth::MemoryBase) {
                    Some(base) if l.pic => base_plus(l.width, base, seg.start + from),
                    _ => ptr_const(l.width, seg.start + from),
                };
                let mut expr = Vec::new();
                wasm_encoder::Encode::encode(&offset, &mut expr);
                data.active(0, &offset, bytes);
                1 + expr.len() as u64
            };
            payload += header + crate::leb::len_u64(len);
            if from == 0 {
                segment_offsets[oi] = Some(payload);
            }
            payload += len;
        }
    }
    let data_section = (!data.is_empty()).then(|| m.section(&data));

    // Custom sections: each input's part at its offset, copied (and patched) in place once the
    // module's size is known.
    let CustomPlan { names, mut parts } = custom_plan(t, config);
    for p in parts.values().flatten() {
        w.custom_offsets[p.file][p.section] = Some(p.offset as u64);
    }
    // The debug strings are merged as wasm-ld merges them (at -O1, its default, and above):
    // each distinct string once; section offsets into them are translated (`section_offset`).
    let mut merged: FxHashMap<&str, Vec<u8>> = FxHashMap::default();
    for name in names.iter().copied().filter(|name| merges_strings(t, config, name, &parts[name])) {
        let inputs = &parts[name];
        let data: Vec<&[u8]> = inputs.iter().map(|p| t.file(p.file).obj.customs[p.section].data).collect();
        let result = crate::merge::merge(&data);
        for (p, pieces) in inputs.iter().zip(result.pieces) {
            w.custom_offsets[p.file][p.section] = Some(0);
            w.custom_merged.insert((p.file, p.section), pieces);
        }
        merged.insert(name, result.bytes);
    }
    let mut customs: Vec<(&str, u32)> = Vec::new();
    for name in &names {
        let index = match merged.remove(name) {
            Some(bytes) => m.section(&CustomSection { name: (*name).into(), data: bytes.as_slice().into() }),
            None => {
                let parts = parts.remove(name).unwrap_or_default();
                let size = parts.last().map_or(0, CustomPart::end);
                m.planned(0, &custom_prefix(name), size, Planned::Custom(parts))
            }
        };
        customs.push((name, index));
    }
    // Relocatable output (or --emit-relocs): the symbol table and relocations that make it an
    // object again.
    if config.keeps_relocations() {
        let written = crate::relocatable::Written {
            code: code_section,
            func_offsets: &w.func_offsets,
            data: data_section,
            segment_offsets: &segment_offsets,
            customs: &customs,
            custom_offsets: &w.custom_offsets,
            custom_merged: &w.custom_merged,
        };
        let sections = crate::relocatable::sections(t, live, scan, l, &written, config);
        m.section(&CustomSection { name: "linking".into(), data: sections.linking.as_slice().into() });
        for (name, body) in &sections.relocs {
            m.section(&CustomSection { name: name.as_str().into(), data: body.as_slice().into() });
        }
    }

    // Every section's size is known but the tail's: the module is one buffer, its planned parts
    // filled in place. The module's structure up to its code is validated first, so that each
    // function body is validated by the worker that patches it, while it is in that core's
    // cache.
    let head_len = m.len();
    let tail_to_write = {
        let mut tail = tail();
        if let Err(e) = memory.resize(head_len + tail.len().unwrap_or(0)) {
            diags.push(Diagnostic::error(format!("cannot make room for the output: {e}")));
            return None;
        }
        if !crate::par::parallel() {
            // (Not the custom sections': the kernel may copy their bytes into the file, and
            // pages that never become the process's memory are better left alone.)
            memory.prefault(0..m.customs_start());
        }
        let file = memory.file().filter(|_| config.build_id == crate::config::BuildId::None);
        tail.head(head_len, file)
    };
    let ((checked, tail_written), jobs) = crate::par::join(
        || (m.check_head(l, &entry), tail_to_write.map(|to_write| TailSlot::written(to_write, head_len))),
        || m.place(&mut memory.bytes()[..head_len], l, &entry),
    );
    if let Some(tail_written) = tail_written {
        *tail() = tail_written;
    }
    let check = checked.as_ref().map(|(_, check)| check);
    let found = crate::par::map_init(jobs, Default::default, |allocs, job| w.fill(job, &entry, check, allocs));
    let mut first_invalid = None;
    let mut found = found.into_iter().map(|p| {
        let p = p?;
        if first_invalid.is_none() {
            first_invalid = p.invalid;
        }
        Some(p.diags)
    });
    let code_jobs = found.by_ref().take(if code_section.is_some() && !config.compress_relocations { l.funcs.defined.len() } else { 0 });
    code_jobs.flatten().flatten().for_each(|d| diags.push(d));
    data_diags.list.into_iter().for_each(|d| diags.push(d));
    found.flatten().flatten().for_each(|d| diags.push(d));
    Some(Head { len: head_len, checked, first_invalid })
}

/// `--compress-relocations` (wasm-ld's `compressRelocTargets`): each function of the patched
/// code section again, with its relocated LEB fields in their shortest form and its size
/// recounted. Only without debug information, whose offsets this moves (the options say so).
fn compress_relocations(code: &[u8], header: usize, l: &Layout, t: &SymbolTable, offsets: &PrimaryMap<OutDefFunc, u64>) -> Vec<u8> {
    let mut out = code[..header].to_vec();
    for (i, f) in l.funcs.defined.iter() {
        let start = offsets[i] as usize;
        let end = offsets.get(OutDefFunc::new(i.index() + 1)).map_or(code.len(), |&o| o as usize);
        let entry = &code[start..end];
        let OutFunction::Input { file, index } = *f else {
            out.extend_from_slice(entry);
            continue;
        };
        let size_len = crate::leb::prefix_len(entry);
        let mut relocs: Vec<&Reloc> = t.file(file).obj.function_relocs(index).iter().collect();
        relocs.sort_by_key(|r| r.offset);
        let mut body = Vec::with_capacity(entry.len());
        let mut pos = size_len;
        for r in relocs {
            let (at, Some(width)) = (r.offset as usize, reloc::padded_width(r.field)) else { continue };
            if at < pos || at + width > entry.len() {
                continue;
            }
            body.extend_from_slice(&entry[pos..at]);
            body.extend_from_slice(&reloc::shortest(&entry[at..at + width], r.field));
            pos = at + width;
        }
        body.extend_from_slice(&entry[pos..]);
        crate::leb::push_u32(&mut out, body.len() as u32);
        out.extend_from_slice(&body);
    }
    out
}

/// `--build-id`'s section, as wasm-ld writes it: the last one, its id blank (spaces) until
/// `fill_build_id`; nothing without the option.
fn build_id_section(kind: &crate::config::BuildId) -> Vec<u8> {
    let Some(len) = build_id_len(kind) else { return Vec::new() };
    let mut content = Vec::new();
    crate::leb::push_u32(&mut content, len as u32);
    content.resize(content.len() + len, b' ');
    encoded(&CustomSection { name: "build_id".into(), data: content.as_slice().into() })
}

/// The length of the id `--build-id` asks for.
fn build_id_len(kind: &crate::config::BuildId) -> Option<usize> {
    use crate::config::BuildId;
    match kind {
        BuildId::None => None,
        BuildId::Fast | BuildId::Uuid => Some(16),
        BuildId::Sha1 => Some(20),
        BuildId::Hex(v) => Some(v.len()),
    }
}

/// Computes the build id over the whole module, which ends with `build_id_section`'s blank id,
/// and puts it in place, as wasm-ld does. `fast`: xxh3-64 of each 1 MiB chunk, xxh3-64 of
/// those, made a version 5 UUID (SHA-1 under wasm-ld's namespace); `sha1`: SHA-1 the same way,
/// 20 bytes; `uuid`: a random version 4 UUID; or the bytes given.
fn fill_build_id(bytes: &mut [u8], kind: &crate::config::BuildId) {
    use crate::config::BuildId;
    let Some(len) = build_id_len(kind) else { return };
    let at = bytes.len() - len;
    let chunks = |hash: &dyn Fn(&[u8]) -> Vec<u8>| -> Vec<u8> {
        let hashes: Vec<u8> = bytes.chunks(1 << 20).flat_map(hash).collect();
        hash(&hashes)
    };
    let id: Vec<u8> = match kind {
        BuildId::None => return,
        BuildId::Hex(v) => v.clone(),
        BuildId::Sha1 => chunks(&|c| sha1_smol::Sha1::from(c).digest().bytes().to_vec()),
        BuildId::Fast => {
            let file_hash = chunks(&|c| xxhash_rust::xxh3::xxh3_64(c).to_le_bytes().to_vec());
            let mut sha = sha1_smol::Sha1::new();
            sha.update(&[0xA1, 0xFA, 0x48, 0x2D, 0x0E, 0x22, 0x03, 0x8D, 0x33, 0x8B, 0x52, 0x1C, 0xD6, 0xD2, 0x12, 0xB2]);
            sha.update(&file_hash);
            uuid(5, &sha.digest().bytes()[..16])
        }
        BuildId::Uuid => {
            // The standard library's randomly seeded hasher: random bytes without a crate.
            use std::hash::{BuildHasher, Hasher};
            let random = || std::collections::hash_map::RandomState::new().build_hasher().finish().to_le_bytes();
            let bytes: Vec<u8> = random().into_iter().chain(random()).collect();
            uuid(4, &bytes)
        }
    };
    bytes[at..].copy_from_slice(&id);
}

/// A UUID's version and variant bits set in 16 bytes.
fn uuid(version: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes[..16].to_vec();
    out[6] = (version << 4) | (out[6] & 0xF);
    out[8] = (out[8] & 0xBF) | 0x80;
    out
}

/// The sections after the debug information, encoded: the name section (tens of megabytes in a
/// big program), the producers, the target features and the build id (blank). Their size
/// changes no other section's place, so they are made beside the rest (`run`), and appended.
fn tail_sections(w: &Writer, features: &Features, config: &Config) -> Vec<u8> {
    let keep = |name: &str| config.keep_sections.contains(name);
    let mut rest = Vec::new();
    if !config.strip_all || keep("producers") {
        let producers = w.producers();
        if !producers.is_empty() {
            let mut p = ProducersSection::new();
            for (field, values) in &producers {
                let mut f = ProducersField::new();
                for (n, v) in values {
                    f.value(n, v);
                }
                p.field(field, &f);
            }
            rest.extend(encoded(&p));
        }
    }
    // Like the producers, the features are metadata that --strip-all drops unless kept.
    let keep_features = !config.strip_all || config.keep_sections.contains("target_features");
    if features.section().len() > 0 && keep_features {
        let mut section = Vec::new();
        crate::leb::push_u32(&mut section, features.section().len() as u32);
        for f in features.section() {
            section.push(b'+');
            crate::leb::push_str(&mut section, f);
        }
        rest.extend(encoded(&CustomSection { name: "target_features".into(), data: section.as_slice().into() }));
    }
    // The build id comes last, its value filled once the rest is in place (`fill_build_id`).
    rest.extend(build_id_section(&config.build_id));
    // The name section, megabytes, is made in a buffer with room for the rest.
    let mut out = if !config.strip_all || keep("name") { w.name_section(rest.len()) } else { Vec::new() };
    out.extend_from_slice(&rest);
    out
}

/// A section's bytes: its id, size and payload.
fn encoded(section: &impl wasm_encoder::Section) -> Vec<u8> {
    let mut bytes = vec![section.id()];
    section.encode(&mut bytes);
    bytes
}

/// The name section's subsection ids (the extended name section, as lld writes it).
const NAME_MODULE: u8 = 0;
const NAME_FUNCTIONS: u8 = 1;
const NAME_GLOBALS: u8 = 7;
const NAME_DATA: u8 = 9;

/// One subsection of the name section: the module's name, or the names of an index space in
/// index order (each name's index is its position; `None` for an entry the map leaves out),
/// with the map's count and its payload's size.
enum NameSubsection<'n> {
    Module(&'n str),
    Map { id: u8, names: Vec<Option<Cow<'n, str>>>, count: usize, payload: usize },
}

impl<'n> NameSubsection<'n> {
    fn map(id: u8, names: Vec<Option<Cow<'n, str>>>) -> Self {
        let (mut count, mut payload) = (0, 0);
        for (i, n) in names.iter().enumerate() {
            if let Some(n) = n {
                count += 1;
                payload += leb_len(i) + leb_len(n.len()) + n.len();
            }
        }
        NameSubsection::Map { id, names, count, payload: leb_len(count) + payload }
    }

    fn is_empty(&self) -> bool {
        matches!(self, NameSubsection::Map { count: 0, .. })
    }

    fn id(&self) -> u8 {
        match self {
            NameSubsection::Module(_) => NAME_MODULE,
            NameSubsection::Map { id, .. } => *id,
        }
    }

    fn payload_len(&self) -> usize {
        match self {
            NameSubsection::Module(name) => leb_len(name.len()) + name.len(),
            NameSubsection::Map { payload, .. } => *payload,
        }
    }
}

/// Bytes `n` takes as an unsigned LEB128.
fn leb_len(n: usize) -> usize {
    crate::leb::len_u64(n as u64) as usize
}

/// The custom section `name` holding `subsections`, in one buffer of its exact size (and room
/// for `more` bytes after it).
fn encode_name_section(subsections: &[NameSubsection<'_>], more: usize) -> Vec<u8> {
    let content = leb_len(4) + 4
        + subsections.iter().map(|s| 1 + leb_len(s.payload_len()) + s.payload_len()).sum::<usize>();
    let size = 1 + leb_len(content) + content;
    let mut out = Vec::with_capacity(size + more);
    out.push(0);
    crate::leb::push_u32(&mut out, content as u32);
    crate::leb::push_str(&mut out, "name");
    for s in subsections {
        out.push(s.id());
        crate::leb::push_u32(&mut out, s.payload_len() as u32);
        match s {
            NameSubsection::Module(name) => crate::leb::push_str(&mut out, name),
            NameSubsection::Map { names, count, .. } => {
                crate::leb::push_u32(&mut out, *count as u32);
                for (i, n) in names.iter().enumerate() {
                    if let Some(n) = n {
                        crate::leb::push_u32(&mut out, i as u32);
                        crate::leb::push_str(&mut out, n);
                    }
                }
            }
        }
    }
    debug_assert_eq!(out.len(), size);
    out
}

/// The module as it is written, counting its sections (relocations name the section they
/// patch): its sections in order, each either encoded already or planned (its header written,
/// its payload's size known, the payload filled later in place). Once every size is known the
/// whole module is one buffer, and each input byte is copied into it once: the code and the
/// debug information are most of a big link's bytes.
struct Out {
    chunks: Vec<Chunk>,
    sections: u32,
}

enum Chunk {
    Bytes(Vec<u8>),
    Planned(usize, Planned),
}

/// A section payload filled in place.
enum Planned {
    /// The code section's function entries, one after another.
    Code,
    /// A custom section's input parts (with their sizes), one after another.
    Custom(Vec<CustomPart>),
}

/// A section's header for a payload of `prefix` (a count, a name) and `len` bytes more.
fn section_header(id: u8, prefix: &[u8], len: usize) -> Vec<u8> {
    let mut header = vec![id];
    crate::leb::push_u32(&mut header, (prefix.len() + len) as u32);
    header.extend_from_slice(prefix);
    header
}

/// A custom section's payload prefix: its name.
fn custom_prefix(name: &str) -> Vec<u8> {
    let mut prefix = Vec::new();
    wasm_encoder::Encode::encode(name, &mut prefix);
    prefix
}

/// One piece of the fill: a slice of the output and what goes into it.
enum Job<'b> {
    /// A function's entry, at a module offset.
    Func(OutDefFunc, &'b mut [u8], usize),
    /// An input's part of a custom section, at a module offset.
    Custom(FileId, InCustom, &'b mut [u8], usize),
}

impl Default for Out {
    fn default() -> Self {
        Out { chunks: vec![Chunk::Bytes(b"\0asm\x01\0\0\0".to_vec())], sections: 0 }
    }
}

impl Out {
    /// Adds a section; its index.
    fn section(&mut self, section: &impl wasm_encoder::Section) -> u32 {
        self.chunks.push(Chunk::Bytes(encoded(section)));
        self.sections += 1;
        self.sections - 1
    }

    /// Adds a section of `prefix` (a count, a name) and `len` bytes filled later as `fill` says;
    /// its index.
    fn planned(&mut self, id: u8, prefix: &[u8], len: usize, fill: Planned) -> u32 {
        self.chunks.push(Chunk::Bytes(section_header(id, prefix, len)));
        self.chunks.push(Chunk::Planned(len, fill));
        self.sections += 1;
        self.sections - 1
    }

    /// The module's size.
    fn len(&self) -> usize {
        self.chunks.iter().map(|c| match c {
            Chunk::Bytes(b) => b.len(),
            Chunk::Planned(len, _) => *len,
        }).sum()
    }

    /// Where the first planned custom section starts (its header), or the module's size.
    fn customs_start(&self) -> usize {
        let mut at = 0;
        for (i, c) in self.chunks.iter().enumerate() {
            match c {
                Chunk::Bytes(_) if matches!(self.chunks.get(i + 1), Some(Chunk::Planned(_, Planned::Custom(_)))) => return at,
                Chunk::Bytes(b) => at += b.len(),
                Chunk::Planned(len, _) => at += len,
            }
        }
        at
    }

    /// Copies the encoded sections into `out` (`len()` bytes) and cuts the planned payloads
    /// into the jobs that fill them, in module order.
    fn place<'b, 'w>(&self, out: &'b mut [u8], l: &Layout, entry: &dyn Fn(OutDefFunc) -> &'w [u8]) -> Vec<Job<'b>> {
        let mut jobs = Vec::new();
        let mut rest = out;
        let mut at = 0;
        for chunk in &self.chunks {
            match chunk {
                Chunk::Bytes(b) => {
                    let (this, tail) = rest.split_at_mut(b.len());
                    this.copy_from_slice(b);
                    rest = tail;
                    at += b.len();
                }
                &Chunk::Planned(len, ref fill) => {
                    let (mut this, tail) = rest.split_at_mut(len);
                    rest = tail;
                    match fill {
                        Planned::Code => jobs.extend(split_code(this, at, l, entry)),
                        Planned::Custom(parts) => {
                            let mut part_at = at;
                            for &CustomPart { file, section: ci, offset, len: size } in parts {
                                let (padding, rest) = std::mem::take(&mut this).split_at_mut(at + offset - part_at);
                                padding.fill(0);
                                part_at = at + offset;
                                let (part, more) = rest.split_at_mut(size);
                                jobs.push(Job::Custom(file, ci, part, part_at));
                                this = more;
                                part_at += size;
                            }
                        }
                    }
                    at += len;
                }
            }
        }
        jobs
    }

    /// Validates the module up to its code section (all of it is encoded by now) and readies
    /// each function body's validation, for the fill to run; `None` when there is no planned
    /// code, the head is invalid, or the validator's function indices or types are not the
    /// layout's (the whole output is then validated after the fill, which reports the fault
    /// where it is).
    fn check_head<'w>(&self, l: &Layout, entry: &dyn Fn(OutDefFunc) -> &'w [u8]) -> Option<(wasmparser::Validator, BodyCheck)> {
        let code = self.chunks.iter().position(|c| matches!(c, Chunk::Planned(_, Planned::Code)))?;
        let mut head = Vec::new();
        for chunk in &self.chunks[..code] {
            match chunk {
                Chunk::Bytes(b) => head.extend_from_slice(b),
                Chunk::Planned(..) => return None,
            }
        }
        let mut validator = wasmparser::Validator::new_with_features(crate::features::VALIDATED);
        let mut parser = wasmparser::Parser::new(0);
        let mut offset = 0;
        loop {
            let wasmparser::Chunk::Parsed { consumed, payload } = parser.parse(&head[offset..], false).ok()? else {
                return None;
            };
            offset += consumed;
            validator.payload(&payload).ok()?;
            if let wasmparser::Payload::CodeSectionStart { .. } = payload {
                break;
            }
        }
        // Each entry goes through the validator (which checks its size and numbers it), and its
        // function index and type must be those `BodyCheck::function` makes from the layout.
        let mut at = head.len();
        let mut check = None;
        for i in l.funcs.defined.keys() {
            let e = entry(i);
            let body_at = crate::leb::prefix_len(e);
            let body = wasmparser::FunctionBody::new(wasmparser::BinaryReader::new(&e[body_at..], (at + body_at) as u64));
            let func = validator.code_section_entry(&body).ok()?;
            if func.index != l.funcs.space.index(i).as_u32() || func.ty != l.funcs.types[i].as_u32() {
                return None;
            }
            check.get_or_insert_with(|| BodyCheck { features: func.features, resources: func.resources.clone() });
            at += e.len();
        }
        Some((validator, check?))
    }
}

/// What validating each function body of the output needs: the module's validated head (shared
/// by every body, not copied for each) and the features.
struct BodyCheck {
    resources: wasmparser::ValidatorResources,
    features: wasmparser::WasmFeatures,
}

impl BodyCheck {
    /// Defined function `i`'s body to validate.
    fn function<'r>(&'r self, i: OutDefFunc, l: &Layout) -> wasmparser::FuncToValidate<&'r wasmparser::ValidatorResources> {
        let index = l.funcs.space.index(i).as_u32();
        wasmparser::FuncToValidate { resources: &self.resources, index, ty: l.funcs.types[i].as_u32(), features: self.features }
    }
}

/// The code section's payload after its count (at module offset `at`), cut into each
/// function's entry.
fn split_code<'b, 'w>(mut rest: &'b mut [u8], mut at: usize, l: &Layout, entry: &dyn Fn(OutDefFunc) -> &'w [u8]) -> Vec<Job<'b>> {
    let mut jobs = Vec::with_capacity(l.funcs.defined.len());
    for i in l.funcs.defined.keys() {
        let len = entry(i).len();
        let (this, tail) = std::mem::take(&mut rest).split_at_mut(len);
        jobs.push(Job::Func(i, this, at));
        rest = tail;
        at += len;
    }
    jobs
}

/// Validates `bytes` after its code section, with the validator that has seen everything up
/// to it and each function body (`Out::check_head`, then the fill).
fn validate_after_code(mut validator: wasmparser::Validator, bytes: &[u8]) -> Result<(), wasmparser::BinaryReaderError> {
    let mut parser = wasmparser::Parser::new(0);
    let mut offset = 0;
    let mut after_code = false;
    loop {
        let (payload, consumed) = match parser.parse(&bytes[offset..], true)? {
            wasmparser::Chunk::Parsed { consumed, payload } => (payload, consumed),
            // (Not at the end of the data: the parser then reports what is wrong itself.)
            wasmparser::Chunk::NeedMoreData(_) => return validate(bytes),
        };
        offset += consumed;
        match payload {
            wasmparser::Payload::CodeSectionStart { size, .. } => {
                parser.skip_section();
                offset += size as usize;
                after_code = true;
            }
            wasmparser::Payload::End(_) => {
                validator.payload(&payload)?;
                return Ok(());
            }
            _ if after_code => {
                validator.payload(&payload)?;
            }
            _ => {}
        }
    }
}

/// Validates the whole output: the module's structure in order, then the function bodies, which
/// are most of the work and independent of each other, in parallel natively. The first fault in
/// module order is reported, as `Validator::validate_all` would.
fn validate(bytes: &[u8]) -> Result<(), wasmparser::BinaryReaderError> {
    let mut validator = wasmparser::Validator::new_with_features(crate::features::VALIDATED);
    let mut bodies = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        if let wasmparser::ValidPayload::Func(func, body) = validator.payload(&payload?)? {
            bodies.push((func, body));
        }
    }
    // Each worker reuses its validator's allocations from one body to the next.
    let check = |allocs: &mut wasmparser::FuncValidatorAllocations,
                 (func, body): (wasmparser::FuncToValidate<_>, wasmparser::FunctionBody)| {
        let mut v = func.into_validator(std::mem::take(allocs));
        let result = v.validate(&body);
        *allocs = v.into_allocations();
        result
    };
    crate::par::map_init(bodies, Default::default, check).into_iter().collect()
}

/// The output failed validation: when the fault is inside a function copied
/// from an input, that input (and function) is what is broken.
fn blame_invalid_output(module: &[u8], offset: u64, message: &str, t: &SymbolTable, l: &Layout) -> Diagnostic {
    let mut defined = 0usize;
    for payload in wasmparser::Parser::new(0).parse_all(module) {
        let Ok(wasmparser::Payload::CodeSectionEntry(body)) = payload else { continue };
        let range = body.range();
        if ({ range.start }..={ range.end }).contains(&offset)
            && let Some(OutFunction::Input { file, index }) = l.funcs.defined.get(OutDefFunc::new(defined))
        {
            let f = t.file(*file);
            let func = &f.obj.functions[*index];
            let name = f.obj.function_names()[*index].unwrap_or("<unnamed>");
            let size_len = crate::leb::prefix_len(func.entry);
            let at = f.obj.code_offset + func.section_offset as u64 + size_len as u64 + (offset - range.start);
            return Diagnostic::error(format!(
                "{}: function {name} is not valid WebAssembly after linking: {message} (at offset {at:#x})",
                f.name
            ))
            .file(f.name.clone())
            .symbol(name)
            .offset(at);
        }
        defined += 1;
    }
    // Outside the function bodies: an input that is not valid on its own (which `parse` does
    // not check in full) is to blame, if one is.
    for (_, f) in t.files.iter() {
        if let Err((at, why)) = crate::input::object::validate_structure(f.obj.bytes) {
            return Diagnostic::error(format!("{}: {why} (at offset {at:#x})", f.name)).file(f.name.clone()).offset(at);
        }
    }
    Diagnostic::error(format!(
        "{} at offset {offset:#x}: {message} (please report this wasmlink bug with the inputs)",
        crate::diag::INTERNAL_ERROR
    ))
}

/// What a relocation in custom section `section` against something GC removed becomes (lld's
/// `getTombstoneForSection`): -1, or -2 where -1 means something already; 0 for "the addend".
/// 64 bits wide: a 32-bit field takes its low half, a wasm64 DWARF address all of it.
fn tombstone(section: &str) -> u64 {
    if section == ".debug_ranges" || section == ".debug_loc" {
        u64::MAX - 1
    } else if section.starts_with(".debug_") || section.starts_with("llvm.func_attr.") {
        u64::MAX
    } else {
        0
    }
}

/// DynamicLinking.md's `dylink.0`: subsections MEM_INFO (1), NEEDED (2), EXPORT_INFO (3),
/// IMPORT_INFO (4) and RUNTIME_PATH (5), each `id, size, body`; empty ones but MEM_INFO left out.
fn dylink_section(d: &crate::layout::Dylink) -> Vec<u8> {
    use crate::leb::{push_str as string, push_u64 as leb};
    let mut out = Vec::new();
    let mut sub = |id: u8, body: Vec<u8>| crate::leb::push_subsection(&mut out, id, &body);
    let mut mem = Vec::new();
    for v in [d.mem_size, d.mem_align as u64, d.table_size, 0] {
        leb(&mut mem, v);
    }
    sub(1, mem);
    let strings = |list: &[String]| {
        let mut b = Vec::new();
        leb(&mut b, list.len() as u64);
        for s in list {
            string(&mut b, s);
        }
        b
    };
    if !d.needed.is_empty() {
        sub(2, strings(&d.needed));
    }
    if !d.export_info.is_empty() {
        let mut b = Vec::new();
        leb(&mut b, d.export_info.len() as u64);
        for (name, flags) in &d.export_info {
            string(&mut b, name);
            leb(&mut b, *flags as u64);
        }
        sub(3, b);
    }
    if !d.import_info.is_empty() {
        let mut b = Vec::new();
        leb(&mut b, d.import_info.len() as u64);
        for (module, field, flags) in &d.import_info {
            string(&mut b, module);
            string(&mut b, field);
            leb(&mut b, *flags as u64);
        }
        sub(4, b);
    }
    if !d.runtime_path.is_empty() {
        sub(5, strings(&d.runtime_path));
    }
    out
}

/// An address constant: `i32.const` or `i64.const`.
/// `global.get base` plus `offset` (left out when 0), as wasm-ld writes it.
fn base_plus(width: crate::config::AddressWidth, base: crate::index::OutGlobal, offset: u64) -> ConstExpr {
    let e = ConstExpr::global_get(base.as_u32());
    match (offset, width.is64()) {
        (0, _) => e,
        (o, true) => e.with_i64_const(o as i64).with_i64_add(),
        (o, false) => e.with_i32_const(o as i32).with_i32_add(),
    }
}

fn ptr_const(width: crate::config::AddressWidth, v: u64) -> ConstExpr {
    if width.is64() { ConstExpr::i64_const(v as i64) } else { ConstExpr::i32_const(v as i32) }
}

fn val(t: &wasmparser::ValType) -> wasm_encoder::ValType {
    wasm_encoder::ValType::try_from(*t).expect("core value type")
}

fn global_type(g: wasmparser::GlobalType) -> wasm_encoder::GlobalType {
    wasm_encoder::GlobalType { val_type: val(&g.content_type), mutable: g.mutable, shared: g.shared }
}

fn table_type(t: &wasmparser::TableType) -> wasm_encoder::TableType {
    wasm_encoder::TableType {
        element_type: wasm_encoder::RefType::try_from(t.element_type).expect("ref type"),
        table64: t.table64,
        minimum: t.initial,
        maximum: t.maximum,
        shared: t.shared,
    }
}

impl Writer<'_, '_> {
    fn memory_type(&self) -> MemoryType {
        let memory = &self.l.memory.memory;
        MemoryType {
            minimum: memory.min_pages,
            maximum: memory.max_pages,
            memory64: self.l.width.is64(),
            shared: memory.shared,
            // Only a custom page size is written (custom-page-sizes proposal).
            page_size_log2: (self.config.page_size != 65536).then(|| self.config.page_size.trailing_zeros()),
        }
    }

    /// Patch every relocation of one chunk (which starts at `chunk_offset` in
    /// its file) in place.
    fn apply(&self, chunk: &mut [u8], file: FileId, relocs: impl IntoIterator<Item = Reloc>, site: Site, chunk_offset: u64, diags: &mut Diagnostics) {
        let mut sections = SectionPlaces::default();
        for rel in relocs {
            let v = match sections.value(&rel).map_or_else(|| self.value(file, &rel, &site, &mut sections), Ok) {
                Ok(v) => v,
                Err(msg) => {
                    let f = &self.t.file(file).name;
                    let at = chunk_offset + rel.offset as u64;
                    diags.push(Diagnostic::error(format!("{f}: {msg} (at offset {at:#x})")).file(f.clone()).offset(at));
                    continue;
                }
            };
            reloc::patch(&mut chunk[rel.offset as usize..], rel.field, v);
        }
    }

    /// Where `addend` of the section `file`'s symbol `local` names is in the output.
    fn section_symbol_offset<'s>(
        &'s self,
        file: FileId,
        local: crate::index::InSymbol,
        addend: i64,
        known: &mut SectionPlaces<'s>,
    ) -> Result<i64, String> {
        let o = &self.t.file(file).obj;
        let SymTarget::Section(sec) = o.symbols[local].target else {
            let name = self.t.sym(self.t.file(file).symbols[local]).name;
            return Err(format!("relocation against {name} which has no place in the output"));
        };
        let place = o.custom_by_section(sec).map_or(SectionPlace::Unplaced, |ci| self.section_place(file, ci));
        known.remember(local, place);
        Ok(place.offset(addend))
    }

    /// A relocation's value: one placement lookup for its symbol.
    fn value<'s>(&'s self, file: FileId, rel: &Reloc, site: &Site, sections: &mut SectionPlaces<'s>) -> Result<i64, String> {
        let (t, l, place) = (self.t, self.l, &self.l.place);
        let Some(local) = rel.symbol_ref() else {
            let ty = rel.type_index().expect("a relocation names a symbol or a type");
            return match l.types.of_input(file, ty) {
                Some(out) => Ok(out.as_u32() as i64),
                None => Err(format!("type {} was not laid out", ty.as_u32())),
            };
        };
        // Its kind as the object has it, which resolution made the global symbol's (a mismatch
        // stops the link): the file's own table is nearer in memory than the link's.
        let kind = t.file(file).obj.symbol_kinds[local.as_u32() as usize];
        if rel.target == Target::SectionOffset {
            // Most of a debug build's relocations (a string's or a table's offset): the file's
            // own section, always live, found without the link's tables.
            return self.section_symbol_offset(file, local, rel.addend, sections);
        }
        if rel.target == Target::FunctionOffset {
            // Most of the others (a function's start, DW_AT_low_pc): where its code went, or
            // nowhere (the tombstone, in a debug section). A symbol that is not a function has
            // no code of its own.
            let code = self.scan.code_of(t, file, local, |s| place.own_func(s)).and_then(|f| l.funcs.space.defined(f));
            return Ok(match (code, site) {
                (Some(d), _) => (self.body_offsets[d] as i64).wrapping_add(rel.addend),
                (None, Site::Custom(tomb)) if *tomb != 0 => *tomb as i64,
                (None, _) => rel.addend,
            });
        }
        // The symbol as named (for liveness), and what the reference goes to (maybe a stub).
        let named = t.file(file).symbols[local];
        let id = self.scan.symbol(t, file, local);
        // As in wasm-ld, a defined symbol is live when its chunk is: a
        // function kept through an alias keeps the debug info of all names. An undefined one
        // is when something live refers to it, and always without GC (as wasm-ld's `referenced`
        // starts out): debug information's reference to `__stack_pointer` in `-r` output is the
        // import's index, not a tombstone.
        // (A missing or mismatched function's stub, where lld has made the symbol the stub.)
        let own_code = || self.scan.code_of(t, file, local, |s| place.own_func(s));
        let live = || match kind {
            _ if !self.config.gc_sections && t.sym(named).is_undefined() => true,
            SymKind::Section => true,
            SymKind::Function => own_code().is_some(),
            SymKind::Data => self.live.symbols[named] || place.addr(named).is_some(),
            _ => self.live.symbols[named],
        };
        if let Site::Custom(tomb) = site
            && !live()
        {
            return Ok(if *tomb != 0 { *tomb as i64 } else { rel.addend });
        }
        let missing = || format!("relocation against {} which has no place in the output", t.sym(named).name);
        let addr = || place.addr(id);
        Ok(match rel.target {
            Target::FunctionIndex => place.func(id).ok_or_else(missing)?.as_u32() as i64,
            Target::TableIndex | Target::TableIndexRel => {
                // Relative to `__table_base`, which a non-PIC output fixes at `--table-base`.
                let rel_base = if rel.target == Target::TableIndexRel { l.table.base as i64 } else { 0 };
                // (A stub's slot is the address only of a missing function that took it, in
                // every file, whatever signature the file gives it.)
                let index = match self.scan.stub(id) {
                    None => place.func(id).and_then(|f| l.table.index_of(f)),
                    Some(_) => self.scan.slotted_missing.get(&named).and_then(|&stub| l.table.index_of_missing(stub)),
                };
                match index {
                    Some(index) => index as i64 - rel_base,
                    // No address (a missing function's stub): the null pointer.
                    None => 0,
                }
            }
            // `__memory_base` is 0 in non-PIC output. With threads, a thread-local symbol's
            // address is its offset in the TLS block (lld's `DefinedData::getVA`).
            Target::MemoryAddr | Target::MemoryAddrRel if l.memory.passive && self.scan.is_tls(t, id) => {
                addr().map_or(0, |a| l.memory.tls_offset(a) + rel.addend)
            }
            Target::MemoryAddr | Target::MemoryAddrRel => addr().map_or(0, |a| a as i64 + rel.addend),
            Target::MemoryAddrLocRel => {
                let Site::Data(base) = site else { return Err("location-relative relocation outside data".into()) };
                addr().map_or(0, |a| a as i64 + rel.addend - (*base as i64 + rel.offset as i64))
            }
            Target::MemoryAddrTls => addr().map_or(0, |a| l.memory.tls_offset(a) + rel.addend),
            // A global's own index, or a data or function symbol's GOT entry.
            Target::GlobalIndex if kind == SymKind::Global => place.global(id).ok_or_else(missing)?.as_u32() as i64,
            Target::GlobalIndex => place.got(id).ok_or_else(missing)?.as_u32() as i64,
            Target::TagIndex => place.tag(id).ok_or_else(missing)?.as_u32() as i64,
            Target::TableNumber => place.table(id).ok_or_else(missing)?.as_u32() as i64,
            Target::TypeIndex | Target::SectionOffset | Target::FunctionOffset => unreachable!("handled above"),
        })
    }

    /// The name section's bytes: the module's name, then the functions', globals' and data
    /// segments' (the subsections lld writes), each `NameMap` encoded once at its exact size. A
    /// big program's function names are megabytes, which wasm-encoder's `NameMap` and
    /// `NameSection` would copy twice more into growing buffers.
    fn name_section(&self, more: usize) -> Vec<u8> {
        let (t, l) = (self.t, self.l);
        let mut subsections: Vec<NameSubsection<'_>> = Vec::new();
        if let Some(name) = self.config.module_name() {
            subsections.push(NameSubsection::Module(name));
        }
        let show = |n: &str| crate::demangle::show(n, self.config.demangle).into_owned();
        // Every function's name, imports first as the index space has them; borrowed from the
        // inputs where it can be (a big program has hundreds of thousands), demangled in
        // parallel when asked.
        let mut raw: Vec<Cow<'_, str>> = Vec::with_capacity(l.funcs.space.imports() + l.funcs.defined.len());
        for imp in &l.imports {
            if let ImportKind::Func(_) = imp.kind {
                raw.push(Cow::Borrowed(imp.symbol));
            }
        }
        let mut input_names: SecondaryMap<FileId, crate::index::PrimaryMap<crate::index::InDefFunc, Option<&str>>> =
            SecondaryMap::new();
        for (file, f) in t.files.iter() {
            input_names[file] = f.obj.function_names();
        }
        for f in l.funcs.defined.values() {
            raw.push(match *f {
                OutFunction::Input { file, index } => Cow::Borrowed(input_names[file][index].unwrap_or("")),
                OutFunction::CallCtors => synthetic::name(Synth::CallCtors).into(),
                OutFunction::InitMemory => synthetic::name(Synth::InitMemory).into(),
                OutFunction::InitTls => synthetic::name(Synth::InitTls).into(),
                OutFunction::ApplyDataRelocs => synthetic::name(Synth::ApplyDataRelocs).into(),
                OutFunction::ApplyGlobalRelocs => synthetic::name(Synth::ApplyGlobalRelocs).into(),
                OutFunction::ApplyGlobalTlsRelocs => synthetic::name(Synth::ApplyGlobalTlsRelocs).into(),
                OutFunction::ApplyTlsRelocs => synthetic::name(Synth::ApplyTlsRelocs).into(),
                OutFunction::Start => synthetic::name(Synth::Start).into(),
                // (Already shown as people read it.)
                OutFunction::Stub(s) => self.scan.stubs[s].function_name(self.config).into(),
                OutFunction::CommandExport(id) => format!("{}.command_export", t.sym(id).name).into(),
            });
        }
        let shown: Vec<Cow<'_, str>> = crate::par::map(raw, |n| match n {
            Cow::Borrowed(b) => crate::demangle::show(b, self.config.demangle),
            Cow::Owned(o) => Cow::Owned(crate::demangle::show(&o, self.config.demangle).into_owned()),
        });
        // (In place: an `Option<Cow>` is a `Cow`'s size.)
        let funcs = shown.into_iter().map(|n| Some(n).filter(|n| !n.is_empty())).collect();
        subsections.push(NameSubsection::map(NAME_FUNCTIONS, funcs));
        // Named: every imported global (by its symbol), each defined global that has a name,
        // every data segment. (But for the import a shared library makes of its own weak
        // global: the name is the definition's, as lld names a symbol's global index.)
        let mut globals: Vec<Option<Cow<'_, str>>> = Vec::new();
        let own_definition = |name: &str| {
            t.find(name).is_some_and(|id| t.sym(id).kind == SymKind::Global && matches!(t.sym(id).def, crate::resolve::Def::Defined { .. }))
        };
        for imp in &l.imports {
            if let ImportKind::Global(_) = imp.kind {
                globals.push((!own_definition(imp.symbol)).then(|| show(imp.symbol).into()));
            }
        }
        for g in l.globals.defined.values() {
            globals.push((!g.name.is_empty()).then(|| show(&g.name).into()));
        }
        subsections.push(NameSubsection::map(NAME_GLOBALS, globals));
        let mut segs: Vec<Option<Cow<'_, str>>> = Vec::new();
        let m = &l.memory;
        for s in m.segments.values().filter(|s| m.segment_written(s)) {
            segs.extend(s.pieces.iter().map(|_| Some(Cow::Borrowed(s.name))));
        }
        subsections.push(NameSubsection::map(NAME_DATA, segs));
        subsections.retain(|s| !s.is_empty());
        encode_name_section(&subsections, more)
    }

    /// lld's `ProducersSection`: the values of every object the link loaded, dead ones too (as
    /// for the target features), each name once (the first file's version), in lld's fixed order
    /// of fields (`language`, `processed-by`, `sdk`; any other after them, as met), not in the
    /// order the first files list them.
    fn producers(&self) -> Vec<(&str, Vec<(&str, &str)>)> {
        let mut out: Vec<(&str, Vec<(&str, &str)>)> =
            ["language", "processed-by", "sdk"].into_iter().map(|f| (f, Vec::new())).collect();
        // Hash lookups: a hostile input may carry very many fields and values.
        let mut field_pos: FxHashMap<&str, usize> = out.iter().enumerate().map(|(i, (f, _))| (*f, i)).collect();
        // Sized once: one field may have very many values.
        let values: usize = self.t.files.values().flat_map(|f| f.obj.producers.iter()).map(|(_, v)| v.len()).sum();
        let mut seen: FxHashSet<(usize, &str)> = FxHashSet::with_capacity_and_hasher(values, Default::default());
        for (_, f) in self.t.files.iter() {
            for (field, values) in &f.obj.producers {
                let pos = *field_pos.entry(field).or_insert_with(|| {
                    out.push((field, Vec::new()));
                    out.len() - 1
                });
                for (n, v) in values {
                    if seen.insert((pos, n)) {
                        out[pos].1.push((n, v));
                    }
                }
            }
        }
        out.retain(|(_, values)| !values.is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{NameMap, NameSection};

    /// What the serial writer prefaults ends where the first planned custom section's header
    /// starts: after the code, before anything the kernel may copy into the file.
    #[test]
    fn customs_start_at_the_first_planned_custom_header() {
        let mut m = Out::default();
        assert_eq!(m.customs_start(), 8);
        m.planned(10, &[2], 40, Planned::Code);
        let code_end = m.len();
        assert_eq!(m.customs_start(), code_end);
        m.planned(0, &custom_prefix(".debug_info"), 100, Planned::Custom(Vec::new()));
        m.planned(0, &custom_prefix(".debug_str"), 100, Planned::Custom(Vec::new()));
        assert_eq!(m.customs_start(), code_end);
    }

    #[test]
    fn a_vector_that_cannot_grow_is_an_error() {
        let mut module = vec![1u8, 2];
        assert!(ModuleMemory::resize(&mut module, 4).is_ok());
        assert_eq!(module, [1, 2, 0, 0]);
        let too_big = ModuleMemory::resize(&mut module, usize::MAX).unwrap_err();
        assert_eq!(too_big, format!("{} bytes do not fit in memory", usize::MAX));
        assert_eq!(module, [1, 2, 0, 0]);
    }

    #[test]
    fn the_name_section_is_encoded_as_wasm_encoder_would() {
        // Index and length LEBs of one and two bytes, a long name, unnamed entries left out or
        // kept, three kinds of subsection.
        let long = "x".repeat(200);
        let mut funcs: Vec<Option<Cow<str>>> = vec![None; 301];
        (funcs[0], funcs[5], funcs[300]) = (Some("a".into()), Some(long.as_str().into()), Some("__main_void".into()));
        let globals = vec![Some("__stack_pointer".into()), None];
        let ours = [
            NameSubsection::Module("out.wasm"),
            NameSubsection::map(NAME_FUNCTIONS, funcs),
            NameSubsection::map(NAME_GLOBALS, globals),
            NameSubsection::map(NAME_DATA, vec![Some(".data".into()), Some("".into())]),
        ];
        let mut theirs = NameSection::new();
        theirs.module("out.wasm");
        let mut map = NameMap::new();
        [(0, "a"), (5, long.as_str()), (300, "__main_void")].iter().for_each(|(i, n)| map.append(*i, n));
        theirs.functions(&map);
        let mut map = NameMap::new();
        map.append(0, "__stack_pointer");
        theirs.globals(&map);
        let mut map = NameMap::new();
        map.append(0, ".data");
        map.append(1, "");
        theirs.data(&map);
        assert_eq!(encode_name_section(&ours, 0), encoded(&theirs));
        // No subsections at all: the section's name alone.
        assert_eq!(encode_name_section(&[], 0), encoded(&NameSection::new()));
    }

    /// A file that records where it was written, or refuses.
    struct Recorder(std::sync::Mutex<Vec<(usize, Vec<u8>)>>, bool);

    impl ModuleFile for Recorder {
        fn copy_input(&self, _: &[u8], _: usize) -> bool {
            false
        }
        fn write(&self, bytes: &[u8], at: usize) -> bool {
            self.0.lock().unwrap().push((at, bytes.to_vec()));
            self.1
        }
    }

    #[test]
    fn the_tail_is_written_once_by_whichever_comes_second() {
        let file = || std::sync::Arc::new(Recorder(Default::default(), true));
        let written = |f: &std::sync::Arc<Recorder>| f.0.lock().unwrap().clone();
        // The tail first: the head's writer writes it, beside its own work.
        let (f, mut slot) = (file(), TailSlot::Waiting);
        slot.made(b"tail".to_vec());
        assert_eq!(slot.len(), Some(4));
        let to_write = slot.head(10, Some(f.clone())).expect("handed out");
        let slot = TailSlot::written(to_write, 10);
        assert!(matches!(slot, TailSlot::Written(4)));
        assert_eq!(written(&f), [(10, b"tail".to_vec())]);
        // The head first: the tail's maker writes it.
        let (f, mut slot) = (file(), TailSlot::Waiting);
        assert!(slot.head(10, Some(f.clone())).is_none());
        assert_eq!(slot.len(), None);
        slot.made(b"tail".to_vec());
        assert!(matches!(slot, TailSlot::Written(4)));
        assert_eq!(written(&f), [(10, b"tail".to_vec())]);
        // No file (a vector, or a build id to compute): the tail stays for `run` to copy.
        let mut slot = TailSlot::Waiting;
        assert!(slot.head(10, None).is_none());
        slot.made(b"tail".to_vec());
        assert!(matches!(&slot, TailSlot::Made(t) if t == b"tail"));
        // A write that fails leaves the tail made, either way.
        let refusing = std::sync::Arc::new(Recorder(Default::default(), false));
        let mut slot = TailSlot::Waiting;
        assert!(slot.head(10, Some(refusing.clone())).is_none());
        slot.made(b"tail".to_vec());
        assert!(matches!(&slot, TailSlot::Made(t) if t == b"tail"));
        let mut slot = TailSlot::Waiting;
        slot.made(b"tail".to_vec());
        let slot = TailSlot::written(slot.head(10, Some(refusing)).expect("handed out"), 10);
        assert!(matches!(&slot, TailSlot::Made(t) if t == b"tail"));
    }
}
