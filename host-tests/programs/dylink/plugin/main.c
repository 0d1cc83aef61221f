/* The main module (-pie) of the dlopen test: needs libbase.so, opens libplugin.so. */
#include "../dl.h"

extern int base_counter;
int base_add(int, int);
void __wasm_call_ctors(void);

static void report(const char *what, const void *p) {
    out(what);
    if (p) {
        out(": ok\n");
    } else {
        const char *e = dlerror();
        out(": error: ");
        out(e ? e : "(no dlerror)");
        nl();
    }
}

void _start(void) {
    __wasm_call_ctors();
    out("before dlopen\n");
    void *h = dlopen("libplugin.so", RTLD_NOW);
    report("dlopen libplugin.so", h);
    if (!h)
        dl_proc_exit(1);
    int (*fn)(int) = (int (*)(int))dlsym(h, "plugin_fn");
    int *data = (int *)dlsym(h, "plugin_data");
    int **bp = (int **)dlsym(h, "plugin_base_ptr");
    void *(*pba)(void) = (void *(*)(void))dlsym(h, "plugin_base_add");
    report("dlsym plugin_fn", (void *)fn);
    report("dlsym plugin_data", data);
    out("plugin_fn(1) ");
    out_int(fn(1));
    out(", plugin_data ");
    out_int(*data);
    nl();
    *data = 100;
    out("after a store through the dlsym'd pointer, plugin_fn(1) ");
    out_int(fn(1));
    nl();
    out("plugin_base_ptr == &base_counter: ");
    out_yes(*bp == &base_counter);
    nl();
    out("the plugin's &base_add == main's: ");
    out_yes(pba() == (void *)base_add);
    out(", dlsym(h, \"base_add\") == main's: ");
    out_yes(dlsym(h, "base_add") == (void *)base_add);
    out(", dlsym(h, \"plugin_fn\") again is the same: ");
    out_yes(dlsym(h, "plugin_fn") == (void *)fn);
    nl();
    out("local: dlsym(RTLD_DEFAULT, \"plugin_fn\") is null: ");
    out_yes(dlsym(RTLD_DEFAULT, "plugin_fn") == 0);
    dlerror();
    out(", dlsym(RTLD_DEFAULT, \"base_add\") == main's: ");
    out_yes(dlsym(RTLD_DEFAULT, "base_add") == (void *)base_add);
    nl();
    void *self = dlopen(0, RTLD_NOW);
    out("dlopen(NULL) finds base_counter: ");
    out_yes(self && dlsym(self, "base_counter") == (void *)&base_counter);
    nl();
    out("dlopen again gives the same handle: ");
    out_yes(dlopen("libplugin.so", RTLD_NOW) == h);
    nl();
    out("RTLD_NOLOAD of a loaded library: ");
    out_yes(dlopen("libplugin.so", RTLD_NOLOAD) == h);
    nl();
    report("dlopen libmissing.so", dlopen("libmissing.so", RTLD_NOW));
    report("dlsym no_such_symbol", dlsym(h, "no_such_symbol"));
    out("dlerror after it was read: ");
    out(dlerror() ? "set" : "null");
    nl();
    out("dlclose: ");
    out_int(dlclose(h));
    out(" ");
    out_int(dlclose(h));
    out(" ");
    out_int(dlclose(h));
    out(", bad handle: ");
    out_int(dlclose((void *)12345));
    nl();
    report("dlsym after the handle count reached zero", dlsym(h, "plugin_fn"));
    void *g = dlopen("libplugin.so", RTLD_NOW | RTLD_GLOBAL);
    out("reopened RTLD_GLOBAL: same handle ");
    out_yes(g == h);
    out(", now in the global scope: ");
    out_yes(dlsym(RTLD_DEFAULT, "plugin_fn") == (void *)fn);
    nl();
}
