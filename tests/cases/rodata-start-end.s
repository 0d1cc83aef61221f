# `__rodata_start` and `__rodata_end` (LLD 23) span the `.rodata` output segments.
# RUN: --no-entry --export=span main.o -o main.wasm
# --- main.s
        .globl  span
span:
        .functype span () -> (i32)
        i32.const __rodata_end
        i32.const __rodata_start
        i32.sub
        i32.const greeting
        i32.load8_u 0
        i32.add
        end_function

        .section .rodata.greeting,"",@
greeting:
        .asciz "hello"
        .size greeting, 6
# --- EXPECT
(module $main.wasm
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (export "memory" (memory 0))
  (export "span" (func $span))
  (func $span (;0;) (type 0) (result i32)
    i32.const 1030
    i32.const 1024
    i32.sub
    i32.const 1024
    i32.load8_u
    i32.add
  )
  (data $.rodata (;0;) (i32.const 1024) "hello\00")
)

