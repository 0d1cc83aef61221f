//! The native command line: program name as invoked, exit status, no output
//! left behind on error, response files.

use std::path::PathBuf;
use std::process::Command;

use wasmlink_test_support::fresh_work_dir;

mod objbuilder;

/// `<target dir>/cli-test/<name>`, empty.
fn work(name: &str) -> PathBuf {
    fresh_work_dir(format!("cli-test/{name}"))
}

#[test]
fn diagnostics_use_the_invoked_name_and_leave_no_output() {
    let dir = work("name");
    let link = dir.join("wasm-ld");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_wasmlink"), &link).unwrap();
    std::fs::write(dir.join("bad.o"), b"\x7fELF not wasm").unwrap();
    std::fs::write(dir.join("out.wasm"), b"stale").unwrap();
    let out = Command::new(&link).args(["bad.o", "-o", "out.wasm"]).current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("wasm-ld: error: bad.o: unknown file type: an ELF file"), "{err}");
    assert!(!dir.join("out.wasm").exists(), "a failed link must not leave an output behind");
}

#[test]
fn outputs_are_executable_as_wasm_lds_are() {
    // lld writes its output with mode 0777 less the umask (FileOutputBuffer::F_executable), a
    // replaced file included.
    use std::os::unix::fs::PermissionsExt;
    let dir = work("mode");
    std::fs::write(dir.join("a.o"), wat_object()).unwrap();
    std::fs::write(dir.join("out.wasm"), b"stale").unwrap();
    std::fs::set_permissions(dir.join("out.wasm"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let mode = |p: &str| std::fs::metadata(dir.join(p)).unwrap().permissions().mode() & 0o777;
    let umask = {
        std::fs::create_dir(dir.join("probe")).unwrap();
        0o777 & !mode("probe")
    };
    for out in ["new.wasm", "out.wasm"] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wasmlink"));
        let r = cmd.args(["--no-entry", "a.o", "-o", out]).current_dir(&dir).output().unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert_eq!(mode(out), 0o777 & !umask, "{out}");
    }
}

#[test]
fn an_output_that_is_also_an_input_is_read_before_it_is_replaced() {
    // The old output is removed before the link (its blocks freed on another thread), but only
    // once the inputs are mapped: `-r a.o -o a.o` reads the old a.o and writes the new one,
    // leaving nothing else behind.
    let dir = work("in-place");
    std::fs::write(dir.join("a.o"), wat_object()).unwrap();
    let before = std::fs::read(dir.join("a.o")).unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(["-r", "a.o", "-o", "a.o"]).current_dir(&dir).output().unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let after = std::fs::read(dir.join("a.o")).unwrap();
    assert_ne!(after, before, "a relocatable link writes its own linking section");
    assert!(wasmparser::Parser::is_core_wasm(&after));
    let mut left: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["a.o"]);
}

/// The files in `dir`, sorted.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_file_output_is_written_in_place_as_the_module_the_library_makes() {
    // A regular file is written through a map of it, sized by an estimate made before the
    // layout; here the name section alone outgrows the estimate, so the map grows. The bytes
    // are those written to stdout, which are made in memory.
    use objbuilder::{Body, Obj};
    let dir = work("mapped");
    let mut o = Obj::new();
    for i in 0..5000 {
        o.func(&format!("a_function_with_a_rather_long_name_{i:05}"), 0, 0, Body::new().end());
    }
    std::fs::write(dir.join("a.o"), o.build()).unwrap();
    // And one that outruns the estimate the other way: a megabyte of `.bss`, counted as data
    // but never written, so the file is cut to the module's size.
    let mut b = Obj::new();
    b.data("zeros", ".bss.zeros", &vec![0; 1 << 20], 0);
    std::fs::write(dir.join("b.o"), b.build()).unwrap();
    let link = |out: &str, extra: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wasmlink"));
        cmd.args(["--no-entry", "--no-gc-sections", "a.o", "-o", out]).args(extra).current_dir(&dir).output().unwrap()
    };
    // (The name section names the module after the output file, unless given a name.)
    let to_file = link("out.wasm", &["--soname=m"]);
    assert!(to_file.status.success(), "{}", String::from_utf8_lossy(&to_file.stderr));
    let to_stdout = link("-", &["--soname=m"]);
    assert!(to_stdout.status.success());
    let module = std::fs::read(dir.join("out.wasm")).unwrap();
    assert!(module.len() > 200_000, "{}", module.len());
    assert!(module == to_stdout.stdout, "the mapped output differs from the one made in memory");
    wasmparser::Validator::new().validate_all(&module).unwrap();
    let bss_file = link("out.wasm", &["--soname=m", "b.o", "--export=zeros"]);
    assert!(bss_file.status.success(), "{}", String::from_utf8_lossy(&bss_file.stderr));
    let bss_stdout = link("-", &["--soname=m", "b.o", "--export=zeros"]);
    let module = std::fs::read(dir.join("out.wasm")).unwrap();
    assert!(module.len() < 1 << 20 && module == bss_stdout.stdout, "{} bytes", module.len());
    assert_eq!(files_in(&dir), ["a.o", "b.o", "out.wasm"]);
    // A link that fails once its output is mapped leaves neither it nor the old output behind.
    let failed = link("out.wasm", &["--entry=missing"]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(files_in(&dir), ["a.o", "b.o"]);
}

