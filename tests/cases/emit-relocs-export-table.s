# `--emit-relocs` with `--export-table`: lld makes the indirect function table visible (flags
# 0) when it exports it, hidden otherwise. wasmlink wrote it hidden.
# RUN: --emit-relocs --export-table a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const _start
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (table (;0;) 2 2 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "__indirect_function_table" (table 0))
  (elem (;0;) (i32.const 1) func $_start)
  (func $_start (;0;) (type 0) (result i32)
    i32.const 1
  )
  (@custom "linking" (after code) "\02\08(\02\00\00\00\06_start\05\00\00\19__indirect_function_table")
  (@custom "reloc.CODE" (after code) "\07\01\01\04\00")
)

