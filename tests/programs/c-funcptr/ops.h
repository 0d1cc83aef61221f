#ifndef OPS_H
#define OPS_H

typedef int (*binop)(int, int);
typedef double (*unop_d)(double);
typedef void (*visitor)(const char *name, int value, void *ctx);

struct op {
    const char *name;
    binop fn;
};

extern const struct op op_table[];   /* function pointers in static data, defined in ops.c */
extern const int op_count;

int op_add(int, int);
int op_sub(int, int);
int op_mul(int, int);
binop lookup(const char *name);     /* returns a pointer to a (possibly static) function */
binop addr_of_add_from_ops(void);  /* &op_add taken in ops.c */
unop_d pick_unary(int which);
void for_each_op(visitor v, void *ctx);
#endif
