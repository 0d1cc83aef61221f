# With GC, a missing symbol that only debug information (and dead code) names is not an error,
# as in wasm-ld, which scans only live chunks' relocations and whose custom sections are live
# only without GC: the references become tombstones. Without GC it is an error (the next case).
# RUN: a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .section .text.dead,"",@
dead:
        .functype dead () -> (i32)
        i32.const ext_data
        end_function
        .section .debug_info,"",@
        .int32  ext_data+4
        .int32  _start
        .int32  dead
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0))
  (@custom ".debug_info" (after code) "\ff\ff\ff\ff\02\00\00\00\ff\ff\ff\ff")
)

