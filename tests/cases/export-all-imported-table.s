# `--export-all` exports no imported table (lld's undefined table symbol is not exported):
# with `--import-table` (as in PIC output), `__indirect_function_table` is imported only, as
# wasm-ld-19 makes it.
# RUN: --no-entry --export-all --import-table t.o
# --- t.s
        .functype g () -> ()
        .globl  f
f:
        .functype f () -> (i32)
        i32.const g
        end_function
        .globl  g
g:
        .functype g () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "__indirect_function_table" (table (;0;) 2 funcref))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global (;1;) i32 i32.const 1024)
  (global (;2;) i32 i32.const 1024)
  (global (;3;) i32 i32.const 1024)
  (global (;4;) i32 i32.const 66560)
  (global (;5;) i32 i32.const 1024)
  (global (;6;) i32 i32.const 66560)
  (global (;7;) i32 i32.const 131072)
  (global (;8;) i32 i32.const 0)
  (global (;9;) i32 i32.const 1)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "f" (func $f))
  (export "g" (func $g))
  (export "__dso_handle" (global 1))
  (export "__data_end" (global 2))
  (export "__stack_low" (global 3))
  (export "__stack_high" (global 4))
  (export "__global_base" (global 5))
  (export "__heap_base" (global 6))
  (export "__heap_end" (global 7))
  (export "__memory_base" (global 8))
  (export "__table_base" (global 9))
  (elem (;0;) (i32.const 1) func $g)
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $f (;1;) (type 1) (result i32)
    i32.const 1
  )
  (func $g (;2;) (type 0))
)

