# A library's data export of a name an object calls is a type mismatch, as in LLD 23 (wasm-ld 19
# binds the call to the data and crashes writing it).
# RUN: --experimental-pic -pie main.o libf.so
# --- main.s
        .functype f () -> ()
        .globl  _start
_start:
        .functype _start () -> ()
        call f
        end_function
# --- libf.wat
(module
  (@dylink.0 (mem-info (memory 4 2)))
  (import "env" "memory" (memory 1))
  (import "env" "__memory_base" (global i32))
  (global (export "f") i32 (i32.const 0))
  (data (global.get 0) "\01\00\00\00"))
# --- EXPECT
error: symbol type mismatch: f
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in main.o
>>> defined as WASM_SYMBOL_TYPE_DATA in libf.so
