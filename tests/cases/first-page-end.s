# `__wasm_first_page_end` (LLD 21) is the end of the first page: 65536 by default. rustc 1.99's
# wasi-libc reads it to learn the page size. It is absolute: no data moves it.
# RUN: --no-entry --export=page_end main.o -o main.wasm
# --- main.s
        .globl  page_end
page_end:
        .functype page_end () -> (i32)
        i32.const __wasm_first_page_end
        end_function

        .section .data.foo,"",@
        .globl foo
foo:
        .int32  0x11111111
        .size   foo, 4
# --- EXPECT
(module $main.wasm
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "page_end" (func $page_end))
  (func $page_end (;0;) (type 0) (result i32)
    i32.const 65536
  )
)

