//! wasmlink: a WebAssembly linker (a drop-in for LLVM's `wasm-ld`) as a
//! library with no I/O: bytes in, a module and diagnostics out.
//!
//! The phases, in order, each in its own module and each taking the previous
//! phases' output by reference (see `link`):
//! load (`input`) -> `resolve` -> `gc` -> `features` + `scan` -> `layout` ->
//! synthesize (`synth`) -> `write` (and, for `-r`, `relocatable`).

pub mod args;
pub mod config;
pub mod demangle;
pub mod diag;
pub mod explain;
pub mod features;
pub mod fuzz;
pub mod gc;
pub mod index;
pub mod input;
pub mod layout;
mod leb;
pub mod merge;
mod par;
pub mod reloc;
pub mod relocatable;
pub mod resolve;
pub mod scan;
mod string_set;
pub mod synth;
pub mod synthetic;
mod timing;
pub mod write;

pub use config::{Config, InputArg, UnresolvedPolicy};
pub use diag::{Diagnostic, Severity};
pub use input::{Input, InputFile, InputPages, MemberSource};
pub use write::{ModuleFile, ModuleMemory};

/// A linked module and the warnings produced on the way.
#[derive(Debug)]
pub struct Output {
    pub module: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
    /// The link map, when `config.map_file` names a file (`-Map=`): for the caller to write
    /// there. For `-` (`-M`) it is a note instead, in its place among the others, as lld
    /// prints it on stdout.
    pub map: Option<String>,
}

/// A link's outcome with what `--why-extract=` asks for: that report is made once symbols are
/// resolved, so a link that fails later (an undefined symbol) has it too, as lld writes it.
#[derive(Debug)]
pub struct Linked {
    pub result: Result<Output, Vec<Diagnostic>>,
    /// The `--why-extract=` text, for the caller to write to `config.why_extract`; `None` when
    /// not asked for, or when the link failed before symbols were resolved. For `-` it is a
    /// note instead, in its place among the others (before the notes about the linker's
    /// optional symbols), as lld prints it on stdout.
    pub why_extract: Option<String>,
}

/// Link `files` as `config` says. `config.inputs` names the files to use,
/// in command-line order; `-l` libraries must already be resolved to names
/// of entries in `files` (see [`resolve_libraries`]).
///
/// The driver: each phase, then an error checkpoint, so that all problems of
/// one kind are reported together and no phase sees another's broken output.
pub fn link(files: &[InputFile], config: &Config) -> Result<Output, Vec<Diagnostic>> {
    let inputs: Vec<Input> = files.iter().map(InputFile::as_input).collect();
    link_inputs(&inputs, config)
}

/// `link` over inputs the caller keeps (memory-mapped files, say): nothing is copied.
/// `--threads=N` decides how many workers the parallel steps use.
pub fn link_inputs(files: &[Input], config: &Config) -> Result<Output, Vec<Diagnostic>> {
    link_explained(files, config).result
}

/// `link_inputs`, keeping the `--why-extract=` report of a link that fails.
pub fn link_explained(files: &[Input], config: &Config) -> Linked {
    let mut module = Vec::new();
    let mut linked = link_into(files, config, &mut module);
    if let Ok(out) = &mut linked.result {
        out.module = module;
    }
    linked
}

/// `link_explained`, writing the module into `memory` (a map of the output file, say), where it
/// is validated; `Output::module` is left empty. After a failure, what `memory` holds is no module.
pub fn link_into(files: &[Input], config: &Config, memory: &mut dyn ModuleMemory) -> Linked {
    let mut why_extract = None;
    let result = par::with_threads(config.threads, || run_phases(files, config, memory, &mut why_extract));
    Linked { result, why_extract }
}

