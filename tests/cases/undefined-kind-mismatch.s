# An undefined function reference to a name another file left undefined as data is a type
# mismatch, as in lld, whose addUndefinedFunction checks undefined symbols too (undefined data
# after a function is not checked).
# RUN: --export=g a.o b.o
# --- a.s
        .globl  g
g:
        .functype g () -> (i32)
        i32.const foo
        end_function
# --- b.s
        .functype foo () -> ()
        .globl  _start
_start:
        .functype _start () -> ()
        call foo
        end_function
# --- EXPECT
error: symbol type mismatch: foo
>>> defined as WASM_SYMBOL_TYPE_DATA in a.o
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in b.o
