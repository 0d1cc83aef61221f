//! `__wasm_call_ctors`: every live constructor, by priority.

use wasm_encoder::{Function, Instruction};

use crate::layout::Layout;

pub fn body(l: &Layout) -> Function {
    let mut f = Function::new([]);
    for &c in &l.ctors {
        f.instruction(&Instruction::Call(c.as_u32()));
        // Constructors may return a value (e.g. an `int` C function): drop it.
        if let Some(ty) = l.funcs.type_of(c) {
            for _ in l.types.list[ty].results() {
                f.instruction(&Instruction::Drop);
            }
        }
    }
    f.instruction(&Instruction::End);
    f
}
