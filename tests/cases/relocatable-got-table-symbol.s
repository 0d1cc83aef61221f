# `-r` of a PIC object whose GOT entry holds a function's address: the output imports the
# indirect function table for it, and its symbol table names that table (undefined, hidden),
# as wasm-ld-19 writes it, though no object named the table.
# RUN: -r gotpic.o
# --- gotpic.s
        .functype f (i32) -> ()
        .globl  ga
        .section .text.ga,"",@
ga:
        .functype ga () -> (i32)
        global.get f@GOT
        end_function
# --- EXPECT
(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func (result i32)))
  (import "env" "f" (func $f (;0;) (type 0) (param i32)))
  (import "env" "__indirect_function_table" (table (;0;) 2 funcref))
  (memory (;0;) 0)
  (global $GOT.func.internal.f (;0;) i32 i32.const 1)
  (elem (;0;) (i32.const 1) func $f)
  (func $ga (;1;) (type 1) (result i32)
    global.get $GOT.func.internal.f
  )
  (@custom "linking" (after code) "\02\08\0d\03\00\00\01\02ga\00\10\00\05\14\00")
  (@custom "reloc.CODE" (after code) "\06\01\07\04\01")
)

