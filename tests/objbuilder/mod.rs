//! A small builder of WebAssembly object files for unit tests. wasm-encoder
//! writes the module sections; the `linking` and `reloc.*` sections (which
//! it does not write) are encoded here.

#![allow(dead_code)]

pub mod generate;

use wasm_encoder::{
    CodeSection, ConstExpr, CustomSection, DataSection, EntityType, FunctionSection, ImportSection,
    MemoryType, Module, RawSection, TypeSection, ValType,
};

pub const R_FUNCTION_INDEX_LEB: u8 = 0;
pub const R_TABLE_INDEX_SLEB: u8 = 1;
pub const R_TABLE_INDEX_I32: u8 = 2;
pub const R_MEMORY_ADDR_SLEB: u8 = 4;
pub const R_MEMORY_ADDR_I32: u8 = 5;
pub const R_GLOBAL_INDEX_LEB: u8 = 7;
pub const R_FUNCTION_OFFSET_I32: u8 = 8;
pub const R_SECTION_OFFSET_I32: u8 = 9;
pub const R_MEMORY_ADDR_REL_SLEB: u8 = 11;
pub const R_TABLE_INDEX_REL_SLEB: u8 = 12;
pub const R_TAG_INDEX_LEB: u8 = 10;
pub const R_TYPE_INDEX_LEB: u8 = 6;
pub const R_TABLE_NUMBER_LEB: u8 = 20;
const I32_CONST: u8 = 0x41;
const I64_CONST: u8 = 0x42;

/// In a body's relocation, the symbol of the indirect function table: the object's own
/// `__indirect_function_table` symbol where it has one, else the import `build` adds.
pub const INDIRECT_TABLE: u32 = u32::MAX;
pub const R_MEMORY_ADDR_TLS_SLEB: u8 = 21;
pub const R_MEMORY_ADDR_LEB64: u8 = 14;
pub const R_MEMORY_ADDR_SLEB64: u8 = 15;
pub const R_MEMORY_ADDR_I64: u8 = 16;
pub const R_TABLE_INDEX_SLEB64: u8 = 18;
pub const R_TABLE_INDEX_I64: u8 = 19;
pub const R_FUNCTION_OFFSET_I64: u8 = 22;
pub const R_MEMORY_ADDR_REL_SLEB64: u8 = 17;
pub const R_TABLE_INDEX_REL_SLEB64: u8 = 24;
pub const R_MEMORY_ADDR_TLS_SLEB64: u8 = 25;

/// Relocation types that carry an addend (Linking.md).
fn has_addend(ty: u8) -> bool {
    matches!(ty, 3 | 4 | 5 | 8 | 9 | 11 | 14 | 15 | 16 | 17 | 21 | 22 | 23 | 25 | 27)
}

pub const WEAK: u32 = 1;
pub const LOCAL: u32 = 2;
pub const HIDDEN: u32 = 4;
pub const UNDEFINED: u32 = 0x10;
pub const EXPORTED: u32 = 0x20;
pub const NO_STRIP: u32 = 0x80;
pub const EXPLICIT_NAME: u32 = 0x40;

#[derive(Clone)]
pub enum Sym {
    /// Defined function (index into this object's defined functions).
    Func { name: String, func: u32, flags: u32 },
    /// Undefined function, imported from env with a type.
    UndefFunc { name: String, ty: u32, flags: u32 },
    /// Undefined function imported under another name (`import_name`, `WASM_SYM_EXPLICIT_NAME`).
    UndefFuncAs { name: String, import: String, ty: u32 },
    Data { name: String, segment: u32, offset: u32, size: u32, flags: u32 },
    UndefData { name: String, flags: u32 },
    /// Undefined address-sized global, imported from env under its name: a PIC object's
    /// `__memory_base` and `__table_base` (immutable), `__tls_base` (mutable).
    UndefGlobal { name: String, mutable: bool },
    /// A defined i32 global (initially 0), as a program's own wasm global.
    Global { name: String, mutable: bool, flags: u32 },
    /// An undefined i32 global, imported from env under its name (`__stack_pointer`, as every C
    /// object imports it).
    UndefGlobalI32 { name: String, mutable: bool, flags: u32 },
    /// A defined exception tag whose parameters are those of type `ty` (which has no results).
    Tag { name: String, ty: u32, flags: u32 },
    /// An undefined tag, imported from env under its name (`__cpp_exception`, as C++ objects
    /// built with wasm exceptions import it).
    UndefTag { name: String, ty: u32, flags: u32 },
    /// A defined table (`funcref` or `externref`, at least `min` long, no maximum).
    Table { name: String, funcref: bool, min: u32, flags: u32 },
    /// An undefined `funcref` table, imported from env under its name.
    UndefTable { name: String, flags: u32 },
    /// A section symbol (always local), by section index.
    Section { section: u32 },
}

/// A relocation as written: (type, offset, symbol, addend).
pub type Reloc = (u8, u32, u32, i32);

