//! Sets of objects generated from fuzz bytes. Every object is well formed, so
//! the fuzzer spends its time in resolution, GC, layout and writing instead
//! of stopping at the parser: name clashes, weak and local symbols, TLS,
//! `__start_`, constructors, comdats (of debug sections too), debug sections with relocations,
//! archives, odd alignments, most flags. Used by the `generated` fuzz target
//! and by its smoke test.

use super::*;

/// The fuzz bytes, read one at a time; zeroes once they run out.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: u8) -> u8 {
        self.byte() % n
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.byte() as usize % from.len()]
    }

    fn name(&mut self, own: &[&str], other: &[&str]) -> String {
        match self.below(16) {
            0 => self.pick(RESERVED),
            1 => self.pick(other),
            _ => self.pick(own),
        }
        .to_string()
    }

    fn func_name(&mut self) -> String {
        self.name(FUNC_NAMES, DATA_NAMES)
    }

    fn data_name(&mut self) -> String {
        self.name(DATA_NAMES, FUNC_NAMES)
    }
}

/// Few names, so that objects clash: functions and data have their own, but
/// now and then take the other's or one of the linker's own.
const FUNC_NAMES: &[&str] = &["_start", "main", "f", "g", "h", "i"];
const DATA_NAMES: &[&str] = &["x", "y", "a", "b", "c", "__start_sec", "__stop_sec"];
const RESERVED: &[&str] = &[
    "__wasm_call_ctors", "__heap_base", "__data_end", "__stack_pointer", "__tls_base", "__dso_handle",
    "__wasm_init_tls", "__indirect_function_table", "__memory_base", "__table_base",
];
/// Exception tags' names (`Flavour::Tags`): C++'s, and names of the other kinds.
const TAG_NAMES: &[&str] = &["__cpp_exception", "__c_longjmp", "f", "x"];
/// Wasm globals' names (`Flavour::Globals`): the linker's stack pointer, as every C object
/// imports it, and names of the other kinds.
const GLOBAL_NAMES: &[&str] = &["gv", "gw", "__stack_pointer", "x", "f"];
/// Tables' names (`Flavour::Tables`): the indirect function table, as every object that takes a
/// function's address or calls through a pointer imports it, and names of the other kinds.
const TABLE_NAMES: &[&str] = &["__indirect_function_table", "tt", "tu", "f", "gv"];
const SEGMENTS: &[&str] = &[".data.a", ".data.b", ".bss.c", ".rodata.d", ".tdata.e", ".tbss.f", "sec", ".init_array"];
const SYMBOL_FLAGS: &[u32] = &[0, 0, WEAK, LOCAL, HIDDEN, EXPORTED, NO_STRIP, WEAK | HIDDEN, LOCAL | NO_STRIP];
const TLS: u32 = 0x100;
const LINK_FLAGS: &[&str] = &[
    "--no-entry", "--allow-undefined", "--export-all", "--no-gc-sections", "--stack-first", "--import-memory",
    "--export-table", "--growable-table", "--no-merge-data-segments", "--export-dynamic",
    "--unresolved-symbols=ignore-all", "--warn-unresolved-symbols",
    "-zstack-size=1024", "--global-base=4096", "--export=f", "--export-if-defined=g", "--wrap=f",
    "--strip-all", "--import-undefined", "--print-gc-sections",
];

