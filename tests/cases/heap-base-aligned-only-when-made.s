# With a custom page size of 1 the memory ends where the data does: lld aligns the heap's
# start to 16 bytes only where `__heap_base` exists (here it does not: 1028 bytes; with
# `--export=__heap_base`, 1040).
# RUN: --page-size=1 --stack-first -z stack-size=1024 a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const foo
        end_function
        .section .data.foo,"",@
foo:
        .int32  0x11111111
        .size   foo, 4
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 1028 (pagesize 0x1))
  (global $__stack_pointer (;0;) (mut i32) i32.const 1024)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0) (result i32)
    i32.const 1024
  )
  (data $.data (;0;) (i32.const 1024) "\11\11\11\11")
)

