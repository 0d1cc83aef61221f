# `-r`: a function that only the losing copy of a comdat defines, which nothing references, is an
# undefined symbol of the output and gets an import of its own, as in wasm-ld-19 (every undefined
# function symbol of an object must name an import). wasmlink used to give it none and write
# index 0, which named `ext`'s import (or, with no import, a defined function).
# RUN: -r a.o b.o
# --- a.s
.section .text.f,"G",@,cd,comdat
.globl f
f:
.functype f () -> ()
  end_function
# --- b.s
.functype ext () -> ()
.globl use
use:
.functype use () -> ()
  call ext
  end_function

.section .text.g,"G",@,cd,comdat
.globl g
.weak g
g:
.functype g () -> ()
  end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "ext" (func $ext (;0;) (type 0)))
  (import "env" "g" (func $g (;1;) (type 0)))
  (memory (;0;) 0)
  (func $f (;2;) (type 0))
  (func $use (;3;) (type 0)
    call $ext
  )
  (func $"#func4 g" (@name "g") (;4;) (type 0))
  (@custom "linking" (after code) "\02\08\13\04\00\00\02\01f\00\00\03\03use\00\10\00\00\11\01\07\0a\01\02cd\00\02\01\02\01\04")
  (@custom "reloc.CODE" (after code) "\04\01\00\07\02")
)

