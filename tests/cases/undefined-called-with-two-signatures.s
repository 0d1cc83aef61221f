# Two files call a function nothing defines, each with its own signature: there is no one
# signature to import it with, and wasm-ld-19 reports it (handleSymbolVariants) even where it
# may stay undefined. (wasmlink wrote a module that failed validation, or two stubs.)
# RUN: --no-entry --export=g1 --export=g2 --unresolved-symbols=ignore-all s1.o s2.o
# --- s1.s
        .functype f () -> (i32)
        .globl  g1
        .section .text.g1,"",@
g1:
        .functype g1 () -> (i32)
        call f
        end_function
# --- s2.s
        .functype f (i32) -> ()
        .globl  g2
        .section .text.g2,"",@
g2:
        .functype g2 () -> ()
        i32.const 1
        call f
        end_function
# --- EXPECT
error: function signature mismatch: f
>>> defined as () -> i32 in s1.o
>>> defined as (i32) -> void in s2.o
