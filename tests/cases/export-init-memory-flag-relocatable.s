# `-r` output has no `__wasm_init_memory_flag` to export, as in wasm-ld-19.
# RUN: --no-entry --export=f --features=atomics,bulk-memory -r --export=__wasm_init_memory_flag a.o
# --- a.s -mattr=+atomics,+bulk-memory
        .globl  f
f:
        .functype f () -> (i32)
        i32.const buf
        end_function
        .section .data.buf,"",@
buf:
        .int32  7
        .size buf, 4
# --- EXPECT
error: symbol exported via --export not found: __wasm_init_memory_flag
