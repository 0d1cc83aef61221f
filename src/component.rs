//! The WebAssembly component's `wasmlink:linker/link` export (wit/): a thin
//! translation between the WIT types and the library's.

wit_bindgen::generate!({ path: "wit", world: "linker" });

use exports::wasmlink::linker::link::Guest;
use wasmlink::linker::types::{Diagnostic as WitDiagnostic, InputFile as WitInput, Options, Output as WitOutput, OutputKind, Severity as WitSeverity, UndefinedPolicy};

struct Component;

export!(Component);

fn to_wit(d: crate::Diagnostic) -> WitDiagnostic {
    WitDiagnostic {
        severity: match d.severity {
            crate::Severity::Error => WitSeverity::Error,
            // The WIT has no notes; the words say what it is.
            crate::Severity::Warning | crate::Severity::Note | crate::Severity::Log => WitSeverity::Warning,
        },
        message: d.message,
        file: d.file,
        symbol: d.symbol,
        offset: d.offset,
    }
}

fn convert(r: Result<crate::Output, Vec<crate::Diagnostic>>) -> Result<WitOutput, Vec<WitDiagnostic>> {
    match r {
        Ok(o) => Ok(WitOutput { module: o.module, diagnostics: o.diagnostics.into_iter().map(to_wit).collect() }),
        Err(d) => Err(d.into_iter().map(to_wit).collect()),
    }
}

fn inputs(files: Vec<WitInput>) -> Vec<crate::InputFile> {
    files.into_iter().map(|f| crate::InputFile { name: f.name, bytes: f.bytes }).collect()
}

/// The typed options as the wasm-ld flags they stand for, so that one
/// parser decides what everything means.
pub fn options_to_args(o: &Options) -> Vec<String> {
    let mut a = Vec::new();
    // (A typed choice means the PIC support as it is: no "not yet stable" warnings.)
    match o.kind {
        OutputKind::Executable => {}
        OutputKind::Pie => a.extend(["-pie".to_string(), "--experimental-pic".to_string()]),
        OutputKind::SharedLibrary => a.extend(["-shared".to_string(), "--experimental-pic".to_string()]),
        OutputKind::Relocatable => a.push("-r".into()),
    }
    if o.no_entry {
        a.push("--no-entry".into());
    } else if let Some(e) = &o.entry {
        a.push(format!("--entry={e}"));
    }
    a.extend(o.exports.iter().map(|e| format!("--export={e}")));
    if o.export_dynamic {
        a.push("--export-dynamic".into());
    }
    match o.undefined {
        UndefinedPolicy::ReportError => {}
        UndefinedPolicy::Warn => a.push("--warn-unresolved-symbols".into()),
        UndefinedPolicy::Ignore => a.push("--unresolved-symbols=ignore-all".into()),
        UndefinedPolicy::ImportDynamic => a.push("--allow-undefined".into()),
    }
    let flags = [
        (o.import_memory, "--import-memory"),
        (o.shared_memory, "--shared-memory"),
        (o.stack_first, "--stack-first"),
        (!o.gc, "--no-gc-sections"),
        (o.strip_debug, "--strip-debug"),
        (o.strip_all, "--strip-all"),
    ];
    a.extend(flags.iter().filter(|f| f.0).map(|f| f.1.to_string()));
    if let Some(v) = o.initial_memory {
        a.push(format!("--initial-memory={v}"));
    }
    if let Some(v) = o.max_memory {
        a.push(format!("--max-memory={v}"));
    }
    if let Some(v) = o.stack_size {
        a.push(format!("-zstack-size={v}"));
    }
    if let Some(v) = o.global_base {
        a.push(format!("--global-base={v}"));
    }
    a.extend(o.args.iter().cloned());
    a
}

impl Guest for Component {
    fn link(files: Vec<WitInput>, options: Options) -> Result<WitOutput, Vec<WitDiagnostic>> {
        let files = inputs(files);
        let mut args = options_to_args(&options);
        args.extend(files.iter().map(|f| f.name.clone()));
        convert(crate::link_args(&args, &files))
    }

    fn link_args(args: Vec<String>, files: Vec<WitInput>) -> Result<WitOutput, Vec<WitDiagnostic>> {
        convert(crate::link_args(&args, &inputs(files)))
    }
}
