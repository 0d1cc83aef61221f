//! Shared machinery of the differential tests: find the tools, compile C/C++ test programs once
//! with clang-19, link them twice through clang's driver (once with wasm-ld-19, once with the
//! linker under test), run both modules under wasmtime and compare what they do.
//!
//! Each module must also be the reference's, but for its name.
//!
//! With `WASMLINK_DIFF_LLVM=22` the C and C++ programs are compiled by clang-22 and the
//! reference is wasm-ld-22 instead (today's clang, whose objects use newer features), both
//! links with `--stack-first`, LLD 22's default that wasmlink leaves off as wasm-ld 19 does.
//!
//! Everything is built under `<cargo target dir>/difftest/<program>/`, never in the source tree.
//! Compiled objects are cached there across runs, keyed by a hash of the compiler, its flags and
//! the sources, so only linking and running are repeated when nothing changed. The plumbing
//! (paths, running commands, the object cache, pinned cargo, SQLite) is tests/support's
//! (`wasmlink-test-support`), re-exported here.
//!
//! The linker under test is `$WASMLINK_UNDER_TEST` if set (a path, or a name looked up on PATH),
//! else the `wasmlink` binary cargo built for this test run.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

pub use wasmlink_test_support::*;

const LINK_TIMEOUT: Duration = Duration::from_secs(300);
const RUN_TIMEOUT: Duration = Duration::from_secs(120);
const CARGO_TIMEOUT: Duration = Duration::from_secs(1200);

// ------------------------------------------------------------------------------------------
// Paths and tools

pub fn programs_dir() -> PathBuf {
    repo_root().join("tests").join("programs")
}

/// `<cargo target dir>/difftest/<name>`, created and kept (it holds the object cache).
pub fn difftest_dir(name: &str) -> PathBuf {
    work_dir(Path::new("difftest").join(name))
}

pub struct Tools {
    pub clang: PathBuf,
    pub clangxx: PathBuf,
    /// The reference linker.
    pub wasm_ld: PathBuf,
    /// Its name in messages: `wasm-ld-19` or `wasm-ld-22`.
    pub reference: String,
    /// Flags both links get (`-Wl,--stack-first` with LLVM 22).
    pub link_flags: Vec<String>,
    pub llvm_ar: PathBuf,
    pub wasmtime: PathBuf,
    pub wasm_tools: PathBuf,
    /// The linker under test (absolute path).
    pub under_test: PathBuf,
}

fn resolve_under_test() -> PathBuf {
    let (p, origin) = match std::env::var_os("WASMLINK_UNDER_TEST").filter(|v| !v.is_empty()) {
        Some(v) => (PathBuf::from(v), "WASMLINK_UNDER_TEST"),
        None => (
            PathBuf::from(env!("CARGO_BIN_EXE_wasmlink")),
            "CARGO_BIN_EXE_wasmlink",
        ),
    };
    let p = if p.components().count() == 1 && !p.is_absolute() {
        find_in_path(p.to_str().unwrap_or_default())
            .unwrap_or_else(|| panic!("linker under test {p:?} (from {origin}) not found on PATH"))
    } else if p.is_relative() {
        std::env::current_dir().unwrap().join(p)
    } else {
        p
    };
    assert!(
        is_executable(&p),
        "linker under test {p:?} (from {origin}) is not an executable file"
    );
    p
}

/// Finds every tool once; a missing tool fails the calling test with a pointer to setup.sh.
pub fn tools() -> &'static Tools {
    static TOOLS: OnceLock<Tools> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let llvm = std::env::var("WASMLINK_DIFF_LLVM").ok().filter(|v| !v.is_empty()).unwrap_or_else(|| "19".into());
        assert!(matches!(llvm.as_str(), "19" | "22"), "WASMLINK_DIFF_LLVM={llvm}: the differential tests know LLVM 19 and 22");
        let clang = require_tool(&format!("clang-{llvm}"));
        let clangxx = require_tool(&format!("clang++-{llvm}"));
        let wasm_ld = require_tool(&format!("wasm-ld-{llvm}"));
        let llvm_ar = require_tool(&format!("llvm-ar-{llvm}"));
        let link_flags = if llvm == "19" { vec![] } else { vec!["-Wl,--stack-first".to_string()] };
        let wasmtime = require_tool("wasmtime");
        let wasm_tools = require_tool("wasm-tools");
        for f in ["lib/wasm32-wasi/libc.a", "lib/wasm32-wasi/crt1-command.o"] {
            let p = Path::new(SYSROOT).join(f);
            assert!(
                p.is_file(),
                "WASI sysroot file {p:?} is missing: {SETUP_HINT}"
            );
        }
        let under_test = resolve_under_test();
        Tools {
            clang,
            clangxx,
            wasm_ld,
            reference: format!("wasm-ld-{llvm}"),
            link_flags,
            llvm_ar,
            wasmtime,
            wasm_tools,
            under_test,
        }
    })
}

