# With threads, `__wasm_init_memory` copies passive segments in, and lld then keeps
# `__tls_base` (it would set it there), even where no thread-local data exists; and
# `--print-gc-sections` still names it, as GC left it.
# RUN: --no-entry --export=f --export=in_x --shared-memory --features=atomics,bulk-memory --print-gc-sections b.o
# --- b.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .section .data.x,"",@
        .globl  in_x
in_x:
        .int32  7
        .size in_x, 4
# --- EXPECT
;; note: removing unused section <internal>:(__wasm_call_ctors)
;; note: removing unused section <internal>:(__wasm_init_tls)
;; note: removing unused section <internal>:(__tls_base)
;; note: removing unused section <internal>:(__tls_size)
;; note: removing unused section <internal>:(__tls_align)
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (global (;2;) i32 i32.const 1024)
  (export "memory" (memory 0))
  (export "f" (func $f))
  (export "in_x" (global 2))
  (start $__wasm_init_memory)
  (func $__wasm_init_memory (;0;) (type 0)
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          i32.const 1028
          i32.const 0
          i32.const 1
          i32.atomic.rmw.cmpxchg
          br_table 0 (;@3;) 1 (;@2;) 2 (;@1;)
        end
        i32.const 1024
        i32.const 0
        i32.const 4
        memory.init $.data
        i32.const 1028
        i32.const 2
        i32.atomic.store
        i32.const 1028
        i32.const -1
        memory.atomic.notify
        drop
        br 1 (;@1;)
      end
      i32.const 1028
      i32.const 1
      i64.const -1
      memory.atomic.wait32
      drop
    end
    data.drop $.data
  )
  (func $f (;1;) (type 1) (result i32)
    i32.const 1
  )
  (data $.data (;0;) "\07\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

