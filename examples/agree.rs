//! Do wasmlink and wasm-ld-19 agree on which generated links succeed, and on what they make?
//!
//!     cargo run --release --example agree [-- COUNT [SEED]]
//!
//! Generates COUNT (default 400) object sets with tests/objbuilder/generate.rs, links each with
//! the library and with `wasm-ld-19` (from PATH, in a temporary directory), and prints every set
//! where exactly one of them fails, with both first messages. wasm-ld crashes are counted, not
//! compared. Not a test: known differences remain (README, "Differences from wasm-ld"); this is
//! how they were found. Environment:
//! - `AGREE_OUTPUTS=1`: also compare the modules where both succeed (as `wasmprinter` prints
//!   them, the module's name aside) and print the first line that differs (not where wasm-ld
//!   warns of signature variants).
//! - `AGREE_PIC=1`: sets of PIC objects, linked with `-shared` or `-pie`; `AGREE_WASM64=1`: of
//!   wasm64 objects, linked with `-mwasm64`; both: wasm64 PIC objects. `AGREE_GLOBALS=1`: wasm32
//!   objects with wasm globals too (defined and imported, read and written; with `AGREE_PIC=1`,
//!   PIC ones); `AGREE_TAGS=1`: with exception tags too (defined and imported, thrown; with
//!   `AGREE_PIC=1`, PIC ones); `AGREE_TABLES=1`: with tables too (defined and imported,
//!   `funcref` and `externref`, read and called through; with `AGREE_WASM64=1`, wasm64 objects
//!   and table64s); `AGREE_SHARED=1`: PIC objects linked with one or two generated shared
//!   libraries among them (`libd.so`, `libe.so`; `-shared` or `-pie`).
//! - `AGREE_FLAGS="-r"` adds flags to every set's, `AGREE_WITHOUT` takes some away
//!   (`AGREE_PIC=1 AGREE_WITHOUT="-shared -pie" AGREE_FLAGS=-r`: PIC objects merged into one).
//! - `AGREE_KEEP=N` writes set N's objects into `agree-set-N/` and prints its flags, to look at
//!   one difference; `AGREE_BYTES=FILE` does the same into `agree-set/` for the set made from
//!   FILE's bytes (a crash of the `generated` fuzz target).
//!
//! Sets of the commonest documented kinds are marked `[...]` and counted apart: signature
//! variants, an optional linker symbol used as another kind, `__start_X` or `__stop_X` named as
//! a function, an archive member wasm-ld 19 may extract for a local symbol, a module of wasm-ld
//! 19's that does not validate, the output kinds `known_output_difference` tells, a later
//! reference's `NO_STRIP` (kept as LLD 23 keeps it), and a `-r` object of wasm-ld 19's with a
//! table no symbol names. A set only one linker links is marked too where `rust-lld` (LLD 23, of
//! the pinned toolchain) succeeds or fails as wasmlink does.

#[path = "../tests/objbuilder/mod.rs"]
mod objbuilder;

