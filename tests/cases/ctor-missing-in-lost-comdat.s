# A constructor whose weak global symbol is in a comdat another file's copy won, and that copy
# does not define it: the entry names the missing weak function, which lld makes its
# `undefined_weak:` stub, and `__wasm_call_ctors` calls that (it traps), as in wasm-ld 19.
# (wasmlink dropped the entry.)
# RUN: --no-entry --export=_start a.o b.o
# --- a.s
        .section .text.k,"G",@,grp,comdat
        .globl  k
        .type   k,@function
k:
        .functype k () -> ()
        end_function
        .section .text._start,"",@
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .section .text.init,"G",@,grp,comdat
        .weak   init
        .type   init,@function
init:
        .functype init () -> ()
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
  (export "_start" (func $_start.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $undefined_weak:init
  )
  (func $undefined_weak:init (;1;) (type 0)
    unreachable
  )
  (func $_start (;2;) (type 0))
  (func $_start.command_export (;3;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
)

