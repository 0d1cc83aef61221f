# lld's order-dependent table slot for a missing function's stub (kept for its addresses): with
# `--unresolved-symbols=ignore-all`, a missing function whose first relocation takes its
# address gets a slot, so its address is not the null pointer; had a call come first, it would
# be (wasm-ld-19 makes the stub, and sets it apart from the table, only then).
# RUN: --unresolved-symbols=ignore-all a.o
# --- a.s
        .functype h () -> ()
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const h
        call h
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 2 2 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (elem (;0;) (i32.const 1) func $undefined_stub)
  (func $undefined_stub (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 1) (result i32)
    i32.const 1
    call $undefined_stub
  )
)

