# `__stack_pointer`, which the linker makes before it reads the inputs (mutable, of the address
# width), imported as an immutable global: `Global type mismatch`, as in wasm-ld-19.
# RUN: a.o
# --- a.s
.globaltype __stack_pointer, i32, immutable
.globl _start
_start:
.functype _start () -> (i32)
  global.get __stack_pointer
  end_function
# --- EXPECT
error: Global type mismatch: __stack_pointer
>>> defined as var i32 in <internal>
>>> defined as const i32 in a.o
