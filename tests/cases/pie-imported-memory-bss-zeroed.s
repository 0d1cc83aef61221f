# With an imported memory (and bulk memory), a PIE's `.bss` is zeroed by `__wasm_init_memory`,
# its start function, as LLD 21 links it (the memory may not be fresh; wasm-ld 19 wrote zeroes).
# RUN: --experimental-pic -pie --import-memory a.o
# --- a.s
        .globaltype __memory_base, i32, immutable
        .globl  _start
_start:
        .functype _start () -> (i32)
        global.get __memory_base
        i32.const d@MBREL
        i32.add
        i32.load 0
        i32.load 0
        end_function
        .section .data.d,"",@
        .globl  d
        .p2align 2
d:
        .int32  b
        .size   d, 4
        .section .bss.b,"",@
        .globl  b
        .p2align 2
b:
        .skip   64
        .size   b, 64
        .section .custom_section.target_features,"",@
        .int8 1
        .int8 43
        .int8 11
        .ascii "bulk-memory"
# --- EXPECT
(module
  (@dylink.0
    (mem-info (memory 68 2))
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 1))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (start $__wasm_init_memory)
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0)
    i32.const 0
    global.get $__memory_base
    i32.add
    global.get $__memory_base
    i32.const 4
    i32.add
    i32.store
  )
  (func $__wasm_init_memory (;2;) (type 0)
    i32.const 4
    global.get $__memory_base
    i32.add
    i32.const 0
    i32.const 64
    memory.fill
  )
  (func $_start (;3;) (type 1) (result i32)
    global.get $__memory_base
    i32.const 0
    i32.add
    i32.load
    i32.load
  )
  (data $.data (;0;) (global.get $__memory_base) "\04\00\00\00")
  (@custom "target_features" (after data) "\02+\0bbulk-memory+\0fmutable-globals")
)

