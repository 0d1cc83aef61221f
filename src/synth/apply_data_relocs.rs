//! `__wasm_apply_data_relocs` (lld's `generateRelocationCode`): in a position-independent module,
//! each address that data holds is written when the loader has placed the module, which then
//! calls this function: the relocated word's address (`__memory_base` + its offset) gets the
//! target's address, read from its GOT entry, or `__memory_base` (`__table_base` for a function's
//! slot) + its offset. `__wasm_apply_tls_relocs` does the same in a thread's TLS block, from
//! `__tls_base`. With `--unresolved-symbols=import-dynamic` in a module at a fixed address, only
//! the addresses of symbols imported through the GOT are written, at their absolute places.

use wasm_encoder::{Function, Instruction, MemArg, MemArgTarget};

use super::{ptr_add, ptr_const};
use crate::layout::Layout;
use crate::reloc::{Field, Target};
use crate::resolve::SymbolTable;
use crate::scan::Scan;
use crate::synthetic::Synth;

/// Which segments the function relocates.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Everything but a thread's TLS block (with threads, that is `Tls`'s).
    Data,
    Tls,
}

pub fn body(t: &SymbolTable, scan: &Scan, l: &Layout, which: Which) -> Function {
    let mut f = Function::new([]);
    let w = l.width;
    let pic = l.pic;
    let global = |synth: Synth| l.base_global(t, synth).map(|g| g.as_u32());
    for seg in l.memory.segments.values() {
        let tls_block = seg.is_tls && l.memory.memory.shared;
        if tls_block != (which == Which::Tls) {
            continue;
        }
        for &(file, si, off) in &seg.parts {
            let obj = &t.file(file).obj;
            for r in obj.segment_relocs(si) {
                let Some(local) = r.symbol_ref() else { continue };
                if !matches!(r.target, Target::MemoryAddr | Target::MemoryAddrRel | Target::TableIndex | Target::TableIndexRel) {
                    continue;
                }
                let id = scan.symbol(t, file, local);
                let got = l.place.got(id);
                // At a fixed address only what the loader provides is left to do.
                if !pic && !got.is_some_and(|g| l.globals.space.defined(g).is_none()) {
                    continue;
                }
                // Where: the relocated word's address.
                let (dest, dest_base) = if which == Which::Tls {
                    (off + r.offset as u64, global(Synth::TlsBase))
                } else {
                    (seg.start + off + r.offset as u64, if pic { global(Synth::MemoryBase) } else { None })
                };
                ptr_const(&mut f, w, dest);
                if let Some(base) = dest_base {
                    f.instruction(&Instruction::GlobalGet(base));
                    ptr_add(&mut f, w);
                }
                // What: the target's address, computed at the address width (the GOT entries'
                // and bases' type), then cut or widened to the word's own.
                let wide = matches!(r.field, Field::I64 | Field::Sleb64 | Field::Uleb64);
                if let Some(got) = got {
                    f.instruction(&Instruction::GlobalGet(got.as_u32()));
                    if r.addend != 0 {
                        ptr_const(&mut f, w, r.addend as u64);
                        ptr_add(&mut f, w);
                    }
                } else {
                    let tls_target = scan.is_tls(t, id);
                    let (base, value) = match r.target {
                        Target::TableIndex | Target::TableIndexRel => {
                            let slot = l.place.func(id).and_then(|func| l.table.index_of(func)).unwrap_or(0);
                            (Synth::TableBase, slot as i64)
                        }
                        _ if tls_target && l.memory.memory.shared => {
                            let a = l.place.addr(id).map_or(0, |a| a as i64 - l.memory.tls_base as i64 + r.addend);
                            (Synth::TlsBase, a)
                        }
                        _ => (Synth::MemoryBase, l.place.addr(id).map_or(0, |a| a as i64 + r.addend)),
                    };
                    if let Some(base) = global(base) {
                        f.instruction(&Instruction::GlobalGet(base));
                    }
                    ptr_const(&mut f, w, value as u64);
                    ptr_add(&mut f, w);
                }
                match (wide, w.is64()) {
                    (false, true) => f.instruction(&Instruction::I32WrapI64),
                    (true, false) => f.instruction(&Instruction::I64ExtendI32U),
                    _ => &mut f,
                };
                let arg = MemArg { offset: 0, align: 2, target: MemArgTarget::Memory(0), ordering: None };
                f.instruction(&if wide { Instruction::I64Store(arg) } else { Instruction::I32Store(arg) });
            }
        }
    }
    f.instruction(&Instruction::End);
    f
}