/// How a set's objects are compiled.
#[derive(Clone, Copy, PartialEq)]
pub enum Flavour {
    /// wasm32, as clang compiles without `-fPIC`.
    Static,
    /// wasm32 as clang's `-fPIC` would: addresses taken relative to `__memory_base` and
    /// `__table_base` or read from the GOT.
    Pic,
    /// wasm64 (`--target=wasm64`): 64-bit addresses, in `i64.const` and in loads' offsets, and
    /// 64-bit pointers in data and debug sections.
    Wasm64,
    /// wasm64 and PIC: i64 `__memory_base`, `__table_base`, `__tls_base` and GOT entries (clang
    /// 19 imports the GOT entries as i32, which does not validate; LLVM 20 fixed it).
    Wasm64Pic,
    /// wasm32 as `Static`, with wasm globals too: defined and undefined, read and written.
    Globals,
    /// wasm32 as `Static`, with exception tags too: defined and undefined, thrown.
    Tags,
    /// wasm32 PIC as `Pic`, with wasm globals as `Globals` too.
    PicGlobals,
    /// wasm64 as `Wasm64`, with tables as `Tables` too (table64s, indexed by an i64).
    Wasm64Tables,
    /// wasm32 PIC as `Pic`, with exception tags as `Tags` too.
    PicTags,
    /// wasm32 as `Static`, with tables too (reference types): defined (`funcref` or
    /// `externref`) and undefined, their sizes and slots read, and calls through the indirect
    /// function table and through the others.
    Tables,
    /// wasm32 PIC as `Pic`, linked with one or two shared libraries (`libd.so`, `libe.so`)
    /// among the objects, which export functions and data of the same names.
    PicShared,
}

