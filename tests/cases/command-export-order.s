# Command export wrappers are symbols lld makes after all the others, so the exports they
# replace come last: `c` before `f`, though `f` was named first.
# RUN: --no-entry --export=f --export=c main.o
# --- main.s
        .functype f () -> (i32)
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  ctor
ctor:
        .functype ctor () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32 ctor
        .section .data.c,"",@
        .globl  c
c:
        .int32  7
        .size c, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global (;1;) i32 i32.const 1024)
  (export "memory" (memory 0))
  (export "c" (global 1))
  (export "f" (func $f.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $ctor
  )
  (func $f (;1;) (type 1) (result i32)
    i32.const 1
  )
  (func $ctor (;2;) (type 0))
  (func $f.command_export (;3;) (type 1) (result i32)
    call $__wasm_call_ctors
    call $f
  )
  (data $.data (;0;) (i32.const 1024) "\07\00\00\00")
)

