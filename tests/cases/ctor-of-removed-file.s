# A constructor entry of a file GC removed whole (an archive member `dead` pulled in, for `h`)
# still counts where its symbol is live for another reason: the member's weak `ctor` lost to
# main.o's, which `_start` calls, so `__wasm_call_ctors` calls main.o's `ctor`, as in wasm-ld 19,
# which looks at every file's entries. (wasmlink skipped the removed file's.)
# RUN: main.o libm.a
# --- m.s
        .globl  h
        .type   h,@function
h:
        .functype h () -> ()
        end_function
        .weak   ctor
        .type   ctor,@function
ctor:
        .functype ctor () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  ctor
# --- libm.a m.o
# --- main.s
        .functype h () -> ()
        .globl  ctor
        .type   ctor,@function
ctor:
        .functype ctor () -> ()
        end_function
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        call ctor
        end_function
        .globl  dead
        .type   dead,@function
dead:
        .functype dead () -> ()
        call h
        end_function
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
  (func $ctor (;1;) (type 0))
  (func $_start (;2;) (type 0)
    call $ctor
  )
  (func $_start.command_export (;3;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
)

