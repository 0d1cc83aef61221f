# A library's function whose name an object defines as data is a type mismatch, as in wasm-ld
# (the definition is not replaced by a library's, but the kinds are checked first).
# RUN: --experimental-pic -pie main.o liba.so
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .section .data.a,"",@
        .globl  a
a:
        .int32  1
        .size   a, 4
# --- liba.wat
(module
  (@dylink.0 (mem-info))
  (func (export "a")))
# --- EXPECT
error: symbol type mismatch: a
>>> defined as WASM_SYMBOL_TYPE_DATA in main.o
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in liba.so
