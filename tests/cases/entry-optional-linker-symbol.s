# `--entry=__heap_base`, which an object references: lld looks the entry up before it makes its
# optional symbols, so the entry is not defined (wasm-ld-19's error).
# RUN: --entry=__heap_base main.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const __heap_base
        end_function
# --- EXPECT
error: entry symbol not defined (pass --no-entry to suppress): __heap_base
