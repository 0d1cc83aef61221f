# An archive member offering `__memory_base` that nothing references: wasm-ld 19 replaces the
# offer with its optional data symbol, which is no global (and `--export-all` exports its
# address, unnamed, where the offer stood), tracing it after the offer. wasmlink made its
# `__memory_base` global.
# RUN: --no-gc-sections --export-all -y __memory_base -y __table_base a.o libm.a
# --- m.s
        .globl  __memory_base
__memory_base:
        .functype __memory_base () -> ()
        end_function
# --- libm.a m.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- EXPECT
;; note: libm.a(m.o): lazy definition of __memory_base
;; note: <internal>: definition of __memory_base
;; note: <internal>: definition of __table_base
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global (;1;) i32 i32.const 0)
  (global (;2;) i32 i32.const 1024)
  (global (;3;) i32 i32.const 1024)
  (global (;4;) i32 i32.const 1024)
  (global (;5;) i32 i32.const 66560)
  (global (;6;) i32 i32.const 1024)
  (global (;7;) i32 i32.const 66560)
  (global (;8;) i32 i32.const 131072)
  (global (;9;) i32 i32.const 1)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "_start" (func $_start))
  (export "__memory_base" (global 1))
  (export "__dso_handle" (global 2))
  (export "__data_end" (global 3))
  (export "__stack_low" (global 4))
  (export "__stack_high" (global 5))
  (export "__global_base" (global 6))
  (export "__heap_base" (global 7))
  (export "__heap_end" (global 8))
  (export "__table_base" (global 9))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $_start (;1;) (type 0))
)

