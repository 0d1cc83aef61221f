# In `-r` output, a reference to `__start_X` stays undefined, as wasm-ld-19 leaves it: the
# final link binds it to the segments it has then (wasmlink had defined it in the object).
# RUN: -r a.o
# --- a.s
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        i32.const __start_foo
        end_function
        .section foo,"",@
        .globl x
x:
        .int32 7
        .size x, 4
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 1)
  (func $_start (;0;) (type 0) (result i32)
    i32.const 0
  )
  (data $foo (;0;) (i32.const 0) "\07\00\00\00")
  (@custom "linking" (after data) "\02\08 \03\00\00\00\06_start\01\10\0b__start_foo\01\00\01x\00\00\04\05\07\01\03foo\00\00")
  (@custom "reloc.CODE" (after data) "\03\01\04\04\01\00")
)

