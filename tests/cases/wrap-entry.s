# `--entry=f --wrap=f`: lld takes the entry symbol before it wraps, so the real `f` is exported
# as the entry, while GC keeps what the name `f` means afterwards, `__wrap_f`, too.
# RUN: --wrap=f --entry=f main.o w.o def.o
# --- main.s
        .functype f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        call f
        end_function
# --- def.s
        .globl f
f:
        .functype f () -> (i32)
        i32.const 3
        end_function
# --- w.s
        .functype __real_f () -> (i32)
        .globl __wrap_f
__wrap_f:
        .functype __wrap_f () -> (i32)
        call __real_f
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "f" (func $f))
  (func $__wrap_f (;0;) (type 0) (result i32)
    call $f
  )
  (func $f (;1;) (type 0) (result i32)
    i32.const 3
  )
)

