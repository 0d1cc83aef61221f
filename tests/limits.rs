//! Hostile input: declared counts and lengths far beyond the bytes present,
//! truncation at every byte, deep nesting, alignment bombs, floods of errors.
//! Each must end in a diagnostic that names the file (and archive member) and
//! the offset, or in a valid output; never in a panic, an abort or a huge
//! allocation (which would abort this test process).

mod objbuilder;

use objbuilder::*;
use wasmlink::{Diagnostic, Severity};

/// The one error of a link of `bytes` as `in.o`, which must name the file and
/// an offset inside it.
fn parse_error(bytes: Vec<u8>) -> Diagnostic {
    let len = bytes.len() as u64;
    let errs = errors(link(&[("in.o", bytes)], &["--no-entry"]));
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = errs.into_iter().next().unwrap();
    assert_eq!(e.file.as_deref(), Some("in.o"), "{e:?}");
    assert!(e.message.starts_with("in.o: "), "{}", e.message);
    let off = e.offset.unwrap_or_else(|| panic!("no offset in {e:?}"));
    assert!(off <= len, "offset {off} beyond the file ({len} bytes): {}", e.message);
    e
}

fn module(sections: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"\0asm\x01\0\0\0".to_vec();
    for (id, data) in sections {
        out.push(*id);
        leb_u(&mut out, data.len() as u64);
        out.extend_from_slice(data);
    }
    out
}

fn custom(name: &str, body: &[u8]) -> (u8, Vec<u8>) {
    let mut data = Vec::new();
    leb_u(&mut data, name.len() as u64);
    data.extend_from_slice(name.as_bytes());
    data.extend_from_slice(body);
    (0, data)
}

/// A `linking` section (version 2) holding one subsection.
fn linking(sub_id: u8, sub: &[u8]) -> (u8, Vec<u8>) {
    let mut body = vec![2, sub_id];
    leb_u(&mut body, sub.len() as u64);
    body.extend_from_slice(sub);
    custom("linking", &body)
}

const FOUR_BILLION: u64 = 0xffff_fff0;

fn huge_count() -> Vec<u8> {
    let mut v = Vec::new();
    leb_u(&mut v, FOUR_BILLION);
    v
}

#[test]
fn declared_counts_of_four_billion_fail_fast() {
    let memory_import = {
        let mut v = vec![1];
        v.extend_from_slice(b"\x03env\x0f__linear_memory\x02\x00\x00");
        v
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("symbols", module(&[linking(8, &huge_count())])),
        ("segment infos", module(&[linking(5, &huge_count())])),
        ("init functions", module(&[linking(6, &huge_count())])),
        ("comdats", module(&[linking(7, &huge_count())])),
        ("types", module(&[(1, huge_count()), linking(8, &[0])])),
        ("imports", module(&[(2, huge_count()), linking(8, &[0])])),
        ("functions", module(&[(2, memory_import.clone()), (3, huge_count()), linking(8, &[0])])),
        ("code bodies", module(&[(10, huge_count()), linking(8, &[0])])),
        ("data segments", module(&[(2, memory_import), (11, huge_count()), linking(8, &[0])])),
        ("features", module(&[linking(8, &[0]), custom("target_features", &huge_count())])),
        ("producers", module(&[linking(8, &[0]), custom("producers", &huge_count())])),
        ("relocations", module(&[linking(8, &[0]), custom("x", b""), custom("reloc.x", &[[1u8].as_slice(), &huge_count()].concat())])),
    ];
    for (what, bytes) in cases {
        let e = parse_error(bytes);
        eprintln!("{what}: {}", e.message);
    }
}

#[test]
fn lengths_of_four_billion_fail_fast() {
    // A symbol whose name claims 4 GB.
    let mut sym = vec![1, 0, 1]; // one data symbol, flags 0
    leb_u(&mut sym, FOUR_BILLION);
    sym.extend_from_slice(b"abc");
    parse_error(module(&[linking(8, &sym)]));
    // A section that claims 4 GB.
    let mut bytes = b"\0asm\x01\0\0\0\x01".to_vec();
    leb_u(&mut bytes, FOUR_BILLION);
    parse_error(bytes);
    // A linking subsection that claims 4 GB.
    let mut body = vec![2, 8];
    leb_u(&mut body, FOUR_BILLION);
    parse_error(module(&[custom("linking", &body)]));
}