/// One object: undefined functions, data symbols in assorted segments,
/// functions whose bodies call, take addresses and take function pointers.
pub fn object(b: &mut Bytes, flavour: Flavour) -> Vec<u8> {
    let pic = matches!(flavour, Flavour::Pic | Flavour::Wasm64Pic | Flavour::PicGlobals | Flavour::PicTags | Flavour::PicShared);
    let wasm64 = matches!(flavour, Flavour::Wasm64 | Flavour::Wasm64Pic | Flavour::Wasm64Tables);
    let tables_too = matches!(flavour, Flavour::Tables | Flavour::Wasm64Tables);
    let mut o = Obj::new();
    o.wasm64 = wasm64;
    let mut used = std::collections::HashSet::new();
    let bases = pic.then(|| {
        used.extend(["__memory_base".to_string(), "__table_base".to_string()]);
        (o.sym(Sym::UndefGlobal { name: "__memory_base".into(), mutable: false }), o.sym(Sym::UndefGlobal { name: "__table_base".into(), mutable: false }))
    });
    let mut void_funcs = Vec::new();
    for _ in 0..b.below(3) {
        let name = b.func_name();
        if used.insert(name.clone()) {
            void_funcs.push(o.undef_func(&name, 0));
        }
    }
    let mut data = Vec::new();
    for _ in 0..b.below(4) {
        let seg = b.pick(SEGMENTS);
        let size = 1 + b.below(16) as u32;
        o.segments.push((seg.to_string(), vec![b.byte(); size as usize], b.below(5) as u32));
        let flags = b.pick(SYMBOL_FLAGS) | if seg.starts_with(".t") { TLS } else { 0 };
        let segment = o.segments.len() as u32 - 1;
        let name = b.data_name();
        let flags = one_definition(&mut used, &name, flags);
        data.push(o.sym(Sym::Data { name, segment, offset: 0, size, flags }));
    }
    // PIC code reads a thread-local symbol's address relative to `__tls_base`.
    let tls_data: Vec<u32> = data.iter().copied().filter(|&d| matches!(o.syms[d as usize], Sym::Data { flags, .. } if flags & TLS != 0)).collect();
    let tls_base = (pic && !tls_data.is_empty() && used.insert("__tls_base".to_string())).then(|| o.sym(Sym::UndefGlobal { name: "__tls_base".into(), mutable: true }));
    for _ in 0..b.below(2) {
        let name = b.data_name();
        let flags = b.pick(&[0, WEAK]);
        if used.insert(name.clone()) {
            data.push(o.sym(Sym::UndefData { name, flags }));
        }
    }
    // Wasm globals (only in their flavour, so that the others' sets stay as they were).
    let mut globals = Vec::new();
    if matches!(flavour, Flavour::Globals | Flavour::PicGlobals) {
        for _ in 0..1 + b.below(3) {
            let name = b.pick(GLOBAL_NAMES).to_string();
            let mutable = b.below(3) != 0;
            if b.below(2) == 0 {
                let flags = one_definition(&mut used, &name, b.pick(SYMBOL_FLAGS));
                globals.push((o.sym(Sym::Global { name, mutable, flags }), mutable));
            } else if used.insert(name.clone()) {
                let flags = b.pick(&[0, WEAK, NO_STRIP, HIDDEN]);
                globals.push((o.sym(Sym::UndefGlobalI32 { name, mutable, flags }), mutable));
            }
        }
    }
    // Exception tags (only in their flavour), of type 0, which has no parameters.
    let mut tags = Vec::new();
    if matches!(flavour, Flavour::Tags | Flavour::PicTags) {
        for _ in 0..1 + b.below(3) {
            let name = b.pick(TAG_NAMES).to_string();
            if b.below(2) == 0 {
                let flags = one_definition(&mut used, &name, b.pick(SYMBOL_FLAGS));
                tags.push(o.sym(Sym::Tag { name, ty: 0, flags }));
            } else if used.insert(name.clone()) {
                let flags = b.pick(&[0, WEAK, NO_STRIP, HIDDEN]);
                tags.push(o.sym(Sym::UndefTag { name, ty: 0, flags }));
            }
        }
    }
    // Tables (only in their flavour): (symbol, funcref).
    let mut tables = Vec::new();
    if tables_too {
        for _ in 0..1 + b.below(3) {
            let name = b.pick(TABLE_NAMES).to_string();
            if b.below(2) == 0 {
                let flags = one_definition(&mut used, &name, b.pick(SYMBOL_FLAGS));
                // (Calls go through the indirect function table: it holds functions.)
                let funcref = b.below(3) != 0 || name == "__indirect_function_table";
                tables.push((o.sym(Sym::Table { name, funcref, min: b.below(3) as u32, flags }), funcref));
            } else if used.insert(name.clone()) {
                // (A weak undefined table is malformed.)
                let flags = b.pick(&[0, NO_STRIP, HIDDEN]);
                tables.push((o.sym(Sym::UndefTable { name, flags }), true));
            }
        }
    }
    // Defined functions' symbols follow, so bodies can name any of them.
    let n = 1 + b.below(4) as u32;
    let first = o.syms.len() as u32;
    let types: Vec<u32> = (0..n).map(|_| if b.below(4) == 0 { 1 } else { 0 }).collect();
    void_funcs.extend((0..n).filter(|&i| types[i as usize] == 0).map(|i| first + i));
    let all_funcs: Vec<u32> = (0..first).filter(|&s| matches!(o.syms[s as usize], Sym::UndefFunc { .. })).chain(first..first + n).collect();
    for (i, &ty) in types.iter().enumerate() {
        let mut body = Body::new();
        for _ in 0..b.below(6) {
            body = match b.below(4) {
                // (A load or an address by the symbol's index, with no byte of its own: the
                // same bytes make the same set in either width, and a difference only one width
                // shows is the width's.)
                1 if wasm64 && !pic && !data.is_empty() => match b.pick(&data) {
                    d if d % 2 == 0 => body.addr64(d).drop_(),
                    d => body.load_at64(d).drop_(),
                },
                2 if wasm64 && !pic => body.func_addr64(b.pick(&all_funcs)).drop_(),
                0 if !void_funcs.is_empty() => body.call(b.pick(&void_funcs)),
                1 if !data.is_empty() => match bases {
                    Some(_) if tls_base.is_some() && b.below(2) == 0 => {
                        let (tls_base, d) = (tls_base.unwrap(), b.pick(&tls_data));
                        match wasm64 {
                            false => body.global_get(tls_base).tlsrel(d).i32_add().drop_(),
                            true => body.global_get(tls_base).tlsrel64(d).i64_add().drop_(),
                        }
                    }
                    Some((memory_base, _)) if b.below(2) == 0 => match (wasm64, b.pick(&data)) {
                        (false, d) => body.global_get(memory_base).mbrel(d).i32_add().drop_(),
                        (true, d) => body.global_get(memory_base).mbrel64(d).i64_add().drop_(),
                    },
                    Some(_) => body.global_get(b.pick(&data)).drop_(),
                    None => body.addr(b.pick(&data)).drop_(),
                },
                2 => match bases {
                    Some((_, table_base)) if b.below(2) == 0 => match (wasm64, b.pick(&all_funcs)) {
                        (false, f) => body.global_get(table_base).tbrel(f).i32_add().drop_(),
                        (true, f) => body.global_get(table_base).tbrel64(f).i64_add().drop_(),
                    },
                    Some(_) => body.global_get(b.pick(&all_funcs)).drop_(),
                    None => body.func_addr(b.pick(&all_funcs)).drop_(),
                },
                3 if !tags.is_empty() && b.below(4) == 0 => body.throw_(b.pick(&tags)),
                3 if tables_too => {
                    let (call, get): (fn(Body, u32, u32) -> Body, fn(Body, u32) -> Body) =
                        if wasm64 { (Body::call_indirect64, Body::table_get64) } else { (Body::call_indirect, Body::table_get) };
                    match b.below(4) {
                        0 => call(body, 0, INDIRECT_TABLE),
                        _ if tables.is_empty() => body.table_size(INDIRECT_TABLE),
                        1 => match b.pick(&tables) {
                            (t, true) => call(body, 0, t),
                            (t, false) => get(body, t),
                        },
                        2 => body.table_size(b.pick(&tables).0),
                        _ => get(body, b.pick(&tables).0),
                    }
                }
                3 if !globals.is_empty() => match b.pick(&globals) {
                    (g, true) if b.below(2) == 0 => body.global_set(g),
                    (g, _) => body.global_get(g).drop_(),
                },
                _ => body.i32_const(b.byte() as i32).drop_(),
            };
        }
        if ty == 1 {
            body = body.i32_const(7);
        }
        o.funcs.push((ty, body.end()));
        let name = b.func_name();
        let flags = one_definition(&mut used, &name, b.pick(SYMBOL_FLAGS));
        o.syms.push(Sym::Func { name, func: i as u32, flags });
    }
    for _ in 0..b.below(3) {
        let f = first + b.below(n as u8) as u32;
        if types[(f - first) as usize] == 0 {
            o.init_funcs.push((b.byte() as u32, f));
        }
    }
    // Pointers in data: to other data, and to functions (table slots).
    let (pointer, memory_addr, table_index) =
        if wasm64 { (8, R_MEMORY_ADDR_I64, R_TABLE_INDEX_I64) } else { (4, R_MEMORY_ADDR_I32, R_TABLE_INDEX_I32) };
    for (seg, (_, bytes, _)) in o.segments.iter().enumerate() {
        for k in 0..(bytes.len() as u32 / 4).min(b.below(3) as u32) {
            let reloc = match b.below(2) {
                0 if !data.is_empty() => (memory_addr, seg as u32, pointer * k, b.pick(&data), b.below(8) as i32),
                _ => (table_index, seg as u32, pointer * k, b.pick(&all_funcs), 0),
            };
            // (The bytes are read as for a 4-byte pointer, which keeps the sets of both widths
            // alike; an 8-byte one that does not fit is left out.)
            if reloc.2 + pointer > bytes.len() as u32 {
                continue;
            }
            o.data_relocs.push(reloc);
        }
    }
    // Debug info: relocations against functions, data and a string section,
    // so dead symbols turn into tombstones.
    if b.below(3) == 0 {
        let strings = o.customs.len();
        o.customs.push((".debug_str".into(), b"abc\0def\0".to_vec(), Vec::new()));
        let section = o.custom_section_index(strings);
        let str_sym = o.sym(Sym::Section { section });
        let mut relocs = Vec::new();
        // (Addresses in wasm64's DWARF are 8 bytes; section offsets stay 4.)
        let (function_offset, slot) = if wasm64 { (R_FUNCTION_OFFSET_I64, 8) } else { (R_FUNCTION_OFFSET_I32, 4) };
        for k in 0..b.below(5) as u32 {
            let (ty, sym) = match b.below(3) {
                0 => (function_offset, first + b.below(n as u8) as u32),
                1 if !data.is_empty() => (memory_addr, b.pick(&data)),
                _ => (R_SECTION_OFFSET_I32, str_sym),
            };
            relocs.push((ty, slot * k, sym, b.below(4) as i32));
        }
        o.customs.push((".debug_info".into(), vec![0; if wasm64 { 40 } else { 16 }], relocs));
    }
    // A comdat holding the first function and maybe the first segment and the debug info (the
    // losing copies' are left out).
    if b.below(4) == 0 {
        let imports = o.syms.iter().filter(|s| matches!(s, Sym::UndefFunc { .. })).count() as u32;
        let mut members = vec![(1, imports)];
        if !o.segments.is_empty() && b.below(2) == 0 {
            members.push((0, 0));
        }
        if !o.customs.is_empty() && b.below(2) == 0 {
            members.push((5, o.custom_section_index(o.customs.len() - 1)));
        }
        o.comdats.push((b.pick(&["cd", "ce"]).to_string(), members));
    }
    if b.below(2) == 0 {
        o.features = vec!["atomics", "bulk-memory", "mutable-globals"];
    }
    if wasm64 {
        o.features.push("memory64");
    }
    if tables_too && b.below(2) == 0 {
        o.features.push("reference-types");
    }
    o.build()
}

