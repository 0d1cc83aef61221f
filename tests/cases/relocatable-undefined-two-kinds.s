# `-r`: one name referenced as a function by one object and as data by another, both undefined.
# A final link checks kinds against a definition only; one symbol of the object `-r` writes
# cannot be both, so it is an error here (wasm-ld-19 crashes; wasmlink used to write a data
# relocation against the function symbol, which no linker reads back).
# RUN: -r a.o b.o
# --- a.s
.functype f () -> ()
.globl call_f
call_f:
.functype call_f () -> ()
  call f
  end_function
# --- b.s
.globl addr_f
addr_f:
.functype addr_f () -> (i32)
  i32.const f
  end_function
# --- EXPECT
error: symbol type mismatch: f
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in a.o
>>> defined as WASM_SYMBOL_TYPE_DATA in b.o