use objbuilder::generate::{Bytes, globals_link_set, link_set, pic_globals_link_set, pic_link_set, pic_shared_link_set, pic_tags_link_set, tables_link_set, tags_link_set, wasm64_link_set, wasm64_pic_link_set, wasm64_tables_link_set};
use std::process::Command;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(400);
    let mut seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0x1234_5678);
    let make_set = match (std::env::var_os("AGREE_PIC").is_some(), std::env::var_os("AGREE_WASM64").is_some()) {
        _ if std::env::var_os("AGREE_SHARED").is_some() => pic_shared_link_set,
        (true, _) if std::env::var_os("AGREE_GLOBALS").is_some() => pic_globals_link_set,
        _ if std::env::var_os("AGREE_GLOBALS").is_some() => globals_link_set,
        (true, _) if std::env::var_os("AGREE_TAGS").is_some() => pic_tags_link_set,
        _ if std::env::var_os("AGREE_TAGS").is_some() => tags_link_set,
        (_, true) if std::env::var_os("AGREE_TABLES").is_some() => wasm64_tables_link_set,
        _ if std::env::var_os("AGREE_TABLES").is_some() => tables_link_set,
        (true, true) => wasm64_pic_link_set,
        (true, false) => pic_link_set,
        (false, true) => wasm64_link_set,
        (false, false) => link_set,
    };
    if let Some(path) = std::env::var_os("AGREE_BYTES") {
        let bytes = std::fs::read(&path).expect("AGREE_BYTES file");
        let (files, flags) = make_set(&mut Bytes(&bytes));
        write_set(std::path::Path::new("agree-set"), &files, &flags);
        return;
    }
    let keep: Option<usize> = std::env::var("AGREE_KEEP").ok().and_then(|v| v.parse().ok());
    let extra_flags: Vec<String> = std::env::var("AGREE_FLAGS").unwrap_or_default().split_whitespace().map(String::from).collect();
    let extra_flags: &'static [String] = extra_flags.leak();
    let without: Vec<String> = std::env::var("AGREE_WITHOUT").unwrap_or_default().split_whitespace().map(String::from).collect();
    let dir = std::env::temp_dir().join(format!("wasmlink-agree-{}", std::process::id()));
    let (mut agree, mut one_sided, mut crashed, mut panicked, mut outputs_differ) = (0, 0, 0, 0, 0);
    // Sets wasm-ld-19 crashed on where LLD 23 succeeds or fails otherwise than wasmlink.
    let (mut crashed_one_sided, mut crashed_one_sided_known) = (0, 0);
    let (mut one_sided_known, mut outputs_known) = (0, 0);
    let compare_outputs = std::env::var_os("AGREE_OUTPUTS").is_some();
    // The pinned toolchain's `rust-lld` (LLD 23), when rustup has it.
    let rust_lld = wasmlink_test_support::pinned_rust_lld(&wasmlink_test_support::repo_root());
    for i in 0..count {
        let bytes: Vec<u8> = (0..200)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let (files, mut flags) = make_set(&mut Bytes(&bytes));
        flags.retain(|f| !without.iter().any(|w| w == f));
        flags.extend(extra_flags.iter().map(String::as_str));
        if keep == Some(i) {
            print!("set {i}: ");
            write_set(std::path::Path::new(&format!("agree-set-{i}")), &files, &flags);
            return;
        }
        if keep.is_some() {
            continue;
        }
        let inputs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        // A panic is the worst difference of all: named, and the run goes on.
        let Ok(ours) = std::panic::catch_unwind(|| objbuilder::link(&inputs, &flags)) else {
            panicked += 1;
            println!("set {i}: {} {}\n  wasmlink:   PANIC", flags.join(" "), files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(" "));
            continue;
        };
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        for (name, bytes) in &files {
            std::fs::write(dir.join(name), bytes).expect("write input");
        }
        let reference = wasm_ld(&dir, &flags, &files, "out.wasm").expect("wasm-ld-19 on PATH");
        let Some(code) = reference.status.code().filter(|&c| c < 128) else {
            crashed += 1;
            // LLD 23 stands in for the crashed linker: whether it links the set as wasmlink does
            // (success or failure; with wasm-ld 19's stack placement, and its other defaults
            // make another module).
            let stack_first = if flags.contains(&"--stack-first") { None } else { Some("--no-stack-first") };
            let lld23 = rust_lld.as_ref().and_then(|lld| lld23(lld, &dir, stack_first, &flags, &files));
            if let Some(lld23) = lld23.filter(|o| o.status.code().is_some_and(|c| c < 128) && o.status.success() != ours.is_ok()) {
                let ours = match &ours {
                    Ok(_) => "ok".to_string(),
                    Err(d) => d.iter().find(|d| d.severity == wasmlink::Severity::Error).map_or(String::new(), |d| d.message.lines().next().unwrap_or("").to_string()),
                };
                // (The optional linker symbols' bullet, as for one-sided sets below.)
                let known = ours
                    .strip_prefix("symbol type mismatch: ")
                    .is_some_and(|n| OPTIONAL_LINKER_SYMBOLS.contains(&n))
                    .then_some("a linker symbol referenced as another kind");
                crashed_one_sided += 1;
                crashed_one_sided_known += known.is_some() as usize;
                let stderr = String::from_utf8_lossy(&lld23.stderr);
                let theirs = stderr.lines().find(|l| l.contains("error")).unwrap_or("ok");
                let names = files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(" ");
                println!("set {i}: {} {names} (wasm-ld-19 crashed){}\n  wasmlink:   {ours}\n  LLD 23:     {theirs}", flags.join(" "), mark(known));
            }
            continue;
        };
        // Two documented differences (README, "Differences from wasm-ld") that explain most of
        // what the sets show; such sets are counted apart and marked.
        let variants = String::from_utf8_lossy(&reference.stderr).contains("signature mismatch");
        let our_error = match &ours {
            Ok(_) => String::new(),
            // (The first error: warnings may come before it.)
            Err(d) => {
                let first = d.iter().find(|d| d.severity == wasmlink::Severity::Error).unwrap_or(&d[0]);
                first.message.lines().next().unwrap_or("").to_string()
            }
        };
        // (The sets' symbols, once, for the kinds read from them.)
        let listing = symbol_listing(&dir, &files).unwrap_or_default();
        let known = if variants {
            Some("signature variants")
        } else if code == 0 && our_error.strip_prefix("symbol type mismatch: ").is_some_and(|n| OPTIONAL_LINKER_SYMBOLS.contains(&n)) {
            Some("an optional linker symbol used as another kind")
        } else if start_stop_named_as_function(&listing) {
            Some("`__start_X` or `__stop_X` named as a function")
        } else if local_extraction_possible(&listing, &files, &flags) {
            Some("wasm-ld 19 may extract a member for a local symbol")
        } else if String::from_utf8_lossy(&reference.stderr).contains("as WASM_SYMBOL_TYPE_SECTION in") {
            // (A library's function export meeting an archive's offer: README, shared libraries.)
            Some("wasm-ld 19 takes an archive's offer for a section")
        } else if code == 0 && !validates(&std::fs::read(dir.join("out.wasm")).unwrap_or_default()) {
            // (Where wasmlink, which validates its output, makes another module or refuses.)
            Some("wasm-ld 19's module does not validate")
        } else {
            None
        };
        if (code == 0) == ours.is_ok() {
            agree += 1;
            // (Signature variants' outputs are not compared.)
            if let (true, false, Ok(out)) = (compare_outputs, variants, &ours)
                && let Some((theirs, ours)) = first_difference(&std::fs::read(dir.join("out.wasm")).unwrap_or_default(), &out.module)
            {
                let known = known
                    .or_else(|| known_output_difference(&theirs, &ours))
                    .or_else(|| known_unstripped(&dir, &files, &flags))
                    .or_else(|| later_no_strip(&dir, &files).then_some("a later reference's NO_STRIP (LLD 23)"))
                    .or_else(|| unreadable_relocatable(&dir, &flags).then_some("-r: wasm-ld 19's object has a table no symbol names"))
                    .or_else(|| known_by_content(&std::fs::read(dir.join("out.wasm")).unwrap_or_default(), &out.module))
                    .or_else(|| {
                        tls_relative_absolute(&theirs, &ours, &out.module)
                            .then_some("wasm-ld 19's thread-local offset without shared memory is an address (LLD 23's is the offset)")
                    });
                outputs_differ += 1;
                outputs_known += known.is_some() as usize;
                println!("set {i}: {} {}{}\n  output differs:\n    wasm-ld-19: {theirs}\n    wasmlink:   {ours}", flags.join(" "), files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(" "), mark(known));
            }
            continue;
        }
        // (Where LLD 23 does as wasmlink does, wasmlink follows the newer linker: README.)
        let known = known.or_else(|| {
            let lld23 = rust_lld.as_ref().and_then(|lld| lld23(lld, &dir, None, &flags, &files))?;
            (lld23.status.success() == ours.is_ok()).then_some("LLD 23 does as wasmlink")
        });
        one_sided += 1;
        one_sided_known += known.is_some() as usize;
        let ours = if ours.is_ok() { "ok".to_string() } else { our_error };
        let stderr = String::from_utf8_lossy(&reference.stderr);
        let theirs = stderr.lines().find(|l| l.contains("error")).unwrap_or("ok");
        println!("set {i}: {} {}{}\n  wasmlink:   {ours}\n  wasm-ld-19: {theirs}", flags.join(" "), files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(" "), mark(known));
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{agree} agree, {one_sided} one-sided (only one linker fails; {one_sided_known} of a known kind), {crashed} crashed wasm-ld-19 ({crashed_one_sided} of them one-sided against LLD 23, {crashed_one_sided_known} of a known kind), {panicked} panicked wasmlink"
    );
    if compare_outputs {
        println!("{outputs_differ} of the {agree} agreeing links made different modules ({outputs_known} of a known kind)");
    }
}