#[test]
fn custom_sections_copied_file_to_file_are_the_librarys_bytes() {
    // Into a regular output file, the custom sections' parts that need no patching are copied
    // from the input files by the kernel (`copy_file_range`), and the sections made last are
    // written to the file, neither through its map: the module is the one made in memory (on
    // stdout), byte for byte. The parts: big ones (copied) in an object and in an archive
    // member (at an offset of the archive's file), a small one and a patched one (written
    // here); at -O0 the debug strings are concatenated, at -O1 merged (never copied).
    use objbuilder::{archive, Body, Obj, R_FUNCTION_OFFSET_I32};
    let dir = work("copied");
    let strings = |seed: u8, len: usize| -> Vec<u8> {
        (0..len).map(|i| if i % 64 == 63 { 0 } else { b'a' + ((i as u32 * 7 + seed as u32) % 26) as u8 }).collect()
    };
    let mut a = Obj::new();
    a.func("_start", 0, 0, Body::new().end());
    a.customs.push((".debug_info".into(), vec![0; 16], vec![(R_FUNCTION_OFFSET_I32, 4, 0, 0)]));
    a.customs.push((".debug_str".into(), strings(1, 200_000), Vec::new()));
    a.customs.push((".debug_abbrev".into(), strings(2, 100), Vec::new()));
    std::fs::write(dir.join("a.o"), a.build()).unwrap();
    let mut b = Obj::new();
    b.func("f", 0, 0, Body::new().end());
    b.customs.push((".debug_str".into(), strings(3, 150_016), Vec::new()));
    std::fs::write(dir.join("lib.a"), archive(&[("pad.txt", &[7; 333]), ("b.o", &b.build())])).unwrap();
    let link = |out: &str, opts: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wasmlink"));
        cmd.args(["--soname=m", "a.o", "--whole-archive", "lib.a", "-o", out]).args(opts).current_dir(&dir).output().unwrap()
    };
    // (With a build id, computed over the module in the map, the last sections go there too.)
    for opts in [&["-O0"][..], &["-O1"], &["-O0", "--build-id=fast"]] {
        let to_file = link("out.wasm", opts);
        assert!(to_file.status.success(), "{}", String::from_utf8_lossy(&to_file.stderr));
        let to_stdout = link("-", opts);
        assert!(to_stdout.status.success());
        let module = std::fs::read(dir.join("out.wasm")).unwrap();
        assert!(module == to_stdout.stdout, "{opts:?}: the output file differs from the module made in memory");
        wasmparser::Validator::new().validate_all(&module).unwrap();
        let debug_str = wasmparser::Parser::new(0)
            .parse_all(&module)
            .find_map(|p| match p {
                Ok(wasmparser::Payload::CustomSection(c)) if c.name() == ".debug_str" => Some(c.data().len()),
                _ => None,
            })
            .expect(".debug_str");
        // (Merged, the strings are fewer: each of 63 letters from 26 cycles of 7.)
        assert_eq!(debug_str == 350_016, opts[0] == "-O0", "{opts:?}: {debug_str} bytes of .debug_str");
    }
}

#[test]
fn more_inputs_than_open_files() {
    // Inputs are mapped and their files closed: a link of more inputs than the process may have
    // files open works (objects of a big C program can number thousands).
    use objbuilder::{Body, Obj};
    let dir = work("many");
    let mut names = Vec::new();
    for i in 0..100 {
        let mut o = Obj::new();
        o.func(&format!("f{i}"), 0, 0, Body::new().end());
        std::fs::write(dir.join(format!("{i}.o")), o.build()).unwrap();
        names.push(format!("{i}.o"));
    }
    let link = format!("ulimit -n 40 && exec '{}' --no-entry --export-all {} -o out.wasm", env!("CARGO_BIN_EXE_wasmlink"), names.join(" "));
    let out = Command::new("sh").args(["-c", &link]).current_dir(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    wasmparser::Validator::new().validate_all(&std::fs::read(dir.join("out.wasm")).unwrap()).unwrap();
}

#[test]
fn response_files_and_unknown_flags() {
    let dir = work("rsp");
    std::fs::write(dir.join("args.rsp"), "--no-entry\n--frobnicate\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink")).arg("@args.rsp").current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wasmlink: error: unknown argument: --frobnicate\n");
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink")).arg("@missing.rsp").current_dir(&dir).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open response file missing.rsp"));
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(["-lnothere", "-L", "."]).current_dir(&dir).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wasmlink: error: unable to find library -lnothere\n");
}

