# `--export` and `--export-if-defined` names pull archive members in lld's order: one LLVM
# `StringSet` holds both flags' names, and lld walks it in its hash table's bucket order
# (f_gamma, f_zeta, f_beta, f_alpha, f_epsilon, f_delta here), not the command line's. Each
# member joins, its function placed, in that order. wasmlink took the command line's order, and
# so laid out Emscripten's links (`--export=stackSave ... --export=__errno_location`) otherwise.
# RUN: --no-entry --export=f_alpha --export-if-defined=f_beta --export=f_gamma --export-if-defined=f_delta --export=f_epsilon --export=f_zeta libf.a
# --- alpha.s
        .globl  f_alpha
f_alpha:
        .functype f_alpha () -> (i32)
        i32.const 1
        end_function
# --- beta.s
        .globl  f_beta
f_beta:
        .functype f_beta () -> (i32)
        i32.const 2
        end_function
# --- gamma.s
        .globl  f_gamma
f_gamma:
        .functype f_gamma () -> (i32)
        i32.const 3
        end_function
# --- delta.s
        .globl  f_delta
f_delta:
        .functype f_delta () -> (i32)
        i32.const 4
        end_function
# --- epsilon.s
        .globl  f_epsilon
f_epsilon:
        .functype f_epsilon () -> (i32)
        i32.const 5
        end_function
# --- zeta.s
        .globl  f_zeta
f_zeta:
        .functype f_zeta () -> (i32)
        i32.const 6
        end_function
# --- libf.a alpha.o beta.o gamma.o delta.o epsilon.o zeta.o
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "f_alpha" (func $f_alpha))
  (export "f_beta" (func $f_beta))
  (export "f_gamma" (func $f_gamma))
  (export "f_delta" (func $f_delta))
  (export "f_epsilon" (func $f_epsilon))
  (export "f_zeta" (func $f_zeta))
  (func $f_gamma (;0;) (type 0) (result i32)
    i32.const 3
  )
  (func $f_zeta (;1;) (type 0) (result i32)
    i32.const 6
  )
  (func $f_beta (;2;) (type 0) (result i32)
    i32.const 2
  )
  (func $f_alpha (;3;) (type 0) (result i32)
    i32.const 1
  )
  (func $f_epsilon (;4;) (type 0) (result i32)
    i32.const 5
  )
  (func $f_delta (;5;) (type 0) (result i32)
    i32.const 4
  )
)