/// An object has one non-local symbol per name (LLVM's reader insists): a
/// later definition of a name already used becomes local.
fn one_definition(used: &mut std::collections::HashSet<String>, name: &str, flags: u32) -> u32 {
    if flags & LOCAL != 0 || used.insert(name.to_string()) { flags } else { (flags & !WEAK) | LOCAL }
}

/// Links a generated set as `link_set` made it, then again as a relocatable object
/// (`-r`) and that object as the set's link: `check` sees each outcome (a panic, or an
/// invalid output, is the failure). The round trip is how the fuzzers reach `-r` output, which
/// wasmlink must read back: where the set links, an error at an offset of the `-r` output (a
/// malformed object, or one whose code no longer validates) panics.
pub fn link_and_check(files: &[(String, Vec<u8>)], flags: &[&str], check: impl Fn(Result<wasmlink::Output, Vec<wasmlink::Diagnostic>>)) -> bool {
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let direct = link(&files, flags);
    let linked = direct.is_ok();
    check(direct);
    // (Shared libraries are no part of a relocatable object: they join the final link.)
    let (libraries, objects): (Vec<_>, Vec<_>) = files.iter().cloned().partition(|(n, _)| n.ends_with(".so"));
    let relocatable = link(&objects, &["-r"]);
    let merged = relocatable.as_ref().ok().map(|out| out.module.clone());
    check(relocatable);
    if let Some(merged) = merged {
        let again = link(&[vec![("r.o", merged)], libraries].concat(), flags);
        // (Code that no longer validates only where no input names one of the linker's own
        // symbols, which `-r` does not make: there the round trip may extract other members, or
        // bind a call to another definition.)
        let names_linker_symbol = || {
            let names = RESERVED.iter().chain(&["__start_sec", "__stop_sec"]);
            files.iter().any(|(_, bytes)| names.clone().any(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes())))
        };
        let unreadable = |d: &&wasmlink::Diagnostic| {
            d.file.as_deref() == Some("r.o")
                && d.offset.is_some()
                && (!d.message.contains("is not valid WebAssembly after linking") || !names_linker_symbol())
        };
        if let Err(diags) = &again
            && linked
            && let Some(d) = diags.iter().find(unreadable)
        {
            panic!("wasmlink cannot read its own -r output: {}", d.message);
        }
        check(again);
    }
    linked
}

