//! Phase tests on small objects built in code: resolution, GC, layout,
//! relocation, and a diagnostic (never a panic) for each kind of bad input.

mod objbuilder;

use objbuilder::*;
use wasmlink::{Diagnostic, InputFile, Output, Severity};
use wasmparser::{Name, Operator, Parser, Payload};

/// The messages of [`errors`].
fn error_messages(r: Result<Output, Vec<Diagnostic>>) -> Vec<String> {
    errors(r).into_iter().map(|d| d.message).collect()
}

/// Function names from the output's name section, by index.
fn func_names(module: &[u8]) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for p in Parser::new(0).parse_all(module) {
        if let Ok(Payload::CustomSection(c)) = p
            && let wasmparser::KnownCustom::Name(names) = c.as_known()
        {
            for n in names {
                if let Ok(Name::Function(map)) = n {
                    for naming in map {
                        let naming = naming.unwrap();
                        out.push((naming.index, naming.name.to_string()));
                    }
                }
            }
        }
    }
    out
}

fn index_of(module: &[u8], name: &str) -> u32 {
    func_names(module).into_iter().find(|(_, n)| n == name).unwrap_or_else(|| panic!("no function {name}")).0
}

/// Operators of the defined function with output index `idx`.
fn ops_of(module: &[u8], idx: u32) -> Vec<String> {
    let mut imported = 0;
    let mut defined = 0;
    for p in Parser::new(0).parse_all(module) {
        match p.unwrap() {
            Payload::ImportSection(r) => {
                for i in r.into_imports() {
                    if matches!(i.unwrap().ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                if defined + imported == idx {
                    let mut ops = Vec::new();
                    let mut r = body.get_operators_reader().unwrap();
                    while !r.eof() {
                        let op: Operator = r.read().unwrap();
                        ops.push(format!("{op:?}"));
                    }
                    return ops;
                }
                defined += 1;
            }
            _ => {}
        }
    }
    panic!("no function {idx}")
}

fn exports(module: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for p in Parser::new(0).parse_all(module) {
        if let Ok(Payload::ExportSection(r)) = p {
            for e in r {
                out.push(e.unwrap().name.to_string());
            }
        }
    }
    out
}

/// main.o: `_start` calls `foo` (undefined here).
fn caller() -> Vec<u8> {
    let mut o = Obj::new();
    let foo_sym = o.undef_func("foo", 0);
    o.func("_start", 0, 0, Body::new().call(foo_sym).end());
    o.build()
}

fn callee(name: &str, flags: u32) -> Vec<u8> {
    let mut o = Obj::new();
    o.func(name, 0, flags, Body::new().end());
    o.build()
}

#[test]
fn call_across_files_is_relocated() {
    let out = link(&[("main.o", caller()), ("foo.o", callee("foo", 0))], &[]).unwrap();
    let start = index_of(&out.module, "_start");
    let foo = index_of(&out.module, "foo");
    assert_eq!(ops_of(&out.module, start)[0], format!("Call {{ function_index: {foo} }}"));
    assert!(exports(&out.module).contains(&"_start".to_string()));
}

#[test]
fn undefined_symbols_are_reported_per_relocation_with_their_files() {
    let mut o = Obj::new();
    let foo = o.undef_func("foo", 0);
    let bar = o.undef_func("bar", 0);
    o.func("_start", 0, 0, Body::new().call(foo).call(bar).end());
    let mut o2 = Obj::new();
    let foo2 = o2.undef_func("foo", 0);
    o2.func("other", 0, EXPORTED, Body::new().call(foo2).end());
    let errs = error_messages(link(&[("a.o", o.build()), ("b.o", o2.build())], &[]));
    // As wasm-ld: one error per relocation, in scan order (file by file).
    assert_eq!(errs, ["a.o: undefined symbol: foo", "a.o: undefined symbol: bar", "b.o: undefined symbol: foo"]);
}

#[test]
fn allow_undefined_imports_the_function() {
    let out = link(&[("main.o", caller())], &["--allow-undefined"]).unwrap();
    let mut found = false;
    for p in Parser::new(0).parse_all(&out.module) {
        if let Ok(Payload::ImportSection(r)) = p {
            for i in r.into_imports() {
                let i = i.unwrap();
                found |= i.module == "env" && i.name == "foo";
            }
        }
    }
    assert!(found);
}

#[test]
fn duplicate_strong_definitions_name_both_files() {
    let errs = error_messages(link(&[("main.o", caller()), ("a.o", callee("foo", 0)), ("b.o", callee("foo", 0))], &[]));
    assert_eq!(errs, ["duplicate symbol: foo\n>>> defined in a.o\n>>> defined in b.o"]);
    assert!(link(&[("main.o", caller()), ("a.o", callee("foo", 0)), ("b.o", callee("foo", 0))], &["--allow-multiple-definition"]).is_ok());
}

#[test]
fn strong_definition_beats_weak() {
    let mut weak = Obj::new();
    weak.func("foo", 0, WEAK, Body::new().i32_const(1).drop_().end());
    let out = link(&[("main.o", caller()), ("weak.o", weak.build()), ("strong.o", callee("foo", 0))], &[]).unwrap();
    let foo = index_of(&out.module, "foo");
    // The strong one is empty: just `end`.
    assert_eq!(ops_of(&out.module, foo), ["End"]);
}

#[test]
fn unused_functions_are_collected_unless_told_otherwise() {
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    o.func("unused", 0, 0, Body::new().end());
    let bytes = o.build();
    let out = link(&[("a.o", bytes.clone())], &[]).unwrap();
    assert!(func_names(&out.module).iter().all(|(_, n)| n != "unused"));
    let out = link(&[("a.o", bytes)], &["--no-gc-sections"]).unwrap();
    assert!(func_names(&out.module).iter().any(|(_, n)| n == "unused"));
}

#[test]
fn data_addresses_follow_the_global_base() {
    let mut o = Obj::new();
    let x = o.data("x", ".data.x", &[1, 2, 3, 4], 0);
    let y = o.data("y", ".rodata.y", &[5, 6, 7, 8], 0);
    o.func("_start", 0, 0, Body::new().addr(x).load().drop_().addr(y).load().drop_().end());
    let out = link(&[("a.o", o.build())], &[]).unwrap();
    let ops = ops_of(&out.module, index_of(&out.module, "_start"));
    // .rodata is placed before .data, from 1024.
    assert_eq!(ops[0], "I32Const { value: 1028 }", "{ops:?}");
    assert_eq!(ops[3], "I32Const { value: 1024 }", "{ops:?}");
    let out = link(&[("a.o", o.build())], &["--global-base=4096"]).unwrap();
    let ops = ops_of(&out.module, index_of(&out.module, "_start"));
    assert_eq!(ops[3], "I32Const { value: 4096 }", "{ops:?}");
}

#[test]
fn function_addresses_get_table_slots_from_one() {
    let mut o = Obj::new();
    let f = o.func("f", 0, 0, Body::new().end());
    o.func("_start", 0, 0, Body::new().func_addr(f).drop_().end());
    let out = link(&[("a.o", o.build())], &[]).unwrap();
    let ops = ops_of(&out.module, index_of(&out.module, "_start"));
    assert_eq!(ops[0], "I32Const { value: 1 }");
}

#[test]
fn weak_undefined_function_gets_a_trapping_stub_and_null_address() {
    let mut o = Obj::new();
    let w = o.sym(Sym::UndefFunc { name: "maybe".into(), ty: 0, flags: UNDEFINED | WEAK });
    o.func("_start", 0, 0, Body::new().func_addr(w).drop_().call(w).end());
    let out = link(&[("a.o", o.build())], &[]).unwrap();
    let ops = ops_of(&out.module, index_of(&out.module, "_start"));
    assert_eq!(ops[0], "I32Const { value: 0 }");
    let stub = index_of(&out.module, "undefined_weak:maybe");
    assert_eq!(ops_of(&out.module, stub), ["Unreachable", "End"]);
}

#[test]
fn signature_mismatch_warns_and_calls_a_stub() {
    let mut o = Obj::new();
    let foo = o.undef_func("foo", 2); // called as (i32) -> ()
    o.func("_start", 0, 0, Body::new().i32_const(7).call(foo).end());
    let files = [("main.o", o.build()), ("foo.o", callee("foo", 0))];
    let out = link(&files, &[]).unwrap();
    let w: Vec<_> = out.diagnostics.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].message, "function signature mismatch: foo\n>>> defined as (i32) -> void in main.o\n>>> defined as () -> void in foo.o");
    let stub = index_of(&out.module, "signature_mismatch:foo");
    assert_eq!(ops_of(&out.module, index_of(&out.module, "_start"))[1], format!("Call {{ function_index: {stub} }}"));
    let errs = error_messages(link(&files, &["--fatal-warnings"]));
    assert_eq!(errs.len(), 1);
}

