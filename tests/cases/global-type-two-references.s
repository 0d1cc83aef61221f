# Two references to one missing global with different types are not compared (lld checks a
# reference only against a definition): the global is imported with the first one's type, as
# wasm-ld-19 imports it. (The C library's crt1 imports `__memory_base` mutable, others not.)
# RUN: --allow-undefined --no-entry --export=a --export=b --features=mutable-globals a.o b.o
# --- a.s
.globaltype g, i32
.globl a
a:
.functype a () -> (i32)
  global.get g
  end_function
# --- b.s
.globaltype g, i32, immutable
.globl b
b:
.functype b () -> (i32)
  global.get g
  end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (import "env" "g" (global $g (;0;) (mut i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;1;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "a" (func $a))
  (export "b" (func $b))
  (func $a (;0;) (type 0) (result i32)
    global.get $g
  )
  (func $b (;1;) (type 0) (result i32)
    global.get $g
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

