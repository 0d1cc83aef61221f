# With shared memory, `--export-all` exports `__tls_size` and `__tls_align`: global symbols, which
# wasm-ld-19 exports only with `mutable-globals`, though they are immutable. Without it, both
# linkers report each (wasmlink linked). Where a feature was already missing, neither reports them.
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
        .section .custom_section.target_features,"",@
        .int8 2
        .int8 43
        .int8 7
        .ascii "atomics"
        .int8 43
        .int8 11
        .ascii "bulk-memory"
# --- EXPECT
error: mutable global exported but 'mutable-globals' feature not present in inputs: `__tls_size`. Use --no-check-features to suppress.
error: mutable global exported but 'mutable-globals' feature not present in inputs: `__tls_align`. Use --no-check-features to suppress.
