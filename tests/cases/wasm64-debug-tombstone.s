# wasm64: a 64-bit address in debug information to what GC removed is a 64-bit tombstone, -1 (-2
# in `.debug_ranges` and `.debug_loc`), as lld's `getTombstoneForSection` gives it; a 32-bit
# field in the same object takes its low half. wasmlink wrote 0xffffffff into the 64-bit ones.
# RUN: -mwasm64 a.o
# --- a.s -triple=wasm64-unknown-unknown
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .section .text.dead,"",@
dead:
        .functype dead () -> (i64)
        i64.const dead_data
        end_function
        .section .data.dead_data,"",@
dead_data:
        .int64  7
        .size   dead_data, 8
        .section .debug_info,"",@
        .int64  _start
        .int64  dead
        .int64  dead_data
        .int32  dead
        .section .debug_ranges,"",@
        .int64  dead
        .int64  _start
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) i64 2)
  (global $__stack_pointer (;0;) (mut i64) i64.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0))
  (@custom ".debug_info" (after code) "\02\00\00\00\00\00\00\00\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (@custom ".debug_ranges" (after code) "\fe\ff\ff\ff\ff\ff\ff\ff\02\00\00\00\00\00\00\00")
)

