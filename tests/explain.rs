//! Explaining a link, as wasm-ld 19 does: `-t`, `-y`, `--why-extract`, `-Map`/`-M` and
//! `--reproduce`, and the order in which archive members join the link, which they all show.
//! The library's notes and texts are checked on objects built in code; what the command line
//! writes (files, stdout, the tar) by running the native binary. Every expected text here is
//! what wasm-ld 19 prints for the same objects (but where a comment says otherwise).

mod objbuilder;

use std::path::PathBuf;
use std::process::Command;

use objbuilder::*;
use wasmlink::{Diagnostic, InputFile, Severity};
use wasmlink_test_support::fresh_work_dir;

/// `_start` calling each of `callees`.
fn caller(callees: &[&str]) -> Vec<u8> {
    let mut o = Obj::new();
    let mut body = Body::new();
    for c in callees {
        let s = o.undef_func(c, 0);
        body = body.call(s);
    }
    o.func("_start", 0, 0, body.end());
    o.build()
}

/// Defines `name`, calling each of `callees`.
fn member(name: &str, callees: &[&str]) -> Vec<u8> {
    let mut o = Obj::new();
    let mut body = Body::new();
    for c in callees {
        let s = o.undef_func(c, 0);
        body = body.call(s);
    }
    o.func(name, 0, 0, body.end());
    o.build()
}

fn lib() -> Vec<u8> {
    archive(&[("m1.o", &member("f1", &["f3"])), ("m2.o", &member("f2", &[])), ("m3.o", &member("f3", &[]))])
}

fn notes(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().filter(|d| d.severity == Severity::Note).map(|d| d.message.clone()).collect()
}

/// Names of the output's defined functions, in index order.
fn function_order(module: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for p in wasmparser::Parser::new(0).parse_all(module) {
        if let Ok(wasmparser::Payload::CustomSection(c)) = p
            && let wasmparser::KnownCustom::Name(reader) = c.as_known()
        {
            for n in reader {
                if let Ok(wasmparser::Name::Function(map)) = n {
                    names.extend(map.into_iter().map(|n| n.unwrap().name.to_string()));
                }
            }
        }
    }
    names
}

#[test]
fn members_join_as_they_are_referenced_and_are_numbered_after_what_they_extract() {
    // main.o then lib.a: the archive's lazy symbols extract their members in turn (m1.o's
    // reference to f3 is undefined until m3.o's lazy symbols come).
    let out = link(&[("main.o", caller(&["f1", "f2"])), ("lib.a", lib())], &["-t"]).unwrap();
    assert_eq!(notes(&out.diagnostics), ["main.o", "lib.a(m1.o)", "lib.a(m2.o)", "lib.a(m3.o)"]);
    assert_eq!(function_order(&out.module), ["_start", "f1", "f2", "f3"]);
    // lib.a then main.o: the members join while main.o's symbols are added, and so come before
    // it in the output (lld's objectFiles order), the innermost first.
    let out = link(&[("lib.a", lib()), ("main.o", caller(&["f1", "f2"]))], &["-t"]).unwrap();
    assert_eq!(notes(&out.diagnostics), ["main.o", "lib.a(m1.o)", "lib.a(m3.o)", "lib.a(m2.o)"]);
    assert_eq!(function_order(&out.module), ["f3", "f1", "f2", "_start"]);
}

#[test]
fn trace_symbol_reports_definitions_and_references_in_order() {
    let out = link(&[("lib.a", lib()), ("main.o", caller(&["f1"]))], &["-y", "f1", "--trace-symbol=f3", "-y", "__stack_pointer"])
        .unwrap();
    assert_eq!(
        notes(&out.diagnostics),
        [
            "<internal>: definition of __stack_pointer",
            "lib.a(m1.o): lazy definition of f1",
            "lib.a(m3.o): lazy definition of f3",
            "main.o: reference to f1",
            "lib.a(m1.o): reference to f3",
            "lib.a(m3.o): definition of f3",
            "lib.a(m1.o): definition of f1",
        ]
    );
    // Nothing traced, nothing said.
    let out = link(&[("main.o", caller(&["f1"])), ("lib.a", lib())], &[]).unwrap();
    assert!(notes(&out.diagnostics).is_empty());
}

