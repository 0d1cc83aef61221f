/* The main module (-pie): needs libtop.so (and through it libmid.so, libbase.so). */
#include "../dl.h"

extern int base_counter;
extern int base_array[];
extern int *mid_ptr;
extern int *mid_elem;
extern int (*mid_fp)(int, int);
int base_add(int, int);
const char *base_call_hook(void);
int (*mid_get_fp(void))(int, int);
int mid_has_optional(void);
int mid_has_optional_data(void);
int top_apply(int (*f)(int), int x);
int top_compare(void);
int top_twice(int x);
void *top_addr_of_base_add(void);

void __wasm_call_ctors(void);

/* Overrides libbase's weak hook. */
const char *hook(void) { return "main's strong hook"; }

static int triple_plus_one(int x) { return x * 3 + 1; }

int main_ctor_ran;
__attribute__((constructor)) static void main_ctor(void) {
    main_ctor_ran = 1;
    out("ctor main\n");
}

void _start(void) {
    __wasm_call_ctors();
    out("data: mid_ptr == &base_counter: ");
    out_yes(mid_ptr == &base_counter);
    out(", *mid_ptr ");
    out_int(*mid_ptr);
    nl();
    out("data: mid_elem == &base_array[2]: ");
    out_yes(mid_elem == &base_array[2]);
    out(", *mid_elem ");
    out_int(*mid_elem);
    nl();
    base_counter = 500;
    out("data: a store in main is seen through libmid's pointer: ");
    out_int(*mid_ptr);
    nl();
    out("fp: mid_fp == &base_add: ");
    out_yes(mid_fp == base_add);
    out(", mid_get_fp() == &base_add: ");
    out_yes(mid_get_fp() == base_add);
    out(", libtop's &base_add == main's: ");
    out_yes(top_addr_of_base_add() == (void *)base_add);
    out(", top_compare ");
    out_int(top_compare());
    nl();
    out("fp: mid_fp(2, 3) ");
    out_int(mid_fp(2, 3));
    nl();
    out("callback: top_apply(main's static function, 5) ");
    out_int(top_apply(triple_plus_one, 5));
    nl();
    out("internal fp: top_twice(4) ");
    out_int(top_twice(4));
    nl();
    out("weak: hook() from libbase: ");
    out(base_call_hook());
    nl();
    out("weak undefined: function ");
    out_int(mid_has_optional());
    out(", data ");
    out_int(mid_has_optional_data());
    nl();
    out("main ctor ran: ");
    out_yes(main_ctor_ran);
    nl();
    dl_proc_exit(3);
}
