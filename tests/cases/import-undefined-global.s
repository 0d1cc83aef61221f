# --import-undefined lets missing functions be imported, not missing globals (lld's
# `allowUndefined`): a global.get of one is an undefined symbol, as wasm-ld-19 reports it.
# With --allow-undefined (which also ignores what is missing) it is imported.
# RUN: --no-entry --export=keep --import-undefined w.o
# --- w.s
        .globaltype missing, i32
        .section .text.keep,"",@
        .globl keep
keep:
        .functype keep () -> (i32)
        global.get missing
        end_function
# --- EXPECT
error: w.o: undefined symbol: missing
