# `__start_X`/`__stop_X` that only the command line names are made after layout, in the output
# segments' order, start then stop, whatever the order of the `--export` flags (wasm-ld-19's
# export order).
# RUN: --no-gc-sections --export=__stop_bar --export=__start_foo --export-if-defined=__stop_foo --export-if-defined=__start_none main.o
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
        .size in_bar, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global (;1;) i32 i32.const 1024)
  (global (;2;) i32 i32.const 1028)
  (global (;3;) i32 i32.const 1032)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "__start_foo" (global 1))
  (export "__stop_foo" (global 2))
  (export "__stop_bar" (global 3))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $_start (;1;) (type 0))
  (data $foo (;0;) (i32.const 1024) "\01\00\00\00")
  (data $bar (;1;) (i32.const 1028) "\02\00\00\00")
)

