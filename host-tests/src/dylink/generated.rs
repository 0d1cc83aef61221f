//! Small modules the loader writes itself (with wasm-encoder) and compiles through the same
//! cache as the program's:
//!
//! - a **PLT** per module whose function imports name a function of a module not instantiated
//!   yet (a cycle: a library calling back into the main module, or a module importing its own
//!   preemptible export): each entry calls the target's table slot with `call_indirect`, so the
//!   call costs one indirect call and no host transition;
//! - a **WASI adapter** per module that does not export its memory: wasmtime-wasi's preview 1
//!   functions find the caller's memory through its `memory` export, and side modules (and a
//!   main module with `--import-memory`) have none. The adapter imports the memory and exports
//!   it, and its functions call the real preview 1 functions between the loader's `park` and
//!   `unpark` (a thread blocked in a WASI call does not hold up a `dlopen` elsewhere).

use wasm_encoder::{
    CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection, MemoryType, Module,
    RefType, TableType, TypeSection, ValType,
};

/// A function signature in wasm-encoder's terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sig {
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
}

/// wasmtime's type as wasm-encoder's; `None` for types the generated modules cannot carry
/// (GC references other than plain funcref / externref).
pub fn sig_of(ty: &wasmtime::FuncType) -> Option<Sig> {
    let conv = |v: wasmtime::ValType| -> Option<ValType> {
        Some(match v {
            wasmtime::ValType::I32 => ValType::I32,
            wasmtime::ValType::I64 => ValType::I64,
            wasmtime::ValType::F32 => ValType::F32,
            wasmtime::ValType::F64 => ValType::F64,
            wasmtime::ValType::V128 => ValType::V128,
            wasmtime::ValType::Ref(r) => {
                if !r.is_nullable() {
                    return None;
                }
                match r.heap_type() {
                    wasmtime::HeapType::Func => ValType::Ref(RefType::FUNCREF),
                    wasmtime::HeapType::Extern => ValType::Ref(RefType::EXTERNREF),
                    _ => return None,
                }
            }
        })
    };
    Some(Sig {
        params: ty.params().map(conv).collect::<Option<Vec<_>>>()?,
        results: ty.results().map(conv).collect::<Option<Vec<_>>>()?,
    })
}

/// A module importing `env.__indirect_function_table` whose export `"<i>"` calls table slot
/// `entries[i].1` with signature `entries[i].0`.
pub fn plt(entries: &[(Sig, u32)]) -> Vec<u8> {
    let mut types = TypeSection::new();
    for (sig, _) in entries {
        types.ty().function(sig.params.iter().copied(), sig.results.iter().copied());
    }
    let mut imports = ImportSection::new();
    imports.import(
        "env",
        "__indirect_function_table",
        EntityType::Table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: 0,
            maximum: None,
            shared: false,
        }),
    );
    let mut funcs = FunctionSection::new();
    let mut exports = ExportSection::new();
    let mut code = CodeSection::new();
    for (i, (sig, slot)) in entries.iter().enumerate() {
        let i = i as u32;
        funcs.function(i);
        exports.export(&i.to_string(), ExportKind::Func, i);
        let mut f = Function::new([]);
        let mut ins = f.instructions();
        for p in 0..sig.params.len() as u32 {
            ins.local_get(p);
        }
        ins.i32_const(*slot as i32).call_indirect(0, i).end();
        code.function(&f);
    }
    let mut m = Module::new();
    m.section(&types).section(&imports).section(&funcs).section(&exports).section(&code);
    m.finish()
}

/// The memory the adapter imports as `env.memory` (the program's, so the import matches).
#[derive(Clone, Copy, Debug)]
pub struct Mem {
    pub minimum: u64,
    pub maximum: Option<u64>,
    pub shared: bool,
}

/// The WASI adapter: imports `wasi_snapshot_preview1.<name>` for each of `funcs`, `dylink.park`,
/// `dylink.unpark` and `env.memory`; exports `memory` and a wrapper named `<name>` for each.
pub fn wasi_adapter(mem: Mem, funcs: &[(String, Sig)]) -> Vec<u8> {
    let n = funcs.len() as u32;
    let mut types = TypeSection::new();
    for (_, sig) in funcs {
        types.ty().function(sig.params.iter().copied(), sig.results.iter().copied());
    }
    types.ty().function([], []); // n: park / unpark
    let mut imports = ImportSection::new();
    for (i, (name, _)) in funcs.iter().enumerate() {
        imports.import("wasi_snapshot_preview1", name, EntityType::Function(i as u32));
    }
    imports.import("dylink", "park", EntityType::Function(n));
    imports.import("dylink", "unpark", EntityType::Function(n));
    imports.import(
        "env",
        "memory",
        EntityType::Memory(MemoryType {
            minimum: mem.minimum,
            maximum: mem.maximum,
            memory64: false,
            shared: mem.shared,
            page_size_log2: None,
        }),
    );
    let (park, unpark) = (n, n + 1);
    let mut fsec = FunctionSection::new();
    let mut exports = ExportSection::new();
    let mut code = CodeSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    for (i, (name, sig)) in funcs.iter().enumerate() {
        let i = i as u32;
        fsec.function(i);
        exports.export(name, ExportKind::Func, n + 2 + i);
        let mut f = Function::new([]);
        let mut ins = f.instructions();
        ins.call(park);
        for p in 0..sig.params.len() as u32 {
            ins.local_get(p);
        }
        ins.call(i).call(unpark).end();
        code.function(&f);
    }
    let mut m = Module::new();
    m.section(&types).section(&imports).section(&fsec).section(&exports).section(&code);
    m.finish()
}
