/* A main module at fixed addresses (compiled without -fPIC, linked without -pie) that uses
 * libbase.so (LLD 21's non-PIE dynamic linking): libbase's addresses in its data come from
 * GOT.mem/GOT.func imports, stored by its exported __wasm_apply_data_relocs; calls go through
 * imports. Taking such an address in code would be the linker's -fPIC error. */
#include "../dl.h"

extern int base_counter;
extern int base_array[];
int base_add(int, int);
const char *base_call_hook(void);

int *counter = &base_counter;
int *elem = &base_array[2];
int (*add)(int, int) = base_add;
static int local = 7;
int *local_ptr = &local;

void __wasm_call_ctors(void);

void _start(void) {
    __wasm_call_ctors();
    out("call: base_add(2, 3) = ");
    out_int(base_add(2, 3));
    nl();
    out("data: *counter = ");
    out_int(*counter);
    out(", *elem = ");
    out_int(*elem);
    nl();
    *counter += 10;
    out("data: a store through it is libbase's: ");
    out_int(*counter);
    nl();
    out("fp: add(20, 22) = ");
    out_int(add(20, 22));
    nl();
    out("own data: *local_ptr = ");
    out_int(*local_ptr);
    nl();
    out("hook: ");
    out(base_call_hook());
    nl();
}
