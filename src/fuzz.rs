//! Entry points shared by the cargo-fuzz targets (fuzz/) and the smoke test
//! that runs them on stable under `cargo test` (tests/fuzz_smoke.rs). Each
//! one feeds arbitrary bytes to a public API; any outcome but a panic or a
//! hang is acceptable, nor an "internal error" diagnostic (an output that
//! failed validation without bad input to blame), which is turned into a
//! panic here so that the fuzzer reports it.

use crate::{Diagnostic, InputFile, Output, link_args};

/// Panics on an `internal error` diagnostic (an output that failed
/// validation with no input to blame), and on an output that the linker's
/// own validation let through but wasmparser's whole-module validation does
/// not (the linker validates function bodies apart, in parallel).
pub fn check(result: Result<Output, Vec<Diagnostic>>) {
    let diagnostics = match &result {
        Ok(out) => &out.diagnostics,
        Err(list) => list,
    };
    for d in diagnostics {
        assert!(!d.is_internal_error(), "{}", d.message);
    }
    if let Ok(out) = &result
        && let Err(e) = wasmparser::Validator::new_with_features(crate::features::VALIDATED).validate_all(&out.module)
    {
        panic!("an invalid output was returned: {e}");
    }
}

fn file(name: &str, bytes: &[u8]) -> InputFile {
    InputFile { name: name.into(), bytes: bytes.to_vec() }
}

/// One object, linked with the permissive flags a real link would use.
pub fn link_one(data: &[u8]) {
    let args: Vec<String> = ["--no-entry", "--export-all", "--allow-undefined", "in.o"].map(String::from).into();
    check(link_args(&args, &[file("in.o", data)]));
    let _ = crate::input::object::parse_complete(data);
}

/// An archive: parsed, then searched by a link that references `main`.
pub fn archive(data: &[u8]) {
    let _ = crate::input::archive::parse_archive("fuzz.a", data, None, &|_| None);
    let args: Vec<String> = ["--allow-undefined", "-u", "main", "--entry=main", "lib.a"].map(String::from).into();
    check(link_args(&args, &[file("lib.a", data)]));
    let args: Vec<String> = ["--no-entry", "--whole-archive", "lib.a"].map(String::from).into();
    check(link_args(&args, &[file("lib.a", data)]));
}

/// Up to four files and a handful of flags: the first byte picks the flags,
/// then the rest is cut into files at the separator `\xffWLNK`.
pub fn link_many(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    const FLAGS: &[&str] = &[
        "--no-entry", "--allow-undefined", "--no-gc-sections", "--export-all", "--shared-memory",
        "--import-memory", "--stack-first", "--strip-all",
    ];
    let mut args: Vec<String> = FLAGS.iter().enumerate().filter(|(i, _)| pick & (1 << i) != 0).map(|(_, f)| f.to_string()).collect();
    let mut files = Vec::new();
    for (i, part) in split(rest, b"\xffWLNK").into_iter().take(4).enumerate() {
        let name = if part.starts_with(b"!<arch>") { format!("lib{i}.a") } else { format!("f{i}.o") };
        args.push(name.clone());
        files.push(file(&name, part));
    }
    check(link_args(&args, &files));
}

/// Flags separated by NUL, then `\0\0`, then one object: the numbers and
/// combinations of options the other targets keep fixed.
pub fn options(data: &[u8]) {
    let (flags, object) = match data.windows(2).position(|w| w == b"\0\0") {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(flags);
    let mut args: Vec<String> = text.split('\0').take(32).filter(|a| !a.is_empty()).map(String::from).collect();
    args.push("in.o".into());
    check(link_args(&args, &[file("in.o", object)]));
}

/// A symbol name, demangled as the name section and diagnostics show it: any outcome but a
/// panic (or a hang, which libFuzzer's `-timeout` reports) passes.
pub fn demangle(data: &[u8]) {
    let name = String::from_utf8_lossy(data);
    let _ = crate::demangle::show(&name, true);
}

/// Arguments separated by NUL; `@r` names a response file holding the rest.
pub fn args(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let args: Vec<String> = parts.by_ref().take(64).map(String::from).collect();
    let response: String = parts.collect::<Vec<_>>().join(" ");
    let _ = crate::args::parse(&args, &|name| (name == "r").then(|| response.clone()));
}

fn split<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + sep.len() <= data.len() {
        if &data[i..i + sep.len()] == sep {
            out.push(&data[start..i]);
            i += sep.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&data[start..]);
    out
}
