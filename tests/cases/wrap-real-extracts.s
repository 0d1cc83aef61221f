# `--wrap=f` with only `__real_f` referenced and `f` in an archive: the reference extracts the
# member defining `f`, as ELF lld does. (wasm-ld 19 leaves `f` lazy and writes `call 0`, a call
# to `_start` itself; this is where wasmlink differs on purpose.)
# RUN: --wrap=f --why-extract=- main.o libf.a
# --- main.s
        .functype __real_f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        call __real_f
        end_function
# --- def.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 3
        end_function
# --- libf.a def.o
# --- EXPECT
;; note: reference	extracted	symbol
main.o	libf.a(def.o)	f
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0) (result i32)
    call $f
  )
  (func $f (;1;) (type 0) (result i32)
    i32.const 3
  )
)

