//! wasmlink: a WebAssembly linker (a drop-in for LLVM's `wasm-ld`) as a
//! library with no I/O: bytes in, a module and diagnostics out.
//!
//! The phases, in order (each in its own module, each taking the previous
//! phases' output by reference):
//! `input` (load) -> `resolve` -> `gc` -> `layout` -> `synth` + `write`.

pub mod args;
pub mod config;
pub mod diag;
pub mod fuzz;
pub mod gc;
pub mod input;
pub mod layout;
pub mod reloc;
pub mod resolve;
pub mod synth;
pub mod synthetic;
pub mod write;

pub use config::{Config, InputArg, UnresolvedPolicy};
pub use diag::{Diagnostic, Severity};
pub use input::InputFile;

/// A linked module and the warnings produced on the way.
#[derive(Debug)]
pub struct Output {
    pub module: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Link `files` as `config` says. `config.inputs` names the files to use,
/// in command-line order; `-l` libraries must already be resolved to names
/// of entries in `files` (see [`resolve_libraries`]).
pub fn link(files: &[InputFile], config: &Config) -> Result<Output, Vec<Diagnostic>> {
    let mut diags = diag::Diagnostics::new(config.fatal_warnings, config.error_limit);
    for w in &config.arg_warnings {
        diags.warn(w.clone());
    }
    let loaded = input::load(files, config, &mut diags);
    diags.checkpoint()?;
    let wrap_names: Vec<String> = config.wrap.iter().map(|w| format!("__wrap_{w}")).collect();
    let symbols = resolve::resolve(loaded, config, &wrap_names, &mut diags);
    diags.checkpoint()?;
    let reach = gc::run(&symbols, config, &mut diags);
    diags.checkpoint()?;
    let layout = layout::run(&symbols, &reach, config, &mut diags);
    diags.checkpoint()?;
    let module = write::run(&symbols, &reach, &layout, config, &mut diags);
    diags.checkpoint()?;
    Ok(Output { module, diagnostics: diags.list })
}

/// Link from a whole wasm-ld command line whose file arguments (and `@`
/// response files) name entries of `files`. `-o` is accepted; the module is
/// returned, not written.
pub fn link_args(args: &[String], files: &[InputFile]) -> Result<Output, Vec<Diagnostic>> {
    let by_name = input::index_by_name(files);
    let read = |name: &str| by_name.get(name).map(|&i| String::from_utf8_lossy(&files[i].bytes).into_owned());
    let mut parsed = args::parse(args, &read).map_err(|e| e.into_iter().map(Diagnostic::error).collect::<Vec<_>>())?;
    resolve_libraries(&mut parsed, &|candidate| by_name.contains_key(candidate))
        .map_err(|e| vec![Diagnostic::error(e)])?;
    link(files, &parsed.config)
}

/// Turn each `-lfoo` into a file name: `libfoo.a` in the first `-L`
/// directory where `exists` finds it (`-l:name` looks for `name` itself);
/// a bare `libfoo.a` among the inputs also matches.
pub fn resolve_libraries(parsed: &mut args::Parsed, exists: &dyn Fn(&str) -> bool) -> Result<(), String> {
    for arg in &mut parsed.config.inputs {
        let InputArg::Library(lib) = arg else { continue };
        let file = match lib.strip_prefix(':') {
            Some(exact) => exact.to_string(),
            None => format!("lib{lib}.a"),
        };
        let found = parsed
            .search_paths
            .iter()
            .map(|dir| format!("{}/{}", dir.trim_end_matches('/'), file))
            .chain(std::iter::once(file.clone()))
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
