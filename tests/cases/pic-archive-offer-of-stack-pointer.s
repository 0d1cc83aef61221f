# In PIC output the linker's `__stack_pointer` is undefined (an import) before any input is
# read, so an archive member offering the name is extracted at once, as in wasm-ld, even though
# nothing else references it; here it is a function, a type mismatch.
# RUN: --experimental-pic -pie main.o libsp.a
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- sp.s
        .globl  __stack_pointer
__stack_pointer:
        .functype __stack_pointer () -> ()
        end_function
# --- libsp.a sp.o
# --- EXPECT
error: symbol type mismatch: __stack_pointer
>>> defined as WASM_SYMBOL_TYPE_GLOBAL in <internal>
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in libsp.a(sp.o)
