# PIC output without shared memory: the TLS block is data like any other, at `__memory_base`
# plus its offset, so `__tls_base` is set at start from `__memory_base` (first, in
# `__wasm_apply_global_relocs`), and so is the GOT entry of thread-local `tw` (an address). Both
# LLDs leave `__tls_base` the block's offset and the entry a constant, which point into the
# module only where it is loaded at address 0 (README, differences; a dylink host test runs such
# modules).
# RUN: --experimental-pic -pie --no-entry --export=get a.o
# --- a.s
        .globaltype __tls_base, i32
        .globaltype __memory_base, i32, immutable
        .globl  get
get:
        .functype get () -> (i32)
        global.get __tls_base
        i32.const tv@TLSREL
        i32.add
        i32.load 0
        global.get tw@GOT@TLS
        i32.load 0
        i32.add
        global.get __memory_base
        i32.const plain@MBREL
        i32.add
        i32.load 0
        i32.add
        end_function
        .section .tdata.tv,"T",@
        .globl tv
        .p2align 2
tv:
        .int32 7
        .size tv, 4
        .section .tdata.tw,"T",@
        .globl tw
        .p2align 2
tw:
        .int32 8
        .size tw, 4
        .section .data.plain,"",@
        .p2align 2
plain:
        .int32 9
        .size plain, 4
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
  (@dylink.0
    (mem-info (memory 12 2))
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (memory (;0;) 1)
  (global $__tls_base (;2;) (mut i32) i32.const 0)
  (global $GOT.data.internal.tw (;3;) (mut i32) i32.const 4)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "get" (func $get))
  (start $__wasm_apply_global_relocs)
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $__wasm_apply_global_relocs (;2;) (type 0)
    global.get $__memory_base
    i32.const 0
    i32.add
    global.set $__tls_base
    global.get $__memory_base
    i32.const 4
    i32.add
    global.set $GOT.data.internal.tw
  )
  (func $get (;3;) (type 1) (result i32)
    global.get $__tls_base
    i32.const 0
    i32.add
    i32.load
    global.get $GOT.data.internal.tw
    i32.load
    i32.add
    global.get $__memory_base
    i32.const 8
    i32.add
    i32.load
    i32.add
  )
  (data $.data (;0;) (global.get $__memory_base) "\07\00\00\00\08\00\00\00\09\00\00\00")
  (@custom "target_features" (after data) "\03+\07atomics+\0bbulk-memory+\0fmutable-globals")
)

