# `--export-all` with threads, as wasm-ld-19 exports: `__wasm_call_ctors` first of the linker's
# own, a thread-local symbol as its offset from `__tls_base`, then after every other symbol
# `__wasm_init_memory_flag` (made in layout) and `__wasm_init_memory` (made last).
# RUN: --no-entry --export-all --shared-memory --features=atomics,bulk-memory,mutable-globals t.o
# --- t.s -mattr=+atomics,+bulk-memory
        .globl  f
f:
        .functype f () -> (i32)
        i32.const t@TLSREL
        end_function
        .section .tdata.t,"T",@
        .globl  t
t:
        .int32  5
        .size t, 4
        .section .data.x,"",@
        .globl  in_x
in_x:
        .int32  7
        .size in_x, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (type (;2;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (global $__tls_size (;2;) i32 i32.const 4)
  (global $__tls_align (;3;) i32 i32.const 1)
  (global (;4;) i32 i32.const 0)
  (global (;5;) i32 i32.const 1028)
  (global (;6;) i32 i32.const 1024)
  (global (;7;) i32 i32.const 1036)
  (global (;8;) i32 i32.const 1040)
  (global (;9;) i32 i32.const 66576)
  (global (;10;) i32 i32.const 1024)
  (global (;11;) i32 i32.const 66576)
  (global (;12;) i32 i32.const 131072)
  (global (;13;) i32 i32.const 0)
  (global (;14;) i32 i32.const 1)
  (global (;15;) i32 i32.const 1032)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__tls_size" (global $__tls_size))
  (export "__tls_align" (global $__tls_align))
  (export "__wasm_init_tls" (func $__wasm_init_tls))
  (export "f" (func $f))
  (export "t" (global 4))
  (export "in_x" (global 5))
  (export "__dso_handle" (global 6))
  (export "__data_end" (global 7))
  (export "__stack_low" (global 8))
  (export "__stack_high" (global 9))
  (export "__global_base" (global 10))
  (export "__heap_base" (global 11))
  (export "__heap_end" (global 12))
  (export "__memory_base" (global 13))
  (export "__table_base" (global 14))
  (export "__wasm_init_memory_flag" (global 15))
  (export "__wasm_init_memory" (func $__wasm_init_memory))
  (start $__wasm_init_memory)
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_init_tls (;1;) (type 1) (param i32)
    local.get 0
    global.set $__tls_base
    local.get 0
    i32.const 0
    i32.const 4
    memory.init $.tdata
  )
  (func $__wasm_init_memory (;2;) (type 0)
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          i32.const 1032
          i32.const 0
          i32.const 1
          i32.atomic.rmw.cmpxchg
          br_table 0 (;@3;) 1 (;@2;) 2 (;@1;)
        end
        i32.const 1024
        i32.const 1024
        global.set $__tls_base
        i32.const 0
        i32.const 4
        memory.init $.tdata
        i32.const 1028
        i32.const 0
        i32.const 4
        memory.init $.data
        i32.const 1032
        i32.const 2
        i32.atomic.store
        i32.const 1032
        i32.const -1
        memory.atomic.notify
        drop
        br 1 (;@1;)
      end
      i32.const 1032
      i32.const 1
      i64.const -1
      memory.atomic.wait32
      drop
    end
    data.drop $.data
  )
  (func $f (;3;) (type 2) (result i32)
    i32.const 0
  )
  (data $.tdata (;0;) "\05\00\00\00")
  (data $.data (;1;) "\07\00\00\00")
  (@custom "target_features" (after data) "\03+\07atomics+\0bbulk-memory+\0fmutable-globals")
)