#[test]
fn version_stops_the_link_but_v_with_inputs_goes_on() {
    let dir = work("version");
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(args).current_dir(&dir).output().unwrap();
    // As lld: `--version` prints and stops, inputs or not; `-v` and `-V` stop only without inputs.
    for args in [&["--version", "missing.o"][..], &["-v"], &["-V"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("LLD "), "{args:?}");
    }
    for v in ["-v", "-V"] {
        let out = run(&[v, "missing.o"]);
        assert_eq!(out.status.code(), Some(1), "{v}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("LLD "), "{v}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("error: "), "{v}");
    }
}

#[test]
fn print_gc_sections_goes_to_stdout_and_is_not_a_warning() {
    let dir = work("gc");
    // The smallest object clang would write: `void keep(void) {} void drop(void) {}`.
    let obj = wat_object();
    std::fs::write(dir.join("a.o"), obj).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wasmlink"))
        .args(["--no-entry", "--export=keep", "--print-gc-sections", "--fatal-warnings", "a.o", "-o", "a.wasm"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // As wasm-ld: the linker's own unused constructor runner too.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "removing unused section a.o:(drop)\nremoving unused section <internal>:(__wasm_call_ctors)\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_forked_link_reports_and_ends_as_one_in_the_commands_own_process() {
    // `--fork` (the default on Linux): the parent exits with the child's status once the child
    // has printed everything and written the output. What a caller reading through pipes gets
    // must be what `--no-fork` gives: the same status, stdout (buffered), stderr and output.
    let dir = work("fork");
    std::fs::write(dir.join("a.o"), wat_object()).unwrap();
    std::fs::write(dir.join("bad.o"), b"\x7fELF not wasm").unwrap();
    let link = |fork: &str, input: &str, out: &str| {
        let args = ["--no-entry", "--export=keep", "--print-gc-sections", fork, input, "-o", out];
        let r = Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(args).current_dir(&dir).output().unwrap();
        let output = std::fs::read(dir.join(out)).ok();
        (r.status.code(), String::from_utf8(r.stdout).unwrap(), String::from_utf8(r.stderr).unwrap(), output)
    };
    let forked = link("--fork", "a.o", "forked.wasm");
    assert_eq!(forked.0, Some(0), "{}", forked.2);
    assert!(forked.1.starts_with("removing unused section a.o:(drop)\n"), "{}", forked.1);
    assert!(forked.3.is_some());
    assert_eq!(forked, link("--no-fork", "a.o", "forked.wasm"));
    let failed = link("--fork", "bad.o", "failed.wasm");
    assert_eq!(failed.0, Some(1));
    assert!(failed.2.starts_with("wasmlink: error: bad.o: unknown file type"), "{}", failed.2);
    assert_eq!(failed.3, None);
    assert_eq!(failed, link("--no-fork", "bad.o", "failed.wasm"));
}

#[test]
fn a_forked_link_ends_as_its_child_does_and_takes_it_along() {
    use std::os::unix::process::ExitStatusExt;
    let dir = work("fork-death");
    // An input that is a FIFO: the child, which opens the inputs, waits there for a writer that
    // never comes.
    assert!(Command::new("mkfifo").arg(dir.join("in.o")).status().unwrap().success());
    let spawn = || {
        let null = std::process::Stdio::null;
        let cmd = Command::new(env!("CARGO_BIN_EXE_wasmlink")).args(["in.o", "-o", "out.wasm"]).current_dir(&dir).stdout(null()).stderr(null()).spawn();
        cmd.unwrap()
    };
    let kill = |signal: &str, pid: u32| assert!(Command::new("kill").args([signal, &pid.to_string()]).status().unwrap().success());
    let child_of = |parent: &mut std::process::Child| {
        let list = format!("/proc/{0}/task/{0}/children", parent.id());
        for _ in 0..1000 {
            if let Some(pid) = std::fs::read_to_string(&list).unwrap_or_default().split_whitespace().next() {
                return pid.parse::<u32>().unwrap();
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = parent.kill();
        panic!("the command did not fork");
    };
    // The child killed before it reports: the parent ends by the same signal.
    let mut parent = spawn();
    let child = child_of(&mut parent);
    kill("-KILL", child);
    assert_eq!(parent.wait().unwrap().signal(), Some(9));
    // The same from a caller that ignores SIGCHLD, which `exec` keeps (bash's trap does; dash's
    // does not): the child must still be there to wait for.
    let mut parent = Command::new("bash")
        .args(["-c", &format!("trap '' CHLD; exec {} in.o -o out.wasm", env!("CARGO_BIN_EXE_wasmlink"))])
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let child = child_of(&mut parent);
    kill("-KILL", child);
    assert_eq!(parent.wait().unwrap().signal(), Some(9));
    // The parent killed: the child goes too (a zombie until reaped, or gone).
    let mut parent = spawn();
    let child = child_of(&mut parent);
    kill("-TERM", parent.id());
    assert_eq!(parent.wait().unwrap().signal(), Some(15));
    let alive = || {
        let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
        stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().next()).is_some_and(|state| state != "Z")
    };
    for _ in 0..1000 {
        if !alive() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    kill("-KILL", child);
    panic!("the child outlived its parent");
}

#[test]
fn verbose_times_the_commands_steps_around_the_librarys_phases() {
    let dir = work("verbose");
    std::fs::write(dir.join("a.o"), wat_object()).unwrap();
    let link = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_wasmlink"))
            .args(["--no-entry", "--export=keep", "a.o", "-o", "a.wasm"])
            .args(extra)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(link(&[]), "", "no timings without --verbose");
    let err = link(&["--verbose"]);
    // Each line `wasmlink: <step>: <n> ms`; the steps in the order they happen.
    let steps: Vec<&str> = err
        .lines()
        .map(|l| {
            let l = l.strip_prefix("wasmlink: ").unwrap_or_else(|| panic!("{l:?}"));
            let (step, ms) = l.rsplit_once(": ").unwrap_or_else(|| panic!("{l:?}"));
            let ms = ms.strip_suffix(" ms").unwrap_or_else(|| panic!("{l:?}"));
            assert!(ms.parse::<f64>().is_ok_and(|v| v >= 0.0), "{l:?}");
            step
        })
        .collect();
    let (first, last) = (steps.first().copied(), steps.last().copied());
    assert_eq!((first, last), (Some("read inputs"), Some("write output")), "{err}");
    let phases: Vec<&str> = steps.iter().filter_map(|s| s.strip_prefix("phase ")).collect();
    assert_eq!(phases.first().copied(), Some("load"), "{err}");
    assert_eq!(phases.last().copied(), Some("write"), "{err}");
    assert!(steps.iter().position(|s| *s == "link") < steps.iter().position(|s| *s == "write output"), "{err}");
}

/// An object with two defined functions, `keep` and `drop`, as clang writes
/// them (a type, a memory import, two bodies, a symbol table).
#[test]
fn a_thin_archive_reads_its_members_from_their_files() {
    // A thin archive (`ar rcT`) holds member headers only; the command reads each member from
    // its file, named relative to the archive's directory. The command tells such an archive by
    // its magic alone.
    let dir = work("thin");
    std::fs::create_dir(dir.join("lib")).unwrap();
    let object = wat_object();
    std::fs::write(dir.join("lib/a.o"), &object).unwrap();
    let mut thin = b"!<thin>\n".to_vec();
    thin.extend_from_slice(format!("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", "a.o/", 0, 0, 0, 644, object.len()).as_bytes());
    std::fs::write(dir.join("lib/thin.a"), thin).unwrap();
    let link = |archive: &str| {
        Command::new(env!("CARGO_BIN_EXE_wasmlink"))
            .args(["--no-entry", "--export=keep", "--whole-archive", archive, "-o", "out.wasm"])
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let r = link("lib/thin.a");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let module = std::fs::read(dir.join("out.wasm")).unwrap();
    assert!(module.windows(4).any(|w| w == b"keep"), "the member's export is in the output");
    // Its member's file gone, the link says which file is missing.
    std::fs::remove_file(dir.join("lib/a.o")).unwrap();
    let r = link("lib/thin.a");
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("lib/a.o"), "{err}");
}

fn wat_object() -> Vec<u8> {
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    let section = |m: &mut Vec<u8>, id: u8, body: &[u8]| {
        m.push(id);
        m.push(body.len() as u8);
        m.extend_from_slice(body);
    };
    section(&mut m, 1, b"\x01\x60\x00\x00");
    section(&mut m, 2, b"\x01\x03env\x0f__linear_memory\x02\x00\x00");
    section(&mut m, 3, b"\x02\x00\x00");
    section(&mut m, 10, b"\x02\x02\x00\x0b\x02\x00\x0b");
    let mut linking = b"\x07linking\x02\x08".to_vec();
    let symtab = b"\x02\x00\x00\x00\x04keep\x00\x00\x01\x04drop";
    linking.push(symtab.len() as u8);
    linking.extend_from_slice(symtab);
    section(&mut m, 0, &linking);
    m
}
