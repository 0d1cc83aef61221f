//! What the loader reads from a module's bytes with wasmparser, before wasmtime compiles it: the
//! `dylink.0` section, which globals and functions the exports name, the constant value of
//! exported globals, where the module's own element segments put its functions in the table,
//! and the size of its `.tdata` segment.

use std::collections::HashMap;

use wasmparser::{
    Dylink0Subsection, ElementItems, ElementKind, ExternalKind, KnownCustom, Name, Operator, Parser, Payload,
    SymbolFlags, TypeRef,
};

/// The `dylink.0` section of a module (all subsections; absent ones are empty).
#[derive(Clone, Debug, Default)]
pub struct Dylink {
    /// MEM_INFO: bytes of memory to reserve at `__memory_base`, and its alignment (a power of 2).
    pub memory_size: u32,
    pub memory_align_log2: u32,
    /// MEM_INFO: table slots to reserve at `__table_base`, and their alignment (a power of 2).
    pub table_size: u32,
    pub table_align_log2: u32,
    /// NEEDED, in order.
    pub needed: Vec<String>,
    /// RUNTIME_PATH, in order (`$ORIGIN` not yet expanded).
    pub runtime_path: Vec<String>,
    /// EXPORT_INFO: symbol flags of exports, by name.
    pub export_flags: HashMap<String, SymbolFlags>,
    /// IMPORT_INFO: symbol flags of imports, by (module, field).
    pub import_flags: HashMap<(String, String), SymbolFlags>,
}

impl Dylink {
    /// Is the import `module.field` weak? IMPORT_INFO names GOT imports by `env` and the symbol.
    pub fn import_is_weak(&self, module: &str, field: &str) -> bool {
        let weak = |m: &str| {
            self.import_flags.get(&(m.to_string(), field.to_string())).is_some_and(|f| f.contains(SymbolFlags::BINDING_WEAK))
        };
        weak(module) || weak("env")
    }

    pub fn export_has(&self, name: &str, flag: SymbolFlags) -> bool {
        self.export_flags.get(name).is_some_and(|f| f.contains(flag))
    }
}

/// Where an active element segment starts in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElemBase {
    /// `global.get $__table_base` (+ a constant).
    TableBase(u32),
    /// `i32.const n`: an absolute slot.
    Absolute(u32),
}

/// Everything the loader needs from a module besides what wasmtime's `Module` tells.
#[derive(Clone, Debug, Default)]
pub struct ModuleMeta {
    /// `None` when the module has no `dylink.0` section.
    pub dylink: Option<Dylink>,
    /// Function exports: name -> function index (imports included).
    pub func_exports: HashMap<String, u32>,
    /// Global exports whose initializer is `i32.const`: name -> value.
    pub global_consts: HashMap<String, i32>,
    /// Functions placed by the module's own active element segments in table 0:
    /// function index -> where (first placement wins).
    pub elem_slots: HashMap<u32, ElemBase>,
    /// The length of the data segment the name section calls `.tdata`, if any.
    pub tdata_size: Option<u32>,
}

