# Only a function GC removes calls through the indirect function table: the inputs' references
# to the table are all dead, so there is no table (wasm-ld-19 makes it only where one is live,
# or for a function's address, or `--export-table`), and `--export-all` has none to export.
# (wasmlink used to make it wherever an input named it.)
# RUN: --no-entry --export-all t.o
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
  (global (;1;) i32 i32.const 1024)
  (global (;2;) i32 i32.const 1024)
  (global (;3;) i32 i32.const 1024)
  (global (;4;) i32 i32.const 66560)
  (global (;5;) i32 i32.const 1024)
  (global (;6;) i32 i32.const 66560)
  (global (;7;) i32 i32.const 131072)
  (global (;8;) i32 i32.const 0)
  (global (;9;) i32 i32.const 1)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "run" (func $run))
  (export "__dso_handle" (global 1))
  (export "__data_end" (global 2))
  (export "__stack_low" (global 3))
  (export "__stack_high" (global 4))
  (export "__global_base" (global 5))
  (export "__heap_base" (global 6))
  (export "__heap_end" (global 7))
  (export "__memory_base" (global 8))
  (export "__table_base" (global 9))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $run (;1;) (type 0))
)

