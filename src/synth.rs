//! Synthesize phase: bodies of the functions the linker makes. Each returns
//! a complete code-section entry (size prefix included).

use wasm_encoder::{Encode, Function, Instruction};

use crate::layout::{Layout, OutFunction};
use crate::resolve::SymbolTable;

/// Code entry of output function `f`, or `None` for input functions.
pub fn body(f: OutFunction, t: &SymbolTable, l: &Layout) -> Option<Vec<u8>> {
    let func = match f {
        OutFunction::Input { .. } => return None,
        OutFunction::CallCtors => call_ctors(l),
        OutFunction::Stub(_) => unreachable_body(),
        OutFunction::CommandExport(id) => command_export(t, l, id),
    };
    let mut out = Vec::new();
    func.encode(&mut out);
    Some(out)
}

/// `__wasm_call_ctors`: every live constructor, by priority.
fn call_ctors(l: &Layout) -> Function {
    let mut f = Function::new([]);
    for &c in &l.ctors {
        f.instruction(&Instruction::Call(c));
        // Constructors may return a value (e.g. an `int` C function): drop it.
        if let Some(ty) = l.func_type(c)
            && !l.types[ty as usize].results().is_empty()
        {
            for _ in l.types[ty as usize].results() {
                f.instruction(&Instruction::Drop);
            }
        }
    }
    f.instruction(&Instruction::End);
    f
}

/// Trapping stand-in for an undefined or mismatched function.
fn unreachable_body() -> Function {
    let mut f = Function::new([]);
    f.instruction(&Instruction::Unreachable);
    f.instruction(&Instruction::End);
    f
}

/// `NAME.command_export`: constructors, the export itself, destructors.
fn command_export(t: &SymbolTable, l: &Layout, id: crate::resolve::SymbolId) -> Function {
    let mut f = Function::new([]);
    if let Some(c) = l.call_ctors {
        f.instruction(&Instruction::Call(c));
    }
    let target = l.func_index(t, crate::gc::FuncRef::Symbol(id)).expect("exported function has an index");
    let nparams = l.func_type(target).map(|ty| l.types[ty as usize].params().len()).unwrap_or(0);
    for i in 0..nparams {
        f.instruction(&Instruction::LocalGet(i as u32));
    }
    f.instruction(&Instruction::Call(target));
    if let Some(d) = l.call_dtors {
        f.instruction(&Instruction::Call(d));
    }
    f.instruction(&Instruction::End);
    f
}
