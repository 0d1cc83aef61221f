/* The chain's libraries as `wasm-tools component link` links them: this "main" is a -shared
 * library too, exporting the component's `run`. */
#include "../dl.h"

extern int base_counter;
extern int *mid_ptr;
extern int (*mid_fp)(int, int);
int base_add(int, int);
const char *base_call_hook(void);
int top_apply(int (*f)(int), int x);
int top_twice(int x);
void *top_addr_of_base_add(void);

static int triple_plus_one(int x) { return x * 3 + 1; }

int run(void) {
    out("component: mid_ptr == &base_counter: ");
    out_yes(mid_ptr == &base_counter);
    out(", *mid_ptr ");
    out_int(*mid_ptr);
    nl();
    out("component: mid_fp == &base_add: ");
    out_yes(mid_fp == base_add);
    out(", libtop's &base_add == mine: ");
    out_yes(top_addr_of_base_add() == (void *)base_add);
    nl();
    out("component: top_apply(static function, 5) ");
    out_int(top_apply(triple_plus_one, 5));
    out(", top_twice(4) ");
    out_int(top_twice(4));
    nl();
    out("component: hook() from libbase: ");
    out(base_call_hook());
    nl();
    return base_add(40, 2);
}
