/* libplugin.so: opened with dlopen by the main module; needs libbase.so (already loaded). */
#include "../dl.h"

extern int base_counter;
int base_add(int, int);

int plugin_data = 42;
int *plugin_base_ptr = &base_counter;
int plugin_ctor_ran;

int plugin_fn(int x) { return base_add(x, plugin_data); }
void *plugin_base_add(void) { return (void *)base_add; }

__attribute__((constructor)) static void plugin_ctor(void) {
    plugin_ctor_ran = 1;
    out("ctor plugin: base_counter ");
    out_int(base_counter);
    nl();
}
