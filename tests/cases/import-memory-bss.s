# An imported memory may not be fresh: with bulk memory, its .bss is zeroed at start by
# __wasm_init_memory (memory.fill), as wasm-ld does; the .data segment stays active.
# RUN: --no-entry --import-memory --export=get bulk.o -o bulk.wasm
# --- bulk.s -mattr=+bulk-memory
        .globl  get
get:
        .functype get () -> (i32)
        i32.const counter
        i32.load 0
        i32.const value
        i32.load 0
        i32.add
        end_function

        .section .bss.counter,"",@
        .globl counter
counter:
        .int32  0
        .size   counter, 4

        .section .data.value,"",@
        .globl value
value:
        .int32  40
        .size   value, 4

        .section .custom_section.target_features,"",@
        .int8 1
        .int8 43
        .int8 11
        .ascii "bulk-memory"
# --- EXPECT
(module $bulk.wasm
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 2))
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (export "get" (func $get))
  (start $__wasm_init_memory)
  (func $__wasm_init_memory (;0;) (type 0)
    i32.const 1028
    i32.const 0
    i32.const 4
    memory.fill
  )
  (func $get (;1;) (type 1) (result i32)
    i32.const 1028
    i32.load
    i32.const 1024
    i32.load
    i32.add
  )
  (data $.data (;0;) (i32.const 1024) "(\00\00\00")
  (@custom "target_features" (after data) "\01+\0bbulk-memory")
)