#[test]
fn why_extract_names_each_extraction_after_those_it_caused() {
    let files = [("lib.a", lib()), ("main.o", caller(&["f1"]))];
    let out = link(&files, &["--why-extract=-", "-u", "f2"]).unwrap();
    assert_eq!(
        notes(&out.diagnostics),
        ["reference\textracted\tsymbol\nlib.a(m1.o)\tlib.a(m3.o)\tf3\nmain.o\tlib.a(m1.o)\tf1\n<internal>\tlib.a(m2.o)\tf2"]
    );
    // To a file: the text comes back beside the result, also when the link then fails.
    let inputs: Vec<InputFile> = [("main.o", caller(&["f1", "missing"])), ("lib.a", lib())]
        .into_iter()
        .map(|(n, b)| InputFile { name: n.into(), bytes: b })
        .collect();
    let args: Vec<String> = ["--why-extract=why.txt", "--entry=f2", "--export=_start", "main.o", "lib.a"].map(String::from).into();
    let parsed = wasmlink::args::parse(&args, &|_| None).unwrap();
    let inputs: Vec<wasmlink::Input> = inputs.iter().map(InputFile::as_input).collect();
    let linked = wasmlink::link_explained(&inputs, &parsed.config);
    let errors: Vec<String> = linked.result.unwrap_err().into_iter().map(|d| d.message).collect();
    assert_eq!(errors, ["main.o: undefined symbol: missing"]);
    assert_eq!(
        linked.why_extract.as_deref(),
        Some("reference\textracted\tsymbol\nmain.o\tlib.a(m1.o)\tf1\nlib.a(m1.o)\tlib.a(m3.o)\tf3\n--entry\tlib.a(m2.o)\tf2\n")
    );
}

#[test]
fn why_extract_demangles_unless_told_not_to() {
    let files = [("main.o", caller(&["_Z1bv"])), ("b.a", archive(&[("b.o", &member("_Z1bv", &[]))]))];
    let out = link(&files, &["--why-extract=-"]).unwrap();
    assert_eq!(notes(&out.diagnostics), ["reference\textracted\tsymbol\nmain.o\tb.a(b.o)\tb()"]);
    let out = link(&files, &["--why-extract=-", "--no-demangle"]).unwrap();
    assert_eq!(notes(&out.diagnostics), ["reference\textracted\tsymbol\nmain.o\tb.a(b.o)\t_Z1bv"]);
}

#[test]
fn map_lists_sections_functions_segments_and_globals() {
    let mut o = Obj::new();
    let callee = o.undef_func("_Z3getv", 0);
    o.func("_start", 0, 0, Body::new().call(callee).end());
    o.data("table", ".data.table", &[1, 2, 3, 4], 0);
    o.data("zeroes", ".bss.zeroes", &[0; 8], 0);
    let files = [("a.o", o.build()), ("b.o", member("_Z3getv", &[]))];
    let out = link(&files, &["-Map=a.map", "--export=table", "--export=zeroes"]).unwrap();
    let map = out.map.expect("a map");
    // (The name section differs: a link through the library has no output file to name the
    // module after, and wasm-ld names the function `get()` there too.)
    assert_eq!(
        map,
        "    Addr      Off     Size Out     In      Symbol
       -        8        6 TYPE
       -        e        5 FUNCTION
       -       13        5 MEMORY
       -       18       16 GLOBAL
       0        0        0         __stack_pointer
       -       2e       26 EXPORT
       -       54        f CODE
       -       55        9         a.o:(_start)
       -       55        9                 _start
       -       5e        3         b.o:(_Z3getv)
       -       5e        3                 get()
       -       63        d DATA
     400       64        4 .data
     400       6a        4         a.o:(.data.table)
     400       6a        4                 table
     404       63        8 .bss
     404        0        8         a.o:(.bss.zeroes)
     404        0        8                 zeroes
       -       70       37 CUSTOM(name)
"
    );
    // -M: the same text, on stdout among the notes.
    let out = link(&files, &["-M", "--export=table", "--export=zeroes"]).unwrap();
    assert!(out.map.is_none());
    assert_eq!(notes(&out.diagnostics), [map.trim_end()]);
}

/// `<target dir>/explain-test/<name>`, empty.
fn work(name: &str) -> PathBuf {
    fresh_work_dir(format!("explain-test/{name}"))
}

fn wasmlink(dir: &PathBuf, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(args).current_dir(dir).env_remove("LLD_REPRODUCE").output().unwrap()
}

