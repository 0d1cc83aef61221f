# Only a function GC removes takes a function's address, so no slot is needed; but the
# assembler marks the object's reference to the indirect function table NO_STRIP, as clang does
# wherever an address is taken, and that keeps the reference live: the table is made, empty, as
# wasm-ld-19 makes it. (Beside table-unreferenced-not-made.s, where no reference is NO_STRIP.)
# RUN: --no-entry --export=run t.o
# --- t.s
        .section .text.target,"",@
target:
        .functype target () -> ()
        end_function
        .section .text.dead,"",@
dead:
        .functype dead () -> (i32)
        i32.const target
        end_function
        .section .text.run,"",@
        .globl run
run:
        .functype run () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "run" (func $run))
  (func $run (;0;) (type 0))
)

