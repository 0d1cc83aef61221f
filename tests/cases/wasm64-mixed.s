# A wasm32 object cannot join a wasm64 link.
# RUN: --no-entry -m wasm64 a.o b.o
# --- a.s -triple=wasm64-unknown-unknown
        .globl  f
f:
        .functype f () -> (i64)
        i64.const 0
        i64.load 0
        end_function
# --- b.s
        .globl  g
g:
        .functype g () -> (i32)
        i32.const 0
        i32.load 0
        end_function
# --- EXPECT
error: b.o: wasm32 object file can't be linked in wasm64 mode
