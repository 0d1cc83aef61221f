# An imported memory may not be fresh: without bulk memory to zero it at start, .bss is
# written out as zeroes (wasm-ld's emitBssSegments).
# RUN: --no-entry --import-memory --export=get plain.o -o plain.wasm
# --- plain.s
        .globl  get
get:
        .functype get () -> (i32)
        i32.const counter
        i32.load 0
        end_function

        .section .bss.counter,"",@
        .globl counter
counter:
        .int32  0
        .size   counter, 4
# --- EXPECT
(module $plain.wasm
  (type (;0;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 2))
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (export "get" (func $get))
  (func $get (;0;) (type 0) (result i32)
    i32.const 1024
    i32.load
  )
  (data $.bss (;0;) (i32.const 1024) "\00\00\00\00")
)

