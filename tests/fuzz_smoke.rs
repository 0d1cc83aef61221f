//! The fuzz targets of fuzz/ (cargo-fuzz, nightly) as a short smoke test on
//! stable: a fixed number of deterministic mutations of seed inputs through
//! each entry point of `wasmlink::fuzz`. Any outcome but a panic passes.

mod objbuilder;

use objbuilder::*;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = [0, 0x7f, 0x80, 0xff, 0x01][rng.below(5)];
            }
            2 => b.truncate(rng.below(len + 1)),
            3 => {
                let i = rng.below(len + 1);
                let n = rng.below(8);
                let junk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(i..i, junk);
            }
            4 if len > 4 => {
                // A LEB that claims a huge count or size.
                let i = rng.below(len - 4);
                b[i..i + 5].copy_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
            }
            _ if len > 0 => {
                let i = rng.below(len);
                let j = rng.below(len);
                let (a, z) = (i.min(j), i.max(j));
                let chunk = b[a..z].to_vec();
                b.extend_from_slice(&chunk);
            }
            _ => {}
        }
    }
    b
}

fn seeds() -> Vec<Vec<u8>> {
    let mut o = Obj::new();
    let x = o.data("x", ".data.x", &[1, 2, 3, 4], 0);
    let y = o.data("y", ".bss.y", &[0; 16], 0);
    let t = o.tls("t", &[9, 0, 0, 0]);
    let foo_sym = o.undef_func("foo", 0);
    let f = o.func("helper", 1, 0, Body::new().i32_const(3).end());
    o.func("main", 0, 0, Body::new().addr(x).load().drop_().addr(y).drop_().addr(t).drop_().func_addr(f).drop_().call(foo_sym).call(f).drop_().end());
    o.init_funcs = vec![(100, 5)];
    o.features = vec!["atomics", "bulk-memory"];
    let main = o.build();
    let mut o2 = Obj::new();
    o2.func("foo", 0, WEAK, Body::new().end());
    let foo_obj = o2.build();
    let mut seeds = vec![main.clone(), foo_obj.clone(), archive(&[("main.o", &main), ("foo.o", &foo_obj)])];
    // A real compiler-made object when the sysroot is there (scripts/setup.sh).
    if let Ok(crt1) = std::fs::read("/usr/lib/wasm32-wasi/crt1-command.o") {
        seeds.push(crt1);
    }
    seeds
}

const ITERATIONS: usize = 5000;

#[test]
fn object_target() {
    let mut rng = Rng(0x5eed_0001);
    let seeds = seeds();
    for i in 0..ITERATIONS {
        wasmlink::fuzz::link_one(&mutate(&mut rng, &seeds[i % seeds.len()]));
    }
}

#[test]
fn archive_target() {
    let mut rng = Rng(0x5eed_0002);
    let seeds = seeds();
    let ar = &seeds[2];
    for _ in 0..ITERATIONS {
        wasmlink::fuzz::archive(&mutate(&mut rng, ar));
    }
}

#[test]
fn link_target() {
    let mut rng = Rng(0x5eed_0003);
    let seeds = seeds();
    for _ in 0..ITERATIONS {
        let mut input = vec![rng.next() as u8];
        for k in 0..1 + rng.below(3) {
            if k > 0 {
                input.extend_from_slice(b"\xffWLNK");
            }
            let seed = &seeds[rng.below(seeds.len())];
            input.extend(mutate(&mut rng, seed));
        }
        wasmlink::fuzz::link_many(&input);
    }
}

#[test]
fn options_target() {
    let mut rng = Rng(0x5eed_0005);
    let seeds = seeds();
    let flags: &[&[u8]] = &[
        b"--table-base=4294967295",
        b"--global-base=4294967290",
        b"-z\0stack-size=18446744073709551600",
        b"--initial-memory=65536",
        b"--max-memory=131072",
        b"--initial-heap=4294967296",
        b"--stack-first",
        b"--shared-memory",
        b"--import-memory",
        b"--export-all",
        b"--no-entry",
        b"--allow-undefined",
        b"--growable-table",
        b"--export-table",
        b"--import-table",
        b"--no-gc-sections",
        b"--wrap=foo",
        b"--export=helper",
        b"-u\0nothing",
        b"--features=atomics,bulk-memory",
        b"--error-limit=1",
        b"--strip-all",
        b"--build-id=sha1",
    ];
    for _ in 0..ITERATIONS {
        let mut input = Vec::new();
        for _ in 0..1 + rng.below(6) {
            input.extend_from_slice(flags[rng.below(flags.len())]);
            input.push(0);
        }
        // Mutated flags mostly fail to parse: half the runs keep them whole.
        let mut input = if rng.below(2) == 0 { mutate(&mut rng, &input) } else { input };
        input.extend_from_slice(b"--no-entry\0--export=main\0--allow-undefined\0\0");
        input.extend_from_slice(&seeds[rng.below(2)]);
        wasmlink::fuzz::options(&input);
    }
}

