# `-r` with `-shared`: wasm-ld-19 makes a position-independent relocatable object (its GOT
# references kept as imports, a `dylink.0` section). wasmlink does not make one yet, and says so
# rather than write an ordinary object.
# RUN: -r -shared --experimental-pic a.o
# --- a.s
.globl f
f:
.functype f () -> ()
  end_function
# --- EXPECT
error: -r with -shared: not supported yet (wasmlink does not implement a position-independent relocatable object)
