//! The link map (`-Map=FILE`, `-M`), as wasm-ld's `MapFile.cpp` writes it: every output
//! section with its file offset and size; under the code section each function with the
//! symbols defined in it; under the data section each output segment (address, offset, size),
//! its input segments and their symbols; under the global section the globals the inputs and
//! the linker define, by index.
//!
//! ```text
//!     Addr      Off     Size Out     In      Symbol
//!        -       55       2d CODE
//!        -       56       10         a.o:(bar)
//!        -       56       10                 bar
//! ```
//!
//! Offsets and sizes are read back from the written module, so they are the module's own. As
//! in lld, a function's or a segment's offset is the section's start (its id byte) plus the
//! entry's position inside the section's contents: the section's id and size are not counted.
//! A segment left to zeroed memory (`.bss`) is at the data section's offset and its input
//! segments at 0; symbols are demangled unless `--no-demangle`.

use std::fmt::Write;

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::gc::Live;
use crate::index::{EntityRef, InDefFunc, InSegment, OutDefGlobal, PrimaryMap, SecondaryMap};
use crate::input::object::{SymKind, SymTarget};
use crate::layout::{Layout, OutFunction};
use crate::resolve::{Def, FileId, SymbolTable};
use crate::scan::{Scan, StubKind};
use crate::synthetic::{self, Synth};

/// What the map reads: the earlier phases' outputs and the module written from them.
pub struct Inputs<'w, 'a> {
    pub symbols: &'w SymbolTable<'a>,
    pub live: &'w Live,
    pub scan: &'w Scan<'a>,
    pub layout: &'w Layout<'a>,
    pub module: &'w [u8],
}

/// A section of the written module: its id, where it starts (the id byte), where its contents
/// start, and its end.
struct Section {
    id: u8,
    start: usize,
    contents: usize,
    end: usize,
}

/// A chunk of an input that symbols can be defined in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Chunk {
    Function(FileId, InDefFunc),
    Segment(FileId, InSegment),
}

/// One symbol line under a chunk: the name, and for data the offset inside the chunk and size.
struct Sym<'a> {
    name: &'a str,
    data: Option<(u64, u64)>,
}