pub struct Body {
    pub bytes: Vec<u8>,
    /// (type, offset in `bytes`, symbol, addend)
    pub relocs: Vec<(u8, u32, u32, i32)>,
}

impl Body {
    pub fn new() -> Self {
        Body { bytes: vec![0], relocs: Vec::new() } // no locals
    }
    fn padded(&mut self, ty: u8, sym: u32, addend: i32) {
        self.relocs.push((ty, self.bytes.len() as u32, sym, addend));
        self.bytes.extend_from_slice(&[0x80, 0x80, 0x80, 0x80, 0x00]);
    }
    /// A 64-bit relocation's place: a LEB padded to ten bytes.
    fn padded64(&mut self, ty: u8, sym: u32, addend: i32) {
        self.relocs.push((ty, self.bytes.len() as u32, sym, addend));
        self.bytes.extend_from_slice(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
    }
    pub fn call(mut self, sym: u32) -> Self {
        self.bytes.push(0x10);
        self.padded(R_FUNCTION_INDEX_LEB, sym, 0);
        self
    }
    pub fn addr(mut self, sym: u32) -> Self {
        self.bytes.push(0x41);
        self.padded(R_MEMORY_ADDR_SLEB, sym, 0);
        self
    }
    pub fn func_addr(mut self, sym: u32) -> Self {
        self.bytes.push(0x41);
        self.padded(R_TABLE_INDEX_SLEB, sym, 0);
        self
    }
    /// wasm64: `i64.const` of a data symbol's address.
    pub fn addr64(mut self, sym: u32) -> Self {
        self.bytes.push(0x42);
        self.padded64(R_MEMORY_ADDR_SLEB64, sym, 0);
        self
    }
    /// wasm64: `i64.const` of a function's table slot.
    pub fn func_addr64(mut self, sym: u32) -> Self {
        self.bytes.push(0x42);
        self.padded64(R_TABLE_INDEX_SLEB64, sym, 0);
        self
    }
    /// wasm64: `i32.load` of a data symbol, its address in the load's offset (`i64.const 0`
    /// as the base).
    pub fn load_at64(mut self, sym: u32) -> Self {
        self.bytes.extend_from_slice(&[0x42, 0x00, 0x28, 0x02]);
        self.padded64(R_MEMORY_ADDR_LEB64, sym, 0);
        self
    }
    /// `global.get` of a global symbol, or of the GOT entry of a data or function symbol.
    pub fn global_get(mut self, sym: u32) -> Self {
        self.bytes.push(0x23);
        self.padded(R_GLOBAL_INDEX_LEB, sym, 0);
        self
    }
    /// `throw` of a tag symbol (whose type has no parameters).
    pub fn throw_(mut self, sym: u32) -> Self {
        self.bytes.push(0x08);
        self.padded(R_TAG_INDEX_LEB, sym, 0);
        self
    }
    /// `table.size` of a table symbol (or `INDIRECT_TABLE`), dropped.
    pub fn table_size(mut self, sym: u32) -> Self {
        self.bytes.extend_from_slice(&[0xfc, 0x10]);
        self.padded(R_TABLE_NUMBER_LEB, sym, 0);
        self.bytes.push(0x1a);
        self
    }
    /// `table.get 0` of a table symbol (or `INDIRECT_TABLE`), dropped.
    pub fn table_get(self, sym: u32) -> Self {
        self.table_get_at(I32_CONST, sym)
    }
    /// `call_indirect` of slot 0 of a `funcref` table symbol (or `INDIRECT_TABLE`) with type
    /// `ty`, which must take and return nothing.
    pub fn call_indirect(self, ty: u32, sym: u32) -> Self {
        self.call_indirect_at(I32_CONST, ty, sym)
    }
    /// wasm64 (a table64, indexed by an i64): as `table_get`.
    pub fn table_get64(self, sym: u32) -> Self {
        self.table_get_at(I64_CONST, sym)
    }
    /// wasm64 (a table64, indexed by an i64): as `call_indirect`.
    pub fn call_indirect64(self, ty: u32, sym: u32) -> Self {
        self.call_indirect_at(I64_CONST, ty, sym)
    }
    /// Slot 0 (`index_const` 0, the table's index type's), then `table.get`, dropped.
    fn table_get_at(mut self, index_const: u8, sym: u32) -> Self {
        self.bytes.extend_from_slice(&[index_const, 0x00, 0x25]);
        self.padded(R_TABLE_NUMBER_LEB, sym, 0);
        self.bytes.push(0x1a);
        self
    }
    /// Slot 0 (`index_const` 0), then `call_indirect`.
    fn call_indirect_at(mut self, index_const: u8, ty: u32, sym: u32) -> Self {
        self.bytes.extend_from_slice(&[index_const, 0x00, 0x11]);
        self.padded(R_TYPE_INDEX_LEB, ty, 0);
        self.padded(R_TABLE_NUMBER_LEB, sym, 0);
        self
    }
    /// `global.set` of a global symbol to 0.
    pub fn global_set(mut self, sym: u32) -> Self {
        self.bytes.extend_from_slice(&[0x41, 0x00, 0x24]);
        self.padded(R_GLOBAL_INDEX_LEB, sym, 0);
        self
    }
    /// `i32.const` of a data symbol's offset from `__memory_base` (PIC).
    pub fn mbrel(mut self, sym: u32) -> Self {
        self.bytes.push(0x41);
        self.padded(R_MEMORY_ADDR_REL_SLEB, sym, 0);
        self
    }
    /// `i32.const` of a thread-local symbol's offset from `__tls_base`.
    pub fn tlsrel(mut self, sym: u32) -> Self {
        self.bytes.push(0x41);
        self.padded(R_MEMORY_ADDR_TLS_SLEB, sym, 0);
        self
    }
    /// `i32.const` of a function's table slot from `__table_base` (PIC).
    pub fn tbrel(mut self, sym: u32) -> Self {
        self.bytes.push(0x41);
        self.padded(R_TABLE_INDEX_REL_SLEB, sym, 0);
        self
    }
    pub fn i32_add(mut self) -> Self {
        self.bytes.push(0x6a);
        self
    }
    /// wasm64 PIC: `i64.const` of a data symbol's offset from `__memory_base`.
    pub fn mbrel64(mut self, sym: u32) -> Self {
        self.bytes.push(0x42);
        self.padded64(R_MEMORY_ADDR_REL_SLEB64, sym, 0);
        self
    }
    /// wasm64: `i64.const` of a thread-local symbol's offset from `__tls_base`.
    pub fn tlsrel64(mut self, sym: u32) -> Self {
        self.bytes.push(0x42);
        self.padded64(R_MEMORY_ADDR_TLS_SLEB64, sym, 0);
        self
    }
    /// wasm64 PIC: `i64.const` of a function's table slot from `__table_base`.
    pub fn tbrel64(mut self, sym: u32) -> Self {
        self.bytes.push(0x42);
        self.padded64(R_TABLE_INDEX_REL_SLEB64, sym, 0);
        self
    }
    pub fn i64_add(mut self) -> Self {
        self.bytes.push(0x7c);
        self
    }
    pub fn i32_const(mut self, v: i32) -> Self {
        let mut s = Vec::new();
        wasm_encoder::Encode::encode(&(v as i64), &mut s);
        self.bytes.push(0x41);
        leb_s(&mut self.bytes, v as i64);
        self
    }
    pub fn load(mut self) -> Self {
        self.bytes.extend_from_slice(&[0x28, 0x02, 0x00]);
        self
    }
    pub fn drop_(mut self) -> Self {
        self.bytes.push(0x1a);
        self
    }
    pub fn raw(mut self, b: &[u8]) -> Self {
        self.bytes.extend_from_slice(b);
        self
    }
    pub fn end(mut self) -> Self {
        self.bytes.push(0x0b);
        self
    }
}

#[derive(Default)]
pub struct Obj {
    pub types: Vec<(Vec<ValType>, Vec<ValType>)>,
    pub funcs: Vec<(u32, Body)>,
    pub segments: Vec<(String, Vec<u8>, u32)>,
    /// Segment flags (`WASM_SEG_FLAG_*`), by segment index; 0 for those past its end.
    pub segment_flags: Vec<u32>,
    pub syms: Vec<Sym>,
    pub init_funcs: Vec<(u32, u32)>,
    /// A wasm64 object (`-mwasm64`): a 64-bit memory and table, `i64.const` segment offsets.
    pub wasm64: bool,
    /// `target_features` entries, written with the `+` prefix.
    pub features: Vec<&'static str>,
    /// Export section entries (`export_name` attributes): (name, defined function).
    pub exports: Vec<(String, u32)>,
    /// Custom sections after the data section: (name, bytes, relocations).
    pub customs: Vec<(String, Vec<u8>, Vec<Reloc>)>,
    /// Comdats: (name, members as (kind: 0 data segment, 1 function; index in
    /// the object's segment or function index space)).
    pub comdats: Vec<(String, Vec<(u8, u32)>)>,
    /// Relocations in data: (type, segment, offset in it, symbol, addend).
    pub data_relocs: Vec<(u8, u32, u32, u32, i32)>,
}

impl Obj {
    pub fn new() -> Self {
        let mut o = Obj::default();
        o.types.push((vec![], vec![])); // type 0: () -> ()
        o.types.push((vec![], vec![ValType::I32])); // type 1: () -> i32
        o.types.push((vec![ValType::I32], vec![])); // type 2: (i32) -> ()
        o
    }

