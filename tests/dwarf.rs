//! DWARF through the link: every `DW_AT_low_pc` of a subprogram in our output
//! must point at the first byte after the body-size field of the function of
//! that name (what FUNCTION_OFFSET_I32 means), and functions the reference
//! linker garbage-collects must be tombstoned in ours too.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use wasmlink_test_support::{stdout_of, work_dir};
use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

const TOOL_TIMEOUT: Duration = Duration::from_secs(300);

/// (name, low_pc) of every subprogram; `None` for wasm-ld's tombstones.
fn subprograms(wasm: &PathBuf) -> Vec<(String, Option<u64>)> {
    let text = stdout_of(Command::new("llvm-dwarfdump-19").arg("--debug-info").arg(wasm), TOOL_TIMEOUT);
    let mut out = Vec::new();
    let mut low: Option<Option<u64>> = None;
    let mut in_sub = false;
    for line in text.lines() {
        let l = line.trim();
        if l.contains("DW_TAG_") {
            in_sub = l.contains("DW_TAG_subprogram");
            low = None;
        } else if in_sub && l.starts_with("DW_AT_low_pc") {
            low = Some(if l.contains("dead code") {
                None
            } else {
                let hex = l.split("(0x").nth(1).and_then(|s| s.split(')').next()).unwrap();
                Some(u64::from_str_radix(hex, 16).unwrap())
            });
        } else if in_sub && l.starts_with("DW_AT_name") {
            if let Some(pc) = low.take() {
                let name = l.split("(\"").nth(1).and_then(|s| s.split("\")").next()).unwrap().to_string();
                out.push((name, pc));
            }
            in_sub = false;
        }
    }
    out
}

/// Function name -> offset of its body (after the size LEB) in the code payload.
fn body_offsets(wasm: &PathBuf) -> HashMap<String, u64> {
    let bytes = std::fs::read(wasm).unwrap();
    let (mut imported, mut defined, mut code_start) = (0u32, 0u32, 0u64);
    let mut starts = HashMap::new();
    let mut names = HashMap::new();
    for p in Parser::new(0).parse_all(&bytes) {
        match p.unwrap() {
            Payload::ImportSection(r) => {
                for i in r.into_imports() {
                    imported += matches!(i.unwrap().ty, TypeRef::Func(_)) as u32;
                }
            }
            Payload::CodeSectionStart { unchecked_range, .. } => code_start = unchecked_range.start,
            Payload::CodeSectionEntry(body) => {
                starts.insert(imported + defined, body.range().start - code_start);
                defined += 1;
            }
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(r) = c.as_known() {
                    for n in r {
                        if let Ok(Name::Function(map)) = n {
                            for naming in map {
                                let naming = naming.unwrap();
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    starts.into_iter().filter_map(|(i, off)| names.get(&i).map(|n| (n.clone(), off))).collect()
}

#[test]
fn subprogram_addresses_point_at_their_functions() {
    let dir = work_dir("dwarf-test");
    let src = dir.join("dw.c");
    std::fs::write(
        &src,
        "#include <stdio.h>\n#include <stdlib.h>\nstatic int sq(int x) { return x * x; }\n\
         int unused_fn(int y) { return y + 1; }\n\
         static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }\n\
         int main(void) { int v[5] = {4, 2, 5, 1, 3}; qsort(v, 5, sizeof v[0], cmp);\n\
           int s = 0; for (int i = 0; i < 5; i++) s += sq(v[i]); printf(\"%d\\n\", s); return 0; }\n",
    )
    .unwrap();
    let obj = dir.join("p.o");
    stdout_of(
        Command::new("clang-19").args(["--target=wasm32-wasi", "--sysroot=/usr", "-O1", "-g", "-c"]).arg(&src).arg("-o").arg(&obj),
        TOOL_TIMEOUT,
    );
    let ours = dir.join("ours.wasm");
    let theirs = dir.join("ref.wasm");
    for (out, ld) in [(&ours, env!("CARGO_BIN_EXE_wasmlink").to_string()), (&theirs, "/usr/bin/wasm-ld-19".to_string())] {
        // `-O0` for the link alone: no binaryen wasm-opt after it, were one on PATH (it
        // rewrites the DWARF; clang-19's `--no-wasm-opt` drops the link job itself).
        stdout_of(
            Command::new("clang-19")
                .args(["--target=wasm32-wasi", "--sysroot=/usr", "-O0"])
                .arg(format!("-fuse-ld={ld}"))
                .arg(&obj)
                .arg("-o")
                .arg(out),
            TOOL_TIMEOUT,
        );
    }
    let offsets = body_offsets(&ours);
    let subs = subprograms(&ours);
    let mut checked = 0;
    for (name, pc) in &subs {
        if let (Some(pc), Some(&off)) = (pc, offsets.get(name)) {
            // Aliased names (several `dummy`s in libc) may point elsewhere.
            if subs.iter().filter(|(n, _)| n == name).count() == 1 {
                assert_eq!(*pc, off, "DW_AT_low_pc of {name}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} subprograms checked");
    // Dead in the reference means dead in ours, and the other way round.
    let dead = |v: &[(String, Option<u64>)]| v.iter().filter(|(_, pc)| pc.is_none()).map(|(n, _)| n.clone()).collect::<BTreeSet<_>>();
    assert_eq!(dead(&subs), dead(&subprograms(&theirs)));
    assert!(dead(&subs).contains("unused_fn"));
}
