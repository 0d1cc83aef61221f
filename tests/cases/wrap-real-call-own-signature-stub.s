# `--wrap=f` renames after resolution, as in lld, so a call of `__real_f` with another signature
# than the calls of `f` is not seen as a clash; with `f` missing under ignore-all, that call gets
# a stub of its own signature. (wasm-ld-19 gives it the stub of `f`'s first signature and writes
# an invalid module.)
# RUN: --wrap=f --no-entry --export=g1 --export=g3 --unresolved-symbols=ignore-all s1.o wrap.o real.o
# --- s1.s
        .functype f () -> (i32)
        .globl  g1
        .section .text.g1,"",@
g1:
        .functype g1 () -> (i32)
        call f
        end_function
# --- wrap.s
        .globl  __wrap_f
        .section .text.__wrap_f,"",@
__wrap_f:
        .functype __wrap_f () -> (i32)
        i32.const 5
        end_function
# --- real.s
        .functype __real_f (i32) -> ()
        .globl  g3
        .section .text.g3,"",@
g3:
        .functype g3 () -> ()
        i32.const 1
        call __real_f
        end_function
# --- EXPECT
(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "g1" (func $g1))
  (export "g3" (func $g3))
  (func $undefined_stub (;0;) (type 0) (param i32)
    unreachable
  )
  (func $g1 (;1;) (type 1) (result i32)
    call $__wrap_f
  )
  (func $__wrap_f (;2;) (type 1) (result i32)
    i32.const 5
  )
  (func $g3 (;3;) (type 2)
    i32.const 1
    call $undefined_stub
  )
)

