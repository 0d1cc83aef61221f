# A shared library's weak function is imported as well as defined, so that the program may
# provide it; as a constructor it is called through the import too, as wasm-ld 19's
# `__wasm_call_ctors` does (wasmlink called the library's own).
# RUN: --experimental-pic -shared a.o
# --- a.s
        .section .text.ctor,"",@
        .weak   ctor
        .type   ctor,@function
ctor:
        .functype ctor () -> ()
        end_function
        .section .init_array.5,"",@
        .p2align 2
        .int32  ctor
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (import "env" "memory" (memory (;0;) 0))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "env" "ctor" (func $ctor (;0;) (type 0)))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "ctor" (func $"#func3 ctor"))
  (func $__wasm_call_ctors (;1;) (type 0)
    call $ctor
  )
  (func $__wasm_apply_data_relocs (;2;) (type 0))
  (func $"#func3 ctor" (@name "ctor") (;3;) (type 0))
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

