/* libbase.so: the bottom of the NEEDED chain main -> libtop -> libmid -> libbase. */
#include "../dl.h"

int base_counter = 100;
int base_array[4] = {1, 2, 3, 4};
int base_ctor_ran;

int base_add(int a, int b) { return a + b; }

/* Weak: the main module's strong definition wins for every module. */
__attribute__((weak)) const char *hook(void) { return "base's weak hook"; }

const char *base_call_hook(void) { return hook(); }

__attribute__((constructor)) static void base_ctor(void) {
    base_ctor_ran = 1;
    base_counter += 1;
    out("ctor base\n");
}
