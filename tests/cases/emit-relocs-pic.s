# `--emit-relocs` in a PIC module: the globals the loader provides (`__memory_base`,
# `__table_base`, `__stack_pointer`) are undefined symbols named by their imports, and a shared
# library's entry, `__wasm_call_ctors` by default, is in the symbol table, visible. wasmlink
# wrote the globals as hidden definitions and left `__wasm_call_ctors` out.
# RUN: --experimental-pic -shared --emit-relocs a.o
# --- a.s
        .globaltype __memory_base, i32, immutable
        .globaltype __stack_pointer, i32
        .globl  get
get:
        .functype get () -> (i32)
        global.get __stack_pointer
        drop
        global.get __memory_base
        i32.const data@MBREL
        i32.add
        end_function
        .section .data.data,"",@
data:
        .int32 7
        .size data, 4
# --- EXPECT
(module
  (@dylink.0
    (mem-info (memory 4 0))
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 1))
  (import "env" "__stack_pointer" (global $__stack_pointer (;0;) (mut i32)))
  (import "env" "__memory_base" (global $__memory_base (;1;) i32))
  (import "env" "__table_base" (global $__table_base (;2;) i32))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "get" (func $get))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $get (;2;) (type 1) (result i32)
    global.get $__stack_pointer
    drop
    global.get $__memory_base
    i32.const 0
    i32.add
  )
  (data $.data (;0;) (global.get $__memory_base) "\07\00\00\00")
  (@custom "linking" (after data) "\02\080\06\00\00\00\11__wasm_call_ctors\02\10\00\02\10\01\02\10\02\00\00\02\03get\01\02\04data\00\00\04\05\09\01\05.data\00\00")
  (@custom "reloc.CODE" (after data) "\05\03\07\0a\01\07\11\02\0b\17\05\00")
  (@custom "target_features" (after data) "\01+\0fmutable-globals")
)

