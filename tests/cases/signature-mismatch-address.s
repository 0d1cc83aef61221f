# Taking the address of a function through a weak definition of another signature that lost
# takes the stub's, which is the null pointer (lld's `isStub`): no table slot, and no stub in the
# module, as nothing calls it; the winning definition is not kept by it either.
# RUN: --export=g --print-gc-sections a.o b.o
# --- a.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .weak  f
f:
        .functype f () -> ()
        end_function
        .globl  g
g:
        .functype g () -> (i32)
        i32.const f
        end_function
# --- EXPECT
;; warning: function signature mismatch: f
>>> defined as () -> void in b.o
>>> defined as () -> i32 in a.o
;; note: removing unused section a.o:(f)
;; note: removing unused section b.o:(f)
;; note: removing unused section <internal>:(__wasm_call_ctors)
;; note: removing unused section <internal>:(f)
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "g" (func $g))
  (func $_start (;0;) (type 0))
  (func $g (;1;) (type 1) (result i32)
    i32.const 0
  )
)

