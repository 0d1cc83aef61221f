# `-r`: as relocatable-archive-offer-lost-comdat, but the member offers `h` before `g`: `h` is
# lazy when the member is extracted, and undefined once its definition is dropped with the
# comdat. It is written as an undefined symbol naming its import, as the other order has it
# (wasm-ld-19 crashes here). wasmlink used to keep the offer's flags and write it as a definition
# whose index named the import: an object no linker reads back.
# RUN: -r a.o lib.a
# --- a.s
.functype g () -> ()
.section .text.f,"G",@,cd,comdat
.globl f
f:
.functype f () -> ()
  call g
  end_function
# --- m.s
.section .text.h,"G",@,cd,comdat
.globl h
h:
.functype h () -> ()
  end_function

.section .text.g,"",@
.globl g
g:
.functype g () -> ()
  end_function
# --- lib.a m.o
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "h" (func $h (;0;) (type 0)))
  (memory (;0;) 0)
  (func $f (;1;) (type 0)
    call $g
  )
  (func $"#func2 h" (@name "h") (;2;) (type 0))
  (func $g (;3;) (type 0))
  (@custom "linking" (after code) "\02\08\0e\03\00\00\01\01f\00\00\03\01g\00\10\00\07\0a\01\02cd\00\02\01\01\01\02")
  (@custom "reloc.CODE" (after code) "\04\01\00\04\01")
)

