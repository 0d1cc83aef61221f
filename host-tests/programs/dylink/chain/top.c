/* libtop.so: needs libmid.so; calls function pointers the main module hands it. */
#include "../dl.h"

extern int mid_value;
extern int (*mid_fp)(int, int);
int base_add(int, int);

static int top_local(int x) { return x * 3; }
int (*top_local_fp)(int) = top_local;

int top_apply(int (*f)(int), int x) { return f(x); }
int top_compare(void) { return mid_fp == base_add; }
int top_twice(int x) { return top_local_fp(x) * 2; }
void *top_addr_of_base_add(void) { return (void *)base_add; }

__attribute__((constructor)) static void top_ctor(void) {
    out("ctor top: mid_value ");
    out_int(mid_value);
    nl();
}
