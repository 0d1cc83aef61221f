# The other side of `table-named-as-data`: with `--import-table` the table is not the linker's
# to place, and a later data reference to it gets address 0 and links, as in wasm-ld 19.
# RUN: --import-table t.o d.o
# --- t.s
        .globl  _start
_start:
        .functype _start () -> ()
        i32.const 0
        call_indirect () -> ()
        end_function
# --- d.s
        .globl  g
g:
        .functype g () -> ()
        i32.const __indirect_function_table
        drop
        end_function
        .type   __indirect_function_table,@object
        .no_dead_strip g
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "__indirect_function_table" (table (;0;) 1 funcref))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0)
    i32.const 0
    call_indirect (type 0)
  )
  (func $g (;1;) (type 0)
    i32.const 0
    drop
  )
)

