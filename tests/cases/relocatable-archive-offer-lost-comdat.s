# `-r`: an archive member extracted for `g` also offers `h`, whose only definition, in its copy
# of comdat `cd`, lost to `a.o`'s. `h` stays an undefined symbol of the output, with its import,
# as in wasm-ld-19 (whose `addLazy` extracts for an undefined name but leaves it undefined).
# wasmlink used to make it lazy again when the index offered it after the extraction, and left
# it out of the output.
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
.globl g
g:
.functype g () -> ()
  end_function

.section .text.h,"G",@,cd,comdat
.globl h
h:
.functype h () -> ()
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
  (func $g (;2;) (type 0))
  (func $"#func3 h" (@name "h") (;3;) (type 0))
  (@custom "linking" (after code) "\02\08\0e\03\00\00\01\01f\00\00\02\01g\00\10\00\07\0a\01\02cd\00\02\01\01\01\03")
  (@custom "reloc.CODE" (after code) "\04\01\00\04\01")
)

