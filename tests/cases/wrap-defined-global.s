# --wrap=gv where gv is a wasm global the file defines: its references, the definition's own
# included, go to __wrap_gv, which nothing defines; allowed to be missing, it is imported with
# the type of the global it stands for. (wasmlink panicked there, taking the definition for an
# import; wasm-ld-19 crashes.)
# RUN: --no-entry --export=keep --allow-undefined --no-check-features --wrap=gv w.o
# --- w.s
        .globaltype gv, i32
        .globl gv
gv:
        .section .text.keep,"",@
        .globl keep
keep:
        .functype keep () -> (i32)
        i32.const 1
        global.set gv
        global.get gv
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (import "env" "__wrap_gv" (global $__wrap_gv (;0;) (mut i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;1;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "keep" (func $keep))
  (func $keep (;0;) (type 0) (result i32)
    i32.const 1
    global.set $__wrap_gv
    global.get $__wrap_gv
  )
)

