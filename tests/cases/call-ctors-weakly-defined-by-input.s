# An input's weak definition of `__wasm_call_ctors` yields to the linker's own, but it names the
# symbol, which lld counts as used in a regular object: as when an input calls it, the exports
# are not wrapped to run constructors (and `__wasm_call_dtors` is not looked for), as in
# wasm-ld 19. (wasmlink wrapped `_start`.)
# RUN: --no-entry --export=_start a.o
# --- a.s
        .section .text.__wasm_call_ctors,"",@
        .weak   __wasm_call_ctors
        .type   __wasm_call_ctors,@function
__wasm_call_ctors:
        .functype __wasm_call_ctors () -> ()
        end_function
        .section .text.init,"",@
        .globl  init
        .type   init,@function
init:
        .functype init () -> ()
        end_function
        .section .text._start,"",@
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  init
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $init
  )
  (func $init (;1;) (type 0))
  (func $_start (;2;) (type 0))
)

