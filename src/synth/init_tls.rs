//! `__wasm_init_tls(ptr)`: this thread's TLS block at `ptr`, copied from `.tdata` (which
//! includes the zeroes of `.tbss`), and `__tls_base` pointed at it. In a PIC module it then
//! relocates the block and the TLS GOT entries for this thread.

use wasm_encoder::{Function, Instruction};

use crate::layout::Layout;
use crate::resolve::SymbolTable;
use crate::synthetic::Synth;

pub fn body(_t: &SymbolTable, l: &Layout) -> Function {
    let mut f = Function::new([]);
    let indexes = l.memory.data_indexes();
    let tls = l.memory.segments.iter().find(|(_, s)| s.is_tls);
    if let (Some((i, s)), Some(&g)) = (tls, l.globals.synthetic.get(&Synth::TlsBase))
        && let Some(index) = indexes[i]
    {
        f.instruction(&Instruction::LocalGet(0));
        f.instruction(&Instruction::GlobalSet(g.as_u32()));
        f.instruction(&Instruction::LocalGet(0));
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(s.size as i32));
        f.instruction(&Instruction::MemoryInit { mem: 0, data_index: index });
    }
    for g in [l.funcs.apply_tls_relocs, l.funcs.apply_global_tls_relocs].into_iter().flatten() {
        f.instruction(&Instruction::Call(g.as_u32()));
    }
    f.instruction(&Instruction::End);
    f
}
