# Without GC every custom section's relocations are scanned, as lld's are then live: a missing
# symbol that only debug information names is an error, once for each reference.
# RUN: --no-gc-sections a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .section .debug_info,"",@
        .int32  ext_data
        .int32  ext_data+4
        .int32  _start
# --- EXPECT
error: a.o: undefined symbol: ext_data
error: a.o: undefined symbol: ext_data