/// The symbols lld makes only where they are referenced (`__data_end`, ...): a reference of
/// another kind is an error in wasmlink, where wasm-ld replaces the symbol silently.
const OPTIONAL_LINKER_SYMBOLS: &[&str] = &[
    "__data_end", "__heap_base", "__heap_end", "__global_base", "__memory_base", "__table_base", "__dso_handle",
    "__tls_base", "__tls_size", "__tls_align", "__stack_low", "__stack_high", "__wasm_first_page_end",
    // (Imported, in PIC output.)
    "__stack_pointer",
];

/// PIC output differences the README lists, told by the first line that differs.
fn known_output_difference(theirs: &str, ours: &str) -> Option<&'static str> {
    if theirs.contains("global.get $__tls_base") && ours.contains("global.get $__memory_base") {
        Some("thread-local pointers in PIC data")
    } else if ours.contains("(global $__tls_base ") && (ours.contains("(mut i") || ours.contains("global.get $__memory_base"))
        && theirs.contains("(global ") && !theirs.contains("(mut ")
    {
        // (wasm-ld 19's may have lost its name: the name-section bullet.)
        // (wasmlink's is set at start, or initialized, from `__memory_base`.)
        Some("PIC without shared memory: `__tls_base` from `__memory_base`")
    } else if theirs.contains("(global $GOT.data.internal.")
        && !theirs.contains("(mut ")
        && !theirs.contains("global.get")
        && ours.contains("(global $GOT.data.internal.")
        && (ours.contains(" (mut i") || ours.contains("global.get $__memory_base"))
    {
        // (Where a PIC module's internal GOT entries are set at start, or add `__memory_base`
        // in their initializers with extended-const, wasm-ld 19 leaves those of thread-local
        // data constants, the TLS block's offsets.)
        Some("PIC without shared memory: `__tls_base` from `__memory_base`")
    } else if theirs.trim_start().starts_with("(data $.data ")
        && ours.trim_start().starts_with("(data $.data ")
        && theirs.trim().starts_with(ours.trim().trim_end_matches(['"', ')']))
    {
        // (The rest of wasm-ld 19's `.data` is the `.bss` it combined into it.)
        Some("a PIC module's .bss out of its .data (LLD 21)")
    } else if ["(start $__wasm_init_memory)", "(start $__wasm_start)", "(func $__wasm_init_memory "]
        .iter()
        .any(|line| ours.trim_start().starts_with(line))
        && !theirs.contains("__wasm_init_memory")
        && !theirs.contains("__wasm_start")
    {
        // (With an imported memory and bulk memory, `__wasm_init_memory` zeroes that `.bss`,
        // the start function or called by `__wasm_start` with the GOT's relocations.)
        Some("a PIC module's .bss out of its .data (LLD 21)")
    } else if theirs.contains("$undefined_stub") {
        Some("a PIC call to a missing function")
    } else if theirs.contains("(import-info") || ours.contains("(import-info") {
        Some("PIC import info")
    } else if theirs.contains("(@custom \"reloc.") && theirs.contains("\\ff\\ff\\ff\\ff\\0f") {
        Some("--emit-relocs: wasm-ld 19's relocation against a removed symbol, index -1")
    } else if theirs.contains("(@custom \"linking\"") && theirs.contains("\\ff\\ff\\ff\\ff\\0f") {
        // (A symbol with index -1: a missing global wasm-ld 19 does not import.)
        Some("--emit-relocs: wasm-ld 19's symbol with index -1")
    } else if theirs.contains("(@custom \"linking\"") && (ours.contains("undefined_stub") || ours.contains("undefined_weak:")) {
        // (It lists a stub as an undefined symbol, or twice; llvm-objdump rejects such tables.)
        Some("--emit-relocs: wasm-ld 19's symbols for stubs")
    } else if !theirs.contains('$') && ours.split(' ').filter(|w| !w.starts_with('$')).collect::<Vec<_>>() == theirs.split(' ').collect::<Vec<_>>()
        || unnamed_item(theirs, ours)
    {
        // (wasmprinter drops a name section, or its later parts, where it names an item twice:
        // wasm-ld 19 names both its `unreachable` stub for a missing function and the function's
        // import, and a shared library's weak global twice, for its import and its definition.)
        Some("wasm-ld 19's name section names an item twice")
    } else {
        None
    }
}

