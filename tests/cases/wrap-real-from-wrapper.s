# `--wrap=f` where only the wrapper, itself extracted for `--wrap`, calls `__real_f`: its
# reference extracts the member defining `f` (wasm-ld 19 writes an invalid module here).
# RUN: --wrap=f --no-gc-sections --why-extract=- main.o libw.a libf.a
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- def.s
        .globl f
f:
        .functype f () -> (i32)
        i32.const 3
        end_function
# --- w.s
        .functype __real_f () -> (i32)
        .globl __wrap_f
__wrap_f:
        .functype __wrap_f () -> (i32)
        call __real_f
        end_function
# --- libw.a w.o
# --- libf.a def.o
# --- EXPECT
;; note: reference	extracted	symbol
<internal>	libw.a(w.o)	__wrap_f
libw.a(w.o)	libf.a(def.o)	f
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $_start (;1;) (type 0))
  (func $__wrap_f (;2;) (type 1) (result i32)
    call $f
  )
  (func $f (;3;) (type 1) (result i32)
    i32.const 3
  )
)

