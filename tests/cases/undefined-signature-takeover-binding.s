# A member's weak call of a missing function, met before the address-only reference of the file
# that extracted the member, stays the symbol's signature; the later strong reference makes the
# symbol strong, so both references are undefined symbols, as in wasm-ld-19.
# RUN: lib3.a a.o
# --- m.s
        .functype f () -> (i32)
        .weak f
        .globl  g
        .section .text.g,"",@
g:
        .functype g () -> ()
        call f
        drop
        end_function
# --- lib3.a m.o
# --- a.s
        .functype g () -> ()
        .functype f (i32) -> ()
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        call g
        i32.const f
        end_function
# --- EXPECT
error: lib3.a(m.o): undefined symbol: f
error: a.o: undefined symbol: f
