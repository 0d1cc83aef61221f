# `--export=` of a weak missing function is no error in a module at a fixed address: lld has
# made the function its `undefined_weak:` stub when it checks the exports, which counts as
# found, and it exports nothing, as wasm-ld-19 links it.
# RUN: --export=wa w.o
# --- w.s
        .functype wa () -> ()
        .weak wa
        .globl  _start
_start:
        .functype _start () -> ()
        call wa
        end_function
        .globl  ctor
ctor:
        .functype ctor () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  ctor
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $ctor
  )
  (func $undefined_weak:wa (;1;) (type 0)
    unreachable
  )
  (func $_start (;2;) (type 0)
    call $undefined_weak:wa
  )
  (func $ctor (;3;) (type 0))
  (func $_start.command_export (;4;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
)

