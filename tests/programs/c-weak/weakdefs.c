#include "weak.h"

/* Overridden by the strong definition in strong.c. */
__attribute__((weak)) const char *greeting(void) { return "weak greeting"; }
__attribute__((weak)) int tunable = 5;

/* Also weakly defined in main.c: with two weak definitions the first in link order wins. */
__attribute__((weak)) const char *twice_weak(void) { return "twice_weak from weakdefs.c"; }

/* Only weak: stays. */
__attribute__((weak)) int only_weak(void) { return 11; }

int real_impl(int x) { return x * 100; }
/* A weak alias of real_impl. */
int alias_fn(int x) __attribute__((weak, alias("real_impl")));
