# Two files call a weak function with different signatures, and only an archive member defines
# it, which weak references do not extract: nothing defines it, and the calls disagree. wasmlink
# reports it as wasm-ld-19 does when the archive comes last; with the archive first, as here,
# wasm-ld-19 keeps the last signature and writes an invalid module.
# RUN: --no-entry --export=g1 --export=g2 libf.a w1.o w2.o
# --- def.s
        .globl  f
        .section .text.f,"",@
f:
        .functype f () -> (i32)
        i32.const 5
        end_function
# --- libf.a def.o
# --- w1.s
        .functype f () -> (i32)
        .weak f
        .globl  g1
        .section .text.g1,"",@
g1:
        .functype g1 () -> (i32)
        call f
        end_function
# --- w2.s
        .functype f (i32) -> ()
        .weak f
        .globl  g2
        .section .text.g2,"",@
g2:
        .functype g2 () -> ()
        i32.const 1
        call f
        end_function
# --- EXPECT
error: function signature mismatch: f
>>> defined as () -> i32 in w1.o
>>> defined as (i32) -> void in w2.o
