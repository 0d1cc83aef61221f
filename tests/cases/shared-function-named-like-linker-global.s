# A library's function named as the global a PIC module imports (`__stack_pointer`, which the
# linker makes before it reads the inputs) is a type mismatch, as in wasm-ld.
# RUN: --experimental-pic -pie main.o libsp.so
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- libsp.wat
(module
  (@dylink.0 (mem-info))
  (func (export "__stack_pointer")))
# --- EXPECT
error: symbol type mismatch: __stack_pointer
>>> defined as WASM_SYMBOL_TYPE_GLOBAL in <internal>
>>> defined as WASM_SYMBOL_TYPE_FUNCTION in libsp.so