#[test]
fn constructors_run_by_priority_then_input_order() {
    let mut a = Obj::new();
    let c1 = a.func("ctor_a_300", 0, 0, Body::new().end());
    let c2 = a.func("ctor_a_100", 0, 0, Body::new().end());
    let ctors = a.undef_func("__wasm_call_ctors", 0);
    a.func("_start", 0, 0, Body::new().call(ctors).end());
    a.init_funcs = vec![(300, c1), (100, c2)];
    let mut b = Obj::new();
    let c3 = b.func("ctor_b_300", 0, 0, Body::new().end());
    b.init_funcs = vec![(300, c3)];
    let b_dummy = b.func("b_export", 0, EXPORTED, Body::new().end());
    let _ = b_dummy;
    let out = link(&[("a.o", a.build()), ("b.o", b.build())], &[]).unwrap();
    let calls = ops_of(&out.module, index_of(&out.module, "__wasm_call_ctors"));
    let want: Vec<String> = ["ctor_a_100", "ctor_a_300", "ctor_b_300"]
        .iter()
        .map(|n| format!("Call {{ function_index: {} }}", index_of(&out.module, n)))
        .chain(["End".to_string()])
        .collect();
    assert_eq!(calls, want);
}

#[test]
fn archive_members_load_only_when_referenced() {
    let ar = archive(&[("foo.o", &callee("foo", 0)), ("unused.o", &callee("never_called", 0)), ("lib.rmeta", b"not wasm")]);
    let out = link(&[("main.o", caller()), ("libx.a", ar)], &[]).unwrap();
    let names = func_names(&out.module);
    assert!(names.iter().any(|(_, n)| n == "foo"));
    assert!(names.iter().all(|(_, n)| n != "never_called"));
}

#[test]
fn archive_without_member_gives_undefined_symbol() {
    let ar = archive(&[("other.o", &callee("other", 0))]);
    let errs = error_messages(link(&[("main.o", caller()), ("libx.a", ar)], &[]));
    assert_eq!(errs, ["main.o: undefined symbol: foo"]);
}

#[test]
fn missing_entry_is_an_error() {
    let errs = error_messages(link(&[("foo.o", callee("foo", 0))], &[]));
    assert_eq!(errs, ["entry symbol not defined (pass --no-entry to suppress): _start"]);
    assert!(link(&[("foo.o", callee("foo", 0))], &["--no-entry"]).is_ok());
}

#[test]
fn export_of_missing_symbol_is_an_error() {
    let errs = error_messages(link(&[("foo.o", callee("foo", 0))], &["--no-entry", "--export=nothere"]));
    assert_eq!(errs, ["symbol exported via --export not found: nothere"]);
    assert!(link(&[("foo.o", callee("foo", 0))], &["--no-entry", "--export-if-defined=nothere"]).is_ok());
}

