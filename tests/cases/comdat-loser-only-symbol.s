# A symbol only the losing copy of a comdat defines is undefined, as lld makes it (the winning
# copy lacks it): a reference to it is an undefined symbol, even from the file that had it,
# where it had linked to a stub, as wasm-ld-19 reports it.
# RUN: --export=user w.o l.o
# --- w.s
        .section .text.f,"G",@,C,comdat
        .globl f
        .weak f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        call f
        end_function
# --- l.s
        .functype extra () -> (i32)
        .section .text.f,"G",@,C,comdat
        .globl f
        .weak f
f:
        .functype f () -> (i32)
        call extra
        end_function
        .section .text.extra,"G",@,C,comdat
        .globl extra
extra:
        .functype extra () -> (i32)
        i32.const d
        i32.load 0
        end_function
        .section .data.d,"G",@,C,comdat
        .globl d
d:
        .int32 extra
        .size d, 4
        .section .text.user,"",@
        .globl user
user:
        .functype user () -> (i32)
        call extra
        end_function
# --- EXPECT
error: l.o: undefined symbol: extra
