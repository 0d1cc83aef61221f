# wasm64: a memory64, an i64 `__stack_pointer`, a table64 function table, 64-bit addresses in
# code (MEMORY_ADDR_SLEB64), in data (MEMORY_ADDR_I64, TABLE_INDEX_I64) and exported data
# symbols as i64 globals.
# RUN: --no-entry -mwasm64 --export=get --export=table_ptr a.o -o a.wasm
# --- a.s -triple=wasm64-unknown-unknown
        .globl  get
get:
        .functype get () -> (i64)
        i64.const value
        i64.load 0
        end_function

        .globl  callee
callee:
        .functype callee () -> ()
        end_function

        .section .data.value,"",@
        .globl value
value:
        .int64  42
        .size   value, 8

        .section .data.table_ptr,"",@
        .globl table_ptr
table_ptr:
        .int64  value
        .int64  callee
        .size   table_ptr, 16
# --- EXPECT
(module $a.wasm
  (type (;0;) (func (result i64)))
  (type (;1;) (func))
  (table (;0;) i64 2 2 funcref)
  (memory (;0;) i64 2)
  (global $__stack_pointer (;0;) (mut i64) i64.const 66592)
  (global (;1;) i64 i64.const 1032)
  (export "memory" (memory 0))
  (export "get" (func $get))
  (export "table_ptr" (global 1))
  (elem (;0;) (i64.const 1) func $callee)
  (func $get (;0;) (type 0) (result i64)
    i64.const 1024
    i64.load
  )
  (func $callee (;1;) (type 1))
  (data $.data (;0;) (i64.const 1024) "*\00\00\00\00\00\00\00\00\04\00\00\00\00\00\00\01\00\00\00\00\00\00\00")
)

