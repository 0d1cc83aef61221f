# A weak definition that loses to one of another signature is a stub for its own file's calls
# (lld's variants), and those calls do not keep the winning definition: nothing else calls the
# strong `f`, so GC drops it, as wasm-ld does.
# RUN: --export=g a.o b.o
# --- a.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .weak  f
f:
        .functype f () -> ()
        end_function
        .globl  g
g:
        .functype g () -> ()
        call f
        end_function
# --- EXPECT
;; warning: function signature mismatch: f
>>> defined as () -> void in b.o
>>> defined as () -> i32 in a.o
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "g" (func $g))
  (func $signature_mismatch:f (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 0))
  (func $g (;2;) (type 0)
    call $signature_mismatch:f
  )
)