/// A real-looking object: calls, data with relocations, an init function.
fn rich_object() -> Vec<u8> {
    let mut o = Obj::new();
    let ext = o.undef_func("ext", 0);
    let d = o.data("d", ".data.d", &[1, 2, 3, 4, 5, 6, 7, 8], 0);
    let init = o.func("init", 0, LOCAL, Body::new().addr(d).load().drop_().end());
    o.func("_start", 0, 0, Body::new().call(ext).call(init).func_addr(init).drop_().end());
    o.init_funcs.push((65535, init));
    o.features.push("mutable-globals");
    o.build()
}

#[test]
fn every_truncation_is_reported_with_file_and_offset() {
    let whole = rich_object();
    assert!(link(&[("in.o", whole.clone())], &["--allow-undefined"]).is_ok());
    let mut failed = 0;
    for len in 0..whole.len() {
        // Cut at a section boundary, an object may still be whole.
        let Err(errs) = link(&[("in.o", whole[..len].to_vec())], &["--allow-undefined"]) else { continue };
        failed += 1;
        let e = &errs[0];
        assert_eq!(e.file.as_deref(), Some("in.o"), "cut at {len}: {e:?}");
        assert!(e.message.starts_with("in.o: "), "cut at {len}: {}", e.message);
        assert!(e.offset.is_some_and(|o| o <= len as u64), "cut at {len}: {e:?}");
    }
    assert!(failed > whole.len() * 9 / 10, "only {failed} of {} cuts failed", whole.len());
}

#[test]
fn every_single_byte_corruption_ends_in_a_diagnostic_or_a_valid_output() {
    let whole = rich_object();
    for i in 8..whole.len() {
        for v in [0x00, 0x7f, 0x80, 0xff] {
            let mut bytes = whole.clone();
            bytes[i] = v;
            match link(&[("in.o", bytes)], &["--allow-undefined"]) {
                // The output was validated before it was returned.
                Ok(out) => assert!(wasmparser::Validator::new().validate_all(&out.module).is_ok()),
                // A corrupted name can make a well-formed object with
                // another meaning; what must not happen is blaming ourselves.
                Err(d) => {
                    assert!(d.iter().any(|d| d.severity == Severity::Error));
                    for e in &d {
                        assert!(!e.is_internal_error(), "byte {i} = {v:#x}: {}", e.message);
                    }
                }
            }
        }
    }
}

#[test]
fn bad_archive_member_is_named_with_its_offset_and_stops_the_link() {
    let good = {
        let mut o = Obj::new();
        o.func("helper", 0, 0, Body::new().end());
        o.build()
    };
    let bad = rich_object()[..40].to_vec();
    let lib = archive(&[("good.o", &good), ("bad.o", &bad)]);
    let member_start = lib.windows(6).position(|w| w == b"bad.o/").unwrap() as u64 + 60;
    let errs = errors(link(&[("main.o", rich_object()), ("lib.a", lib)], &["--whole-archive"]));
    assert_eq!(errs.len(), 1, "the bad member alone is reported, not what it would have defined: {errs:?}");
    let e = &errs[0];
    assert_eq!(e.file.as_deref(), Some("lib.a(bad.o)"));
    let off = e.offset.unwrap();
    assert!(off <= 40, "offset is inside the member: {off}");
    assert!(
        e.message.contains(&format!("at offset {off:#x} in the member, {:#x} in lib.a", member_start + off)),
        "{}",
        e.message
    );
}

#[test]
fn archive_headers_claiming_huge_sizes_are_errors() {
    let obj = rich_object();
    let mut lib = archive(&[("a.o", &obj)]);
    // The member's size field (10 bytes at 48..58 of its header).
    lib[8 + 48..8 + 58].copy_from_slice(b"9999999999");
    let errs = errors(link(&[("lib.a", lib)], &["--no-entry", "--whole-archive"]));
    assert!(errs[0].message.starts_with("lib.a: "), "{}", errs[0].message);
    assert_eq!(errs[0].file.as_deref(), Some("lib.a"));
    assert!(errs[0].offset.is_some());
}

