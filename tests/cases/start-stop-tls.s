# A thread-local segment named `foo` goes into the output segment `.tdata`, so no output segment
# is named `foo` and `__start_foo` is undefined, as in wasm-ld-19.
# RUN: --shared-memory --features=atomics,bulk-memory --no-gc-sections main.o tls.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const __start_foo
        i32.const __stop_foo
        i32.sub
        end_function
# --- tls.s
        .section foo,"T",@
        .globl  in_tfoo
in_tfoo:
        .int32  4
        .size in_tfoo, 4
# --- EXPECT
error: main.o: undefined symbol: __start_foo
error: main.o: undefined symbol: __stop_foo
