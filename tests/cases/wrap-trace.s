# `-y` with `--wrap`: the linker's own references to `__real_f` and `__wrap_f` are traced as
# `<internal>` ones, in wasm-ld-19's order, among the files' references and definitions.
# RUN: --wrap=f -y f -y __wrap_f -y __real_f main.o libw.a libf.a
# --- main.s
        .functype f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> (i32)
        call f
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
;; note: main.o: reference to f
;; note: libw.a(w.o): lazy definition of __wrap_f
;; note: libf.a(def.o): definition of f
;; note: <internal>: reference to __real_f
;; note: <internal>: reference to __wrap_f
;; note: libw.a(w.o): definition of __wrap_f
;; note: libw.a(w.o): reference to __real_f
(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0) (result i32)
    call $__wrap_f
  )
  (func $f (;1;) (type 0) (result i32)
    i32.const 3
  )
  (func $__wrap_f (;2;) (type 0) (result i32)
    call $f
  )
)