    /// Adds a symbol, returning its index.
    pub fn sym(&mut self, s: Sym) -> u32 {
        self.syms.push(s);
        self.syms.len() as u32 - 1
    }

    pub fn func(&mut self, name: &str, ty: u32, flags: u32, body: Body) -> u32 {
        self.funcs.push((ty, body));
        let func = self.funcs.len() as u32 - 1;
        self.sym(Sym::Func { name: name.into(), func, flags })
    }

    pub fn undef_func(&mut self, name: &str, ty: u32) -> u32 {
        self.sym(Sym::UndefFunc { name: name.into(), ty, flags: UNDEFINED })
    }

    /// A TLS data symbol in segment `.tdata.NAME`.
    pub fn tls(&mut self, name: &str, bytes: &[u8]) -> u32 {
        self.segments.push((format!(".tdata.{name}"), bytes.to_vec(), 2));
        let segment = self.segments.len() as u32 - 1;
        self.sym(Sym::Data { name: name.into(), segment, offset: 0, size: bytes.len() as u32, flags: 0x100 })
    }

    pub fn data(&mut self, name: &str, seg_name: &str, bytes: &[u8], flags: u32) -> u32 {
        self.segments.push((seg_name.into(), bytes.to_vec(), 2));
        let segment = self.segments.len() as u32 - 1;
        self.sym(Sym::Data { name: name.into(), segment, offset: 0, size: bytes.len() as u32, flags })
    }

