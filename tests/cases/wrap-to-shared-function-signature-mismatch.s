# `--wrap=f` where a shared library defines `__wrap_f` with another type than the object's call
# to `f`: the call, sent to the library's function, is a signature mismatch (wasm-ld 19 and
# LLD 23 write the call as it is, a module that does not validate).
# RUN: --experimental-pic -shared --allow-undefined --wrap=f libw.so c.o
# --- c.s
        .functype f () -> ()
        .globl  run
run:
        .functype run () -> ()
        call f
        end_function
# --- libw.wat
(module
  (@dylink.0 (mem-info))
  (func (export "__wrap_f") (result i32) i32.const 1))
# --- EXPECT
error: function signature mismatch: __wrap_f
>>> defined as () -> i32 in libw.so
>>> defined as () -> void in c.o
