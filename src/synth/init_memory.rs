//! `__wasm_init_memory`, as wasm-ld writes it. With shared memory the first thread to move the
//! flag 0 -> 1 copies every passive segment in (and points the main thread's `__tls_base` at
//! the static TLS block), zeroes `.bss` of an imported memory, stores 2 and wakes the others; a
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

use wasm_encoder::{BlockType, Function, Instruction, MemArg, MemArgTarget};

use super::ptr_const;
use crate::layout::Layout;
use crate::synthetic::Synth;

const FLAG: MemArg = MemArg { offset: 0, align: 2, target: MemArgTarget::Memory(0), ordering: None };

pub fn body(l: &Layout) -> Function {
    let mut f = Function::new([]);
    let m = &l.memory;
    let flag = m.init_memory_flag;
    let indexes = m.data_indexes();
    let w = l.width;
    if let Some(flag) = flag {
        for _ in 0..3 {
            f.instruction(&Instruction::Block(BlockType::Empty));
        }
        ptr_const(&mut f, w, flag);
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::I32AtomicRmwCmpxchg(FLAG));
        f.instruction(&Instruction::BrTable(vec![0, 1].into(), 2));
        f.instruction(&Instruction::End);
    }
    for (i, s) in m.segments.iter() {
        let Some(index) = indexes[i] else { continue };
        ptr_const(&mut f, w, s.start);
        if s.is_tls
            && let Some(&g) = l.globals.synthetic.get(&Synth::TlsBase)
        {
            ptr_const(&mut f, w, s.start);
            f.instruction(&Instruction::GlobalSet(g.as_u32()));
        }
        f.instruction(&Instruction::I32Const(0));
        f.instruction(&Instruction::I32Const(s.size as i32));
        f.instruction(&Instruction::MemoryInit { mem: 0, data_index: index });
    }
    if m.memory.imported {
        for s in m.segments.values().filter(|s| !m.segment_written(s)) {
            ptr_const(&mut f, w, s.start);
            f.instruction(&Instruction::I32Const(0));
            ptr_const(&mut f, w, s.size);
            f.instruction(&Instruction::MemoryFill(0));
        }
    }
    if let Some(flag) = flag {
        ptr_const(&mut f, w, flag);
        f.instruction(&Instruction::I32Const(2));
        f.instruction(&Instruction::I32AtomicStore(FLAG));
        ptr_const(&mut f, w, flag);
        f.instruction(&Instruction::I32Const(-1));
        f.instruction(&Instruction::MemoryAtomicNotify(FLAG));
        f.instruction(&Instruction::Drop);
        f.instruction(&Instruction::Br(1));
        f.instruction(&Instruction::End);
        ptr_const(&mut f, w, flag);
        f.instruction(&Instruction::I32Const(1));
        f.instruction(&Instruction::I64Const(-1));
        f.instruction(&Instruction::MemoryAtomicWait32(FLAG));
        f.instruction(&Instruction::Drop);
        f.instruction(&Instruction::End);
    }
    for (i, s) in m.segments.iter() {
        if let Some(index) = indexes[i]
            && !s.is_tls
        {
            f.instruction(&Instruction::DataDrop(index));
        }
    }
    f.instruction(&Instruction::End);
    f
}
