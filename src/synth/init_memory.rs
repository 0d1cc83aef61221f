//! `__wasm_init_memory`, as wasm-ld writes it. With shared memory the first thread to move the
//! flag 0 -> 1 copies every passive segment in (and points the main thread's `__tls_base` at
//! the static TLS block), zeroes `.bss` with `memory.fill`, stores 2 and wakes the others; a
//! thread that sees 1 waits for 2. All then drop the segments except `.tdata`, which
//! `__wasm_init_tls` still needs for each new thread.
//!
//! ```text
//! block $drop
//!   block $wait
//!     block $init
//!       (i32.atomic.rmw.cmpxchg flag 0 1) br_table $init $wait $drop
//!     end
//!     ...init...  (i32.atomic.store flag 2) (memory.atomic.notify flag -1) br $drop
//!   end
//!   (memory.atomic.wait32 flag 1 -1)
//! end
//! ...data.drop...
//! ```

use wasm_encoder::{BlockType, Function, Instruction, MemArg, MemArgTarget, ValType};

use super::{ptr_add, ptr_const};
use crate::layout::Layout;
use crate::resolve::SymbolTable;
use crate::synthetic::Synth;

const FLAG: MemArg = MemArg { offset: 0, align: 2, target: MemArgTarget::Memory(0), ordering: None };

/// In a PIC module every address is `__memory_base` + the offset layout gave it: the flag's
/// address is computed once into local 0, and local 1 holds the TLS block's while
/// `__tls_base` is set.
pub fn body(t: &SymbolTable, l: &Layout) -> Function {
    let m = &l.memory;
    let w = l.width;
    let memory_base = l.base_global(t, Synth::MemoryBase).filter(|_| l.pic);
    let ptr = if w.is64() { ValType::I64 } else { ValType::I32 };
    let flag = m.init_memory_flag;
    let tls_base = l.globals.synthetic.get(&Synth::TlsBase).copied().filter(|_| m.passive);
    let sets_tls_base = tls_base.is_some() && m.segments.iter().any(|(_, s)| s.is_tls && m.initialized_at_start(s));
    // (The locals only where they are used, as lld declares them: a PIC module with threads.)
    let locals = memory_base.is_some() && (flag.is_some() || sets_tls_base);
    let mut f = if locals { Function::new([(2, ptr)]) } else { Function::new([]) };
    let indexes = m.data_indexes();
    // An address: its offset, plus `__memory_base` in a PIC module.
    let address = |f: &mut Function, offset: u64| {
        ptr_const(f, w, offset);
        if let Some(base) = memory_base {
            f.instruction(&Instruction::GlobalGet(base.as_u32()));
            ptr_add(f, w);
        }
    };
    let flag_address = |f: &mut Function, flag: u64| {
        if memory_base.is_some() {
            f.instruction(&Instruction::LocalGet(0));
        } else {
            ptr_const(f, w, flag);
        }
    };
    if let Some(flag) = flag {
        if let Some(base) = memory_base {
            f.instruction(&Instruction::GlobalGet(base.as_u32()));
            ptr_const(&mut f, w, flag);
            ptr_add(&mut f, w);
            f.instruction(&Instruction::LocalSet(0));
        }
        for _ in 0..3 {
            f.instruction(&Instruction::Block(BlockType::Empty));
        }
        flag_address(&mut f, flag);
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::I32AtomicRmwCmpxchg(FLAG));
        f.instruction(&Instruction::BrTable(vec![0, 1].into(), 2));
        f.instruction(&Instruction::End);
    }
    for (i, s) in m.segments.iter() {
        // Passive segments are copied in; `.bss` that is not written is zeroed.
        if !m.initialized_at_start(s) {
            continue;
        }
        address(&mut f, s.start);
        if s.is_tls
            && let Some(g) = tls_base
        {
            if memory_base.is_some() {
                f.instruction(&Instruction::LocalTee(1));
                f.instruction(&Instruction::GlobalSet(g.as_u32()));
                f.instruction(&Instruction::LocalGet(1));
            } else {
                ptr_const(&mut f, w, s.start);
                f.instruction(&Instruction::GlobalSet(g.as_u32()));
            }
        }
        // (`.bss` is zeroed even where `--emit-relocs` writes it out, as wasm-ld does.)
        match indexes[i].filter(|_| !s.is_bss) {
            Some(index) => {
                f.instruction(&Instruction::I32Const(0));
                f.instruction(&Instruction::I32Const(s.size as i32));
                f.instruction(&Instruction::MemoryInit { mem: 0, data_index: index });
            }
            None => {
                f.instruction(&Instruction::I32Const(0));
                ptr_const(&mut f, w, s.size);
                f.instruction(&Instruction::MemoryFill(0));
            }
        }
    }
    if let Some(flag) = flag {
        flag_address(&mut f, flag);
        f.instruction(&Instruction::I32Const(2));
        f.instruction(&Instruction::I32AtomicStore(FLAG));
        flag_address(&mut f, flag);
        f.instruction(&Instruction::I32Const(-1));
        f.instruction(&Instruction::MemoryAtomicNotify(FLAG));
        f.instruction(&Instruction::Drop);
        f.instruction(&Instruction::Br(1));
        f.instruction(&Instruction::End);
        flag_address(&mut f, flag);
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::I64Const(-1));
        f.instruction(&Instruction::MemoryAtomicWait32(FLAG));
        f.instruction(&Instruction::Drop);
        f.instruction(&Instruction::End);
    }
    for (i, s) in m.segments.iter() {
        if let Some(index) = indexes[i]
            && m.passive
            && !s.is_tls
            && !s.is_bss
        {
            f.instruction(&Instruction::DataDrop(index));
        }
    }
    f.instruction(&Instruction::End);
    f
}