// ------------------------------------------------------------------------------------------
// Program descriptions

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    C,
    Cxx,
}

pub struct Archive {
    /// Linked as `-l<name>` from `lib<name>.a`.
    pub name: String,
    pub members: Vec<PathBuf>,
    /// `llvm-ar rcs` (with a symbol index) or `llvm-ar rcS` (without).
    pub index: bool,
}

/// One execution of a linked program: both modules are run with the same arguments.
#[derive(Clone)]
pub struct RunSpec {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// The exit status the reference run must have (checks the harness and the program).
    pub expect_exit: i32,
    /// Text the reference stdout must contain (checks that the program did its job).
    pub expect_stdout: Vec<String>,
    /// Options for `wasmtime run` (`-W memory64=y`).
    pub wasmtime_flags: Vec<String>,
}

impl RunSpec {
    pub fn new() -> Self {
        RunSpec {
            args: vec![],
            env: vec![],
            expect_exit: 0,
            expect_stdout: vec![],
            wasmtime_flags: vec![],
        }
    }
    pub fn wasmtime(mut self, flags: &[&str]) -> Self {
        self.wasmtime_flags.extend(flags.iter().map(|s| s.to_string()));
        self
    }
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|s| s.to_string()).collect();
        self
    }
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.to_string(), v.to_string()));
        self
    }
    pub fn exit(mut self, code: i32) -> Self {
        self.expect_exit = code;
        self
    }
    pub fn stdout_has(mut self, s: &str) -> Self {
        self.expect_stdout.push(s.to_string());
        self
    }
}

/// A C or C++ program under `tests/programs/<name>/` (or elsewhere, for SQLite).
pub struct CProgram {
    pub name: String,
    pub lang: Lang,
    pub src_dir: PathBuf,
    /// Compiled and passed to the link as object files, in this order.
    pub sources: Vec<PathBuf>,
    /// Built from compiled members and linked with `-L<dir> -l<name>` after the objects.
    pub archives: Vec<Archive>,
    pub cflags: Vec<String>,
    /// Appended to the link command after the objects and archives.
    pub ldflags: Vec<String>,
    /// Extra files that affect compilation (headers outside `src_dir`), for the cache key.
    pub deps: Vec<PathBuf>,
    /// Files copied into the directory the program sees as `/data`.
    pub data_dir: Option<PathBuf>,
    pub runs: Vec<RunSpec>,
    /// Linked by LLD 23 on the reference side instead of wasm-ld-19 (`reference_lld23`).
    pub lld23_reference: bool,
}

