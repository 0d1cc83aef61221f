# `--wrap=f` where a shared library defines `f` and nothing defines `__wrap_f`: the object's
# calls go to `__wrap_f`, imported with the type of the first call sent to it (wasmlink
# panicked there: a wrapper made by the linker has no signature of its own, and a library's
# symbol no reference to take one from; wasm-ld 19 crashes).
# RUN: --experimental-pic -shared --allow-undefined --wrap=f libd.so main.o
# --- main.s
        .functype f () -> ()
        .globl  run
run:
        .functype run () -> ()
        call f
        end_function
# --- libd.wat
(module
  (@dylink.0 (mem-info))
  (func (export "f")))
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
    (needed "libd.so")
  )
  (type (;0;) (func))
  (import "env" "memory" (memory (;0;) 0))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "env" "__wrap_f" (func $__wrap_f (;0;) (type 0)))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "run" (func $run))
  (func $__wasm_call_ctors (;1;) (type 0))
  (func $__wasm_apply_data_relocs (;2;) (type 0))
  (func $run (;3;) (type 0)
    call $__wrap_f
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

