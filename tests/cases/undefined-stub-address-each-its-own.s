# Two missing functions whose first relocations take their addresses share one stub, but each
# has a slot of its own, as in lld (a slot is its symbol's): their addresses differ, so `f == g`
# is false, as when wasm-ld-19 links them.
# RUN: --unresolved-symbols=ignore-all a.o
# --- a.s
        .functype f () -> ()
        .functype g () -> ()
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const f
        i32.const g
        i32.eq
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 3 3 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (elem (;0;) (i32.const 1) func $undefined_stub $undefined_stub)
  (func $undefined_stub (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 1) (result i32)
    i32.const 1
    i32.const 2
    i32.eq
  )
)

