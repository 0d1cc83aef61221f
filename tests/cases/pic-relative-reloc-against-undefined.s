# An offset from `__memory_base` or `__table_base` (MBREL, TBREL) of a missing symbol is an error
# even where missing symbols are allowed, as in LLD 20 and later: wasm-ld 19 writes the base
# itself, the address of something else.
# RUN: --experimental-pic -shared --unresolved-symbols=ignore-all a.o
# --- a.s
.globaltype __memory_base, i32, immutable
.globaltype	__table_base, i32, immutable

.functype external_func () -> ()

call_undefined_function:
    .functype call_undefined_function () -> ()
    global.get  __table_base
    i32.const external_func@TBREL
    i32.add
    call_indirect () -> ()
    end_function

access_undefined_data:
    .functype access_undefined_data () -> ()
    global.get  __memory_base
    i32.const external_data@MBREL
    i32.add
    i32.load 0
    drop
    end_function

.globl _start
_start:
    .functype _start () -> ()
    call call_undefined_function
    call access_undefined_data
    end_function
# --- EXPECT
error: a.o: relocation R_WASM_TABLE_INDEX_REL_SLEB is not supported against an undefined symbol `external_func`
error: a.o: relocation R_WASM_MEMORY_ADDR_REL_SLEB is not supported against an undefined symbol `external_data`