/// The same item, named only in wasmlink's module: `(data $.data (;0;) ...` against
/// `(data (;0;) ...`.
fn unnamed_item(theirs: &str, ours: &str) -> bool {
    let (t, o): (Vec<&str>, Vec<&str>) = (theirs.split_whitespace().collect(), ours.split_whitespace().collect());
    o.len() == t.len() + 1 && o.get(1).is_some_and(|w| w.starts_with('$')) && o[0] == t[0] && o[2..] == t[1..]
}

/// Some name is undefined in two of the set's objects (in command-line order, an archive's
/// members last), `NO_STRIP` in a later one but not in the first: wasmlink keeps the flag, as
/// LLD 23 does; wasm-ld 19 keeps the first reference's flags (README, the `NO_STRIP` bullet).
fn later_no_strip(dir: &std::path::Path, files: &[(String, Vec<u8>)]) -> bool {
    let Ok(out) = Command::new("llvm-readobj-19").arg("--symbols").args(files.iter().map(|f| &f.0)).current_dir(dir).output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    // Each undefined symbol's name and whether it is NO_STRIP, in the order printed.
    let mut first_no_strip: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for symbol in text.split("Symbol {").skip(1) {
        let name = symbol.lines().find_map(|l| l.trim().strip_prefix("Name: ")).unwrap_or("");
        if !symbol.contains("UNDEFINED (0x10)") {
            continue;
        }
        let no_strip = symbol.contains("NO_STRIP (0x80)");
        match first_no_strip.get(name) {
            Some(false) if no_strip => return true,
            Some(_) => {}
            None => {
                first_no_strip.insert(name, no_strip);
            }
        }
    }
    false
}

