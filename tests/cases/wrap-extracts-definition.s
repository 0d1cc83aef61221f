# `--wrap=f` is applied after resolution, as in lld: a call to `f` extracts the member defining
# `f` before the call goes to `__wrap_f`, so that member's constructor runs (without GC), and
# `--why-extract` names both extractions as wasm-ld-19 does.
# RUN: --wrap=f --no-gc-sections --why-extract=- user.o libf.a
# --- user.s
        .functype f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        call f
        end_function
# --- def.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 3
        end_function
        .globl  ctor
ctor:
        .functype ctor () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32 ctor
# --- wrap.s
        .globl  __wrap_f
__wrap_f:
        .functype __wrap_f () -> (i32)
        i32.const 2
        end_function
# --- libf.a def.o wrap.o
# --- EXPECT
;; note: reference	extracted	symbol
user.o	libf.a(def.o)	f
<internal>	libf.a(wrap.o)	__wrap_f
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $ctor
  )
  (func $_start (;1;) (type 1) (result i32)
    call $__wrap_f
  )
  (func $f (;2;) (type 1) (result i32)
    i32.const 3
  )
  (func $ctor (;3;) (type 0))
  (func $__wrap_f (;4;) (type 1) (result i32)
    i32.const 2
  )
  (func $_start.command_export (;5;) (type 1) (result i32)
    call $__wasm_call_ctors
    call $_start
  )
)

