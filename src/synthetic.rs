//! The registry of linker-made symbols: one table, one place to look. Each row says what the
//! symbol is (kind, and for globals mutability), when it exists, and whether GC keeps it.
//!
//! Adding one: add a `Synth` variant and an `ALL` row, then give it a value in `layout`
//! (addresses, global values, function indexes) and, for a function, a body in `synth/`.

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::input::object::SymKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Synth {
    // Globals.
    StackPointer,
    TlsBase,
    TlsSize,
    TlsAlign,
    /// Non-PIC output: 0. Objects built PIC-style (rustc's crt1) add it to
    /// MEMORY_ADDR_REL values.
    MemoryBase,
    /// Non-PIC output: `--table-base`.
    TableBase,
    // Tables.
    IndirectFunctionTable,
    // Functions.
    CallCtors,
    InitTls,
    /// `__wasm_init_memory`: the start function that copies passive segments in.
    InitMemory,
    /// `__wasm_apply_data_relocs` (PIC): writes the addresses data holds, once the loader has
    /// placed the module. Exported; the loader calls it.
    ApplyDataRelocs,
    /// `__wasm_apply_global_relocs` (PIC): points the internal GOT entries at their targets.
    ApplyGlobalRelocs,
    /// `__wasm_apply_global_tls_relocs` / `__wasm_apply_tls_relocs` (with threads): the same
    /// for a thread's TLS block, called from `__wasm_init_tls` (at a fixed address the latter
    /// has nothing to do but for `import-dynamic`, and lld makes it all the same).
    ApplyGlobalTlsRelocs,
    ApplyTlsRelocs,
    /// `__wasm_start`: the start function when there are two things to start with.
    Start,
    // Data addresses.
    HeapBase,
    HeapEnd,
    DataEnd,
    DsoHandle,
    GlobalBase,
    StackLow,
    StackHigh,
    /// `__rodata_start` / `__rodata_end` (LLD 23): the `.rodata` output segments' span, or 0.
    RodataStart,
    RodataEnd,
    /// `__wasm_first_page_end` (LLD 21): the end of the first page, `--page-size` (absolute).
    FirstPageEnd,
    /// `__wasm_init_memory_flag`: the word `__wasm_init_memory` races on (shared memory).
    InitMemoryFlag,
    /// `__start_SEC` / `__stop_SEC`: the section is the symbol's name.
    StartStop { stop: bool },
}

/// Whether a linker-made global can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutability {
    Immutable,
    Mutable,
    /// Mutable with `--shared-memory` (each thread sets its own), else a constant.
    PerThread,
}

/// When a row's symbol is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// Always, before the inputs are read: an input's definition clashes with it.
    Always,
    /// When an input references it (and no input defines it).
    OnReference,
    /// When an input references it, and only in a module at a fixed address (not PIC): the
    /// stack and heap bounds, the global base.
    OnReferenceNotPic,
    /// As `OnReferenceNotPic`, and neither in a shared library (`__data_end`).
    OnReferenceNotShared,
    /// With `--shared-memory`, before the inputs (the TLS machinery); otherwise a constant
    /// `__tls_base` is all there is.
    WithSharedMemory,
    /// In PIC output or with `--unresolved-symbols=import-dynamic`, before the inputs
    /// (`__wasm_apply_data_relocs`: addresses in data the loader provides).
    WithDynamicRelocs,
    /// Never bound to an input's reference: it only names what the linker writes.
    Never,
}

pub struct SynthDef {
    pub name: &'static str,
    pub kind: SymKind,
    pub synth: Synth,
    pub made: Made,
    pub mutability: Mutability,
}

impl SynthDef {
    /// lld creates these before it reads the inputs, so an input's definition clashes with
    /// them (the others defer to a definition).
    pub fn made_before_inputs(&self, config: &Config) -> bool {
        match self.made {
            Made::Always => true,
            Made::WithSharedMemory => config.shared_memory,
            Made::WithDynamicRelocs => config.dynamic_relocs(),
            // PIC imports its bases from the loader, before the inputs.
            Made::OnReference => config.is_pic() && self.imported_in_pic(),
            Made::OnReferenceNotPic | Made::OnReferenceNotShared | Made::Never => false,
        }
    }

    /// Whether lld has its own *definition* of it before reading the inputs, so that an
    /// archive's offer of the name is dropped (lld's `addLazy` skips defined symbols). Not the
    /// table, which lld makes after the inputs, nor what PIC imports: lld makes those
    /// undefined, and takes an offer of one at once.
    pub fn defined_before_inputs(&self, config: &Config) -> bool {
        self.applies(config)
            && self.made_before_inputs(config)
            && self.synth != Synth::IndirectFunctionTable
            && !(config.is_pic() && self.imported_in_pic())
    }

