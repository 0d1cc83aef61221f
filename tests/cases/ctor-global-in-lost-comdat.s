# A constructor whose global symbol is in a comdat another file's copy won (C++'s `inline
# __attribute__((constructor))` function in a header): each file's entry names what the symbol
# resolved to, the winner's function, so `__wasm_call_ctors` calls it once for each file, as in
# wasm-ld 19. (wasmlink skipped the losing file's entry: it ran once.)
# RUN: a.o b.o
# --- a.s
        .section .text.init_counter,"G",@,init_counter,comdat
        .weak   init_counter
        .type   init_counter,@function
init_counter:
        .functype init_counter () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  init_counter

        .section .text._start,"",@
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .section .text.init_counter,"G",@,init_counter,comdat
        .weak   init_counter
        .type   init_counter,@function
init_counter:
        .functype init_counter () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  init_counter
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $init_counter
    call $init_counter
  )
  (func $init_counter (;1;) (type 0))
  (func $_start (;2;) (type 0))
  (func $_start.command_export (;3;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
)