#[test]
fn command_line_writes_the_reports() {
    let dir = work("reports");
    std::fs::write(dir.join("main.o"), caller(&["f1"])).unwrap();
    std::fs::write(dir.join("lib.a"), lib()).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();

    // The map file and the why-extract file; trace lines on stdout.
    let out = wasmlink(&dir, &["main.o", "lib.a", "-o", "a.wasm", "-Map=a.map", "--why-extract=why.txt", "-t"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "main.o\nlib.a(m1.o)\nlib.a(m3.o)\n");
    // (lib.a(m3.o) is extracted at top level, for m1.o's reference, once m1.o is in.)
    assert!(std::fs::read_to_string(dir.join("a.map")).unwrap().contains("lib.a(m1.o):(f1)\n"));
    assert_eq!(
        std::fs::read_to_string(dir.join("why.txt")).unwrap(),
        "reference\textracted\tsymbol\nmain.o\tlib.a(m1.o)\tf1\nlib.a(m1.o)\tlib.a(m3.o)\tf3\n"
    );

    // A map file that cannot be written stops the link before it starts.
    let out = wasmlink(&dir, &["main.o", "-o", "b.wasm", "-Map=missing/a.map", "-Map=sub"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err, "wasmlink: error: cannot open map file sub: Is a directory\n");
    let out = wasmlink(&dir, &["main.o", "-o", "sub", "-Map=missing/a.map"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "wasmlink: error: cannot open output file sub: Is a directory\n\
         wasmlink: error: cannot open map file missing/a.map: No such file or directory\n"
    );
    assert!(!err.contains("undefined symbol"));

    // --why-extract= is written although the link fails, and a failure to write it fails the link.
    let out = wasmlink(&dir, &["main.o", "-o", "c.wasm", "--why-extract=why2.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.join("why2.txt")).unwrap(), "reference\textracted\tsymbol\n");
    let out = wasmlink(&dir, &["main.o", "lib.a", "-o", "d.wasm", "--why-extract=sub"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wasmlink: error: cannot open --why-extract= file sub: Is a directory\n");
    assert!(!dir.join("d.wasm").exists());
}

#[test]
fn reproduce_archives_the_command_line_and_the_inputs() {
    let dir = work("reproduce");
    std::fs::write(dir.join("main.o"), caller(&["f1"])).unwrap();
    std::fs::write(dir.join("lib.a"), lib()).unwrap();
    std::fs::write(dir.join("args.rsp"), "--export f2 -y f1\n").unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    // (`--no-fork` is wasmlink's own, which wasm-ld would refuse: left out of the archive.)
    let out = wasmlink(&dir, &["--reproduce=repro.tar", "-o", "out/../a.wasm", "main.o", "lib.a", "@args.rsp", "--no-fork", "--features=mutable-globals,sign-ext"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let root = std::path::absolute(&dir).unwrap();
    let inside = root.to_string_lossy().trim_start_matches('/').to_string();
    let mut entries = Vec::new();
    let mut tar = tar::Archive::new(std::fs::File::open(dir.join("repro.tar")).unwrap());
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        let path = e.path().unwrap().to_string_lossy().into_owned();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut text).unwrap();
        entries.push((path, text));
    }
    let names: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        ["repro/response.txt".to_string(), "repro/version.txt".into(), format!("repro/{inside}/main.o"), format!("repro/{inside}/lib.a")]
    );
    assert_eq!(
        String::from_utf8_lossy(&entries[0].1),
        format!("-o a.wasm\n{inside}/main.o\n{inside}/lib.a\n--export f2\n-y f1\n--features=mutable-globals,sign-ext\n")
    );
    assert!(String::from_utf8_lossy(&entries[1].1).contains("LLD"));
    assert_eq!(entries[3].1, lib());

    // LLD_REPRODUCE does the same when there is no --reproduce.
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink"))
        .args(["-o", "a.wasm", "main.o", "lib.a"])
        .env("LLD_REPRODUCE", "second.tar")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("second.tar").exists());

    // An archive that cannot be made fails the link.
    let out = wasmlink(&dir, &["--reproduce=missing/r.tar", "-o", "a.wasm", "main.o", "lib.a"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wasmlink: error: --reproduce: No such file or directory\n");
}


/// lld extracts recursively; here a stack of files stands for the recursion, so a chain of
/// members each extracted by the one before, all of them lazy before the first reference,
/// nests as deep as it is long without growing the call stack.
#[test]
fn a_deep_chain_of_extractions_does_not_recurse() {
    const N: usize = 50_000;
    let members: Vec<(String, Vec<u8>)> = (0..N)
        .map(|i| {
            let callees: Vec<String> = if i + 1 < N { vec![format!("f{}", i + 1)] } else { vec![] };
            let callees: Vec<&str> = callees.iter().map(String::as_str).collect();
            (format!("m{i}.o"), member(&format!("f{i}"), &callees))
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = members.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let files = [("lib.a", archive(&refs)), ("main.o", caller(&["f0"]))];
    let out = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || link(&files, &["--why-extract=-"]).map(|o| (o.module, notes(&o.diagnostics))))
        .unwrap()
        .join()
        .unwrap()
        .unwrap();
    let why = &out.1[0];
    // The innermost extraction is recorded first, main.o's last; the output has the functions
    // in the same order, `_start` after them all.
    assert!(why.starts_with(&format!("reference\textracted\tsymbol\nlib.a(m{}.o)\tlib.a(m{}.o)\tf{}\n", N - 2, N - 1, N - 1)));
    assert!(why.ends_with("main.o\tlib.a(m0.o)\tf0"));
    let order = function_order(&out.0);
    assert_eq!(order.first().map(String::as_str), Some(format!("f{}", N - 1).as_str()));
    assert_eq!(order.last().map(String::as_str), Some("_start"));
}
