# Without GC, lld keeps the body of a function whose comdat another file's copy won: its chunks
# start out live, and a discarded one only loses its symbol. The output holds both copies of
# `f`, the second unnamed but in the name section, as wasm-ld-19 links it.
# RUN: --no-gc-sections c1.o c2.o
# --- c1.s
        .section .text.f,"G",@,fcomdat,comdat
        .globl  f
        .weak f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        call f
        end_function
# --- c2.s
        .section .text.f,"G",@,fcomdat,comdat
        .globl  f
        .weak f
f:
        .functype f () -> (i32)
        i32.const 2
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $f (;1;) (type 1) (result i32)
    i32.const 1
  )
  (func $_start (;2;) (type 1) (result i32)
    call $f
  )
  (func $"#func3 f" (@name "f") (;3;) (type 1) (result i32)
    i32.const 2
  )
)

