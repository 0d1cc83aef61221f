# A missing global nothing refers to (kept by NO_STRIP, and without GC every symbol counts as
# referenced) is imported only where missing symbols may be (lld's `shouldImport`): here it
# is neither imported nor an error. wasmlink imported it, and then failed on the
# mutable-globals feature. wasm-ld-19 links it so; with GC as well.
# RUN: --no-entry --no-gc-sections --export=keep g.o
# --- g.s
        .globaltype missing_global, i32
        .no_dead_strip missing_global
        .section .text.keep,"",@
        .globl keep
keep:
        .functype keep () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "keep" (func $keep))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $keep (;1;) (type 0))
)

