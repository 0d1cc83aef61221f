# With --unresolved-symbols=import-dynamic at a fixed address, code may take a missing weak
# function's address (R_WASM_TABLE_INDEX_SLEB): lld has made the symbol its stub, so nothing is
# left to the loader and it is the null pointer. (wasmlink asked to recompile with -fPIC, as for
# a strong one, which the loader would provide.)
# RUN: --unresolved-symbols=import-dynamic a.o
# --- a.s
        .functype f () -> (i32)
        .weak f
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        i32.const f
        end_function
# --- EXPECT
;; warning: dynamic imports are not yet stable (--unresolved-symbols=import-dynamic)
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (func $__wasm_apply_data_relocs (;0;) (type 0))
  (func $_start (;1;) (type 1) (result i32)
    i32.const 0
  )
)