#[test]
fn generated_target() {
    let mut rng = Rng(0x5eed_0006);
    // Links that succeeded, of each kind of set (`SET_MAKERS`: wasm32, PIC, wasm64, wasm64 PIC,
    // wasm32 with wasm globals, wasm32 with exception tags, wasm32 with tables, PIC with wasm
    // globals, wasm64 with tables, PIC with exception tags, PIC with shared libraries).
    let mut linked = [0; 11];
    for _ in 0..ITERATIONS {
        let bytes: Vec<u8> = (0..200).map(|_| rng.next() as u8).collect();
        for (make_set, linked) in generate::SET_MAKERS.iter().zip(&mut linked) {
            let (files, flags) = make_set(&mut generate::Bytes(&bytes));
            *linked += generate::link_and_check(&files, &flags, wasmlink::fuzz::check) as usize;
        }
    }
    // The generator must reach the later phases, not only fail to resolve.
    let [plain, pic, wasm64, wasm64_pic, globals, tags, tables, pic_globals, wasm64_tables, pic_tags, pic_shared] = linked;
    assert!(plain > ITERATIONS / 4, "only {plain} of {ITERATIONS} generated links succeeded");
    assert!(pic > ITERATIONS / 8, "only {pic} of {ITERATIONS} generated PIC links succeeded");
    assert!(wasm64 > ITERATIONS / 4, "only {wasm64} of {ITERATIONS} generated wasm64 links succeeded");
    assert!(wasm64_pic > ITERATIONS / 8, "only {wasm64_pic} of {ITERATIONS} generated wasm64 PIC links succeeded");
    assert!(globals > ITERATIONS / 8, "only {globals} of {ITERATIONS} generated links with globals succeeded");
    assert!(tags > ITERATIONS / 8, "only {tags} of {ITERATIONS} generated links with tags succeeded");
    assert!(tables > ITERATIONS / 8, "only {tables} of {ITERATIONS} generated links with tables succeeded");
    assert!(pic_globals > ITERATIONS / 8, "only {pic_globals} of {ITERATIONS} generated PIC links with globals succeeded");
    assert!(wasm64_tables > ITERATIONS / 8, "only {wasm64_tables} of {ITERATIONS} generated wasm64 links with tables succeeded");
    assert!(pic_tags > ITERATIONS / 8, "only {pic_tags} of {ITERATIONS} generated PIC links with tags succeeded");
    assert!(pic_shared > ITERATIONS / 8, "only {pic_shared} of {ITERATIONS} generated PIC links with shared libraries succeeded");
}

#[test]
fn args_target() {
    let mut rng = Rng(0x5eed_0004);
    let seed = b"-flavor\0wasm\0-o\0out.wasm\0--export=foo\0-zstack-size=65536\0-lc\0-L/x\0@r\0a.o\0--whole-archive\0-- -e main --no-entry";
    for _ in 0..ITERATIONS * 4 {
        wasmlink::fuzz::args(&mutate(&mut rng, seed));
    }
}

#[test]
fn demangle_target() {
    let mut rng = Rng(0x5eed_0007);
    // Names with what the vendored cpp_demangle's patches read: template constructors, packs,
    // template parameter declarations, expressions, folds, enable_if, closures.
    let seeds: &[&[u8]] = &[
        b"_ZN1AC2IiiEEOT_OT0_",
        b"_Z1fIJRiN1A1BEiEEvDpOT_",
        b"_ZNSt3__212basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEE6appendB8nn190107IPKcTnNS_9enable_ifIXsr31__has_forward_iterator_categoryIT_EE5valueEiE4typeELi0EEERS5_SA_SA_",
        b"_ZNSt3__2miIPKcPcEEDTmicldtfp_4baseEcldtfp0_4baseEERKNS_11__wrap_iterIT_EERKNS5_IT0_EE",
        b"_Z3invI1QJilEEDTclscT_fp_spscT0_fp0_EEOS1_DpOS2_",
        b"_Z3sumIJilEEDTfLplLi1Efp_EDpT_",
        b"_ZNK1A1fEUa9enable_ifIXgtfL0p_Li0EEEi",
        b"_ZZ1fvENUlvE_D2Ev",
        b"_ZN1BCI21AEPKcS1_",
        b"_RNvCs123_4core3foo",
    ];
    for i in 0..ITERATIONS * 4 {
        wasmlink::fuzz::demangle(&mutate(&mut rng, seeds[i % seeds.len()]));
    }
}

/// Inputs that once crashed a target, kept under fuzz/regressions/<target>/.
#[test]
fn regressions_replay() {
    let dir = wasmlink_test_support::repo_root().join("fuzz/regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap();
        let name = target.file_name().to_string_lossy().into_owned();
        for input in std::fs::read_dir(target.path()).unwrap() {
            let bytes = std::fs::read(input.unwrap().path()).unwrap();
            match name.as_str() {
                "object" => wasmlink::fuzz::link_one(&bytes),
                "archive" => wasmlink::fuzz::archive(&bytes),
                "link" => wasmlink::fuzz::link_many(&bytes),
                "args" => wasmlink::fuzz::args(&bytes),
                "options" => wasmlink::fuzz::options(&bytes),
                "demangle" => wasmlink::fuzz::demangle(&bytes),
                "generated" => {
                    for make_set in generate::SET_MAKERS {
                        let (files, flags) = make_set(&mut generate::Bytes(&bytes));
                        generate::link_and_check(&files, &flags, wasmlink::fuzz::check);
                    }
                }
                other => panic!("unknown fuzz target directory {other}"),
            }
            replayed += 1;
        }
    }
    assert!(replayed > 0);
}
