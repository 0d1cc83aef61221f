# `--noinhibit-exec` (LLD 20): a duplicate definition is a warning, and the later definition
# replaces the earlier (here `b.o`'s `foo`, returning 1), as lld goes on after the report.
# RUN: --noinhibit-exec a.o b.o
# --- a.s
        .globl  foo
foo:
        .functype foo () -> (i32)
        i32.const 0
        end_function
        .globl  _start
_start:
        .functype _start () -> (i32)
        call foo
        end_function
# --- b.s
        .globl  foo
foo:
        .functype foo () -> (i32)
        i32.const 1
        end_function
# --- EXPECT
;; warning: duplicate symbol: foo
>>> defined in a.o
>>> defined in b.o
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0) (result i32)
    call $foo
  )
  (func $foo (;1;) (type 0) (result i32)
    i32.const 1
  )
)

