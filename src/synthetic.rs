//! The registry of linker-made symbols: one table, one place to look.
//!
//! Adding one: add a `Synth` variant and an `ALL` row, then give it a value
//! in `layout` (addresses, global values, function indexes) and, for a
//! function, a body in `synth`.

use crate::config::Config;
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
    /// `__start_SEC` / `__stop_SEC`: the section is the symbol's name.
    StartStop { stop: bool },
}

pub struct SynthDef {
    pub name: &'static str,
    pub kind: SymKind,
    pub synth: Synth,
    /// Defined even when nothing references it (it may be exported).
    pub always: bool,
}

impl SynthDef {
    /// Without shared memory `__tls_base` is a constant pointing at the one
    /// TLS block, and the rest of the TLS machinery does not exist (as in
    /// wasm-ld).
    /// lld creates these before it reads the inputs, so an input's
    /// definition clashes with them (the others defer to a definition).
    pub fn made_before_inputs(&self, config: &Config) -> bool {
        self.always || config.shared_memory && matches!(self.synth, Synth::TlsBase | Synth::TlsSize | Synth::TlsAlign | Synth::InitTls)
    }

    pub fn applies(&self, config: &Config) -> bool {
        match self.synth {
            Synth::TlsSize | Synth::TlsAlign | Synth::InitTls => config.shared_memory,
            _ => true,
        }
    }
}

const fn def(name: &'static str, kind: SymKind, synth: Synth, always: bool) -> SynthDef {
    SynthDef { name, kind, synth, always }
}

pub static ALL: &[SynthDef] = &[
    def("__stack_pointer", SymKind::Global, Synth::StackPointer, true),
    def("__tls_base", SymKind::Global, Synth::TlsBase, false),
    def("__tls_size", SymKind::Global, Synth::TlsSize, false),
    def("__tls_align", SymKind::Global, Synth::TlsAlign, false),
    def("__memory_base", SymKind::Global, Synth::MemoryBase, false),
    def("__table_base", SymKind::Global, Synth::TableBase, false),
    def("__indirect_function_table", SymKind::Table, Synth::IndirectFunctionTable, true),
    def("__wasm_call_ctors", SymKind::Function, Synth::CallCtors, true),
    def("__wasm_init_tls", SymKind::Function, Synth::InitTls, false),
    def("__heap_base", SymKind::Data, Synth::HeapBase, false),
    def("__heap_end", SymKind::Data, Synth::HeapEnd, false),
    def("__data_end", SymKind::Data, Synth::DataEnd, false),
    def("__dso_handle", SymKind::Data, Synth::DsoHandle, false),
    def("__global_base", SymKind::Data, Synth::GlobalBase, false),
    def("__stack_low", SymKind::Data, Synth::StackLow, false),
    def("__stack_high", SymKind::Data, Synth::StackHigh, false),
    def("__wasm_first_page_end", SymKind::Data, Synth::FirstPageEnd, false),
    def("__rodata_start", SymKind::Data, Synth::RodataStart, false),
    def("__rodata_end", SymKind::Data, Synth::RodataEnd, false),
];
