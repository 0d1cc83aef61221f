# With --import-table, as without it: only a function GC removes calls through the indirect
# function table, so no input's reference to it is live and the table is not imported (as in
# wasm-ld-19, which imports an undefined symbol only where it is live). (wasmlink imported it
# wherever an input named it.)
# RUN: --no-entry --import-table --export=run t.o
# --- t.s -mattr=+reference-types
        .tabletype __indirect_function_table, funcref
        .section .text.dead,"",@
dead:
        .functype dead () -> ()
        i32.const 0
        call_indirect __indirect_function_table, () -> ()
        end_function
        .section .text.run,"",@
        .globl run
run:
        .functype run () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "run" (func $run))
  (func $run (;0;) (type 0))
)

