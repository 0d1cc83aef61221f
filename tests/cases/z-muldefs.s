# `-z muldefs` (LLD 20) allows multiple definitions, like --allow-multiple-definition; the first
# one wins. Unknown -z keywords are a warning, as in wasm-ld.
# RUN: --no-entry --export=f -z muldefs -z frobnicate a.o b.o -o out.wasm
# --- a.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
# --- b.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 2
        end_function
# --- EXPECT
;; warning: unknown -z value: frobnicate
(module $out.wasm
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "f" (func $f))
  (func $f (;0;) (type 0) (result i32)
    i32.const 1
  )
)

