# With any --wrap, a file that only reads a missing function's GOT entry, declaring it with
# another signature than its callers', does not get a stub of its own signature: only a call of
# `__real_f` does (see wrap-real-call-own-signature-stub). One `undefined_stub`, as in wasm-ld-19.
# RUN: --wrap=zz --unresolved-symbols=ignore-all --export=ga z.o callb.o gota.o
# --- z.s
        .globl  __wrap_zz
        .section .text.__wrap_zz,"",@
__wrap_zz:
        .functype __wrap_zz () -> ()
        end_function
# --- callb.s
        .functype f () -> ()
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> ()
        call f
        end_function
# --- gota.s
        .functype f (i32) -> ()
        .globl  ga
        .section .text.ga,"",@
ga:
        .functype ga () -> (i32)
        global.get f@GOT
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (global $GOT.func.internal.f (;1;) i32 i32.const 0)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "ga" (func $ga))
  (func $undefined_stub (;0;) (type 0)
    unreachable
  )
  (func $_start (;1;) (type 0)
    call $undefined_stub
  )
  (func $ga (;2;) (type 1) (result i32)
    global.get $GOT.func.internal.f
  )
)

