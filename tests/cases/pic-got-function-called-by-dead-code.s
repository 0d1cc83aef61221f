# PIC: an undefined function whose address live code takes through the GOT, and which only code
# GC removes calls. It is imported as a function as well as through `GOT.func`, as in
# wasm-ld-19 (lld notes a direct call as it reads the object, live or not). wasmlink used to
# import only the GOT entry.
# RUN: --experimental-pic -shared --export=get --allow-undefined a.o
# --- a.s
        .functype ext () -> ()
        .globl get
get:
        .functype get () -> (i32)
        global.get ext@GOT
        end_function

        .globl unused
        .hidden unused
unused:
        .functype unused () -> ()
        call ext
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
  (import "env" "ext" (func $ext (;0;) (type 0)))
  (import "GOT.func" "ext" (global $ext (;2;) (mut i32)))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "get" (func $get))
  (func $__wasm_call_ctors (;1;) (type 0))
  (func $__wasm_apply_data_relocs (;2;) (type 0))
  (func $get (;3;) (type 1) (result i32)
    global.get $ext
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

