// Linked with --shared-memory and instantiated by many host threads at once
// against one memory (host-tests/tests/stress.rs). No libc, no stack use:
// every function is a leaf over globals.

// .data: counted up by every thread; a second run of __wasm_init_memory
// after any thread started would reset it and lose counts.
int counter_in_data = 1000;
int table_in_data[8] = {3, 1, 4, 1, 5, 9, 2, 6};
// .bss: must read as zero in every instance.
int zeros_in_bss[256];
// .tdata / .tbss: one copy per thread.
_Thread_local int tls_value = 5;
_Thread_local int tls_zero;

// One TLS block per host thread (the host passes distinct indexes).
static char tls_blocks[64][64] __attribute__((aligned(16)));

extern void __wasm_init_tls(void *block);

void setup(int thread) { __wasm_init_tls(tls_blocks[thread]); }

// Returns what this thread saw, packed: bit 0 data table intact, bit 1 bss
// zero, bit 2 tls initial values right.
int check(void) {
    int ok = 0;
    int sum = 0;
    for (int i = 0; i < 8; i++) sum += table_in_data[i];
    if (sum == 31) ok |= 1;
    int nz = 0;
    for (int i = 0; i < 256; i++) nz |= zeros_in_bss[i];
    if (nz == 0) ok |= 2;
    if (tls_value == 5 && tls_zero == 0) ok |= 4;
    return ok;
}

// Adds to the shared counter atomically and to this thread's TLS; returns
// the TLS value, which must be 5 + n for every thread.
int work(int n) {
    for (int i = 0; i < n; i++) {
        __atomic_fetch_add(&counter_in_data, 1, __ATOMIC_SEQ_CST);
        tls_value += 1;
        tls_zero += 2;
    }
    return tls_value + (tls_zero == 2 * n ? 0 : 100000);
}

int counter(void) { return __atomic_load_n(&counter_in_data, __ATOMIC_SEQ_CST); }

// Address of the thread's TLS variable (distinct per thread).
int tls_address(void) { return (int)(long)&tls_value; }

// Reads any word of memory (the host checks __wasm_init_memory_flag).
int load_at(int address) { return __atomic_load_n((int *)(long)address, __ATOMIC_SEQ_CST); }
