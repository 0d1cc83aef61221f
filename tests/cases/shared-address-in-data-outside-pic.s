# A module at a fixed address (-Bdynamic, not PIE) that holds a shared library's function's
# address in its data: as LLD 21 links it, the address comes from a `GOT.func` import, and
# `__wasm_apply_data_relocs`, exported for the loader, stores it (no `__memory_base`).
# wasm-ld 19 left the word 0. Code that takes such an address needs -fPIC (an error).
# RUN: -Bdynamic main.o libret32.so
# --- main.s
        .functype ret32 (f32) -> (i32)
        .globl  _start
_start:
        .functype _start () -> ()
        i32.const f_p
        drop
        end_function
        .section .data.f_p,"",@
f_p:
        .int32  ret32
        .size   f_p, 4
# --- libret32.wat
(module
  (@dylink.0 (mem-info))
  (func (export "ret32") (param f32) (result i32) i32.const 0))
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
    (needed "libret32.so")
  )
  (type (;0;) (func (param f32) (result i32)))
  (type (;1;) (func))
  (import "env" "ret32" (func $ret32 (;0;) (type 0) (param f32) (result i32)))
  (import "GOT.func" "ret32" (global $ret32 (;0;) (mut i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;1;) (mut i32) i32.const 66576)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (func $__wasm_apply_data_relocs (;1;) (type 1)
    i32.const 1024
    global.get $ret32
    i32.store
  )
  (func $_start (;2;) (type 1)
    i32.const 1024
    drop
  )
  (data $.data (;0;) (i32.const 1024) "\00\00\00\00")
)

