# `--wrap=f` in PIC output: code calls `f` (sent to `__wrap_f`) only in a function GC removes,
# and takes its address through the GOT. A missing function is imported as a function only
# where some code calls it by that name (lld's `isCalledDirectly`, which the wrapper's symbol
# does not inherit): here `__wrap_f` is only a `GOT.func` import, as in wasm-ld.
# RUN: --experimental-pic -shared --allow-undefined --wrap=f main.o
# --- main.s
        .globaltype f@GOT, i32, immutable
        .functype f () -> ()
dead:
        .functype dead () -> ()
        call f
        end_function
        .globl  get
get:
        .functype get () -> (i32)
        global.get f@GOT
        end_function
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 0))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "GOT.func" "__wrap_f" (global $__wrap_f (;2;) (mut i32)))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "get" (func $get))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $get (;2;) (type 1) (result i32)
    global.get $__wrap_f
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

