//! `NAME.command_export` (wasm-ld's command-export wrappers): constructors, the export
//! itself, destructors.

use wasm_encoder::{Function, Instruction};

use crate::layout::Layout;
use crate::resolve::SymbolId;

pub fn body(l: &Layout, id: SymbolId) -> Function {
    let mut f = Function::new([]);
    if let Some(c) = l.funcs.call_ctors {
        f.instruction(&Instruction::Call(c.as_u32()));
    }
    let target = l.place.func(id).expect("exported function has an index");
    let nparams = l.funcs.type_of(target).map_or(0, |ty| l.types.list[ty].params().len());
    for i in 0..nparams {
        f.instruction(&Instruction::LocalGet(i as u32));
    }
    f.instruction(&Instruction::Call(target.as_u32()));
    if let Some(d) = l.funcs.call_dtors {
        f.instruction(&Instruction::Call(d.as_u32()));
    }
    f.instruction(&Instruction::End);
    f
}
