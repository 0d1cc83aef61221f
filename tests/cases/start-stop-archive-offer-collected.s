# A `__start_X` that an archive member offers to define and only a weak reference names, where
# GC removed every segment named X: lld makes no `__start_X` then, and the reference stays the
# archive's offer, which it does not extract: null.
# RUN: --no-entry --export=get main.o libs.a
# --- lib.s
        .section .data.__start_gone,"",@
        .globl  __start_gone
__start_gone:
        .int8   9
        .size   __start_gone, 1
# --- libs.a lib.o
# --- main.s
        .globl  get
        .section .text.get,"",@
get:
        .functype get () -> (i32)
        i32.const __start_gone
        end_function
        .weak   __start_gone

        .section gone,"",@
unused:
        .int32  1
        .size   unused, 4
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "get" (func $get))
  (func $get (;0;) (type 0) (result i32)
    i32.const 0
  )
)

