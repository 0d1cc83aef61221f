# A weak definition yields to a shared library's function that came first: the object's own
# call goes to the import (wasmlink failed with "relocation against i which has no place in the
# output").
# RUN: --experimental-pic -pie libi.so main.o
# --- main.s
        .weak   i
i:
        .functype i () -> ()
        end_function
        .globl  _start
_start:
        .functype _start () -> ()
        call i
        end_function
# --- libi.wat
(module
  (@dylink.0 (mem-info))
  (func (export "i")))
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
    (needed "libi.so")
  )
  (type (;0;) (func))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "env" "i" (func $i (;0;) (type 0)))
  (memory (;0;) 0)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;1;) (type 0))
  (func $__wasm_apply_data_relocs (;2;) (type 0))
  (func $_start (;3;) (type 0)
    call $i
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