#[test]
fn non_wasm_inputs_are_named() {
    let errs = error_messages(link(&[("x.o", b"\x7fELF\x02\x01\x01rest".to_vec())], &[]));
    assert!(errs[0].contains("x.o") && errs[0].contains("ELF"), "{errs:?}");
    let errs = error_messages(link(&[("x.bc", b"BC\xc0\xde....".to_vec())], &[]));
    assert!(errs[0].contains("bitcode"), "{errs:?}");
}

/// An archive member of LLVM bitcode (`-flto`, rustc's `-C linker-plugin-lto`) is an error
/// naming the member where the link extracts it, as one that does not parse; elsewhere it is
/// left alone, without the warning for members that are no object at all.
#[test]
fn bitcode_archive_members_are_an_error_where_extracted() {
    let bitcode: &[u8] = b"BC\xc0\xde\x35\x14\x00\x00";
    let ar = indexed_archive(&[("foo.o", bitcode, &["foo"]), ("bar.o", &callee("bar", 0), &["bar"])]);
    let errs = error_messages(link(&[("main.o", caller()), ("libx.a", ar.clone())], &[]));
    assert_eq!(errs, ["libx.a(foo.o): LLVM bitcode (LTO is not supported; compile without -flto)"]);
    // Not extracted: linked, and no warning.
    let out = link(&[("libx.a", ar.clone())], &["--no-entry", "-u", "bar"]).unwrap();
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let errs = error_messages(link(&[("libx.a", ar)], &["--no-entry", "--whole-archive"]));
    assert_eq!(errs, ["libx.a(foo.o): LLVM bitcode (LTO is not supported; compile without -flto)"]);
}

#[test]
fn malformed_members_are_an_error_only_where_extracted() {
    // main.o calls `foo` and `bar`; the index says bad.o offers `bar`, but foo.o, extracted
    // first, defines it. With two threads bad.o is parsed ahead, both names being undefined
    // when the archive is reached: its error must still wait for an extraction.
    let mut main = Obj::new();
    let (foo, bar) = (main.undef_func("foo", 0), main.undef_func("bar", 0));
    main.func("_start", 0, 0, Body::new().call(foo).call(bar).end());
    let mut foo_o = Obj::new();
    foo_o.func("foo", 0, 0, Body::new().end());
    foo_o.func("bar", 0, 0, Body::new().end());
    let bad = &caller()[..20];
    let ar = indexed_archive(&[("foo.o", &foo_o.build(), &["foo"]), ("bad.o", bad, &["bar", "bad"])]);
    let out = link(&[("main.o", main.build()), ("libx.a", ar.clone())], &[]).unwrap();
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let errs = error_messages(link(&[("main.o", caller()), ("libx.a", ar)], &["-u", "bad"]));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("libx.a(bad.o): "), "{errs:?}");
}

#[test]
fn truncated_objects_fail_cleanly_at_every_length() {
    let full = caller();
    for len in 0..full.len() {
        // A cut at a section boundary can still be a valid (smaller) object.
        if let Err(d) = link(&[("cut.o", full[..len].to_vec())], &["--no-entry", "--allow-undefined"]) {
            assert!(d.iter().all(|e| e.message.contains("cut.o")), "len {len}: {d:?}");
        }
    }
}

/// A reference to type 1 of the object's own type section: `(ref null 1)`.
fn ref_to_type_1() -> wasm_encoder::ValType {
    wasm_encoder::ValType::Ref(wasm_encoder::RefType { nullable: true, heap_type: wasm_encoder::HeapType::Concrete(1) })
}

// An object's types are renumbered in the output, and nothing relocates a type index inside
// another type or an instruction: such an object was linked with the index meaning another
// type (a module that validates and means something else). Both are refused, naming the file.
#[test]
fn a_signature_that_names_a_type_by_index_is_refused() {
    let mut o = Obj::new();
    o.types.push((vec![ref_to_type_1()], vec![]));
    o.func("_start", 3, 0, Body::new().end());
    let errs = error_messages(link(&[("typed.o", o.build())], &[]));
    assert!(errs[0].starts_with("typed.o: ") && errs[0].contains("typed function references"), "{errs:?}");
}

#[test]
fn a_reference_type_other_than_the_nullable_abstract_ones_is_refused() {
    // `(ref func)`, non-nullable: function references, which the output is not validated with.
    let mut o = Obj::new();
    let non_null = wasm_encoder::ValType::Ref(wasm_encoder::RefType { nullable: false, heap_type: wasm_encoder::HeapType::FUNC });
    o.types.push((vec![non_null], vec![]));
    o.func("_start", 0, 0, Body::new().end());
    o.func("f", 3, 0, Body::new().end());
    let errs = error_messages(link(&[("ref.o", o.build())], &["--export=f"]));
    assert!(errs[0].starts_with("ref.o: reference type") && errs[0].contains("only funcref, externref and exnref"), "{errs:?}");
}

#[test]
fn an_instruction_that_names_a_type_by_index_is_refused() {
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().raw(&[0xd0, 0x01, 0x1a]).end()); // ref.null 1; drop
    let errs = error_messages(link(&[("typed.o", o.build())], &[]));
    assert!(errs[0].starts_with("typed.o: ") && errs[0].contains("_start") && errs[0].contains("function references"), "{errs:?}");
}

#[test]
fn relocation_past_function_end_is_reported() {
    let mut o = Obj::new();
    let foo = o.undef_func("foo", 0);
    let mut body = Body::new().call(foo).end();
    body.relocs[0].1 = 100; // past the body
    o.funcs.push((0, body));
    o.sym(Sym::Func { name: "_start".into(), func: 0, flags: 0 });
    let errs = error_messages(link(&[("bad.o", o.build())], &[]));
    assert!(errs[0].starts_with("bad.o: ") && errs[0].contains("past the end"), "{errs:?}");
}

