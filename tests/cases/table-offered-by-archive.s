# An archive member offers `__indirect_function_table`, and nothing extracts it: wasm-ld-19
# still refuses the link, in its words (its symbol for an archive's offer is not a table).
# RUN: --no-entry --export=run main.o libt.a
# --- main.s -mattr=+reference-types
        .globl run
run:
        .functype run () -> ()
        end_function
# --- t.s -mattr=+reference-types
        .tabletype __indirect_function_table, funcref
        .globl __indirect_function_table
__indirect_function_table:
# --- libt.a t.o
# --- EXPECT
error: reserved symbol must be of type table: `__indirect_function_table`