/// One to three objects (the later ones sometimes in an archive) and a
/// handful of flags.
pub fn link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Static)
}

/// As `link_set`, of PIC objects, linked into a shared library or a PIE (`--experimental-pic`).
pub fn pic_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Pic)
}

/// As `link_set`, of wasm64 objects, linked with `-mwasm64`.
pub fn wasm64_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Wasm64)
}

/// A set's files and flags.
pub type Set = (Vec<(String, Vec<u8>)>, Vec<&'static str>);

/// As `pic_link_set`, of wasm64 objects.
pub fn wasm64_pic_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Wasm64Pic)
}

/// Every kind of set, each made from the same fuzz bytes by the `generated` target, its smoke
/// test and the regression replay.
pub const SET_MAKERS: [fn(&mut Bytes) -> Set; 11] = [
    link_set,
    pic_link_set,
    wasm64_link_set,
    wasm64_pic_link_set,
    globals_link_set,
    tags_link_set,
    tables_link_set,
    pic_globals_link_set,
    wasm64_tables_link_set,
    pic_tags_link_set,
    pic_shared_link_set,
];

/// As `pic_link_set`, with shared libraries among the objects.
pub fn pic_shared_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::PicShared)
}

/// As `pic_link_set`, of objects with exception tags too.
pub fn pic_tags_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::PicTags)
}

