# The layout's problems come in one order, whichever thread found them: the indirect table's
# (wasmlink's own check of a table too large for --table-base), then the memory map's (a stack
# size not 16-byte aligned, an initial memory too small), which wasm-ld-19 reports alike.
# RUN: --table-base=4294967295 -z stack-size=70008 --initial-memory=65536 --export=_start a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const _start
        end_function
# --- EXPECT
error: table too large: --table-base 4294967295 plus 1 entries is more than 4294967295
error: stack size must be 16-byte aligned
error: initial memory too small, 71032 bytes needed
