#ifndef SORTUTIL_H
#define SORTUTIL_H
#include <stddef.h>

struct person {
    const char *name;
    int age;
    double score;
};

int cmp_int_asc(const void *a, const void *b);
int cmp_int_desc(const void *a, const void *b);
int cmp_str(const void *a, const void *b);
int cmp_person(const void *a, const void *b);
void print_ints(const char *label, const int *v, size_t n);
unsigned lcg_next(unsigned *state);
#endif
