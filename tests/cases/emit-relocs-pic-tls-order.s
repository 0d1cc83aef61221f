# `--emit-relocs` in a PIC module with shared memory: the linker's own symbols come in the
# order lld makes them (`__stack_pointer`, `__memory_base`, `__table_base`, then `__tls_base`),
# not in the order wasmlink lays out globals (`__tls_base` before the bases).
# RUN: --experimental-pic -shared --shared-memory --max-memory=131072 --emit-relocs a.o
# --- a.s
        .globaltype __memory_base, i32, immutable
        .globaltype __tls_base, i32
        .globl  get
get:
        .functype get () -> (i32)
        global.get __tls_base
        global.get __memory_base
        i32.add
        end_function
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
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 0 2 shared))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (global $__tls_base (;2;) (mut i32) i32.const 0)
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "get" (func $get))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $get (;2;) (type 1) (result i32)
    global.get $__tls_base
    global.get $__memory_base
    i32.add
  )
  (@custom "linking" (after code) "\02\081\05\00\00\00\11__wasm_call_ctors\02\10\00\02\10\01\02\04\02\0a__tls_base\00\00\02\03get")
  (@custom "reloc.CODE" (after code) "\06\02\07\0a\03\07\10\01")
  (@custom "target_features" (after code) "\03+\07atomics+\0bbulk-memory+\0fmutable-globals")
)

