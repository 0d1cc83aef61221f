//! A trapping stand-in for an undefined or mismatched function (`undefined_weak:NAME`,
//! `signature_mismatch:NAME`, `undefined_stub`).

use wasm_encoder::{Function, Instruction};

pub fn body() -> Function {
    let mut f = Function::new([]);
    f.instruction(&Instruction::Unreachable);
    f.instruction(&Instruction::End);
    f
}
