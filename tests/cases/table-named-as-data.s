# A later reference that names `__indirect_function_table` as data, in live code of a final link
# where the linker defines the table, is an error, as the first would be: wasm-ld 19 checks only
# the first reference against its table and writes -1 for the data address; wasmlink wrote 0.
# (Where GC drops it, with --import-table, in -r and PIC links, both link or report as lld.)
# RUN: t.o d.o
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
error: reserved symbol must be of type table: `__indirect_function_table`