/// Reads the metadata. Errors are wasmparser's (with their offset), prefixed with what was
/// being read; the caller adds the module's name.
pub fn read(bytes: &[u8]) -> Result<ModuleMeta, String> {
    let mut meta = ModuleMeta::default();
    let mut imported_funcs = 0u32;
    let mut imported_globals = 0u32;
    // The global index of the `env.__table_base` import, for element segment offsets.
    let mut table_base_global = None;
    let mut global_inits: Vec<Option<i32>> = Vec::new();
    let mut global_exports: Vec<(String, u32)> = Vec::new();
    let mut data_names: HashMap<u32, String> = HashMap::new();
    let mut data_sizes: Vec<u32> = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
        match payload {
            Payload::Version { .. } => {}
            Payload::CustomSection(c) => {
                let name = c.name();
                if name == "dylink" {
                    return Err("has an old-style `dylink` section; only `dylink.0` (LLVM 13 and later) is supported".into());
                }
                if name == "dylink.0" {
                    if meta.dylink.is_some() {
                        return Err("has two `dylink.0` sections".into());
                    }
                    meta.dylink = Some(read_dylink0(c.as_known())?);
                } else if name == "name"
                    && let KnownCustom::Name(r) = c.as_known()
                {
                    // A bad name section is not our business (wasmtime ignores it too).
                    for n in r.into_iter().flatten() {
                        if let Name::Data(map) = n {
                            for naming in map.into_iter().flatten() {
                                data_names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    let imp = imp.map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
                    match imp.ty {
                        TypeRef::Func(_) => imported_funcs += 1,
                        TypeRef::Global(_) => {
                            if imp.module == "env" && imp.name == "__table_base" {
                                table_base_global = Some(imported_globals);
                            }
                            imported_globals += 1;
                        }
                        _ => {}
                    }
                }
            }
            Payload::GlobalSection(r) => {
                for g in r {
                    let g = g.map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
                    let mut ops = g.init_expr.get_operators_reader();
                    let v = match (ops.read(), ops.read()) {
                        (Ok(Operator::I32Const { value }), Ok(Operator::End)) => Some(value),
                        _ => None,
                    };
                    global_inits.push(v);
                }
            }
            Payload::ExportSection(r) => {
                for e in r {
                    let e = e.map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
                    match e.kind {
                        ExternalKind::Func => {
                            meta.func_exports.insert(e.name.to_string(), e.index);
                        }
                        ExternalKind::Global => global_exports.push((e.name.to_string(), e.index)),
                        _ => {}
                    }
                }
            }
            Payload::ElementSection(r) => {
                for el in r {
                    let el = el.map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
                    let ElementKind::Active { table_index, offset_expr } = el.kind else { continue };
                    if table_index.unwrap_or(0) != 0 {
                        continue;
                    }
                    let Some(base) = elem_base(&offset_expr, table_base_global) else { continue };
                    let funcs: Vec<Option<u32>> = match el.items {
                        ElementItems::Functions(f) => f.into_iter().map(|f| f.ok()).collect(),
                        ElementItems::Expressions(_, exprs) => exprs
                            .into_iter()
                            .map(|e| {
                                let e = e.ok()?;
                                let mut ops = e.get_operators_reader();
                                match ops.read() {
                                    Ok(Operator::RefFunc { function_index }) => Some(function_index),
                                    _ => None,
                                }
                            })
                            .collect(),
                    };
                    for (i, f) in funcs.into_iter().enumerate() {
                        let Some(f) = f else { continue };
                        let at = match base {
                            ElemBase::TableBase(k) => ElemBase::TableBase(k.wrapping_add(i as u32)),
                            ElemBase::Absolute(k) => ElemBase::Absolute(k.wrapping_add(i as u32)),
                        };
                        meta.elem_slots.entry(f).or_insert(at);
                    }
                }
            }
            Payload::DataSection(r) => {
                for d in r {
                    let d = d.map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
                    data_sizes.push(d.data.len() as u32);
                }
            }
            _ => {}
        }
    }
    let _ = imported_funcs;
    for (name, index) in global_exports {
        if let Some(Some(v)) = index.checked_sub(imported_globals).and_then(|i| global_inits.get(i as usize)) {
            meta.global_consts.insert(name, *v);
        }
    }
    meta.tdata_size =
        data_names.iter().find(|(_, n)| n.as_str() == ".tdata").and_then(|(i, _)| data_sizes.get(*i as usize).copied());
    Ok(meta)
}

fn elem_base(expr: &wasmparser::ConstExpr<'_>, table_base: Option<u32>) -> Option<ElemBase> {
    let mut ops = expr.get_operators_reader();
    let mut stack: Vec<Operator<'_>> = Vec::new();
    while let Ok(op) = ops.read() {
        if matches!(op, Operator::End) {
            break;
        }
        stack.push(op);
    }
    match stack.as_slice() {
        [Operator::I32Const { value }] => Some(ElemBase::Absolute(*value as u32)),
        [Operator::GlobalGet { global_index }] if Some(*global_index) == table_base => Some(ElemBase::TableBase(0)),
        [Operator::GlobalGet { global_index }, Operator::I32Const { value }, Operator::I32Add]
            if Some(*global_index) == table_base =>
        {
            Some(ElemBase::TableBase(*value as u32))
        }
        _ => None,
    }
}

fn read_dylink0(known: KnownCustom<'_>) -> Result<Dylink, String> {
    let KnownCustom::Dylink0(reader) = known else {
        return Err("malformed dylink.0 section".into());
    };
    let mut d = Dylink::default();
    let mut seen_mem_info = false;
    for sub in reader {
        let sub = sub.map_err(|e| format!("malformed dylink.0 section: {e}"))?;
        match sub {
            Dylink0Subsection::MemInfo(m) => {
                if seen_mem_info {
                    return Err("malformed dylink.0 section: two MEM_INFO subsections".into());
                }
                seen_mem_info = true;
                if m.memory_alignment >= 32 || m.table_alignment >= 32 {
                    return Err(format!(
                        "malformed dylink.0 section: alignment 2^{} (memory) / 2^{} (table) is too large",
                        m.memory_alignment, m.table_alignment
                    ));
                }
                d.memory_size = m.memory_size;
                d.memory_align_log2 = m.memory_alignment;
                d.table_size = m.table_size;
                d.table_align_log2 = m.table_alignment;
            }
            Dylink0Subsection::Needed(n) => d.needed.extend(n.into_iter().map(String::from)),
            Dylink0Subsection::RuntimePath(p) => d.runtime_path.extend(p.into_iter().map(String::from)),
            Dylink0Subsection::ExportInfo(e) => {
                for e in e {
                    d.export_flags.insert(e.name.to_string(), e.flags);
                }
            }
            Dylink0Subsection::ImportInfo(i) => {
                for i in i {
                    d.import_flags.insert((i.module.to_string(), i.field.to_string()), i.flags);
                }
            }
            // TARGET_ARCH (wasm64 and such) and unknown subsections: nothing for us.
            Dylink0Subsection::TargetArch(_) | Dylink0Subsection::Unknown { .. } => {}
        }
    }
    Ok(d)
}
