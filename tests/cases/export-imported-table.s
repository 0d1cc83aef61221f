# An imported table is lld's undefined symbol: `--export=__indirect_function_table` does not
# find it, as in wasm-ld-19.
# RUN: --no-entry --import-table --export=__indirect_function_table t.o
# --- t.s
        .globl  _start
_start:
        .functype _start () -> ()
        i32.const 0
        call_indirect () -> ()
        end_function
# --- EXPECT
error: symbol exported via --export not found: __indirect_function_table
