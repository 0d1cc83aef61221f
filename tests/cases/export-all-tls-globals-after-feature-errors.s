# Where a feature the link needs is missing, that is what both linkers report: wasm-ld-19 stops
# before checking exports against `mutable-globals`, so `__tls_size` and `__tls_align` bring no
# errors of their own (see export-all-tls-globals-need-mutable-globals).
# RUN: --shared-memory --export-all t.o
# --- t.s
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> ()
        end_function
        .section .tdata.v,"T",@
        .globl v
v:
        .int32 1
        .size v, 4
# --- EXPECT
error: 'atomics' feature must be used in order to use shared memory
error: 'bulk-memory' feature must be used in order to use shared memory
error: 'atomics' feature must be used in order to use thread-local storage
error: 'bulk-memory' feature must be used in order to use thread-local storage
