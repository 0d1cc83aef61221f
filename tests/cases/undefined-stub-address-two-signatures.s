# A missing function's address is one table slot in every file, whatever signature each file
# gives it (lld has one symbol, and splits it only for direct calls).
# RUN: --unresolved-symbols=ignore-all a.o b.o
# --- a.s
        .functype h () -> ()
        .functype bb () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const h
        drop
        call bb
        end_function
# --- b.s
        .functype h (i32) -> ()
        .globl bb
bb:
        .functype bb () -> (i32)
        i32.const h
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
    drop
    call $bb
  )
  (func $bb (;2;) (type 1) (result i32)
    i32.const 1
  )
)

