//! Synthesize phase: the bodies of the functions the linker makes, one file each, built with
//! `wasm_encoder::Function` once layout has fixed every index and address. Each body is a
//! complete code-section entry (size prefix included).

mod apply_data_relocs;
mod apply_global_relocs;
mod call_ctors;
mod command_export;
mod init_memory;
mod init_tls;
mod start;
mod stub;

use wasm_encoder::{Encode, Function, Instruction};

use crate::config::AddressWidth;

use crate::index::{OutDefFunc, SecondaryMap};
use crate::layout::{Layout, OutFunction};
use crate::resolve::SymbolTable;
use crate::scan::Scan;

/// The code entries of the linker-made functions, by output function.
pub struct Bodies {
    entries: SecondaryMap<OutDefFunc, Vec<u8>>,
}

impl Bodies {
    /// The code entry of a linker-made function (empty for an input's).
    pub fn entry(&self, f: OutDefFunc) -> &[u8] {
        &self.entries[f]
    }
}

/// An address constant: `i32.const`, or `i64.const` in wasm64.
fn ptr_const(f: &mut Function, width: AddressWidth, v: u64) {
    f.instruction(&if width.is64() { Instruction::I64Const(v as i64) } else { Instruction::I32Const(v as i32) });
}

/// Adds two addresses.
fn ptr_add(f: &mut Function, width: AddressWidth) {
    f.instruction(&if width.is64() { Instruction::I64Add } else { Instruction::I32Add });
}

pub fn run(t: &SymbolTable, scan: &Scan, l: &Layout) -> Bodies {
    let mut entries = SecondaryMap::with_capacity(l.funcs.defined.len());
    for (i, &f) in l.funcs.defined.iter() {
        let func = match f {
            OutFunction::Input { .. } => continue,
            OutFunction::CallCtors => call_ctors::body(l),
            OutFunction::InitMemory => init_memory::body(t, l),
            OutFunction::InitTls => init_tls::body(t, l),
            OutFunction::ApplyDataRelocs => apply_data_relocs::body(t, scan, l, apply_data_relocs::Which::Data),
            OutFunction::ApplyTlsRelocs => apply_data_relocs::body(t, scan, l, apply_data_relocs::Which::Tls),
            OutFunction::ApplyGlobalRelocs => apply_global_relocs::body(t, scan, l, false),
            OutFunction::ApplyGlobalTlsRelocs => apply_global_relocs::body(t, scan, l, true),
            OutFunction::Start => start::body(l),
            OutFunction::Stub(_) => stub::body(),
            OutFunction::CommandExport(id) => command_export::body(l, id),
        };
        let mut out = Vec::new();
        func.encode(&mut out);
        entries[i] = out;
    }
    Bodies { entries }
}