pub fn write(inputs: Inputs, config: &Config) -> String {
    let Inputs { symbols: t, live, scan, layout: l, module } = inputs;
    let mut out = String::from("    Addr      Off     Size Out     In      Symbol\n");
    let chunk_syms = symbols_by_chunk(t, live);
    let sym_line = |out: &mut String, vma: Option<u64>, off: u64, size: u64, name: &str| {
        header(out, vma, off, size);
        let _ = writeln!(out, "{:16}{}", "", super::symbol_name(name, config));
    };
    let mut func_names: SecondaryMap<FileId, Option<PrimaryMap<InDefFunc, Option<&str>>>> = SecondaryMap::new();

    for sec in sections(module) {
        let off = sec.start as u64;
        // lld's offsets inside a section: from the section's start, as if it had no header.
        let at = |pos: usize| off + (pos - sec.contents) as u64;
        header(&mut out, None, off, (sec.end - sec.start) as u64);
        out.push_str(&section_name(module, &sec));
        out.push('\n');
        let contents = &module[sec.contents..sec.end];
        match sec.id {
            10 => {
                let entries = code_entries(contents, sec.contents);
                for (f, &(start, len)) in l.funcs.defined.values().zip(&entries) {
                    header(&mut out, None, at(start), len as u64);
                    let name = match *f {
                        OutFunction::Input { file, index } => {
                            let names = func_names[file].get_or_insert_with(|| t.file(file).obj.function_names());
                            let name = names.get(index).copied().flatten().unwrap_or("");
                            format!("{}:({name})", t.file(file).name)
                        }
                        other => format!("<internal>:({})", synthetic_function_name(t, scan, other)),
                    };
                    let _ = writeln!(out, "{:8}{name}", "");
                    if let OutFunction::Input { file, index } = *f {
                        for s in chunk_syms.get(&Chunk::Function(file, index)).into_iter().flatten() {
                            sym_line(&mut out, None, at(start), len as u64, s.name);
                        }
                    }
                }
            }
            11 => {
                // Each written output segment is one entry, or several where wasmlink splits it at
                // a large alignment gap (lld writes the gap): (data start, piece start address).
                let entries = data_entries(contents, sec.contents);
                let mut next = entries.iter();
                let mm = &l.memory;
                for seg in mm.segments.values() {
                    let pieces: Vec<(usize, usize, u64)> = if mm.segment_written(seg) {
                        seg.pieces.iter().zip(next.by_ref()).map(|(&(from, _), &(entry, data))| (entry, data, from)).collect()
                    } else {
                        Vec::new()
                    };
                    let seg_off = pieces.first().map_or(off, |&(entry, ..)| at(entry));
                    header(&mut out, Some(seg.start), seg_off, seg.size);
                    out.push_str(seg.name);
                    out.push('\n');
                    for &(file, si, part) in &seg.parts {
                        let input = &t.file(file).obj.segments[si];
                        // The piece holding it (each part lies inside one).
                        let chunk_off = pieces[..pieces.partition_point(|&(_, _, from)| from <= part)]
                            .last()
                            .map_or(0, |&(_, data, from)| at(data) + (part - from));
                        let va = seg.start + part;
                        header(&mut out, Some(va), chunk_off, input.data.len() as u64);
                        let _ = writeln!(out, "{:8}{}:({})", "", t.file(file).name, input.name);
                        for s in chunk_syms.get(&Chunk::Segment(file, si)).into_iter().flatten() {
                            let (value, size) = s.data.unwrap_or((0, 0));
                            sym_line(&mut out, Some(va + value), chunk_off + value, size, s.name);
                        }
                    }
                }
            }
            6 => {
                // The linker's globals, then the inputs' (not GOT entries, nor the globals holding
                // exported data addresses, which follow them).
                let inputs: usize = t.files.keys().map(|f| live.globals[f].values().filter(|&&l| l).count()).sum();
                let count = (l.globals.synthetic.len() + inputs).min(l.globals.defined.len());
                for (d, g) in l.globals.defined.iter().take(count) {
                    header(&mut out, Some(l.globals.space.index(OutDefGlobal::new(d.index())).index() as u64), 0, 0);
                    let _ = writeln!(out, "{:8}{}", "", g.name);
                }
            }
            _ => {}
        }
    }
    out
}

/// lld's `writeHeader`: address (`-` when there is none), file offset and size, in hex.
fn header(out: &mut String, vma: Option<u64>, off: u64, size: u64) {
    let _ = match vma {
        None => write!(out, "       - {off:8x} {size:8x} "),
        Some(v) => write!(out, "{v:8x} {off:8x} {size:8x} "),
    };
}

/// The name of a function the linker made, as lld names its chunk.
fn synthetic_function_name(t: &SymbolTable, scan: &Scan, f: OutFunction) -> String {
    let synth = match f {
        OutFunction::Input { .. } => return String::new(),
        // A stub is named after the symbol it stands for; lld shares one `undefined_stub` for
        // the functions the policy leaves undefined.
        OutFunction::Stub(s) => {
            let stub = &scan.stubs[s];
            return if stub.kind == StubKind::Undefined { "undefined_stub".into() } else { stub.name.to_string() };
        }
        OutFunction::CommandExport(id) => return format!("{}.command_export", t.sym(id).name),
        OutFunction::CallCtors => Synth::CallCtors,
        OutFunction::InitMemory => Synth::InitMemory,
        OutFunction::InitTls => Synth::InitTls,
        OutFunction::ApplyDataRelocs => Synth::ApplyDataRelocs,
        OutFunction::ApplyGlobalRelocs => Synth::ApplyGlobalRelocs,
        OutFunction::ApplyGlobalTlsRelocs => Synth::ApplyGlobalTlsRelocs,
        OutFunction::ApplyTlsRelocs => Synth::ApplyTlsRelocs,
        OutFunction::Start => Synth::Start,
    };
    synthetic::name(synth).to_string()
}

