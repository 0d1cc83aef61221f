//! `__wasm_apply_global_relocs` (the start of a PIC module): each internal GOT entry gets its
//! target's address, `__memory_base` + the data's offset or `__table_base` + the function's slot.
//! `__wasm_apply_global_tls_relocs` (called by `__wasm_init_tls`, in each thread) does the same
//! for thread-local data, from `__tls_base`. In PIC output without shared memory the TLS block is
//! data like any other: `__wasm_apply_global_relocs` sets `__tls_base` too, first, and is made
//! for it alone where no GOT entry needs it (`Layout::tls_in_data`; with extended-const there is
//! none: the initializers add `__memory_base`).

use wasm_encoder::{Function, Instruction};

use super::{ptr_add, ptr_const};
use crate::input::object::SymKind;
use crate::layout::Layout;
use crate::resolve::SymbolTable;
use crate::scan::Scan;
use crate::synthetic::Synth;

pub fn body(t: &SymbolTable, scan: &Scan, l: &Layout, tls: bool) -> Function {
    let mut f = Function::new([]);
    let w = l.width;
    // PIC without shared memory: the TLS block is data, at `__memory_base` + its offset
    // (`Layout::tls_in_data`); `__tls_base` first, since nothing else sets it.
    if !tls
        && l.tls_in_data
        && let (Some(&tls_base), Some(memory_base)) = (l.globals.synthetic.get(&Synth::TlsBase), l.base_global(t, Synth::MemoryBase))
    {
        f.instruction(&Instruction::GlobalGet(memory_base.as_u32()));
        ptr_const(&mut f, w, l.memory.tls_base);
        ptr_add(&mut f, w);
        f.instruction(&Instruction::GlobalSet(tls_base.as_u32()));
    }
    for &id in &scan.got {
        let Some(got) = l.place.got(id) else { continue };
        let is_tls = l.got_per_thread(t, scan, id);
        if is_tls != tls {
            continue;
        }
        let (base, offset) = if scan.stub(id).is_some() {
            continue; // a missing function: its entry stays the null pointer
        } else if t.sym(id).kind == SymKind::Function {
            let Some(slot) = l.place.func(id).and_then(|func| l.table.index_of(func)) else { continue };
            (Synth::TableBase, slot)
        } else if let Some(addr) = l.place.addr(id) {
            if tls { (Synth::TlsBase, addr - l.memory.tls_base) } else { (Synth::MemoryBase, addr) }
        } else {
            continue; // undefined data: 0
        };
        let Some(base) = l.base_global(t, base) else { continue };
        f.instruction(&Instruction::GlobalGet(base.as_u32()));
        ptr_const(&mut f, w, offset);
        ptr_add(&mut f, w);
        f.instruction(&Instruction::GlobalSet(got.as_u32()));
    }
    f.instruction(&Instruction::End);
    f
}
