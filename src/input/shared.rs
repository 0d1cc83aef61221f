//! Shared libraries as inputs (DynamicLinking.md): a linked module with a `dylink.0` section.
//! A link uses one only for what it exports, as wasm-ld 19 does: each exported function is a
//! function symbol of the export's type, and each exported global a data symbol (its address
//! comes from the loader, through the GOT). The library's own imports, memory and NEEDED list
//! are its loader's business.

use wasmparser::{ExternalKind, FuncType, KnownCustom, Parser, Payload, TypeRef};

/// What a shared library offers a link.
pub struct SharedLib<'a> {
    pub exports: Vec<SharedExport<'a>>,
}

pub struct SharedExport<'a> {
    pub name: &'a str,
    pub kind: SharedKind,
}

pub enum SharedKind {
    Func(FuncType),
    Data,
}

/// Whether `bytes` is a shared library: a module with a `dylink.0` (or the older `dylink`)
/// custom section, wherever it is.
pub fn is_shared_library(bytes: &[u8]) -> bool {
    Parser::new(0).parse_all(bytes).any(|p| {
        matches!(p, Ok(Payload::CustomSection(c)) if c.name() == "dylink.0" || c.name() == "dylink")
    })
}

/// Reads a shared library's exports. Errors carry the offset they were found at.
pub fn parse(bytes: &[u8]) -> Result<SharedLib<'_>, (u64, String)> {
    let err = |e: wasmparser::BinaryReaderError| (e.offset(), e.message().to_string());
    let mut types: Vec<FuncType> = Vec::new();
    let mut imported_funcs = 0u32;
    let mut imported_globals = 0u32;
    let mut defined_funcs: Vec<u32> = Vec::new();
    let mut defined_globals = 0u32;
    let mut exports = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(err)? {
            Payload::TypeSection(r) => {
                for ty in r.into_iter_err_on_gc_types() {
                    types.push(ty.map_err(err)?);
                }
            }
            Payload::ImportSection(r) => {
                for import in r.into_imports() {
                    match import.map_err(err)?.ty {
                        TypeRef::Func(_) => imported_funcs += 1,
                        TypeRef::Global(_) => imported_globals += 1,
                        _ => {}
                    }
                }
            }
            Payload::FunctionSection(r) => {
                for ty in r {
                    defined_funcs.push(ty.map_err(err)?);
                }
            }
            Payload::GlobalSection(r) => defined_globals = r.count(),
            Payload::ExportSection(r) => {
                for e in r.into_iter_with_offsets() {
                    let (at, e) = e.map_err(err)?;
                    exports.push((at, e));
                }
            }
            Payload::CustomSection(c) if c.name() == "dylink.0" => {
                // Only checked: a loader must be able to read it.
                if let KnownCustom::Dylink0(r) = c.as_known() {
                    for sub in r {
                        sub.map_err(err)?;
                    }
                }
            }
            _ => {}
        }
    }
    let mut lib = SharedLib { exports: Vec::new() };
    for (at, e) in exports {
        // What a library exports for its loader, not for other modules.
        if matches!(e.name, "__wasm_apply_data_relocs" | "__wasm_call_ctors")
            || e.name.starts_with("__start_")
            || e.name.starts_with("__stop_")
        {
            continue;
        }
        let kind = match e.kind {
            ExternalKind::Func => {
                let Some(defined) = e.index.checked_sub(imported_funcs) else {
                    return Err((at, format!("invalid function export: {}", e.name)));
                };
                let ty = defined_funcs
                    .get(defined as usize)
                    .and_then(|&t| types.get(t as usize))
                    .ok_or_else(|| (at, format!("invalid function export: {}", e.name)))?;
                SharedKind::Func(ty.clone())
            }
            ExternalKind::Global if e.index < imported_globals + defined_globals => SharedKind::Data,
            ExternalKind::Global => return Err((at, format!("invalid global export: {}", e.name))),
            // Tables, tags and memories are no symbols to wasm-ld 19.
            _ => continue,
        };
        lib.exports.push(SharedExport { name: e.name, kind });
    }
    Ok(lib)
}