    /// Section index custom section `i` will have (for `Sym::Section`).
    pub fn custom_section_index(&self, i: usize) -> u32 {
        3 + self.defines_tables() as u32 + self.defines_tags() as u32 + self.defines_globals() as u32 + (!self.exports.is_empty()) as u32 + 1 + (!self.segments.is_empty()) as u32 + i as u32
    }

    fn defines_tags(&self) -> bool {
        self.syms.iter().any(|s| matches!(s, Sym::Tag { .. }))
    }

    fn defines_tables(&self) -> bool {
        self.syms.iter().any(|s| matches!(s, Sym::Table { .. }))
    }

    /// The object's own symbol named `__indirect_function_table`, defined or not.
    fn own_indirect_table(&self) -> Option<u32> {
        self.syms.iter().position(|s| matches!(s, Sym::Table { name, .. } | Sym::UndefTable { name, .. } if name == "__indirect_function_table")).map(|i| i as u32)
    }

    fn defines_globals(&self) -> bool {
        self.syms.iter().any(|s| matches!(s, Sym::Global { .. }))
    }

    pub fn build(&self) -> Vec<u8> {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        for (p, r) in &self.types {
            types.ty().function(p.clone(), r.clone());
        }
        m.section(&types);
        // Imports: memory, the table when function addresses are taken (as
        // clang does), then one function import per undefined function.
        let mut imports = ImportSection::new();
        imports.import("env", "__linear_memory", EntityType::Memory(MemoryType { minimum: 0, maximum: None, memory64: self.wasm64, shared: false, page_size_log2: None }));
        let is_func = |sym: u32| matches!(self.syms[sym as usize], Sym::Func { .. } | Sym::UndefFunc { .. } | Sym::UndefFuncAs { .. });
        let is_global = |sym: u32| matches!(self.syms[sym as usize], Sym::UndefGlobal { .. } | Sym::Global { .. } | Sym::UndefGlobalI32 { .. });
        let takes_addresses = self.funcs.iter().any(|(_, b)| {
            b.relocs.iter().any(|r| {
                matches!(r.0, R_TABLE_INDEX_SLEB | R_TABLE_INDEX_I32 | R_TABLE_INDEX_REL_SLEB | R_TABLE_INDEX_SLEB64 | R_TABLE_INDEX_REL_SLEB64)
                    || r.0 == R_GLOBAL_INDEX_LEB && is_func(r.2)
            })
        }) || self.data_relocs.iter().any(|r| matches!(r.0, R_TABLE_INDEX_I32 | R_TABLE_INDEX_I64))
            || self.funcs.iter().any(|(_, b)| b.relocs.iter().any(|r| r.0 == R_TABLE_NUMBER_LEB && r.2 == INDIRECT_TABLE));
        // (An object with a symbol of its own for the table names it by that one.)
        let own_table = self.own_indirect_table();
        let takes_addresses = takes_addresses && own_table.is_none();
        let indirect_table = own_table.unwrap_or(self.syms.len() as u32);
        let mut ntables = 0;
        if takes_addresses {
            ntables += 1;
            let table = wasm_encoder::TableType { element_type: wasm_encoder::RefType::FUNCREF, minimum: 0, maximum: None, table64: self.wasm64, shared: false };
            imports.import("env", "__indirect_function_table", EntityType::Table(table));
        }
        let mut import_of_sym = vec![u32::MAX; self.syms.len()];
        let mut nimports = 0;
        for (i, s) in self.syms.iter().enumerate() {
            let (field, ty) = match s {
                Sym::UndefFunc { name, ty, .. } => (name, ty),
                Sym::UndefFuncAs { import, ty, .. } => (import, ty),
                _ => continue,
            };
            imports.import("env", field, EntityType::Function(*ty));
            import_of_sym[i] = nimports;
            nimports += 1;
        }
        // (Addresses, and the globals that hold them, are i64 in wasm64.)
        let address = if self.wasm64 { ValType::I64 } else { ValType::I32 };
        // Globals: the undefined global symbols', then (as clang writes PIC objects) a `GOT.mem`
        // or `GOT.func` import for each data or function symbol code reads through the GOT,
        // which no symbol names.
        let mut nglobals = 0;
        for (i, s) in self.syms.iter().enumerate() {
            let (name, val_type, mutable) = match s {
                Sym::UndefGlobal { name, mutable } => (name, address, *mutable),
                Sym::UndefGlobalI32 { name, mutable, .. } => (name, ValType::I32, *mutable),
                _ => continue,
            };
            imports.import("env", name, EntityType::Global(wasm_encoder::GlobalType { val_type, mutable, shared: false }));
            import_of_sym[i] = nglobals;
            nglobals += 1;
        }
        let mut got = std::collections::BTreeSet::new();
        for (_, b) in &self.funcs {
            for r in b.relocs.iter().filter(|r| r.0 == R_GLOBAL_INDEX_LEB && !is_global(r.2)) {
                got.insert(r.2);
            }
        }
        let global_imports = nglobals + got.len() as u32;
        for sym in got {
            let (module, name) = match &self.syms[sym as usize] {
                Sym::Func { name, .. } | Sym::UndefFunc { name, .. } | Sym::UndefFuncAs { name, .. } => ("GOT.func", name),
                Sym::Data { name, .. } | Sym::UndefData { name, .. } => ("GOT.mem", name),
                _ => continue,
            };
            imports.import(module, name, EntityType::Global(wasm_encoder::GlobalType { val_type: address, mutable: true, shared: false }));
        }
        // Tables: the indirect function table (above), the undefined ones, then the defined ones.
        let funcref_table = |min| wasm_encoder::TableType { element_type: wasm_encoder::RefType::FUNCREF, minimum: min, maximum: None, table64: self.wasm64, shared: false };
        for (i, s) in self.syms.iter().enumerate() {
            if let Sym::UndefTable { name, .. } = s {
                imports.import("env", name, EntityType::Table(funcref_table(0)));
                import_of_sym[i] = ntables;
                ntables += 1;
            }
        }
        // Tags: the undefined ones imported, then the defined ones (in the tag section).
        let mut ntags = 0;
        for (i, s) in self.syms.iter().enumerate() {
            if let Sym::UndefTag { name, ty, .. } = s {
                imports.import("env", name, EntityType::Tag(wasm_encoder::TagType { kind: wasm_encoder::TagKind::Exception, func_type_idx: *ty }));
                import_of_sym[i] = ntags;
                ntags += 1;
            }
        }
        m.section(&imports);
        let mut funcs = FunctionSection::new();
        for (ty, _) in &self.funcs {
            funcs.function(*ty);
        }
        m.section(&funcs);
        let mut section_index = 3u32; // type, import, function
        let mut defined_table_of_sym = vec![u32::MAX; self.syms.len()];
        if self.defines_tables() {
            let mut tables = wasm_encoder::TableSection::new();
            for (i, s) in self.syms.iter().enumerate() {
                if let Sym::Table { funcref, min, .. } = s {
                    defined_table_of_sym[i] = ntables + tables.len();
                    let element_type = if *funcref { wasm_encoder::RefType::FUNCREF } else { wasm_encoder::RefType::EXTERNREF };
                    tables.table(wasm_encoder::TableType { element_type, ..funcref_table(*min as u64) });
                }
            }
            m.section(&tables);
            section_index += 1;
        }
        let mut defined_tag_of_sym = vec![u32::MAX; self.syms.len()];
        if self.defines_tags() {
            let mut tags = wasm_encoder::TagSection::new();
            for (i, s) in self.syms.iter().enumerate() {
                if let Sym::Tag { ty, .. } = s {
                    defined_tag_of_sym[i] = ntags + tags.len();
                    tags.tag(wasm_encoder::TagType { kind: wasm_encoder::TagKind::Exception, func_type_idx: *ty });
                }
            }
            m.section(&tags);
            section_index += 1;
        }
        // Defined globals (after the imported ones in the index space).
        let mut defined_global_of_sym = vec![u32::MAX; self.syms.len()];
        if self.defines_globals() {
            let mut globals = wasm_encoder::GlobalSection::new();
            for (i, s) in self.syms.iter().enumerate() {
                if let Sym::Global { mutable, .. } = s {
                    defined_global_of_sym[i] = global_imports + globals.len();
                    globals.global(wasm_encoder::GlobalType { val_type: ValType::I32, mutable: *mutable, shared: false }, &ConstExpr::i32_const(0));
                }
            }
            m.section(&globals);
            section_index += 1;
        }
        if !self.exports.is_empty() {
            let mut exports = wasm_encoder::ExportSection::new();
            for (name, func) in &self.exports {
                exports.export(name, wasm_encoder::ExportKind::Func, nimports + func);
            }
            m.section(&exports);
            section_index += 1;
        }
        // Code section, raw so we know reloc offsets.
        let mut code = Vec::new();
        leb_u(&mut code, self.funcs.len() as u64);
        let mut code_relocs = Vec::new();
        for (_, body) in &self.funcs {
            leb_u(&mut code, body.bytes.len() as u64);
            let start = code.len() as u32;
            code.extend_from_slice(&body.bytes);
            for &(ty, off, sym, addend) in &body.relocs {
                let sym = if sym == INDIRECT_TABLE { indirect_table } else { sym };
                code_relocs.push((ty, start + off, sym, addend));
            }
        }
        let code_index = section_index;
        m.section(&RawSection { id: 10, data: &code });
        section_index += 1;
        let _ = CodeSection::new();
        let data_index = section_index;
        let mut data_relocs = Vec::new();
        if !self.segments.is_empty() {
            // Raw, so that relocation offsets are known: each segment is
            // flags 0, `i32.const 0; end` (`i64.const` in wasm64), size, bytes.
            let mut data = Vec::new();
            leb_u(&mut data, self.segments.len() as u64);
            let mut starts = Vec::new();
            for (_, bytes, _) in &self.segments {
                data.extend_from_slice(&[0, if self.wasm64 { 0x42 } else { 0x41 }, 0, 0x0b]);
                leb_u(&mut data, bytes.len() as u64);
                starts.push(data.len() as u32);
                data.extend_from_slice(bytes);
            }
            for &(ty, seg, off, sym, addend) in &self.data_relocs {
                data_relocs.push((ty, starts[seg as usize] + off, sym, addend));
            }
            m.section(&RawSection { id: 11, data: &data });
            section_index += 1;
        }
        let _ = (DataSection::new(), ConstExpr::i32_const(0));
        let first_custom = section_index;
        for (name, bytes, _) in &self.customs {
            m.section(&CustomSection { name: name.as_str().into(), data: bytes.as_slice().into() });
        }
        // linking
        let mut linking = vec![2u8];
        let mut symtab = Vec::new();
        leb_u(&mut symtab, self.syms.len() as u64 + takes_addresses as u64);
        for (i, s) in self.syms.iter().enumerate() {
            match s {
                Sym::Func { name, func, flags } => {
                    symtab.push(0);
                    leb_u(&mut symtab, *flags as u64);
                    leb_u(&mut symtab, (nimports + func) as u64);
                    name_(&mut symtab, name);
                }
                Sym::UndefFunc { flags, .. } => {
                    symtab.push(0);
                    leb_u(&mut symtab, *flags as u64);
                    leb_u(&mut symtab, import_of_sym[i] as u64);
                }
                Sym::UndefFuncAs { name, .. } => {
                    symtab.push(0);
                    leb_u(&mut symtab, (UNDEFINED | EXPLICIT_NAME) as u64);
                    leb_u(&mut symtab, import_of_sym[i] as u64);
                    name_(&mut symtab, name);
                }
                Sym::Data { name, segment, offset, size, flags } => {
                    symtab.push(1);
                    leb_u(&mut symtab, *flags as u64);
                    name_(&mut symtab, name);
                    leb_u(&mut symtab, *segment as u64);
                    leb_u(&mut symtab, *offset as u64);
                    leb_u(&mut symtab, *size as u64);
                }
                Sym::UndefData { name, flags } => {
                    symtab.push(1);
                    leb_u(&mut symtab, (*flags | UNDEFINED) as u64);
                    name_(&mut symtab, name);
                }
                Sym::UndefGlobal { .. } => {
                    symtab.push(2);
                    leb_u(&mut symtab, UNDEFINED as u64);
                    leb_u(&mut symtab, import_of_sym[i] as u64);
                }
                Sym::UndefGlobalI32 { flags, .. } => {
                    symtab.push(2);
                    leb_u(&mut symtab, (*flags | UNDEFINED) as u64);
                    leb_u(&mut symtab, import_of_sym[i] as u64);
                }
                Sym::UndefTag { flags, .. } => {
                    symtab.push(4);
                    leb_u(&mut symtab, (*flags | UNDEFINED) as u64);
                    leb_u(&mut symtab, import_of_sym[i] as u64);
                }
                Sym::Tag { name, flags, .. } => {
                    symtab.push(4);
                    leb_u(&mut symtab, *flags as u64);
                    leb_u(&mut symtab, defined_tag_of_sym[i] as u64);
                    name_(&mut symtab, name);
                }
                Sym::Global { name, flags, .. } => {
                    symtab.push(2);
                    leb_u(&mut symtab, *flags as u64);
                    leb_u(&mut symtab, defined_global_of_sym[i] as u64);
                    name_(&mut symtab, name);
                }
                Sym::UndefTable { flags, .. } => {
                    symtab.push(5);
                    leb_u(&mut symtab, (*flags | UNDEFINED) as u64);
                    leb_u(&mut symtab, import_of_sym[i] as u64);
                }
                Sym::Table { name, flags, .. } => {
                    symtab.push(5);
                    leb_u(&mut symtab, *flags as u64);
                    leb_u(&mut symtab, defined_table_of_sym[i] as u64);
                    name_(&mut symtab, name);
                }
                Sym::Section { section } => {
                    symtab.push(3);
                    leb_u(&mut symtab, LOCAL as u64);
                    leb_u(&mut symtab, *section as u64);
                }
            }
        }
        if takes_addresses {
            // The table symbol goes last, leaving the others' indexes alone.
            symtab.push(5);
            leb_u(&mut symtab, (UNDEFINED | NO_STRIP) as u64);
            leb_u(&mut symtab, 0);
        }
        subsection(&mut linking, 8, &symtab);
        if !self.segments.is_empty() {
            let mut info = Vec::new();
            leb_u(&mut info, self.segments.len() as u64);
            for (i, (name, _, align)) in self.segments.iter().enumerate() {
                name_(&mut info, name);
                leb_u(&mut info, *align as u64);
                leb_u(&mut info, self.segment_flags.get(i).copied().unwrap_or(0) as u64);
            }
            subsection(&mut linking, 5, &info);
        }
        if !self.init_funcs.is_empty() {
            let mut inits = Vec::new();
            leb_u(&mut inits, self.init_funcs.len() as u64);
            for (prio, sym) in &self.init_funcs {
                leb_u(&mut inits, *prio as u64);
                leb_u(&mut inits, *sym as u64);
            }
            subsection(&mut linking, 6, &inits);
        }
        if !self.comdats.is_empty() {
            let mut c = Vec::new();
            leb_u(&mut c, self.comdats.len() as u64);
            for (name, members) in &self.comdats {
                name_(&mut c, name);
                leb_u(&mut c, 0); // flags
                leb_u(&mut c, members.len() as u64);
                for &(kind, index) in members {
                    c.push(kind);
                    leb_u(&mut c, index as u64);
                }
            }
            subsection(&mut linking, 7, &c);
        }
        m.section(&CustomSection { name: "linking".into(), data: linking.as_slice().into() });
        let reloc_section = |m: &mut Module, name: &str, target: u32, relocs: &[(u8, u32, u32, i32)]| {
            let mut r = Vec::new();
            leb_u(&mut r, target as u64);
            leb_u(&mut r, relocs.len() as u64);
            for &(ty, off, sym, addend) in relocs {
                r.push(ty);
                leb_u(&mut r, off as u64);
                leb_u(&mut r, sym as u64);
                if has_addend(ty) {
                    leb_s(&mut r, addend as i64);
                }
            }
            m.section(&CustomSection { name: format!("reloc.{name}").into(), data: r.as_slice().into() });
        };
        if !code_relocs.is_empty() {
            reloc_section(&mut m, "CODE", code_index, &code_relocs);
        }
        if !data_relocs.is_empty() {
            reloc_section(&mut m, "DATA", data_index, &data_relocs);
        }
        for (i, (name, _, relocs)) in self.customs.iter().enumerate() {
            if !relocs.is_empty() {
                reloc_section(&mut m, name, first_custom + i as u32, relocs);
            }
        }
        if !self.features.is_empty() {
            let mut f = Vec::new();
            leb_u(&mut f, self.features.len() as u64);
            for name in &self.features {
                f.push(b'+');
                name_(&mut f, name);
            }
            m.section(&CustomSection { name: "target_features".into(), data: f.as_slice().into() });
        }
        m.finish()
    }
}

fn subsection(out: &mut Vec<u8>, id: u8, data: &[u8]) {
    out.push(id);
    leb_u(out, data.len() as u64);
    out.extend_from_slice(data);
}

fn name_(out: &mut Vec<u8>, s: &str) {
    leb_u(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub fn leb_u(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

pub fn leb_s(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0);
        out.push(if done { b } else { b | 0x80 });
        if done {
            return;
        }
    }
}

/// A shared library (DynamicLinking.md) as a link reads one: a `dylink.0` section first (its
/// memory and table needs), the memory, `__memory_base` and `__table_base` it imports, and its
/// exports: functions of type 0 or 1 (`() -> ()`, `() -> i32`, as `Obj::new` numbers them) and
/// immutable i32 globals, each a data symbol's address relative to `__memory_base`, in the one
/// data segment (as LLVM's reader, which takes each for a data symbol, expects).
pub fn shared_library(funcs: &[(String, u32)], data: &[(String, u32)]) -> Vec<u8> {
    use wasm_encoder::{ExportKind, ExportSection, Function, GlobalSection, GlobalType, Instruction};
    let mut m = Module::new();
    let mut dylink = Vec::new();
    let mem_size = data.iter().map(|&(_, at)| at + 4).max().unwrap_or(0);
    let mut mem_info = Vec::new();
    for field in [mem_size, 2, 0, 0] {
        leb_u(&mut mem_info, field as u64);
    }
    dylink.push(1); // WASM_DYLINK_MEM_INFO
    leb_u(&mut dylink, mem_info.len() as u64);
    dylink.extend(mem_info);
    m.section(&CustomSection { name: "dylink.0".into(), data: dylink.into() });
    let mut types = TypeSection::new();
    types.ty().function([], []);
    types.ty().function([], [ValType::I32]);
    m.section(&types);
    let mut imports = ImportSection::new();
    imports.import("env", "memory", EntityType::Memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None }));
    for base in ["__memory_base", "__table_base"] {
        imports.import("env", base, EntityType::Global(GlobalType { val_type: ValType::I32, mutable: false, shared: false }));
    }
    m.section(&imports);
    let mut functions = FunctionSection::new();
    for &(_, ty) in funcs {
        functions.function(ty);
    }
    m.section(&functions);
    let mut globals = GlobalSection::new();
    for &(_, at) in data {
        globals.global(GlobalType { val_type: ValType::I32, mutable: false, shared: false }, &ConstExpr::i32_const(at as i32));
    }
    m.section(&globals);
    let mut exports = ExportSection::new();
    for (i, (name, _)) in funcs.iter().enumerate() {
        exports.export(name, ExportKind::Func, i as u32);
    }
    // (The two imported bases come first in the global index space.)
    for (i, (name, _)) in data.iter().enumerate() {
        exports.export(name, ExportKind::Global, 2 + i as u32);
    }
    m.section(&exports);
    let mut code = CodeSection::new();
    for &(_, ty) in funcs {
        let mut f = Function::new([]);
        if ty == 1 {
            f.instruction(&Instruction::I32Const(7));
        }
        f.instruction(&Instruction::End);
        code.function(&f);
    }
    m.section(&code);
    let mut segments = DataSection::new();
    segments.active(0, &ConstExpr::global_get(0), vec![1; mem_size as usize]);
    m.section(&segments);
    m.finish()
}