/// As `wasm64_link_set`, of objects with tables too.
pub fn wasm64_tables_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Wasm64Tables)
}

/// As `pic_link_set`, of objects with wasm globals too.
pub fn pic_globals_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::PicGlobals)
}

/// As `link_set`, of objects with tables too.
pub fn tables_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Tables)
}

/// As `link_set`, of objects with exception tags too.
pub fn tags_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Tags)
}

/// As `link_set`, of objects with wasm globals too.
pub fn globals_link_set(b: &mut Bytes) -> Set {
    set_of(b, Flavour::Globals)
}

fn set_of(b: &mut Bytes, flavour: Flavour) -> Set {
    let mut flags = Vec::new();
    match flavour {
        Flavour::Pic | Flavour::PicGlobals | Flavour::PicTags => flags.extend(["--experimental-pic", b.pick(&["-shared", "-pie"])]),
        Flavour::PicShared => {
            flags.extend(["--experimental-pic", b.pick(&["-shared", "-pie"])]);
            if b.below(3) == 0 {
                flags.push(b.pick(&["--no-shlib-sigcheck", "-Bsymbolic", "--export-dynamic", "--unresolved-symbols=import-dynamic"]));
            }
        }
        Flavour::Wasm64 | Flavour::Wasm64Tables => flags.push("-mwasm64"),
        Flavour::Wasm64Pic => flags.extend(["-mwasm64", "--experimental-pic", b.pick(&["-shared", "-pie"])]),
        Flavour::Static | Flavour::Globals | Flavour::Tags | Flavour::Tables => {}
    }
    // Mostly links that can succeed: no entry to find, undefined allowed.
    if b.below(4) != 0 {
        flags.push("--no-entry");
    }
    if b.below(2) != 0 {
        flags.push("--allow-undefined");
    }
    for _ in 0..b.below(5) {
        flags.push(b.pick(LINK_FLAGS));
    }
    if b.below(4) == 0 {
        flags.extend(["--shared-memory", "--max-memory=1048576"]);
    }
    let objects: Vec<Vec<u8>> = (0..1 + b.below(3)).map(|_| object(b, flavour)).collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let in_archive = if objects.len() > 1 && b.below(3) == 0 { 1 } else { objects.len() };
    for (i, obj) in objects[..in_archive].iter().enumerate() {
        files.push((format!("o{i}.o"), obj.clone()));
    }
    if in_archive < objects.len() {
        let names: Vec<String> = (in_archive..objects.len()).map(|i| format!("m{i}.o")).collect();
        let members: Vec<(&str, &[u8])> = names.iter().map(String::as_str).zip(objects[in_archive..].iter().map(Vec::as_slice)).collect();
        files.push(("lib.a".into(), archive(&members)));
    }
    if flavour == Flavour::PicShared {
        for name in ["libd.so", "libe.so"].into_iter().take(1 + b.below(2) as usize) {
            let at = b.below(files.len() as u8 + 1) as usize;
            files.insert(at, (name.to_string(), library(b)));
        }
    }
    (files, flags)
}

/// A shared library for `Flavour::PicShared`: functions (now and then returning an i32, which
/// the objects' calls do not expect) and data, named from the objects' names (and now and then
/// one of the linker's), so that libraries and objects define and use the same names.
fn library(b: &mut Bytes) -> Vec<u8> {
    let mut used = std::collections::HashSet::new();
    let mut funcs = Vec::new();
    for _ in 0..1 + b.below(3) {
        let name = b.func_name();
        if used.insert(name.clone()) {
            funcs.push((name, (b.below(4) == 0) as u32));
        }
    }
    let mut data = Vec::new();
    for k in 0..b.below(3) as u32 {
        let name = b.data_name();
        if used.insert(name.clone()) {
            data.push((name, 8 * k));
        }
    }
    shared_library(&funcs, &data)
}
