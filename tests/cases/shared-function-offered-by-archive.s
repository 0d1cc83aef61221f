# A shared library's function replaces an archive's offer of the name, as in LLD 23: the member
# is no longer extracted for it, and a call goes to the library (wasm-ld 19 reports a type
# mismatch with a "section" there).
# RUN: --experimental-pic -pie libf.a libf.so main.o
# --- main.s
        .functype f () -> ()
        .globl  _start
_start:
        .functype _start () -> ()
        call f
        end_function
# --- f.s
        .globl  f
f:
        .functype f () -> ()
        end_function
# --- libf.a f.o
# --- libf.wat
(module
  (@dylink.0 (mem-info))
  (func (export "f")))
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
    (needed "libf.so")
  )
  (type (;0;) (func))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "env" "f" (func $f (;0;) (type 0)))
  (memory (;0;) 0)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;1;) (type 0))
  (func $__wasm_apply_data_relocs (;2;) (type 0))
  (func $_start (;3;) (type 0)
    call $f
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