/// In `-r` output, wasm-ld 19 keeps a table whose definition lost, with no symbol, and cannot read
/// the object back (README, the bullet on such tables): linked again, it says so.
fn unreadable_relocatable(dir: &std::path::Path, flags: &[&str]) -> bool {
    if !flags.contains(&"-r") {
        return false;
    }
    let again = Command::new("wasm-ld-19").args(["-r", "out.wasm", "-o", "again.o"]).current_dir(dir).output();
    again.is_ok_and(|o| String::from_utf8_lossy(&o.stderr).contains("expected one symbol table entry for each of the"))
}

/// With `--strip-all` a difference shows as bare indexes: the set is linked again by both without
/// it, and the first difference then is looked up among the known kinds.
fn known_unstripped(dir: &std::path::Path, files: &[(String, Vec<u8>)], flags: &[&str]) -> Option<&'static str> {
    if !flags.contains(&"--strip-all") {
        return None;
    }
    let flags: Vec<&str> = flags.iter().copied().filter(|f| *f != "--strip-all").collect();
    let inputs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let ours = objbuilder::link(&inputs, &flags).ok()?;
    if !wasm_ld(dir, &flags, files, "unstripped.wasm").ok()?.status.success() {
        return None;
    }
    let theirs = std::fs::read(dir.join("unstripped.wasm")).ok()?;
    let (first_theirs, first_ours) = first_difference(&theirs, &ours.module)?;
    known_output_difference(&first_theirs, &first_ours).or_else(|| known_by_content(&theirs, &ours.module))
}

