# A definition its comdat drops is an undefined reference, not a losing definition: taking its
# address with another signature is no mismatch (only a call would be), and the address is the
# kept copy's.
# RUN: --export=g a.o b.o
# --- a.s
        .section .text.f,"G",@,grp,comdat
        .weak  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .section .text.x,"",@
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .section .text.f,"G",@,grp,comdat
        .weak  f
f:
        .functype f () -> ()
        end_function
        .section .text.x,"",@
        .globl  g
g:
        .functype g () -> (i32)
        i32.const f
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (table (;0;) 2 2 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "g" (func $g))
  (elem (;0;) (i32.const 1) func $f)
  (func $f (;0;) (type 0) (result i32)
    i32.const 1
  )
  (func $_start (;1;) (type 1))
  (func $g (;2;) (type 0) (result i32)
    i32.const 1
  )
)

