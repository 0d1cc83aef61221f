# Debug information's function offset of a missing weak function that is called points into its
# `undefined_weak:` stub, as wasm-ld-19 writes it (it makes the symbol the stub); wasmlink wrote
# a tombstone.
# RUN: a.o
# --- a.s
        .functype wf () -> ()
        .weak wf
        .globl  _start
_start:
        .functype _start () -> ()
        call wf
        end_function
        .section .debug_info,"",@
        .int32  wf
        .int32  _start
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $undefined_weak:wf (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 0)
    call $undefined_weak:wf
  )
  (@custom ".debug_info" (after code) "\01\00\00\00\06\00\00\00")
)

