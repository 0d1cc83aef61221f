/* libhook.so, linked with -Bsymbolic: a weak function whose address the library takes. The
 * function is imported as well as defined (the program may provide it), so its table slot, and
 * the internal GOT entry -Bsymbolic gives it, hold the import: a call through the pointer goes
 * to whichever definition the loader bound. */
#include "../dl.h"

__attribute__((weak)) const char *hook(void) { return "the library's weak hook"; }

static const char *other(void) { return "another function"; }
const char *(*volatile lib_other)(void) = other;

const char *lib_call_hook_through_pointer(void) {
    const char *(*volatile f)(void) = hook;
    return f();
}
