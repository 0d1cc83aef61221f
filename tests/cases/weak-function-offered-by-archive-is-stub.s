# A weak function that only an archive member defines, which weak references do not extract, is
# missing: lld makes it its `undefined_weak:` stub like any missing weak function (its lazy
# symbol is weak-undefined too). Without GC the stub is kept though only its address is taken,
# which is the null pointer. (wasmlink made no stub for it.)
# RUN: --no-gc-sections a.o lib.a
# --- def.s
        .globl  wf
        .section .text.wf,"",@
wf:
        .functype wf () -> ()
        end_function
# --- lib.a def.o
# --- a.s
        .functype wf () -> ()
        .weak wf
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        i32.const wf
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $undefined_weak:wf (;1;) (type 0)
    unreachable
  )
  (func $_start (;2;) (type 1) (result i32)
    i32.const 0
  )
)

