# A wasm64 object (it imports a 64-bit memory) needs `-mwasm64`, as in wasm-ld.
# RUN: --no-entry a.o
# --- a.s -triple=wasm64-unknown-unknown
        .globl  f
f:
        .functype f () -> (i64)
        i64.const 0
        i64.load 0
        end_function
# --- EXPECT
error: a.o: must specify -mwasm64 to process wasm64 object files
