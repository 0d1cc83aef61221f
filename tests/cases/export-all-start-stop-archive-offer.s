# `--export-all` exports the `__stop_X` of a kept segment where an archive member offers to
# define the name and no file names it: lld's optional symbol replaces that offer, the member
# left out, as it makes one where nothing has the name. (wasmlink exported only `__start_sec`.)
# RUN: --no-entry --export-all main.o libs.a
# --- lib.s
        .section .data.__stop_sec,"",@
        .globl  __stop_sec
__stop_sec:
        .int8   8
        .size   __stop_sec, 1
# --- libs.a lib.o
# --- main.s
        .section sec,"",@
        .globl  blob
blob:
        .int32  1
        .size   blob, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global (;1;) i32 i32.const 1024)
  (global (;2;) i32 i32.const 1028)
  (global (;3;) i32 i32.const 1024)
  (global (;4;) i32 i32.const 1028)
  (global (;5;) i32 i32.const 1040)
  (global (;6;) i32 i32.const 66576)
  (global (;7;) i32 i32.const 1024)
  (global (;8;) i32 i32.const 66576)
  (global (;9;) i32 i32.const 131072)
  (global (;10;) i32 i32.const 0)
  (global (;11;) i32 i32.const 1)
  (global (;12;) i32 i32.const 1024)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "blob" (global 1))
  (export "__stop_sec" (global 2))
  (export "__dso_handle" (global 3))
  (export "__data_end" (global 4))
  (export "__stack_low" (global 5))
  (export "__stack_high" (global 6))
  (export "__global_base" (global 7))
  (export "__heap_base" (global 8))
  (export "__heap_end" (global 9))
  (export "__memory_base" (global 10))
  (export "__table_base" (global 11))
  (export "__start_sec" (global 12))
  (func $__wasm_call_ctors (;0;) (type 0))
  (data $sec (;0;) (i32.const 1024) "\01\00\00\00")
)

