/* The main module (-pie) of the -Bsymbolic test: needs libhook.so; with OVERRIDE it defines
 * (and exports) the hook the library calls through a pointer. */
#include "../dl.h"

const char *lib_call_hook_through_pointer(void);
void __wasm_call_ctors(void);

#ifdef OVERRIDE
const char *hook(void) { return "main's strong hook"; }
#endif

void _start(void) {
    __wasm_call_ctors();
    out("through the library's pointer: ");
    out(lib_call_hook_through_pointer());
    nl();
}
