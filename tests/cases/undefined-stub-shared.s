# Missing functions of one signature share one `undefined_stub` (lld's `createUndefinedStub`
# keeps one per signature), and one only ever named by its address has it too, live, with a
# table slot (its first relocation takes the address). The slot is `y`'s address only: `h`,
# called first, keeps the null pointer.
# RUN: --warn-unresolved-symbols a.o
# --- a.s
        .functype h () -> ()
        .functype k () -> ()
        .functype y () -> ()
        .globl  _start
_start:
        .functype _start () -> (i32)
        call h
        call k
        i32.const y
        drop
        i32.const h
        end_function
# --- EXPECT
;; warning: a.o: undefined symbol: h
;; warning: a.o: undefined symbol: k
;; warning: a.o: undefined symbol: y
;; warning: a.o: undefined symbol: h
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
    call $undefined_stub
    call $undefined_stub
    i32.const 1
    drop
    i32.const 0
  )
)

