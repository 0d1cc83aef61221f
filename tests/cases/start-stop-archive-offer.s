# A `__start_X` or `__stop_X` that an archive member offers to define, and that only weak
# references name (which do not extract it), is the linker's own, the member left out: lld's
# optional symbols replace whatever is not defined, an archive's offer too. `get` returns the
# start of `sec`, 1024; wasmlink had it null. (Where GC removes every segment named X, the
# reference stays the archive's offer, null: start-stop-archive-offer-collected.s.)
# RUN: --no-entry --export=get --export=get_stop main.o libs.a
# --- lib.s
        .section .data.__start_sec,"",@
        .globl  __start_sec
__start_sec:
        .int8   9
        .size   __start_sec, 1
        .section .data.__stop_sec,"",@
        .globl  __stop_sec
__stop_sec:
        .int8   8
        .size   __stop_sec, 1
# --- libs.a lib.o
# --- main.s
        .globl  get
        .section .text.get,"",@
get:
        .functype get () -> (i32)
        i32.const __start_sec
        i32.const blob
        drop
        end_function
        .globl  get_stop
        .section .text.get_stop,"",@
get_stop:
        .functype get_stop () -> (i32)
        i32.const __stop_sec
        end_function
        .weak   __start_sec
        .weak   __stop_sec

        .section sec,"",@
        .globl  blob
blob:
        .int32  1
        .size   blob, 4
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (export "memory" (memory 0))
  (export "get" (func $get))
  (export "get_stop" (func $get_stop))
  (func $get (;0;) (type 0) (result i32)
    i32.const 1024
    i32.const 1024
    drop
  )
  (func $get_stop (;1;) (type 0) (result i32)
    i32.const 1028
  )
  (data $sec (;0;) (i32.const 1024) "\01\00\00\00")
)