#[test]
fn relocation_symbol_index_out_of_range_is_reported() {
    let mut o = Obj::new();
    let foo = o.undef_func("foo", 0);
    let mut body = Body::new().call(foo).end();
    body.relocs[0].2 = 99;
    o.funcs.push((0, body));
    o.sym(Sym::Func { name: "_start".into(), func: 0, flags: 0 });
    let errs = error_messages(link(&[("bad.o", o.build())], &[]));
    assert!(errs[0].starts_with("bad.o: ") && errs[0].contains("index 99 out of range"), "{errs:?}");
}

#[test]
fn undefined_weak_global_or_tag_is_a_malformed_object() {
    // LLVM's object reader refuses one, and wasm-ld-19 with it: neither has a default value.
    let build = |tag: bool, flags| {
        let mut o = Obj::new();
        let body = if tag {
            let t = o.sym(Sym::UndefTag { name: "t".into(), ty: 0, flags });
            Body::new().throw_(t).end()
        } else {
            let g = o.sym(Sym::UndefGlobalI32 { name: "g".into(), mutable: false, flags });
            Body::new().global_get(g).drop_().end()
        };
        o.funcs.push((0, body));
        o.sym(Sym::Func { name: "_start".into(), func: 0, flags: 0 });
        o.build()
    };
    for (tag, what, import) in [(false, "global", "(import \"env\" \"g\" (global"), (true, "tag", "(import \"env\" \"t\" (tag")] {
        let errs = error_messages(link(&[("weak.o", build(tag, WEAK))], &["--allow-undefined"]));
        assert!(errs[0].starts_with(&format!("weak.o: undefined weak {what} symbol (at offset 0x")), "{errs:?}");
        let strong = link(&[("strong.o", build(tag, 0))], &["--allow-undefined"]).expect("a strong one is imported");
        assert!(wasmprinter::print_bytes(&strong.module).unwrap().contains(import), "{what}");
    }
}

/// An object with a `name` custom section and a comdat (kind 5: WASM_COMDAT_SECTION) naming
/// section `section` (`None`: that custom section).
fn comdat_of_section(section: Option<u32>) -> Vec<u8> {
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    o.customs.push(("name".into(), Vec::new(), Vec::new()));
    o.comdats.push(("cd".into(), vec![(5, section.unwrap_or(o.custom_section_index(0)))]));
    o.build()
}

#[test]
fn a_comdat_may_hold_only_custom_sections() {
    // Section 0 is the type section.
    let errs = error_messages(link(&[("bad.o", comdat_of_section(Some(0)))], &[]));
    assert!(errs[0].starts_with("bad.o: ") && errs[0].contains("comdat member section 0 is not a custom section"), "{errs:?}");
    // (LLVM accepts any custom section there; this one, `name`, is made again for the output.)
    link(&[("a.o", comdat_of_section(None))], &[]).unwrap();
}

/// An object whose `.debug_info` holds one relocation, `reloc`; its `_start` is symbol 0.
fn with_debug_reloc(reloc: Reloc) -> Vec<u8> {
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    o.customs.push((".debug_info".into(), vec![0; 16], vec![reloc]));
    o.build()
}

#[test]
fn a_debug_sections_relocations_are_checked_where_they_are_applied() {
    // R_WASM_FUNCTION_OFFSET_I32 (8) against `_start`, at offset 4: patched in.
    let good = link(&[("d.o", with_debug_reloc((8, 4, 0, 0)))], &[]).unwrap().module;
    let debug = custom_section(&good, ".debug_info").expect("the section is kept");
    // _start is the only function: its body starts after the code section's count and its
    // entry's size, one byte each.
    assert_eq!(debug[4..8], 2u32.to_le_bytes());
    for (reloc, problem) in [
        ((8, 4, 99, 0), "index 99 out of range"),
        ((3, 4, 0, 0), "R_WASM_MEMORY_ADDR_LEB at offset 0x4 refers to a Function symbol"),
        ((8, 14, 0, 0), "relocation at offset 0xe runs past the end of section .debug_info"),
        ((200, 4, 0, 0), "unknown relocation type 200"),
    ] {
        let bad = with_debug_reloc(reloc);
        // Also where the relocations are kept in the output: never copied on unchecked.
        for flags in [&[][..], &["-r"], &["--emit-relocs"]] {
            let errs = error_messages(link(&[("d.o", bad.clone())], flags));
            assert!(
                errs.iter().any(|e| e.starts_with("d.o: ") && e.contains(problem) && e.contains("(at offset 0x")),
                "{reloc:?} {flags:?}: {errs:?}"
            );
        }
        // Kept encoded until applied, the relocations of a section --strip-debug drops are
        // never read (wasm-ld, which reads them all as it loads the object, would stop here).
        assert!(link(&[("d.o", bad)], &["--strip-debug"]).is_ok(), "{reloc:?}");
    }
}

#[test]
fn section_offsets_go_to_each_sections_place_in_the_output() {
    // Ten custom sections in two files; b.o's `.debug_info` names each of its own ten with
    // R_WASM_SECTION_OFFSET_I32, then the first two again: more sections than the writer
    // remembers per chunk (8), so both its remembered places and its lookups are used. Each
    // of b.o's parts comes after a.o's, which is 4 * (k + 1) bytes long in section k.
    const N: usize = 10;
    let name = |k: usize| format!(".debug_x{k}");
    let mut a = Obj::new();
    a.func("_start", 0, 0, Body::new().end());
    for k in 0..N {
        a.customs.push((name(k), vec![0xaa; 4 * (k + 1)], Vec::new()));
    }
    let mut b = Obj::new();
    let first = b.customs.len();
    for k in 0..N {
        b.customs.push((name(k), vec![0xbb; 4], Vec::new()));
    }
    let sections: Vec<u32> = (0..N).map(|k| b.custom_section_index(first + k)).collect();
    let symbols: Vec<u32> = sections.into_iter().map(|section| b.sym(Sym::Section { section })).collect();
    let again = [0, 1];
    let relocs = (0..N).chain(again).enumerate().map(|(slot, k)| (R_SECTION_OFFSET_I32, 4 * slot as u32, symbols[k], 100 * slot as i32)).collect();
    b.customs.push((".debug_info".into(), vec![0; 4 * (N + again.len())], relocs));
    let out = link(&[("a.o", a.build()), ("b.o", b.build())], &[]).unwrap().module;
    let info = custom_section(&out, ".debug_info").expect("kept");
    let values: Vec<u32> = info.chunks(4).map(|w| u32::from_le_bytes(w.try_into().unwrap())).collect();
    let want: Vec<u32> = (0..N).chain(again).enumerate().map(|(slot, k)| 4 * (k as u32 + 1) + 100 * slot as u32).collect();
    assert_eq!(values, want);
}

