# `--export=__start_foo` where GC removed every `foo` segment (a weak reference does not keep
# them): the symbol is not made, so the export is not found, as in wasm-ld-19.
# RUN: --export=__start_foo weak.o foo.o
# --- weak.s
        .weak __start_foo
        .weak __stop_foo
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const __start_foo
        i32.const __stop_foo
        i32.sub
        end_function
# --- foo.s
        .section foo,"",@
        .globl  in_foo
in_foo:
        .int32  1
        .size in_foo, 4
# --- EXPECT
error: symbol exported via --export not found: __start_foo
