# `-r` with an imported memory and a `.bss` segment, where bulk memory is in use: the object gets
# no start function (wasm-ld-19 makes no init functions for `-r`); the final link makes
# `__wasm_init_memory`. wasmlink used to write a start section, which no linker reads back.
# RUN: -r --import-memory a.o
# --- a.s
.globl _start
_start:
.functype _start () -> (i32)
  i32.const buf
  end_function

.section .bss.buf,"",@
.globl buf
buf:
  .skip 16
  .size buf, 16

.section .custom_section.target_features,"",@
.int8 1
.int8 43
.int8 11
.ascii "bulk-memory"
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $_start (;0;) (type 0) (result i32)
    i32.const 0
  )
  (data $.bss.buf (;0;) (i32.const 0) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
  (@custom "linking" (after data) "\02\08\14\02\00\00\00\06_start\01\00\03buf\00\00\10\05\0c\01\08.bss.buf\00\00")
  (@custom "reloc.CODE" (after data) "\03\01\04\04\01\00")
  (@custom "target_features" (after data) "\01+\0bbulk-memory")
)

