# A wasm64 shared library whose data holds a 32-bit function address (`.int32 f`): the value
# __wasm_apply_data_relocs reads from the 64-bit GOT entry is cut to the word's size
# (i32.wrap_i64). wasm-ld-19 stores the i64 with i32.store, an invalid module; wasmlink stopped
# there with an internal error.
# RUN: -mwasm64 --experimental-pic -shared --allow-undefined d.o
# --- d.s -triple=wasm64-unknown-unknown
        .functype f (i64) -> ()
        .section .data.p,"",@
        .globl p
p:
        .int32 f
        .size p, 4
# --- EXPECT
(module
  (@dylink.0
    (mem-info (memory 4 0))
  )
  (type (;0;) (func))
  (import "env" "memory" (memory (;0;) i64 1))
  (import "env" "__indirect_function_table" (table (;0;) i64 0 funcref))
  (import "env" "__memory_base" (global $__memory_base (;0;) i64))
  (import "env" "__table_base" (global $__table_base (;1;) i64))
  (import "GOT.func" "f" (global $f (;2;) (mut i64)))
  (global (;3;) i64 i64.const 0)
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "p" (global 3))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0)
    i64.const 0
    global.get $__memory_base
    i64.add
    global.get $f
    i32.wrap_i64
    i32.store
  )
  (data $.data (;0;) (global.get $__memory_base) "\00\00\00\00")
  (@custom "target_features" (after data) "\01+\0fmutable-globals")
)

