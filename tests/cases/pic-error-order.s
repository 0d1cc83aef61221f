# A relocation's errors in lld's order: the PIC one (an absolute address) before the missing
# symbol's.
# RUN: --experimental-pic -pie main.o
# --- main.s
        .globl  _start
_start:
        .functype _start () -> (i32)
        i32.const xx
        end_function
# --- EXPECT
error: main.o: relocation R_WASM_MEMORY_ADDR_SLEB cannot be used against symbol `xx`; recompile with -fPIC
error: main.o: undefined symbol: xx
