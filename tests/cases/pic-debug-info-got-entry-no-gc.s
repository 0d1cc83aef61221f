# Without GC, lld scans the relocations of custom sections (debug information) too, and in PIC
# output an address there of a symbol another module may define takes a GOT entry, as code's
# would: a `GOT.mem` import nothing reads (the section's value is resolved at link time). A
# clang-19 `-g -fPIC -fvisibility=default` library linked with `--no-gc-sections` has one for
# each such variable.
# RUN: --experimental-pic -shared --no-gc-sections a.o
# --- a.s
        .section .data.unused_global,"",@
        .globl  unused_global
        .p2align 2
unused_global:
        .int32  3
        .size   unused_global, 4
        .section .debug_info,"",@
        .int32  unused_global
# --- EXPECT
(module
  (@dylink.0
    (mem-info (memory 4 2))
  )
  (type (;0;) (func))
  (import "env" "memory" (memory (;0;) 1))
  (import "env" "__stack_pointer" (global $__stack_pointer (;0;) (mut i32)))
  (import "env" "__memory_base" (global $__memory_base (;1;) i32))
  (import "env" "__table_base" (global $__table_base (;2;) i32))
  (import "GOT.mem" "unused_global" (global $unused_global (;3;) (mut i32)))
  (global (;4;) i32 i32.const 0)
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "unused_global" (global 4))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (data $.data (;0;) (global.get $__memory_base) "\03\00\00\00")
  (@custom ".debug_info" (after data) "\00\00\00\00")
  (@custom "target_features" (after data) "\01+\0fmutable-globals")
)

