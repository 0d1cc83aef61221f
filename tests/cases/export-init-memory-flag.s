# `--export=__wasm_init_memory_flag` exports the word `__wasm_init_memory` races on, which lld
# makes in its layout with shared memory (and `--export` then finds), as wasm-ld-19 does.
# RUN: --no-entry --export=f --export=__wasm_init_memory_flag --shared-memory --features=atomics,bulk-memory a.o
# --- a.s -mattr=+atomics,+bulk-memory
        .globl  f
f:
        .functype f () -> (i32)
        i32.const buf
        end_function
        .section .data.buf,"",@
buf:
        .int32  7
        .size buf, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (global (;2;) i32 i32.const 1028)
  (export "memory" (memory 0))
  (export "f" (func $f))
  (export "__wasm_init_memory_flag" (global 2))
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
    i32.const 1024
  )
  (data $.data (;0;) "\07\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