fn run_phases(
    files: &[Input],
    config: &Config,
    memory: &mut dyn ModuleMemory,
    why_extract: &mut Option<String>,
) -> Result<Output, Vec<Diagnostic>> {
    let mut diags = diag::Diagnostics::new(config.fatal_warnings, config.error_limit);
    for w in &config.arg_warnings {
        diags.warn(w.clone());
    }
    diags.checkpoint()?;
    let mut clock = timing::Clock::new(config.verbose);

    let loaded = input::load(files, config, &mut diags);
    clock.lap("load", &mut diags);
    diags.checkpoint()?;

    let mut symbols = resolve::resolve(loaded, config, &mut diags);
    clock.lap("resolve", &mut diags);
    diags.checkpoint()?;
    // `--why-extract=-` and `-M` go to stdout among the notes, where lld prints them.
    match config.why_extract.as_deref() {
        Some("-") => {
            let text = explain::why_extract(&symbols, config);
            let at = symbols.why_extract_at.min(diags.list.len());
            diags.list.insert(at, Diagnostic::note(text.trim_end_matches('\n')));
        }
        Some(_) => *why_extract = Some(explain::why_extract(&symbols, config)),
        None => {}
    }

    // Resolution read only symbols, and started reading each object it chose whole as the
    // object joined; that is finished and put in place now.
    symbols.complete_objects(&mut diags);
    diags.checkpoint()?;
    symbols.report_call_signature_clashes(config, &mut diags);
    clock.lap("load code", &mut diags);
    diags.checkpoint()?;

    // The output's memory is made ready on the other thread while GC, the scan and the layout
    // run: the scan's walk is serial, the layout mostly so, and a big output's pages take longer
    // than GC alone (which takes the other thread's help once that thread is done with the first
    // pages).
    // Where a `ModuleFile` is to fill some of it, which pages to leave alone is known once GC
    // has run.
    let ready = write::Readiness::new(&symbols, config, memory.file().is_some());
    let gc_done = std::sync::atomic::AtomicBool::new(false);
    let (live, ready_to) = par::join(
        || {
            let live = gc::run(&symbols, config);
            gc_done.store(true, std::sync::atomic::Ordering::Relaxed);
            live
        },
        || write::prepare_during_gc(memory, &ready, &gc_done),
    );
    clock.lap("gc", &mut diags);
    diags.checkpoint()?;
    // (Its errors come before the scan's, which reports the missing symbols, as in lld.)
    symbols.unbind_collected_start_stop(&live, config, &mut diags);
    let head = ready.needs_head().then(|| write::head_estimate(&symbols, &live));
    let (analysis, ()) = par::join(
        || scan_and_layout(&symbols, &live, config, &mut diags, &mut clock),
        || write::prepare_after_gc(memory, &ready, ready_to, head),
    );
    // (What is left of making the memory ready, after the layout.)
    clock.lap("output memory", &mut diags);
    let (features, scan, layout) = analysis?;

    let bodies = synth::run(&symbols, &scan, &layout);
    clock.lap("synthesize", &mut diags);

    let inputs = write::Inputs { symbols: &symbols, live: &live, features: &features, scan: &scan, layout: &layout, bodies: &bodies, memory: &mut *memory };
    write::run(inputs, config, &mut diags);
    clock.lap("write", &mut diags);
    diags.checkpoint()?;
    let map = config.map_file.is_some().then(|| {
        let inputs = explain::map::Inputs { symbols: &symbols, live: &live, scan: &scan, layout: &layout, module: memory.bytes() };
        explain::map::write(inputs, config)
    });
    let map = match (map, config.map_file.as_deref()) {
        (Some(text), Some("-")) => {
            diags.push(Diagnostic::note(text.trim_end_matches('\n')));
            None
        }
        (map, _) => map,
    };
    clock.total(&mut diags);
    if config.exit_after_link {
        std::mem::forget((symbols, live, features, scan, layout, bodies));
    }
    Ok(Output { module: Vec::new(), diagnostics: diags.list, map })
}

/// The features, the scan and the layout, one after another.
fn scan_and_layout<'a>(
    symbols: &resolve::SymbolTable<'a>,
    live: &gc::Live,
    config: &'a Config,
    diags: &mut diag::Diagnostics,
    clock: &mut timing::Clock,
) -> Result<(features::Features, scan::Scan<'a>, layout::Layout<'a>), Vec<Diagnostic>> {
    // The features' problems are reported with the memory layout's, after it, as lld does
    // (a wrong --max-memory and a missing 'atomics' come out together); the layout does not
    // depend on them being right.
    let mut feature_problems = diag::Diagnostics::new(config.fatal_warnings, config.error_limit);
    let features = features::check(symbols, live, config, &mut feature_problems);
    let scan = scan::run(symbols, live, config, diags);
    if config.print_gc_sections {
        gc::print_removed(symbols, live, &scan, config, diags);
    }
    clock.lap("scan", diags);
    if diags.has_errors() {
        std::mem::take(&mut feature_problems.list).into_iter().for_each(|d| diags.push(d));
        diags.checkpoint()?;
    }

    let layout = layout::run(symbols, live, &scan, &features, config, diags);
    feature_problems.list.into_iter().for_each(|d| diags.push(d));
    // (lld checks the imports' and exports' features only if nothing before them failed.)
    if !diags.has_errors() {
        features::check_imports_exports(&features, &layout, config, diags);
    }
    clock.lap("layout", diags);
    diags.checkpoint()?;

    Ok((features, scan, layout))
}

