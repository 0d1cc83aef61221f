# An archive member that defines one of the symbols lld makes before it reads any input
# (`__wasm_call_ctors`, `__stack_pointer`, ...) is not pulled in by a reference to it: lld's own
# definition is already there and its `addLazy` drops the offer, so the call goes to the
# linker's function, as in wasm-ld 19. (wasmlink extracted `ctors.o` and reported a duplicate
# symbol.)
# RUN: a.o libc.a
# --- ctors.s
        .globl  __wasm_call_ctors
__wasm_call_ctors:
        .functype __wasm_call_ctors () -> ()
        unreachable
        end_function
# --- libc.a ctors.o
# --- a.s
        .functype __wasm_call_ctors () -> ()
        .globl  _start
_start:
        .functype _start () -> ()
        call    __wasm_call_ctors
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $_start (;1;) (type 0)
    call $__wasm_call_ctors
  )
)