impl CProgram {
    pub fn new(lang: Lang, name: &str) -> Self {
        let src_dir = programs_dir().join(name);
        let data = src_dir.join("data");
        CProgram {
            name: name.to_string(),
            lang,
            data_dir: data.is_dir().then_some(data),
            src_dir,
            sources: vec![],
            archives: vec![],
            cflags: vec![],
            ldflags: vec![],
            deps: vec![],
            runs: vec![],
            lld23_reference: false,
        }
    }
    /// The reference side is linked by LLD 23 (the pinned toolchain's rust-lld, run as
    /// `wasm-ld` by clang's driver) instead of wasm-ld-19: for a program that wasm-ld 19 links
    /// wrongly, where wasmlink does as the newer linker does (README, differences).
    pub fn reference_lld23(mut self) -> Self {
        self.lld23_reference = true;
        self
    }
    pub fn c(name: &str) -> Self {
        Self::new(Lang::C, name)
    }
    pub fn cxx(name: &str) -> Self {
        Self::new(Lang::Cxx, name)
    }
    fn path(&self, p: &str) -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.src_dir.join(p)
        }
    }
    pub fn sources(mut self, files: &[&str]) -> Self {
        let v: Vec<_> = files.iter().map(|f| self.path(f)).collect();
        self.sources.extend(v);
        self
    }
    pub fn archive(mut self, name: &str, index: bool, members: &[&str]) -> Self {
        let members = members.iter().map(|f| self.path(f)).collect();
        self.archives.push(Archive {
            name: name.to_string(),
            members,
            index,
        });
        self
    }
    pub fn cflags(mut self, flags: &[&str]) -> Self {
        self.cflags.extend(flags.iter().map(|s| s.to_string()));
        self
    }
    pub fn ldflags(mut self, flags: &[&str]) -> Self {
        self.ldflags.extend(flags.iter().map(|s| s.to_string()));
        self
    }
    pub fn deps(mut self, files: &[PathBuf]) -> Self {
        self.deps.extend(files.iter().cloned());
        self
    }
    pub fn run(mut self, r: RunSpec) -> Self {
        self.runs.push(r);
        self
    }

    fn driver(&self) -> &'static Path {
        match self.lang {
            Lang::C => &tools().clang,
            Lang::Cxx => &tools().clangxx,
        }
    }

    fn lang_flags(&self) -> Vec<String> {
        match self.lang {
            Lang::C => vec![],
            // Wasm exception handling is not supported here.
            Lang::Cxx => vec!["-fno-exceptions".to_string()],
        }
    }

    fn object_path(&self, obj_dir: &Path, src: &Path) -> PathBuf {
        let rel = match src.strip_prefix(&self.src_dir) {
            Ok(r) => r.to_string_lossy().into_owned(),
            Err(_) => format!("ext/{}", src.file_name().unwrap().to_string_lossy()),
        };
        obj_dir.join(format!("{}.o", rel.replace('/', "__")))
    }

    /// Compiles every source once (cached), builds the archives, and returns the link inputs.
    fn build_inputs(&self, work: &Path) -> Vec<String> {
        let obj_dir = work.join("obj");
        let lib_dir = work.join("lib");
        fs::create_dir_all(&lib_dir).unwrap();
        let mut deps = files_under(&self.src_dir);
        deps.extend(self.deps.iter().cloned());
        let mut flags = self.lang_flags();
        flags.extend(self.cflags.iter().cloned());

        let mut inputs = Vec::new();
        let mut seen = BTreeSet::new();
        let mut compile = |src: &Path| -> PathBuf {
            let obj = self.object_path(&obj_dir, src);
            assert!(
                seen.insert(obj.clone()),
                "two sources map to the object {obj:?}"
            );
            let deps: Vec<_> = deps
                .iter()
                .filter(|d| d.as_path() != src)
                .cloned()
                .collect();
            compile_cached(self.driver(), &flags, src, &deps, &obj);
            obj
        };
        for s in &self.sources {
            inputs.push(compile(s).to_string_lossy().into_owned());
        }
        let mut archive_args = Vec::new();
        for a in &self.archives {
            let members: Vec<PathBuf> = a.members.iter().map(|m| compile(m)).collect();
            archive(&tools().llvm_ar, &lib_dir.join(format!("lib{}.a", a.name)), a.index, &members);
            archive_args.push(format!("-l{}", a.name));
        }
        if !archive_args.is_empty() {
            inputs.push(format!("-L{}", lib_dir.display()));
            inputs.extend(archive_args);
        }
        inputs
    }

    /// The link command through clang's driver with `linker` as the linker. clang-19's
    /// WebAssembly toolchain ignores `--ld-path`, so the linker is selected with
    /// `-fuse-ld=<absolute path>`.
    fn link_command(&self, linker: &Path, inputs: &[String], out: &Path, dry_run: bool) -> Command {
        let mut cmd = Command::new(self.driver());
        cmd.arg(CLANG_TARGET)
            .arg(format!("--sysroot={SYSROOT}"))
            .args(self.lang_flags());
        cmd.arg(format!("-fuse-ld={}", linker.display()));
        // The inputs are objects, so the optimization level here only tells clang whether to
        // run binaryen's wasm-opt on the linked module, which it does when one is on PATH
        // (Debian's emscripten package brings it): what is compared is the linker's module.
        // (clang-19's `--no-wasm-opt` drops the link job itself.)
        cmd.arg("-O0");
        if dry_run {
            cmd.arg("-###");
        }
        cmd.args(inputs).args(&self.ldflags).args(&tools().link_flags).arg("-o").arg(out);
        cmd
    }

    fn link(&self, linker: &Path, inputs: &[String], out: &Path, label: &str) -> Ran {
        // Make sure clang really runs `linker`: a silently ignored option would link both sides
        // with the same linker and make every comparison pass.
        let dry = run(
            &mut self.link_command(linker, inputs, out, true),
            LINK_TIMEOUT,
        );
        dry.assert_success(&format!("{}: clang -### for the {label} link", self.name));
        let invoked = clang_dry_run_job(&dry.stderr_str());
        assert!(
            invoked.first().map(Path::new) == Some(linker),
            "{}: clang would not run {linker:?} for the {label} link; it would run:\n{}",
            self.name,
            invoked.join(" ")
        );
        let _ = fs::remove_file(out);
        let mut cmd = self.link_command(linker, inputs, out, false);
        let ran = run(&mut cmd, LINK_TIMEOUT);
        let _ = fs::write(out.with_extension("link-cmd"), format!("{}\n", ran.cmdline));
        ran
    }

    /// Compile once, link with both linkers, validate our output, run both, compare.
    pub fn check(&self) {
        let t = tools();
        assert!(!self.runs.is_empty(), "{}: no runs", self.name);
        let work = difftest_dir(&self.name);
        let inputs = self.build_inputs(&work);

        let ref_wasm = work.join("ref.wasm");
        let test_wasm = work.join("test.wasm");
        let (reference, reference_name) = match self.lld23_reference {
            true => (lld23_as_wasm_ld(&work), "LLD 23"),
            false => (t.wasm_ld.clone(), t.reference.as_str()),
        };
        let r = self.link(&reference, &inputs, &ref_wasm, "reference");
        r.assert_success(&format!("{}: reference link with {reference_name}", self.name));
        let l = self.link(&t.under_test, &inputs, &test_wasm, "under-test");
        if !l.ok() || !test_wasm.is_file() {
            panic!(
                "{}: linking with the linker under test ({}) failed ({reference_name} succeeded)\n{}",
                self.name,
                t.under_test.display(),
                l.describe()
            );
        }
        validate(&self.name, &test_wasm, &ref_wasm);
        // Linked serially (`--threads=1`: the component's path, in order on one thread), the
        // module is the same byte for byte. (Same file name: it names the module.)
        let serial_wasm = work.join("serial").join("test.wasm");
        fs::create_dir_all(serial_wasm.parent().unwrap()).unwrap();
        let serial_inputs: Vec<String> = inputs.iter().cloned().chain(["-Wl,--threads=1".to_string()]).collect();
        self.link(&t.under_test, &serial_inputs, &serial_wasm, "serial under-test")
            .assert_success(&format!("{}: the link with --threads=1", self.name));
        assert!(
            fs::read(&serial_wasm).unwrap() == fs::read(&test_wasm).unwrap(),
            "{}: with --threads=1 the linker under test made another module: compare {} and {}",
            self.name,
            serial_wasm.display(),
            test_wasm.display()
        );
        // (LLD 23 lays out thread-local data otherwise than wasm-ld 19 and 22: README.)
        if !self.lld23_reference {
            assert_same_module(&self.name, &test_wasm, &ref_wasm, reference_name);
        }
        compare_runs(
            &self.name,
            &work,
            (&ref_wasm, reference_name),
            &test_wasm,
            self.data_dir.as_deref(),
            &self.runs,
        );
    }
}

