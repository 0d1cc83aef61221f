# A missing function whose first relocation is a GOT one gets a table slot, as one whose first
# relocation takes its address does (lld gives the function its slot as it makes the GOT entry,
# before the stub): the stub is in the table, though the GOT entry holds the null pointer. A
# later `i32.const` of the function's address is that slot. (A call first: no slot, the case
# undefined-stub-got.s.)
# RUN: --unresolved-symbols=ignore-all a.o
# --- a.s
        .functype h () -> ()
        .functype y () -> ()
        .globl  _start
_start:
        .functype _start () -> (i32)
        global.get h@GOT
        i32.const h
        i32.add
        call h
        global.get y@GOT
        i32.add
        i32.const _start
        i32.add
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 4 4 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global $GOT.func.internal.h (;1;) i32 i32.const 0)
  (global $GOT.func.internal.y (;2;) i32 i32.const 0)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (elem (;0;) (i32.const 1) func $undefined_stub $undefined_stub $_start)
  (func $undefined_stub (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 1) (result i32)
    global.get $GOT.func.internal.h
    i32.const 1
    i32.add
    call $undefined_stub
    global.get $GOT.func.internal.y
    i32.add
    i32.const 3
    i32.add
  )
)

