/* The program's entry point, as newer wasi-libc releases write crt1-command.c: _start runs the
 * main module's constructors and, after main, the destructors (wasi-libc's __wasm_call_dtors:
 * atexit functions, then stdio flushed), itself.
 *
 * The 2022 snapshot's crt1-command.o calls neither: it leaves both to the command-export wrapper
 * that wasm-ld makes around _start in an ordinary executable. wasm-ld makes no such wrapper in a
 * -pie module (its loader runs constructors), so a PIE main module with that crt1-command.o
 * would never flush stdout. wasm-ld-19 refuses to link one anyway ("__wasm_call_dtors must be a
 * function": libc.so's __wasm_call_dtors is a shared function, not a defined one); see
 * host-tests/programs/dylink/README.md. */
#include <stdlib.h>

extern void __wasm_call_ctors(void);
extern void __wasm_call_dtors(void);
extern int __main_void(void);

__attribute__((export_name("_start"))) void _start(void) {
    __wasm_call_ctors();
    int r = __main_void(); /* libc.so's: argv from WASI, then the program's main(argc, argv) */
    __wasm_call_dtors();
    if (r != 0)
        _Exit(r);
}
