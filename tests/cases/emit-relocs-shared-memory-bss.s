# `--emit-relocs` writes `.bss` into the data section (relocations may point into it); with
# shared memory `__wasm_init_memory` still zeroes it with `memory.fill` and does not drop it, as
# wasm-ld does. wasmlink copied it in with `memory.init` and dropped it.
# RUN: --emit-relocs --shared-memory --max-memory=131072 --no-entry --export=get a.o
# --- a.s
        .globl  get
get:
        .functype get () -> (i32)
        i32.const zero
        i32.load 0
        i32.const data
        i32.load 0
        i32.add
        end_function
        .section .bss.zero,"",@
        .globl zero
zero:
        .int32 0
        .size zero, 4
        .section .data.data,"",@
        .globl data
data:
        .int32 7
        .size data, 4
        .section .custom_section.target_features,"",@
        .int8 2
        .int8 43
        .int8 7
        .ascii "atomics"
        .int8 43
        .int8 11
        .ascii "bulk-memory"
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "get" (func $get))
  (start $__wasm_init_memory)
  (func $__wasm_init_memory (;0;) (type 0)
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          i32.const 1032
          i32.const 0
          i32.const 1
          i32.atomic.rmw.cmpxchg
          br_table 0 (;@3;) 1 (;@2;) 2 (;@1;)
        end
        i32.const 1024
        i32.const 0
        i32.const 4
        memory.init $.data
        i32.const 1028
        i32.const 0
        i32.const 4
        memory.fill
        i32.const 1032
        i32.const 2
        i32.atomic.store
        i32.const 1032
        i32.const -1
        memory.atomic.notify
        drop
        br 1 (;@1;)
      end
      i32.const 1032
      i32.const 1
      i64.const -1
      memory.atomic.wait32
      drop
    end
    data.drop $.data
  )
  (func $get (;1;) (type 1) (result i32)
    i32.const 1028
    i32.load
    i32.const 1024
    i32.load
    i32.add
  )
  (data $.data (;0;) "\07\00\00\00")
  (data $.bss (;1;) "\00\00\00\00")
  (@custom "linking" (after data) "\02\08\1c\03\00\00\01\03get\01\00\04zero\01\00\04\01\00\04data\00\00\04\05\10\02\05.data\00\00\04.bss\00\00")
  (@custom "reloc.CODE" (after data) "\07\02\04Y\01\00\04b\02\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

