# An input's weak definition of `__wasm_call_ctors` names it, as an input's call does: lld then
# does not look for `__wasm_call_dtors`, so the archive member that defines it is not pulled in
# (and nothing calls it), as in wasm-ld 19. (wasmlink extracted `dtors.o`.)
# RUN: --no-entry --export=_start a.o libd.a
# --- dtors.s
        .section .text.__wasm_call_dtors,"",@
        .globl  __wasm_call_dtors
        .type   __wasm_call_dtors,@function
__wasm_call_dtors:
        .functype __wasm_call_dtors () -> ()
        end_function
# --- libd.a dtors.o
# --- a.s
        .section .text.__wasm_call_ctors,"",@
        .weak   __wasm_call_ctors
        .type   __wasm_call_ctors,@function
__wasm_call_ctors:
        .functype __wasm_call_ctors () -> ()
        end_function
        .section .text._start,"",@
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0))
)