/// The payload of the custom section `name` of a module.
fn custom_section(module: &[u8], name: &str) -> Option<Vec<u8>> {
    Parser::new(0).parse_all(module).find_map(|p| match p {
        Ok(Payload::CustomSection(c)) if c.name() == name => Some(c.data().to_vec()),
        _ => None,
    })
}

#[test]
fn corrupted_bytes_never_panic() {
    // Flip each byte of a valid object in turn: every result is a link or
    // a diagnostic naming the file.
    let mut o = Obj::new();
    let x = o.data("x", ".data.x", &[1, 2, 3, 4], 0);
    let foo = o.undef_func("foo", 0);
    let start = o.func("_start", 0, 0, Body::new().addr(x).load().drop_().call(foo).end());
    // Debug information's relocations are read late (where they are applied): flipped too.
    o.customs.push((".debug_info".into(), vec![0; 16], vec![(8, 4, start, 0), (5, 8, x, 2)]));
    let full = o.build();
    for i in 0..full.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut b = full.clone();
            b[i] ^= flip;
            if let Err(d) = link(&[("m.o", b)], &["--allow-undefined"]) {
                assert!(d.iter().all(|d| d.severity != Severity::Error || d.message.contains("m.o") || d.message.contains("_start") || d.message.contains("undefined")), "{d:?}");
            }
        }
    }
}

#[test]
fn output_is_deterministic() {
    let a = link(&[("main.o", caller()), ("foo.o", callee("foo", 0))], &[]).unwrap().module;
    let b = link(&[("main.o", caller()), ("foo.o", callee("foo", 0))], &[]).unwrap().module;
    assert_eq!(a, b);
}