/// The pinned toolchain's rust-lld (LLD 23) under the name `wasm-ld`, which makes it the wasm
/// linker, in `work/lld23/`.
fn lld23_as_wasm_ld(work: &Path) -> PathBuf {
    let lld = pinned_rust_lld(&repo_root())
        .unwrap_or_else(|| panic!("the pinned toolchain's rust-lld is missing (its rustc component has it): {SETUP_HINT}"));
    let dir = work.join("lld23");
    fs::create_dir_all(&dir).unwrap();
    let link = dir.join("wasm-ld");
    let _ = fs::remove_file(&link);
    std::os::unix::fs::symlink(&lld, &link).unwrap();
    link
}

impl CProgram {
    /// Relocatable output (`-r`): every object of the program (its sources' and its archives'
    /// members) merged by the linker under test into one object, which is then linked into
    /// the program by wasm-ld-19 and by the linker under test. Both must run exactly as the
    /// program linked directly by wasm-ld-19: the object is valid for wasm-ld, and for us.
    pub fn check_relocatable(&self) {
        let t = tools();
        assert!(!self.runs.is_empty(), "{}: no runs", self.name);
        let work = difftest_dir(&format!("{}-relocatable", self.name));
        let inputs = self.build_inputs(&work);
        let obj_dir = work.join("obj");
        let objects: Vec<PathBuf> = self
            .sources
            .iter()
            .chain(self.archives.iter().flat_map(|a| &a.members))
            .map(|src| self.object_path(&obj_dir, src))
            .collect();
        let combined = work.join("combined.o");
        let _ = fs::remove_file(&combined);
        // (clang's driver passes `-mwasm64` for a wasm64 target; here the linker is run itself.)
        let wasm64 = self.ldflags.iter().any(|f| f.starts_with("--target=wasm64"));
        let mut r_link = Command::new(&t.under_test);
        r_link.arg("-r").args(wasm64.then_some("-mwasm64")).args(&objects).arg("-o").arg(&combined);
        let r = run(&mut r_link, LINK_TIMEOUT);
        r.assert_success(&format!("{}: -r of the program's objects with the linker under test", self.name));

        let direct = work.join("direct.wasm");
        let reference = t.reference.as_str();
        self.link(&t.wasm_ld, &inputs, &direct, "direct reference").assert_success(&format!("{}: direct link with {reference}", self.name));
        let from_r: Vec<String> = vec![combined.to_string_lossy().into_owned()];
        for (linker, label, out) in [(&t.wasm_ld, reference, "ref-from-r.wasm"), (&t.under_test, "linker under test", "test-from-r.wasm")] {
            let out = work.join(out);
            let l = self.link(linker, &from_r, &out, label);
            if !l.ok() {
                panic!("{}: {label} cannot link the relocatable output of the linker under test\n{}", self.name, l.describe());
            }
            validate(&self.name, &out, &direct);
            compare_runs(&self.name, &work, (&direct, reference), &out, self.data_dir.as_deref(), &self.runs);
        }
    }
}