#[test]
fn a_second_relocation_section_for_one_section_is_an_error() {
    let mut bytes = rich_object();
    let reloc = custom("reloc.CODE", &[3, 0]); // section 3 (code), no entries
    bytes.extend_from_slice(&module(&[reloc.clone(), reloc])[8..]);
    let e = parse_error(bytes);
    assert!(e.message.contains("second relocation section for section"), "{}", e.message);
}

#[test]
fn deep_nesting_links_without_overflow() {
    const DEPTH: usize = 100_000;
    let mut body = Body::new();
    body = body.raw(&[0x02, 0x40].repeat(DEPTH)); // block (empty) ...
    body = body.raw(&[0x0b].repeat(DEPTH)); // ... end
    let mut o = Obj::new();
    o.func("_start", 0, 0, body.end());
    let out = link(&[("in.o", o.build())], &[]).unwrap();
    assert!(out.module.len() > 2 * DEPTH);
}

#[test]
fn error_flood_is_capped_at_the_error_limit() {
    let mut o = Obj::new();
    let mut body = Body::new();
    for i in 0..100 {
        body = body.call(o.undef_func(&format!("missing{i}"), 0));
    }
    o.func("_start", 0, 0, body.end());
    let obj = o.build();
    let count = |flags: &[&str]| errors(link(&[("in.o", obj.clone())], flags));
    let default = count(&[]);
    assert_eq!(default.len(), 21, "lld's default limit of 20, then one line saying so");
    assert_eq!(default[20].message, "too many errors emitted, stopping now (use -error-limit=0 to see all errors)");
    assert_eq!(count(&["--error-limit=5"]).len(), 6);
    assert_eq!(count(&["--error-limit", "0"]).len(), 100);
}

/// `a` (1 byte) then `b` aligned to 2^align_log2, both in `.data`.
fn aligned_pair(align_log2: u32) -> Vec<u8> {
    let mut o = Obj::new();
    o.segments.push((".data.a".into(), vec![1], 0));
    o.syms.push(Sym::Data { name: "a".into(), segment: 0, offset: 0, size: 1, flags: 0 });
    o.segments.push((".data.b".into(), vec![2], align_log2));
    let b = o.sym(Sym::Data { name: "b".into(), segment: 1, offset: 0, size: 1, flags: 0 });
    o.func("_start", 0, 0, Body::new().addr(b).load().drop_().addr(0).load().drop_().end());
    o.build()
}

/// (address, bytes) of each active data segment.
fn active_segments(module: &[u8]) -> Vec<(i64, Vec<u8>)> {
    let mut out = Vec::new();
    for p in wasmparser::Parser::new(0).parse_all(module) {
        if let Ok(wasmparser::Payload::DataSection(r)) = p {
            for d in r {
                let d = d.unwrap();
                if let wasmparser::DataKind::Active { offset_expr, .. } = d.kind {
                    let op = offset_expr.get_operators_reader().read().unwrap();
                    let wasmparser::Operator::I32Const { value } = op else { panic!("{op:?}") };
                    out.push((value as i64, d.data.to_vec()));
                }
            }
        }
    }
    out
}

#[test]
fn alignment_gaps_are_not_written_out() {
    // 256 MiB of padding between a and b: wasm-ld writes it; we split the
    // segment instead, with every byte at the same address.
    let out = link(&[("in.o", aligned_pair(28))], &[]).unwrap();
    assert!(out.module.len() < 4096, "{} bytes", out.module.len());
    let segs = active_segments(&out.module);
    assert_eq!(segs, vec![(1 << 28, vec![1]), (2 << 28, vec![2])]);
    // Small gaps stay inside one segment, as wasm-ld writes them.
    let out = link(&[("in.o", aligned_pair(4))], &[]).unwrap();
    let segs = active_segments(&out.module);
    assert_eq!(segs.len(), 1);
    assert_eq!(segs[0].1.len(), 17);
}

#[test]
fn passive_padding_past_the_data_limit_is_an_error() {
    // Shared memory: segments are passive and copied whole, padding included.
    let errs = errors(link(&[("in.o", aligned_pair(30))], &["--shared-memory", "--features=atomics,bulk-memory,mutable-globals"]));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].message.contains("more than wasmlink writes"), "{}", errs[0].message);
    assert!(errs[0].message.contains(".data"), "{}", errs[0].message);
}

