# With shared memory, `--export-all` exports `__tls_size` and `__tls_align`: immutable global
# symbols, which wasm-ld 19 exported only with `mutable-globals` (it reported each without it).
# LLD 20 and wasmlink check only mutable globals, and link this.
# RUN: --shared-memory --export-all t.o
# --- t.s
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> ()
        end_function
        .section .tdata.v,"T",@
        .globl v
v:
        .int32 1
        .size v, 4
        .section .custom_section.target_features,"",@
        .int8 2
        .int8 43
        .int8 7
        .ascii "atomics"
        .int8 43
        .int8 11
        .ascii "bulk-memory"
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (global $__tls_size (;2;) i32 i32.const 4)
  (global $__tls_align (;3;) i32 i32.const 1)
  (global (;4;) i32 i32.const 0)
  (global (;5;) i32 i32.const 1024)
  (global (;6;) i32 i32.const 1032)
  (global (;7;) i32 i32.const 1040)
  (global (;8;) i32 i32.const 66576)
  (global (;9;) i32 i32.const 1024)
  (global (;10;) i32 i32.const 66576)
  (global (;11;) i32 i32.const 131072)
  (global (;12;) i32 i32.const 0)
  (global (;13;) i32 i32.const 1)
  (global (;14;) i32 i32.const 1028)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__tls_size" (global $__tls_size))
  (export "__tls_align" (global $__tls_align))
  (export "__wasm_init_tls" (func $__wasm_init_tls))
  (export "_start" (func $_start))
  (export "v" (global 4))
  (export "__dso_handle" (global 5))
  (export "__data_end" (global 6))
  (export "__stack_low" (global 7))
  (export "__stack_high" (global 8))
  (export "__global_base" (global 9))
  (export "__heap_base" (global 10))
  (export "__heap_end" (global 11))
  (export "__memory_base" (global 12))
  (export "__table_base" (global 13))
  (export "__wasm_init_memory_flag" (global 14))
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
          i32.const 1028
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
  )
  (func $_start (;3;) (type 0))
  (data $.tdata (;0;) "\01\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

