# Without GC a missing weak function has its stub even when only debug information names it,
# and that offset points into the stub, as in wasm-ld-19 (wasmlink wrote a tombstone).
# RUN: --no-gc-sections a.o
# --- a.s
        .functype wf () -> ()
        .weak wf
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .section .debug_info,"",@
        .int32  wf
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $undefined_weak:wf (;1;) (type 0)
    unreachable
  )
  (func $_start (;2;) (type 0))
  (@custom ".debug_info" (after code) "\04\00\00\00")
)

