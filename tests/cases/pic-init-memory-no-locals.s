# PIC without threads: `__wasm_init_memory` zeroes `.bss` of the imported memory and declares no
# locals, as in wasm-ld-19 (the two address locals are for the flag of a shared memory). wasmlink
# used to declare them unused.
# RUN: --experimental-pic -shared a.o
# --- a.s
        .globaltype __memory_base, i32, immutable
        .globl get
get:
        .functype get () -> (i32)
        global.get __memory_base
        i32.const buf@MBREL
        i32.add
        end_function

        .section .bss.buf,"",@
        .globl buf
buf:
        .skip 16
        .size buf, 16

        .section .custom_section.target_features,"",@
        .int8 1
        .int8 43
        .int8 11
        .ascii "bulk-memory"
# --- EXPECT
(module
  (@dylink.0
    (mem-info (memory 16 0))
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 1))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (global (;2;) i32 i32.const 0)
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "get" (func $get))
  (export "buf" (global 2))
  (start $__wasm_init_memory)
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $__wasm_init_memory (;2;) (type 0)
    i32.const 0
    global.get $__memory_base
    i32.add
    i32.const 0
    i32.const 16
    memory.fill
  )
  (func $get (;3;) (type 1) (result i32)
    global.get $__memory_base
    i32.const 0
    i32.add
  )
  (@custom "target_features" (after code) "\02+\0bbulk-memory+\0fmutable-globals")
)

