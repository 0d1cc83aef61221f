# `--wrap=f` where a shared library defines `f`: a call is checked against the library's
# function as the object names it, before the wrap, as in wasm-ld.
# RUN: --experimental-pic -shared --allow-undefined --wrap=f libd.so main.o
# --- main.s
        .functype f () -> ()
        .globl  run
run:
        .functype run () -> ()
        call f
        end_function
# --- libd.wat
(module
  (@dylink.0 (mem-info))
  (func (export "f") (result i32) i32.const 7))
# --- EXPECT
error: function signature mismatch: f
>>> defined as () -> i32 in libd.so
>>> defined as () -> void in main.o