/// Link from a whole wasm-ld command line whose file arguments (and `@`
/// response files) name entries of `files`. `-o` is accepted; the module is
/// returned, not written.
pub fn link_args(args: &[String], files: &[InputFile]) -> Result<Output, Vec<Diagnostic>> {
    let inputs: Vec<Input> = files.iter().map(InputFile::as_input).collect();
    let by_name = input::index_by_name(&inputs);
    let read = |name: &str| by_name.get(name).map(|&i| String::from_utf8_lossy(inputs[i].bytes).into_owned());
    let mut parsed = args::parse(args, &read).map_err(|e| e.into_iter().map(Diagnostic::error).collect::<Vec<_>>())?;
    // The command prints these and stops; a caller of the library gets a module or errors,
    // and "no input files" would be a wrong answer.
    if parsed.help || parsed.version_only {
        let asked = if parsed.help { "--help" } else { "--version" };
        return Err(vec![Diagnostic::error(format!(
            "{asked}: link-args only links (the command prints it: `wasmlink {asked}`)"
        ))]);
    }
    resolve_libraries(&mut parsed, &|candidate| by_name.contains_key(candidate))
        .map_err(|e| vec![Diagnostic::error(e)])?;
    read_import_lists(&mut parsed, &read).map_err(|e| vec![Diagnostic::error(e)])?;
    link_inputs(&inputs, &parsed.config)
}

/// The symbols that may stay undefined (and are imported), as wasm-ld reads them: each
/// `--allow-undefined-file`, and beside each archive `libfoo.a` a `libfoo.imports` if there is
/// one (wasi-libc ships one). One symbol a line; `#` starts a comment.
pub fn read_import_lists(parsed: &mut args::Parsed, read: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
    let lines = |text: String| -> Vec<String> {
        text.lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    for file in &parsed.allow_undefined_files {
        let text = read(file).ok_or_else(|| format!("cannot open {file}"))?;
        parsed.config.allow_undefined_symbols.extend(lines(text));
    }
    let beside_archives: Vec<String> = parsed
        .config
        .inputs
        .iter()
        .filter_map(|i| match i {
            InputArg::File(f) => f.strip_suffix(".a").map(|stem| format!("{stem}.imports")),
            _ => None,
        })
        .collect();
    for list in beside_archives {
        if let Some(text) = read(&list) {
            parsed.config.allow_undefined_symbols.extend(lines(text));
        }
    }
    Ok(())
}

/// Turn each `-lfoo` into a file name, as wasm-ld searches: in each `-L` directory in turn,
/// `libfoo.so` (after `-Bdynamic`, where PIC links start) then `libfoo.a`; `-l:name` looks for
/// `name` itself. A bare `libfoo.a` among the inputs also matches.
pub fn resolve_libraries(parsed: &mut args::Parsed, exists: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let mut dynamic = false;
    for arg in &mut parsed.config.inputs {
        let lib = match arg {
            InputArg::Dynamic(d) => {
                dynamic = *d;
                continue;
            }
            InputArg::Library(lib) => lib,
            _ => continue,
        };
        let names: Vec<String> = match lib.strip_prefix(':') {
            Some(exact) => vec![exact.to_string()],
            None if dynamic => vec![format!("lib{lib}.so"), format!("lib{lib}.a")],
            None => vec![format!("lib{lib}.a")],
        };
        let found = parsed
            .search_paths
            .iter()
            .flat_map(|dir| names.iter().map(move |n| format!("{}/{}", dir.trim_end_matches('/'), n)))
            .chain(names.iter().cloned())
            .find(|p| exists(p));
        match found {
            Some(path) => *arg = InputArg::File(path),
            None => return Err(format!("unable to find library -l{lib}")),
        }
    }
    Ok(())
}

#[cfg(target_arch = "wasm32")]
pub mod component;
