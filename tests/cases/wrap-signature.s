# --wrap is applied after signatures are compared, as lld does: the wrapped definition's
# references go to `__wrap_foo` even though its signature differs, with no mismatch stub.
# RUN: --wrap=foo --export=_start a.o b.o
# --- a.s
        .globl  foo
foo:
        .functype foo () -> (i32)
        i32.const 1
        end_function
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const foo
        end_function
# --- b.s
        .globl  __wrap_foo
__wrap_foo:
        .functype __wrap_foo (i32) -> (i32)
        local.get 0
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func (param i32) (result i32)))
  (table (;0;) 2 2 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (elem (;0;) (i32.const 1) func $__wrap_foo)
  (func $_start (;0;) (type 0) (result i32)
    i32.const 1
  )
  (func $__wrap_foo (;1;) (type 1) (param i32) (result i32)
    local.get 0
  )
)