/// Without shared memory, wasm-ld 19 writes a thread-local variable's address where code adds
/// its offset to `__tls_base` (`MEMORY_ADDR_TLS_SLEB`); LLD 23 and wasmlink write the offset:
/// the first difference is an `i32.const` that much greater, `__tls_base`'s value.
fn tls_relative_absolute(theirs: &str, ours: &str, our_module: &[u8]) -> bool {
    let constant = |line: &str| line.trim().strip_prefix("i32.const ")?.parse::<i64>().ok();
    let printed = wasmprinter::print_bytes(our_module).unwrap_or_default();
    let tls_base = printed
        .lines()
        .find(|l| l.contains("(global $__tls_base ") && !l.contains("(mut"))
        .and_then(|l| l.trim().trim_end_matches(')').rsplit(' ').next()?.parse::<i64>().ok());
    matches!((constant(theirs), constant(ours), tls_base), (Some(t), Some(o), Some(b)) if b != 0 && t - o == b)
}

/// Differences the README lists that shift everything after them, told by what only one of the
/// two modules (wasm-ld 19's, wasmlink's) holds as printed: an `undefined_stub`, in PIC output
/// wasm-ld 19's stub for a missing function (the PIC stub bullets), or a GOT entry for
/// `__memory_base` or `__table_base`, data symbols to wasm-ld 19 in a module at a fixed address,
/// where wasmlink has globals ("Where wasm-ld 19 and later releases differ").
fn known_by_content(theirs: &[u8], ours: &[u8]) -> Option<&'static str> {
    let print = |b: &[u8]| wasmprinter::print_bytes(b).unwrap_or_default();
    let (theirs, ours) = (print(theirs), print(ours));
    let holds = |text: &str, needles: &[&str]| needles.iter().any(|n| text.contains(n));
    let only_theirs = |needles: &[&str]| holds(&theirs, needles) && !holds(&ours, needles);
    let only_ours = |needles: &[&str]| holds(&ours, needles) && !holds(&theirs, needles);
    if only_theirs(&["(func $undefined_stub"]) {
        return Some("a PIC module's stub for a missing function (wasm-ld 19)");
    }
    let (bases, globals) = (["GOT.data.internal.__memory_base", "GOT.data.internal.__table_base"], ["(global $__memory_base (;", "(global $__table_base (;"]);
    (only_theirs(&bases) || only_ours(&globals)).then_some("wasm-ld 19's `__memory_base` and `__table_base` at a fixed address are data")
}

fn mark(known: Option<&str>) -> String {
    known.map(|k| format!(" [{k}]")).unwrap_or_default()
}

/// Whether wasm-ld 19 may pull an archive member in for one of the member's *local* symbols
/// (its lazy scan does not skip them): a member defines, locally, a name that some input leaves
/// undefined, that the flags ask for (`--export=`, `--undefined=`, the entry), or one of the
/// linker's own (`__stop_sec`, which the linker looks up); or, in `-r` and `--emit-relocs`
/// output and in exports of all symbols, where the name lld gives such a local can change the
/// symbol table's order. Read from the set's `symbol_listing`.
fn local_extraction_possible(text: &str, files: &[(String, Vec<u8>)], flags: &[&str]) -> bool {
    if !files.iter().any(|f| f.0.ends_with(".a")) {
        return false;
    }
    let (mut member_locals, mut undefined) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    let mut globals = std::collections::HashSet::new();
    let mut in_member = false;
    for line in text.lines() {
        // ("lib.a(m1.o):	file format wasm" starts a member's symbols.)
        if line.contains("file format") {
            in_member = line.contains(".a(");
            continue;
        }
        // "ADDRESS l     F CODE	SIZE name", "ADDRESS       F *UND*	SIZE name"
        let cols: Vec<&str> = line.split_whitespace().collect();
        let Some(&name) = cols.last().filter(|_| cols.len() >= 4) else { continue };
        if line.contains("*UND*") {
            undefined.insert(name);
        } else if in_member && cols[1] == "l" && cols[2] != "d" {
            member_locals.insert(name);
        } else if cols[1] != "l" {
            globals.insert(name);
        }
    }
    // The symbol table of `-r` and `--emit-relocs` output, and the exports of `--export-all` and
    // `--export-dynamic`, list globals in the order lld first named them, and lld names one for
    // a member's local definition of that name too.
    let in_symbol_order = |f: &&str| matches!(*f, "-r" | "--emit-relocs" | "--export-all" | "--export-dynamic");
    if flags.iter().any(in_symbol_order) && member_locals.iter().any(|n| globals.contains(n)) {
        return true;
    }
    for flag in flags {
        let named = ["--export=", "--export-if-defined=", "--undefined=", "-u"].iter().find_map(|p| flag.strip_prefix(p));
        if let Some(name) = named.filter(|n| !n.is_empty()) {
            undefined.insert(name);
        }
    }
    if !flags.iter().any(|f| matches!(*f, "--no-entry" | "-shared" | "-r")) {
        undefined.insert("_start");
    }
    member_locals.iter().any(|n| undefined.contains(n) || n.starts_with("__"))
}

