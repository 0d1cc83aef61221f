//! Synthesize phase: bodies of the functions the linker makes. Each returns
//! a complete code-section entry (size prefix included).

use wasm_encoder::{BlockType, Encode, Function, Instruction, MemArg, MemArgTarget};

use crate::synthetic::Synth;

use crate::layout::{Layout, OutFunction};
use crate::resolve::SymbolTable;

/// Code entry of output function `f`, or `None` for input functions.
pub fn body(f: OutFunction, t: &SymbolTable, l: &Layout) -> Option<Vec<u8>> {
    let func = match f {
        OutFunction::Input { .. } => return None,
        OutFunction::CallCtors => call_ctors(l),
        OutFunction::InitMemory => init_memory(l),
        OutFunction::InitTls => init_tls(l),
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

const FLAG: MemArg = MemArg { offset: 0, align: 2, target: MemArgTarget::Memory(0), ordering: None };

/// `__wasm_init_memory`, as wasm-ld writes it. With shared memory the first
/// thread to move the flag 0 -> 1 copies every passive segment in (and
/// points the main thread's `__tls_base` at the static TLS block), zeroes
/// `.bss` of an imported memory, stores 2 and wakes the others; a thread that
/// sees 1 waits for 2. All then drop the segments except `.tdata`, which
/// `__wasm_init_tls` still needs for each new thread.
///
/// ```text
/// block $drop
///   block $wait
///     block $init
///       (i32.atomic.rmw.cmpxchg flag 0 1) br_table $init $wait $drop
///     end
///     ...init...  (i32.atomic.store flag 2) (memory.atomic.notify flag -1) br $drop
///   end
///   (memory.atomic.wait32 flag 1 -1)
/// end
/// ...data.drop...
/// ```
fn init_memory(l: &Layout) -> Function {
    let mut f = Function::new([]);
    let flag = l.init_memory_flag;
    let indexes = l.data_indexes();
    if let Some(flag) = flag {
        for _ in 0..3 {
            f.instruction(&Instruction::Block(BlockType::Empty));
        }
        f.instruction(&Instruction::I32Const(flag as i32));
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::I32AtomicRmwCmpxchg(FLAG));
        f.instruction(&Instruction::BrTable(vec![0, 1].into(), 2));
        f.instruction(&Instruction::End);
    }
    for (s, index) in l.segments.iter().zip(&indexes) {
        let Some(index) = *index else { continue };
        f.instruction(&Instruction::I32Const(s.start as i32));
        if s.is_tls
            && let Some(&g) = l.synth_globals.get(&Synth::TlsBase)
        {
            f.instruction(&Instruction::I32Const(s.start as i32));
            f.instruction(&Instruction::GlobalSet(g));
        }
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(s.size as i32));
        f.instruction(&Instruction::MemoryInit { mem: 0, data_index: index });
    }
    if l.memory.imported {
        for s in l.segments.iter().filter(|s| !l.segment_written(s)) {
            f.instruction(&Instruction::I32Const(s.start as i32));
            f.instruction(&Instruction::I32Const(0));
            f.instruction(&Instruction::I32Const(s.size as i32));
            f.instruction(&Instruction::MemoryFill(0));
        }
    }
    if let Some(flag) = flag {
        f.instruction(&Instruction::I32Const(flag as i32));
        f.instruction(&Instruction::I32Const(2));
        f.instruction(&Instruction::I32AtomicStore(FLAG));
        f.instruction(&Instruction::I32Const(flag as i32));
        f.instruction(&Instruction::I32Const(-1));
        f.instruction(&Instruction::MemoryAtomicNotify(FLAG));
        f.instruction(&Instruction::Drop);
        f.instruction(&Instruction::Br(1));
        f.instruction(&Instruction::End);
        f.instruction(&Instruction::I32Const(flag as i32));
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::I64Const(-1));
        f.instruction(&Instruction::MemoryAtomicWait32(FLAG));
        f.instruction(&Instruction::Drop);
        f.instruction(&Instruction::End);
    }
    for (s, index) in l.segments.iter().zip(&indexes) {
        if let Some(index) = *index
            && !s.is_tls
        {
            f.instruction(&Instruction::DataDrop(index));
        }
    }
    f.instruction(&Instruction::End);
    f
}

/// `__wasm_init_tls(ptr)`: this thread's TLS block at `ptr`, copied from
/// `.tdata` (which includes the zeroes of `.tbss`).
fn init_tls(l: &Layout) -> Function {
    let mut f = Function::new([]);
    let indexes = l.data_indexes();
    let tls = l.segments.iter().zip(&indexes).find(|(s, _)| s.is_tls);
    if let (Some((s, Some(index))), Some(&g)) = (tls, l.synth_globals.get(&Synth::TlsBase)) {
        f.instruction(&Instruction::LocalGet(0));
        f.instruction(&Instruction::GlobalSet(g));
        f.instruction(&Instruction::LocalGet(0));
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(s.size as i32));
        f.instruction(&Instruction::MemoryInit { mem: 0, data_index: *index });
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
