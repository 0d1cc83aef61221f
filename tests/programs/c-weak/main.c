/* Weak symbols: weak vs strong definitions, two weak definitions, weak aliases, weak undefined
   references (null when nothing defines them), and the rule that an archive member is not
   extracted to satisfy a weak reference or to replace a weak definition. */
#include <stdio.h>
#include "weak.h"

__attribute__((weak)) const char *twice_weak(void) { return "twice_weak from main.c"; }
__attribute__((weak)) int config_value(void) { return 1; }

extern int never_defined(void) __attribute__((weak));
extern int never_defined_data __attribute__((weak));
extern int lazy_feature(void) __attribute__((weak));  /* only in an archive member not pulled */
extern int maybe_feature(void) __attribute__((weak)); /* in an archive member that is pulled */

int main(void) {
    printf("greeting: %s\n", greeting());
    printf("tunable: %d\n", tunable);
    printf("twice_weak: %s\n", twice_weak());
    printf("only_weak: %d\n", only_weak());
    printf("alias_fn(3): %d same=%d\n", alias_fn(3), alias_fn(7) == real_impl(7));
    printf("config_value: %d\n", config_value());
    printf("never_defined: %s\n", never_defined ? "present" : "absent");
    printf("never_defined_data: %s\n", &never_defined_data ? "present" : "absent");
    printf("lazy_feature: %s\n", lazy_feature ? "present" : "absent");
    printf("extra_entry: %d\n", extra_entry());
    if (maybe_feature)
        printf("maybe_feature: present %d\n", maybe_feature());
    else
        printf("maybe_feature: absent\n");
    return 0;
}
