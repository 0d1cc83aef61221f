//! `__wasm_start`: the start function when two things must run before anything else: the GOT
//! relocations of a PIC module, then the copying of its passive data.

use wasm_encoder::{Function, Instruction};

use crate::layout::Layout;

pub fn body(l: &Layout) -> Function {
    let mut f = Function::new([]);
    for g in [l.funcs.apply_global_relocs, l.funcs.init_memory].into_iter().flatten() {
        f.instruction(&Instruction::Call(g.as_u32()));
    }
    f.instruction(&Instruction::End);
    f
}
