# With --unresolved-symbols=import-dynamic at a fixed address, a missing weak function's address
# in data is the null pointer, as lld makes it (the symbol is its stub there): no GOT.func
# import for the loader to fill, and no store in __wasm_apply_data_relocs. (wasmlink imported it.)
# RUN: --unresolved-symbols=import-dynamic --no-entry --export=p a.o
# --- a.s
        .functype f () -> (i32)
        .weak f
        .section .data.p,"",@
        .globl p
p:
        .int32 f
        .size p, 4
# --- EXPECT
;; warning: dynamic imports are not yet stable (--unresolved-symbols=import-dynamic)
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global (;1;) i32 i32.const 1024)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "p" (global 1))
  (func $__wasm_apply_data_relocs (;0;) (type 0))
  (data $.data (;0;) (i32.const 1024) "\00\00\00\00")
)

