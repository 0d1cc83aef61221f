/* Indirect calls through the function table: pointers stored in static data of another TU,
   pointers to static functions escaping their TU, pointer identity across TUs, callbacks,
   and calls of different signatures. */
#include <stdio.h>
#include "ops.h"

struct acc {
    int total;
    int calls;
};

static void visit(const char *name, int value, void *ctx) {
    struct acc *a = ctx;
    a->total += value;
    a->calls++;
    printf("visit %s(7,3)=%d\n", name, value);
}

/* Function pointers in this TU's data, some pointing into ops.c. */
static binop local_table[] = {op_mul, op_add, op_sub};
static void (*const visitor_ptr)(const char *, int, void *) = visit;

static int apply_all(binop *fns, int n, int x, int y) {
    int r = 0;
    for (int i = 0; i < n; i++)
        r = r * 31 + fns[i](x, y);
    return r;
}

typedef long long (*wide_fn)(long long, int, double);
static long long wide(long long a, int b, double c) { return a * b + (long long)c; }

int main(void) {
    for (int i = 0; i < op_count; i++)
        printf("%s(12,5)=%d\n", op_table[i].name, op_table[i].fn(12, 5));

    binop m = lookup("mod"), p = lookup("pow"), none = lookup("nope");
    printf("lookup mod=%d pow=%d none_is_null=%d\n", m(17, 5), p(3, 4), none == 0);

    /* The same function's address must be equal wherever it is taken. */
    printf("addr equal: %d %d %d\n", addr_of_add_from_ops() == op_add, lookup("add") == op_add,
           local_table[1] == op_add);
    printf("addr distinct: %d\n", (binop)op_add != (binop)op_sub);

    printf("apply_all=%d\n", apply_all(local_table, 3, 9, 4));

    for (int i = 0; i < 3; i++)
        printf("unary[%d](1.5)=%.2f\n", i, pick_unary(i)(1.5));

    struct acc a = {0, 0};
    for_each_op(visitor_ptr, &a);
    printf("visited calls=%d total=%d\n", a.calls, a.total);

    wide_fn w = wide;
    volatile wide_fn vw = w;
    printf("wide=%lld\n", vw(1LL << 33, 3, 2.9));
    return 0;
}
