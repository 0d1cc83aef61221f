# `--page-size=1` (custom-page-sizes): the memory counts single bytes, so its size is exact,
# and `__wasm_first_page_end` is 1.
# RUN: --no-entry --page-size=1 --export=page_end main.o -o main.wasm
# --- main.s
        .globl  page_end
page_end:
        .functype page_end () -> (i32)
        i32.const __wasm_first_page_end
        end_function
# --- EXPECT
(module $main.wasm
  (type (;0;) (func (result i32)))
  (memory (;0;) 66560 (pagesize 0x1))
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "page_end" (func $page_end))
  (func $page_end (;0;) (type 0) (result i32)
    i32.const 1
  )
)

