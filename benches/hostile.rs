//! Scaling benchmark on hostile-shaped input: does link time grow in
//! proportion to input size? Each family of input is linked at size N and 4N;
//! a ratio near 4 is linear, near 16 quadratic (caches push linear work to
//! 5-10 at these sizes, so the gate is 12). Run with
//!
//!     cargo bench --bench hostile [-- FACTOR] [FAMILY]
//!
//! (FACTOR scales N, default 1; FAMILY keeps the families whose name has it). It exits non-zero when a family's ratio
//! exceeds 12, so it can gate a change by hand; it is not part of the tests,
//! which never time anything.

#[path = "../tests/objbuilder/mod.rs"]
mod objbuilder;

use objbuilder::*;
use std::time::{Duration, Instant};
use wasmlink::InputFile;

struct Case {
    files: Vec<(String, Vec<u8>)>,
    flags: Vec<&'static str>,
    /// Files the flags name (not inputs on the command line).
    aside: Vec<(String, Vec<u8>)>,
}

impl Case {
    fn one(obj: Vec<u8>, flags: &[&'static str]) -> Case {
        Case { files: vec![("in.o".into(), obj)], flags: flags.to_vec(), aside: Vec::new() }
    }

    fn bytes(&self) -> usize {
        self.files.iter().map(|f| f.1.len()).sum()
    }

    /// Best of three, so one slow run (another process) does not mislead.
    fn time(&self) -> Duration {
        let inputs: Vec<InputFile> =
            self.files.iter().chain(&self.aside).map(|(n, b)| InputFile { name: n.clone(), bytes: b.clone() }).collect();
        let mut args: Vec<String> = self.flags.iter().map(|s| s.to_string()).collect();
        args.extend(self.files.iter().map(|f| f.0.clone()));
        (0..3)
            .map(|_| {
                let start = Instant::now();
                let _ = std::hint::black_box(wasmlink::link_args(&args, &inputs));
                start.elapsed()
            })
            .min()
            .unwrap()
    }
}

fn section(id: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![id];
    leb_u(&mut out, body.len() as u64);
    out.extend_from_slice(body);
    out
}

fn custom(name: &str, body: &[u8]) -> Vec<u8> {
    let mut data = Vec::new();
    leb_u(&mut data, name.len() as u64);
    data.extend_from_slice(name.as_bytes());
    data.extend_from_slice(body);
    section(0, &data)
}

fn section_count(module: &[u8]) -> u32 {
    wasmparser::Parser::new(0)
        .parse_all(module)
        .filter(|p| p.as_ref().is_ok_and(|p| p.as_section().is_some()))
        .count() as u32
}

fn start_fn(o: &mut Obj, body: Body) {
    o.func("_start", 0, 0, body.end());
}

/// N custom sections, each with its own relocation section.
fn customs(n: usize) -> Case {
    let mut o = Obj::new();
    let d = o.data("d", ".data.d", &[0; 4], 0);
    start_fn(&mut o, Body::new().addr(d).drop_());
    let mut bytes = o.build();
    let first = section_count(&bytes);
    for i in 0..n {
        bytes.extend(custom(&format!("c{i}"), &[0; 4]));
    }
    for i in 0..n {
        let mut r = Vec::new();
        leb_u(&mut r, (first + i as u32) as u64);
        r.extend_from_slice(&[1, R_MEMORY_ADDR_I32, 0, d as u8, 0]);
        bytes.extend(custom(&format!("reloc.c{i}"), &r));
    }
    Case::one(bytes, &[])
}

/// One producers field with N distinct tools.
fn producers(n: usize) -> Case {
    let mut o = Obj::new();
    start_fn(&mut o, Body::new());
    let mut bytes = o.build();
    let mut p = vec![1, 12];
    p.extend_from_slice(b"processed-by");
    leb_u(&mut p, n as u64);
    for i in 0..n {
        let name = format!("tool{i}");
        leb_u(&mut p, name.len() as u64);
        p.extend_from_slice(name.as_bytes());
        p.extend_from_slice(b"\x011");
    }
    bytes.extend(custom("producers", &p));
    Case::one(bytes, &[])
}

/// N distinct target features.
fn features(n: usize) -> Case {
    let mut o = Obj::new();
    start_fn(&mut o, Body::new());
    o.features = (0..n).map(|i| &*Box::leak(format!("f{i}").into_boxed_str())).collect();
    Case::one(o.build(), &[])
}

/// N functions with `export_name`s.
fn export_names(n: usize) -> Case {
    let mut o = Obj::new();
    start_fn(&mut o, Body::new());
    for i in 0..n {
        let name = format!("f{i}");
        o.func(&name, 0, EXPORTED, Body::new().end());
        o.exports.push((format!("e{i}"), i as u32 + 1));
    }
    Case::one(o.build(), &[])
}

/// N segments, each bracketed by `__start_`/`__stop_` references.
fn start_stop(n: usize) -> Case {
    let mut o = Obj::new();
    let mut body = Body::new();
    for i in 0..n {
        o.segments.push((format!("s{i}"), vec![1, 2, 3, 4], 2));
        o.sym(Sym::Data { name: format!("v{i}"), segment: i as u32, offset: 0, size: 4, flags: NO_STRIP });
        let s = o.sym(Sym::UndefData { name: format!("__start_s{i}"), flags: 0 });
        body = body.addr(s).drop_();
    }
    start_fn(&mut o, body);
    Case::one(o.build(), &["--no-merge-data-segments"])
}

/// N plain segments, then N of strings to merge, all in `.rodata`: each string segment finds
/// its group of merged strings without going past the plain ones.
fn string_groups(n: usize) -> Case {
    let mut o = Obj::new();
    for i in 0..n {
        o.segments.push((format!(".rodata.x{i}"), vec![1, 2, 3, 4], 2));
    }
    for i in 0..n {
        o.segments.push((format!(".rodata.s{i}"), format!("s{i}\0").into_bytes(), 0));
    }
    // WASM_SEG_FLAG_STRINGS on the second half.
    o.segment_flags = (0..2 * n).map(|i| (i >= n) as u32).collect();
    start_fn(&mut o, Body::new());
    Case::one(o.build(), &["--no-gc-sections"])
}

/// A chain of N functions, each calling the next: plain size.
fn call_chain(n: usize) -> Case {
    let mut o = Obj::new();
    let first = o.undef_func("f0", 0);
    start_fn(&mut o, Body::new().call(first));
    let mut chain = Obj::new();
    for i in 0..n {
        let next = chain.undef_func(&format!("f{}", i + 1), 0);
        chain.func(&format!("f{i}"), 0, 0, Body::new().call(next).end());
    }
    chain.func(&format!("f{n}"), 0, 0, Body::new().end());
    Case { files: vec![("main.o".into(), o.build()), ("chain.o".into(), chain.build())], flags: vec![], aside: Vec::new() }
}

/// An archive of N members, each pulled in by the one before.
fn archive_chain(n: usize) -> Case {
    let mut o = Obj::new();
    let first = o.undef_func("f0", 0);
    start_fn(&mut o, Body::new().call(first));
    let members: Vec<(String, Vec<u8>)> = (0..n)
        .map(|i| {
            let mut m = Obj::new();
            let next = m.undef_func(&format!("f{}", i + 1), 0);
            m.func(&format!("f{i}"), 0, 0, Body::new().call(next).end());
            (format!("m{i}.o"), m.build())
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = members.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    Case { files: vec![("main.o".into(), o.build()), ("lib.a".into(), archive(&refs))], flags: vec!["--allow-undefined"], aside: Vec::new() }
}

/// N undefined functions: a flood of errors.
fn undefined_flood(n: usize) -> Case {
    let mut o = Obj::new();
    let mut body = Body::new();
    for i in 0..n {
        body = body.call(o.undef_func(&format!("missing{i}"), 0));
    }
    start_fn(&mut o, body);
    Case::one(o.build(), &[])
}

/// N missing functions, each called by two files with different signatures: N signature
/// clashes, the files' calls read once per file, not once per clash.
fn clashing_calls(n: usize) -> Case {
    let mut files = Vec::new();
    for (file, ty) in [("a.o", 0), ("b.o", 2)] {
        let mut o = Obj::new();
        let mut body = Body::new();
        for i in 0..n {
            body = body.call(o.undef_func(&format!("missing{i}"), ty));
        }
        o.func(&format!("g_{file}"), 0, 0, body.end());
        files.push((file.to_string(), o.build()));
    }
    Case { files, flags: vec!["--no-entry", "--unresolved-symbols=ignore-all"], aside: Vec::new() }
}

/// N calls to undefined functions, each name in an `--allow-undefined-file` of N names.
fn allowed_undefined(n: usize) -> Case {
    let mut case = undefined_flood(n);
    let names: String = (0..n).map(|i| format!("missing{i}\n")).collect();
    case.aside.push(("allowed.txt".into(), names.into_bytes()));
    case.flags.push("--allow-undefined-file=allowed.txt");
    case
}

/// N functions, each wrapped (`--wrap`) by a definition of its `__wrap_` symbol.
fn wraps(n: usize) -> Case {
    let mut o = Obj::new();
    let mut body = Body::new();
    let mut flags = Vec::new();
    for i in 0..n {
        let f = o.func(&format!("f{i}"), 0, 0, Body::new().end());
        o.func(&format!("__wrap_f{i}"), 0, 0, Body::new().end());
        body = body.call(f);
        flags.push(&*Box::leak(format!("--wrap=f{i}").into_boxed_str()));
    }
    start_fn(&mut o, body);
    Case { files: vec![("in.o".into(), o.build())], flags, aside: Vec::new() }
}

/// `wraps` in a shared library: PIC scans every call for what it names (`--wrap` swaps names).
fn wraps_pic(n: usize) -> Case {
    let mut case = wraps(n);
    case.flags.extend(["--experimental-pic", "-shared"]);
    case
}

/// N custom sections with relocations, linked into a relocatable output, which writes their
/// relocations again.
fn relocatable_customs(n: usize) -> Case {
    let mut case = customs(n);
    case.flags.push("-r");
    case
}

/// N address-takings of a function another file defines with another signature (never called
/// directly, so each is asked whether it is).
fn signature_mismatch(n: usize) -> Case {
    let mut a = Obj::new();
    a.func("f", 0, 0, Body::new().end());
    let mut b = Obj::new();
    let f = b.undef_func("f", 2);
    let mut body = Body::new();
    for _ in 0..n {
        body = body.func_addr(f).drop_();
    }
    start_fn(&mut b, body);
    Case { files: vec![("a.o".into(), a.build()), ("b.o".into(), b.build())], flags: vec![], aside: Vec::new() }
}

/// N calls to undefined functions imported under other names, each name a line of a stub
/// library (which makes them imports).
fn stub_import_names(n: usize) -> Case {
    let mut o = Obj::new();
    let mut body = Body::new();
    let mut stub = String::from("#STUB\n");
    for i in 0..n {
        let f = o.sym(Sym::UndefFuncAs { name: format!("s{i}"), import: format!("imp{i}"), ty: 0 });
        body = body.call(f);
        stub.push_str(&format!("imp{i}\n"));
    }
    start_fn(&mut o, body);
    Case { files: vec![("in.o".into(), o.build()), ("stub.so".into(), stub.into_bytes())], flags: vec![], aside: Vec::new() }
}

/// N files defining the same strong symbol.
fn duplicates(n: usize) -> Case {
    let files = (0..n)
        .map(|i| {
            let mut o = Obj::new();
            o.func("dup", 0, 0, Body::new().end());
            if i == 0 {
                start_fn(&mut o, Body::new());
            }
            (format!("d{i}.o"), o.build())
        })
        .collect();
    Case { files, flags: vec![], aside: Vec::new() }
}

/// N files with a weak definition of the same symbol.
fn weak_definitions(n: usize) -> Case {
    let files = (0..n)
        .map(|i| {
            let mut o = Obj::new();
            let w = o.func("w", 0, WEAK, Body::new().end());
            if i == 0 {
                start_fn(&mut o, Body::new().call(w));
            }
            (format!("w{i}.o"), o.build())
        })
        .collect();
    Case { files, flags: vec![], aside: Vec::new() }
}

/// One function with N nested blocks.
fn deep_nesting(n: usize) -> Case {
    let mut o = Obj::new();
    start_fn(&mut o, Body::new().raw(&[0x02, 0x40].repeat(n)).raw(&[0x0b].repeat(n)));
    Case::one(o.build(), &[])
}

/// One function with N relocated calls.
fn many_relocations(n: usize) -> Case {
    let mut o = Obj::new();
    let callee = o.func("callee", 0, 0, Body::new().end());
    let mut body = Body::new();
    for _ in 0..n {
        body = body.call(callee);
    }
    start_fn(&mut o, body);
    Case::one(o.build(), &[])
}

/// (name, input maker, base size N)
type Family = (&'static str, fn(usize) -> Case, usize);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let factor: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1);
    let filter = args.iter().find(|a| a.parse::<usize>().is_err());
    let families: &[Family] = &[
        ("custom sections + relocs", customs, 20_000),
        ("producers values", producers, 80_000),
        ("target features", features, 80_000),
        ("export names", export_names, 20_000),
        ("__start_ symbols", start_stop, 10_000),
        ("string segments", string_groups, 10_000),
        ("call chain", call_chain, 20_000),
        ("archive chain", archive_chain, 10_000),
        ("undefined flood", undefined_flood, 20_000),
        ("allowed undefined", allowed_undefined, 20_000),
        ("clashing calls", clashing_calls, 10_000),
        ("--wrap", wraps, 10_000),
        ("--wrap, PIC", wraps_pic, 10_000),
        ("signature mismatch", signature_mismatch, 20_000),
        ("stub import names", stub_import_names, 10_000),
        ("custom sections, -r", relocatable_customs, 10_000),
        ("duplicate definitions", duplicates, 5_000),
        ("weak definitions", weak_definitions, 5_000),
        ("deep nesting", deep_nesting, 400_000),
        ("relocations in a body", many_relocations, 200_000),
    ];
    println!("{:<26} {:>8} {:>10} {:>10} {:>10} {:>6}", "family", "N", "bytes(N)", "t(N)", "t(4N)", "ratio");
    let mut worst = 0.0f64;
    for &(name, make, n) in families {
        if filter.is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let n = n * factor;
        let (small, large) = (make(n), make(4 * n));
        let (t1, t4) = (small.time(), large.time());
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        worst = worst.max(ratio);
        println!("{name:<26} {n:>8} {:>10} {:>10.2?} {:>10.2?} {ratio:>6.1}", small.bytes(), t1, t4);
    }
    if worst > 12.0 {
        eprintln!("super-linear growth: worst ratio {worst:.1} (linear is 4)");
        std::process::exit(1);
    }
}
