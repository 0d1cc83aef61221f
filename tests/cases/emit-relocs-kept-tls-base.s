# `--emit-relocs` with threads: `__tls_base`, which an object names only in code GC removes, is
# kept wherever `__wasm_init_memory` sets it (here for the kept thread-local `tv`), as lld keeps
# it, and so is listed in the symbol table, as wasm-ld lists it. (The segment info keeps the
# `.tdata` segment's TLS flag, which LLD 19 and 23 write as 0: README.)
# RUN: --experimental-pic -pie --shared-memory --max-memory=131072 --emit-relocs --no-entry a.o
# --- a.s -mattr=+atomics,+bulk-memory
        .globaltype __tls_base, i32
dead:
        .functype dead () -> (i32)
        global.get __tls_base
        end_function
        .section .tdata.tv,"T",@
        .globl  tv
        .no_dead_strip tv
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
  (@dylink.0
    (mem-info (memory 8 2))
  )
  (type (;0;) (func))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (memory (;0;) 1 2 shared)
  (global $__tls_base (;2;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (start $__wasm_init_memory)
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $__wasm_init_memory (;2;) (type 0)
    (local i32 i32)
    global.get $__memory_base
    i32.const 4
    i32.add
    local.set 0
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          local.get 0
          i32.const 0
          i32.const 1
          i32.atomic.rmw.cmpxchg
          br_table 0 (;@3;) 1 (;@2;) 2 (;@1;)
        end
        i32.const 0
        global.get $__memory_base
        i32.add
        local.tee 1
        global.set $__tls_base
        local.get 1
        i32.const 0
        i32.const 4
        memory.init $.tdata
        local.get 0
        i32.const 2
        i32.atomic.store
        local.get 0
        i32.const -1
        memory.atomic.notify
        drop
        br 1 (;@1;)
      end
      local.get 0
      i32.const 1
      i64.const -1
      memory.atomic.wait32
      drop
    end
  )
  (data $.tdata (;0;) "\07\00\00\00")
  (@custom "linking" (after data) "\02\08\1e\04\02\10\00\02\10\01\02\04\02\0a__tls_base\01\80\03\02tv\00\00\04\05\0a\01\06.tdata\02\02")
  (@custom "target_features" (after data) "\03+\07atomics+\0bbulk-memory+\0fmutable-globals")
)