#[test]
fn an_invalid_function_body_is_reported_at_its_offset() {
    let mut o = Obj::new();
    // `i32.add` with nothing on the stack.
    o.func("_start", 0, 0, Body::new().raw(&[0x6a]).end());
    let bytes = o.build();
    let at = bytes.windows(3).position(|w| w == [0x00, 0x6a, 0x0b]).unwrap() as u64 + 1;
    // Bodies are validated in the output, where the fault is traced back.
    let errs = errors(link(&[("in.o", bytes)], &[]));
    let e = &errs[0];
    assert_eq!(e.file.as_deref(), Some("in.o"));
    assert_eq!(e.symbol.as_deref(), Some("_start"));
    assert_eq!(e.offset, Some(at), "{}", e.message);
    assert!(e.message.starts_with("in.o: function _start is not valid WebAssembly after linking: type mismatch"), "{}", e.message);
}

#[test]
fn constructors_with_parameters_are_an_error() {
    let mut o = Obj::new();
    let ctor = o.func("ctor", 2, 0, Body::new().end()); // (i32) -> ()
    o.func("_start", 0, 0, Body::new().end());
    o.init_funcs.push((100, ctor));
    let errs = errors(link(&[("in.o", o.build())], &[]));
    assert_eq!(errs[0].message, "constructor functions cannot take arguments: ctor");
    assert_eq!(errs[0].file.as_deref(), Some("in.o"));
}

#[test]
fn a_relocation_inside_a_function_header_is_an_error() {
    let mut o = Obj::new();
    let callee = o.func("callee", 0, 0, Body::new().end());
    let mut body = Body::new().call(callee).end();
    body.relocs[0].1 = 0; // onto the locals count, not the call
    o.func("_start", 0, 0, body);
    let e = parse_error(o.build());
    assert!(e.message.contains("patches a function's size or locals"), "{}", e.message);
}

#[test]
fn a_global_initialized_from_another_global_is_an_error() {
    // One mutable i32 global whose initializer is `global.get 0`: not a
    // constant an object file can hold without a relocation.
    let mut globals = vec![1, 0x7f, 1, 0x23, 0, 0x0b];
    let mut import = vec![2]; // two imports: memory and an immutable global
    import.extend_from_slice(b"\x03env\x0f__linear_memory\x02\x00\x00");
    import.extend_from_slice(b"\x03env\x01g\x03\x7f\x00");
    let e = parse_error(module(&[(2, import), (6, std::mem::take(&mut globals)), linking(8, &[0])]));
    assert!(e.message.contains("global initializer"), "{}", e.message);
}

#[test]
fn cross_reference_errors_point_at_the_offending_entry() {
    // A data symbol in a segment that does not exist: the offset is its
    // symbol-table entry (kind byte 1, flags 0, then the name).
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    o.segments.push((".data.x".into(), vec![1, 2, 3, 4], 2));
    o.sym(Sym::Data { name: "stray".into(), segment: 7, offset: 0, size: 4, flags: 0 });
    let bytes = o.build();
    let e = parse_error(bytes.clone());
    assert!(e.message.contains("symbol stray: segment 7 out of range"), "{}", e.message);
    let at = e.offset.unwrap() as usize;
    assert_eq!(&bytes[at..at + 8], b"\x01\x00\x05stray", "{}", e.message);

    // An init function naming a data symbol: the offset is its entry.
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    let d = o.data("d", ".data.d", &[0; 4], 0);
    o.init_funcs.push((0xabcd, d));
    let bytes = o.build();
    let e = parse_error(bytes.clone());
    assert!(e.message.contains("init function symbol"), "{}", e.message);
    let at = e.offset.unwrap() as usize;
    assert_eq!(&bytes[at..at + 4], &[0xcd, 0xd7, 0x02, d as u8], "priority 0xabcd, then the symbol");
}

// Found by the `generated` fuzz target: each once made an invalid output.

#[test]
fn a_user_symbol_of_the_wrong_kind_under_a_reserved_name_is_an_error() {
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    o.data("__indirect_function_table", ".data.t", &[0; 4], EXPORTED);
    let errs = errors(link(&[("in.o", o.build())], &["--export-table", "--export-all"]));
    assert_eq!(errs[0].message, "reserved symbol must be of type table: `__indirect_function_table`");
}

