# A thread-local variable read through the GOT in a module at a fixed address with threads:
# each thread's `__wasm_apply_global_tls_relocs` sets the entry from its `__tls_base`, which it
# starts at the variable's offset in the TLS block, as wasm-ld writes it (wasmlink wrote the
# template's address).
# RUN: --shared-memory --no-entry --export=get a.o
# --- a.s -mattr=+atomics,+bulk-memory
        .globaltype __tls_base, i32
        .globl  get
get:
        .functype get () -> (i32)
        global.get pad@GOT@TLS
        drop
        global.get tv@GOT@TLS
        end_function
        .section .tdata.pad,"T",@
        .p2align 2
pad:
        .int32  1
        .size   pad, 4
        .section .tdata.tv,"T",@
        .globl  tv
        .p2align 2
tv:
        .int32  7
        .size   tv, 4
        .section .custom_section.target_features,"",@
        .int8   2
        .int8   43
        .int8   7
        .ascii  "atomics"
        .int8   43
        .int8   11
        .ascii  "bulk-memory"
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (global $GOT.data.internal.pad (;2;) (mut i32) i32.const 0)
  (global $GOT.data.internal.tv (;3;) (mut i32) i32.const 4)
  (export "memory" (memory 0))
  (export "get" (func $get))
  (start $__wasm_init_memory)
  (func $__wasm_init_memory (;0;) (type 0)
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
        i32.const 8
        memory.init $.tdata
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
  )
  (func $__wasm_apply_global_tls_relocs (;1;) (type 0)
    global.get $__tls_base
    i32.const 0
    i32.add
    global.set $GOT.data.internal.pad
    global.get $__tls_base
    i32.const 4
    i32.add
    global.set $GOT.data.internal.tv
  )
  (func $get (;2;) (type 1) (result i32)
    global.get $GOT.data.internal.pad
    drop
    global.get $GOT.data.internal.tv
  )
  (data $.tdata (;0;) "\01\00\00\00\07\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

