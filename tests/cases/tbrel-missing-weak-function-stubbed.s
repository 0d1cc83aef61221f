# An offset from `__table_base` of a missing weak function is no error in a module at a fixed
# address: lld has made the function's stub by then (a defined symbol), and the offset is the
# null pointer's. (Of a missing strong one it is: `pic-relative-reloc-against-undefined.s`.)
# RUN: w.o
# --- w.s
        .globaltype __table_base, i32, immutable
        .functype f () -> ()
        .weak   f
        .globl  _start
_start:
        .functype _start () -> ()
        global.get __table_base
        i32.const f@TBREL
        i32.add
        drop
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global $__table_base (;1;) i32 i32.const 1)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0)
    global.get $__table_base
    i32.const 0
    i32.add
    drop
  )
)

