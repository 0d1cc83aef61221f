# Only segments named like C identifiers have `__start_`/`__stop_` symbols: `foo.bar` has none.
# RUN: --no-gc-sections main.o foo.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const __start_foo.bar
        i32.const __stop_foo.bar
        i32.sub
        end_function
# --- foo.s
        .section foo.bar,"",@
        .globl  in_foo
in_foo:
        .int32  1
        .size in_foo, 4
# --- EXPECT
error: main.o: undefined symbol: __start_foo.bar
error: main.o: undefined symbol: __stop_foo.bar
