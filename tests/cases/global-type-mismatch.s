# A global imported with another type than its definition's is an error, as lld's
# `checkGlobalType` has it, in both orders (here the definition comes second). A mutability
# that differs would not make the module invalid; wasmlink used to link it.
# RUN: c.o d.o
# --- c.s
.globaltype g, i32, immutable
.globl _start
_start:
.functype _start () -> (i32)
  global.get g
  end_function
# --- d.s
.globaltype g, i32
.globl g
g:
# --- EXPECT
error: Global type mismatch: g
>>> defined as const i32 in c.o
>>> defined as var i32 in d.o
