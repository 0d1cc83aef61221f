# `__start_X` and `__stop_X` are hidden, as lld defines them, whatever the reference's flags:
# `--export-dynamic` does not export them (nor would a PIC module import them through the GOT).
# RUN: --export-dynamic main.o foo.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const __start_foo
        i32.const __stop_foo
        i32.sub
        end_function
# --- foo.s
        .section foo,"",@
        .globl  in_foo
in_foo:
        .int32  1
        .size in_foo, 4
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global (;1;) i32 i32.const 1024)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "in_foo" (global 1))
  (func $_start (;0;) (type 0) (result i32)
    i32.const 1024
    i32.const 1028
    i32.sub
  )
  (data $foo (;0;) (i32.const 1024) "\01\00\00\00")
)

