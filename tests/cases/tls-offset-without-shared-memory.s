# Without shared memory, an offset from `__tls_base` (`MEMORY_ADDR_TLS_SLEB`) is the variable's
# offset in the TLS block, here 0, as LLD 23 writes it (its module is this one but for the
# `__stack_pointer` LLD 23 drops when unused). wasm-ld 19 writes the variable's address (1024),
# so `__tls_base + x@TLSREL` points 1024 bytes past it: a C program with `_Thread_local`
# variables compiled with `-matomics -mbulk-memory` and linked without `--shared-memory` prints
# garbage for them when wasm-ld 19 links it.
# RUN: a.o
# --- a.s
        .globaltype __tls_base, i32
        .globl  _start
_start:
        .functype _start () -> (i32)
        global.get __tls_base
        i32.const tv@TLSREL
        i32.add
        end_function
        .section .tdata.tv,"T",@
        .globl tv
        .p2align 2
tv:
        .int32 7
        .size tv, 4
        .section .data.d,"",@
dd:
        .int32 1
        .size dd, 4
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
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $__tls_base (;1;) i32 i32.const 1024)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0) (result i32)
    global.get $__tls_base
    i32.const 0
    i32.add
  )
  (data $.tdata (;0;) (i32.const 1024) "\07\00\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

