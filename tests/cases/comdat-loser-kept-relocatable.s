# In `-r` output too (GC never runs there), the losing copy's body stays, listed in the comdat
# with the winner's, as wasm-ld-19 writes it.
# RUN: -r c1.o c2.o
# --- c1.s
        .section .text.f,"G",@,fcomdat,comdat
        .globl  f
        .weak f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        call f
        end_function
# --- c2.s
        .section .text.f,"G",@,fcomdat,comdat
        .globl  f
        .weak f
f:
        .functype f () -> (i32)
        i32.const 2
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 0)
  (func $f (;0;) (type 0) (result i32)
    i32.const 1
  )
  (func $_start (;1;) (type 0) (result i32)
    call $f
  )
  (func $"#func2 f" (@name "f") (;2;) (type 0) (result i32)
    i32.const 2
  )
  (@custom "linking" (after code) "\02\08\10\02\00\01\00\01f\00\00\01\06_start\07\0f\01\07fcomdat\00\02\01\00\01\02")
  (@custom "reloc.CODE" (after code) "\03\01\00\09\00")
)