/// Appends an `ar` member: its 60-byte header, `prefix` (a BSD long name) and `data`, padded to
/// an even size.
fn push_member(out: &mut Vec<u8>, header_name: &str, prefix: &[u8], data: &[u8]) {
    let size = prefix.len() + data.len();
    let header = format!("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", header_name, 0, 0, 0, 644, size);
    assert_eq!(header.len(), 60);
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(prefix);
    out.extend_from_slice(data);
    if size % 2 == 1 {
        out.push(b'\n');
    }
}

/// A GNU `ar` archive without a symbol index.
pub fn archive(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = b"!<arch>\n".to_vec();
    for (name, data) in members {
        push_member(&mut out, &format!("{name}/"), &[], data);
    }
    out
}

/// A GNU `ar` archive with a symbol index (the `/` member, as `llvm-ar` writes it): each member
/// with the names it offers, which need not be what its bytes define.
pub fn indexed_archive(members: &[(&str, &[u8], &[&str])]) -> Vec<u8> {
    let names: Vec<(&str, usize)> = members.iter().enumerate().flat_map(|(i, m)| m.2.iter().map(move |n| (*n, i))).collect();
    let index_size = 4 + 4 * names.len() + names.iter().map(|(n, _)| n.len() + 1).sum::<usize>();
    // (Each member's header is at its offset: after the magic, the index and the members before.)
    let mut at = 8 + 60 + index_size + index_size % 2;
    let mut offsets = Vec::new();
    for (_, data, _) in members {
        offsets.push(at as u32);
        at += 60 + data.len() + data.len() % 2;
    }
    let mut index = (names.len() as u32).to_be_bytes().to_vec();
    index.extend(names.iter().flat_map(|&(_, m)| offsets[m].to_be_bytes()));
    for (n, _) in &names {
        index.extend(n.as_bytes());
        index.push(0);
    }
    let mut out = b"!<arch>\n".to_vec();
    push_member(&mut out, "/", &[], &index);
    for (name, data, _) in members {
        push_member(&mut out, &format!("{name}/"), &[], data);
    }
    out
}

