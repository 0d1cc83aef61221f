# `--wrap=f` where the only definition of `f` is in the calling object and nothing defines
# `__wrap_f`: the object's own call goes to `__wrap_f`, which is missing, so it is an error (the
# first version of lld's model let the file's own definition hide that, and called a stub).
# RUN: --wrap=f main.o
# --- main.s
        .functype f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        call f
        end_function
        .globl f
f:
        .functype f () -> (i32)
        i32.const 3
        end_function
# --- EXPECT
error: main.o: undefined symbol: __wrap_f
