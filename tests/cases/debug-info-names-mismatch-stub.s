# A file that calls a function with another signature than its definition's has its references
# sent to a `signature_mismatch:` stub; its debug information's offset of the function points
# into that stub too, as in wasm-ld-19, not into the definition.
# RUN: --export=f mm.o def.o
# --- mm.s
        .functype f (i32) -> ()
        .globl  _start
_start:
        .functype _start () -> ()
        i32.const 1
        call f
        end_function
        .section .debug_info,"",@
        .int32  f
        .int32  _start
# --- def.s
        .globl  f
        .section .text.f,"",@
f:
        .functype f () -> (i32)
        i32.const 5
        end_function
# --- EXPECT
;; warning: function signature mismatch: f
>>> defined as (i32) -> void in mm.o
>>> defined as () -> i32 in def.o
(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func))
  (type (;2;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "f" (func $f))
  (func $signature_mismatch:f (;0;) (type 0) (param i32)
    unreachable
  )
  (func $_start (;1;) (type 1)
    i32.const 1
    call $signature_mismatch:f
  )
  (func $f (;2;) (type 2) (result i32)
    i32.const 5
  )
  (@custom ".debug_info" (after code) "\01\00\00\00\06\00\00\00")
)