// ------------------------------------------------------------------------------------------
// Validation, running and comparison

/// Our output must validate, and must not be much larger than the
/// reference's (a symptom of GC or stripping not taking effect).
pub fn validate(name: &str, wasm: &Path, reference: &Path) {
    let (ours, theirs) = (fs::metadata(wasm).unwrap().len(), fs::metadata(reference).unwrap().len());
    assert!(
        ours <= theirs + theirs / 2 + 4096,
        "{name}: output is {ours} bytes, the reference's {theirs}: something is kept that should not be"
    );
    let v = run(
        Command::new(&tools().wasm_tools).arg("validate").arg(wasm),
        RUN_TIMEOUT,
    );
    if !v.ok() {
        panic!(
            "{name}: `wasm-tools validate` rejects the output of the linker under test\n{}",
            v.describe()
        );
    }
}

/// The linker under test's module must be the reference's, but for its name (the output file's,
/// which differs): as `wasmprinter` prints them, line for line.
fn assert_same_module(name: &str, wasm: &Path, reference: &Path, reference_name: &str) {
    let print = |p: &Path| wasmprinter::print_bytes(fs::read(p).unwrap()).unwrap_or_else(|e| panic!("{name}: cannot print {p:?}: {e}"));
    let (ours, theirs) = (print(wasm), print(reference));
    let (ours, theirs): (Vec<&str>, Vec<&str>) = (ours.lines().skip(1).collect(), theirs.lines().skip(1).collect());
    if let Some(i) = (0..ours.len().max(theirs.len())).find(|&i| ours.get(i) != theirs.get(i)) {
        panic!(
            "{name}: the module differs from {reference_name}'s, first at line {}:\n  {reference_name}: {}\n  under test: {}",
            i + 2,
            theirs.get(i).copied().unwrap_or("(end)"),
            ours.get(i).copied().unwrap_or("(end)")
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap_or_else(|err| panic!("copying {p:?}: {err}"));
        }
    }
}

/// Runs `wasm` under wasmtime with a fresh copy of `data` preopened as `/data`.
pub fn run_wasm(
    name: &str,
    wasm: &Path,
    run_dir: &Path,
    data: Option<&Path>,
    spec: &RunSpec,
) -> Ran {
    let _ = fs::remove_dir_all(run_dir);
    fs::create_dir_all(run_dir).unwrap();
    if let Some(d) = data {
        copy_dir(d, run_dir);
    }
    let mut cmd = Command::new(&tools().wasmtime);
    cmd.arg("run").args(&spec.wasmtime_flags).arg("--argv0").arg(name);
    cmd.arg("--dir")
        .arg(format!("{}::/data", run_dir.display()));
    for (k, v) in &spec.env {
        cmd.arg("--env").arg(format!("{k}={v}"));
    }
    cmd.arg(wasm).args(&spec.args);
    run(&mut cmd, RUN_TIMEOUT)
}

