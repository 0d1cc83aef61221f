# With -Bsymbolic a shared library's weak function, imported so that the program may provide
# it, has an internal GOT entry: its table slot holds the import, and the entry is set from
# `__table_base` at start (wasmlink put the definition in the table and left the entry a
# constant).
# RUN: --experimental-pic -shared -Bsymbolic main.o
# --- main.s
        .globaltype __memory_base, i32, immutable
        .globaltype __table_base, i32, immutable
        .globaltype g@GOT, i32, immutable
        .weak   g
g:
        .functype g () -> ()
        end_function
        .globl  f
f:
        .functype f () -> (i32)
        global.get g@GOT
        end_function
# --- EXPECT
(module
  (@dylink.0
    (mem-info (table 1 0))
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 0))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "env" "g" (func $g (;0;) (type 0)))
  (import "env" "__indirect_function_table" (table (;0;) 1 funcref))
  (global $GOT.func.internal.g (;2;) (mut i32) i32.const 0)
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "g" (func $"#func4 g"))
  (export "f" (func $f))
  (start $__wasm_apply_global_relocs)
  (elem (;0;) (global.get $__table_base) func $g)
  (func $__wasm_call_ctors (;1;) (type 0))
  (func $__wasm_apply_data_relocs (;2;) (type 0))
  (func $__wasm_apply_global_relocs (;3;) (type 0)
    global.get $__table_base
    i32.const 0
    i32.add
    global.set $GOT.func.internal.g
  )
  (func $"#func4 g" (@name "g") (;4;) (type 0))
  (func $f (;5;) (type 1) (result i32)
    global.get $GOT.func.internal.g
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

