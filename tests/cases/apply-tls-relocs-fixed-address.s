# With threads, lld makes `__wasm_apply_tls_relocs` wherever thread-local data holds
# relocations, at a fixed address too, where it has nothing to do (the addresses are in the TLS
# image already); `__wasm_init_tls` calls it.
# RUN: --no-entry --export=f --export=__wasm_init_tls --shared-memory --features=atomics,bulk-memory tr.o
# --- tr.s -mattr=+atomics,+bulk-memory
        .globl  f
f:
        .functype f () -> (i32)
        i32.const p@TLSREL
        end_function
        .section .tdata.p,"T",@
        .globl  p
p:
        .int32  buf
        .size p, 4
        .section .data.buf,"",@
buf:
        .int32  7
        .size buf, 4
# --- EXPECT
(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func))
  (type (;2;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "__wasm_init_tls" (func $__wasm_init_tls))
  (export "f" (func $f))
  (start $__wasm_init_memory)
  (func $__wasm_init_tls (;0;) (type 0) (param i32)
    local.get 0
    global.set $__tls_base
    local.get 0
    i32.const 0
    i32.const 4
    memory.init $.tdata
    call $__wasm_apply_tls_relocs
  )
  (func $__wasm_init_memory (;1;) (type 1)
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
  (func $__wasm_apply_tls_relocs (;2;) (type 1))
  (func $f (;3;) (type 2) (result i32)
    i32.const 0
  )
  (data $.tdata (;0;) "\04\04\00\00")
  (data $.data (;1;) "\07\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