/// The live symbols each live chunk defines, in lld's order: file by file as they joined the
/// link, each file's symbols in its symbol table's order (local ones too), each listed by the
/// file whose definition won.
fn symbols_by_chunk<'t>(t: &'t SymbolTable, live: &Live) -> FxHashMap<Chunk, Vec<Sym<'t>>> {
    let mut map: FxHashMap<Chunk, Vec<Sym<'t>>> = FxHashMap::default();
    for (file, f) in t.files.iter() {
        if !live.files[file] {
            continue;
        }
        let funcs = f.obj.func_space();
        for &id in f.symbols.values() {
            let s = t.sym(id);
            let Def::Defined { file: def_file, sym } = s.def else { continue };
            if def_file != file || s.kind == SymKind::Section {
                continue;
            }
            let (chunk, data) = match f.obj.symbols[sym].target {
                SymTarget::Func(func, _) => match funcs.defined(func) {
                    Some(d) if live.functions[file].get(d).copied().unwrap_or(false) => (Chunk::Function(file, d), None),
                    _ => continue,
                },
                SymTarget::Data(Some(d)) if live.segments[file].get(d.segment).copied().unwrap_or(false) => {
                    (Chunk::Segment(file, d.segment), Some((d.offset as u64, d.size as u64)))
                }
                _ => continue,
            };
            map.entry(chunk).or_default().push(Sym { name: s.name, data });
        }
    }
    map
}

fn read_leb(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The sections of a module (which the writer made and validated; a malformed tail ends the
/// list rather than the link).
fn sections(module: &[u8]) -> Vec<Section> {
    let mut out = Vec::new();
    let mut pos = 8;
    while pos < module.len() {
        let start = pos;
        let id = module[pos];
        pos += 1;
        let Some(size) = read_leb(module, &mut pos) else { break };
        let contents = pos;
        let Some(end) = usize::try_from(size).ok().and_then(|s| contents.checked_add(s)).filter(|&e| e <= module.len()) else {
            break;
        };
        out.push(Section { id, start, contents, end });
        pos = end;
    }
    out
}

/// lld's names of sections (`CUSTOM(name)` for custom ones).
fn section_name(module: &[u8], sec: &Section) -> String {
    let name = match sec.id {
        0 => {
            let mut pos = sec.contents;
            let len = read_leb(module, &mut pos).and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
            let name = module.get(pos..pos.saturating_add(len).min(sec.end)).unwrap_or_default();
            return format!("CUSTOM({})", String::from_utf8_lossy(name));
        }
        1 => "TYPE",
        2 => "IMPORT",
        3 => "FUNCTION",
        4 => "TABLE",
        5 => "MEMORY",
        6 => "GLOBAL",
        7 => "EXPORT",
        8 => "START",
        9 => "ELEM",
        10 => "CODE",
        11 => "DATA",
        12 => "DATACOUNT",
        13 => "TAG",
        _ => "UNKNOWN",
    };
    name.to_string()
}

/// Each code-section entry's position in the module (at its size) and length (with the size).
fn code_entries(contents: &[u8], base: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let Some(count) = read_leb(contents, &mut pos) else { return out };
    for _ in 0..count {
        let start = pos;
        let Some(size) = read_leb(contents, &mut pos) else { break };
        let Some(end) = usize::try_from(size).ok().and_then(|s| pos.checked_add(s)).filter(|&e| e <= contents.len()) else {
            break;
        };
        out.push((base + start, end - start));
        pos = end;
    }
    out
}

/// Each data-section entry's position in the module, and where its bytes start.
fn data_entries(contents: &[u8], base: usize) -> Vec<(usize, usize)> {
    let reader = wasmparser::BinaryReader::new(contents, 0);
    let Ok(section) = wasmparser::DataSectionReader::new(reader) else { return Vec::new() };
    section
        .into_iter()
        .map_while(Result::ok)
        .map(|d| (base + d.range.start as usize, base + (d.range.end as usize).saturating_sub(d.data.len())))
        .collect()
}
