# `--wrap=d` of a data symbol whose `__wrap_d` is data too: the linker references `__wrap_d` as a
# function, so it is a type mismatch, as in wasm-ld-19.
# RUN: --wrap=d main.o def.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const d
        end_function
# --- def.s
        .section .data.d,"",@
        .globl d
d:
        .int32 1
        .size d, 4
        .section .data.wd,"",@
        .globl __wrap_d
__wrap_d:
        .int32 2
        .size __wrap_d, 4
# --- EXPECT
error: symbol type mismatch: __wrap_d
>>> defined as WASM_SYMBOL_TYPE_DATA in def.o
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in <internal>
