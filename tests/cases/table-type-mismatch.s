# A table defined as `externref` in one object and imported as `funcref` by another:
# `Table type mismatch`, in wasm-ld-19's words (lld compares the element types, not the limits).
# RUN: --no-entry --export=run a.o b.o
# --- a.s -mattr=+reference-types
        .tabletype refs, externref, 2
        .globl refs
refs:
# --- b.s -mattr=+reference-types
        .tabletype refs, funcref
        .globl run
run:
        .functype run () -> (i32)
        table.size refs
        end_function
# --- EXPECT
error: Table type mismatch: refs
>>> defined as type=externref; limits=[flags=0x0; min=2] in a.o
>>> defined as type=funcref; limits=[flags=0x0; min=0] in b.o
