# A weak missing function whose address one file takes with one signature, and another file
# calls with another: lld makes one `undefined_weak:` stub, with the symbol's signature (the
# call's), also without GC, as wasm-ld-19 links it.
# RUN: --no-gc-sections x.o y.o
# --- x.s
        .functype wa () -> ()
        .weak wa
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const wa
        end_function
# --- y.s
        .functype wa (i32) -> ()
        .weak wa
        .globl  g
g:
        .functype g () -> ()
        i32.const 0
        call wa
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (type (;2;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $undefined_weak:wa (;1;) (type 1) (param i32)
    unreachable
  )
  (func $_start (;2;) (type 2) (result i32)
    i32.const 0
  )
  (func $g (;3;) (type 0)
    i32.const 0
    call $undefined_weak:wa
  )
)

