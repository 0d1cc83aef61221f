# `--export=__memory_base` in a module at a fixed address, nothing defining or referencing it:
# wasm-ld 19 makes its optional data symbol and exports the address, an unnamed global, with a
# `-y` line. wasmlink made a named `__memory_base` global.
# RUN: --export=__memory_base -y __memory_base a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- EXPECT
;; note: <internal>: definition of __memory_base
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global (;1;) i32 i32.const 0)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "__memory_base" (global 1))
  (func $_start (;0;) (type 0))
)

