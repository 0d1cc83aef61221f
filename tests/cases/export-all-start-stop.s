# `--export-all` exports `__start_X` and `__stop_X` for each output segment named like a C
# identifier, as wasm-ld makes them: after layout (GC removed `bar`, whose only symbol is local,
# so it has none), start then stop, after every other export. `.data` is not a C identifier.
# RUN: --export-all main.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function

        .section foo,"",@
        .globl  in_foo
in_foo:
        .int32  1
        .size in_foo, 4

        .section bar,"",@
in_bar:
        .int32  2
        .int32  3
        .size in_bar, 8

        .section .data.plain,"",@
        .globl  plain
plain:
        .int32  4
        .size plain, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global (;1;) i32 i32.const 1028)
  (global (;2;) i32 i32.const 1024)
  (global (;3;) i32 i32.const 1024)
  (global (;4;) i32 i32.const 1032)
  (global (;5;) i32 i32.const 1040)
  (global (;6;) i32 i32.const 66576)
  (global (;7;) i32 i32.const 1024)
  (global (;8;) i32 i32.const 66576)
  (global (;9;) i32 i32.const 131072)
  (global (;10;) i32 i32.const 0)
  (global (;11;) i32 i32.const 1)
  (global (;12;) i32 i32.const 1028)
  (global (;13;) i32 i32.const 1032)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "_start" (func $_start))
  (export "in_foo" (global 1))
  (export "plain" (global 2))
  (export "__dso_handle" (global 3))
  (export "__data_end" (global 4))
  (export "__stack_low" (global 5))
  (export "__stack_high" (global 6))
  (export "__global_base" (global 7))
  (export "__heap_base" (global 8))
  (export "__heap_end" (global 9))
  (export "__memory_base" (global 10))
  (export "__table_base" (global 11))
  (export "__start_foo" (global 12))
  (export "__stop_foo" (global 13))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $_start (;1;) (type 0))
  (data $.data (;0;) (i32.const 1024) "\04\00\00\00")
  (data $foo (;1;) (i32.const 1028) "\01\00\00\00")
)