#[test]
fn two_exports_of_one_name_are_an_error() {
    // `__attribute__((export_name("same")))` on a function in each of two files.
    let with_export = |name: &str| {
        let mut o = Obj::new();
        o.func(name, 0, EXPORTED, Body::new().end());
        o.exports = vec![("same".into(), 0)];
        o.build()
    };
    let errs = errors(link(&[("f.o", with_export("f")), ("g.o", with_export("g"))], &["--no-entry"]));
    assert_eq!(errs[0].message, "duplicate export name: same");
}

#[test]
fn two_global_definitions_of_a_name_in_one_object_are_an_error() {
    let mut o = Obj::new();
    o.func("_start", 0, 0, Body::new().end());
    o.func("twice", 0, 0, Body::new().end());
    o.func("twice", 0, 0, Body::new().end());
    let e = parse_error(o.build());
    assert!(e.message.starts_with("in.o: duplicate symbol name twice (at offset"), "{}", e.message);
}

#[test]
fn a_constructor_that_resolves_to_the_linkers_init_tls_is_an_error() {
    // A weak `__wasm_init_tls` defers to the linker's own, which takes the
    // TLS block's address: `__wasm_call_ctors` cannot call it.
    let mut o = Obj::new();
    let f = o.func("__wasm_init_tls", 0, WEAK | HIDDEN, Body::new().end());
    o.func("_start", 0, 0, Body::new().end());
    o.init_funcs.push((100, f));
    o.features = vec!["atomics", "bulk-memory", "mutable-globals"];
    let errs = errors(link(&[("in.o", o.build())], &["--shared-memory", "--max-memory=131072"]));
    assert_eq!(errs[0].message, "constructor functions cannot take arguments: __wasm_init_tls");
}

#[test]
fn response_files_that_multiply_are_cut_off() {
    // r0 names r1 a hundred times, r1 names r2 a hundred times, ...: 100^8
    // arguments if expanded. Stops at the limit, with an error.
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    let names = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"];
    for w in names.windows(2) {
        files.push((w[0], format!("@{} ", w[1]).repeat(100).into_bytes()));
    }
    files.push(("r8", b"--no-entry".to_vec()));
    let inputs: Vec<wasmlink::InputFile> = files.iter().map(|(n, b)| wasmlink::InputFile { name: n.to_string(), bytes: b.clone() }).collect();
    let errs = errors(wasmlink::link_args(&["@r0".to_string()], &inputs));
    assert!(errs[0].message.contains("response files expand to more than"), "{}", errs[0].message);
    // The same with a large last file: the bytes read are bounded too.
    let inputs: Vec<wasmlink::InputFile> = files
        .iter()
        .map(|(n, b)| wasmlink::InputFile { name: n.to_string(), bytes: if *n == "r8" { vec![b' '; 1 << 20] } else { b.clone() } })
        .collect();
    let errs = errors(wasmlink::link_args(&["@r0".to_string()], &inputs));
    assert!(errs[0].message.contains("response files add up to more than"), "{}", errs[0].message);
}

// Objects are not validated as they are read; what the linker counts on is checked instead,
// each with the file and offset, and what would only make the output invalid is traced back
// to the input that is not valid on its own.

/// A symbol table of one defined function, `_start`, function 0.
fn start_symbol() -> (u8, Vec<u8>) {
    let mut sub = vec![1, 0, 0, 0, 6];
    sub.extend_from_slice(b"_start");
    linking(8, &sub)
}

const TYPE_VOID: &[u8] = &[1, 0x60, 0, 0];
const ONE_FUNCTION_OF_TYPE_0: &[u8] = &[1, 0];
const EMPTY_BODY: &[u8] = &[1, 2, 0, 0x0b];

#[test]
fn a_section_out_of_order_is_refused() {
    // An import section after the function section would renumber the functions (wasmparser's
    // `Parser` keeps the order, which the object parser counts on).
    let bytes = module(&[(1, TYPE_VOID.to_vec()), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (2, vec![0]), (10, EMPTY_BODY.to_vec()), start_symbol()]);
    let e = parse_error(bytes);
    assert!(e.message.contains("section out of order (at offset 0x14)"), "{}", e.message);
}

