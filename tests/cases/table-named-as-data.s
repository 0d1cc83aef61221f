# A later reference that names `__indirect_function_table` as data is an error, as the first
# would be: wasm-ld 19 checks only the first reference against its table and writes -1 for
# the data address; wasmlink wrote 0.
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
