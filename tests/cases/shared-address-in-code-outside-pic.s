# Code at a fixed address cannot take a shared library's function's address (its table slot is
# the loader's): LLD 21's error.
# RUN: -Bdynamic main.o libret32.so
# --- main.s
        .functype ret32 (f32) -> (i32)
        .globl  _start
_start:
        .functype _start () -> ()
        i32.const ret32
        drop
        end_function
# --- libret32.wat
(module
  (@dylink.0 (mem-info))
  (func (export "ret32") (param f32) (result i32) i32.const 0))
# --- EXPECT
error: main.o: relocation R_WASM_TABLE_INDEX_SLEB cannot be used against symbol `ret32`; recompile with -fPIC