/// A BSD `ar` archive (`#1/len` long names, no symbol index), as macOS tools write.
pub fn bsd_archive(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = b"!<arch>\n".to_vec();
    for (name, data) in members {
        push_member(&mut out, &format!("#1/{}", name.len()), name.as_bytes(), data);
    }
    out
}

/// Links named files (object or archive bytes) with the given flags, the
/// file names appended as wasm-ld's command line would have them.
pub fn link(files: &[(&str, Vec<u8>)], flags: &[&str]) -> Result<wasmlink::Output, Vec<wasmlink::Diagnostic>> {
    let inputs: Vec<wasmlink::InputFile> =
        files.iter().map(|(n, b)| wasmlink::InputFile { name: n.to_string(), bytes: b.clone() }).collect();
    let mut args: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
    args.extend(files.iter().map(|(n, _)| n.to_string()));
    wasmlink::link_args(&args, &inputs)
}

/// The errors of a link that must fail (its warnings left out).
pub fn errors(r: Result<wasmlink::Output, Vec<wasmlink::Diagnostic>>) -> Vec<wasmlink::Diagnostic> {
    match r {
        Ok(_) => panic!("link unexpectedly succeeded"),
        Err(d) => d.into_iter().filter(|d| d.severity == wasmlink::Severity::Error).collect(),
    }
}
