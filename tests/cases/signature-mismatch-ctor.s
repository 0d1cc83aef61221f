# A constructor whose weak definition lost to one of another signature is the mismatch stub:
# `__wasm_call_ctors` calls the stub (which traps, as in wasm-ld), and the winning definition,
# which nothing else calls, is dropped with what it references (here a missing `h`, which is
# then no error).
# RUN: a.o b.o
# --- a.s
        .functype h () -> ()
        .weak   i
i:
        .functype i () -> (i32)
        call h
        i32.const 1
        end_function
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .weak   i
i:
        .functype i () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  i
# --- EXPECT
;; warning: function signature mismatch: i
>>> defined as () -> void in b.o
>>> defined as () -> i32 in a.o
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $signature_mismatch:i
  )
  (func $signature_mismatch:i (;1;) (type 0)
    unreachable
  )
  (func $_start (;2;) (type 0))
  (func $_start.command_export (;3;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
)

