# A library's export of a name the linker makes before it reads the inputs (`__tls_base` with
# threads) leaves the linker's own in place, whichever comes first, as in wasm-ld; the object's
# `global.get` reads the linker's global. (A function export of another kind is a mismatch:
# `shared-function-named-like-linker-global.s`.)
# RUN: --experimental-pic -pie --shared-memory --max-memory=131072 libtls.so main.o
# --- main.s -mattr=+atomics,+bulk-memory
        .globaltype __tls_base, i32
        .globl  _start
_start:
        .functype _start () -> ()
        global.get __tls_base
        drop
        end_function
        .section .custom_section.target_features,"",@
        .int8   2
        .int8   43
        .int8   7
        .ascii  "atomics"
        .int8   43
        .int8   11
        .ascii  "bulk-memory"
# --- libtls.wat
(module
  (@dylink.0 (mem-info))
  (global (export "__tls_base") i32 (i32.const 0)))
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
    (needed "libtls.so")
  )
  (type (;0;) (func))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (memory (;0;) 0 2 shared)
  (global $__tls_base (;2;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $_start (;2;) (type 0)
    global.get $__tls_base
    drop
  )
  (@custom "target_features" (after code) "\03+\07atomics+\0bbulk-memory+\0fmutable-globals")
)