fn first_difference(a: &str, b: &str) -> String {
    let al: Vec<&str> = a.lines().collect();
    let bl: Vec<&str> = b.lines().collect();
    let n = al.len().max(bl.len());
    for i in 0..n {
        if al.get(i) != bl.get(i) {
            let lo = i.saturating_sub(3);
            let mut s = format!("first difference at stdout line {}:\n", i + 1);
            for j in lo..(i + 4).min(n) {
                let mark = if j == i { ">" } else { " " };
                let _ = writeln!(
                    s,
                    "{mark} wasm-ld : {}",
                    al.get(j).copied().unwrap_or("<missing>")
                );
                let _ = writeln!(
                    s,
                    "{mark} wasmlink: {}",
                    bl.get(j).copied().unwrap_or("<missing>")
                );
            }
            return s;
        }
    }
    if a.len() != b.len() {
        "stdout differs only in the trailing newline".into()
    } else {
        "identical".into()
    }
}

fn objdump(wasm: &Path) -> String {
    let r = run(
        Command::new(&tools().wasm_tools).arg("objdump").arg(wasm),
        RUN_TIMEOUT,
    );
    if r.ok() {
        truncate(&r.stdout_str(), 3000)
    } else {
        format!("(objdump failed: {})", r.stderr_str())
    }
}

/// Runs both modules for every `RunSpec` and asserts identical stdout and exit status.
pub fn compare_runs(
    name: &str,
    work: &Path,
    (ref_wasm, reference): (&Path, &str),
    test_wasm: &Path,
    data: Option<&Path>,
    runs: &[RunSpec],
) {
    let out_dir = work.join("run");
    for (i, spec) in runs.iter().enumerate() {
        // Each side runs in `<side>-<i>/`; its output is kept in `<side>-<i>.stdout` and `.stderr`.
        let run_side = |side: &str, wasm: &Path| {
            let ran = run_wasm(name, wasm, &out_dir.join(format!("{side}-{i}")), data, spec);
            let _ = fs::write(out_dir.join(format!("{side}-{i}.stdout")), &ran.stdout);
            let _ = fs::write(out_dir.join(format!("{side}-{i}.stderr")), &ran.stderr);
            ran
        };
        let r = run_side("ref", ref_wasm);
        let t = run_side("test", test_wasm);

        // Sanity of the reference side: catches harness or program mistakes.
        if r.code != Some(spec.expect_exit) {
            panic!(
                "{name} run {i}: the reference linker's output should exit with {}, got {}\n{}",
                spec.expect_exit,
                r.status_string(),
                r.describe()
            );
        }
        let rs = r.stdout_str();
        for want in &spec.expect_stdout {
            assert!(
                rs.contains(want.as_str()),
                "{name} run {i}: reference stdout lacks {want:?}\n{}",
                r.describe()
            );
        }

        let ts = t.stdout_str();
        if t.code != r.code || t.timed_out || r.stdout != t.stdout {
            panic!(
                "{name} run {i} (args {:?}): behaviour differs between {reference} and the linker under test\n\
                 status: {reference} {} / under test {}\n{}\n\
                 full outputs: {}\n\
                 --- stderr ({reference}) ---\n{}\n--- stderr (under test) ---\n{}\n\
                 --- wasm-tools objdump {} ---\n{}\n--- wasm-tools objdump {} ---\n{}\n\
                 compare further with: wasm-tools print {} / {}",
                spec.args,
                r.status_string(),
                t.status_string(),
                first_difference(&rs, &ts),
                out_dir.display(),
                truncate(&r.stderr_str(), 3000),
                truncate(&t.stderr_str(), 3000),
                ref_wasm.display(),
                objdump(ref_wasm),
                test_wasm.display(),
                objdump(test_wasm),
                ref_wasm.display(),
                test_wasm.display(),
            );
        }
    }
}

// ------------------------------------------------------------------------------------------
// Cargo-built Rust programs

