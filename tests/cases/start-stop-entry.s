# `--entry=__start_foo`: lld makes `__start_` symbols after it has looked the entry up, so the
# entry is not defined (wasm-ld-19's error).
# RUN: --entry=__start_foo main.o foo.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const __start_foo
        end_function
# --- foo.s
        .section foo,"",@
        .globl  in_foo
in_foo:
        .int32  1
        .size in_foo, 4
# --- EXPECT
error: entry symbol not defined (pass --no-entry to suppress): __start_foo
