# In `-r` output the indirect function table's symbol keeps the flags the object gave it
# (here plain undefined), as wasm-ld-19 keeps them; wasmlink had made it no-strip.
# RUN: -r ci.o
# --- ci.s -mattr=+reference-types
        .tabletype __indirect_function_table, funcref
        .functype h () -> ()
        .globl  gc
        .section .text.gc,"",@
gc:
        .functype gc (i32) -> ()
        local.get 0
        call_indirect __indirect_function_table, () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (import "env" "__indirect_function_table" (table (;0;) 1 funcref))
  (memory (;0;) 0)
  (func $gc (;0;) (type 1) (param i32)
    local.get 0
    call_indirect (type 0)
  )
  (@custom "linking" (after code) "\02\08\0a\02\00\00\00\02gc\05\10\00")
  (@custom "reloc.CODE" (after code) "\04\02\06\06\00\14\0b\01")
)

