#include <string.h>
#include "ops.h"

int op_add(int a, int b) { return a + b; }
int op_sub(int a, int b) { return a - b; }
int op_mul(int a, int b) { return a * b; }
static int op_mod(int a, int b) { return b ? a % b : 0; }
static int op_pow(int a, int b) {
    int r = 1;
    while (b-- > 0)
        r *= a;
    return r;
}

const struct op op_table[] = {
    {"add", op_add}, {"sub", op_sub}, {"mul", op_mul}, {"mod", op_mod}, {"pow", op_pow},
};
const int op_count = sizeof op_table / sizeof op_table[0];

binop lookup(const char *name) {
    for (int i = 0; i < op_count; i++)
        if (!strcmp(op_table[i].name, name))
            return op_table[i].fn;
    return 0;
}

binop addr_of_add_from_ops(void) { return op_add; }

static double twice(double x) { return 2 * x; }
static double square(double x) { return x * x; }
static double negate(double x) { return -x; }
static unop_d const unaries[] = {twice, square, negate};

unop_d pick_unary(int which) { return unaries[which % 3]; }

void for_each_op(visitor v, void *ctx) {
    for (int i = 0; i < op_count; i++)
        v(op_table[i].name, op_table[i].fn(7, 3), ctx);
}
