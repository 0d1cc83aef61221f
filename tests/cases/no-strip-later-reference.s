# Two objects refer to a missing function `f`, the second with `NO_STRIP`, and no live code
# calls it: the symbol keeps `NO_STRIP` from any of its references (LLD 23's
# `updateExistingUndefined`), so GC keeps it and `--allow-undefined` imports it. (wasm-ld 19
# takes the first reference's flags only and imports nothing here.)
# RUN: --no-entry --allow-undefined --export=run a.o b.o
# --- a.s
        .functype f () -> ()
        .section .text.dead,"",@
dead:
        .functype dead () -> ()
        call f
        end_function
        .section .text.run,"",@
        .globl run
run:
        .functype run () -> ()
        end_function
# --- b.s
        .functype f () -> ()
        .no_dead_strip f
        .section .text.dead2,"",@
dead2:
        .functype dead2 () -> ()
        call f
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "f" (func $f (;0;) (type 0)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "run" (func $run))
  (func $run (;1;) (type 0))
)

