# `-r`: weak references to a data symbol and a function that only an archive member defines.
# Weak references extract nothing, and the object keeps both as weak undefined symbols with their
# relocations, for the final link to resolve: the output is what `-r a.o` alone makes (as
# wasm-ld-19 makes it; with the archive, wasm-ld-19 crashes). wasmlink used to drop the symbols
# and their relocations, writing address 0 and an import the final link could not resolve.
# RUN: -r a.o lib.a
# --- a.s
.weak x
.globl get
get:
.functype get () -> (i32)
  i32.const x
  end_function
.weak fn
.functype fn () -> ()
.globl callit
callit:
.functype callit () -> ()
  call fn
  end_function
# --- m.s
.globl fn
fn:
.functype fn () -> ()
  end_function

.section .data.x,"",@
.globl x
x:
.int32 5
.size x, 4
# --- lib.a m.o
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "fn" (func $fn (;0;) (type 0)))
  (memory (;0;) 0)
  (func $get (;1;) (type 1) (result i32)
    i32.const 0
  )
  (func $callit (;2;) (type 0)
    call $fn
  )
  (@custom "linking" (after code) "\02\08\19\04\01\11\01x\00\00\01\03get\00\11\00\00\00\02\06callit")
  (@custom "reloc.CODE" (after code) "\04\02\04\04\00\00\00\0d\02")
)