    /// Whether references to the name bind to this row in this configuration.
    pub fn applies(&self, config: &Config) -> bool {
        // Relocatable output is not a module yet: the linker makes nothing but the indirect
        // function table it may need to import.
        if config.kind == crate::config::OutputKind::Relocatable {
            return self.synth == Synth::IndirectFunctionTable;
        }
        match self.made {
            Made::Always | Made::OnReference => true,
            Made::OnReferenceNotPic => !config.is_pic(),
            Made::OnReferenceNotShared => config.kind != crate::config::OutputKind::SharedLibrary,
            // `__tls_base` is made either way; its companions only with threads.
            Made::WithSharedMemory => config.shared_memory || self.synth == Synth::TlsBase,
            Made::WithDynamicRelocs => config.dynamic_relocs(),
            Made::Never => false,
        }
    }

    /// Whether it is defined even when nothing references it (it may be exported).
    pub fn always(&self, config: &Config) -> bool {
        if !self.applies(config) {
            return false;
        }
        match self.made {
            Made::Always => true,
            Made::WithDynamicRelocs => config.dynamic_relocs(),
            Made::WithSharedMemory => config.shared_memory,
            Made::OnReference => config.is_pic() && self.imported_in_pic(),
            _ => false,
        }
    }

    /// wasm-ld 19's optional data symbols (`addOptionalDataSymbol`), which `--export-all`
    /// makes even when nothing references them.
    pub fn optional_data(&self) -> bool {
        matches!(
            self.synth,
            Synth::DsoHandle | Synth::DataEnd | Synth::StackLow | Synth::StackHigh | Synth::GlobalBase | Synth::HeapBase | Synth::HeapEnd
        )
    }

    /// A position-independent module imports these from its loader (`env`) rather than
    /// defining them: the stack pointer, and the bases its data and table slots are relative to.
    pub fn imported_in_pic(&self) -> bool {
        matches!(self.synth, Synth::StackPointer | Synth::MemoryBase | Synth::TableBase)
    }

    /// Exported whenever it exists (`__wasm_apply_data_relocs`, which the loader calls).
    pub fn exported(&self) -> bool {
        self.synth == Synth::ApplyDataRelocs
    }

    /// The type of a global it is: of the address width, mutable or not as it is made.
    pub fn global_type(&self, config: &Config) -> wasmparser::GlobalType {
        wasmparser::GlobalType { content_type: config.width.ptr_type(), mutable: self.is_mutable(config), shared: false }
    }

    pub fn is_mutable(&self, config: &Config) -> bool {
        match self.mutability {
            Mutability::Immutable => false,
            Mutability::Mutable => true,
            Mutability::PerThread => config.shared_memory,
        }
    }
}

const fn def(name: &'static str, kind: SymKind, synth: Synth, made: Made) -> SynthDef {
    SynthDef { name, kind, synth, made, mutability: Mutability::Immutable }
}

const fn global(name: &'static str, synth: Synth, made: Made, mutability: Mutability) -> SynthDef {
    SynthDef { name, kind: SymKind::Global, synth, made, mutability }
}

