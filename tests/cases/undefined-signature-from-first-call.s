# A file that only takes the address of a missing function does not give it its signature when
# a later file calls it: the call's signature is the symbol's, and so is the caller's binding,
# as in wasm-ld-19, where the call replaces the first reference. So `f` is weak here, with a
# stub of the call's signature, and its address is null. (wasmlink had the address-taker's
# signature and binding: an undefined symbol error, or an invalid module where allowed.)
# RUN: --no-entry --export=ga --export=g1 a.o w.o
# --- a.s
        .functype f (i32) -> ()
        .globl  ga
        .section .text.ga,"",@
ga:
        .functype ga () -> (i32)
        i32.const f
        end_function
# --- w.s
        .functype f () -> (i32)
        .weak f
        .globl  g1
        .section .text.g1,"",@
g1:
        .functype g1 () -> (i32)
        call f
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "ga" (func $ga))
  (export "g1" (func $g1))
  (func $undefined_weak:f (;0;) (type 0) (result i32)
    unreachable
  )
  (func $ga (;1;) (type 0) (result i32)
    i32.const 0
  )
  (func $g1 (;2;) (type 0) (result i32)
    call $undefined_weak:f
  )
)

