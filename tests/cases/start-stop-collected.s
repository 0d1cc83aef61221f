# wasm-ld defines `__start_X` and `__stop_X` after GC, for the segments it kept, and a reference
# to them does not keep the segment: where GC removed every segment named `foo`, `__stop_foo` is
# undefined (wasm-ld-19's error word for word).
# RUN: --export=get main.o ref.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function

        .section foo,"",@
        .globl  in_foo
in_foo:
        .int32  1
        .size in_foo, 4
# --- ref.s
        .globl  get
get:
        .functype get () -> (i32)
        i32.const __stop_foo
        end_function
# --- EXPECT
error: ref.o: undefined symbol: __stop_foo
