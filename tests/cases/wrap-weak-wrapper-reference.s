# The linker's own reference to `__wrap_f` is strong (lld's `addUndefinedFunction`), so a
# file's weak reference to it no longer makes a missing `__wrap_f` null: both calls are errors.
# RUN: --wrap=f main.o def.o
# --- main.s
        .functype f () -> (i32)
        .functype __wrap_f () -> (i32)
        .weak __wrap_f
        .globl  _start
_start:
        .functype _start () -> (i32)
        call f
        drop
        call __wrap_f
        end_function
# --- def.s
        .globl f
f:
        .functype f () -> (i32)
        i32.const 3
        end_function
# --- EXPECT
error: main.o: undefined symbol: __wrap_f
error: main.o: undefined symbol: __wrap_f