/// Every linker-made symbol. Globals are laid out in this order.
pub static ALL: &[SynthDef] = &[
    global("__stack_pointer", Synth::StackPointer, Made::Always, Mutability::Mutable),
    global("__tls_base", Synth::TlsBase, Made::WithSharedMemory, Mutability::PerThread),
    global("__tls_size", Synth::TlsSize, Made::WithSharedMemory, Mutability::Immutable),
    global("__tls_align", Synth::TlsAlign, Made::WithSharedMemory, Mutability::Immutable),
    global("__memory_base", Synth::MemoryBase, Made::OnReference, Mutability::Immutable),
    global("__table_base", Synth::TableBase, Made::OnReference, Mutability::Immutable),
    def(INDIRECT_FUNCTION_TABLE, SymKind::Table, Synth::IndirectFunctionTable, Made::Always),
    def("__wasm_call_ctors", SymKind::Function, Synth::CallCtors, Made::Always),
    def("__wasm_init_tls", SymKind::Function, Synth::InitTls, Made::WithSharedMemory),
    def("__wasm_apply_data_relocs", SymKind::Function, Synth::ApplyDataRelocs, Made::WithDynamicRelocs),
    def("__wasm_init_memory", SymKind::Function, Synth::InitMemory, Made::Never),
    def("__wasm_apply_global_tls_relocs", SymKind::Function, Synth::ApplyGlobalTlsRelocs, Made::Never),
    def("__wasm_apply_tls_relocs", SymKind::Function, Synth::ApplyTlsRelocs, Made::Never),
    def("__wasm_apply_global_relocs", SymKind::Function, Synth::ApplyGlobalRelocs, Made::Never),
    def("__wasm_start", SymKind::Function, Synth::Start, Made::Never),
    // Data addresses in the order wasm-ld 19 makes them (`createOptionalSymbols`), which is
    // their symbol-table and so their export order.
    def("__dso_handle", SymKind::Data, Synth::DsoHandle, Made::OnReference),
    def("__data_end", SymKind::Data, Synth::DataEnd, Made::OnReferenceNotShared),
    def("__stack_low", SymKind::Data, Synth::StackLow, Made::OnReferenceNotPic),
    def("__stack_high", SymKind::Data, Synth::StackHigh, Made::OnReferenceNotPic),
    def("__global_base", SymKind::Data, Synth::GlobalBase, Made::OnReferenceNotPic),
    def("__heap_base", SymKind::Data, Synth::HeapBase, Made::OnReferenceNotPic),
    def("__heap_end", SymKind::Data, Synth::HeapEnd, Made::OnReferenceNotPic),
    def("__wasm_first_page_end", SymKind::Data, Synth::FirstPageEnd, Made::OnReference),
    def("__rodata_start", SymKind::Data, Synth::RodataStart, Made::OnReference),
    def("__rodata_end", SymKind::Data, Synth::RodataEnd, Made::OnReference),
    def(INIT_MEMORY_FLAG, SymKind::Data, Synth::InitMemoryFlag, Made::Never),
];

/// What lld's `createSyntheticSymbols` makes before it reads any input, in its order (the order
/// of their `-y` lines and of the symbol table the exports follow); each only where it applies.
pub const MADE_BEFORE_INPUTS: [Synth; 9] = [
    Synth::CallCtors,
    Synth::StackPointer,
    Synth::MemoryBase,
    Synth::TableBase,
    Synth::TlsBase,
    Synth::TlsSize,
    Synth::TlsAlign,
    Synth::InitTls,
    Synth::ApplyDataRelocs,
];

/// The table that function addresses index.
pub const INDIRECT_FUNCTION_TABLE: &str = "__indirect_function_table";

/// A reference names the table as another kind of symbol (lld's words).
pub fn table_kind_error() -> Diagnostic {
    Diagnostic::error(format!("reserved symbol must be of type table: `{INDIRECT_FUNCTION_TABLE}`")).symbol(INDIRECT_FUNCTION_TABLE)
}

/// An input defines the table, which only the linker may (lld's words).
pub fn table_defined_error() -> Diagnostic {
    Diagnostic::error(format!("reserved symbol must not be defined in input files: `{INDIRECT_FUNCTION_TABLE}`")).symbol(INDIRECT_FUNCTION_TABLE)
}

/// The word `__wasm_init_memory` races on, which the layout makes with shared memory.
pub const INIT_MEMORY_FLAG: &str = "__wasm_init_memory_flag";

/// Whether the layout may make `INIT_MEMORY_FLAG`: with shared memory, in a final link (where
/// data segments need `__wasm_init_memory`). Elsewhere `--export` of it is not found at once.
pub fn init_memory_flag_possible(config: &Config) -> bool {
    config.shared_memory && config.kind != crate::config::OutputKind::Relocatable
}

/// `[A-Za-z_][A-Za-z0-9_]*`: a segment name C code can spell `__start_` and `__stop_` after
/// (only such segments have them).
pub fn is_c_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The registry row of a linker-made symbol.
pub fn lookup(synth: Synth) -> Option<&'static SynthDef> {
    ALL.iter().find(|d| d.synth == synth)
}

/// The name of a linker-made symbol (`__start_`/`__stop_` ones are named by their section).
pub fn name(synth: Synth) -> &'static str {
    lookup(synth).map_or("", |d| d.name)
}

/// Not made by the linker but looked for by name: the inputs' destructor runner, which
/// wasm-ld's command-export wrappers call after the export.
pub const CALL_DTORS: &str = "__wasm_call_dtors";

/// Kept by GC whether used or not: wasm-ld 19 keeps `__stack_pointer` in every module at a
/// fixed address, and imports the bases of a position-independent one.
pub fn always_live(config: &Config) -> &'static [Synth] {
    if config.kind == crate::config::OutputKind::Relocatable {
        return &[];
    }
    if config.is_pic() { &[Synth::MemoryBase, Synth::TableBase, Synth::ApplyDataRelocs] } else { &[Synth::StackPointer] }
}
