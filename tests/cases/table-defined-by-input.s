# An object that defines `__indirect_function_table` (a weak one here, as hand-written
# assembly may): only the linker makes that table, after GC, so this is an error, as in
# wasm-ld-19. (wasmlink used to keep the object's table for its `call_indirect` and put the
# function pointers into a table of its own, which the program never read.)
# RUN: --no-entry --export=run t.o
# --- t.s -mattr=+reference-types
        .tabletype __indirect_function_table, funcref
        .weak __indirect_function_table
__indirect_function_table:
        .section .text.target,"",@
target:
        .functype target () -> ()
        end_function
        .section .text.run,"",@
        .globl run
run:
        .functype run () -> ()
        i32.const target
        call_indirect __indirect_function_table, () -> ()
        end_function
# --- EXPECT
error: reserved symbol must not be defined in input files: `__indirect_function_table`
