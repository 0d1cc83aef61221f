# `--wrap=f` where `f` is defined and called in one object and `__wrap_f` is in an archive: as
# in lld, wrapping references `__wrap_f` as the linker's own reference would, which extracts its
# member, and the object's call goes to it. (The session-10 start binary called an unreachable
# stub instead.)
# RUN: --wrap=f main.o libw.a
# --- main.s
        .functype f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        call f
        end_function
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
# --- wrap.s
        .globl  __wrap_f
__wrap_f:
        .functype __wrap_f () -> (i32)
        i32.const 2
        end_function
# --- libw.a wrap.o
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0) (result i32)
    call $__wrap_f
  )
  (func $__wrap_f (;1;) (type 0) (result i32)
    i32.const 2
  )
)