/// Whether an object leaves `__start_X` or `__stop_X` undefined as a function (README,
/// "Differences from wasm-ld": wasmlink keeps the function, wasm-ld 19 makes the data symbol).
fn start_stop_named_as_function(text: &str) -> bool {
    // "ADDRESS       F *UND*	SIZE name"
    text.lines().any(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        cols.len() >= 4
            && cols[cols.len() - 3] == "*UND*"
            && cols[cols.len() - 4] == "F"
            && cols.last().is_some_and(|n| n.starts_with("__start_") || n.starts_with("__stop_"))
    })
}

/// Whether a module validates (with every feature: what matters is its indexes and types).
fn validates(module: &[u8]) -> bool {
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all()).validate_all(module).is_ok()
}

/// wasm-ld-19 links the set's files in `dir` into `out` there.
fn wasm_ld(dir: &std::path::Path, flags: &[&str], files: &[(String, Vec<u8>)], out: &str) -> std::io::Result<std::process::Output> {
    Command::new("wasm-ld-19").args(flags).args(files.iter().map(|f| f.0.as_str())).args(["-o", out]).current_dir(dir).output()
}

/// LLD 23 (`lld`, the pinned toolchain's rust-lld) links the set's files in `dir` into
/// `lld23.wasm` there, with `extra` before the set's flags.
fn lld23(lld: &std::path::Path, dir: &std::path::Path, extra: Option<&str>, flags: &[&str], files: &[(String, Vec<u8>)]) -> Option<std::process::Output> {
    let mut cmd = Command::new(lld);
    cmd.args(["-flavor", "wasm"]).args(extra).args(flags).args(files.iter().map(|f| f.0.as_str()));
    cmd.args(["-o", "lld23.wasm"]).current_dir(dir).output().ok()
}

/// `llvm-objdump-19 -t` of the set's objects and archives in `dir`.
fn symbol_listing(dir: &std::path::Path, files: &[(String, Vec<u8>)]) -> Option<String> {
    // (Shared libraries aside: llvm-objdump-19 crashes on some.)
    let objects = files.iter().map(|f| f.0.as_str()).filter(|f| !f.ends_with(".so"));
    let out = Command::new("llvm-objdump-19").arg("-t").args(objects).current_dir(dir).output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Writes a set's objects into `dir` and prints its link line.
fn write_set(dir: &std::path::Path, files: &[(String, Vec<u8>)], flags: &[&str]) {
    std::fs::create_dir_all(dir).expect("set directory");
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("write input");
    }
    println!("{} {} (written to {})", flags.join(" "), files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(" "), dir.display());
}

/// The first line where two modules, as `wasmprinter` prints them (their names aside), differ.
fn first_difference(theirs: &[u8], ours: &[u8]) -> Option<(String, String)> {
    let print = |b: &[u8]| wasmprinter::print_bytes(b).unwrap_or_else(|e| format!("(unprintable: {e})"));
    let (a, b) = (print(theirs), print(ours));
    let unnamed = |l: &str| if l.starts_with("(module") { "(module".to_string() } else { l.to_string() };
    let (mut a, mut b) = (a.lines().map(unnamed), b.lines().map(unnamed));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return None,
            (x, y) if x == y => continue,
            (x, y) => return Some((x.unwrap_or_default(), y.unwrap_or_default())),
        }
    }
}