/// An object with .data, .bss and TLS whose `_start` touches all three.
fn threaded_object(features: &[&'static str]) -> Vec<u8> {
    let mut o = Obj::new();
    let d = o.data("d", ".data.d", &[1, 2, 3, 4], 0);
    let b = o.data("b", ".bss.b", &[0; 8], 0);
    let t = o.tls("t", &[7, 0, 0, 0]);
    o.func("_start", 0, 0, Body::new().addr(d).load().drop_().addr(b).load().drop_().addr(t).drop_().end());
    o.features = features.to_vec();
    o.build()
}

fn sections(module: &[u8]) -> Vec<String> {
    Parser::new(0)
        .parse_all(module)
        .filter_map(|p| match p.unwrap() {
            Payload::StartSection { func, .. } => Some(format!("start {func}")),
            Payload::DataCountSection { count, .. } => Some(format!("datacount {count}")),
            Payload::DataSection(r) => Some(
                r.into_iter()
                    .map(|d| match d.unwrap().kind {
                        wasmparser::DataKind::Passive => "passive".to_string(),
                        wasmparser::DataKind::Active { .. } => "active".to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn shared_memory_requires_atomics_and_bulk_memory() {
    let errs = error_messages(link(&[("a.o", threaded_object(&["atomics"]))], &["--shared-memory", "--import-memory"]));
    // The object has TLS too, which needs the same features (lld reports both).
    assert_eq!(
        errs,
        [
            "'bulk-memory' feature must be used in order to use shared memory",
            "'bulk-memory' feature must be used in order to use thread-local storage"
        ]
    );
}

#[test]
fn shared_memory_makes_segments_passive_and_starts_with_init_memory() {
    let obj = threaded_object(&["atomics", "bulk-memory"]);
    let out = link(&[("a.o", obj.clone())], &["--shared-memory", "--import-memory", "--max-memory=131072"]).unwrap();
    let init = index_of(&out.module, "__wasm_init_memory");
    // .tdata and .data are passive; .bss is zeroed by memory.fill.
    assert_eq!(sections(&out.module), [format!("start {init}"), "datacount 2".into(), "passive,passive".into()]);
    let ops = ops_of(&out.module, init);
    assert!(ops.iter().any(|o| o.starts_with("I32AtomicRmwCmpxchg")), "{ops:?}");
    assert!(ops.iter().any(|o| o.starts_with("MemoryAtomicWait32")), "{ops:?}");
    assert!(ops.iter().any(|o| o.starts_with("MemoryFill")), "{ops:?}");
    // Every segment but .tdata is dropped.
    assert_eq!(ops.iter().filter(|o| o.starts_with("DataDrop")).count(), 1, "{ops:?}");
    // Without shared memory the same object gets active segments and no start.
    let out = link(&[("a.o", obj)], &[]).unwrap();
    assert_eq!(sections(&out.module), ["active,active"]);
}

fn build_id(module: &[u8]) -> Option<Vec<u8>> {
    Parser::new(0).parse_all(module).find_map(|p| match p.unwrap() {
        Payload::CustomSection(c) if c.name() == "build_id" => Some(c.data().to_vec()),
        _ => None,
    })
}

#[test]
fn build_id_styles() {
    let files = [("main.o", caller()), ("foo.o", callee("foo", 0))];
    let sha1 = build_id(&link(&files, &["--build-id=sha1"]).unwrap().module).unwrap();
    assert_eq!((sha1[0], sha1.len()), (20, 21));
    let fast = link(&files, &["--build-id"]).unwrap().module;
    assert_eq!(build_id(&fast).unwrap().len(), 17);
    assert_eq!(fast, link(&files, &["--build-id=fast"]).unwrap().module, "deterministic");
    assert_eq!(build_id(&link(&files, &["--build-id=0xdeadbeef"]).unwrap().module).unwrap(), [4, 0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(build_id(&link(&files, &["--build-id=none"]).unwrap().module), None);
    // A random version 4 UUID: another each time.
    let uuid = build_id(&link(&files, &["--build-id=uuid"]).unwrap().module).unwrap();
    assert_eq!((uuid.len(), uuid[7] >> 4, uuid[9] >> 6), (17, 4, 0b10));
    assert_ne!(uuid, build_id(&link(&files, &["--build-id=uuid"]).unwrap().module).unwrap());
    // fast is a version 5 UUID.
    let fast = build_id(&fast).unwrap();
    assert_eq!((fast[7] >> 4, fast[9] >> 6), (5, 0b10));
}

#[test]
fn bsd_archives_with_long_names() {
    let ar = bsd_archive(&[("a_rather_long_member_name.o", &callee("foo", 0))]);
    let out = link(&[("main.o", caller()), ("libx.a", ar)], &[]).unwrap();
    assert!(func_names(&out.module).iter().any(|(_, n)| n == "foo"));
}

#[test]
fn whole_archive_loads_every_member() {
    let ar = archive(&[("keep.o", &callee("kept_by_whole_archive", EXPORTED))]);
    let files = [("main.o", caller()), ("foo.o", callee("foo", 0)), ("libx.a", ar)];
    let out = link(&files, &[]).unwrap();
    assert!(!exports(&out.module).contains(&"kept_by_whole_archive".to_string()));
    let inputs: Vec<InputFile> = files.iter().map(|(n, b)| InputFile { name: n.to_string(), bytes: b.clone() }).collect();
    let args: Vec<String> = ["main.o", "foo.o", "--whole-archive", "libx.a", "--no-whole-archive"].map(String::from).into();
    let out = wasmlink::link_args(&args, &inputs).unwrap();
    assert!(exports(&out.module).contains(&"kept_by_whole_archive".to_string()));
}

#[test]
fn link_args_refuses_help_and_version_by_name() {
    for asked in ["--help", "--version", "-v"] {
        let errs = wasmlink::link_args(&[asked.to_string()], &[]).unwrap_err();
        let want = if asked == "--help" { "--help" } else { "--version" };
        assert_eq!(errs.len(), 1, "{asked}: {errs:?}");
        assert!(errs[0].message.starts_with(&format!("{want}: link-args only links")), "{asked}: {errs:?}");
    }
    // `-v` with inputs links, as in lld.
    let inputs = [InputFile { name: "main.o".into(), bytes: caller() }, InputFile { name: "foo.o".into(), bytes: callee("foo", 0) }];
    let args: Vec<String> = ["-v", "main.o", "foo.o"].map(String::from).into();
    assert!(wasmlink::link_args(&args, &inputs).is_ok());
}

#[test]
fn start_lib_objects_load_only_when_referenced() {
    let inputs = [
        InputFile { name: "main.o".into(), bytes: caller() },
        InputFile { name: "foo.o".into(), bytes: callee("foo", 0) },
        InputFile { name: "other.o".into(), bytes: callee("other", EXPORTED) },
    ];
    let args: Vec<String> = ["main.o", "--start-lib", "foo.o", "other.o", "--end-lib"].map(String::from).into();
    let out = wasmlink::link_args(&args, &inputs).unwrap();
    let names = func_names(&out.module);
    assert!(names.iter().any(|(_, n)| n == "foo"));
    assert!(names.iter().all(|(_, n)| n != "other"));
}

#[test]
fn undefined_flag_pulls_an_archive_member() {
    let ar = archive(&[("extra.o", &callee("extra", EXPORTED))]);
    let files = [("main.o", caller()), ("foo.o", callee("foo", 0)), ("libx.a", ar)];
    let out = link(&files, &["-u", "extra"]).unwrap();
    assert!(exports(&out.module).contains(&"extra".to_string()));
}

#[test]
fn wrap_redirects_references() {
    // main calls foo; with --wrap=foo it calls __wrap_foo, which may call __real_foo (= foo).
    let mut w = Obj::new();
    let real = w.undef_func("__real_foo", 0);
    w.func("__wrap_foo", 0, 0, Body::new().call(real).end());
    let files = [("main.o", caller()), ("foo.o", callee("foo", 0)), ("wrap.o", w.build())];
    let out = link(&files, &["--wrap=foo"]).unwrap();
    let start = ops_of(&out.module, index_of(&out.module, "_start"));
    assert_eq!(start[0], format!("Call {{ function_index: {} }}", index_of(&out.module, "__wrap_foo")));
    let wrapper = ops_of(&out.module, index_of(&out.module, "__wrap_foo"));
    assert_eq!(wrapper[0], format!("Call {{ function_index: {} }}", index_of(&out.module, "foo")));
}

#[test]
fn stack_first_and_sizes_move_the_stack_pointer() {
    let global = |module: &[u8]| -> i32 {
        Parser::new(0)
            .parse_all(module)
            .find_map(|p| match p.unwrap() {
                Payload::GlobalSection(r) => {
                    let g = r.into_iter().next().unwrap().unwrap();
                    let mut ops = g.init_expr.get_operators_reader();
                    match ops.read().unwrap() {
                        Operator::I32Const { value } => Some(value),
                        _ => None,
                    }
                }
                _ => None,
            })
            .unwrap()
    };
    let files = [("main.o", caller()), ("foo.o", callee("foo", 0))];
    assert_eq!(global(&link(&files, &[]).unwrap().module), 1024 + 65536);
    assert_eq!(global(&link(&files, &["--stack-first", "-z", "stack-size=8192"]).unwrap().module), 8192);
    let errs = error_messages(link(&files, &["-z", "stack-size=1000"]));
    assert!(errs[0].contains("stack size must be 16-byte aligned"), "{errs:?}");
}

// Found by comparing generated links with wasm-ld-19 (tests/objbuilder/generate.rs).

#[test]
fn no_strip_keeps_global_symbols_only() {
    // `__attribute__((used)) static void keep(void) { missing(); }`: lld
    // collects a local symbol even when it is NO_STRIP.
    let mut o = Obj::new();
    let missing = o.undef_func("missing", 0);
    o.func("keep", 0, LOCAL | NO_STRIP, Body::new().call(missing).end());
    let out = link(&[("used.o", o.build())], &["--no-entry"]).unwrap();
    assert!(func_names(&out.module).iter().all(|(_, n)| n != "keep"));
    // A global one stays, and so does what it calls.
    let mut o = Obj::new();
    let missing = o.undef_func("missing", 0);
    o.func("keep", 0, NO_STRIP, Body::new().call(missing).end());
    let errs = error_messages(link(&[("used.o", o.build())], &["--no-entry"]));
    assert_eq!(errs, ["used.o: undefined symbol: missing"]);
}

#[test]
fn linker_symbols_are_made_before_the_inputs() {
    // A definition of `__wasm_call_ctors` clashes with the linker's own.
    let mut o = Obj::new();
    o.func("__wasm_call_ctors", 0, 0, Body::new().end());
    o.func("_start", 0, 0, Body::new().end());
    let errs = error_messages(link(&[("a.o", o.build())], &[]));
    assert_eq!(errs, ["duplicate symbol: __wasm_call_ctors\n>>> defined in <internal>\n>>> defined in a.o"]);
    // A call to `__stack_pointer` names a global as a function.
    let mut o = Obj::new();
    let sp = o.undef_func("__stack_pointer", 0);
    o.func("_start", 0, 0, Body::new().call(sp).end());
    let errs = error_messages(link(&[("a.o", o.build())], &[]));
    assert_eq!(
        errs,
        ["symbol type mismatch: __stack_pointer\n>>> defined as WASM_SYMBOL_TYPE_GLOBAL in <internal>\n>>> defined as WASM_SYMBOL_TYPE_FUNCTION in a.o"]
    );
}

#[test]
fn thread_local_storage_requires_atomics_and_bulk_memory() {
    let errs = error_messages(link(&[("a.o", threaded_object(&[]))], &[]));
    assert_eq!(
        errs,
        [
            "'atomics' feature must be used in order to use thread-local storage",
            "'bulk-memory' feature must be used in order to use thread-local storage"
        ]
    );
}

/// A shared library exporting `foo: () -> ()` (its `dylink.0` empty or as given).
fn shared_lib(dylink: &[u8]) -> Vec<u8> {
    use wasm_encoder::*;
    let mut m = Module::new();
    m.section(&CustomSection { name: "dylink.0".into(), data: dylink.into() });
    let mut types = TypeSection::new();
    types.ty().function([], []);
    m.section(&types);
    let mut funcs = FunctionSection::new();
    funcs.function(0);
    m.section(&funcs);
    let mut exports = ExportSection::new();
    exports.export("foo", ExportKind::Func, 0);
    m.section(&exports);
    let mut code = CodeSection::new();
    let mut f = Function::new([]);
    f.instruction(&Instruction::End);
    code.function(&f);
    m.section(&code);
    m.finish()
}

#[test]
fn shared_library_functions_are_imported_and_the_library_needed() {
    // (-Bdynamic: outside PIC a link is static unless it says otherwise, as in LLD 21.)
    let out = link(&[("main.o", caller()), ("dir/libfoo.so", shared_lib(&[]))], &["-Bdynamic"]).unwrap();
    let mut imports = Vec::new();
    let mut needed = Vec::new();
    for p in Parser::new(0).parse_all(&out.module) {
        match p.unwrap() {
            Payload::ImportSection(r) => {
                for i in r.into_imports() {
                    let i = i.unwrap();
                    imports.push(format!("{}.{}", i.module, i.name));
                }
            }
            Payload::CustomSection(c) => {
                if let wasmparser::KnownCustom::Dylink0(r) = c.as_known() {
                    for sub in r {
                        if let wasmparser::Dylink0Subsection::Needed(n) = sub.unwrap() {
                            needed.extend(n.iter().map(|s| s.to_string()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    assert_eq!(imports, ["env.foo"]);
    // By file name, as wasm-ld records it.
    assert_eq!(needed, ["libfoo.so"]);
}

#[test]
fn shared_library_with_a_bad_dylink_section_is_named() {
    let errs = error_messages(link(&[("main.o", caller()), ("libfoo.so", shared_lib(&[1, 9, 0]))], &["-Bdynamic"]));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("libfoo.so: "), "{errs:?}");
}

#[test]
fn calling_a_shared_function_with_another_signature_is_an_error() {
    let mut o = Obj::new();
    let foo = o.undef_func("foo", 2);
    o.func("_start", 0, 0, Body::new().i32_const(1).call(foo).end());
    let errs = error_messages(link(&[("main.o", o.build()), ("libfoo.so", shared_lib(&[]))], &["-Bdynamic"]));
    assert_eq!(errs, ["function signature mismatch: foo\n>>> defined as (i32) -> void in main.o\n>>> defined as () -> void in libfoo.so"]);
    // --no-shlib-sigcheck imports it with the caller's type.
    let mut o = Obj::new();
    let foo = o.undef_func("foo", 2);
    o.func("_start", 0, 0, Body::new().i32_const(1).call(foo).end());
    assert!(link(&[("main.o", o.build()), ("libfoo.so", shared_lib(&[]))], &["-Bdynamic", "--no-shlib-sigcheck"]).is_ok());
}

#[test]
fn compress_relocations_shortens_relocated_fields() {
    let files = [("main.o", caller()), ("foo.o", callee("foo", 0))];
    let plain = link(&files, &["--strip-debug"]).unwrap().module;
    let small = link(&files, &["--strip-debug", "--compress-relocations"]).unwrap().module;
    // `call foo`: a 5-byte padded index becomes 1 byte.
    assert_eq!(plain.len() - small.len(), 4);
    let start = index_of(&small, "_start");
    assert_eq!(ops_of(&small, start)[0], format!("Call {{ function_index: {} }}", index_of(&small, "foo")));
    // Debug information would point at the old offsets: the options say so.
    assert!(error_messages(link(&files, &["--compress-relocations"]))[0].contains("--strip-debug"));
}

#[test]
fn memory_addr_locrel_i64_is_read_and_applied() {
    // LLVM 20's R_WASM_MEMORY_ADDR_LOCREL_I64 (type 27): wasmparser does not read it; the
    // linker's own reader does. In data: the target's address less the site's.
    let mut o = Obj::new();
    let target = o.data("target", ".data.target", &[1, 2, 3, 4], 0);
    o.data("here", ".data.here", &[0; 8], 0);
    o.data_relocs.push((27, 1, 0, target, 2));
    o.func("_start", 0, 0, Body::new().end());
    let out = link(&[("a.o", o.build())], &["--no-gc-sections"]).unwrap();
    let mut data = Vec::new();
    for p in Parser::new(0).parse_all(&out.module) {
        if let Ok(Payload::DataSection(r)) = p {
            for d in r {
                data.extend_from_slice(d.unwrap().data);
            }
        }
    }
    // `.data`: target at 1024, `here` at 1028 (4-byte aligned): 1024 + 2 - 1028.
    assert_eq!(data, [&[1, 2, 3, 4][..], &(-2i64).to_le_bytes()].concat());
}

#[test]
fn call_dtors_must_be_a_function() {
    // As wasm-ld: with nothing calling __wasm_call_ctors, a __wasm_call_dtors that is not this
    // module's function (here data) is an error.
    let mut o = Obj::new();
    o.data("__wasm_call_dtors", ".data.d", &[3, 0, 0, 0], 0);
    o.func("_start", 0, 0, Body::new().end());
    assert_eq!(error_messages(link(&[("a.o", o.build())], &[])), ["__wasm_call_dtors must be a function"]);
}

/// Records what the link says it is done with (`InputPages`), as offsets into its input.
struct DoneWith {
    /// Where the input starts in memory.
    input: usize,
    ranges: std::sync::Mutex<Vec<std::ops::Range<usize>>>,
}

impl wasmlink::InputPages for DoneWith {
    fn done_with(&self, bytes: &[u8]) {
        let start = bytes.as_ptr() as usize - self.input;
        self.ranges.lock().unwrap().push(start..start + bytes.len());
    }
}

/// Links `main.o` (calling `foo`) with `libx.a`, named `copies` times; what the link said it was
/// done with in the archive, and the output.
fn link_telling_pages(ar: &[u8], copies: usize) -> (Vec<std::ops::Range<usize>>, Output) {
    let main = caller();
    let done = DoneWith { input: ar.as_ptr() as usize, ranges: Default::default() };
    let mut inputs = vec![wasmlink::Input { name: "main.o", bytes: &main, members: None, pages: None }];
    inputs.extend((0..copies).map(|_| wasmlink::Input { name: "libx.a", bytes: ar, members: None, pages: Some(&done) }));
    let args: Vec<String> = inputs.iter().map(|i| i.name.to_string()).collect();
    let parsed = wasmlink::args::parse(&args, &|_| None).unwrap();
    let out = wasmlink::link_inputs(&inputs, &parsed.config).unwrap();
    (done.ranges.into_inner().unwrap(), out)
}

#[test]
fn an_archive_is_done_with_but_for_the_members_extracted() {
    let foo = callee("foo", 0);
    let ar = archive(&[("unused.o", &callee("never_called", 0)), ("foo.o", &foo), ("lib.rmeta", b"not wasm")]);
    let foo_at = ar.windows(foo.len()).position(|w| w == foo.as_slice()).unwrap();
    let (ranges, out) = link_telling_pages(&ar, 1);
    // Everything but foo.o's bytes: the global header, the first member, foo.o's header, and
    // what follows foo.o.
    assert_eq!(ranges, [0..foo_at, foo_at + foo.len()..ar.len()]);
    // The hint changes nothing in the output.
    let plain = link(&[("main.o", caller()), ("libx.a", ar.clone())], &[]).unwrap();
    assert_eq!(out.module, plain.module);
}

#[test]
fn an_archive_named_twice_keeps_what_either_copy_extracted() {
    let foo = callee("foo", 0);
    let ar = archive(&[("foo.o", &foo), ("unused.o", &callee("never_called", 0))]);
    let foo_at = ar.windows(foo.len()).position(|w| w == foo.as_slice()).unwrap();
    // The second copy extracts nothing: the first's member must stay all the same.
    let (ranges, _) = link_telling_pages(&ar, 2);
    assert_eq!(ranges, [0..foo_at, foo_at + foo.len()..ar.len()]);
}

#[test]
fn a_stub_library_line_can_name_an_import_by_its_import_name() {
    let mut o = Obj::new();
    let f = o.sym(Sym::UndefFuncAs { name: "local_name".into(), import: "imp".into(), ty: 0 });
    o.func("helper", 0, 0, Body::new().end());
    o.func("_start", 0, 0, Body::new().call(f).end());
    // What the runtime's `imp` needs from the program is exported: the line is found by the
    // symbol's import name.
    let out = link(&[("in.o", o.build()), ("stub.so", b"#STUB\nimp: helper\n".to_vec())], &[]).unwrap();
    assert!(exports(&out.module).iter().any(|e| e == "helper"), "{:?}", exports(&out.module));
    let out = link(&[("in.o", o.build())], &[]).unwrap();
    assert!(!exports(&out.module).iter().any(|e| e == "helper"));
}