#[test]
fn a_type_index_past_the_type_section_is_refused() {
    let bytes = module(&[(1, TYPE_VOID.to_vec()), (3, vec![1, 1]), (10, EMPTY_BODY.to_vec()), start_symbol()]);
    let e = parse_error(bytes);
    assert!(e.message.contains("type index 1 out of bounds (1 types)"), "{}", e.message);
}

#[test]
fn an_export_of_an_unknown_function_is_refused() {
    let export = vec![1, 1, b'f', 0, 7];
    let bytes = module(&[(1, TYPE_VOID.to_vec()), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (7, export), (10, EMPTY_BODY.to_vec()), start_symbol()]);
    let e = parse_error(bytes);
    assert!(e.message.contains("export f of unknown function 7"), "{}", e.message);
}

#[test]
fn an_invalid_global_is_blamed_on_its_object_when_the_output_fails_validation() {
    // global 0: i32, initialized by i64.const 5; the symbol table names it `g`.
    let global = vec![1, 0x7f, 0, 0x42, 5, 0x0b];
    let mut syms = vec![2, 0, 0, 0, 6];
    syms.extend_from_slice(b"_start");
    syms.extend_from_slice(&[2, 0, 0, 1, b'g']);
    let bytes = module(&[(1, TYPE_VOID.to_vec()), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (6, global), (10, EMPTY_BODY.to_vec()), linking(8, &syms)]);
    let errs = errors(link(&[("in.o", bytes)], &["--export=g", "--no-check-features"]));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].message, "in.o: type mismatch: expected i32, found i64 (at offset 0x19)");
    assert_eq!((errs[0].file.as_deref(), errs[0].offset), (Some("in.o"), Some(0x19)));
}

#[test]
fn a_global_initializer_of_several_instructions_is_refused() {
    // `global.get 0` (an imported global) plus 1: the index is the object's, which nothing
    // renumbers, so this linked into a module that read another global.
    let import = vec![1, 3, b'e', b'n', b'v', 1, b'b', 0x03, 0x7f, 0x00];
    let global = vec![1, 0x7f, 0, 0x23, 0, 0x41, 1, 0x6a, 0x0b];
    let bytes = module(&[(1, TYPE_VOID.to_vec()), (2, import), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (6, global), (10, EMPTY_BODY.to_vec()), start_symbol()]);
    let e = parse_error(bytes);
    assert!(e.message.contains("global initializer GlobalGet { global_index: 0 } is not supported"), "{}", e.message);
    let global = vec![1, 0x7f, 0, 0x41, 1, 0x41, 2, 0x6a, 0x0b];
    let bytes = module(&[(1, TYPE_VOID.to_vec()), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (6, global), (10, EMPTY_BODY.to_vec()), start_symbol()]);
    let e = parse_error(bytes);
    assert!(e.message.contains("global initializer of more than one instruction is not supported"), "{}", e.message);
}

#[test]
fn sections_the_linker_does_not_link_are_still_read_through() {
    // A corrupt element section, a data segment's offset that is no constant expression, an
    // export of a global that does not exist: wasm-ld refuses each.
    let elements = vec![1, 0x2a, 0xff, 0xff, 0xff];
    let e = parse_error(module(&[(1, TYPE_VOID.to_vec()), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (9, elements), (10, EMPTY_BODY.to_vec()), start_symbol()]));
    assert!(e.message.contains("invalid flags byte in element segment"), "{}", e.message);
    let memory = vec![1, 3, b'e', b'n', b'v', 1, b'm', 0x02, 0x00, 0x01];
    let data = vec![1, 0, 0x3f, 0, 0x0b, 1, 0xaa]; // active, offset `memory.size`
    let e = parse_error(module(&[(1, TYPE_VOID.to_vec()), (2, memory), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (10, EMPTY_BODY.to_vec()), (11, data), start_symbol()]));
    assert!(e.message.contains("is not allowed in a constant expression"), "{}", e.message);
    let export = vec![1, 1, b'g', 3, 9];
    let e = parse_error(module(&[(1, TYPE_VOID.to_vec()), (3, ONE_FUNCTION_OF_TYPE_0.to_vec()), (7, export), (10, EMPTY_BODY.to_vec()), start_symbol()]));
    assert!(e.message.contains("export g of unknown global 9"), "{}", e.message);
}