/// How the linker under test takes the place of rustc's own for a wasm target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RustTarget {
    /// rustc runs rust-lld; `CARGO_TARGET_WASM32_WASIP1_LINKER` replaces it.
    Wasip1,
    /// rustc runs `wasm-component-ld`, which runs a wasm-ld and then makes a component;
    /// `-C link-arg=--wasm-ld-path=...` replaces that wasm-ld.
    Wasip2,
    /// The browser's target (no WASI; wasm-bindgen builds for it): rustc runs rust-lld;
    /// `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER` replaces it.
    Unknown,
}

impl RustTarget {
    pub fn triple(self) -> &'static str {
        match self {
            RustTarget::Wasip1 => "wasm32-wasip1",
            RustTarget::Wasip2 => "wasm32-wasip2",
            RustTarget::Unknown => "wasm32-unknown-unknown",
        }
    }
}

/// Builds `tests/programs/<name>` for `target` in release mode twice, into separate target
/// directories, with the rustc release the program pins (its `rust-toolchain.toml`, or the
/// project's): with rustc's default linker and with the linker under test. Then compares runs of
/// the two binaries.
pub fn check_cargo_program(name: &str, target: RustTarget, runs: &[RunSpec]) {
    let t = tools();
    let src = programs_dir().join(name);
    let manifest = src.join("Cargo.toml");
    let work = difftest_dir(&format!("{name}-{}", target.triple()));
    // (A library's file is named after the crate, with underscores.)
    let bin = match target {
        RustTarget::Unknown => format!("{}.wasm", name.replace('-', "_")),
        _ => format!("{name}.wasm"),
    };
    let channel = pinned_channel(&src);

    let build = |target_dir: &Path, linker: Option<&Path>| -> PathBuf {
        let release = target_dir.join(target.triple()).join("release");
        force_relink(&release, name);
        let mut cmd = pinned_cargo(&src);
        cmd.args(["build", "-v", "--release", "--locked", "--target", target.triple(), "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", target_dir);
        let expect = match (linker, target) {
            (None, _) => None,
            (Some(l), RustTarget::Wasip1) => {
                cmd.env("CARGO_TARGET_WASM32_WASIP1_LINKER", l);
                Some(format!("-C linker={}", l.display()))
            }
            (Some(l), RustTarget::Unknown) => {
                cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", l);
                Some(format!("-C linker={}", l.display()))
            }
            (Some(l), RustTarget::Wasip2) => {
                let flag = format!("-C link-arg=--wasm-ld-path={}", l.display());
                cmd.env("CARGO_TARGET_WASM32_WASIP2_RUSTFLAGS", &flag);
                Some(flag)
            }
        };
        let r = run(&mut cmd, CARGO_TIMEOUT);
        let what = match linker {
            None => format!("with rustc {channel}'s default linker"),
            Some(l) => format!("with rustc {channel} and {}", l.display()),
        };
        if !r.ok() {
            panic!("{name}: cargo build for {} {what} failed\n{}", target.triple(), r.describe());
        }
        if let Some(expect) = expect {
            assert!(
                r.stderr_str().contains(&expect),
                "{name}: cargo did not pass `{expect}` to rustc\n{}",
                r.describe()
            );
        }
        let out = release.join(&bin);
        assert!(out.is_file(), "{name}: cargo build {what} produced no {out:?}");
        out
    };

    let ref_out = build(&work.join("target-ref"), None);
    let test_out = build(&work.join("target-test"), Some(&t.under_test));
    let ref_wasm = work.join("ref.wasm");
    let test_wasm = work.join("test.wasm");
    fs::copy(&ref_out, &ref_wasm).unwrap();
    fs::copy(&test_out, &test_wasm).unwrap();
    validate(name, &test_wasm, &ref_wasm);
    // The module is rust-lld's, byte for byte (a wasm32-wasip2 component is not: its module is
    // named after the output file, whose name carries a hash of rustc's flags, which differ).
    if target != RustTarget::Wasip2 {
        assert!(
            fs::read(&ref_wasm).unwrap() == fs::read(&test_wasm).unwrap(),
            "{name}: the module differs from the one rustc {channel}'s rust-lld made: compare {} and {}",
            ref_wasm.display(),
            test_wasm.display()
        );
    }
    let data = src.join("data");
    compare_runs(
        name,
        &work,
        (&ref_wasm, "rust-lld"),
        &test_wasm,
        data.is_dir().then_some(data.as_path()),
        runs,
    );
}
