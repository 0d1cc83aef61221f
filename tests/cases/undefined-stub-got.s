# Missing functions sharing one `undefined_stub` keep a GOT entry each, named after the
# function (lld's entries are per symbol), both the null pointer.
# RUN: --unresolved-symbols=ignore-all a.o
# --- a.s
        .functype h () -> ()
        .functype y () -> ()
        .globl  _start
_start:
        .functype _start () -> (i32)
        call h
        call y
        global.get h@GOT
        global.get y@GOT
        i32.add
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global $GOT.func.internal.h (;1;) i32 i32.const 0)
  (global $GOT.func.internal.y (;2;) i32 i32.const 0)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $undefined_stub (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 1) (result i32)
    call $undefined_stub
    call $undefined_stub
    global.get $GOT.func.internal.h
    global.get $GOT.func.internal.y
    i32.add
  )
)

