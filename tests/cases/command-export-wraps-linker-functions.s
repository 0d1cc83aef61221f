# Command export wrappers wrap the linker's own exported functions too (wasm-ld's
# `createCommandExportWrappers` wraps every exported defined function, `__wasm_init_tls`
# included), in symbol-table order: the linker's first.
# RUN: --export=__wasm_init_tls --export=getp --shared-memory --features=atomics,bulk-memory a.o
# --- a.s -mattr=+atomics,+bulk-memory
        .globaltype __tls_base, i32
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .globl  ctor
ctor:
        .functype ctor () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  ctor
        .section .tdata.p,"T",@
        .globl  p
p:
        .int32  5
        .size p, 4
        .globl  getp
        .section .text.getp,"",@
getp:
        .functype getp () -> (i32)
        global.get __tls_base
        i32.const p@TLSREL
        i32.add
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (type (;2;) (func (result i32)))
  (memory (;0;) 2 2 shared)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "__wasm_init_tls" (func $__wasm_init_tls.command_export))
  (export "_start" (func $_start.command_export))
  (export "getp" (func $getp.command_export))
  (start $__wasm_init_memory)
  (func $__wasm_call_ctors (;0;) (type 0)
    call $ctor
  )
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
  (func $ctor (;4;) (type 0))
  (func $getp (;5;) (type 2) (result i32)
    global.get $__tls_base
    i32.const 0
    i32.add
  )
  (func $__wasm_init_tls.command_export (;6;) (type 1) (param i32)
    call $__wasm_call_ctors
    local.get 0
    call $__wasm_init_tls
  )
  (func $_start.command_export (;7;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
  (func $getp.command_export (;8;) (type 2) (result i32)
    call $__wasm_call_ctors
    call $getp
  )
  (data $.tdata (;0;) "\05\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

