# A constructor entry of an archive member that GC removes, naming a function the member calls
# with another signature than its definition's: lld makes the member's symbol a signature
# variant, whose stub nothing keeps, and calls no constructor. (A version of wasmlink that took
# removed files' entries reported "constructor functions cannot take arguments" here.)
# RUN: main.o libm.a
# --- m.s
        .functype sfn () -> ()
        .globl  h
        .type   h,@function
h:
        .functype h () -> ()
        call sfn
        end_function
        .section .init_array.300,"",@
        .p2align 2
        .int32  sfn
# --- libm.a m.o
# --- main.s
        .functype h () -> ()
        .globl  sfn
        .type   sfn,@function
sfn:
        .functype sfn (i32) -> ()
        end_function
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        i32.const 0
        call sfn
        end_function
        .globl  dead
        .type   dead,@function
dead:
        .functype dead () -> ()
        call h
        end_function
# --- EXPECT
(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $sfn (;0;) (type 0) (param i32))
  (func $_start (;1;) (type 1)
    i32.const 0
    call $sfn
  )
)

